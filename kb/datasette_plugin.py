"""Datasette plugin: kb's hooks into Datasette (cell links, wording functions, pages).

Registered as the ``datasette`` entry point ``kb`` (pyproject.toml), and passed with
``--plugins-dir`` by ``kb.serve`` when kb is not installed as a package.

``render_cell`` links identifiers:

- a Wikidata QID (``qid``, ``*_qid`` columns, P39 values of ``ref_claims``) links to its
  Wikidata page;
- a Wikipedia title (``wikipedia_title``, ``enwiki``) links to the English Wikipedia article;
- kb ids in views and canned queries (``person_id``, ``document_id``, ``sentence_id``,
  ``evidence_id``, ...) link to their row page, so evidence leads to the document and the
  sentence. Real foreign keys on table pages are left to Datasette, which links them itself and
  shows the label of the row they point at;
- an evidence sentence (the ``sentence`` column of ``evidence`` and of canned queries that carry
  an evidence id) is shown with the person, role, organisation and date phrases marked.

The pages (see kb/templates, data from :mod:`kb.pages`): a home page that starts with the four
questions kb answers, a person page (timeline, highlighted evidence), an organisation page, and
the ego-network page ``/-/kb/network`` drawn with the vendored cytoscape.js
(kb/static/vendor). ``prepare_connection`` adds the wording functions of :mod:`kb.query_words`
the canned queries match on.
"""

from __future__ import annotations

import mimetypes
import re
import sqlite3
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional
from urllib.parse import urlencode

from datasette import hookimpl
from datasette.utils import tilde_decode, tilde_encode
from datasette.utils.asgi import Response
from jinja2 import ChoiceLoader, FileSystemLoader
from markupsafe import Markup, escape

from . import pages
from .query_words import register_functions
from .store import foreign_keys as schema_foreign_keys, wikipedia_url

__all__ = ["render_cell", "prepare_connection", "prepare_jinja2_environment", "extra_template_vars", "register_routes",
           "extra_css_urls"]

PACKAGE_DIR = Path(__file__).resolve().parent
TEMPLATES_DIR = PACKAGE_DIR / "templates"
STATIC_DIR = PACKAGE_DIR / "static"

QID_RE = re.compile(r"^Q[1-9][0-9]*$")

#: Column name -> the kb table whose primary key it holds (views and canned-query results).
ID_COLUMNS: dict[str, str] = {
    "person_id": "persons",
    "organization_id": "organizations",
    "position_id": "positions",
    "tenure_id": "tenures",
    "document_id": "documents",
    "sentence_id": "sentences",
    "evidence_id": "evidence",
    "a_evidence_id": "evidence",
    "b_evidence_id": "evidence",
    "example_document_id": "documents",
}

#: Columns holding a comma-separated list of ids (group_concat in views and canned queries).
LIST_COLUMNS: dict[str, str] = {
    "documents": "documents",
    "a_documents": "documents",
    "b_documents": "documents",
    "evidence_ids": "evidence",
}

WIKIPEDIA_COLUMNS = {"wikipedia_title", "enwiki"}


@lru_cache(maxsize=1)
def foreign_keys() -> frozenset[tuple[str, str]]:
    """(table, column) pairs that are declared foreign keys in kb's schema.

    Asked of the store's description of its tables (``kb.store.tables``) so that the plugin
    never hard-codes what the store may change.
    """
    return schema_foreign_keys()


def _link(href: str, text: Any, title: str = "") -> Markup:
    title_attr = Markup(' title="{}"').format(title) if title else Markup("")
    return Markup('<a href="{}"{}>{}</a>').format(href, title_attr, escape(str(text)))


def wikidata_url(qid: str) -> str:
    return f"https://www.wikidata.org/wiki/{qid}"


def is_qid_column(column: str, table: Optional[str]) -> bool:
    """QID columns by name; ``ref_claims.value`` holds QIDs for item-valued properties."""
    return column == "qid" or column.endswith("_qid") or (table == "ref_claims" and column == "value")


def row_url(datasette, database: str, table: str, pk: str) -> str:
    return datasette.urls.row(database, table, tilde_encode(pk))


def _row_value(row, key: str) -> Any:
    try:
        return row[key]
    except (IndexError, KeyError):
        return None


