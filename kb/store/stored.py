"""A stored document read back as the LinkedExtraction that wrote it.

A link judgement changes which entity a name is, and so the ids of that entity's rows, their
tenures and positions: the simplest correct way to apply it to documents already built is to
write those documents again through ``save_extraction`` with the judged links, without running
spaCy again. This module rebuilds the extraction and the links from the rows a document left
(sentences, mentions, entity rows, candidates, evidence and its tenures and positions);
``save_extraction(db, stored_extraction(db, doc_id))`` leaves the database as it was.
"""

from __future__ import annotations

import json
from typing import Optional

import sqlite_utils

from ..errors import DatabaseError
from ..model import (
    DateValue, Document, Entity, Extraction, Link, LinkCandidate, LinkedExtraction, Mention, Sentence, Span, Tenure,
)
from .keys import position_label

_PRECISIONS = {4: "year", 7: "month", 10: "day"}


def _date(value: Optional[str], precision: Optional[str]) -> Optional[DateValue]:
    if not value:
        return None
    try:
        return DateValue(value, precision or _PRECISIONS.get(len(value), "day"))  # type: ignore[arg-type]
    except ValueError:
        return None


def _span(start: Optional[int], end: Optional[int], text: str = "") -> Optional[Span]:
    return Span(start, end, text) if start is not None and end is not None else None


def _document(db: sqlite_utils.Database, doc_id: str) -> tuple[Document, str, str]:
    row = db.execute("SELECT id, content_hash, source, title, url, published, lang, text, meta, pipeline "
                     "FROM documents WHERE id = ?", [doc_id]).fetchone()
    if row is None:
        raise DatabaseError(f"no document {doc_id!r} in the database: list them with the documents table")
    doc = Document(id=row[0], text=row[7] or "", source=row[2] or "", title=row[3], url=row[4], published=row[5],
                   content_hash=row[1], meta=json.loads(row[8]) if row[8] else {})
    return doc, row[6] or "en", row[9] or ""


def _entity_link(db: sqlite_utils.Database, entity_type: str, eid: str) -> Link:
    table = "persons" if entity_type == "person" else "organizations"
    row = db.execute(f"SELECT qid, link_score, link_method, wikipedia_title, description FROM [{table}] WHERE id = ?",
                     [eid]).fetchone()
    candidates = [LinkCandidate(r[0], r[1] or r[0], r[2] or 0.0, r[3] or "", json.loads(r[4]) if r[4] else {})
                  for r in db.execute("SELECT qid, label, score, method, features FROM link_candidates "
                                      "WHERE entity_type = ? AND entity_id = ? ORDER BY score DESC, qid",
                                      [entity_type, eid])]
    if row is None or not row[0]:
        return Link(qid=None, score=0.0, method="nil", candidates=candidates)
    return Link(qid=row[0], score=row[1] or 0.0, method=row[2] or "", enwiki=row[3], description=row[4],
                candidates=candidates)


def _entities(db: sqlite_utils.Database, doc_id: str, sentence_index: dict[str, int]):
    """The document's entities (one per type and in-document name) with their mentions, links and
    stored ids, in order of first mention."""
    entities: dict[tuple[str, str], Entity] = {}
    ids: dict[tuple[str, str], str] = {}
    for etype, eid, text, name, start, end, label, sid in db.execute(
            "SELECT entity_type, entity_id, text, name, start, \"end\", label, sentence_id FROM mentions "
            "WHERE document_id = ? ORDER BY start, \"end\", entity_type", [doc_id]):
        key = (etype, name or text)
        ent = entities.setdefault(key, Entity(key[1], etype))
        ids.setdefault(key, eid)
        ent.mentions.append(Mention(text or "", etype, start, end, sentence_index.get(sid, -1), key[1], label or ""))
    links = {key: _entity_link(db, key[0], eid) for key, eid in ids.items()}
    for key, ent in entities.items():
        if key[0] == "person":
            row = db.execute("SELECT birth_date, birth_precision, death_date FROM persons WHERE id = ?",
                             [ids[key]]).fetchone()
            if row:
                ent.birth_date = _date(row[0], row[1])
                ent.death_date = _date(row[2], None)
    return list(entities.values()), ids, links


