"""Full-text search over kb.db: FTS5 indexes that Datasette picks up on its own.

Datasette offers a search box on every table that has an FTS table pointing at it
(``content=<table>``), so enabling search is only a matter of creating those indexes with
sqlite-utils. Triggers keep them in step with later builds, so this runs once per database and
is cheap to call again (``enable_search`` skips indexes that already exist with the right
columns). Names are tokenised with diacritics removed, so "Sánchez" and "Šefčovič" are found
when typed without accents.
"""

from __future__ import annotations

import sqlite_utils

#: table -> the columns it is searchable on. Entity names (and their surface forms via the
#: ``search_names`` canned query), position labels, document titles and text.
SEARCH_COLUMNS: dict[str, tuple[str, ...]] = {
    "persons": ("name",),
    "organizations": ("name",),
    "positions": ("label", "role"),
    "documents": ("title", "text"),
}

#: unicode61 with diacritics folded: accents typed or not, names still match.
TOKENIZE = "unicode61 remove_diacritics 2"


def fts_table(table: str) -> str:
    """Name sqlite-utils gives the FTS table of ``table`` (metadata.yml refers to it)."""
    return f"{table}_fts"


def _fts_ok(db: sqlite_utils.Database, table: str, columns: tuple[str, ...]) -> bool:
    """True when ``table`` already has an FTS index over exactly ``columns`` with triggers."""
    existing = db[table].detect_fts()
    if existing != fts_table(table):
        return False
    fts_columns = tuple(c.name for c in db[existing].columns)
    triggers = {t.name for t in db[table].triggers}
    return fts_columns == columns and f"{table}_ai" in triggers


def enable_search(db: sqlite_utils.Database) -> None:
    """Create (or repair) the FTS5 indexes on entity names and document text; idempotent.

    Indexes that exist with the right columns and triggers are left alone, so calling this after
    every build costs nothing; an index with other columns is rebuilt (``replace=True``).
    """
    with db.conn:
        for table, columns in SEARCH_COLUMNS.items():
            if not db[table].exists() or _fts_ok(db, table, columns):
                continue
            db[table].enable_fts(
                list(columns), create_triggers=True, tokenize=TOKENIZE, replace=True
            )


def search_enabled(db: sqlite_utils.Database) -> bool:
    """True when every searchable table has its FTS index (``kb serve`` checks this)."""
    return all(_fts_ok(db, t, c) for t, c in SEARCH_COLUMNS.items() if db[t].exists())
