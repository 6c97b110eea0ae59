"""kb.db -> a networkx graph: the projection, its filters (dates, --org, --ego, weights) and
the attribute values every node and edge gets.

The graph is a projection of the tenures table (design notes: "a tenure is a row with its own
evidence, not an edge attribute: graphs are projections of it"):

* nodes: persons, organisations and positions (role + organisation), each with ``label``, a
  categorical ``type`` (Gephi's partition), ``qid``, ``wikipedia_url`` and counts;
* edges: person -> position ``holds`` (one per tenure), position -> organisation ``part_of``,
  and, on request, ``comention`` edges weighted by the number of shared documents.

Attribute hygiene is enforced here and checked again by every writer
(``kb.export.attributes``), because each client fails differently on bad values: values are
str/int/float/bool only, each attribute keeps one type everywhere, unknown numbers are left
out (no sentinel), and unknown text is ``""``.

Timeline: a holds edge carries ``start``/``end`` as ISO dates (month or year precision goes
out as the first day of the period, the precision stays in ``start_precision``/
``end_precision``). Gephi warns on open intervals, so an open end is closed at the as-of date
and the static ``end_date`` stays empty, ``status`` says ``current``.

The writers are in ``kb.export`` (``gexf``, ``graphml``, ``csv``: one module per format) and
stay importable from here as the README documents them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Iterable, Iterator, NamedTuple, Optional

import networkx as nx
import sqlite_utils

from .errors import ExportError
from .export.attributes import attribute_types
from .export.csv import write_csv
from .export.gexf import GEXF_NS, write_gexf
from .export.graphml import write_graphml
from .names import name_key
from .prefixdate import first_day, last_day, split
from .store import open_db, wikipedia_url

#: The writers live in kb.export (one module per format); these names stay importable from
#: kb.graph, where the README has always documented them.
__all__ = ["build_graph", "tenure_interval", "newest_article_date", "first_day", "last_day",
           "write_gexf", "write_graphml", "write_csv", "attribute_types", "GEXF_NS"]

_ENTITY_TABLES = {"person": ("persons", "name"), "organization": ("organizations", "name"), "position": ("positions", "label")}


# --------------------------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------------------------


def _filter_date(value: Optional[str], option: str, *, last: bool) -> Optional[str]:
    """Parse a --since/--until/--as-of value, raising ExportError that says what is accepted."""
    if value is None:
        return None
    text = str(value).strip()
    parsed = last_day(text) if last else first_day(text)
    if not parsed:
        raise ExportError(
            f"bad {option} date {value!r}: give YYYY, YYYY-MM or YYYY-MM-DD (e.g. {option} 2020-05)"
        )
    return parsed


def tenure_interval(
    start: Optional[str],
    end: Optional[str],
    status: Optional[str],
    first_seen: Optional[str],
    last_seen: Optional[str],
    as_of: str,
) -> tuple[str, str]:
    """The closed [start, end] interval (ISO days) a tenure occupies on the timeline.

    Known dates win (first day of their period). An unknown start is bounded by what is
    known: the first article that reports the tenure, or its end. An unknown end of a tenure
    that is not known to be over is closed at ``as_of`` (Gephi warns on open intervals); a
    former tenure without an end date is closed at the last article reporting it. An end
    before the start (flagged data) collapses to the start day rather than a negative span.
    """
    begin = first_day(start)
    finish = first_day(end)
    if not begin:
        bounds = [d for d in (first_day(first_seen), finish) if d]
        begin = min(bounds) if bounds else as_of
    if not finish:
        if status == "former":
            finish = first_day(last_seen) or begin
        else:
            finish = as_of
    if finish < begin:
        finish = begin
    return begin, finish


# --------------------------------------------------------------------------------------------
# Filters
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Filters:
    """Parsed and validated export filters."""

    as_of: str
    as_of_given: bool
    since: Optional[str]
    until: Optional[str]
    min_weight: int

    def keeps(self, begin: str, finish: str) -> bool:
        """Whether a tenure interval belongs in the export."""
        if self.as_of_given and begin > self.as_of:
            return False  # not yet begun at the as-of date
        if self.since and finish < self.since:
            return False
        if self.until and begin > self.until:
            return False
        return True


def _parse_filters(
    db: sqlite_utils.Database,
    as_of: Optional[str],
    since: Optional[str],
    until: Optional[str],
    min_weight: int,
    depth: int,
) -> _Filters:
    since_day = _filter_date(since, "--since", last=False)
    until_day = _filter_date(until, "--until", last=True)
    if since_day and until_day and since_day > until_day:
        raise ExportError(f"--since {since} is after --until {until}: swap them")
    if not isinstance(min_weight, int) or min_weight < 1:
        raise ExportError(f"--min-weight must be a whole number >= 1, got {min_weight!r}")
    if not isinstance(depth, int) or depth < 0:
        raise ExportError(f"--depth must be a whole number >= 0, got {depth!r}")
    as_of_day = _filter_date(as_of, "--as-of", last=True)
    return _Filters(
        as_of=as_of_day or newest_article_date(db),
        as_of_given=as_of_day is not None,
        since=since_day,
        until=until_day,
        min_weight=min_weight,
    )


def newest_article_date(db: sqlite_utils.Database) -> str:
    """Default as-of date: the newest published date in kb.db (today if none is known).

    The newest article is the latest moment the knowledge base can speak for, so open
    tenures are shown as lasting until then, not until an arbitrary "now".
    """
    row = db.execute(
        "SELECT max(substr(published, 1, 10)) FROM documents WHERE published IS NOT NULL AND published != ''"
    ).fetchone()
    return first_day(row[0]) if row and row[0] and first_day(row[0]) else date.today().isoformat()


# --------------------------------------------------------------------------------------------
# Resolving --org / --ego
# --------------------------------------------------------------------------------------------

def _resolve(db: sqlite_utils.Database, ref: str, kinds: Iterable[str], option: str) -> set[str]:
    """Ids of the entities a QID, id or name refers to (all of them when a name is shared).

    A name can belong to a linked entity in one document and an unlinked one in another;
    taking all matches keeps both rather than silently choosing.
    """
    ref = (ref or "").strip()
    if not ref:
        raise ExportError(f"{option} needs a QID (e.g. Q458) or a name")
    key = name_key(ref)
    found: set[str] = set()
    names: list[str] = []
    for kind in kinds:
        table, column = _ENTITY_TABLES[kind]
        for row in db.execute(f"SELECT id, qid, [{column}] FROM [{table}]"):
            if ref in (row[0], row[1]) or name_key(row[2] or "") == key:
                found.add(row[0])
            names.append(row[2] or "")
    if not found:
        raise ExportError(f"unknown {option} {ref!r}: {_suggest(ref, names)}")
    return found


def _suggest(ref: str, names: list[str]) -> str:
    """How-to-fix text with the closest stored names (rapidfuzz when installed)."""
    hint = "give a QID or a name as stored in kb.db (browse it with `kb serve`)"
    try:
        from rapidfuzz import process
    except ImportError:  # pragma: no cover - rapidfuzz is a dependency
        return hint
    close = [m[0] for m in process.extract(ref, list(set(names)), limit=3, score_cutoff=60)]
    return hint + (f"; close matches: {', '.join(close)}" if close else "")


# --------------------------------------------------------------------------------------------
# Reading kb.db
# --------------------------------------------------------------------------------------------


def _open(db: sqlite_utils.Database | str | Path) -> tuple[sqlite_utils.Database, bool]:
    """Accept an open database or a path; a path that does not exist is a user error."""
    if isinstance(db, sqlite_utils.Database):
        return db, False
    path = Path(db)
    if not path.exists():
        raise ExportError(f"{path} does not exist: build it first with `kb build INPUT --db {path}`")
    return open_db(path, create=False), True


def _text(value: Any) -> str:
    """Text attribute: "" for unknown, whitespace collapsed (GEXF labels are xs:token)."""
    return " ".join(str(value).split()) if value not in (None, "") else ""


def _year(value: Optional[str]) -> Optional[int]:
    parts = split(value or "")
    return parts[0] if parts else None


def _countries(db: sqlite_utils.Database, table: str, prop: str) -> dict[str, str]:
    """Entity id -> country label from reference claims (P27 citizenship, P17 country).

    Current claims (no end date) win over ended ones; the label comes from ref_entities,
    else the raw value (a QID), so the attribute is never a list.
    """
    sql = (
        f"SELECT e.id, coalesce(r.label, c.value) FROM [{table}] e "
        "JOIN ref_claims c ON c.qid = e.qid AND c.property = ? "
        "LEFT JOIN ref_entities r ON r.qid = c.value "
        'ORDER BY e.id, c."end" IS NOT NULL, c.start DESC'
    )
    out: dict[str, str] = {}
    for eid, label in db.execute(sql, [prop]):
        out.setdefault(eid, _text(label))
    return out


def _person_nodes(db: sqlite_utils.Database) -> Iterator[tuple[str, dict[str, Any]]]:
    countries = _countries(db, "persons", "P27")
    sql = (
        "SELECT p.id, p.name, p.qid, p.wikipedia_url, p.description, p.n_documents, p.n_mentions, "
        "coalesce(p.birth_date, r.birth_date), coalesce(p.death_date, r.death_date) "
        "FROM persons p LEFT JOIN ref_entities r ON r.qid = p.qid"
    )
    for pid, name, qid, url, desc, n_docs, n_ments, born, died in db.execute(sql):
        attrs: dict[str, Any] = _common(name or pid, "person", qid, url, desc, n_docs)
        attrs["n_mentions"] = int(n_ments or 0)
        attrs["country"] = countries.get(pid, "")
        for key, value in (("birth_year", _year(born)), ("death_year", _year(died))):
            if value is not None:
                attrs[key] = value
        yield pid, attrs


def _organization_nodes(db: sqlite_utils.Database) -> Iterator[tuple[str, dict[str, Any]]]:
    countries = _countries(db, "organizations", "P17")
    sql = "SELECT id, name, qid, wikipedia_url, description, n_documents, n_mentions FROM organizations"
    for oid, name, qid, url, desc, n_docs, n_ments in db.execute(sql):
        attrs = _common(name or oid, "organization", qid, url, desc, n_docs)
        attrs["n_mentions"] = int(n_ments or 0)
        attrs["country"] = countries.get(oid, "")
        yield oid, attrs


def _position_nodes(db: sqlite_utils.Database, wanted: set[str]) -> Iterator[tuple[str, dict[str, Any]]]:
    docs = dict(
        db.execute(
            "SELECT t.position_id, count(DISTINCT e.document_id) FROM tenures t "
            "JOIN evidence e ON e.tenure_id = t.id GROUP BY t.position_id"
        ).fetchall()
    )
    sql = (
        "SELECT p.id, p.label, p.role, p.qid, p.wikipedia_title, p.organization_id, o.name "
        "FROM positions p LEFT JOIN organizations o ON o.id = p.organization_id"
    )
    for pid, label, role, qid, title, org_id, org_name in db.execute(sql):
        if pid not in wanted:
            continue
        attrs = _common(label or role or pid, "position", qid, wikipedia_url(title), "", docs.get(pid, 0))
        attrs["role"] = _text(role)
        attrs["organization"] = _text(org_name or org_id)
        yield pid, attrs


def _post_nodes(db: sqlite_utils.Database, tenures: list["_TenureRow"]) -> dict[str, dict[str, Any]]:
    """Post nodes in positions-table order; a holder's own post (see :func:`_post_of`) comes
    right after where its position would be, with the documents of that holder's tenures."""
    positions = dict(_position_nodes(db, {t.position_id for t in tenures}))
    own: dict[str, list[_TenureRow]] = {}
    seen: set[str] = set()
    for ten in tenures:
        if ten.post != ten.position_id and ten.post not in seen:
            seen.add(ten.post)
            own.setdefault(ten.position_id, []).append(ten)
    if not own:
        return positions
    shared = {t.position_id for t in tenures if t.post == t.position_id}
    docs = _holder_documents(db, set(own))
    posts: dict[str, dict[str, Any]] = {}
    for pid, attrs in positions.items():
        if pid in shared:
            posts[pid] = attrs
        for ten in own.get(pid, []):
            posts[ten.post] = {**attrs, "n_documents": docs.get((pid, ten.person_id), 0)}
    return posts


