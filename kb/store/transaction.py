"""Write transactions on kb.db: one writer at a time, waiting for the other instead of failing.

A deferred ``BEGIN`` that reads and then writes cannot wait for a lock (SQLite reports "database
is locked" at once when another connection committed in between), so every write of the store
starts with ``BEGIN IMMEDIATE``, which takes the write lock first and honours the busy timeout.
A second ``kb build`` on the same database therefore waits for the first one's transaction,
says so on stderr after a short wait, and stops with one clear line if the lock is never freed.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Optional

import sqlite_utils

from ..errors import DatabaseBusyError
from ..settings import get_settings

log = logging.getLogger(__name__)

#: Seconds of waiting before the note that another process holds the lock.
NOTICE_AFTER = 3.0


def _path(db: sqlite_utils.Database) -> Optional[Path]:
    row = db.conn.execute("PRAGMA database_list").fetchone()
    return Path(row[2]) if row and row[2] else None


def _writer_file(path: Path) -> Path:
    return path.with_name(path.name + "-writer")


def _record_writer(db: sqlite_utils.Database) -> None:
    """Leave this process's pid and command beside the database (once per connection), so that
    a process that waits for the lock can name who holds it."""
    if getattr(db, "_kb_writer_recorded", False):
        return
    db._kb_writer_recorded = True  # type: ignore[attr-defined]
    path = _path(db)
    if path is None:
        return
    try:
        _writer_file(path).write_text(f"{os.getpid()} {' '.join(sys.argv)[:200]}\n", encoding="utf-8")
    except OSError:
        pass  # a read-only folder: the waiting process just cannot name the writer


def other_writer(path: Optional[Path]) -> str:
    """'pid N (command)' of the process that last took the write lock, if it still runs."""
    if path is None:
        return "another process"
    try:
        pid_text, _, command = _writer_file(path).read_text(encoding="utf-8").strip().partition(" ")
        pid = int(pid_text)
        if pid != os.getpid():
            os.kill(pid, 0)
            return f"pid {pid} ({command})" if command else f"pid {pid}"
    except (OSError, ValueError):
        pass
    return "another process"


def _begin_immediate(db: sqlite_utils.Database) -> None:
    """BEGIN IMMEDIATE, waiting up to the lock timeout; a note after NOTICE_AFTER seconds."""
    conn = db.conn
    timeout = get_settings().db_lock_timeout
    started = time.monotonic()
    noted = False
    while True:
        waited = time.monotonic() - started
        step = max(0.0, min(timeout - waited, NOTICE_AFTER if not noted else timeout))
        conn.execute(f"PRAGMA busy_timeout = {int(step * 1000)}")
        try:
            conn.execute("BEGIN IMMEDIATE")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise
        finally:
            conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
        waited = time.monotonic() - started
        path = _path(db)
        if waited >= timeout:
            raise DatabaseBusyError(
                f"{path or 'the database'} is being written by {other_writer(path)}; gave up after "
                f"{waited:.0f} s: wait for it to finish, or set KB_DB_LOCK_TIMEOUT to wait longer")
        if not noted:
            log.warning("%s is being written by %s: waiting for it (up to %.0f s)",
                        path or "the database", other_writer(path), timeout)
            noted = True


@contextmanager
def write_transaction(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """One write transaction holding the write lock from its first statement.

    Nested use (a store function called inside another's transaction) joins the outer
    transaction through a savepoint, as ``db.atomic()`` does.
    """
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    _begin_immediate(db)
    _record_writer(db)
    try:
        yield db
    except BaseException:
        if db.conn.in_transaction:
            db.conn.rollback()
        raise
    else:
        try:
            db.conn.execute("COMMIT")
        except BaseException:
            if db.conn.in_transaction:
                db.conn.rollback()
            raise
