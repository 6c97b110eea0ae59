"""Per-document writes: a document's sentences, entities, mentions, positions, tenures and
evidence, replaced in one write transaction, then its aggregates refreshed.

A build killed at any moment therefore leaves either the old or the new facts of a document,
never half of them, and re-running it converges. Which stored row a name is, is decided by
``kb.store.identity``, which stored tenure a claim joins and when two namesakes are one person
by ``kb.tenure_rules``; this module only reads and writes. When a document links a name that
earlier documents stored unlinked, those documents are written again in the same transaction
(``_merge_twins``), so that the rows do not depend on the order documents came in.
"""

from __future__ import annotations

import json
from typing import Any, Optional

import sqlite_utils

from ..model import DateValue, LinkedExtraction, Tenure
from ..tenure_rules import compatible_tenure
from .aggregates import (
    DocumentChange, _apply_claim_changes, _document_claims, _persons_mentioned, _update_co_mentions,
    refresh_aggregates, refresh_conflicts,
)
from .comparisons import refresh_comparisons
from .db import PER_DOCUMENT_TABLES, cols as _cols, now_iso, replace_sql as _replace_sql, upsert_sql as _upsert_sql
from .identity import numbered_namesakes, stored_identity, unlinked_twins
from .keys import position_id, position_label, tenure_id, wikipedia_url
from .stored import stored_extraction
from .transaction import write_transaction


def document_state(db: sqlite_utils.Database, doc_id: str) -> Optional[tuple[str, str]]:
    """(content_hash, pipeline) of a stored document, or None."""
    row = db.execute(
        "SELECT content_hash, pipeline FROM documents WHERE id = ?", [doc_id]
    ).fetchone()
    return (row[0], row[1]) if row else None


def hash_known(db: sqlite_utils.Database, content_hash: str, pipeline: str) -> Optional[str]:
    """Id of a document already built from the same text with the same pipeline, if any."""
    row = db.execute(
        "SELECT id FROM documents WHERE content_hash = ? AND pipeline = ? LIMIT 1",
        [content_hash, pipeline],
    ).fetchone()
    return row[0] if row else None


def _date(d: Optional[DateValue]) -> tuple[Optional[str], Optional[str]]:
    return (d.value, d.precision) if d else (None, None)


def _delete_document_rows(db: sqlite_utils.Database, doc_id: str) -> tuple[set[str], set[str]]:
    """Delete what a document contributed; return the tenure and entity ids it touched."""
    tenures = {r[0] for r in db.execute("SELECT DISTINCT tenure_id FROM evidence WHERE document_id = ?", [doc_id])}
    entities = {r[0] for r in db.execute("SELECT DISTINCT entity_id FROM mentions WHERE document_id = ?", [doc_id])}
    for table in PER_DOCUMENT_TABLES:
        db.execute(f"DELETE FROM [{table}] WHERE document_id = ?", [doc_id])
    return tenures, entities

def delete_document(db: sqlite_utils.Database, doc_id: str) -> None:
    """Remove a document and everything it contributed (aggregates recomputed)."""
    with write_transaction(db):  # not `with db.conn:` — sqlite-utils 4 would commit each write on its own
        old_persons = _persons_mentioned(db, doc_id)
        old_claims = _document_claims(db, doc_id)
        change = DocumentChange(db, doc_id)
        tenures, entities = _delete_document_rows(db, doc_id)
        _update_co_mentions(db, doc_id, old_persons, set())
        posts = _apply_claim_changes(db, doc_id, old_claims, [])
        db.execute("DELETE FROM documents WHERE id = ?", [doc_id])
        refresh_aggregates(db, tenures, entities, change)
        refresh_conflicts(db, posts)
        refresh_comparisons(db, entities)


