"""Scale-out on Dask: ingest + extract + link per partition on a cluster, merge on the driver.

Why this shape: SQLite has one writer, so the cluster does the expensive part (parsing, rules,
linking) and writes plain records (JSON Lines of kb.model dataclasses) to a staging folder; the
driver then merges the partitions into kb.db *in input order* with the same code a local build
uses (``kb.session.BuildSession``: its pending filter, linker and ``store.save_extraction``). The result is therefore
identical to ``kb.build.build`` over the same inputs: same skips, duplicates, failures, ids.

* Partitions are contiguous runs of input files, balanced by size (a single huge JSONL file is
  one partition: split such files before a distributed build).
* The pipeline version is computed once, on the driver, and checked by every worker: a worker
  with another model version fails its partition with a message saying so.
* Incremental: the driver sends the content hashes already built with this version (as
  32-byte digests, broadcast once); workers skip those documents without parsing them and
  record only their id and hash, so the merge still counts and de-duplicates them.
* Linking runs in the workers on a read-only connection to kb.db (it only reads reference
  tables and judgements), so kb.db must be on a path the workers can read (a shared
  filesystem, like the inputs and the staging folder). ``link_in_workers=False`` links on the
  driver during the merge instead; online linking always happens on the driver.
* Merging overlaps the cluster's work: partition i is merged as soon as it and all before it
  are done, while later partitions are still running.
"""

from __future__ import annotations

import json
import logging
import shutil
import sqlite3
import threading
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional, Union

import sqlite_utils

from .build import extract_serial
from .codec import dumps, from_json, to_json
from .errors import InputError, KbError, ModelError
from .model import BuildReport, Document, Extraction, IngestFailure, LinkedExtraction
from .session import BuildSession, ProgressFn, link_extraction, make_linker, open_database

log = logging.getLogger(__name__)

# --------------------------------------------------------------------------------------------
# Partitions
# --------------------------------------------------------------------------------------------


def partition_files(files: list[Path], partitions: int) -> list[list[Path]]:
    """Contiguous runs of files (input order kept), about equal in bytes."""
    if not files:
        return []
    partitions = max(1, min(partitions, len(files)))
    sizes = []
    for f in files:
        try:
            sizes.append(max(1, f.stat().st_size))
        except OSError:
            sizes.append(1)  # unreadable: its partition reports the failure
    target = sum(sizes) / partitions
    out: list[list[Path]] = [[]]
    acc = 0.0
    for f, size in zip(files, sizes):
        if out[-1] and acc + size / 2 > target * len(out) and len(out) < partitions:
            out.append([])
        out[-1].append(f)
        acc += size
    return out


_LOCK = threading.Lock()  # spaCy pipelines are not shared between threads of one worker
_EXTRACTORS: dict[tuple, Any] = {}
_LINKERS: dict[str, Any] = {}


def _worker_extractor(model: Optional[str], lang: Optional[str], version: str):
    from .extract.pipeline import Extractor

    key = (model, lang)
    if key not in _EXTRACTORS:
        _EXTRACTORS[key] = Extractor(model=model, lang=lang)
    extractor = _EXTRACTORS[key]
    if extractor.version != version:
        raise ModelError(
            f"a Dask worker has pipeline {extractor.version}, the driver {version}: install the same "
            "spaCy model version (and kb version) on every worker")
    return extractor


def _worker_linker(db_path: Optional[str]):
    """The linker over a read-only connection to kb.db (one per worker process)."""
    if not db_path:
        return None
    if db_path not in _LINKERS:
        conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, check_same_thread=False, timeout=60)
        _LINKERS[db_path] = make_linker(sqlite_utils.Database(conn), online=False)
    return _LINKERS[db_path]


def _stub(doc: Document) -> dict[str, Any]:
    return {"id": doc.id, "hash": doc.content_hash, "source": doc.source}


