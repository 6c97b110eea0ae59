"""``kb serve``: browse kb.db in Datasette, read-only, with kb's metadata and link plugin.

Read-only, but not immutable. ``datasette -i`` promises SQLite that the file never changes,
which is false while ``kb build`` writes to the same kb.db (WAL mode) and would serve stale or
torn pages. Datasette's default ("mutable") mode opens every read connection with
``?mode=ro``: SQLite itself refuses writes, each request sees the latest committed build, and
Datasette 0.6x has no write API; metadata.yml defines no writable canned query. So users cannot
write through the web, and a concurrent build keeps working.

Before serving, ``serve`` brings the database to the current schema (views and indexes the
canned queries need) and creates the full-text indexes once: the only writes, done by the local
user running ``kb serve``, never by the web server.
"""

from __future__ import annotations

import hashlib
import socket
import sqlite3
import subprocess
import sys
import tempfile
from importlib import metadata as importlib_metadata
from pathlib import Path

import yaml

from .errors import DatabaseError, KbError
from .search import enable_search, search_enabled
from .settings import REPO_ROOT
from .store import open_db

#: Database name metadata.yml is written for (Datasette names a database after its file stem).
METADATA_DATABASE = "kb"

#: Datasette settings for kb: generous SQL time for ad-hoc queries on big builds, quick facets.
DATASETTE_SETTINGS: dict[str, str] = {
    "sql_time_limit_ms": "3000",
    "facet_time_limit_ms": "500",
    "default_page_size": "50",
    "max_returned_rows": "1000",
    "truncate_cells_html": "400",
}


def metadata_path() -> Path:
    """metadata.yml: the repository's copy in a checkout, the packaged copy when installed.

    Both are the same file (a test keeps kb/metadata.yml identical to the repo root's), so an
    installed kb (no repository around it) serves the same descriptions and canned queries.
    """
    repo_copy = REPO_ROOT / "metadata.yml"
    if repo_copy.is_file():
        return repo_copy
    return Path(__file__).resolve().parent / "metadata.yml"


def _cache_dir() -> Path:
    path = Path(tempfile.gettempdir()) / "kb-datasette"
    path.mkdir(parents=True, exist_ok=True)
    return path


def metadata_for(db_path: str | Path) -> Path:
    """metadata.yml for this database file.

    Datasette keys metadata by database name, the file stem; metadata.yml is written for
    ``kb``. For another name (``--db news.db``) a copy with the database renamed is written to a
    temp folder, so descriptions and canned queries still apply.
    """
    source = metadata_path()
    name = Path(db_path).stem
    if name == METADATA_DATABASE:
        return source
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    databases = data.get("databases", {})
    databases[name] = databases.pop(METADATA_DATABASE, {})
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]
    target = _cache_dir() / f"metadata-{digest}.yml"
    if not target.exists():
        target.write_text(text, encoding="utf-8")
    return target


def plugin_registered() -> bool:
    """True when kb is installed with its ``datasette`` entry point (``pip install .``)."""
    return any(ep.name == "kb" for ep in importlib_metadata.entry_points(group="datasette"))


def plugins_dir() -> Path:
    """A folder with a one-line shim loading kb.datasette_plugin (kb run from a checkout).

    The shim puts kb's parent folder on ``sys.path`` first, so the plugin loads even when
    Datasette runs from another directory.
    """
    kb_parent = str(Path(__file__).resolve().parent.parent)
    text = (
        "import sys\n"
        f"if {kb_parent!r} not in sys.path:\n"
        f"    sys.path.insert(0, {kb_parent!r})\n"
        "from kb.datasette_plugin import *  # noqa: F401,F403\n"
    )
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]
    folder = _cache_dir() / f"plugins-{digest}"
    folder.mkdir(exist_ok=True)
    shim = folder / "kb_links.py"
    if not shim.exists():
        shim.write_text(text, encoding="utf-8")
    return folder


def datasette_command() -> list[str]:
    """The datasette executable of this Python (a venv need not be on PATH)."""
    exe = Path(sys.executable).parent / "datasette"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "datasette"]


def datasette_args(db_path, port: int = 8001, host: str = "127.0.0.1") -> list[str]:
    """argv for ``datasette serve`` on kb.db: read-only (mutable mode, see module docstring),
    kb's metadata.yml, kb's settings, and kb's link plugin."""
    args = datasette_command() + [
        "serve",
        str(db_path),
        "--host",
        host,
        "--port",
        str(port),
        "--metadata",
        str(metadata_for(db_path)),
    ]
    for name, value in DATASETTE_SETTINGS.items():
        args += ["--setting", name, value]
    if not plugin_registered():
        args += ["--plugins-dir", str(plugins_dir())]
    return args


def _check_kb_database(path: Path) -> None:
    """Refuse files that are not kb databases, before migrating adds kb's tables to them."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(f"{path} is not a SQLite database ({exc}): pass the kb.db that `kb build` wrote") from exc
    if "documents" not in tables or "tenures" not in tables:
        raise DatabaseError(f"{path} is not a kb database (no documents/tenures tables): build one with `kb build INPUT --db {path}`")


def prepare(db_path: str | Path) -> None:
    """Bring kb.db to the current schema (views, indexes) and create its full-text indexes."""
    path = Path(db_path)
    if not path.is_file():
        raise DatabaseError(f"{path} does not exist: build it first with `kb build INPUT --db {path}`")
    _check_kb_database(path)
    db = open_db(path, create=False)
    try:
        if not search_enabled(db):
            enable_search(db)
    finally:
        db.close()


def port_free(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
    return True


def serve(db_path, port: int = 8001, host: str = "127.0.0.1") -> None:
    """Run Datasette on kb.db in the foreground until Ctrl-C."""
    prepare(db_path)
    if not port_free(host, port):
        raise KbError(f"port {port} on {host} is in use: stop the other server or pass --port {port + 1}")
    process = subprocess.Popen(datasette_args(db_path, port=port, host=host))
    try:
        code = process.wait()
    except KeyboardInterrupt:
        process.terminate()
        process.wait(timeout=10)
        return
    if code != 0:
        raise KbError(f"datasette exited with code {code}: see its message above; `kb serve --help` lists the options")