def save_extraction(db: sqlite_utils.Database, linked: LinkedExtraction) -> None:
    """Replace one document's facts in a single transaction, then merge into its linked
    entities the unlinked rows other documents stored of the same name (``_merge_twins``).

    ``write_transaction`` opens a real transaction (BEGIN IMMEDIATE: the write lock first, so a
    second build waits for it): under ``with db.conn:`` sqlite-utils 4 commits every write on its
    own, and a build killed mid-document left a documents row without its mentions, which the
    next run then skipped as done.
    """
    with write_transaction(db):
        ids = _write_document(db, linked)
        written = _merge_twins(db, linked, ids)
        _settle_unnamed_posts(db, {linked.extraction.document.id} | written)


def _write_document(db: sqlite_utils.Database, linked: LinkedExtraction) -> dict[tuple[str, str], str]:
    """Replace one document's rows and refresh what they touch; return its entities' stored ids."""
    ext = linked.extraction
    doc = ext.document
    conn = db.conn
    old_persons = _persons_mentioned(db, doc.id)
    old_claims = _document_claims(db, doc.id)
    change = DocumentChange(db, doc.id)
    old_tenures, old_entities = _delete_document_rows(db, doc.id)
    conn.execute(_upsert_sql("documents", _DOCUMENT_COLUMNS, ("id",)), (
        doc.id, doc.content_hash, doc.source, doc.title, doc.url, doc.published, ext.lang,
        len(doc.text), doc.text,
        json.dumps(doc.meta, ensure_ascii=False, default=str) if doc.meta else None,
        ext.pipeline, now_iso(),
    ))
    sent_ids = {s.index: f"{doc.id}:{s.index}" for s in ext.sentences}
    conn.executemany(
        _replace_sql("sentences", ("id", "document_id", "idx", "start", "end", "lang", "text")),
        [(sent_ids[s.index], doc.id, s.index, s.start, s.end, s.lang, s.text) for s in ext.sentences],
    )
    ids: dict[tuple[str, str], str] = {}
    mention_rows: list[tuple] = []
    candidate_rows: list[tuple] = []
    for ent in ext.entities:
        eid, link = stored_identity(db, ent, linked)
        ids[(ent.type, ent.name)] = eid
        _upsert_entity(db, ent.type, eid, ent.name, link, ent)
        candidate_rows.extend(_candidate_rows(ent.type, eid, link))
        for m in ent.mentions:
            mention_rows.append((
                f"{doc.id}:{m.start}:{m.end}:{ent.type}", doc.id, sent_ids.get(m.sentence),
                ent.type, eid, m.text, ent.name, m.start, m.end, m.label, doc.published,
            ))
    # candidates are read by nothing in this transaction: one batch keeps their order
    if candidate_rows:
        conn.executemany(_CANDIDATE_UPSERT, candidate_rows)
    conn.executemany(_replace_sql("mentions", _MENTION_COLUMNS), mention_rows)
    _update_co_mentions(db, doc.id, old_persons, {row[4] for row in mention_rows if row[3] == "person"})
    new_tenures: set[str] = set()
    evidence_rows: list[tuple] = []
    sentences = {}
    for s in ext.sentences:
        sentences.setdefault(s.index, s)  # the first sentence of an index, as next() found it
    for i, ten in enumerate(ext.tenures):
        tid = _save_tenure(db, linked, ten, ids, sent_ids, i, evidence_rows, sentences)
        if tid:
            new_tenures.add(tid)
    # evidence is read only by refresh_aggregates: written in one batch just before it
    conn.executemany(_replace_sql("evidence", _EVIDENCE_COLUMNS), evidence_rows)
    posts = _apply_claim_changes(db, doc.id, old_claims, _document_claims(db, doc.id))
    change.written(db)
    refresh_aggregates(db, old_tenures | new_tenures, old_entities | set(ids.values()), change)
    refresh_conflicts(db, posts)
    refresh_comparisons(db, old_entities | {eid for (kind, _), eid in ids.items() if kind == "person"})
    return ids


