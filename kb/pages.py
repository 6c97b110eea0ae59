"""What kb's own web pages show, read from kb.db: a person's timeline and highlighted evidence,
an organisation's people, and the dated ego network drawn by the network page.

Plain functions over a read-only ``sqlite3.Connection`` (Datasette passes its own through
``execute_fn``), returning dicts and lists the templates and the JSON endpoint render. Every
read is an indexed lookup capped at a page, so a person in a quarter of a million documents
costs what a person in one does. Highlighting builds ``Markup`` from escaped pieces only.
"""

from __future__ import annotations

import datetime as _dt
import sqlite3
from typing import Any, Optional

from markupsafe import Markup, escape

__all__ = [
    "highlight",
    "timeline_bars",
    "person_page",
    "organization_page",
    "ego_network",
    "resolve_entity",
]

#: Tenures per person page; evidence sentences shown for each of the first EVIDENCE_TENURES
#: of them (a person with hundreds of posts links on to evidence_readable for the rest).
MAX_TENURES = 200
EVIDENCE_PER_TENURE = 2
EVIDENCE_TENURES = 60
#: Network size caps: posts around the centre, holders per post (a readable drawing, and
#: under 100 ms for the most-mentioned person of a 200k-evidence database).
MAX_POSTS = 40
MAX_HOLDERS_PER_POST = 12

#: (kind, start column, end column) of the phrases an evidence row marks, in the order shown.
SPAN_COLUMNS = (
    ("person", "person_start", "person_end"),
    ("role", "role_start", "role_end"),
    ("org", "org_start", "org_end"),
    ("date", "date_start", "date_end"),
)


def _rows(conn: sqlite3.Connection, sql: str, params: tuple | dict = ()) -> list[dict[str, Any]]:
    cur = conn.execute(sql, params)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row)) for row in cur.fetchall()]


def _year(value: Optional[str]) -> Optional[int]:
    """The year of an ISO-prefix date ('2024', '2024-10-01'), or None."""
    if value and len(value) >= 4 and value[:4].isdigit():
        return int(value[:4])
    return None


# --------------------------------------------------------------------------------------------
# Highlighting
# --------------------------------------------------------------------------------------------


def highlight(text: str, spans: list[tuple[int, int, str]]) -> Markup:
    """``text`` with each (start, end, kind) span in ``<mark class="kb-KIND">``.

    Offsets are relative to ``text``. Spans outside the text are clipped; a span overlapping an
    earlier (kept) one is dropped, so the markup always nests correctly.
    """
    kept: list[tuple[int, int, str]] = []
    for start, end, kind in sorted(spans, key=lambda s: (s[0], -(s[1] - s[0]))):
        start, end = max(0, start), min(len(text), end)
        if start >= end or any(start < e and s < end for s, e, _ in kept):
            continue
        kept.append((start, end, kind))
    out, pos = [], 0
    for start, end, kind in sorted(kept):
        out.append(escape(text[pos:start]))
        out.append(Markup('<mark class="kb-{}" title="{}">{}</mark>').format(kind, kind, text[start:end]))
        pos = end
    out.append(escape(text[pos:]))
    return Markup("").join(out)


def evidence_spans(row: dict[str, Any], sentence_start: int) -> list[tuple[int, int, str]]:
    """The marked phrases of one evidence row, as offsets into its sentence."""
    spans = []
    for kind, start_col, end_col in SPAN_COLUMNS:
        start, end = row.get(start_col), row.get(end_col)
        if isinstance(start, int) and isinstance(end, int) and end > start:
            spans.append((start - sentence_start, end - sentence_start, kind))
    return spans


# --------------------------------------------------------------------------------------------
# Timeline
# --------------------------------------------------------------------------------------------


def timeline_bars(tenures: list[dict[str, Any]], this_year: Optional[int] = None) -> dict[str, Any]:
    """Geometry of a tenure timeline: per tenure a bar (left and width in % of the year axis).

    A tenure with an end runs to the end of that year; an open current one runs to the year
    of its newest evidence (or this year); an undated one gets no bar, only its label, so the
    axis shows what the news dates and nothing it does not.
    """
    this_year = this_year or _dt.date.today().year
    spans = []
    for t in tenures:
        lo, hi = _year(t.get("start")), _year(t.get("end"))
        if lo is not None and hi is None:
            hi = lo if t.get("status") == "former" else max(lo, _year(t.get("status_as_of")) or this_year)
        if hi is not None and lo is None:
            lo = hi
        spans.append((lo, hi))
    years = [y for span in spans for y in span if y is not None]
    if not years:
        return {"first": None, "last": None, "ticks": [], "bars": [dict(t, bar=None) for t in tenures]}
    first, last = min(years), max(years) + 1
    width = max(1, last - first)
    bars = []
    for t, (lo, hi) in zip(tenures, spans):
        bar = None
        if lo is not None and hi is not None:
            bar = {
                "left": round(100 * (lo - first) / width, 2),
                "width": round(max(1.5, 100 * (hi + 1 - lo) / width), 2),
                "open_start": not t.get("start"),
                "open_end": not t.get("end"),
            }
        bars.append(dict(t, bar=bar))
    step = max(1, round(width / 8))
    ticks = [{"year": y, "left": round(100 * (y - first) / width, 2)} for y in range(first, last + 1, step)]
    return {"first": first, "last": last, "ticks": ticks, "bars": bars}


