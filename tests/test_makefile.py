"""``make build-demo`` imports the reference once per database, not on every run.

Runs the real Makefile with GNU make on a small shared folder (a two-entity reference in the
Wikidata dump format and one article written for this test); ``kb`` in the Makefile's venv is a
wrapper that logs each call and runs this checkout's kb.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kb.settings import REPO_ROOT

pytestmark = [pytest.mark.slow, pytest.mark.skipif(shutil.which("make") is None, reason="needs GNU make")]


def _entity(qid: str, label: str) -> dict:
    return {"id": qid, "type": "item", "labels": {"en": {"language": "en", "value": label}},
            "claims": {"P31": [{"mainsnak": {"snaktype": "value", "property": "P31",
                                              "datavalue": {"value": {"id": "Q5"}, "type": "wikibase-entityid"}}}]}}


def _setup(tmp_path: Path) -> tuple[Path, Path]:
    shared = tmp_path / "shared"
    (shared / "reference").mkdir(parents=True)
    (shared / "samples" / "articles").mkdir(parents=True)
    with gzip.open(shared / "reference" / "wikidata-subset.jsonl.gz", "wt", encoding="utf-8") as out:
        for qid, label in (("Q9000001", "Helga Nordvik"), ("Q9000002", "Tomas Berg")):
            out.write(json.dumps(_entity(qid, label)) + "\n")
    (shared / "samples" / "articles" / "a.txt").write_text("Helga Nordvik is the mayor of Lindholm.", encoding="utf-8")
    venv_bin = tmp_path / "venv" / "bin"
    venv_bin.mkdir(parents=True)
    (venv_bin / "python").symlink_to(sys.executable)
    log = tmp_path / "kb-calls.log"
    wrapper = venv_bin / "kb"
    wrapper.write_text(f'#!/bin/sh\necho "$*" >> {log}\nPYTHONPATH={REPO_ROOT} exec {sys.executable} -m kb "$@"\n')
    wrapper.chmod(0o755)
    (venv_bin / ".kb-installed").touch()  # newer than pyproject.toml: make installs nothing
    return shared, log


def _make(tmp_path: Path, shared: Path, db: Path) -> subprocess.CompletedProcess:
    return subprocess.run(["make", "-C", str(REPO_ROOT), "build-demo", f"VENV={tmp_path / 'venv'}",
                           f"SHARED={shared}", f"DB={db}"], capture_output=True, text=True, timeout=600,
                          env={**os.environ, "PYTHONPATH": str(REPO_ROOT)})


def test_build_demo_imports_the_reference_once_per_database(tmp_path):
    shared, log = _setup(tmp_path)
    db = tmp_path / "kb.db"
    first = _make(tmp_path, shared, db)
    assert first.returncode == 0, first.stdout + first.stderr
    second = _make(tmp_path, shared, db)
    assert second.returncode == 0, second.stdout + second.stderr
    assert "already imported" in second.stdout
    calls = log.read_text().splitlines()
    assert sum(c.startswith("reference import") for c in calls) == 1
    assert sum(c.startswith("build") for c in calls) == 2
    # a new database file, or a changed reference, imports again
    db.unlink()
    for extra in (tmp_path / "kb.db-wal", tmp_path / "kb.db-shm"):
        extra.unlink(missing_ok=True)
    assert _make(tmp_path, shared, db).returncode == 0
    reference = shared / "reference" / "wikidata-subset.jsonl.gz"
    os.utime(reference, (reference.stat().st_atime, reference.stat().st_mtime + 10))
    assert _make(tmp_path, shared, db).returncode == 0
    assert sum(c.startswith("reference import") for c in log.read_text().splitlines()) == 3