def _holder_documents(db: sqlite_utils.Database, position_ids: set[str]) -> dict[tuple[str, str], int]:
    """(position, person) -> documents with evidence of that person holding that position."""
    rows = db.execute(
        "SELECT t.position_id, t.person_id, count(DISTINCT e.document_id) FROM tenures t "
        "JOIN evidence e ON e.tenure_id = t.id "
        "WHERE t.position_id IN (SELECT id FROM positions WHERE organization_id IS NULL) "
        "GROUP BY t.position_id, t.person_id"
    )
    return {(pos, person): n for pos, person, n in rows if pos in position_ids}


def _common(label: str, type_: str, qid: Any, url: Any, desc: Any, n_docs: Any) -> dict[str, Any]:
    return {
        "label": _text(label),
        "type": type_,
        "qid": _text(qid),
        "wikipedia_url": _text(url),
        "description": _text(desc),
        "n_documents": int(n_docs or 0),
    }


class _TenureRow(NamedTuple):
    id: str
    person_id: str
    position_id: str
    organization_id: Optional[str]
    attrs: dict[str, Any]
    post: str  # the graph node of the post: the position, or the holder's own (see _post_of)


def _post_of(person_id: str, position_id: str, organization_id: Optional[str], position_qid: str) -> str:
    """The node a tenure's holds edge points at.

    A post is (role, organisation). When the organisation is unknown and the post has no QID,
    "chief executive officer" names a different post for each holder (each one's own company):
    one shared node would join unrelated people through it. Such a post is therefore a node
    per holder; a post with a QID ("President of the United States") or an organisation stays
    one node for all its holders.
    """
    if organization_id or position_qid:
        return position_id
    return f"{position_id}|{person_id}"


