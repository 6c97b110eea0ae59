"""Derived data the store keeps beside the facts: tenure and entity aggregates, claim groups,
conflict pairs and co-mentions, updated from one document's rows per write (and recomputed in
full by ``refresh_all_aggregates`` after bulk loads).

The rules are the ones of the v2 views (see the frozen migrations); the date comparisons in the
SQL here are written by ``kb.prefixdate.sql_common``, the one ISO-prefix rule.
"""

from __future__ import annotations

import bisect
from typing import Iterable, Optional

import sqlite_utils

from ..prefixdate import before, sql_common
from ..tenure_rules import reconcile
from .comparisons import refresh_all_comparisons
from .db import cols as _cols
from .descriptions import refresh_description
from .transaction import write_transaction


def _differ(a: str, b: str) -> str:
    """SQL: dates ``a`` and ``b`` disagree at their common precision."""
    return "{} <> {}".format(*sql_common(a, b))


def _before(a: str, b: str) -> str:
    """SQL: date ``a`` is before ``b`` at their common precision."""
    return "{} < {}".format(*sql_common(a, b))


#: The conflicting claim pairs among the evidence of the tenures matching ``{scope}`` (a condition
#: on tenures ``t``), by the rules of the v2 ``tenure_conflicts`` view: claims are the distinct
#: (start, end, ordinal) of a person's evidence for one post; two of them conflict when a start or
#: an end disagrees beyond precision, unless they are two terms (closed and non-overlapping, or
#: different ordinals). Only tenures of the same person and post are compared, so the store keeps
#: the result per (person, post) in ``tenure_conflict_pairs`` and refreshes just the posts a
#: document touched, instead of every reader self-joining all claims of the database.
CONFLICT_PAIRS_SELECT = f"""
WITH claims AS MATERIALIZED (
    SELECT t.person_id, t.position_id, e.claimed_start AS start, e.claimed_end AS "end",
           e.claimed_ordinal AS ordinal, min(e.id) AS evidence_id, count(*) AS n_evidence,
           group_concat(DISTINCT e.document_id) AS documents
    FROM tenures t JOIN evidence e ON e.tenure_id = t.id
    WHERE {{scope}}
    GROUP BY t.person_id, t.position_id, e.claimed_start, e.claimed_end, e.claimed_ordinal
),
pairs AS (
    SELECT a.person_id, a.position_id,
           a.start AS a_start, a."end" AS a_end, a.evidence_id AS a_evidence_id,
           a.documents AS a_documents, a.n_evidence AS a_n_evidence,
           b.start AS b_start, b."end" AS b_end, b.evidence_id AS b_evidence_id,
           b.documents AS b_documents, b.n_evidence AS b_n_evidence,
           (a.start IS NOT NULL AND b.start IS NOT NULL
            AND {_differ("a.start", "b.start")}) AS start_conflict,
           (a."end" IS NOT NULL AND b."end" IS NOT NULL
            AND {_differ('a."end"', 'b."end"')}) AS end_conflict,
           ((a.ordinal IS NOT NULL AND b.ordinal IS NOT NULL AND a.ordinal <> b.ordinal)
            OR (a."end" IS NOT NULL AND b.start IS NOT NULL
                AND {_before('a."end"', "b.start")})
            OR (b."end" IS NOT NULL AND a.start IS NOT NULL
                AND {_before('b."end"', "a.start")})) AS separate_terms
    FROM claims a JOIN claims b
      ON b.person_id = a.person_id AND b.position_id = a.position_id
     AND b.evidence_id > a.evidence_id
)
SELECT x.person_id, x.position_id,
       CASE WHEN x.start_conflict AND x.end_conflict THEN 'start and end'
            WHEN x.start_conflict THEN 'start' ELSE 'end' END AS conflict,
       x.a_start, x.a_end, x.a_evidence_id, x.a_documents, x.a_n_evidence,
       x.b_start, x.b_end, x.b_evidence_id, x.b_documents, x.b_n_evidence
FROM pairs x
WHERE (x.start_conflict OR x.end_conflict) AND NOT x.separate_terms
"""

