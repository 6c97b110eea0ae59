"""Per-document writes: a document's sentences, entities, mentions, positions, tenures and
evidence, replaced in one write transaction, then its aggregates refreshed.

A build killed at any moment therefore leaves either the old or the new facts of a document,
never half of them, and re-running it converges. Which stored tenure a claim joins and when two
namesakes are one person are decided by ``kb.tenure_rules``; this module only reads and writes.
"""

from __future__ import annotations

import json
from typing import Any, Optional

import sqlite_utils

from ..model import DateValue, Link, LinkedExtraction, Tenure
from ..names import entity_id, name_key, org_key, slug
from ..tenure_rules import compatible_tenure, name_too_weak, same_namesake
from .aggregates import (
    DocumentChange, _apply_claim_changes, _document_claims, _persons_mentioned, _update_co_mentions,
    refresh_aggregates, refresh_conflicts,
)
from .comparisons import refresh_comparisons
from .db import PER_DOCUMENT_TABLES, cols as _cols, now_iso, replace_sql as _replace_sql, upsert_sql as _upsert_sql
from .keys import position_id, position_label, tenure_id, wikipedia_url
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
    """Replace one document's facts in a single transaction.

    ``write_transaction`` opens a real transaction (BEGIN IMMEDIATE: the write lock first, so a
    second build waits for it): under ``with db.conn:`` sqlite-utils 4 commits every write on its
    own, and a build killed mid-document left a documents row without its mentions, which the
    next run then skipped as done.
    """
    ext = linked.extraction
    doc = ext.document
    conn = db.conn
    with write_transaction(db):
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
            link = linked.link_for(ent.type, ent.name)
            eid = entity_id(ent.type, ent.name, link.qid)
            if not link.qid:
                eid = _unlinked_entity_id(db, ent, eid, ext, doc.id)
                link = _stored_link(db, ent.type, eid) or link  # joined a linked entity: keep its link
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
        for ent in ext.entities:
            if ids[(ent.type, ent.name)] != linked.link_for(ent.type, ent.name).qid:
                continue
            if ent.type == "organization":
                _absorb_unlinked_org(db, ids[(ent.type, ent.name)], ent.name)
            elif not name_too_weak(name_key(ent.name)):
                _absorb_unlinked_person(db, ids[(ent.type, ent.name)], ent.name)
        refresh_comparisons(db, old_entities | {eid for (kind, _), eid in ids.items() if kind == "person"})


def _absorb_unlinked_person(db, qid: str, name: str) -> None:
    """A person linked now whom earlier documents stored unlinked under the same full name
    becomes one record, when the unlinked row holds no post (tenure ids are built from the
    person id; a namesake with posts may be someone else): mentions and co-mentions move."""
    old = entity_id("person", name, None)
    if db.execute("SELECT 1 FROM persons WHERE id = ? AND qid IS NULL", [old]).fetchone() is None \
            or db.execute("SELECT 1 FROM tenures WHERE person_id = ? LIMIT 1", [old]).fetchone():
        return
    docs = [r[0] for r in db.execute("SELECT DISTINCT document_id FROM mentions WHERE entity_id = ?", [old])]
    before = {d: _persons_mentioned(db, d) for d in docs}
    db.execute("UPDATE mentions SET entity_id = ? WHERE entity_id = ? AND entity_type = 'person'", [qid, old])
    for d in docs:
        _update_co_mentions(db, d, before[d], _persons_mentioned(db, d))
    db.execute("DELETE FROM link_candidates WHERE entity_type = 'person' AND entity_id = ?", [old])
    db.execute("DELETE FROM persons WHERE id = ?", [old])
    _recount(db, "persons", qid)


def _recount(db, table: str, eid: str) -> None:
    db.execute(f"UPDATE [{table}] SET n_mentions = (SELECT count(*) FROM mentions WHERE entity_id = ?), "
               "n_documents = (SELECT count(DISTINCT document_id) FROM mentions WHERE entity_id = ?) WHERE id = ?",
               [eid, eid, eid])


def _absorb_unlinked_org(db, qid: str, name: str) -> None:
    """An organisation linked now that earlier documents stored unlinked under the same
    ``org_key`` becomes one record: their mentions move to the QID's row and the unlinked row
    goes (only when no post refers to it: position and tenure ids are built from it, and the
    next build of those documents moves them). Counts of the QID's row are recounted."""
    old = entity_id("organization", name, None)
    row = db.execute("SELECT 1 FROM organizations WHERE id = ? AND qid IS NULL", [old]).fetchone()
    if row is None or db.execute("SELECT 1 FROM positions WHERE organization_id = ? LIMIT 1", [old]).fetchone() \
            or db.execute("SELECT 1 FROM tenures WHERE organization_id = ? LIMIT 1", [old]).fetchone():
        return
    db.execute("UPDATE mentions SET entity_id = ? WHERE entity_id = ? AND entity_type = 'organization'", [qid, old])
    db.execute("DELETE FROM link_candidates WHERE entity_type = 'organization' AND entity_id = ?", [old])
    db.execute("DELETE FROM organizations WHERE id = ?", [old])
    _recount(db, "organizations", qid)


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


