"""Writes to the reference tables (``ref_entities``, ``ref_names``, ``ref_claims``): batches of
rows, replacement by QID, the kinds derived after an import, and the bulk-load settings (indexes
dropped and rebuilt, sync off) a fresh import runs under. Parsing dumps is ``kb.link.reference``.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator, Sequence

import sqlite_utils

from .tables import REFERENCE_TABLES, TABLES, Index
from .transaction import write_transaction

#: Secondary indexes of the reference tables (``idx_ref_*``), dropped and rebuilt around a fresh
#: bulk import: one sort per index instead of a B-tree update per row.
REF_INDEXES = [(table, index) for table in REFERENCE_TABLES for index in TABLES[table].indexes
               if index.name.startswith("idx_ref_")]


#: The reference indexes that look rows up by QID: what replacing an entity's rows needs.
QID_INDEXES = [(table, index) for table, index in REF_INDEXES if index.columns[0] == "qid"]


def ensure_reference_indexes(db: sqlite_utils.Database, indexes: Sequence[tuple[str, Index]] = REF_INDEXES) -> None:
    """Create any missing reference index (an import killed mid-way leaves them dropped).

    Looks first, so that the usual case (all present) takes no write lock."""
    present = {r[0] for r in db.conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    missing = [(table, index) for table, index in indexes if index.name not in present]
    if not missing:
        return
    with write_transaction(db):
        for table, index in missing:
            db.conn.execute(index.ddl(table))


def drop_reference_indexes(db: sqlite_utils.Database) -> None:
    with write_transaction(db):
        for _, index in REF_INDEXES:
            db.conn.execute(f"DROP INDEX IF EXISTS {index.name}")


def has_reference_rows(db: sqlite_utils.Database) -> bool:
    return db.conn.execute("SELECT 1 FROM ref_entities LIMIT 1").fetchone() is not None


def write_reference_rows(db: sqlite_utils.Database, entities: Sequence[tuple], names: Sequence[tuple],
                         claims: Sequence[tuple], replace_old: bool) -> None:
    """One batch in one write transaction. ``replace_old``: first delete the names and claims
    the batch's entities had (a re-import replaces an entity, it does not add to it)."""
    conn = db.conn
    with write_transaction(db):
        if replace_old:
            qids = [(e[0],) for e in entities]
            conn.executemany("DELETE FROM ref_names WHERE qid = ?", qids)
            conn.executemany("DELETE FROM ref_claims WHERE qid = ?", qids)
        conn.executemany("INSERT OR REPLACE INTO ref_entities VALUES (?,?,?,?,?,?,?,?,?,?,?)", entities)
        conn.executemany(
            "INSERT OR REPLACE INTO ref_names (qid, name, norm, lang, is_label, skel, last, acro) "
            "VALUES (?,?,?,?,?,?,?,?)",
            names,
        )
        conn.executemany("INSERT INTO ref_claims VALUES (?,?,?,?,?,?,?)", claims)


def classify_kinds(db: sqlite_utils.Database) -> None:
    """Kinds the dump does not state directly: items held as P39 are positions, the rest items.

    Runs after every import because a position is recognised by its holders, which may be
    imported later than the position itself.
    """
    with write_transaction(db):
        db.conn.execute(
            "UPDATE ref_entities SET kind = 'position' WHERE kind IS NOT 'person' "
            "AND qid IN (SELECT value FROM ref_claims WHERE property = 'P39')"
        )
        db.conn.execute("UPDATE ref_entities SET kind = 'item' WHERE kind IS NULL")


@contextmanager
def bulk_mode(db: sqlite_utils.Database, fresh: bool) -> Iterator[None]:
    """Import-only SQLite settings, restored afterwards.

    ``synchronous=OFF``: an import is re-runnable, so a crash needs no durability guarantee
    (the WAL still keeps the file consistent). A bigger page cache and in-memory temp storage
    speed up the index sorts. On a fresh import the secondary indexes are dropped and rebuilt
    after the rows are in; a re-import keeps them (its deletes by QID need them).
    """
    conn = db.conn
    ensure_reference_indexes(db)
    sync = conn.execute("PRAGMA synchronous").fetchone()[0]
    cache = conn.execute("PRAGMA cache_size").fetchone()[0]
    temp = conn.execute("PRAGMA temp_store").fetchone()[0]
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("PRAGMA cache_size=-65536")  # 64 MB
    conn.execute("PRAGMA temp_store=MEMORY")
    if fresh:
        drop_reference_indexes(db)
    try:
        yield
    finally:
        ensure_reference_indexes(db)
        conn.execute(f"PRAGMA synchronous={int(sync)}")
        conn.execute(f"PRAGMA cache_size={int(cache)}")
        conn.execute(f"PRAGMA temp_store={int(temp)}")


def analyze_reference(db: sqlite_utils.Database) -> None:
    """Planner statistics for the reference tables, from a sample of each index (fast)."""
    db.conn.execute("PRAGMA analysis_limit=1000")
    for table in REFERENCE_TABLES:
        db.conn.execute(f"ANALYZE {table}")


def replace_claims(db: sqlite_utils.Database, qids: list[str], properties: tuple[str, ...],
                   rows: list[tuple]) -> None:
    """Replace the given properties' claims of ``qids`` by ``rows`` (index files: kinds, countries).

    One write transaction, so a re-import of the same index leaves the same claims.
    """
    marks = ", ".join("?" for _ in properties)
    with write_transaction(db):
        db.conn.executemany(f"DELETE FROM ref_claims WHERE qid = ? AND property IN ({marks})",
                            [(q, *properties) for q in qids])
        db.conn.executemany("INSERT INTO ref_claims VALUES (?,?,?,?,?,?,?)", rows)
