"""``reference_comparisons``: each tenure of a linked person set against the reference's P39
statements, one row per tenure, refreshed per person after every document write and in full
after a reference import.

A tenure is compared with the reference position it is linked to; a tenure whose post has no
position item is compared with the person's own P39 positions whose label names the same role
(``kb.roletitles`` parses the label) and whose organisation agrees (the position's P1001/P17
claim, or the "of Y" tail of its label). The reference often splits one premiership into one
statement per cabinet: consecutive or overlapping statements of one position are merged into one
span before comparing (single statements are tried too, for news that speaks of one term).

The verdict is one of four a reader understands, with the reason in words:
"new in the news" (the reference lacks the post for this person), "the news adds a date"
(the reference has the post but not a date the news gives, or less precisely), "agrees" and
"contradicts" (a date or the status disagrees). Dates agree when one is a prefix of the other
(``kb.prefixdate``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterable, Optional

import sqlite_utils

from ..names import name_key
from ..prefixdate import agrees, before, first_day, last_day, overlaps
from ..roletitles import parse_title
from .transaction import write_transaction

NEW = "new in the news"
ADDS = "the news adds a date"
AGREES = "agrees"
CONTRADICTS = "contradicts"
CATEGORIES = (NEW, ADDS, AGREES, CONTRADICTS)
_RANK = {AGREES: 0, ADDS: 1, CONTRADICTS: 2}

COLUMNS = ("tenure_id", "person_id", "person", "category", "reason", "news_start", "news_end",
           "ref_position_qid", "ref_start", "ref_end", "ref_terms", "matched_by")
_INSERT = (f"INSERT INTO reference_comparisons ({', '.join(f'[{c}]' for c in COLUMNS)}) "
           f"VALUES ({', '.join('?' for _ in COLUMNS)})")

_TENURES = """
SELECT t.id, t.start, t."end", t.status, t.status_as_of, t.role, pos.qid, o.qid, o.name, p.name, p.qid
FROM persons p
JOIN tenures t ON t.person_id = p.id
JOIN positions pos ON pos.id = t.position_id
LEFT JOIN organizations o ON o.id = t.organization_id
WHERE p.id = ? AND p.qid IS NOT NULL
"""


@dataclass(frozen=True)
class Term:
    """A reference span of one position: one P39 statement, or several merged."""

    position: str
    start: Optional[str]
    end: Optional[str]
    n_terms: int = 1


@dataclass(frozen=True)
class NewsTenure:
    start: Optional[str]
    end: Optional[str]
    status: Optional[str]
    status_as_of: Optional[str]


class _Reference:
    """The reference facts one refresh reads, cached for its duration (a full recompute reads
    each position's names and jurisdictions once)."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.conn = db.conn
        self._roles: dict[str, tuple[set[str], set[str], set[str]]] = {}

    def terms(self, person_qid: str) -> dict[str, list[tuple[Optional[str], Optional[str]]]]:
        """The person's P39 statements by position: (start, end) each."""
        out: dict[str, list] = {}
        for value, start, end in self.conn.execute(
                "SELECT value, start, \"end\" FROM ref_claims WHERE qid = ? AND property = 'P39'", [person_qid]):
            out.setdefault(value, []).append((start, end))
        return out

    def position(self, qid: str) -> tuple[set[str], set[str], set[str]]:
        """(role names its labels state, name keys of the organisations they name, jurisdiction QIDs)."""
        if qid not in self._roles:
            labels = {r[0] for r in self.conn.execute("SELECT norm FROM ref_names WHERE qid = ?", [qid]) if r[0]}
            roles: set[str] = set()
            orgs: set[str] = set()
            for label in labels:
                r, o = role_and_org(label)
                roles |= r
                orgs |= o
            juris = {r[0] for r in self.conn.execute(
                "SELECT value FROM ref_claims WHERE qid = ? AND property IN ('P1001', 'P17')", [qid])}
            for (label,) in self.conn.execute(
                    f"SELECT norm FROM ref_names WHERE qid IN ({', '.join('?' for _ in juris)})", list(juris)):
                orgs.add(_strip_the(label))
            self._roles[qid] = (roles, orgs, juris)
        return self._roles[qid]


def _strip_the(text: str) -> str:
    return text[4:] if text.startswith("the ") else text


def role_and_org(label: str) -> tuple[set[str], set[str]]:
    """The role names a position label states and the organisations it names, as name keys:
    "prime minister of the netherlands" -> ({"prime minister"}, {"netherlands"})."""
    label = name_key(label)
    roles, orgs = {label}, set()
    parse = parse_title(label)
    if parse is not None:
        roles |= {name_key(x) for x in (parse.role, parse.name, parse.kb_role) if x}
        if parse.org:
            orgs.add(_strip_the(name_key(parse.org)))
    for joiner in (" of ", " for ", " to "):
        if joiner in label:
            head, tail = label.split(joiner, 1)
            roles.add(head)
            orgs.add(_strip_the(tail))
    return roles - {""}, orgs - {""}


def _matches(ref: _Reference, position: str, role: str, org_qid: Optional[str], org_name: Optional[str]) -> bool:
    """Does the reference position name the tenure's role, for the same organisation?"""
    roles, orgs, juris = ref.position(position)
    if name_key(role) not in roles:
        return False
    if not org_qid and not org_name:
        return True  # the news left the organisation open: the person's own post of that role
    if org_qid and org_qid in juris:
        return True
    return bool(org_name) and _strip_the(name_key(org_name)) in orgs


def _day(value: str, last: bool) -> Optional[dt.date]:
    text = last_day(value) if last else first_day(value)
    return dt.date.fromisoformat(text) if text else None


def merge_terms(position: str, terms: Iterable[tuple[Optional[str], Optional[str]]]) -> list[Term]:
    """Consecutive or overlapping statements of one position as spans: a statement that starts
    at most a day after the previous one ends (or before it ends, or while it is open) continues
    it. Statements without a start stay on their own."""
    dated = sorted((t for t in terms if t[0]), key=lambda t: t[0])
    spans: list[Term] = [Term(position, s, e) for s, e in terms if not s]
    current: Optional[Term] = None
    for start, end in dated:
        if current is not None and _continues(current.end, start):
            later = None if current.end is None or end is None else max(current.end, end, key=lambda d: last_day(d))
            current = Term(position, current.start, later, current.n_terms + 1)
            continue
        if current is not None:
            spans.append(current)
        current = Term(position, start, end)
    if current is not None:
        spans.append(current)
    return spans


def _continues(end: Optional[str], start: str) -> bool:
    if end is None:
        return True
    if not before(end, start):
        return True
    a, b = _day(end, last=True), _day(start, last=False)
    return a is not None and b is not None and (b - a).days <= 1


def verdict(news: NewsTenure, term: Term) -> tuple[str, Optional[str]]:
    """(category, reason) of a news tenure against one reference span."""
    if news.start and term.start and not agrees(news.start, term.start):
        return CONTRADICTS, f"start: the news says {news.start}, the reference {term.start}"
    if news.end and term.end and not agrees(news.end, term.end):
        return CONTRADICTS, f"end: the news says {news.end}, the reference {term.end}"
    if term.end is None and news.end is None and news.status == "former":
        return CONTRADICTS, "the news says the term has ended; the reference has it open"
    if term.end and news.end is None and news.status == "current" and before(term.end, news.status_as_of):
        return CONTRADICTS, f"the news says current on {news.status_as_of}; the reference ends it {term.end}"
    added = []
    for what, mine, theirs in (("start", news.start, term.start), ("end", news.end, term.end)):
        if mine and not theirs:
            added.append(f"{what} {mine} (the reference has none)")
        elif mine and theirs and len(mine) > len(theirs):
            added.append(f"{what} {mine} (the reference: {theirs})")
    if added:
        return ADDS, "; ".join(added)
    return AGREES, None


def compare(news: NewsTenure, spans: list[Term]) -> tuple[str, Optional[str], Optional[Term]]:
    """The best verdict over the candidate spans: agreement first, then an added date, then a
    contradiction (with the span overlapping the news tenure if one does)."""
    best: Optional[tuple] = None
    for order, term in enumerate(spans):
        category, reason = verdict(news, term)
        key = (_RANK[category], not overlaps(news.start, news.end, term.start, term.end), order)
        if best is None or key < best[0]:
            best = (key, category, reason, term)
    if best is None:
        return NEW, None, None
    return best[1], best[2], best[3]


def _candidates(terms: dict[str, list], positions: Iterable[str]) -> list[Term]:
    """Merged spans of each position first, then its single statements (when there are several)."""
    spans: list[Term] = []
    singles: list[Term] = []
    for position in sorted(positions):
        statements = terms.get(position, [])
        spans.extend(merge_terms(position, statements))
        if len(statements) > 1:
            singles.extend(Term(position, s, e) for s, e in statements)
    return spans + singles


def person_rows(db: sqlite_utils.Database, person_id: str, ref: Optional[_Reference] = None) -> list[tuple]:
    """The comparison rows of one person's tenures (none when the person is not linked)."""
    ref = ref or _Reference(db)
    tenures = db.conn.execute(_TENURES, [person_id]).fetchall()
    if not tenures:
        return []
    terms = ref.terms(tenures[0][10])
    rows = []
    for tid, start, end, status, as_of, role, pos_qid, org_qid, org_name, person, _ in tenures:
        if pos_qid:
            positions, matched_by = [pos_qid], "position item"
        else:
            positions = [q for q in terms if _matches(ref, q, role, org_qid, org_name)]
            matched_by = "role and organisation"
        news = NewsTenure(start, end, status, as_of)
        category, reason, term = compare(news, _candidates(terms, positions))
        if term is None:
            reason = ("the reference has no P39 statement for this position" if pos_qid
                      else "none of the person's P39 positions in the reference names this role and organisation")
            matched_by = "position item" if pos_qid else None
        rows.append((tid, person_id, person, category, reason, start, end,
                     term.position if term else pos_qid, term.start if term else None,
                     term.end if term else None, term.n_terms if term else None, matched_by))
    return rows


def refresh_comparisons(db: sqlite_utils.Database, person_ids: Iterable[str]) -> None:
    """Recompute the rows of these persons (after a document write touched them)."""
    ref = _Reference(db)
    with write_transaction(db):
        for pid in set(person_ids):
            db.conn.execute("DELETE FROM reference_comparisons WHERE person_id = ?", [pid])
            db.conn.executemany(_INSERT, person_rows(db, pid, ref))


def refresh_all_comparisons(db: sqlite_utils.Database) -> None:
    """Recompute every row (after a reference import, a bulk load, the v7 migration)."""
    ref = _Reference(db)
    with write_transaction(db):
        db.conn.execute("DELETE FROM reference_comparisons")
        persons = [r[0] for r in db.conn.execute(
            "SELECT DISTINCT t.person_id FROM tenures t JOIN persons p ON p.id = t.person_id WHERE p.qid IS NOT NULL")]
        for pid in persons:
            db.conn.executemany(_INSERT, person_rows(db, pid, ref))


def stored_rows(db: sqlite_utils.Database) -> list[tuple]:
    """Every stored row in a stable order (tests compare incremental with full results)."""
    return db.conn.execute(f"SELECT {', '.join(f'[{c}]' for c in COLUMNS)} FROM reference_comparisons "
                           "ORDER BY tenure_id").fetchall()