CONFLICT_PAIRS_COLUMNS = ("person_id", "position_id", "conflict", "a_start", "a_end", "a_evidence_id",
                          "a_documents", "a_n_evidence", "b_start", "b_end", "b_evidence_id",
                          "b_documents", "b_n_evidence")

#: Every ordered pair of distinct persons mentioned in the same documents: how many documents
#: and the greatest of their ids (co_mentioned_persons' example). The full recomputation; the
#: store keeps the table up to date per document write (``_update_co_mentions``).
CO_MENTIONS_SELECT = """
SELECT a.entity_id, b.entity_id, count(DISTINCT a.document_id), max(a.document_id)
FROM mentions a
JOIN mentions b ON b.document_id = a.document_id AND b.entity_type = 'person' AND b.entity_id <> a.entity_id
WHERE a.entity_type = 'person'
GROUP BY a.entity_id, b.entity_id
"""

#: Schema v5: ``co_mentions``, persons mentioned together, counted per document write, so that

#: The key of a claim group in ``evidence_claims``: the six claimed columns as a JSON array
#: (SQLite's json_array and ``_claim_key`` write the same text).
_CLAIM_KEY_SQL = ("json_array(e.claimed_start, e.claimed_start_precision, e.claimed_end, e.claimed_end_precision, "
                  "e.claimed_ordinal, e.claimed_status)")
#: The key of a conflict claim in ``claim_documents``: (start, end, ordinal) as a JSON array.
_CONFLICT_KEY_SQL = "json_array({start}, {end}, {ordinal})"

#: One row per tenure and distinct claim (the six claimed columns): how many evidence rows make
#: it, the smallest evidence id, and the newest row's sort key (published, then document id, as
#: ``refresh_aggregates`` orders evidence). The full recomputation from ``evidence``.
EVIDENCE_CLAIMS_SELECT = f"""
SELECT e.tenure_id, {_CLAIM_KEY_SQL}, t.person_id, t.position_id,
       e.claimed_start, e.claimed_start_precision, e.claimed_end, e.claimed_end_precision,
       e.claimed_ordinal, e.claimed_status,
       count(*), min(e.id), max(coalesce(e.published, '') || char(1) || e.document_id)
FROM evidence e JOIN tenures t ON t.id = e.tenure_id
GROUP BY e.tenure_id, e.claimed_start, e.claimed_start_precision, e.claimed_end, e.claimed_end_precision,
         e.claimed_ordinal, e.claimed_status
"""
EVIDENCE_CLAIMS_COLUMNS = ("tenure_id", "claim", "person_id", "position_id", "start", "start_precision", "end",
                           "end_precision", "ordinal", "status", "n_evidence", "evidence_id", "newest")

#: The documents making each (person, post, start, end, ordinal) claim, sorted and comma-joined
#: (the tenure_conflicts lists). The full recomputation from ``evidence``.
CLAIM_DOCUMENTS_SELECT = f"""
SELECT person_id, position_id, claim, documents FROM (
  SELECT person_id, position_id, claim,
         group_concat(document_id) OVER (PARTITION BY person_id, position_id, claim ORDER BY document_id
                                         ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS documents,
         row_number() OVER (PARTITION BY person_id, position_id, claim ORDER BY document_id) AS n
  FROM (SELECT DISTINCT t.person_id, t.position_id, {_CONFLICT_KEY_SQL.format(start="e.claimed_start", end="e.claimed_end", ordinal="e.claimed_ordinal")} AS claim, e.document_id
        FROM evidence e JOIN tenures t ON t.id = e.tenure_id)
) WHERE n = 1
"""