def _merge_twins(db: sqlite_utils.Database, linked: LinkedExtraction, ids: dict[tuple[str, str], str]) -> set[str]:
    """One record per real entity whatever the order of documents: the unlinked rows that other
    documents stored under a name this document links (``identity.unlinked_twins``) are merged
    into the linked row by writing those documents again from their stored rows
    (``stored_extraction``): each of their names then takes the id it would have taken had this
    document come first, so mentions, tenures (joined by ``kb.tenure_rules``), evidence,
    positions, co-mentions, claim groups and comparisons all move together, and the emptied
    rows go. A document is written again only when one of its names now resolves to another
    row, or when a post of it refers to an organisation that is merged (a claim without
    organisation that took the organisation of the person's only post with that role). Each
    document is written again at most once; returns the documents written again. The numbered
    namesakes (``~2``) of an unlinked full name this document stored are looked at the same way:
    the posts it adds to a row may show that a namesake stored before is this person after all
    ("communications chief" of Downing Street beside a "media chief" whose organisation only a
    later document gave), as it would have been had this document come first."""
    doc_id = linked.extraction.document.id
    persons: set[str] = set()
    orgs: set[str] = set()
    for (etype, name), eid in ids.items():
        if eid != linked.link_for(etype, name).qid:
            if etype == "person":  # this document's posts may make a numbered namesake this person
                persons.update(numbered_namesakes(db, name, eid))
            continue
        for twin in unlinked_twins(db, etype, eid, name):
            (orgs if etype == "organization" else persons).add(twin)
    if not persons and not orgs:
        return set()
    mentioning = _documents_of(db, "SELECT DISTINCT document_id FROM mentions WHERE entity_id = ?", persons | orgs)
    holding = _documents_of(db, "SELECT DISTINCT e.document_id FROM evidence e JOIN tenures t ON t.id = e.tenure_id "
                                "WHERE t.organization_id = ?", orgs) - mentioning
    pending = sorted(mentioning - {doc_id})
    written: set[str] = set()
    moved = True
    while moved:  # a namesake takes the name's plain id once the linked person's rows left it
        moved = False
        for other in list(pending):
            stored = stored_extraction(db, other)
            if _resolves_elsewhere(db, stored, persons | orgs):
                _write_document(db, stored)
                pending.remove(other)
                written.add(other)
                moved = True
    for other in sorted(holding - {doc_id}):
        _write_document(db, stored_extraction(db, other))
        written.add(other)
    return written


#: Claims of a (person, role) that named no organisation (no organisation span, no position
#: item) and are stored at another organisation than the one such a claim takes now.
_UNNAMED_POST_CLAIMS = """
SELECT DISTINCT e.document_id, e.id FROM tenures t JOIN positions pos ON pos.id = t.position_id
JOIN evidence e ON e.tenure_id = t.id
WHERE t.person_id = ? AND t.role = ? AND t.organization_id IS NOT ? AND pos.qid IS NULL
  AND e.org_start IS NULL
"""


#: A document's (person, role) posts at an organisation whose person holds another tenure of that
#: role without position item (only then can another claim's organisation depend on them).
_POSTS_WITH_OTHER_TENURES = """
SELECT DISTINCT t.person_id, t.role FROM evidence e JOIN tenures t ON t.id = e.tenure_id
WHERE e.document_id = ? AND t.organization_id IS NOT NULL AND EXISTS (
  SELECT 1 FROM tenures o JOIN positions pos ON pos.id = o.position_id
  WHERE o.person_id = t.person_id AND o.role = t.role AND o.id <> t.id AND pos.qid IS NULL)
"""


def _settle_unnamed_posts(db: sqlite_utils.Database, documents: set[str]) -> None:
    """A claim that names no organisation ("the chief executive") takes the organisation of the
    person's only post with that role (``_only_org_for_role``): when these documents' posts
    change which organisation that is (a first one, or a second that makes it ambiguous), the
    documents holding such a claim of the person and role (these ones too: a document's claims
    were stored before its merges) are written again, as they would have been stored had these
    documents come first. Only claims stored at another
    organisation than the one they take now are looked at, of persons holding more than one
    tenure of the role: most documents cost one query."""
    posts = {tuple(r) for d in documents for r in db.execute(_POSTS_WITH_OTHER_TENURES, [d])}
    stale: dict[str, set[int]] = {}
    for person, role in sorted(posts):
        now = _only_org_for_role(db, person, role, set())
        for doc_id, eid in db.execute(_UNNAMED_POST_CLAIMS, [person, role, now]):
            stale.setdefault(doc_id, set()).add(int(eid.rsplit(":", 1)[1]))
    for doc_id in sorted(stale):
        stored = stored_extraction(db, doc_id)
        claims = stored.extraction.tenures
        if any(i < len(claims) and claims[i].org is None for i in stale[doc_id]):
            _write_document(db, stored)