def _tenures(db: sqlite_utils.Database, filters: _Filters, org_ids: Optional[set[str]]) -> Iterator[_TenureRow]:
    """Tenures that pass the filters, as holds-edge attributes.

    Unknown text becomes "" in SQL (coalesce), not per row in Python: this loop runs once per
    tenure, 470k times in the benchmark.
    """
    sql = (
        "SELECT t.id, t.person_id, t.position_id, coalesce(t.organization_id, p.organization_id), "
        "coalesce(t.role, ''), coalesce(t.start, ''), "
        "CASE WHEN coalesce(t.start, '') = '' THEN '' ELSE coalesce(t.start_precision, '') END, "
        "coalesce(t.\"end\", ''), "
        "CASE WHEN coalesce(t.\"end\", '') = '' THEN '' ELSE coalesce(t.end_precision, '') END, "
        "coalesce(nullif(t.status, ''), 'unknown'), t.ordinal, coalesce(t.n_documents, 0), "
        "coalesce(t.n_evidence, 0), coalesce(t.flags, ''), e.first_seen, e.last_seen, coalesce(p.qid, '') "
        "FROM tenures t LEFT JOIN positions p ON p.id = t.position_id "
        "LEFT JOIN (SELECT tenure_id, min(substr(published, 1, 10)) AS first_seen, "
        "max(substr(published, 1, 10)) AS last_seen FROM evidence GROUP BY tenure_id) e "
        "ON e.tenure_id = t.id"
    )
    as_of, min_weight, keeps = filters.as_of, filters.min_weight, filters.keeps
    for (tid, person, position, org_id, role, start, start_p, end, end_p, status, ordinal,
         n_docs, n_ev, flags, first_seen, last_seen, position_qid) in db.execute(sql):
        if (org_ids is not None and org_id not in org_ids) or n_docs < min_weight:
            continue
        begin, finish = tenure_interval(start, end, status, first_seen, last_seen, as_of)
        if not keeps(begin, finish):
            continue
        attrs: dict[str, Any] = {
            "label": "holds", "relation": "holds", "weight": float(n_docs),
            "start": begin, "end": finish,
            "start_date": start, "start_precision": start_p, "end_date": end, "end_precision": end_p,
            "status": status, "role": role, "n_evidence": int(n_ev), "flags": flags,
        }
        if ordinal is not None:
            attrs["ordinal"] = int(ordinal)
        yield _TenureRow(tid, person, position, org_id, attrs, _post_of(person, position, org_id, position_qid))


