"""Opening kb.db (WAL, pragmas, migrations) and the small SQL helpers every store module shares."""

from __future__ import annotations

import functools
import sqlite3
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Iterator

import sqlite_utils

from ..errors import DatabaseBusyError, DatabaseError
from ..settings import get_settings
from .schema import migrate

#: Tables written per document (deleted and rewritten when a document is rebuilt).
PER_DOCUMENT_TABLES = ("evidence", "mentions", "sentences")


def now_iso() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def open_db(path: str | Path, create: bool = True) -> sqlite_utils.Database:
    """Open (and create or migrate) a kb database in WAL mode.

    WAL lets Datasette read while a build writes; ``synchronous=NORMAL`` keeps per-document
    commits cheap while staying consistent after a crash.
    """
    path = Path(path)
    if not create and not path.exists():
        raise DatabaseError(f"{path} does not exist: build it first with `kb build INPUT --db {path}`")
    if path.parent and not path.parent.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        timeout = get_settings().db_lock_timeout
        conn = sqlite3.connect(str(path), timeout=timeout)
        db = sqlite_utils.Database(conn)
        _set_wal(conn, timeout)
        conn.execute("PRAGMA synchronous=NORMAL")
        migrate(db)
    except DatabaseBusyError:
        raise
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(
            f"{path} is not a usable SQLite database ({exc}): remove it or pass another --db"
        ) from exc
    return db


def _set_wal(conn: sqlite3.Connection, timeout: float) -> None:
    """Switch to WAL, waiting while another process creates the same new database: SQLite can
    answer "database is locked" here at once, without its busy handler (the other side holds the
    WAL recovery lock), so the wait is ours, up to the same lock timeout."""
    deadline, pause = time.monotonic() + timeout, 0.02
    while True:
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() + pause > deadline:
                raise
            time.sleep(pause)
            pause = min(pause * 2, 0.5)


def iter_rows(db: sqlite_utils.Database, sql: str, params: Iterable[Any] = ()) -> Iterator[dict[str, Any]]:
    cursor = db.execute(sql, list(params))
    cols = [c[0] for c in cursor.description]
    for row in cursor:
        yield dict(zip(cols, row))


def counts(db: sqlite_utils.Database) -> dict[str, int]:
    return {
        table: db.execute(f"SELECT count(*) FROM [{table}]").fetchone()[0]
        for table in ("documents", "persons", "organizations", "positions", "tenures", "evidence", "failures")
    }


def cols(columns: Iterable[str]) -> str:
    return ", ".join(f"[{c}]" for c in columns)


@functools.lru_cache(maxsize=None)
def replace_sql(table: str, columns: tuple[str, ...]) -> str:
    """INSERT OR REPLACE, as sqlite-utils' ``insert(..., replace=True)`` wrote it (a new rowid)."""
    marks = ", ".join("?" for _ in columns)
    return f"INSERT OR REPLACE INTO [{table}] ({cols(columns)}) VALUES ({marks})"


@functools.lru_cache(maxsize=None)
def upsert_sql(table: str, columns: tuple[str, ...], pk: tuple[str, ...], keep_longest: str = "",
               ref_qid: str = "") -> str:
    """INSERT ... ON CONFLICT DO UPDATE of exactly ``columns``, as sqlite-utils' ``upsert`` wrote
    it: columns not listed keep their stored value. ``keep_longest`` names a column that is only
    overwritten by a longer value (the display name: the longest name seen across documents),
    or by an equally long one that sorts first, so that the order documents arrive in never
    decides it ("Zaha Hadid" over "Zahā Ḥadīd" whichever document came first). ``ref_qid``
    names the row's QID column: then a name the reference gives that QID (``ref_names``) wins
    over one it does not give before length decides, so a linked person is displayed as
    "Jane Roe" though one document wrote "Conservative Jane Roe" (the order stays irrelevant:
    the name kept is the greatest by reference name, length, then sort order)."""
    marks = ", ".join("?" for _ in columns)
    sets = []
    for c in columns:
        if c in pk:
            continue
        if c == keep_longest:
            new, old = f"excluded.[{c}]", f"coalesce([{table}].[{c}], '')"
            longer = f"length({new}) > length({old}) OR (length({new}) = length({old}) AND {new} < {old})"
            if ref_qid:
                qid = f"coalesce(excluded.[{ref_qid}], [{table}].[{ref_qid}])"
                new_ref = f"EXISTS (SELECT 1 FROM ref_names r WHERE r.qid = {qid} AND r.name = {new})"
                old_ref = f"EXISTS (SELECT 1 FROM ref_names r WHERE r.qid = {qid} AND r.name = {old})"
                longer = f"{new_ref} > {old_ref} OR ({new_ref} = {old_ref} AND ({longer}))"
            sets.append(f"[{c}] = CASE WHEN {longer} THEN {new} ELSE [{table}].[{c}] END")
        else:
            sets.append(f"[{c}] = excluded.[{c}]")
    return (f"INSERT INTO [{table}] ({cols(columns)}) VALUES ({marks}) "
            f"ON CONFLICT({cols(pk)}) DO UPDATE SET {', '.join(sets)}")