def _documents_of(db: sqlite_utils.Database, sql: str, entity_ids: set[str]) -> set[str]:
    return {r[0] for eid in entity_ids for r in db.execute(sql, [eid])}


def _resolves_elsewhere(db: sqlite_utils.Database, stored: LinkedExtraction, twins: set[str]) -> bool:
    """Does a name of a stored document that is now stored as one of ``twins`` resolve to
    another row (written again now, the document would store it elsewhere)?"""
    ext = stored.extraction
    current = dict(((r[0], r[1]), r[2]) for r in db.execute(
        "SELECT DISTINCT entity_type, name, entity_id FROM mentions WHERE document_id = ?", [ext.document.id]))
    for ent in ext.entities:
        eid = current.get((ent.type, ent.name))
        if eid in twins and stored_identity(db, ent, stored)[0] != eid:
            return True
    return False


_DOCUMENT_COLUMNS = ("id", "content_hash", "source", "title", "url", "published", "lang", "n_chars",
                     "text", "meta", "pipeline", "built_at")
_MENTION_COLUMNS = ("id", "document_id", "sentence_id", "entity_type", "entity_id", "text", "name",
                    "start", "end", "label", "published")
_EVIDENCE_COLUMNS = (
    "id", "tenure_id", "document_id", "sentence_id", "sentence", "published", "person_start",
    "person_end", "role_text", "role_start", "role_end", "org_start", "org_end", "date_text",
    "date_start", "date_end", "claimed_start", "claimed_start_precision", "claimed_end",
    "claimed_end_precision", "claimed_status", "claimed_ordinal", "extractor", "confidence",
)
_TENURE_COLUMNS = ("id", "person_id", "position_id", "role", "organization_id", "start", "start_precision",
                   "end", "end_precision", "status", "ordinal")
_POSITION_COLUMNS = ("id", "label", "role", "organization_id", "qid", "wikipedia_title", "link_score",
                     "link_method")


_CANDIDATE_UPSERT = _upsert_sql(
    "link_candidates", ("entity_type", "entity_id", "qid", "label", "score", "method", "features"),
    ("entity_type", "entity_id", "qid"),
)


def _upsert_entity(db, type: str, eid: str, name: str, link, ent) -> None:
    """Insert or update one entity in one statement; birth/death dates only when given."""
    table = "persons" if type == "person" else "organizations"
    columns = ["id", "name", "qid", "wikipedia_title", "wikipedia_url", "description", "link_score", "link_method"]
    values: list[Any] = [
        eid, name, link.qid, link.enwiki, wikipedia_url(link.enwiki), link.description,
        link.score if link.qid else None, link.method if link.qid else None,
    ]
    if type == "person" and ent.birth_date is not None:
        columns += ["birth_date", "birth_precision"]
        values += list(_date(ent.birth_date))
    if type == "person" and ent.death_date is not None:
        columns.append("death_date")
        values.append(ent.death_date.value)
    db.conn.execute(_upsert_sql(table, tuple(columns), ("id",), keep_longest="name", ref_qid="qid"), values)


def _candidate_rows(type: str, eid: str, link) -> list[tuple]:
    return [
        (type, eid, c.qid, c.label, c.score, c.method, json.dumps(c.features) if c.features else None)
        for c in link.candidates
    ]


def _span(span) -> tuple[Optional[int], Optional[int]]:
    return (span.start, span.end) if span else (None, None)


