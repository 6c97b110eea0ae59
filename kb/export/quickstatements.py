"""Tenures the reference lacks, as QuickStatements V1 lines for Wikidata editors to review.

Each line states P39 (position held) with the dates kb found and the evidence as the
reference (S854 URL, S1683 quoted sentence, S577 publication date).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Iterator, Optional

import sqlite_utils

from ..store import iter_rows



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
