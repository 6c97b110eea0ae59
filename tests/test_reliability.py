"""Reliability of builds against unlucky inputs and environments (real files, real CLI).

Each test is a problem a user met: an HTML extractor that cannot load on a fresh install, a
document far bigger than news, an unreadable file among readable ones, ``--online`` without a
network, a folder without documents, a misspelt path, a build whose output goes to a log, an
undeclared dependency. Sentences here are written for these tests.
"""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
import tomllib
from importlib import metadata as importlib_metadata
from pathlib import Path

import pytest
import requests
from click.testing import CliRunner

from kb import ingest, store
from kb.cli import cli
from kb.errors import LinkError
from kb.link import Linker
from kb.link.wikidata import WikidataClient
from kb.model import Document, IngestFailure
from kb.settings import REPO_ROOT, Settings

ARTICLE = "Helga Nordvik is the mayor of Lindholm. She met the council on Monday."
PAGE = "<html><body><article><p>Tomas Berg is the chief executive of Vexa Industries.</p></article></body></html>"


def run(*args, **kwargs):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False, **kwargs)


# -- HTML without its extractor --------------------------------------------------------------


def test_html_is_read_by_tag_stripping_when_trafilatura_cannot_load(tmp_path, monkeypatch, caplog):
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # `import trafilatura` now fails
    ingest._load_trafilatura.cache_clear()
    try:
        for name in ("a.html", "b.html"):
            (tmp_path / name).write_text(PAGE, encoding="utf-8")
        with caplog.at_level(logging.WARNING, logger="kb.ingest"):
            docs = list(ingest.iter_documents([tmp_path]))
    finally:
        ingest._load_trafilatura.cache_clear()
    assert [type(d) for d in docs] == [Document, Document]
    assert docs[0].text == "Tomas Berg is the chief executive of Vexa Industries."
    assert docs[0].meta["extractor"] == "tag-strip"
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "stripping tags" in warnings[0].getMessage()
    assert "\n" not in warnings[0].getMessage() and warnings[0].exc_info is None


def test_html_extractor_loads_in_this_install():
    """The declared dependencies are enough for trafilatura (justext needs lxml_html_clean)."""
    ingest._load_trafilatura.cache_clear()
    assert ingest._load_trafilatura() is not None


# -- declared dependencies ---------------------------------------------------------------------


def _declared() -> set[str]:
    project = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    specs = list(project["dependencies"]) + [s for extra in project["optional-dependencies"].values() for s in extra]
    names = set()
    for spec in specs:  # "dask[distributed]>=2024.1" declares dask and distributed
        match = re.match(r"([A-Za-z0-9_.-]+)(?:\[([^\]]*)\])?", spec)
        names.add(match.group(1))
        names.update(e.strip() for e in (match.group(2) or "").split(",") if e.strip())
    return {n.lower().replace("_", "-") for n in names}


def test_every_third_party_import_of_kb_is_declared():
    imported: set[str] = set()
    for path in (REPO_ROOT / "kb").rglob("*.py"):
        for line in path.read_text(encoding="utf-8").splitlines():
            match = re.match(r"\s*(?:from|import)\s+([A-Za-z_]\w*)", line)
            if match and not line.lstrip().startswith("from ."):
                imported.add(match.group(1))
    owners = importlib_metadata.packages_distributions()
    declared = _declared()
    missing = {}
    for module in imported - set(sys.stdlib_module_names) - {"kb", "__future__"}:
        dists = {d.lower().replace("_", "-") for d in owners.get(module, [])}
        if dists and not dists & declared:
            missing[module] = dists
    # spaCy pipelines are chosen at run time (settings.en_models), not dependencies
    missing = {m: d for m, d in missing.items() if not m.startswith("en_core_web")}
    assert missing == {}, f"imported by kb but not declared in pyproject.toml: {missing}"


def test_html_clean_is_a_runtime_dependency_and_the_license_is_spdx():
    project = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert any(s.startswith(("lxml[html_clean]", "lxml_html_clean", "lxml-html-clean")) for s in project["dependencies"])
    assert any(s.startswith("tqdm") for s in project["dependencies"])
    assert project["license"] == "Apache-2.0"  # a table here prints setuptools' deprecation box


# -- document size -----------------------------------------------------------------------------


def test_default_document_limit_fits_news_and_says_how_to_raise_it(tmp_path):
    assert Settings().max_file_bytes == 5 * 1024 * 1024
    (tmp_path / "book.txt").write_bytes(b"Anna Lind is the mayor of Oster. " * 200_000)  # 6.6 MB
    (tmp_path / "news.txt").write_text(ARTICLE, encoding="utf-8")
    items = list(ingest.iter_documents([tmp_path]))
    assert isinstance(items[0], IngestFailure) and isinstance(items[1], Document)
    assert "above the limit of 5,242,880 bytes" in items[0].reason and "KB_MAX_FILE_BYTES" in items[0].reason
    assert "\n" not in items[0].reason


# -- the build command -------------------------------------------------------------------------


def test_a_folder_without_documents_is_refused_with_a_hint_and_no_database(tmp_path):
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "README.md").write_text("not an article")
    db = tmp_path / "kb.db"
    result = CliRunner().invoke(cli, ["build", str(folder), "--db", str(db)])
    assert result.exit_code == 1
    assert "no documents in" in result.output and "README.md" in result.output and ".txt" in result.output
    assert not db.exists()