def _comention_rows(db: sqlite_utils.Database, min_weight: int) -> Iterator[tuple[str, str, int]]:
    """(a, b, n_documents) for person-person (a < b) and person-organisation pairs."""
    sql = (
        "WITH dm AS (SELECT DISTINCT document_id, entity_id, entity_type FROM mentions) "
        "SELECT a.entity_id, b.entity_id, count(*) AS n FROM dm a "
        "JOIN dm b ON a.document_id = b.document_id "
        "WHERE a.entity_type = 'person' AND (b.entity_type = 'organization' "
        "OR (b.entity_type = 'person' AND a.entity_id < b.entity_id)) "
        "GROUP BY a.entity_id, b.entity_id HAVING n >= ?"
    )
    yield from db.execute(sql, [min_weight])


# --------------------------------------------------------------------------------------------
# The graph
# --------------------------------------------------------------------------------------------


def build_graph(
    db: sqlite_utils.Database | str | Path,
    *,
    as_of: str | None = None,
    since: str | None = None,
    until: str | None = None,
    org: str | None = None,
    ego: str | None = None,
    depth: int = 1,
    comentions: bool = False,
    min_weight: int = 1,
    keep_isolated: Optional[bool] = None,
) -> nx.MultiDiGraph:
    """Project kb.db onto a MultiDiGraph (one holds edge per tenure, keyed by tenure id).

    ``as_of`` closes open tenures (default: newest article date) and, when given, drops
    tenures that begin after it. ``since``/``until`` keep tenures whose interval overlaps the
    window. ``org`` keeps the positions of one organisation (QID or name), ``min_weight``
    drops holds/co-mention edges backed by fewer documents. With any of these, only entities
    that take part in a kept fact stay; without them every person and organisation is a node.
    ``ego`` (QID or name) then cuts the ``depth``-hop neighbourhood, edges taken both ways:
    person -> position is one hop, the organisation is two.

    ``keep_isolated``: keep nodes without any edge (a person named in the news but holding no
    post). None means: keep them in focused exports (``ego``/``org``), drop them from
    whole-database exports, where they are most of the nodes and hide the network.
    """
    database, owned = _open(db)
    try:
        filters = _parse_filters(database, as_of, since, until, min_weight, depth)
        org_ids = _resolve(database, org, ["organization"], "--org") if org is not None else None
        seeds = _resolve(database, ego, list(_ENTITY_TABLES), "--ego") if ego is not None else None
        focused = any(v is not None for v in (since, until, org)) or min_weight > 1
        graph, own_posts = _project(database, filters, org_ids, focused)
        if comentions:
            _add_comentions(graph, database, filters.min_weight)
        graph.graph.update(_graph_attrs(filters))
        if seeds is not None:
            seeds |= {post for post, position in own_posts.items() if position in seeds}
            graph = _ego_subgraph(graph, seeds, depth, ego)
        if not (keep_isolated if keep_isolated is not None else (ego is not None or org is not None)):
            graph.remove_nodes_from(list(nx.isolates(graph)))
        return graph
    finally:
        if owned:
            database.conn.close()


