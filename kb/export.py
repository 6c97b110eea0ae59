"""Exports of kb.db that are not graphs: per-document facts (GOLD-FORMAT.md) and
QuickStatements. Graph writers (GEXF, GraphML, CSV) live in ``kb.graph``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import IO, Any, Iterator, Optional

import sqlite_utils

from .store import iter_rows


def document_facts(db: sqlite_utils.Database, doc_id: str) -> dict[str, Any]:
    """One document's facts in the gold format (``GOLD-FORMAT.md``, version 1).

    Names are the document's own fullest names (``mentions.name``), not the names of the
    merged cross-document entities, so that the output compares with per-document gold.
    """
    doc = next(iter_rows(db, "SELECT id, published, lang FROM documents WHERE id = ?", [doc_id]))
    persons = []
    for row in iter_rows(
        db,
        "SELECT m.name, p.qid, p.wikipedia_title, p.birth_date, min(m.start) AS first "
        "FROM mentions m JOIN persons p ON p.id = m.entity_id "
        "WHERE m.document_id = ? AND m.entity_type = 'person' GROUP BY m.name ORDER BY first",
        [doc_id],
    ):
        persons.append(
            {"name": row["name"], "qid": row["qid"], "enwiki": row["wikipedia_title"], "birth_date": row["birth_date"]}
        )
    organizations = []
    for row in iter_rows(
        db,
        "SELECT m.name, o.qid, o.wikipedia_title, group_concat(DISTINCT m.text) AS forms, min(m.start) AS first "
        "FROM mentions m JOIN organizations o ON o.id = m.entity_id "
        "WHERE m.document_id = ? AND m.entity_type = 'organization' GROUP BY m.name ORDER BY first",
        [doc_id],
    ):
        forms = [f for f in (row["forms"] or "").split(",") if f and f != row["name"]]
        organizations.append({"name": row["name"], "qid": row["qid"], "enwiki": row["wikipedia_title"], "aliases": forms})
    tenures = []
    for row in iter_rows(
        db,
        """
        SELECT e.*, t.role, t.person_id, t.organization_id, pos.qid AS position_qid,
               p.qid AS person_qid, o.qid AS org_qid,
               (SELECT m.name FROM mentions m WHERE m.document_id = e.document_id AND m.entity_id = t.person_id LIMIT 1) AS person_name,
               p.name AS person_fallback,
               (SELECT m.name FROM mentions m WHERE m.document_id = e.document_id AND m.entity_id = t.organization_id LIMIT 1) AS org_name,
               o.name AS org_fallback
        FROM evidence e
        JOIN tenures t ON t.id = e.tenure_id
        JOIN persons p ON p.id = t.person_id
        LEFT JOIN organizations o ON o.id = t.organization_id
        LEFT JOIN positions pos ON pos.id = t.position_id
        WHERE e.document_id = ?
        ORDER BY e.rowid
        """,
        [doc_id],
    ):
        tenures.append(
            {
                "person": row["person_name"] or row["person_fallback"],
                "person_qid": row["person_qid"],
                "role": row["role"],
                "position_qid": row["position_qid"],
                "org": (row["org_name"] or row["org_fallback"]) if row["organization_id"] else None,
                "org_qid": row["org_qid"],
                "start": row["claimed_start"],
                "end": row["claimed_end"],
                "status": row["claimed_status"],
                "ordinal": row["claimed_ordinal"],
                "sentence": row["sentence"],
            }
        )
    return {
        "id": doc["id"],
        "published": doc["published"],
        "lang": doc["lang"],
        "persons": persons,
        "organizations": organizations,
        "tenures": tenures,
    }


def iter_facts(db: sqlite_utils.Database) -> Iterator[dict[str, Any]]:
    for (doc_id,) in db.execute("SELECT id FROM documents ORDER BY id").fetchall():
        yield document_facts(db, doc_id)


def write_facts(db: sqlite_utils.Database, out: IO[str]) -> int:
    """Write JSON Lines, one object per document; return the number of documents."""
    n = 0
    for record in iter_facts(db):
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        n += 1
    return n


def facts_to_file(db: sqlite_utils.Database, path: Optional[str | Path]) -> int:
    if path is None or str(path) == "-":
        import sys

        return write_facts(db, sys.stdout)
    with open(path, "w", encoding="utf-8") as fh:
        return write_facts(db, fh)
