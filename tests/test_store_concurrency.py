"""One writer at a time: real `kb build` processes on one kb.db, and a lock held too long.

Every write transaction of the store starts with BEGIN IMMEDIATE (the write lock first, with
the busy timeout), so a second build waits for the first one's transactions instead of dying
with "database is locked", and gives up with one line naming the other writer.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from kb import store
from kb.settings import REPO_ROOT
from helpers.corpus import write_txt_corpus

pytestmark = pytest.mark.slow


def _build(corpus: Path, db: Path, **env: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "kb", "build", str(corpus), "--db", str(db), "--lang", "en", "--quiet"],
        cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, **env})


def _finish(proc: subprocess.Popen) -> tuple[int, str]:
    _, err = proc.communicate(timeout=900)
    return proc.returncode, err


def test_two_concurrent_builds_on_one_new_database(tmp_path):
    first = write_txt_corpus(tmp_path / "a", 25)
    second = write_txt_corpus(tmp_path / "b", 25, start=100)
    db = tmp_path / "kb.db"  # new: both processes also race to create and migrate it
    procs = [_build(tmp_path / "a", db), _build(tmp_path / "b", db)]
    results = [_finish(p) for p in procs]
    for code, err in results:
        assert "Traceback" not in err and "database is locked" not in err, err
        assert code == 0 or (code == 1 and len(err.strip().splitlines()) == 1), err
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    sources = {Path(r[0]).name for r in conn.execute("SELECT source FROM documents")}
    finished = [paths for paths, (code, _) in zip((first, second), results) if code == 0]
    assert finished, results
    for paths in finished:
        assert {p.name for p in paths} <= sources
    assert conn.execute("SELECT count(*) FROM failures").fetchone()[0] == 0


#: Another writer (plain sqlite3, as any tool could be): takes the write lock, holds it a moment,
#: commits, again and again until the stop file appears.
_BUSY_WRITER = """
import sqlite3, sys, time
from pathlib import Path
conn = sqlite3.connect(sys.argv[1], timeout=60, isolation_level=None)
stop, i = Path(sys.argv[2]), 0
print("writing", flush=True)
while not stop.exists():
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("INSERT OR REPLACE INTO http_cache (url, status, body) VALUES (?, 200, 'x')", [f"u{i % 5}"])
    time.sleep(0.2)
    conn.execute("COMMIT")
    time.sleep(0.02)
    i += 1
"""


def test_a_build_beside_a_busy_writer_waits_for_each_of_its_transactions(tmp_path):
    """A deferred BEGIN that read before this writer committed could never write ("database is
    locked" without waiting); with BEGIN IMMEDIATE every document waits its turn."""
    paths = write_txt_corpus(tmp_path / "a", 30)
    db_path = tmp_path / "kb.db"
    store.open_db(db_path).conn.close()
    stop = tmp_path / "stop"
    writer = subprocess.Popen([sys.executable, "-c", _BUSY_WRITER, str(db_path), str(stop)],
                              cwd=REPO_ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline().strip() == "writing"
        code, err = _finish(_build(tmp_path / "a", db_path))
    finally:
        stop.touch()
        writer.wait(timeout=60)
    assert code == 0 and "Traceback" not in err, err
    db = store.open_db(db_path)
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert {Path(r[0]).name for r in db.execute("SELECT source FROM documents")} == {p.name for p in paths}
    assert store.counts(db)["failures"] == 0


def test_a_build_waits_for_a_lock_and_stops_with_one_line_naming_the_writer(tmp_path):
    write_txt_corpus(tmp_path / "a", 2)
    path = tmp_path / "kb.db"
    db = store.open_db(path)
    with store.write_transaction(db):  # this process holds the write lock for the whole build
        done = _build(tmp_path / "a", path, KB_DB_LOCK_TIMEOUT="4")
        code, err = _finish(done)
    assert code == 1, err
    assert "Traceback" not in err
    errors = [line for line in err.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1 and f"pid {os.getpid()}" in errors[0] and "KB_DB_LOCK_TIMEOUT" in errors[0], err
    assert store.counts(db)["documents"] == 0


def test_a_waiting_build_says_so_and_finishes_when_the_lock_is_freed(tmp_path):
    """The build needs the lock at once (its database is one migration behind) while another
    process holds it for a few seconds: it waits, says so naming that process, then builds."""
    write_txt_corpus(tmp_path / "a", 2)
    path = tmp_path / "kb.db"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")  # as every kb.db (open_db sets it)
    for migration in store.MIGRATIONS[:-1]:
        conn.executescript(migration)
    conn.execute(f"PRAGMA user_version = {len(store.MIGRATIONS) - 1}")
    conn.commit()
    conn.close()
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sqlite3, sys, time, sqlite_utils; from kb.store import write_transaction\n"
         "db = sqlite_utils.Database(sqlite3.connect(sys.argv[1]))\n"
         "with write_transaction(db):\n    print('locked', flush=True); time.sleep(8)\n", str(path)],
        cwd=REPO_ROOT, stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "locked"
    code, err = _finish(_build(tmp_path / "a", path, KB_DB_LOCK_TIMEOUT="120"))
    holder.wait(timeout=60)
    assert code == 0, err
    assert "waiting" in err and f"pid {holder.pid}" in err and "Traceback" not in err, err
    db = store.open_db(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == store.SCHEMA_VERSION
    assert store.counts(db)["documents"] == 2


def test_switching_a_new_database_to_wal_waits_for_the_other_process(tmp_path):
    """SQLite may answer "database is locked" to the WAL switch at once, without its busy handler
    (seen when two builds create one new kb.db); ``_set_wal`` waits up to the lock timeout. A
    connection without a busy handler (timeout 0) stands in for that answer here."""
    import threading
    import time

    from kb.store.db import _set_wal

    path = tmp_path / "new.db"
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN EXCLUSIVE")
    waiting = sqlite3.connect(path, timeout=0)
    threading.Timer(0.3, lambda: holder.execute("COMMIT")).start()
    started = time.monotonic()
    _set_wal(waiting, timeout=5.0)
    assert waiting.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    assert time.monotonic() - started >= 0.2
    holder2 = sqlite3.connect(tmp_path / "other.db", isolation_level=None)
    holder2.execute("CREATE TABLE t (x)")
    holder2.execute("BEGIN EXCLUSIVE")
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        _set_wal(sqlite3.connect(tmp_path / "other.db", timeout=0), timeout=0.2)