def _graph_attrs(filters: _Filters) -> dict[str, Any]:
    return {
        "name": "kb",
        "mode": "dynamic",
        "timeformat": "date",
        "as_of": filters.as_of,
        "since": filters.since or "",
        "until": filters.until or "",
    }


def _project(
    db: sqlite_utils.Database, filters: _Filters, org_ids: Optional[set[str]], focused: bool
) -> tuple[nx.MultiDiGraph, dict[str, str]]:
    """The graph, and each holder's own post node -> the position it splits (for --ego)."""
    graph = nx.MultiDiGraph()
    tenures = list(_tenures(db, filters, org_ids))
    positions = _post_nodes(db, tenures)
    persons = dict(_person_nodes(db))
    orgs = dict(_organization_nodes(db))
    if focused:
        keep = {t.person_id for t in tenures} | {t.organization_id for t in tenures if t.organization_id}
        keep |= org_ids or set()
        persons = {k: v for k, v in persons.items() if k in keep}
        orgs = {k: v for k, v in orgs.items() if k in keep}
    graph.add_nodes_from(persons.items())
    graph.add_nodes_from(orgs.items())
    graph.add_nodes_from(positions.items())
    n_holders: dict[str, int] = {}
    part_of: dict[str, str] = {}
    for ten in tenures:
        _ensure_node(graph, ten.person_id, "person")
        graph.add_edge(ten.person_id, ten.post, key=ten.id, **ten.attrs)
        n_holders[ten.post] = n_holders.get(ten.post, 0) + 1
        if ten.organization_id:
            part_of[ten.post] = ten.organization_id
    for position, org_id in part_of.items():
        _ensure_node(graph, org_id, "organization")
        graph.add_edge(position, org_id, key=f"part_of:{position}",
                       label="part of", relation="part_of", weight=1.0)
    for position in positions:
        graph.nodes[position]["n_holders"] = n_holders.get(position, 0)
    return graph, {t.post: t.position_id for t in tenures if t.post != t.position_id}