def _id_target(column: str, row) -> Optional[str]:
    """The table an id column points at; ``mentions.entity_id`` depends on ``entity_type``."""
    if column == "entity_id":
        kind = _row_value(row, "entity_type")
        return {"person": "persons", "organization": "organizations"}.get(kind or "")
    return ID_COLUMNS.get(column)


def render_link(row, value: Any, column: str, table: Optional[str], database: str, datasette) -> Optional[Markup]:
    """The link for one cell, or None to let Datasette render it (plain function: testable)."""
    if not isinstance(value, str) or not value:
        return None
    if is_qid_column(column, table) and QID_RE.match(value):
        return _link(wikidata_url(value), value, "Wikidata")
    if column in WIKIPEDIA_COLUMNS:
        return _link(wikipedia_url(value), value, "English Wikipedia")
    if table and (table, column) in foreign_keys():
        return None  # Datasette links declared foreign keys itself, with the target's label
    if column in LIST_COLUMNS:
        target = LIST_COLUMNS[column]
        links = [_link(row_url(datasette, database, target, i), i) for i in value.split(",") if i]
        return Markup(", ").join(links)
    target = _id_target(column, row)
    if target and not (table == target and column == "id"):
        return _link(row_url(datasette, database, target, value), value)
    return None


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    """Datasette hook: see module docstring."""
    return (render_link(row, value, column, table, database, datasette)
            or render_name_link(row, value, column, table, database, datasette)
            or render_evidence_sentence(row, value, column, table, database, datasette))


#: Read connections map the file and keep a larger page cache: canned queries on a 1M-evidence
#: kb.db read scattered index and row pages, and SQLite's default 2 MB cache re-reads them per
#: request (Datasette keeps a few long-lived read connections, so this costs little memory).
READ_PRAGMAS = ("PRAGMA mmap_size = 1073741824", "PRAGMA cache_size = -65536")


@hookimpl
def prepare_connection(conn, database, datasette):
    """Tune each read connection for big databases (mmap, page cache); read-only stays as is."""
    for pragma in READ_PRAGMAS:
        conn.execute(pragma)
    register_functions(conn)


def _plain_error_tracebacks() -> None:
    """Make Datasette answer 404, not 500, on unrouted paths such as ``/-/xyz``.

    Datasette 0.65's default error handler prints every error with ``rich`` (with local
    variables) before rendering the error page. For an unrouted path it is handed a ``NotFound``
    that was never raised, so there is no traceback to print and rich 14+ raises ``ValueError``
    instead: the 404 page became a 500. Without rich, the handler renders the page and prints
    plain tracebacks for real (500) errors only, which also keeps request locals out of logs.
    """
    try:
        from datasette import handle_exception
    except ImportError:  # a Datasette without this module has its own handler
        return
    if getattr(handle_exception, "rich", None) is not None:
        handle_exception.rich = None


_plain_error_tracebacks()


# --------------------------------------------------------------------------------------------
# kb's pages: templates, static files, page data (kept apart from the link rules above)
# --------------------------------------------------------------------------------------------


#: Columns holding an evidence sentence, and the column of the same row naming its evidence row.
SENTENCE_COLUMNS = {"sentence", "example_sentence"}

#: Name columns of canned queries linked to their entity's page when the row carries its id.
NAME_COLUMNS = {"person": ("person_id", "persons"), "position": ("position_id", "positions"),
                "organization": ("organization_id", "organizations")}


def render_name_link(row, value: Any, column: str, table: Optional[str], database: str, datasette) -> Optional[Markup]:
    """A name ('Mark Rutte') in a canned query or view, linked to its page via the row's id column."""
    if table or column not in NAME_COLUMNS or not isinstance(value, str) or not value:
        return None
    id_column, target = NAME_COLUMNS[column]
    entity_id = _row_value(row, id_column)
    if not isinstance(entity_id, str) or not entity_id:
        return None
    return _link(row_url(datasette, database, target, entity_id), value)


def _evidence_id(row, column: str, table: Optional[str]) -> Optional[str]:
    if column not in SENTENCE_COLUMNS:
        return None
    value = _row_value(row, "id") if table == "evidence" else _row_value(row, "evidence_id")
    return value if isinstance(value, str) and value else None