#: CONFLICT_PAIRS_SELECT's rules over claim groups (``{claims}``: rows like evidence_claims;
#: ``{documents}``: rows like claim_documents) instead of evidence rows; ``{scope}`` is a
#: condition on ``t`` (person_id, position_id).
CLAIM_PAIRS_SELECT = CONFLICT_PAIRS_SELECT.replace(
    """    SELECT t.person_id, t.position_id, e.claimed_start AS start, e.claimed_end AS "end",
           e.claimed_ordinal AS ordinal, min(e.id) AS evidence_id, count(*) AS n_evidence,
           group_concat(DISTINCT e.document_id) AS documents
    FROM tenures t JOIN evidence e ON e.tenure_id = t.id
    WHERE {scope}
    GROUP BY t.person_id, t.position_id, e.claimed_start, e.claimed_end, e.claimed_ordinal""",
    f"""    SELECT t.person_id, t.position_id, t.start, t."end", t.ordinal, min(t.evidence_id) AS evidence_id,
           sum(t.n_evidence) AS n_evidence,
           (SELECT d.documents FROM {{documents}} d WHERE d.person_id = t.person_id
              AND d.position_id = t.position_id AND d.claim = {_CONFLICT_KEY_SQL.format(start="t.start", end='t."end"', ordinal="t.ordinal")}) AS documents
    FROM {{claims}} t
    WHERE {{scope}}
    GROUP BY t.person_id, t.position_id, t.start, t."end", t.ordinal""")
assert CLAIM_PAIRS_SELECT != CONFLICT_PAIRS_SELECT

#: A post's pairs from the stored claim groups: a look at its few groups, not at its evidence.
STORED_CONFLICT_PAIRS_SELECT = (CLAIM_PAIRS_SELECT.replace("{claims}", "evidence_claims")
                                .replace("{documents}", "claim_documents"))

#: The conflict pairs computed from scratch from ``evidence`` (documents lists sorted, as
#: ``claim_documents`` keeps them): what ``tenure_conflict_pairs`` must equal after any writes.
#: A reference for tests on small databases (it recomputes every documents list per claim).
CONFLICT_PAIRS_FROM_EVIDENCE = (
    CLAIM_PAIRS_SELECT
    .replace("{claims}", "(SELECT t.person_id, t.position_id, e.claimed_start AS start, e.claimed_end AS \"end\", "
                         "e.claimed_ordinal AS ordinal, min(e.id) AS evidence_id, count(*) AS n_evidence "
                         "FROM evidence e JOIN tenures t ON t.id = e.tenure_id "
                         "GROUP BY e.tenure_id, e.claimed_start, e.claimed_start_precision, e.claimed_end, "
                         "e.claimed_end_precision, e.claimed_ordinal, e.claimed_status)")
    .replace("{documents}", f"({CLAIM_DOCUMENTS_SELECT})")
)

def _persons_mentioned(db: sqlite_utils.Database, doc_id: str) -> set[str]:
    return {r[0] for r in db.execute(
        "SELECT DISTINCT entity_id FROM mentions WHERE document_id = ? AND entity_type = 'person'", [doc_id])}


_CO_MENTION_ADD = (
    "INSERT INTO co_mentions (person_id, other_id, n_documents, example_document_id) VALUES (?, ?, 1, ?) "
    "ON CONFLICT (person_id, other_id) DO UPDATE SET n_documents = n_documents + 1, "
    "example_document_id = max(coalesce(example_document_id, ''), excluded.example_document_id)"
)
_CO_MENTION_EXAMPLE = """
UPDATE co_mentions SET example_document_id = (
    SELECT a.document_id FROM mentions a
    WHERE a.entity_id = co_mentions.person_id AND a.entity_type = 'person'
      AND EXISTS (SELECT 1 FROM mentions b WHERE b.document_id = a.document_id AND b.entity_type = 'person'
                  AND b.entity_id = co_mentions.other_id)
    ORDER BY a.document_id DESC LIMIT 1)
WHERE person_id = ? AND other_id = ? AND example_document_id = ?
"""


def _update_co_mentions(db: sqlite_utils.Database, doc_id: str, old: set[str], new: set[str]) -> None:
    """Apply one document's change of mentioned persons (``old`` -> ``new``) to ``co_mentions``.

    Only pairs that appear or disappear in this document change, by one document each, so the
    cost is the document's own pairs, whatever the persons' fame. A pair whose example was this
    document gets the next greatest shared document (one backwards index walk).
    """
    gone = [(a, b) for a in old for b in old if a != b and not (a in new and b in new)]
    added = [(a, b, doc_id) for a in new for b in new if a != b and not (a in old and b in old)]
    conn = db.conn
    if gone:
        conn.executemany("UPDATE co_mentions SET n_documents = n_documents - 1 WHERE person_id = ? AND other_id = ?", gone)
        conn.executemany("DELETE FROM co_mentions WHERE person_id = ? AND other_id = ? AND n_documents <= 0", gone)
        conn.executemany(_CO_MENTION_EXAMPLE, [(a, b, doc_id) for a, b in gone])
    if added:
        conn.executemany(_CO_MENTION_ADD, added)

