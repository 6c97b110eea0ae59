"""WAL mode: a real Datasette process reads kb.db over HTTP while a real `kb build` writes it.

Every request must succeed (no "database is locked"), and what Datasette sees must only grow:
a reader sees whole committed documents, never half of one.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from kb.settings import REPO_ROOT
from helpers.corpus import count, write_txt_corpus

pytestmark = pytest.mark.slow

SQL = ("select (select count(*) from documents) as docs, "
       "(select count(distinct document_id) from sentences) as with_sentences")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as err:
        return err.code, err.read()


def _wait_until_up(url: str, proc: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"datasette exited: {proc.stderr.read().decode(errors='replace')}")
        try:
            if _get(url)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError("datasette did not start")


def test_datasette_reads_while_build_writes(tmp_path, en_nlp):
    corpus = tmp_path / "corpus"
    write_txt_corpus(corpus, 200)
    db = tmp_path / "kb.db"
    subprocess.run([sys.executable, "-m", "kb", "build", str(corpus / "news-00000.txt"), "--db", str(db),
                    "--lang", "en", "--quiet"], cwd=REPO_ROOT, check=True, capture_output=True, timeout=300)
    port = _free_port()
    datasette = subprocess.Popen([str(Path(sys.executable).parent / "datasette"), "serve", str(db), "--port", str(port),
                                  "--setting", "sql_time_limit_ms", "5000"],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    query = f"{base}/kb.json?" + urllib.parse.urlencode({"sql": SQL, "_shape": "array"})
    builder = None
    try:
        _wait_until_up(f"{base}/kb.json", datasette)
        builder = subprocess.Popen([sys.executable, "-m", "kb", "build", str(corpus), "--db", str(db), "--lang", "en",
                                    "--quiet"], cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        seen: list[int] = []
        while builder.poll() is None:
            status, body = _get(query)
            assert status == 200, body[:500]
            row = json.loads(body)[0]
            assert row["docs"] == row["with_sentences"]  # whole documents only
            seen.append(row["docs"])
            for page in ("/kb/persons.json?_size=5", "/kb/documents.json?_size=5&_sort_desc=built_at"):
                assert _get(base + page)[0] == 200
            time.sleep(0.05)
        out, err = builder.communicate(timeout=60)
        assert builder.returncode == 0, err
        assert seen == sorted(seen)
        assert len(set(seen)) > 2, seen  # the reads really overlapped the writes
        final = json.loads(_get(query)[1])[0]["docs"]
        assert final == count(db, "documents") == 200
    finally:
        if builder and builder.poll() is None:
            builder.kill()
        datasette.terminate()
        datasette.wait(timeout=30)