def _save_tenure(db, linked: LinkedExtraction, ten: Tenure, ids, sent_ids, i: int,
                 evidence_rows: list[tuple], sentences: dict) -> Optional[str]:
    """Store one tenure claim's position and tenure; its evidence row goes to ``evidence_rows``
    (written by the caller in one batch)."""
    ext = linked.extraction
    doc = ext.document
    conn = db.conn
    pid = ids.get(("person", ten.person))
    if pid is None:
        return None
    org_id = ids.get(("organization", ten.org)) if ten.org else None
    plink = linked.position_links.get((ten.role, ten.org))
    pos_qid = plink.qid if plink else None
    if org_id is None and not pos_qid:
        # "the prime minister" = the post he holds
        org_id = _only_org_for_role(db, pid, ten.role, {row[1] for row in evidence_rows})
    posid = position_id(ten.role, org_id, pos_qid)
    conn.execute(_upsert_sql("positions", _POSITION_COLUMNS, ("id",), keep_longest="label"), (
        posid,
        plink.label if plink and plink.label else position_label(ten.role, ten.org),
        ten.role,
        org_id,
        pos_qid,
        plink.enwiki if plink else None,
        plink.score if plink and plink.qid else None,
        plink.method if plink and plink.qid else None,
    ))
    start, start_p = _date(ten.start)
    end, end_p = _date(ten.end)
    tid = _compatible_tenure(db, pid, posid, start, end, ten.ordinal) or tenure_id(pid, posid, start, end)
    # DO NOTHING on the id only: a new tenure is inserted, a stored one left as it is
    conn.execute(
        f"INSERT INTO tenures ({_cols(_TENURE_COLUMNS)}) VALUES ({', '.join('?' for _ in _TENURE_COLUMNS)}) "
        "ON CONFLICT(id) DO NOTHING",
        (tid, pid, posid, ten.role, org_id, start, start_p, end, end_p, ten.status, ten.ordinal),
    )
    sent = sentences.get(ten.sentence)
    ps, pe = _span(ten.person_span)
    rs, re_ = _span(ten.role_span)
    os_, oe = _span(ten.org_span)
    ds, de = _span(ten.date_span)
    row = (
        f"{doc.id}:{i}", tid, doc.id, sent_ids.get(ten.sentence), sent.text if sent else None,
        doc.published, ps, pe, ten.role_text or None, rs, re_, os_, oe,
        ten.date_span.text if ten.date_span else None, ds, de, start, start_p, end, end_p,
        ten.status, ten.ordinal, ten.extractor, ten.confidence,
    )
    evidence_rows.append(row)
    return tid


def _only_org_for_role(db, person_id: str, role: str, written: set[str]) -> Optional[str]:
    """The organisation of the person's only post with this role, if exactly one exists.

    Only tenures that still have evidence, or that this document's claims already joined
    (``written``), count: a tenure whose only evidence was this document's, deleted for the
    rewrite, is a leftover (after a merge, of the organisation's former row)."""
    rows = db.execute(
        "SELECT DISTINCT t.organization_id FROM tenures t WHERE t.person_id = ? AND t.role = ? "
        "AND t.organization_id IS NOT NULL AND (t.id IN (SELECT value FROM json_each(?)) "
        "OR EXISTS (SELECT 1 FROM evidence e WHERE e.tenure_id = t.id))",
        [person_id, role, json.dumps(sorted(written))],
    ).fetchall()
    return rows[0][0] if len(rows) == 1 else None


def _compatible_tenure(db, person_id: str, position_id_: str, start, end, ordinal) -> Optional[str]:
    """An existing tenure of the same post that this claim can join (``kb.tenure_rules``), or None;
    the post's tenures are offered most recent start first."""
    rows = db.execute(
        'SELECT id, start, "end", ordinal FROM tenures WHERE person_id = ? AND position_id = ? '
        "ORDER BY coalesce(start, '') DESC, id",
        [person_id, position_id_],
    ).fetchall()
    return compatible_tenure(start, end, ordinal, rows)