def refresh_aggregates(db: sqlite_utils.Database, tenure_ids: Iterable[str], entity_ids: Iterable[str],
                       change: Optional["DocumentChange"] = None) -> None:
    """Recompute the derived columns of the given tenures and entities; drop orphans.

    A tenure's dates are reconciled from its evidence (a more precise claim refines a coarser
    one; disagreeing claims set the ``date conflict`` flag and stay visible in ``evidence`` and
    the ``tenure_conflicts`` view). An end before the start is flagged ``inverted`` and the
    dates are not stored as truth on the tenure (the claims stay in ``evidence``). Its status
    is the claim of the newest evidence (by published date), as of that date: "status as of
    the newest article that speaks of it".

    With ``change`` (one document's write), counts move by that document's own rows instead of
    being recounted over everything an entity or tenure has: a document costs the same however
    famous the people it mentions.
    """
    tenure_ids = set(tenure_ids)
    holders = {
        tid: r for tid in tenure_ids
        for r in db.execute("SELECT position_id, person_id, organization_id FROM tenures WHERE id = ?", [tid])
    }
    positions = {r[0] for r in holders.values()}
    entity_ids = set(entity_ids)
    for tid in tenure_ids:
        if not _refresh_tenure(db, tid, change) and tid in holders:
            # a tenure gone: its holder and organisation (this document may not mention it) may be orphans now
            entity_ids.update(e for e in holders[tid][1:] if e)
    for eid in entity_ids:
        for table in ("persons", "organizations"):
            counts = _entity_counts(db, table, eid, change)
            if counts is None:
                continue
            if counts[0]:
                db.execute(f"UPDATE [{table}] SET n_mentions = ?, n_documents = ? WHERE id = ?", [*counts, eid])
                refresh_description(db, table, eid)
            else:
                used = db.execute(
                    "SELECT 1 FROM tenures WHERE person_id = ? OR organization_id = ? LIMIT 1", [eid, eid]
                ).fetchone()
                if used:
                    db.execute(f"UPDATE [{table}] SET n_mentions = 0, n_documents = 0 WHERE id = ?", [eid])
                    refresh_description(db, table, eid)
                else:
                    db.execute(f"DELETE FROM [{table}] WHERE id = ?", [eid])
                    db.execute("DELETE FROM link_candidates WHERE entity_type = ? AND entity_id = ?",
                               ["person" if table == "persons" else "organization", eid])
    for pos in positions:
        if not db.execute("SELECT 1 FROM tenures WHERE position_id = ? LIMIT 1", [pos]).fetchone():
            db.execute("DELETE FROM positions WHERE id = ?", [pos])


class DocumentChange:
    """One document's rows before and after its write: the deltas ``refresh_aggregates`` applies."""

    def __init__(self, db: sqlite_utils.Database, doc_id: str) -> None:
        self.doc_id = doc_id
        self.mentions_before = self._mentions(db)
        self.mentions_after: dict[str, int] = {}
        self.tenures_before = self._tenures(db)
        self.tenures_after: set[str] = set()

    def written(self, db: sqlite_utils.Database) -> None:
        """Record the document's rows after its write."""
        self.mentions_after = self._mentions(db)
        self.tenures_after = self._tenures(db)

    def _mentions(self, db) -> dict[str, int]:
        return dict(db.execute("SELECT entity_id, count(*) FROM mentions WHERE document_id = ? GROUP BY entity_id",
                               [self.doc_id]).fetchall())

    def _tenures(self, db) -> set[str]:
        return {r[0] for r in db.execute("SELECT DISTINCT tenure_id FROM evidence WHERE document_id = ?", [self.doc_id])}

    def document_delta(self, tid: str) -> int:
        return (tid in self.tenures_after) - (tid in self.tenures_before)