def _ensure_node(graph: nx.MultiDiGraph, node: str, type_: str) -> None:
    """A fact can point at a row another process just deleted: keep the graph consistent."""
    if node not in graph:
        graph.add_node(node, **_common(node, type_, "", "", "", 0))


def _add_comentions(graph: nx.MultiDiGraph, db: sqlite_utils.Database, min_weight: int) -> None:
    """Co-mention edges between entities already in the graph.

    Unfocused exports hold every person and organisation, so this adds all pairs; focused
    ones (--org, dates) only link the entities that passed the filters.
    """
    for a, b, n in _comention_rows(db, min_weight):
        if a in graph and b in graph:
            graph.add_edge(a, b, key=f"comention:{a}|{b}", label="co-mentioned",
                           relation="comention", weight=float(n))


def _ego_subgraph(graph: nx.MultiDiGraph, seeds: set[str], depth: int, ref: str) -> nx.MultiDiGraph:
    present = [s for s in seeds if s in graph]
    if not present:
        raise ExportError(
            f"--ego {ref!r} is in kb.db but has no facts within the given filters: "
            "widen --since/--until, drop --org or lower --min-weight"
        )
    undirected = graph.to_undirected(as_view=True)
    keep: set[str] = set()
    for seed in present:
        keep.update(nx.single_source_shortest_path_length(undirected, seed, cutoff=depth))
    # built in the graph's own order: subgraph() would follow the order of a set of ids, which
    # changes with the hash seed, so two runs would write the same graph in different orders
    sub = graph.__class__()
    sub.add_nodes_from((node, data) for node, data in graph.nodes(data=True) if node in keep)
    sub.add_edges_from((u, v, k, data) for u, v, k, data in graph.edges(keys=True, data=True)
                       if u in keep and v in keep)
    sub.graph.update(graph.graph, ego=ref, depth=depth)
    return sub
