"""Helpers for the build tests (a synthetic news corpus of our own making) and their checks.

The corpus is generated from name, role and organisation lists written here, never from
../shared text. Each document is a short news item with an appointment, a quote and a date,
so the real pipeline finds persons, organisations and (with the role rules) tenures in it.
"""

from __future__ import annotations

import json
import random
import sqlite3
from pathlib import Path

FIRST = ["Anna", "Boris", "Clara", "Dmitri", "Elena", "Frank", "Greta", "Hassan", "Ingrid", "Jonas",
         "Karin", "Luis", "Maria", "Nils", "Olga", "Pablo", "Quentin", "Rosa", "Stefan", "Tanja"]
LAST = ["Albrecht", "Brennan", "Castillo", "Dufresne", "Eriksen", "Fischer", "Gallagher", "Hoffmann",
        "Ivanova", "Jansen", "Kowalski", "Lindqvist", "Moreau", "Novak", "Okafor", "Petrov",
        "Quigley", "Rasmussen", "Schneider", "Tanaka"]
ORGS = ["the World Health Organization", "Siemens", "the European Central Bank", "Oxfam",
        "the United Nations", "Volkswagen", "Amnesty International", "the Bank of England"]
ROLES = ["chief executive", "president", "chairman", "secretary general", "director"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]


def news_text(i: int) -> str:
    """A short news item, different for every ``i`` (so every content hash differs)."""
    rng = random.Random(i)
    person = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    other = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    org, role = rng.choice(ORGS), rng.choice(ROLES)
    year = 1990 + i % 35
    month = MONTHS[i % 12]
    return (
        f"{person} was appointed {role} of {org} in {month} {year}.\n"
        f"\"We will keep our promises,\" {person.split()[1]} told reporters in Geneva on Tuesday.\n"
        f"{other}, who led {org} before, congratulated the new {role}.\n"
        f"The board met {i % 28 + 1} times that year (report number {i})."
    )


def write_txt_corpus(folder: Path, n: int, start: int = 0) -> list[Path]:
    """``n`` .txt files, one document each."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(start, start + n):
        path = folder / f"news-{i:05d}.txt"
        path.write_text(news_text(i), encoding="utf-8")
        paths.append(path)
    return paths


def write_jsonl_corpus(path: Path, n: int, start: int = 0, published: str = "2024-05-01") -> Path:
    """One JSONL file with ``n`` documents."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(start, start + n):
            fh.write(json.dumps({"id": f"item-{i}", "text": news_text(i), "published": published}) + "\n")
    return path


def orphans(db_path: Path) -> dict[str, int]:
    """Rows that point at something that is gone (must all be 0 after any build)."""
    checks = {
        "sentences without document": "SELECT count(*) FROM sentences WHERE document_id NOT IN (SELECT id FROM documents)",
        "mentions without document": "SELECT count(*) FROM mentions WHERE document_id NOT IN (SELECT id FROM documents)",
        "evidence without document": "SELECT count(*) FROM evidence WHERE document_id NOT IN (SELECT id FROM documents)",
        "evidence without tenure": "SELECT count(*) FROM evidence WHERE tenure_id NOT IN (SELECT id FROM tenures)",
        "tenures without evidence": "SELECT count(*) FROM tenures WHERE id NOT IN (SELECT tenure_id FROM evidence)",
        "tenures without person": "SELECT count(*) FROM tenures WHERE person_id NOT IN (SELECT id FROM persons)",
        "positions unused": "SELECT count(*) FROM positions WHERE id NOT IN (SELECT position_id FROM tenures)",
        "persons unreferenced": "SELECT count(*) FROM persons WHERE id NOT IN (SELECT entity_id FROM mentions) "
                                "AND id NOT IN (SELECT person_id FROM tenures)",
        "organizations unreferenced": "SELECT count(*) FROM organizations WHERE id NOT IN (SELECT entity_id FROM mentions) "
                                      "AND id NOT IN (SELECT coalesce(organization_id, '') FROM tenures)",
        "evidence rows counted wrong": "SELECT count(*) FROM tenures t WHERE n_evidence != "
                                       "(SELECT count(*) FROM evidence e WHERE e.tenure_id = t.id)",
    }
    conn = sqlite3.connect(str(db_path))
    try:
        return {name: conn.execute(sql).fetchone()[0] for name, sql in checks.items()}
    finally:
        conn.close()


def failures(db_path: Path) -> list[tuple[str, str, str]]:
    conn = sqlite3.connect(str(db_path))
    try:
        return sorted(conn.execute("SELECT source, stage, reason FROM failures").fetchall())
    finally:
        conn.close()


def count(db_path: Path, table: str) -> int:
    conn = sqlite3.connect(str(db_path), timeout=30)
    try:
        return conn.execute(f"SELECT count(*) FROM [{table}]").fetchone()[0]
    finally:
        conn.close()
