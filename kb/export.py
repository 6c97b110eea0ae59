"""Exports of kb.db that are not graphs: per-document facts (GOLD-FORMAT.md) and
QuickStatements. Graph writers (GEXF, GraphML, CSV) live in ``kb.graph``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import IO, Any, Iterator, Optional

import sqlite_utils

from .store import iter_rows


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


# ------------------------------------------------------------------------------ QuickStatements


def qs_time(value: str) -> str:
    """An ISO prefix as a QuickStatements time with Wikidata precision (9 year, 10 month, 11 day)."""
    parts = value.split("-")
    precision = {1: 9, 2: 10, 3: 11}[len(parts)]
    year, month, day = (parts + ["00", "00"])[:3]
    return f"+{int(year):04d}-{month}-{day}T00:00:00Z/{precision}"


def qs_string(text: str) -> str:
    return '"' + " ".join(text.split()).replace('"', "'")[:1400] + '"'


def iter_quickstatements(db: sqlite_utils.Database) -> Iterator[str]:
    """One V1 line per tenure that the reference lacks (``news_vs_reference``), with its
    evidence as the reference: S854 URL when the document has one, S1683 the sentence, S577
    the publication date. Tenures without a person and a position QID cannot be stated as P39
    and are left out."""
    sql = """
        SELECT n.person_qid, n.position_qid, n.news_start, n.news_end,
               d.url, d.published, d.lang, e.sentence
        FROM news_vs_reference n
        JOIN evidence e ON e.id = (SELECT e2.id FROM evidence e2 JOIN documents d2 ON d2.id = e2.document_id
                                   WHERE e2.tenure_id = n.tenure_id
                                   ORDER BY (d2.url IS NOT NULL) DESC, coalesce(d2.published, '') DESC LIMIT 1)
        JOIN documents d ON d.id = e.document_id
        WHERE n.category = 'missing in reference'
        ORDER BY n.person_qid, n.position_qid, n.news_start
    """
    for row in iter_rows(db, sql):
        cols = [row["person_qid"], "P39", row["position_qid"]]
        if row["news_start"]:
            cols += ["P580", qs_time(row["news_start"])]
        if row["news_end"]:
            cols += ["P582", qs_time(row["news_end"])]
        if row["url"]:
            cols += ["S854", qs_string(row["url"])]
        if row["sentence"]:
            lang = row["lang"] if row["lang"] in ("en", "de") else "en"
            cols += ["S1683", f"{lang}:{qs_string(row['sentence'])}"]
        if row["published"]:
            cols += ["S577", qs_time(row["published"])]
        yield "\t".join(cols)


def quickstatements_to_file(db: sqlite_utils.Database, path: Optional[str | Path]) -> int:
    import sys

    out = sys.stdout if path is None else open(path, "w", encoding="utf-8")
    n = 0
    try:
        for line in iter_quickstatements(db):
            out.write(line + "\n")
            n += 1
    finally:
        if path is not None:
            out.close()
    return n