def _name_for(ids: dict[tuple[str, str], str], entities: list[Entity], etype: str, eid: Optional[str],
              span: Optional[Span], label: Optional[tuple[str, str]] = None) -> Optional[str]:
    """The in-document name of a stored entity: the one mentioned at ``span``; for an
    organisation, the one the stored position label was made of (``label``: role and the label
    of a post without item; a bare role means the claim named no organisation); else the one
    with most mentions."""
    names = [e for e in entities if e.type == etype and ids.get((etype, e.name)) == eid]
    if span is not None:
        for ent in names:
            if any(m.start == span.start and m.end == span.end for m in ent.mentions):
                return ent.name
    if label is not None:
        role, text = label
        for ent in names:
            if position_label(role, ent.name) == text:
                return ent.name
        if text == role:
            return None
    return max(names, key=lambda e: len(e.mentions)).name if names else None


_EVIDENCE = """
SELECT e.id, t.person_id, t.role, t.organization_id, pos.qid, pos.label, pos.wikipedia_title, pos.link_score,
       pos.link_method, e.sentence_id, e.person_start, e.person_end, e.role_text, e.role_start, e.role_end,
       e.org_start, e.org_end, e.date_text, e.date_start, e.date_end, e.claimed_start, e.claimed_start_precision,
       e.claimed_end, e.claimed_end_precision, e.claimed_status, e.claimed_ordinal, e.extractor, e.confidence
FROM evidence e JOIN tenures t ON t.id = e.tenure_id JOIN positions pos ON pos.id = t.position_id
WHERE e.document_id = ?
"""


def _tenures(db, doc_id: str, entities: list[Entity], ids, sentence_index: dict[str, int]):
    """The tenure claims in their original order (evidence ids are ``doc:i``; a gap, a claim
    whose person was not stored, is kept as a claim of nobody so the ids stay the same), and
    the position links."""
    by_index: dict[int, Tenure] = {}
    positions: dict[tuple[str, Optional[str]], Link] = {}
    for r in db.execute(_EVIDENCE, [doc_id]):
        index = int(r[0].rsplit(":", 1)[1])
        person_span, org_span = _span(r[10], r[11]), _span(r[15], r[16])
        person = _name_for(ids, entities, "person", r[1], person_span)
        org = _name_for(ids, entities, "organization", r[3], org_span,
                        None if r[4] else (r[2], r[5])) if r[3] else None
        if person is None:
            continue
        by_index[index] = Tenure(
            person=person, role=r[2], org=org, start=_date(r[20], r[21]), end=_date(r[22], r[23]),
            status=r[24] or "unknown", ordinal=r[25], sentence=sentence_index.get(r[9], -1),
            person_span=person_span, role_span=_span(r[13], r[14], r[12] or ""), org_span=org_span,
            date_span=_span(r[18], r[19], r[17] or "") if r[17] is not None or r[18] is not None else None,
            extractor=r[26] or "", confidence=r[27] if r[27] is not None else 0.5, role_text=r[12] or "",
        )
        positions.setdefault((r[2], org), Link(qid=r[4], score=r[7] or 0.0, method=r[8] or "nil", label=r[5],
                                               enwiki=r[6]))
    tenures = [by_index.get(i) or Tenure(person="", role="") for i in range(max(by_index, default=-1) + 1)]
    return tenures, positions


def stored_extraction(db: sqlite_utils.Database, doc_id: str) -> LinkedExtraction:
    """The LinkedExtraction whose ``save_extraction`` wrote document ``doc_id``'s rows."""
    doc, lang, pipeline = _document(db, doc_id)
    sentences = [Sentence(r[0], r[1], r[2], r[3] or "", r[4] or "en") for r in db.execute(
        "SELECT idx, start, \"end\", text, lang FROM sentences WHERE document_id = ? ORDER BY idx", [doc_id])]
    sentence_index = {f"{doc_id}:{s.index}": s.index for s in sentences}
    entities, ids, links = _entities(db, doc_id, sentence_index)
    tenures, positions = _tenures(db, doc_id, entities, ids, sentence_index)
    extraction = Extraction(doc, sentences, entities, tenures, lang, pipeline)
    return LinkedExtraction(extraction, links, positions)


def documents_mentioning(db: sqlite_utils.Database, entity_type: str) -> dict[str, list[str]]:
    """In-document names of this entity type -> the documents using them (for judgements, which
    apply to a name wherever it occurs)."""
    out: dict[str, list[str]] = {}
    for name, doc_id in db.execute("SELECT DISTINCT name, document_id FROM mentions WHERE entity_type = ?",
                                   [entity_type]):
        if name:
            out.setdefault(name, []).append(doc_id)
    return out
