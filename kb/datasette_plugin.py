"""Datasette plugin: make kb's identifiers clickable.

Registered as the ``datasette`` entry point ``kb`` (pyproject.toml), and passed with
``--plugins-dir`` by ``kb.serve`` when kb is not installed as a package. One hook,
``render_cell``:

- a Wikidata QID (``qid``, ``*_qid`` columns, P39 values of ``ref_claims``) links to its
  Wikidata page;
- a Wikipedia title (``wikipedia_title``, ``enwiki``) links to the English Wikipedia article;
- kb ids in views and canned queries (``person_id``, ``document_id``, ``sentence_id``,
  ``evidence_id``, ...) link to their row page, so evidence leads to the document and the
  sentence. Real foreign keys on table pages are left to Datasette, which links them itself and
  shows the label of the row they point at.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Optional

from datasette import hookimpl
from datasette.utils import tilde_encode
from markupsafe import Markup, escape

from .store import foreign_keys as schema_foreign_keys, wikipedia_url

__all__ = ["render_cell", "prepare_connection"]

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
    return render_link(row, value, column, table, database, datasette)


#: Read connections map the file and keep a larger page cache: canned queries on a 1M-evidence
#: kb.db read scattered index and row pages, and SQLite's default 2 MB cache re-reads them per
#: request (Datasette keeps a few long-lived read connections, so this costs little memory).
READ_PRAGMAS = ("PRAGMA mmap_size = 1073741824", "PRAGMA cache_size = -65536")


@hookimpl
def prepare_connection(conn, database, datasette):
    """Tune each read connection for big databases (mmap, page cache); read-only stays as is."""
    for pragma in READ_PRAGMAS:
        conn.execute(pragma)


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
