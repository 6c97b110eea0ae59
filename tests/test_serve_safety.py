"""kb serve against a hostile machine: planted files, stray signals, exposed hosts, odd paths.

Another local user can write to the shared temporary folder. kb serve once reused
``<tmp>/kb-datasette/metadata-<sha1>.yml`` for a database not named kb.db, so a planted file
with a ``write: true`` canned query turned the read-only server into one that inserts rows.
These tests plant such files where the old code looked and where the new code writes, and run
a real ``kb serve`` (a subprocess, real Datasette, real HTTP) to check that they are never used.
"""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import stat
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from kb import serve as kb_serve
from kb.cli import cli
from kb.errors import KbError
from kb.settings import REPO_ROOT

from helpers.serving import build_fixture_db, free_port, http_get

pytestmark = pytest.mark.slow

EVIL_QUERY = {"sql": "INSERT INTO failures (source, stage, reason, at) VALUES ('planted', 'x', 'y', 'z')",
              "write": True}


def evil_metadata(database: str) -> str:
    return yaml.safe_dump({"databases": {database: {"queries": {"evil": EVIL_QUERY}}}})


def old_shared_metadata_path(db_path: Path) -> Path:
    """Where kb serve used to look (and trust whatever it found): the shared temp folder."""
    data = yaml.safe_load(kb_serve.metadata_path().read_text(encoding="utf-8"))
    data["databases"][db_path.stem] = data["databases"].pop("kb", {})
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    return Path(tempfile.gettempdir()) / "kb-datasette" / f"metadata-{hashlib.sha1(text.encode()).hexdigest()[:12]}.yml"


@pytest.fixture
def private_env(tmp_path, monkeypatch):
    """A fresh temp folder and cache home for this test, as a user's environment would set them."""
    tmp, cache = tmp_path / "tmp", tmp_path / "cache"
    tmp.mkdir()
    monkeypatch.setenv("TMPDIR", str(tmp))
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    monkeypatch.delenv("KB_CACHE_DIR", raising=False)
    monkeypatch.setattr(tempfile, "tempdir", None)  # re-read TMPDIR
    return tmp, cache