def run_partition(index: int, files: list[str], out_dir: str, spec: dict[str, Any],
                  known: frozenset[bytes]) -> dict[str, Any]:
    """Runs on a Dask worker: ingest, extract and link one partition into one JSONL file.

    Records, in input order: ``fail`` (ingest failure), ``skip`` (already built or a
    duplicate within the partition: not parsed), ``doc`` (an extraction, linked or not) and
    ``xfail`` (a document whose extraction failed).
    """
    from .ingest import iter_documents

    with _LOCK:
        extractor = _worker_extractor(spec["model"], spec["lang"], spec["version"])
        linker = _worker_linker(spec.get("link_db"))
        path = Path(out_dir) / f"part-{index:06d}.jsonl"
        tmp = path.with_suffix(".tmp")
        counts = {"fail": 0, "skip": 0, "doc": 0, "xfail": 0}
        with open(tmp, "w", encoding="utf-8") as out:
            for record in _partition_records(iter_documents(files, published=spec["published"], lang=spec["lang"]),
                                             extractor, linker, known):
                counts[record["k"]] += 1
                out.write(dumps(record) + "\n")
        tmp.replace(path)  # a partition file exists only when complete
    return {"index": index, "path": str(path), **counts}


def _partition_records(items: Iterable[Union[Document, IngestFailure]], extractor, linker,
                       known: frozenset[bytes]) -> Iterator[dict[str, Any]]:
    """Records in input order; extraction lags ingest, so records wait in a queue for it."""
    queue: list[Any] = []  # ready records, or a Document awaiting its outcome
    seen: set[str] = set()

    def pending() -> Iterator[Document]:
        for item in items:
            if isinstance(item, IngestFailure):
                queue.append({"k": "fail", "source": item.source, "reason": item.reason})
            elif bytes.fromhex(item.content_hash) in known or item.content_hash in seen:
                queue.append({"k": "skip", **_stub(item)})
            else:
                seen.add(item.content_hash)
                queue.append(item)
                yield item

    def ready() -> Iterator[dict[str, Any]]:
        while queue and isinstance(queue[0], dict):
            yield queue.pop(0)

    for outcome in extract_serial(extractor, pending()):
        yield from ready()
        doc = queue.pop(0)
        if isinstance(outcome, IngestFailure):
            yield {"k": "xfail", **_stub(doc), "reason": outcome.reason}
        elif linker is not None:
            yield {"k": "doc", "linked": to_json(link_extraction(linker, outcome))}
        else:
            yield {"k": "doc", "extraction": to_json(outcome)}
    yield from ready()


# --------------------------------------------------------------------------------------------
# Merge (driver)
# --------------------------------------------------------------------------------------------


class Merger:
    """Applies partition files to kb.db in order, exactly as a local build would."""

    def __init__(self, session: BuildSession):
        self.session = session
        self.seen_ids: dict[str, tuple[str, str]] = {}

    def merge_file(self, path: str | Path) -> None:
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                self.apply(json.loads(line))

    def apply(self, record: dict[str, Any]) -> None:
        from .ingest import _check_duplicate  # the same rule (and message) as a local ingest

        session = self.session
        if session.progress:
            session.progress(1)
        kind = record["k"]
        if kind == "fail":
            session.pending.failed(IngestFailure(record["source"], record["reason"]))
            return
        linked = extraction = None
        if kind == "doc" and "linked" in record:
            linked = from_json(LinkedExtraction, record["linked"])
            extraction = linked.extraction
        elif kind == "doc":
            extraction = from_json(Extraction, record["extraction"])
        doc = extraction.document if extraction else Document(
            id=record["id"], text="", source=record["source"], content_hash=record["hash"])
        checked = _check_duplicate(doc, self.seen_ids)
        if isinstance(checked, IngestFailure):  # same id, other text, in an earlier partition
            session.pending.failed(checked)
            return
        if not session.pending.wants(doc):
            return
        if kind == "xfail":
            session.failures.add(IngestFailure(doc.source or doc.id, record["reason"]), "extract")
        elif extraction is None:  # a worker skipped what the driver needs: the db changed meanwhile
            session.failures.add(IngestFailure(doc.source or doc.id, (
                f"{doc.source or doc.id}: skipped by a Dask worker as already built, but kb.db "
                "changed during the build: run the build again")), "merge")
        else:
            session.write(extraction, linked=linked)


def known_hashes(db: sqlite_utils.Database, version: str) -> frozenset[bytes]:
    """Content hashes already built with ``version`` (32-byte digests: half the memory)."""
    rows = db.execute("SELECT content_hash FROM documents WHERE pipeline = ?", [version])
    return frozenset(bytes.fromhex(r[0]) for r in rows if r[0])


