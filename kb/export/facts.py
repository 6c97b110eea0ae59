"""Per-document facts as JSON Lines in the gold format (GOLD-FORMAT.md, version 1).

What ``kb evaluate`` scores and ``scripts/check_same_facts.py`` compares byte for byte: each
document with its own fullest names, the entities' QIDs and its tenures with their evidence.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import IO, Any, Iterator, Optional

import sqlite_utils

from ..store import iter_rows


def _document_names(db: sqlite_utils.Database, doc_id: str) -> dict[str, dict[str, Any]]:
    """Per entity of one document: its fullest in-document name, surface forms, first offset.

    Grouping is by entity id, so two names that the linker resolved to the same item ("EU"
    and "European Union", "Nato" and "NATO") are one organisation of the document.
    """
    names: dict[str, dict[str, Any]] = {}
    for row in iter_rows(
        db,
        "SELECT entity_id, entity_type, name, text, start FROM mentions WHERE document_id = ? ORDER BY start",
        [doc_id],
    ):
        entry = names.setdefault(row["entity_id"], {"type": row["entity_type"], "name": row["name"], "forms": [], "first": row["start"]})
        if len(row["name"] or "") > len(entry["name"] or ""):
            entry["name"] = row["name"]
        for form in (row["name"], row["text"]):
            if form and form not in entry["forms"]:
                entry["forms"].append(form)
    return names


def document_facts(db: sqlite_utils.Database, doc_id: str) -> dict[str, Any]:
    """One document's facts in the gold format (``GOLD-FORMAT.md``, version 1).

    Names are the document's own fullest names (from ``mentions``), not the names of the
    merged cross-document entities, so that the output compares with per-document gold.
    """
    doc = next(iter_rows(db, "SELECT id, published, lang FROM documents WHERE id = ?", [doc_id]))
    names = _document_names(db, doc_id)
    persons, organizations = [], []
    for eid, entry in names.items():
        if entry["type"] == "person":
            row = db.execute("SELECT qid, wikipedia_title, birth_date FROM persons WHERE id = ?", [eid]).fetchone()
            if row:
                persons.append({"name": entry["name"], "qid": row[0], "enwiki": row[1], "birth_date": row[2]})
        else:
            row = db.execute("SELECT qid, wikipedia_title FROM organizations WHERE id = ?", [eid]).fetchone()
            if row:
                aliases = [f for f in entry["forms"] if f != entry["name"]]
                organizations.append({"name": entry["name"], "qid": row[0], "enwiki": row[1], "aliases": aliases})
    tenures = []
    #: Organisations a tenure of this document names without an organisation mention (a role
    #: compound such as "SPÖ-Chef", a body the role rule resolved): they are named in the text
    #: too, so the document's organisation list carries them.
    tenure_orgs: dict[str, dict[str, Any]] = {}
    for row in iter_rows(
        db,
        """
        SELECT e.*, t.role, t.person_id, t.organization_id, pos.qid AS position_qid,
               p.qid AS person_qid, p.name AS person_fallback, o.qid AS org_qid, o.name AS org_fallback
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
        org_id = row["organization_id"]
        if org_id and org_id not in names and org_id not in tenure_orgs:
            tenure_orgs[org_id] = {"name": row["org_fallback"], "qid": row["org_qid"], "enwiki": None, "aliases": []}
        tenures.append(
            {
                "person": names.get(row["person_id"], {}).get("name") or row["person_fallback"],
                "person_qid": row["person_qid"],
                "role": row["role"],
                "position_qid": row["position_qid"],
                "org": (names.get(org_id, {}).get("name") or row["org_fallback"]) if org_id else None,
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
        "organizations": organizations + _new_orgs(organizations, tenure_orgs, db),
        "tenures": tenures,
    }


def _new_orgs(organizations: list[dict[str, Any]], tenure_orgs: dict[str, dict[str, Any]],
              db: sqlite_utils.Database) -> list[dict[str, Any]]:
    """Tenure organisations not already listed under the same name (one organisation, one entry)."""
    listed = {o["name"] for o in organizations}
    out = []
    for eid, entry in tenure_orgs.items():
        if entry["name"] and entry["name"] not in listed:
            row = db.execute("SELECT wikipedia_title FROM organizations WHERE id = ?", [eid]).fetchone()
            out.append({**entry, "enwiki": row[0] if row else None})
            listed.add(entry["name"])
    return out


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
        return write_facts(db, sys.stdout)
    with open(path, "w", encoding="utf-8") as fh:
        return write_facts(db, fh)