def test_a_missing_path_creates_no_database(tmp_path):
    db = tmp_path / "kb.db"
    result = CliRunner().invoke(cli, ["build", str(tmp_path / "artcles"), "--db", str(db)])
    assert result.exit_code == 1 and "artcles" in result.output and "not found" in result.output
    assert not db.exists()


def test_progress_lines_when_output_is_not_a_terminal(tmp_path, monkeypatch):
    for i in range(3):
        (tmp_path / f"n{i}.txt").write_text(f"Anna Lind{i} is the mayor of Oster. She spoke.", encoding="utf-8")
    monkeypatch.setenv("KB_PROGRESS_SECONDS", "0")
    result = run("build", str(tmp_path), "--db", str(tmp_path / "kb.db"))
    assert result.exit_code == 0, result.output
    assert "building: 3 documents read" in result.output
    quiet = run("build", str(tmp_path), "--db", str(tmp_path / "kb2.db"), "--quiet")
    assert "building:" not in quiet.output


def test_an_unreadable_file_on_the_command_line_is_a_failure_and_the_rest_builds(tmp_path, monkeypatch):
    """click once refused the whole command line over one unreadable file. Permissions do not
    stop root, so as root the denial is made where kb meets the OS: ``os.access`` (what click
    checks) and ``open`` in kb.ingest raise/answer as for a file of another user."""
    secret, news = tmp_path / "secret.txt", tmp_path / "news.txt"
    secret.write_text(ARTICLE, encoding="utf-8")
    news.write_text(ARTICLE.replace("Helga", "Greta"), encoding="utf-8")
    secret.chmod(0o000)
    if os.getuid() == 0:
        real_access, real_open = os.access, open

        def access(path, mode, *args, **kwargs):
            return False if Path(path) == secret else real_access(path, mode, *args, **kwargs)

        def denied_open(path, *args, **kwargs):
            if Path(path) == secret:
                raise PermissionError(13, "Permission denied", str(path))
            return real_open(path, *args, **kwargs)

        monkeypatch.setattr(os, "access", access)
        monkeypatch.setattr(ingest, "open", denied_open, raising=False)
    db_path = tmp_path / "kb.db"
    result = CliRunner().invoke(cli, ["build", str(secret), str(news), "--db", str(db_path), "--quiet"])
    assert result.exit_code == 0, result.output
    assert "1 read, 1 built" in result.output and "1 failed" in result.output
    assert "permission denied" in result.output and "Traceback" not in result.output
    db = store.open_db(db_path)
    assert [r[0] for r in db.execute("SELECT source FROM failures").fetchall()] == [str(secret)]


# -- --online without a network ----------------------------------------------------------------


class NoNetwork(requests.adapters.BaseAdapter):
    """A transport whose every request fails to connect, as on a machine without network."""

    def __init__(self) -> None:
        super().__init__()
        self.calls = 0

    def send(self, request, **kwargs):
        self.calls += 1
        raise requests.ConnectionError("Failed to establish a new connection: [Errno 101] Network is unreachable")

    def close(self):
        pass


def test_online_without_network_links_offline_and_warns_once(tmp_path, caplog):
    from helpers.linking import person_extraction as _ext

    db = store.open_db(tmp_path / "kb.db")
    session = requests.Session()
    adapter = NoNetwork()
    session.mount("https://", adapter)
    client = WikidataClient(db, Settings(http_retries=1), session=session, backoff=0.0)
    linker = Linker(db, Settings(), online=True, client=client)
    with caplog.at_level(logging.WARNING):
        first = linker.link(_ext("Mark Rutte")).link_for("person", "Mark Rutte")
        second = linker.link(_ext("Helga Nordvik")).link_for("person", "Helga Nordvik")
    assert first.qid is None and second.qid is None  # linked (offline: NIL), not dropped
    assert adapter.calls == 2  # one try and one retry for the first name, nothing after
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "linking offline" in warnings[0]
    with pytest.raises(LinkError, match="unreachable"):  # the client still reports the cause
        WikidataClient(db, Settings(http_retries=0), session=session, backoff=0.0).search("Anna")


@pytest.mark.slow
def test_build_online_without_network_builds_every_document(tmp_path):
    """A real build with --online where every connection is refused (a dead proxy)."""
    for i, name in enumerate(["Helga Nordvik", "Greta Lind"]):
        (tmp_path / f"n{i}.txt").write_text(f"{name} is the mayor of Lindholm{i}. She spoke.", encoding="utf-8")
    with socket_closed_port() as port:
        env = {**os.environ, "PYTHONPATH": str(REPO_ROOT), "HTTPS_PROXY": f"http://127.0.0.1:{port}",
               "HTTP_PROXY": f"http://127.0.0.1:{port}", "NO_PROXY": "", "KB_HTTP_RETRIES": "0"}
        proc = subprocess.run([sys.executable, "-m", "kb", "build", str(tmp_path), "--db", str(tmp_path / "kb.db"),
                               "--online", "--quiet"], capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "2 built" in proc.stdout and "0 failed" in proc.stdout
    assert proc.stderr.count("linking offline") == 1 and "a kb bug" not in proc.stderr


class socket_closed_port:
    """A local port nothing listens on (bound, then closed): connections to it are refused."""

    def __enter__(self) -> int:
        import socket

        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            return sock.getsockname()[1]

    def __exit__(self, *exc) -> None:
        return None