# --------------------------------------------------------------------------------------------
# Person and organisation pages
# --------------------------------------------------------------------------------------------


def person_tenures(conn: sqlite3.Connection, person_id: str) -> list[dict[str, Any]]:
    """A person's tenures, oldest first (read from the person's date index)."""
    return _rows(conn, """
        SELECT t.id, t.position_id, ps.label AS position, t.role, t.organization_id,
               o.name AS organization, t.start, t."end" AS "end", t.status, t.status_as_of,
               t.ordinal, t.n_documents, t.n_evidence
        FROM tenures t
        JOIN positions ps ON ps.id = t.position_id
        LEFT JOIN organizations o ON o.id = t.organization_id
        WHERE t.person_id = ?
        ORDER BY coalesce(t.start, t."end", '9999'), t."end", t.id
        LIMIT ?""", (person_id, MAX_TENURES))


def tenure_evidence(conn: sqlite3.Connection, tenure_ids: list[str]) -> list[dict[str, Any]]:
    """The best few evidence rows of each tenure, with their sentence marked up."""
    out = []
    for tenure_id in tenure_ids:
        rows = _rows(conn, """
            SELECT e.id, e.tenure_id, e.document_id, e.sentence_id, e.sentence, e.published,
                   e.role_text, e.date_text, e.claimed_start, e.claimed_end, e.claimed_status,
                   e.person_start, e.person_end, e.role_start, e.role_end, e.org_start, e.org_end,
                   e.date_start, e.date_end, s.start AS sentence_start, d.title
            FROM evidence e
            LEFT JOIN sentences s ON s.id = e.sentence_id
            LEFT JOIN documents d ON d.id = e.document_id
            WHERE e.tenure_id = ?
            ORDER BY e.confidence DESC, e.id
            LIMIT ?""", (tenure_id, EVIDENCE_PER_TENURE))
        for row in rows:
            start = row["sentence_start"] if isinstance(row["sentence_start"], int) else 0
            row["marked"] = highlight(row["sentence"] or "", evidence_spans(row, start))
            out.append(row)
    return out


def _entity(conn: sqlite3.Connection, table: str, entity_id: str) -> Optional[dict[str, Any]]:
    rows = _rows(conn, f"SELECT * FROM {table} WHERE id = ?", (entity_id,))
    return rows[0] if rows else None


def person_page(conn: sqlite3.Connection, person_id: str) -> Optional[dict[str, Any]]:
    """Everything the person page adds below Datasette's row: timeline and evidence."""
    person = _entity(conn, "persons", person_id)
    if person is None:
        return None
    tenures = person_tenures(conn, person_id)
    evidence = tenure_evidence(conn, [t["id"] for t in tenures[:EVIDENCE_TENURES]])
    by_tenure: dict[str, list[dict[str, Any]]] = {}
    for row in evidence:
        by_tenure.setdefault(row["tenure_id"], []).append(row)
    return {
        "entity": person,
        "timeline": timeline_bars(tenures),
        "evidence": by_tenure,
        "n_evidence": len(evidence),
        "n_evidence_tenures": EVIDENCE_TENURES,
    }


def organization_page(conn: sqlite3.Connection, org_id: str) -> Optional[dict[str, Any]]:
    """An organisation's posts and their holders, best attested first."""
    org = _entity(conn, "organizations", org_id)
    if org is None:
        return None
    holders = _rows(conn, """
        SELECT t.id, t.person_id, p.name AS person, t.position_id, ps.label AS position,
               t.start, t."end" AS "end", t.status, t.status_as_of, t.n_evidence
        FROM tenures t
        JOIN persons p ON p.id = t.person_id
        JOIN positions ps ON ps.id = t.position_id
        WHERE t.organization_id = ?
        ORDER BY t.n_evidence DESC, t.id
        LIMIT ?""", (org_id, MAX_TENURES))
    return {"entity": org, "holders": holders}


# --------------------------------------------------------------------------------------------
# Ego network
# --------------------------------------------------------------------------------------------


def resolve_entity(conn: sqlite3.Connection, table: str, text: str) -> Optional[str]:
    """The id of a person or organisation given as an id, QID or exact name (any case)."""
    row = conn.execute(
        f"SELECT id FROM {table} WHERE id = ?1 OR qid = upper(?1) "
        f"UNION ALL SELECT id FROM {table} WHERE name = ?1 COLLATE NOCASE LIMIT 1",
        (text,),
    ).fetchone()
    return row[0] if row else None


