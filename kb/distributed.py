"""Scale-out on Dask: ingest + extract + link per partition on a cluster, merge on the driver.

Why this shape: SQLite has one writer, so the cluster does the expensive part (parsing, rules,
linking) and writes plain records (JSON Lines of kb.model dataclasses) to a staging folder; the
driver then merges the partitions into kb.db *in input order* with the same code a local build
uses (``PendingFilter`` + ``write_one`` + ``store.save_extraction``). The result is therefore
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
import typing
from dataclasses import fields, is_dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional, Union

import sqlite_utils

from . import store
from .build import (
    PendingFilter,
    ProgressFn,
    _FailureLog,
    _linker,
    _open,
    extract_serial,
    finish,
    link_extraction,
    write_one,
)
from .errors import InputError, KbError, ModelError
from .model import BuildReport, Document, Extraction, IngestFailure, LinkedExtraction

log = logging.getLogger(__name__)

# --------------------------------------------------------------------------------------------
# Records: kb.model dataclasses <-> JSON
# --------------------------------------------------------------------------------------------


def to_json(obj: Any) -> Any:
    """A dataclass tree as JSON values; dicts keyed by tuples become lists of [key, value]."""
    if is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_json(getattr(obj, f.name)) for f in fields(obj)}
    if isinstance(obj, dict):
        if any(isinstance(k, tuple) for k in obj):
            return [[list(k), to_json(v)] for k, v in obj.items()]
        return {k: to_json(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [to_json(v) for v in obj]
    return obj


_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    if cls not in _HINTS:
        _HINTS[cls] = typing.get_type_hints(cls)
    return _HINTS[cls]


def from_json(tp: Any, value: Any) -> Any:
    """Rebuild a value of type ``tp`` (a kb.model dataclass, or a typing form) from JSON."""
    if value is None:
        return None
    origin = typing.get_origin(tp)
    if origin is Union:
        inner = [a for a in typing.get_args(tp) if a is not type(None)]
        return from_json(inner[0], value) if len(inner) == 1 else value
    if is_dataclass(tp):
        hints = _hints(tp)
        return tp(**{k: from_json(hints[k], v) for k, v in value.items() if k in hints})
    if origin is list:
        (item,) = typing.get_args(tp)
        return [from_json(item, v) for v in value]
    if origin is dict:
        key_tp, val_tp = typing.get_args(tp)
        if typing.get_origin(key_tp) is tuple:
            return {tuple(k): from_json(val_tp, v) for k, v in value}
        return {k: from_json(val_tp, v) for k, v in value.items()}
    return value


def _dumps(record: dict[str, Any]) -> str:
    # default=str matches store.save_extraction's meta encoding, so the stored meta is identical
    return json.dumps(record, ensure_ascii=False, default=str)


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
        _LINKERS[db_path] = _linker(sqlite_utils.Database(conn), online=False)
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
                out.write(_dumps(record) + "\n")
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

    def __init__(self, db: sqlite_utils.Database, version: str, report: BuildReport, linker,
                 progress: Optional[ProgressFn] = None):
        self.db, self.linker, self.report, self.progress = db, linker, report, progress
        self.failures = _FailureLog.load(db, report)
        self.filter = PendingFilter(db, version, report, self.failures)
        self.seen_ids: dict[str, tuple[str, str]] = {}

    def merge_file(self, path: str | Path) -> None:
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                self.apply(json.loads(line))

    def apply(self, record: dict[str, Any]) -> None:
        from .ingest import _check_duplicate  # the same rule (and message) as a local ingest

        if self.progress:
            self.progress(1)
        kind = record["k"]
        if kind == "fail":
            self.filter.failed(IngestFailure(record["source"], record["reason"]))
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
            self.filter.failed(checked)
            return
        if not self.filter.wants(doc):
            return
        if kind == "xfail":
            self.failures.add(IngestFailure(doc.source or doc.id, record["reason"]), "extract")
        elif extraction is None:  # a worker skipped what the driver needs: the db changed meanwhile
            self.failures.add(IngestFailure(doc.source or doc.id, (
                f"{doc.source or doc.id}: skipped by a Dask worker as already built, but kb.db "
                "changed during the build: run the build again")), "merge")
        else:
            write_one(self.db, extraction, self.linker, self.report, self.failures, linked=linked)


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
    database = _open(db)
    db_file = _db_file(database)
    version = Extractor(model=model, lang=lang).version  # computed once, checked by every worker
    from .ingest import normalise_date

    spec = {"model": model, "lang": lang, "published": normalise_date(published), "version": version,
            "link_db": db_file if (link_in_workers and not online and db_file) else None}
    out_dir = Path(staging) if staging else Path(f"{db_file or 'kb.db'}.staging")
    out_dir.mkdir(parents=True, exist_ok=True)
    client, own_client = _client(scheduler)
    report = BuildReport()
    try:
        n_workers = max(1, len(client.scheduler_info().get("workers", {})))
        parts = partition_files(files, partitions or 4 * n_workers)
        # in a list: scatter() would spread a bare set over the cluster element by element
        [known] = client.scatter([known_hashes(database, version)], broadcast=True)
        futures = [client.submit(run_partition, i, [str(f) for f in part], str(out_dir), spec, known,
                                 pure=False, key=f"kb-partition-{i}-{out_dir.name}")
                   for i, part in enumerate(parts)]
        merger = Merger(database, version, report, None if spec["link_db"] else _linker(database, online), progress)
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
    return finish(database, report)


def _db_file(db: sqlite_utils.Database) -> Optional[str]:
    """The file behind a connection ('' for in-memory databases)."""
    row = db.execute("PRAGMA database_list").fetchone()
    return row[2] if row and row[2] else None


def merge_files(files: Iterable[str | Path], db: str | Path | sqlite_utils.Database, version: str,
                *, online: bool = False, progress: Optional[ProgressFn] = None) -> BuildReport:
    """Merge partition files (from ``run_partition``, e.g. kept with ``keep_staging``) into kb.db.

    Used by ``scripts/bench_merge.py`` to measure the merge alone.
    """
    database = _open(db)
    report = BuildReport()
    merger = Merger(database, version, report, _linker(database, online), progress)
    for path in files:
        if not Path(path).exists():
            raise InputError(f"{path} does not exist: pass partition files written by a distributed build")
        merger.merge_file(path)
    return finish(database, report)