def test_files_for_datasette_are_in_a_private_cache_and_nothing_in_the_temp_folder(private_env, tmp_path):
    tmp, cache = private_env
    args = kb_serve.datasette_args(tmp_path / "news.db", port=8123)
    metadata = Path(args[args.index("--metadata") + 1])
    assert metadata.parent == cache / "kb" / "serve"
    for folder in (cache / "kb", cache / "kb" / "serve"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert list(tmp.iterdir()) == []
    if "--plugins-dir" in args:
        plugins = Path(args[args.index("--plugins-dir") + 1])
        assert plugins.parent == cache / "kb" / "serve" and [p.name for p in plugins.iterdir()] == [kb_serve.SHIM_NAME]


def test_planted_metadata_is_never_used(private_env, tmp_path):
    db = tmp_path / "news.db"
    old = old_shared_metadata_path(db)
    old.parent.mkdir(parents=True, exist_ok=True)
    old.write_text(evil_metadata("news"))
    new = kb_serve.metadata_for(db)
    new.write_text(evil_metadata("news"))  # planted where kb writes (or left by an old kb)
    used = kb_serve.metadata_for(db)
    assert used != old
    data = yaml.safe_load(used.read_text(encoding="utf-8"))
    assert "evil" not in data["databases"]["news"]["queries"]
    assert not any(q.get("write") for q in data["databases"]["news"]["queries"].values())


def test_plugins_folder_keeps_only_the_shim(private_env):
    folder = kb_serve.plugins_dir()
    (folder / "planted.py").write_text("raise SystemExit('planted plugin ran')\n")
    (folder / kb_serve.SHIM_NAME).write_text("raise SystemExit('planted shim ran')\n")
    folder = kb_serve.plugins_dir()
    assert [p.name for p in folder.iterdir()] == [kb_serve.SHIM_NAME]
    assert "kb.datasette_plugin" in (folder / kb_serve.SHIM_NAME).read_text()


def test_a_cache_folder_that_is_a_symlink_or_someone_elses_is_refused(tmp_path, monkeypatch):
    target = tmp_path / "elsewhere"
    target.mkdir()
    (tmp_path / "cache").symlink_to(target)
    monkeypatch.setenv("KB_CACHE_DIR", str(tmp_path / "cache"))
    with pytest.raises(KbError, match="not a folder of yours"):
        kb_serve.metadata_for(tmp_path / "news.db")
    if os.getuid() == 0:  # root can hand a folder to another user and check the refusal
        other = tmp_path / "other"
        other.mkdir(mode=0o700)
        os.chown(other, 65534, 65534)
        monkeypatch.setenv("KB_CACHE_DIR", str(other))
        with pytest.raises(KbError, match="not a folder of yours"):
            kb_serve.metadata_for(tmp_path / "news.db")


def test_a_loose_cache_folder_is_made_private(tmp_path, monkeypatch):
    loose = tmp_path / "loose"
    loose.mkdir()
    loose.chmod(0o777)
    monkeypatch.setenv("KB_CACHE_DIR", str(loose))
    kb_serve.metadata_for(tmp_path / "news.db")
    assert stat.S_IMODE(loose.stat().st_mode) == 0o700


def test_serving_on_all_interfaces_warns(tmp_path, monkeypatch):
    db = build_fixture_db(tmp_path / "kb.db")
    calls = []
    monkeypatch.setattr(kb_serve, "serve", lambda *a, **k: calls.append(k))
    result = CliRunner().invoke(cli, ["serve", "--db", str(db), "--host", "0.0.0.0"])
    assert result.exit_code == 0 and calls
    assert "reachable from other machines" in result.output
    result = CliRunner().invoke(cli, ["serve", "--db", str(db)])
    assert "reachable from other machines" not in result.output


def post(url: str) -> int:
    request = urllib.request.Request(url, data=b"", method="POST")
    try:
        with urllib.request.urlopen(request, timeout=10) as resp:
            return resp.status
    except urllib.error.HTTPError as err:
        return err.code


def wait_for(base: str, proc: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while True:
        assert proc.poll() is None, "kb serve exited early"
        try:
            if http_get(base + "/-/versions.json", timeout=2)[0] == 200:
                return
        except OSError:
            pass
        assert time.monotonic() < deadline, "kb serve did not answer in time"
        time.sleep(0.3)


def test_real_kb_serve_ignores_planted_files_answers_404_and_stops_on_sigterm(private_env, tmp_path):
    tmp, cache = private_env
    db = build_fixture_db(tmp_path / "news.db")
    old = old_shared_metadata_path(db)
    old.parent.mkdir(parents=True, exist_ok=True)
    old.write_text(evil_metadata("news"))
    kb_serve.metadata_for(db).write_text(evil_metadata("news"))
    planted = sorted(tmp.rglob("*"))
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    log = open(tmp_path / "serve.log", "w")
    proc = subprocess.Popen([sys.executable, "-m", "kb", "serve", "--db", str(db), "--port", str(port)],
                            env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base, proc)
        assert "evil" not in http_get(base + "/-/metadata.json")[1]
        assert http_get(base + "/news/evil")[0] == 404  # the planted canned query does not exist
        assert post(f"{base}/news/evil") >= 400
        for path in ("/-/xyz", "/-/static-plugins/x/y"):
            assert http_get(base + path)[0] == 404, path
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=20)
        assert kb_serve.port_free("127.0.0.1", port), "Datasette still holds the port after SIGTERM"
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        log.close()
    assert sorted(tmp.rglob("*")) == planted  # kb serve wrote nothing to the temp folder
    assert sqlite3.connect(db).execute("SELECT count(*) FROM failures WHERE source = 'planted'").fetchone()[0] == 0


PLANTED = '<script>alert("kb")</script><img src=x onerror=alert(1)>'


def test_markup_planted_in_the_data_is_escaped_on_every_page(tmp_path):
    """Names, titles, texts and Wikipedia titles come from scraped pages: markup in them must
    reach the browser as text, on Datasette's pages and on the cells kb's plugin renders."""
    from helpers.serving import running_datasette

    db = build_fixture_db(tmp_path / "kb.db")
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("UPDATE persons SET name = name || ?, wikipedia_title = ?, description = ?",
                      [PLANTED, PLANTED, PLANTED])
        conn.execute("UPDATE documents SET title = ?, text = text || ?", [PLANTED, PLANTED])
        conn.execute("UPDATE sentences SET text = text || ?", [PLANTED])
    person, document = (conn.execute(f"SELECT id FROM {t} LIMIT 1").fetchone()[0] for t in ("persons", "documents"))
    conn.close()
    pages = ["/kb/persons", f"/kb/persons/{person}", "/kb/documents", f"/kb/documents/{document}",
             "/kb/sentences", "/kb/evidence", "/kb/mentions", "/kb?sql=select+name+from+persons",
             "/kb/persons?_search=Berg"]
    with running_datasette(db) as base:
        for page in pages:
            status, body = http_get(base + page)
            assert status == 200, page
            assert "<script>alert" not in body and "<img src=x" not in body, page
        assert "&lt;script&gt;alert" in http_get(base + f"/kb/persons/{person}")[1]
