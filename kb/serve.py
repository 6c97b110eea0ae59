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

Files handed to Datasette (metadata renamed for another database name, the plugin shim) live
in a per-user private folder (``KB_CACHE_DIR``, default ``~/.cache/kb``, mode 0700) and are
rewritten atomically on every start; nothing is read from or written to the shared temporary
folder, where another local user could plant a writable canned query.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import socket
import stat
import sqlite3
import subprocess
import sys
import tempfile
import threading
from importlib import metadata as importlib_metadata
from pathlib import Path

import yaml

from .errors import DatabaseError, KbError
from .search import enable_search, search_enabled
from .settings import REPO_ROOT, get_settings
from .store import open_db

#: Database name metadata.yml is written for (Datasette names a database after its file stem).
METADATA_DATABASE = "kb"

#: The plugin shim's file name in the plugins folder.
SHIM_NAME = "kb_links.py"

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


def _private_dir(path: Path) -> Path:
    """``path`` as a folder only this user can enter (mode 0700), created when missing.

    Datasette loads every ``.py`` in ``--plugins-dir`` and every canned query in
    ``--metadata``, so the files kb hands it must be out of other users' reach: the shared
    temporary folder is not (another local user could plant a metadata file with a writable
    canned query there, or a plugin). A folder that is a symlink, or belongs to another user,
    is refused rather than used.
    """
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    st = os.lstat(path)
    if stat.S_ISLNK(st.st_mode) or not stat.S_ISDIR(st.st_mode) or st.st_uid != os.getuid():
        raise KbError(f"{path} is not a folder of yours (a symlink, or another user's): remove it, "
                      "or point KB_CACHE_DIR at a private folder")
    if stat.S_IMODE(st.st_mode) & 0o077:
        os.chmod(path, 0o700)
    return path


def _cache_dir() -> Path:
    """kb serve's private cache folder (settings.cache_dir/serve, mode 0700)."""
    base = _private_dir(get_settings().cache_dir)
    return _private_dir(base / "serve")


def _write_atomically(target: Path, text: str) -> Path:
    """Write ``text`` to ``target`` through a temporary file in the same folder and a rename:
    a reader (Datasette starting, another ``kb serve``) sees the old file or the new one,
    never half of one. The file is always rewritten: what is on disk is never trusted."""
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def metadata_for(db_path: str | Path) -> Path:
    """metadata.yml for this database file.

    Datasette keys metadata by database name, the file stem; metadata.yml is written for
    ``kb``. For another name (``--db news.db``) a copy with the database renamed is written to
    kb's private cache folder (rewritten on every call), so descriptions and canned queries
    still apply.
    """
    source = metadata_path()
    name = Path(db_path).stem
    if name == METADATA_DATABASE:
        return source
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    databases = data.get("databases", {})
    databases[name] = databases.pop(METADATA_DATABASE, {})
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    return _write_atomically(_cache_dir() / f"metadata-{digest}.yml", text)


def plugin_registered() -> bool:
    """True when kb is installed with its ``datasette`` entry point (``pip install .``)."""
    return any(ep.name == "kb" for ep in importlib_metadata.entry_points(group="datasette"))


def plugins_dir() -> Path:
    """A folder with a one-line shim loading kb.datasette_plugin (kb run from a checkout).

    The shim puts kb's parent folder on ``sys.path`` first, so the plugin loads even when
    Datasette runs from another directory. Datasette loads *every* file in the folder, so
    anything else found in it is removed and the shim is rewritten on every call.
    """
    kb_parent = str(Path(__file__).resolve().parent.parent)
    text = (
        "import sys\n"
        f"if {kb_parent!r} not in sys.path:\n"
        f"    sys.path.insert(0, {kb_parent!r})\n"
        "from kb.datasette_plugin import *  # noqa: F401,F403\n"
    )
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    folder = _private_dir(_cache_dir() / f"plugins-{digest}")
    for entry in folder.iterdir():
        if entry.name != SHIM_NAME and not entry.name.startswith(f".{SHIM_NAME}."):  # another kb serve's write
            shutil.rmtree(entry) if entry.is_dir() and not entry.is_symlink() else entry.unlink()
    _write_atomically(folder / SHIM_NAME, text)
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


#: Hosts that only this machine can reach.
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}


def exposure_warning(host: str) -> str | None:
    """A warning line when ``--host`` makes the server reachable from other machines."""
    if host in LOOPBACK_HOSTS or host.startswith("127."):
        return None
    return (f"warning: --host {host} makes this server reachable from other machines on the network: "
            "anyone who can reach it can read the whole database (use --host 127.0.0.1 to keep it local)")


class _Stopped(Exception):
    """SIGTERM or SIGHUP arrived: stop Datasette, then return."""


def _raise_stopped(signum, frame) -> None:
    raise _Stopped(signum)


def stop_datasette(process: subprocess.Popen) -> None:
    """Terminate Datasette and wait for it, so that its port is free when kb serve exits."""
    if process.poll() is None:
        process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def serve(db_path, port: int = 8001, host: str = "127.0.0.1") -> None:
    """Run Datasette on kb.db in the foreground until Ctrl-C, SIGTERM or SIGHUP.

    Datasette runs as a child process; every way of stopping kb serve stops it too (a
    service manager's SIGTERM once left the child holding the port).
    """
    prepare(db_path)
    if not port_free(host, port):
        raise KbError(f"port {port} on {host} is in use: stop the other server or pass --port {port + 1}")
    in_main_thread = threading.current_thread() is threading.main_thread()  # signals need it
    previous = {sig: signal.signal(sig, _raise_stopped) for sig in (signal.SIGTERM, signal.SIGHUP)} if in_main_thread else {}
    process = None
    try:
        process = subprocess.Popen(datasette_args(db_path, port=port, host=host))
        code = process.wait()
    except (KeyboardInterrupt, _Stopped):
        return
    finally:
        if process is not None:
            stop_datasette(process)
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    if code != 0:
        raise KbError(f"datasette exited with code {code}: see its message above; `kb serve --help` lists the options")