def _entity_counts(db, table: str, eid: str, change: Optional[DocumentChange]) -> Optional[tuple[int, int]]:
    """(n_mentions, n_documents) of an entity row after a write, or None without a row: moved by
    the document's own mentions when ``change`` is given, else counted."""
    if change is None:
        if not db.execute(f"SELECT 1 FROM [{table}] WHERE id = ?", [eid]).fetchone():
            return None
        row = db.execute("SELECT count(*), count(DISTINCT document_id) FROM mentions WHERE entity_id = ?", [eid]).fetchone()
        return row[0], row[1]
    row = db.execute(f"SELECT n_mentions, n_documents FROM [{table}] WHERE id = ?", [eid]).fetchone()
    if row is None:
        return None
    before, after = change.mentions_before.get(eid, 0), change.mentions_after.get(eid, 0)
    return (row[0] or 0) - before + after, (row[1] or 0) - (before > 0) + (after > 0)


def _refresh_tenure(db: sqlite_utils.Database, tid: str, change: Optional[DocumentChange] = None) -> bool:
    """Recompute one tenure's derived columns from its claim groups (``evidence_claims``), newest
    first: the same result as reading every evidence row in (published, document) order, for the
    cost of a few rows however much evidence the tenure has. False when it had no evidence left
    and was deleted."""
    rows = db.execute(
        'SELECT start, start_precision, "end", end_precision, ordinal, status, n_evidence, newest '
        "FROM evidence_claims WHERE tenure_id = ? ORDER BY newest DESC", [tid]).fetchall()
    if not rows:
        db.execute("DELETE FROM tenures WHERE id = ?", [tid])
        return False
    start, start_p, start_conflict = reconcile([(r[0], r[1]) for r in rows])
    end, end_p, end_conflict = reconcile([(r[2], r[3]) for r in rows])
    flags = []
    if start_conflict or end_conflict:
        flags.append("date conflict")
    if before(end, start):
        flags.append(f"inverted: end {end} before start {start}")
        start = start_p = end = end_p = None
    published = rows[0][7].split("\x01", 1)[0] or None
    # a dated end in the past of the newest article, or any "former" claim, ends the tenure
    status = rows[0][5]
    if status != "former" and before(end, published):
        status = "former"
    ordinal = next((r[4] for r in rows if r[4] is not None), None)
    if change is None:
        n_documents = db.execute("SELECT count(DISTINCT document_id) FROM evidence WHERE tenure_id = ?",
                                 [tid]).fetchone()[0]
    else:
        n_documents = (db.execute("SELECT n_documents FROM tenures WHERE id = ?", [tid]).fetchone()[0] or 0) \
            + change.document_delta(tid)
    db.execute(
        'UPDATE tenures SET start = ?, start_precision = ?, "end" = ?, end_precision = ?, status = ?, '
        "status_as_of = ?, ordinal = ?, n_evidence = ?, n_documents = ?, flags = ? WHERE id = ?",
        [start, start_p, end, end_p, status, published, ordinal, sum(r[6] for r in rows), n_documents,
         "; ".join(flags) or None, tid],
    )
    return True


#: A document's evidence rows with their claim keys (evidence_claims, claim_documents), id,
#: newest-order key and post.
_DOCUMENT_CLAIMS = f"""
SELECT e.tenure_id, {_CLAIM_KEY_SQL}, {_CONFLICT_KEY_SQL.format(start="e.claimed_start", end="e.claimed_end", ordinal="e.claimed_ordinal")},
       e.id, coalesce(e.published, '') || char(1) || e.document_id, t.person_id, t.position_id,
       e.claimed_start, e.claimed_start_precision, e.claimed_end, e.claimed_end_precision,
       e.claimed_ordinal, e.claimed_status
FROM evidence e JOIN tenures t ON t.id = e.tenure_id WHERE e.document_id = ?
"""
_CLAIM_RECOUNT = ("SELECT min(e.id), max(coalesce(e.published, '') || char(1) || e.document_id) FROM evidence e "
                  f"WHERE e.tenure_id = ? AND {_CLAIM_KEY_SQL} = ?")
