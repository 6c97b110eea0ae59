"""Kill-safety: a real `kb build` process, SIGKILLed at several points, then resumed, gives the
same knowledge base as a build that was never interrupted.

The kill points are chosen by polling kb.db from this process (a second SQLite connection, as
Datasette would have) until the build has committed N documents; the kill then lands wherever
the build happens to be: mid-transaction, mid-parse, between documents.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kb.build import fact_snapshot
from kb.settings import REPO_ROOT
from helpers.corpus import count, failures, write_jsonl_corpus, write_txt_corpus

pytestmark = pytest.mark.slow

N_TXT, N_JSONL = 150, 150
TOTAL = N_TXT + N_JSONL


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("kill") / "corpus"
    write_txt_corpus(root / "txt", N_TXT)
    write_jsonl_corpus(root / "feed.jsonl", N_JSONL, start=N_TXT)
    (root / "bad.jsonl").write_bytes(b'{"id": "b1", "text": "Olga Novak leads Oxfam."}\n{"broken\n')
    (root / "empty.txt").write_bytes(b"")
    return root


def _cmd(corpus: Path, db: Path, workers: int = 1) -> list[str]:
    return [sys.executable, "-m", "kb", "build", str(corpus), "--db", str(db), "--lang", "en", "--quiet",
            "--workers", str(workers)]


def _run(corpus: Path, db: Path, workers: int = 1) -> subprocess.CompletedProcess:
    done = subprocess.run(_cmd(corpus, db, workers), cwd=REPO_ROOT, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr
    return done


def _documents(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        return count(db, "documents")
    except Exception:  # the schema is not there yet
        return 0


def _kill_after(corpus: Path, db: Path, committed: int, workers: int = 1) -> int:
    """Start a build, SIGKILL it once ``committed`` documents are in kb.db; return how many
    documents were stored when it died (TOTAL when it finished first)."""
    proc = subprocess.Popen(_cmd(corpus, db, workers), cwd=REPO_ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 600
    try:
        while proc.poll() is None and time.monotonic() < deadline:
            if _documents(db) >= committed:
                os.killpg(proc.pid, signal.SIGKILL)  # the driver and any worker processes
                break
            time.sleep(0.02)
    finally:
        if proc.poll() is None and time.monotonic() >= deadline:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=60)
    return _documents(db)


def test_killed_and_resumed_build_equals_an_uninterrupted_one(corpus, tmp_path):
    reference = tmp_path / "reference.db"
    out = _run(corpus, reference)
    assert f"{TOTAL + 1} built" in out.stdout  # + the good line of bad.jsonl
    assert count(reference, "documents") == TOTAL + 1

    killed = tmp_path / "killed.db"
    stored = [_kill_after(corpus, killed, n) for n in (1, 40, 120, 200)]
    assert any(0 < s < TOTAL for s in stored), stored  # at least one kill landed mid-build
    assert stored == sorted(stored)  # a resumed build never loses what was committed
    _run(corpus, killed)

    assert fact_snapshot(killed) == fact_snapshot(reference)
    assert failures(killed) == failures(reference)


def test_kill_with_worker_processes_then_resume(corpus, tmp_path):
    reference = tmp_path / "reference.db"
    _run(corpus, reference)
    killed = tmp_path / "killed.db"
    stored = _kill_after(corpus, killed, 60, workers=2)
    assert stored < TOTAL + 1
    resumed = _run(corpus, killed, workers=2)
    assert f"{TOTAL + 1 - stored} built" in resumed.stdout
    assert fact_snapshot(killed) == fact_snapshot(reference)
