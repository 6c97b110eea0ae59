"""What the news says that the reference lacks, for Wikidata editors: QuickStatements V1 lines
for the new tenures whose position item is known, and a CSV of the rest ("position item needed").

Each line states P39 (position held) with the dates kb found as P580/P582 qualifiers and the
evidence as the reference (S854 URL, S1683 quoted sentence, S577 publication date). A tenure
whose post has no Wikidata item cannot be a P39 statement; the CSV lists it with its evidence so
that an editor can find or create the item first.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path
from typing import Iterator, Optional

import sqlite_utils

from ..store import iter_rows

#: The comparison category of a tenure the reference lacks (kb.store.comparisons.NEW).
NEW_IN_THE_NEWS = "new in the news"

_NEW_TENURES = """
SELECT n.person, n.person_qid, n.position, n.position_qid, t.role, o.name AS organization,
       o.qid AS organization_qid, n.news_start, n.news_end, n.news_status, n.reason,
       d.id AS document_id, d.url, d.published, d.lang, e.sentence
FROM news_vs_reference n
JOIN tenures t ON t.id = n.tenure_id
LEFT JOIN organizations o ON o.id = t.organization_id
JOIN evidence e ON e.id = (SELECT e2.id FROM evidence e2 JOIN documents d2 ON d2.id = e2.document_id
                           WHERE e2.tenure_id = n.tenure_id
                           ORDER BY (d2.url IS NOT NULL) DESC, coalesce(d2.published, '') DESC, e2.id LIMIT 1)
JOIN documents d ON d.id = e.document_id
WHERE n.category = ? AND n.person_qid IS NOT NULL AND (n.position_qid IS NOT NULL) = ?
ORDER BY n.person_qid, coalesce(n.position_qid, n.position), n.news_start, n.tenure_id
"""

#: Columns of the "position item needed" CSV.
NEEDS_POSITION_COLUMNS = ("person", "person_qid", "role", "organization", "organization_qid", "position",
                          "start", "end", "status", "document_id", "url", "published", "sentence", "needed")


def qs_time(value: str) -> str:
    """An ISO prefix as a QuickStatements time with Wikidata precision (9 year, 10 month, 11 day)."""
    parts = value.split("-")
    precision = {1: 9, 2: 10, 3: 11}[len(parts)]
    year, month, day = (parts + ["00", "00"])[:3]
    return f"+{int(year):04d}-{month}-{day}T00:00:00Z/{precision}"


def qs_string(text: str) -> str:
    return '"' + " ".join(text.split()).replace('"', "'")[:1400] + '"'


def iter_quickstatements(db: sqlite_utils.Database) -> Iterator[str]:
    """One V1 line per tenure new in the news (``news_vs_reference``) whose position item is
    known, with its evidence as the reference: S854 URL when the document has one, S1683 the
    sentence, S577 the publication date."""
    for row in iter_rows(db, _NEW_TENURES, [NEW_IN_THE_NEWS, 1]):
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


def iter_needs_position(db: sqlite_utils.Database) -> Iterator[dict]:
    """The tenures new in the news whose post has no position item: one dict per tenure
    (``NEEDS_POSITION_COLUMNS``), with its best evidence."""
    for row in iter_rows(db, _NEW_TENURES, [NEW_IN_THE_NEWS, 0]):
        yield {"person": row["person"], "person_qid": row["person_qid"], "role": row["role"],
               "organization": row["organization"], "organization_qid": row["organization_qid"],
               "position": row["position"], "start": row["news_start"], "end": row["news_end"],
               "status": row["news_status"], "document_id": row["document_id"], "url": row["url"],
               "published": row["published"], "sentence": " ".join((row["sentence"] or "").split()),
               "needed": "position item needed"}


def quickstatements_to_file(db: sqlite_utils.Database, path: Optional[str | Path],
                            needs_position: Optional[str | Path] = None) -> tuple[int, int]:
    """Write the statements (to standard output without ``path``) and, with ``needs_position``,
    the CSV of new tenures without a position item; return (statements, CSV rows)."""
    out = sys.stdout if path is None else open(path, "w", encoding="utf-8")
    n = 0
    try:
        for line in iter_quickstatements(db):
            out.write(line + "\n")
            n += 1
    finally:
        if path is not None:
            out.close()
    m = 0
    if needs_position is not None:
        with open(needs_position, "w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=NEEDS_POSITION_COLUMNS)
            writer.writeheader()
            for row in iter_needs_position(db):
                writer.writerow(row)
                m += 1
    return n, m