def _unlinked_entity_id(db, ent, base: str, ext, doc_id: str) -> str:
    """Merge unlinked entities across documents by normalised name plus context.

    A one-word person name ("Smith") is too weak to merge on: it stays within its document.
    A full name merges with the stored entity of that name unless both sides state roles and
    they share neither a role nor an organisation: then they are two people who share a name,
    and the newcomer gets (or joins) a numbered variant of the id.
    """
    if ent.type != "person":
        return _linked_org_of_same_key(db, ent.name) or base
    if name_too_weak(name_key(ent.name)):
        return f"{base}@{doc_id}"
    mine = {("role", t.role) for t in ext.tenures if t.person == ent.name}
    mine |= {("org", slug(t.org)) for t in ext.tenures if t.person == ent.name and t.org}
    for qid in _linked_persons_of_same_name(db, ent.name):
        if same_namesake(mine, _person_posts(db, qid)):
            return qid  # "Steve Jobs" unlinked here, linked elsewhere: one person, one row
    candidate, n = base, 1
    while True:
        row = db.execute("SELECT 1 FROM persons WHERE id = ?", [candidate]).fetchone()
        if row is None:
            return candidate
        if same_namesake(mine, _person_posts(db, candidate)):
            return candidate
        n += 1
        candidate = f"{base}~{n}"


def _stored_link(db, type: str, eid: str) -> Optional[Link]:
    """The link of a stored linked entity (an unlinked mention that joined it must not unlink it)."""
    table = "persons" if type == "person" else "organizations"
    row = db.execute(f"SELECT qid, wikipedia_title, description, link_score, link_method FROM [{table}] "
                     "WHERE id = ? AND qid IS NOT NULL", [eid]).fetchone()
    if row is None:
        return None
    return Link(qid=row[0], enwiki=row[1], description=row[2], score=row[3] or 0.0, method=row[4] or "")


def _person_posts(db, person_id: str) -> set[tuple[str, str]]:
    """("role", role) and ("org", org slug) of a stored person's tenures: what tells namesakes apart."""
    theirs = {("role", r[0]) for r in db.execute("SELECT DISTINCT role FROM tenures WHERE person_id = ?", [person_id])}
    theirs |= {
        ("org", (r[0] or "").split(":", 1)[-1])
        for r in db.execute(
            "SELECT DISTINCT organization_id FROM tenures WHERE person_id = ? AND organization_id IS NOT NULL", [person_id]
        )
    }
    return theirs


def _linked_persons_of_same_name(db, name: str) -> list[str]:
    """QIDs of stored linked persons whose name is this full name (normalised): the linker may
    leave a name unlinked in one document that it linked in another."""
    key = name_key(name)
    rows = db.execute("SELECT id, name FROM persons WHERE name = ? COLLATE NOCASE AND qid IS NOT NULL", [name]).fetchall()
    return sorted(r[0] for r in rows if name_key(r[1] or "") == key and _joinable(db, "person", name, r[0]))


def _joinable(db, type: str, name: str, qid: str) -> bool:
    """A stored linked entity an unlinked name may join: other documents still mention it (its
    row is no leftover of the document being rewritten) and no judgement rejected that QID for
    this name (an unlinked rebuild must not undo a rejection)."""
    if not db.execute("SELECT 1 FROM mentions WHERE entity_id = ? LIMIT 1", [qid]).fetchone():
        return False
    return not db.execute(
        "SELECT 1 FROM judgements WHERE entity_type = ? AND name_key = ? AND qid = ? AND judgement = 'rejected'",
        [type, name_key(name), qid]).fetchone()


def _linked_org_of_same_key(db, name: str) -> Optional[str]:
    """The QID of the one stored linked organisation with the same ``org_key`` ("Apple" joins a
    linked "Apple Inc."), looked up among names that start with the same first word; None when
    there is none or more than one."""
    key = org_key(name)
    first = key.split(" ", 1)[0] if key else ""
    if not first:
        return None
    pattern = first.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    rows = db.execute(
        "SELECT id, name FROM organizations WHERE qid IS NOT NULL AND name LIKE ? ESCAPE '\\'", [pattern]
    ).fetchall()
    qids = {r[0] for r in rows if org_key(r[1] or "") == key and _joinable(db, "organization", name, r[0])}
    return qids.pop() if len(qids) == 1 else None


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
    db.conn.execute(_upsert_sql(table, tuple(columns), ("id",), keep_longest="name"), values)


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
        org_id = _only_org_for_role(db, pid, ten.role)  # "the prime minister" = the post he holds
    posid = position_id(ten.role, org_id, pos_qid)
    conn.execute(_upsert_sql("positions", _POSITION_COLUMNS, ("id",)), (
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


def _only_org_for_role(db, person_id: str, role: str) -> Optional[str]:
    """The organisation of the person's only post with this role, if exactly one exists."""
    rows = db.execute(
        "SELECT DISTINCT organization_id FROM tenures WHERE person_id = ? AND role = ? AND organization_id IS NOT NULL",
        [person_id, role],
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
