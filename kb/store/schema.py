"""kb.db's schema history: the frozen migrations and the one function that applies them.

Each migration is plain SQL in ``kb/store/migrations/vNNN.sql``, written once and never edited:
a database records how many have run in ``PRAGMA user_version``, so changing an old file would
leave existing databases and new ones with different schemas. Change the schema only by adding
the next file (and updating ``kb.store.tables``, which describes the result).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import sqlite_utils

from ..errors import DatabaseError
from .comparisons import refresh_all_comparisons
from .transaction import write_transaction

_MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def _load_migrations() -> list[str]:
    files = sorted(_MIGRATIONS_DIR.glob("v[0-9][0-9][0-9].sql"))
    assert [f.name for f in files] == [f"v{i:03d}.sql" for i in range(1, len(files) + 1)], files
    return [f.read_text(encoding="utf-8") for f in files]


#: Append-only list of migrations; index + 1 is the schema version it produces.
MIGRATIONS: list[str] = _load_migrations()
SCHEMA_VERSION = len(MIGRATIONS)
#: The migrations by their historical names (tests build old databases from them).
SCHEMA_V1, VIEWS_V2, VIEWS_V3, VIEWS_V4, VIEWS_V5, VIEWS_V6, VIEWS_V7 = MIGRATIONS[:7]
#: Derived rows a migration's SQL cannot compute, filled in Python right after it (same
#: transaction): v7's reference comparisons use the title parser.
AFTER_MIGRATION = {7: refresh_all_comparisons}


def statements(script: str) -> list[str]:
    """A migration's statements, split where SQLite says one is complete (triggers hold ';')."""
    out, current = [], ""
    for line in script.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            out.append(current.strip())
            current = ""
    if current.strip() and not all(l.strip().startswith("--") or not l.strip() for l in current.splitlines()):
        raise DatabaseError(f"incomplete statement at the end of a migration: {current.strip()[:80]}")
    return out


def _version(db: sqlite_utils.Database) -> int:
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise DatabaseError(
            f"this database has schema version {version}, newer than this kb ({SCHEMA_VERSION}): "
            "upgrade kb (pip install -U kb) or use another --db"
        )
    return version


def migrate(db: sqlite_utils.Database) -> int:
    """Run the migrations this database has not seen yet; return the schema version.

    The pending migrations run in one write transaction taken with ``BEGIN IMMEDIATE``, and the
    version is read again once the lock is held: two processes opening a new database at once
    migrate it once, the second one waiting for the first instead of failing half-way.
    """
    if _version(db) == SCHEMA_VERSION:
        return SCHEMA_VERSION
    with write_transaction(db):
        for number in range(_version(db), SCHEMA_VERSION):
            for statement in statements(MIGRATIONS[number]):
                db.conn.execute(statement)
            if number + 1 in AFTER_MIGRATION:
                AFTER_MIGRATION[number + 1](db)
            db.conn.execute(f"PRAGMA user_version = {number + 1}")
    return SCHEMA_VERSION