def render_evidence_sentence(row, value: Any, column: str, table: Optional[str], database: str, datasette):
    """An evidence sentence with its phrases marked, or None when the row names no evidence.

    The offsets point into the document: the evidence row's offsets and its sentence's start are
    read by the evidence id (one primary-key lookup per shown cell, HTML pages only).
    """
    evidence_id = _evidence_id(row, column, table)
    if evidence_id is None or not isinstance(value, str):
        return None

    async def marked() -> Markup:
        result = await datasette.get_database(database).execute(
            "SELECT e.*, s.start AS sentence_start FROM evidence e LEFT JOIN sentences s ON s.id = e.sentence_id "
            "WHERE e.id = ?", [evidence_id])
        first = result.first()
        found = dict(zip(result.columns, first)) if first is not None else {}
        if found.get("sentence") != value or not isinstance(found.get("sentence_start"), int):
            return escape(value)
        return pages.highlight(value, pages.evidence_spans(found, found["sentence_start"]))

    return marked


@hookimpl
def prepare_jinja2_environment(env, datasette):
    """kb's templates first: they extend Datasette's own (``default:row.html``) where they can."""
    env.loader = ChoiceLoader([FileSystemLoader(str(TEMPLATES_DIR)), env.loader])
    env.filters["tilde_encode"] = tilde_encode  # row URLs of ids with ':' or '@' in them


def kb_database_name(datasette) -> Optional[str]:
    """The served kb database: ``kb serve`` serves one file, so the first one not internal."""
    for name, db in datasette.databases.items():
        if name != "_internal" and not getattr(db, "is_memory", False):
            return name
    return None