def _client(scheduler):
    """A distributed.Client from a Client, a scheduler address, or None (a local cluster)."""
    try:
        from distributed import Client
    except ImportError as exc:  # pragma: no cover - dask not installed
        raise KbError("Dask is not installed: pip install 'kb[dask]' (dask[distributed])") from exc
    if isinstance(scheduler, Client):
        return scheduler, False
    try:
        if scheduler in (None, "", "local"):  # a cluster of local processes, one per core
            return Client(processes=True, threads_per_worker=1, dashboard_address=None), True
        return Client(scheduler, timeout="30s"), True
    except OSError as exc:
        raise KbError(f"cannot reach the Dask scheduler at {scheduler!r} ({exc}): start it "
                      "(dask scheduler) or pass its address as tcp://HOST:8786") from exc


def build_distributed(
    paths: Iterable[str | Path],
    db: str | Path | sqlite_utils.Database = "kb.db",
    *,
    scheduler: Any = None,
    published: Optional[str] = None,
    lang: Optional[str] = None,
    model: Optional[str] = None,
    online: bool = False,
    partitions: Optional[int] = None,
    staging: Optional[str | Path] = None,
    link_in_workers: bool = True,
    keep_staging: bool = False,
    progress: Optional[ProgressFn] = None,
) -> BuildReport:
    """Build kb.db on a Dask cluster; the result equals a local ``kb.build.build``.

    ``scheduler``: a ``distributed.Client``, a scheduler address (``tcp://host:8786``), or
    None / ``"local"`` for a cluster of local processes. Inputs, ``staging`` (default: ``<db>.staging/`` next to kb.db) and,
    when linking in workers, kb.db itself must be readable by the workers at the same paths.

    Example: ``build_distributed(["archive/"], "kb.db", scheduler="tcp://10.0.0.5:8786")``
    """
    from .extract.pipeline import Extractor
    from .ingest import collect_inputs, iter_documents

    iter_documents(list(paths), published=published, lang=lang)  # usage errors now, not on a worker
    files = collect_inputs(list(paths)).files
    database = open_database(db)
    db_file = _db_file(database)
    version = Extractor(model=model, lang=lang).version  # computed once, checked by every worker
    from .ingest import normalise_date

    spec = {"model": model, "lang": lang, "published": normalise_date(published), "version": version,
            "link_db": db_file if (link_in_workers and not online and db_file) else None}
    out_dir = Path(staging) if staging else Path(f"{db_file or 'kb.db'}.staging")
    out_dir.mkdir(parents=True, exist_ok=True)
    client, own_client = _client(scheduler)
    session: Optional[BuildSession] = None
    try:
        n_workers = max(1, len(client.scheduler_info().get("workers", {})))
        parts = partition_files(files, partitions or 4 * n_workers)
        # in a list: scatter() would spread a bare set over the cluster element by element
        [known] = client.scatter([known_hashes(database, version)], broadcast=True)
        futures = [client.submit(run_partition, i, [str(f) for f in part], str(out_dir), spec, known,
                                 pure=False, key=f"kb-partition-{i}-{out_dir.name}")
                   for i, part in enumerate(parts)]
        session = BuildSession.open(database, version, online=online, link_here=not spec["link_db"],
                                    progress=progress)
        merger = Merger(session)
        for future in futures:  # in order: partition i merges while later ones still run
            result = future.result()
            merger.merge_file(result["path"])
            if not keep_staging:
                Path(result["path"]).unlink(missing_ok=True)
    finally:
        if own_client:
            client.close()
    if not keep_staging:
        shutil.rmtree(out_dir, ignore_errors=True)
    return session.finish()


def _db_file(db: sqlite_utils.Database) -> Optional[str]:
    """The file behind a connection ('' for in-memory databases)."""
    row = db.execute("PRAGMA database_list").fetchone()
    return row[2] if row and row[2] else None


def merge_files(files: Iterable[str | Path], db: str | Path | sqlite_utils.Database, version: str,
                *, online: bool = False, progress: Optional[ProgressFn] = None) -> BuildReport:
    """Merge partition files (from ``run_partition``, e.g. kept with ``keep_staging``) into kb.db.

    Used by ``scripts/bench_merge.py`` to measure the merge alone.
    """
    session = BuildSession.open(db, version, online=online, progress=progress)
    merger = Merger(session)
    for path in files:
        if not Path(path).exists():
            raise InputError(f"{path} does not exist: pass partition files written by a distributed build")
        merger.merge_file(path)
    return session.finish()