_CLAIM_DOCUMENTS_RECOUNT = (
    "SELECT DISTINCT e.document_id FROM evidence e JOIN tenures t ON t.id = e.tenure_id "
    "WHERE t.person_id = ? AND t.position_id = ? AND "
    + _CONFLICT_KEY_SQL.format(start="e.claimed_start", end="e.claimed_end", ordinal="e.claimed_ordinal") + " = ?")


def _document_claims(db: sqlite_utils.Database, doc_id: str) -> list[tuple]:
    return db.execute(_DOCUMENT_CLAIMS, [doc_id]).fetchall()


def _apply_claim_changes(db: sqlite_utils.Database, doc_id: str, old: list[tuple], new: list[tuple]) -> set[tuple[str, str]]:
    """Update ``evidence_claims`` and ``claim_documents`` from one document's evidence rows
    before (``old``) and after (``new``) its write; return the (person, post) pairs touched.

    Only this document's rows changed, so each claim group moves by their count; the smallest
    evidence id and the newest row are read again from ``evidence`` only when this document
    held them and no longer does (a re-extraction or deletion, never an added document).
    """
    groups: dict[tuple[str, str], list] = {}
    documents: dict[tuple[str, str, str], list[bool]] = {}
    for side, rows in ((0, old), (1, new)):
        for r in rows:
            group = groups.setdefault((r[0], r[1]), [[], [], None, None, r])
            group[side].append(r[3])
            group[2 + side] = r[4]
            documents.setdefault((r[5], r[6], r[2]), [False, False])[side] = True
    posts: set[tuple[str, str]] = set()
    for (tid, claim), (old_ids, new_ids, old_key, new_key, r) in groups.items():
        if sorted(old_ids) == sorted(new_ids) and old_key == new_key:
            continue
        posts.add((r[5], r[6]))
        _update_claim_group(db, tid, claim, r, old_ids, new_ids, old_key, new_key)
    for (person, position, claim), (was, after) in documents.items():
        if was != after:
            posts.add((person, position))
            _update_claim_documents(db, person, position, claim, doc_id, after)
    return posts


def _update_claim_group(db, tid: str, claim: str, r: tuple, old_ids: list[str], new_ids: list[str],
                        old_key: Optional[str], new_key: Optional[str]) -> None:
    """One evidence_claims row after a document's rows in it went from ``old_ids`` to ``new_ids``."""
    stored = db.execute("SELECT n_evidence, evidence_id, newest FROM evidence_claims WHERE tenure_id = ? AND claim = ?",
                        [tid, claim]).fetchone()
    n = (stored[0] if stored else 0) - len(old_ids) + len(new_ids)
    if n <= 0:
        db.execute("DELETE FROM evidence_claims WHERE tenure_id = ? AND claim = ?", [tid, claim])
        return
    if n == len(new_ids):  # only this document's rows
        min_id, newest = min(new_ids), new_key
    elif stored is None:
        min_id, newest = db.execute(_CLAIM_RECOUNT, [tid, claim]).fetchone()
    else:
        min_id, newest = stored[1], stored[2]
        if min_id in old_ids and min_id not in new_ids:
            min_id = db.execute(_CLAIM_RECOUNT, [tid, claim]).fetchone()[0]
        elif new_ids:
            min_id = min([min_id, *new_ids])
        if newest == old_key and not (new_ids and new_key >= old_key):
            newest = db.execute(_CLAIM_RECOUNT, [tid, claim]).fetchone()[1]
        elif new_ids:
            newest = max(newest, new_key)
    db.execute(
        f"INSERT OR REPLACE INTO evidence_claims ({_cols(EVIDENCE_CLAIMS_COLUMNS)}) "
        f"VALUES ({', '.join('?' for _ in EVIDENCE_CLAIMS_COLUMNS)})",
        [tid, claim, r[5], r[6], *r[7:13], n, min_id, newest])