def _examples(conn: sqlite3.Connection) -> dict[str, str]:
    """Example wording for the home page's questions, from the best-attested facts of this db.

    Each is one index walk cut after a row; on an empty database the questions have no example.
    """
    ex: dict[str, str] = {}
    current = conn.execute("""
        SELECT p.name, ps.role, o.name FROM tenures t
        JOIN persons p ON p.id = t.person_id JOIN positions ps ON ps.id = t.position_id
        LEFT JOIN organizations o ON o.id = ps.organization_id
        WHERE t.status = 'current' ORDER BY t.n_evidence DESC, t.id LIMIT 1""").fetchone()
    if current:
        ex["person"] = current[0]
        ex["position"] = f"{current[2]} {current[1]}" if current[2] else current[1]
    dated = conn.execute("""
        SELECT ps.label, t.start, t."end" FROM tenures t JOIN positions ps ON ps.id = t.position_id
        WHERE t.start IS NOT NULL AND t."end" IS NOT NULL ORDER BY t.n_evidence DESC, t.id LIMIT 1""").fetchone()
    if dated:
        lo, hi = int(dated[1][:4]), int(dated[2][:4])
        ex["dated_position"], ex["date"] = dated[0], str((lo + hi) // 2)
    org = conn.execute("""
        SELECT o.name FROM tenures t JOIN organizations o ON o.id = t.organization_id
        ORDER BY t.n_evidence DESC, t.id LIMIT 1""").fetchone()
    if org:
        ex["organization"] = org[0]
    return ex


def questions(datasette, database: str, ex: dict[str, str]) -> list[dict[str, str]]:
    """The four questions of the home page, each a link to its canned query with an example."""
    def link(query: str, **params: str) -> str:
        url = datasette.urls.table(database, query)
        given = {k: v for k, v in params.items() if v is not None}
        return f"{url}?{urlencode(given)}" if given else url

    return [
        {"question": "Who holds a post now?", "example": ex.get("position", ""),
         "href": link("current_holders", position=ex.get("position")),
         "hint": "a role with or without its organisation ('NATO secretary general'), an organisation, or a QID"},
        {"question": "What posts has a person held?", "example": ex.get("person", ""),
         "href": link("person_timeline", person=ex.get("person")),
         "hint": "a name, part of a name, or a QID"},
        {"question": "Who held a post on a date?",
         "example": f"{ex['dated_position']} in {ex['date']}" if "date" in ex else "",
         "href": link("who_held_on_date", position=ex.get("dated_position"), date=ex.get("date")),
         "hint": "a post and a date: YYYY, YYYY-MM or YYYY-MM-DD"},
        {"question": "Who holds posts in an organisation?", "example": ex.get("organization", ""),
         "href": link("organization_people", organization=ex.get("organization")),
         "hint": "a name or its first words ('Apple' finds 'Apple Inc.'), or a QID"},
    ]


def _pk(request) -> Optional[str]:
    pks = request.url_vars.get("pks") if request is not None else None
    return tilde_decode(pks) if pks else None


@hookimpl
def extra_template_vars(template, database, table, view_name, request, datasette):
    """Page data for kb's templates: questions on the home and database pages, the person and
    organisation sections on their row pages, links to the network page."""
    async def inner() -> dict[str, Any]:
        if template in ("index.html", "database.html"):  # not the query pages (also view "database")
            name = database or kb_database_name(datasette)
            if name is None:
                return {}
            ex = await datasette.get_database(name).execute_fn(_examples_or_empty)
            return {"kb_questions": questions(datasette, name, ex), "kb_database": name}
        if view_name == "row" and table in ("persons", "organizations"):
            entity_id = _pk(request)
            reader = pages.person_page if table == "persons" else pages.organization_page
            data = await datasette.get_database(database).execute_fn(lambda conn: reader(conn, entity_id))
            if data is None:
                return {}
            kind = "person" if table == "persons" else "org"
            return {"kb_page": data, "kb_kind": table,
                    "kb_network_url": datasette.urls.path("-/kb/network?" + urlencode({kind: entity_id}))}
        return {}

    return inner


def _examples_or_empty(conn: sqlite3.Connection) -> dict[str, str]:
    try:
        return _examples(conn)
    except sqlite3.Error:  # not a kb database: no examples, the links still work
        return {}


async def network_page(datasette, request) -> Response:
    """The ego-network page: the graph is fetched from network.json by kb/static/network.js."""
    params = {k: request.args.get(k, "") for k in ("person", "org")}
    name = request.args.get("db") or kb_database_name(datasette)
    query = urlencode({k: v for k, v in params.items() if v} | ({"db": name} if name else {}))
    context = {
        "kb_params": params,
        "kb_database": name,
        "kb_data_url": datasette.urls.path(f"-/kb/network.json?{query}"),
        "kb_static": datasette.urls.path("-/kb/static/"),
    }
    return Response.html(await datasette.render_template("kb_network.html", context, request=request))


async def network_json(datasette, request) -> Response:
    """The ego network of ?person= or ?org= (id, QID or exact name) as JSON, read-only."""
    person, org = request.args.get("person"), request.args.get("org")
    if not person and not org:
        return Response.json({"ok": False, "error": "pass ?person=ID or ?org=ID (an id, QID or exact name)"},
                             status=400)
    name = request.args.get("db") or kb_database_name(datasette)
    if name not in datasette.databases:
        return Response.json({"ok": False, "error": f"no database {name!r}"}, status=404)
    if not await datasette.permission_allowed(request.actor, "view-database", resource=name, default=True):
        return Response.json({"ok": False, "error": "not allowed"}, status=403)  # as Datasette's own views
    data = await datasette.get_database(name).execute_fn(lambda conn: pages.ego_network(conn, person=person, org=org))
    if data is None:
        return Response.json({"ok": False, "error": f"{person or org!r} is not in {name}"}, status=404)
    for node in data["nodes"]:
        table = {"person": "persons", "organization": "organizations", "position": "positions"}[node["kind"]]
        node["url"] = datasette.urls.row(name, table, tilde_encode(node["entity_id"]))
    return Response.json({"ok": True, **data})


async def static_file(datasette, request) -> Response:
    """kb's static files (the network script, the vendored graph library): no CDN, works offline."""
    target = (STATIC_DIR / request.url_vars["path"]).resolve()
    if STATIC_DIR not in target.parents or not target.is_file():
        return Response.text("not found", status=404)
    kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
    if target.suffix == ".js":
        kind = "application/javascript; charset=utf-8"
    return Response(target.read_bytes(), content_type=kind, headers={"cache-control": "no-cache"})


@hookimpl
def register_routes(datasette):
    """kb's own pages under /-/kb/: the network page, its JSON, and kb's static files."""
    return [
        (r"^/-/kb/network$", network_page),
        (r"^/-/kb/network\.json$", network_json),
        (r"^/-/kb/static/(?P<path>.+)$", static_file),
    ]


@hookimpl
def extra_css_urls(datasette):
    """kb.css on every page: the evidence marks' colours on table pages too."""
    return [datasette.urls.path("-/kb/static/kb.css")]