class _Graph:
    """Nodes and edges collected once each, in the order they are met."""

    def __init__(self) -> None:
        self.nodes: dict[str, dict[str, Any]] = {}
        self.edges: dict[str, dict[str, Any]] = {}

    def node(self, kind: str, node_id: Optional[str], label: Optional[str], center: bool = False) -> Optional[str]:
        if not node_id:
            return None
        key = f"{kind}:{node_id}" if not node_id.startswith(f"{kind}:") else node_id
        if key not in self.nodes:
            self.nodes[key] = {"id": key, "entity_id": node_id, "kind": kind, "label": label or node_id,
                               "center": center}
        elif center:
            self.nodes[key]["center"] = True
        return key

    def held(self, person: str, position: str, t: dict[str, Any]) -> None:
        self.edges[f"held:{t['id']}"] = {
            "id": f"held:{t['id']}", "source": person, "target": position, "kind": "held",
            "tenure_id": t["id"], "start": t["start"], "end": t["end"], "status": t["status"],
            "status_as_of": t["status_as_of"], **_edge_years(t),
        }

    def post_of(self, position: str, org: Optional[str]) -> None:
        if org:
            key = f"of:{position}"
            self.edges.setdefault(key, {"id": key, "source": position, "target": org, "kind": "post of"})


def _edge_years(t: dict[str, Any]) -> dict[str, Optional[int]]:
    """The years a 'held' edge is drawn for on the time slider (None: undated, drawn under 'all')."""
    lo, hi = _year(t.get("start")), _year(t.get("end"))
    as_of = _year(t.get("status_as_of"))
    if lo is None and hi is None:
        return {"from_year": None, "to_year": None}
    if hi is None:  # open: a current post runs to its newest evidence, a former one is only known at its start
        status = t.get("status")
        if status == "current":
            hi = max(lo, as_of or _dt.date.today().year)
        else:
            hi = lo if status == "former" else (as_of or lo)
    if lo is None:
        lo = hi
    return {"from_year": lo, "to_year": max(lo, hi)}


_TENURE_COLUMNS = """t.id, t.person_id, p.name AS person, t.position_id, ps.label AS position,
    ps.organization_id, o.name AS organization, t.start, t."end" AS "end", t.status, t.status_as_of"""
_TENURE_JOINS = """JOIN persons p ON p.id = t.person_id JOIN positions ps ON ps.id = t.position_id
    LEFT JOIN organizations o ON o.id = ps.organization_id"""


def _add_tenures(graph: _Graph, tenures: list[dict[str, Any]]) -> None:
    for t in tenures:
        person = graph.node("person", t["person_id"], t["person"])
        position = graph.node("position", t["position_id"], t["position"])
        org = graph.node("organization", t["organization_id"], t["organization"])
        graph.held(person, position, t)
        graph.post_of(position, org)


def _holders(conn: sqlite3.Connection, position_ids: list[str]) -> list[dict[str, Any]]:
    """The best-attested holders of each post (a post's tenures from its position index)."""
    out = []
    for position_id in position_ids:
        out += _rows(conn, f"""SELECT {_TENURE_COLUMNS} FROM tenures t {_TENURE_JOINS}
            WHERE t.position_id = ? ORDER BY t.n_evidence DESC, t.id LIMIT ?""",
                     (position_id, MAX_HOLDERS_PER_POST))
    return out


def ego_network(conn: sqlite3.Connection, person: Optional[str] = None,
                org: Optional[str] = None) -> Optional[dict[str, Any]]:
    """The people, posts and organisations around a person or an organisation, edges dated.

    A person: their posts, each post's organisation and the post's other holders. An
    organisation: its posts and their holders. Capped (MAX_POSTS posts, MAX_HOLDERS_PER_POST
    holders each, best attested first); None when the entity is not in kb.db.
    """
    graph = _Graph()
    if person:
        person_id = resolve_entity(conn, "persons", person)
        if person_id is None:
            return None
        name = conn.execute("SELECT name FROM persons WHERE id = ?", (person_id,)).fetchone()[0]
        graph.node("person", person_id, name, center=True)
        own = _rows(conn, f"""SELECT {_TENURE_COLUMNS} FROM tenures t {_TENURE_JOINS}
            WHERE t.person_id = ? ORDER BY t.n_evidence DESC, t.id LIMIT ?""", (person_id, MAX_POSTS))
        _add_tenures(graph, own)
        _add_tenures(graph, _holders(conn, list(dict.fromkeys(t["position_id"] for t in own))))
        center = {"kind": "person", "id": person_id, "name": name}
    else:
        org_id = resolve_entity(conn, "organizations", org or "")
        if org_id is None:
            return None
        name = conn.execute("SELECT name FROM organizations WHERE id = ?", (org_id,)).fetchone()[0]
        graph.node("organization", org_id, name, center=True)
        posts = [r[0] for r in conn.execute(
            "SELECT id FROM positions WHERE organization_id = ? ORDER BY id LIMIT ?", (org_id, MAX_POSTS))]
        _add_tenures(graph, _holders(conn, posts))
        center = {"kind": "organization", "id": org_id, "name": name}
    years = [y for e in graph.edges.values() for y in (e.get("from_year"), e.get("to_year")) if y is not None]
    return {
        "center": center,
        "nodes": list(graph.nodes.values()),
        "edges": list(graph.edges.values()),
        "first_year": min(years) if years else None,
        "last_year": max(years) if years else None,
    }