def _update_claim_documents(db, person: str, position: str, claim: str, doc_id: str, present: bool) -> None:
    """Add ``doc_id`` to (or drop it from) the sorted documents list of a (person, post) claim."""
    key = [person, position, claim]
    row = db.execute("SELECT documents FROM claim_documents WHERE person_id = ? AND position_id = ? AND claim = ?",
                     key).fetchone()
    if "," in doc_id:
        ids = sorted(r[0] for r in db.execute(_CLAIM_DOCUMENTS_RECOUNT, key))  # ids with commas: read them
    else:
        ids = row[0].split(",") if row else []
        at = bisect.bisect_left(ids, doc_id)
        present_now = at < len(ids) and ids[at] == doc_id
        if present and not present_now:
            ids.insert(at, doc_id)
        elif not present and present_now:
            del ids[at]
    if ids:
        db.execute("INSERT OR REPLACE INTO claim_documents (person_id, position_id, claim, documents) VALUES (?, ?, ?, ?)",
                   [*key, ",".join(ids)])
    else:
        db.execute("DELETE FROM claim_documents WHERE person_id = ? AND position_id = ? AND claim = ?", key)


_CONFLICT_PAIRS_INSERT = (
    f"INSERT INTO tenure_conflict_pairs ({_cols(CONFLICT_PAIRS_COLUMNS)}) "
    + STORED_CONFLICT_PAIRS_SELECT.format(scope="t.person_id = :person AND t.position_id = :position")
)


def refresh_conflicts(db: sqlite_utils.Database, posts: Iterable[tuple[str, str]]) -> None:
    """Recompute ``tenure_conflict_pairs`` for these (person_id, position_id) posts.

    Conflicts only arise between claims of the same person and post, so a document can change
    only the conflicts of the posts its evidence touches (before or after it was replaced); the
    pairs are computed from the post's claim groups (kept by ``_apply_claim_changes``).
    """
    for person, position in posts:
        params = {"person": person, "position": position}
        db.execute("DELETE FROM tenure_conflict_pairs WHERE person_id = :person AND position_id = :position", params)
        db.execute(_CONFLICT_PAIRS_INSERT, params)

def refresh_all_aggregates(db: sqlite_utils.Database) -> None:
    """Set-based version of ``refresh_aggregates`` for every tenure and entity (after bulk_insert).

    Same rules: a tenure's status is the claim of its newest evidence (published, then
    document), as of that evidence's published date.
    """
    with write_transaction(db):
        db.execute(
            """
            UPDATE tenures SET
              n_evidence = (SELECT count(*) FROM evidence e WHERE e.tenure_id = tenures.id),
              n_documents = (SELECT count(DISTINCT document_id) FROM evidence e WHERE e.tenure_id = tenures.id),
              status = coalesce((SELECT claimed_status FROM evidence e WHERE e.tenure_id = tenures.id
                        ORDER BY coalesce(published, '') DESC, document_id DESC LIMIT 1), status),
              status_as_of = (SELECT published FROM evidence e WHERE e.tenure_id = tenures.id
                        ORDER BY coalesce(published, '') DESC, document_id DESC LIMIT 1)
            """
        )
        db.execute("DELETE FROM co_mentions")
        db.execute(f"INSERT INTO co_mentions (person_id, other_id, n_documents, example_document_id) {CO_MENTIONS_SELECT}")
        db.execute("DELETE FROM evidence_claims")
        db.execute(f"INSERT INTO evidence_claims ({_cols(EVIDENCE_CLAIMS_COLUMNS)}) {EVIDENCE_CLAIMS_SELECT}")
        db.execute("DELETE FROM claim_documents")
        db.execute(f"INSERT INTO claim_documents (person_id, position_id, claim, documents) {CLAIM_DOCUMENTS_SELECT}")
        db.execute("DELETE FROM tenure_conflict_pairs")
        db.execute(f"INSERT INTO tenure_conflict_pairs ({_cols(CONFLICT_PAIRS_COLUMNS)}) "
                   + STORED_CONFLICT_PAIRS_SELECT.format(scope="1"))
        for table in ("persons", "organizations"):
            db.execute(
                f"""
                UPDATE [{table}] SET
                  n_mentions = (SELECT count(*) FROM mentions m WHERE m.entity_id = [{table}].id),
                  n_documents = (SELECT count(DISTINCT document_id) FROM mentions m WHERE m.entity_id = [{table}].id)
                """
            )
            for (eid,) in db.execute(f"SELECT id FROM [{table}]").fetchall():
                refresh_description(db, table, eid)
        refresh_all_comparisons(db)

