"""The one place that runs ingest -> extract -> link -> store.

Builds are incremental and kill-safe: each document is committed in its own transaction keyed
by its id, content hash and pipeline version (``Extractor.version``, computed once per build).
A document already stored with the same text and pipeline is skipped; a changed text or a new
pipeline version replaces its facts cleanly (``store.save_extraction`` deletes what the
document contributed before writing it again). A build killed at any moment leaves whole
documents only, and a re-run converges on the database an uninterrupted build would have made,
because documents are always written in input order.

One bad document never stops a build: it is recorded in the ``failures`` table (once per
source, stage and reason, however often the build is re-run) and counted; a source that later
builds cleanly has its old failures removed.

Parallelism (``workers > 1``): the driver process reads the input, decides what is pending,
links and writes; worker processes split, parse and extract, and send back plain
``Extraction`` records (a few kB) instead of spaCy Docs. Results are consumed in input order, so
a parallel build writes exactly what a serial one writes. Measured per-document transactions
against batches of 10 and 50 documents per transaction: no gain (WAL with
``synchronous=NORMAL`` makes a commit cheap; the cost is in the rows), so every document keeps
its own transaction, which is also the finest kill-safety.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import sqlite3
import sys
import traceback
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional, Union

import sqlite_utils

from . import store
from .model import BuildReport, Document, Extraction, IngestFailure, Link, LinkedExtraction
from .settings import get_settings

log = logging.getLogger(__name__)

ProgressFn = Callable[[int], None]
#: What extraction yields per document: its Extraction, or the failure that replaced it.
Outcome = Union[Extraction, IngestFailure]


# --------------------------------------------------------------------------------------------
# Linking
# --------------------------------------------------------------------------------------------


def _linker(db: sqlite_utils.Database, online: bool):
    """The reference linker, or None (every entity NIL) when the link stage is unavailable."""
    try:
        from .link import Linker  # type: ignore[attr-defined]
    except ImportError:  # link stage not installed (or not written yet)
        return None
    return Linker.from_db(db, online=online)


def link_extraction(linker, extraction: Extraction) -> LinkedExtraction:
    """Link one extraction; with no linker every entity is NIL (still stored, just unlinked)."""
    if linker is None:
        return LinkedExtraction(extraction, {(e.type, e.name): Link(qid=None) for e in extraction.entities})
    return linker.link(extraction)


# --------------------------------------------------------------------------------------------
# Failures
# --------------------------------------------------------------------------------------------


@dataclass
class _FailureLog:
    """Writes failures idempotently: a re-run does not add the same line again, and a source
    that builds cleanly later loses its stale failures."""

    db: sqlite_utils.Database
    report: BuildReport
    known: set[tuple[str, str, str]] = field(default_factory=set)
    sources: set[str] = field(default_factory=set)

    @classmethod
    def load(cls, db: sqlite_utils.Database, report: BuildReport) -> "_FailureLog":
        rows = db.execute("SELECT source, stage, reason FROM failures").fetchall()
        return cls(db, report, {tuple(r) for r in rows}, {r[0] for r in rows})

    def add(self, failure: IngestFailure, stage: str) -> None:
        self.report.failed += 1
        self.report.failures.append(failure)
        key = (failure.source, stage, failure.reason)
        if key in self.known:
            return
        store.record_failure(self.db, failure, stage)
        self.known.add(key)
        self.sources.add(failure.source)

    def add_exception(self, doc: Document, stage: str, exc: BaseException) -> None:
        log.debug("failure in %s for %s\n%s", stage, doc.source, traceback.format_exc())
        self.add(failure_for(doc, stage, exc), stage)

    def resolved(self, source: str) -> None:
        """``source`` built cleanly: its old failures no longer describe the database."""
        if source in self.sources:
            self.db.execute("DELETE FROM failures WHERE source = ?", [source])  # commits
            self.sources.discard(source)
            self.known = {k for k in self.known if k[0] != source}


def failure_for(doc: Document, stage: str, exc: BaseException) -> IngestFailure:
    """One failure line for a document whose extraction, linking or storing raised."""
    source = doc.source or doc.id
    return IngestFailure(source, f"{source}: {stage} failed ({type(exc).__name__}: {exc}): "
                                 "a kb bug, please report it with this document")


# --------------------------------------------------------------------------------------------
# Deciding what is pending
# --------------------------------------------------------------------------------------------


@dataclass
class PendingFilter:
    """Decides, item by item and in input order, what a build must (re-)extract.

    Shared by the local build and the Dask merge (``kb.distributed``) so both count and skip
    exactly alike: up to date (same id, text and pipeline), or a duplicate (the same text
    under another id, already stored or seen earlier in this run).
    """

    db: sqlite_utils.Database
    version: str
    report: BuildReport
    failures: _FailureLog
    seen_hashes: set[str] = field(default_factory=set)

    def failed(self, failure: IngestFailure) -> None:
        self.failures.add(failure, "ingest")

    def wants(self, doc: Document) -> bool:
        """Count the document as read; True when it must be extracted and stored."""
        self.report.read += 1
        if store.document_state(self.db, doc.id) == (doc.content_hash, self.version):
            self.report.skipped += 1
            return False
        other = store.hash_known(self.db, doc.content_hash, self.version)
        if (other and other != doc.id) or doc.content_hash in self.seen_hashes:
            self.report.skipped += 1  # the same text under another id: a duplicate
            return False
        self.seen_hashes.add(doc.content_hash)
        return True

    def filter(self, items: Iterable[Document | IngestFailure],
               on_item: Optional[ProgressFn] = None) -> Iterator[Document]:
        for item in items:
            if on_item:
                on_item(1)
            if isinstance(item, IngestFailure):
                self.failed(item)
            elif self.wants(item):
                yield item


# --------------------------------------------------------------------------------------------
# Extraction: in process, or in a pool of worker processes
# --------------------------------------------------------------------------------------------


def extract_serial(extractor, docs: Iterable[Document]) -> Iterator[Outcome]:
    """Extractions in input order; a document whose rules fail becomes a failure in place."""
    failed: list[IngestFailure] = []

    def on_error(doc: Document, exc: Exception) -> None:
        failed.append(failure_for(doc, "extract", exc))

    for extraction in extractor.extract(docs, on_error=on_error):
        while failed:
            yield failed.pop(0)
        yield extraction
    yield from failed


_WORKER_EXTRACTOR = None


def _die_with_parent() -> None:
    """Linux: a worker gets SIGKILL when the driver dies, so a killed build leaves no orphans."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # pragma: no cover - no libc: rely on the pipe closing
        pass


def _worker_init(model: Optional[str], lang: Optional[str], version: str) -> None:
    """Load the pipelines once per worker (a forked worker inherits them already loaded)."""
    global _WORKER_EXTRACTOR
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the driver's to handle
    from .extract.pipeline import Extractor

    _WORKER_EXTRACTOR = Extractor(model=model, lang=lang)
    if _WORKER_EXTRACTOR.version != version:  # pragma: no cover - a changed install mid-build
        raise RuntimeError(f"worker pipeline {_WORKER_EXTRACTOR.version} differs from the driver's {version}")


def _worker_extract(docs: list[Document]) -> list[Outcome]:
    """Runs in a worker: plain records out (Extraction or IngestFailure), never spaCy Docs."""
    return list(extract_serial(_WORKER_EXTRACTOR, docs))


def _chunks(docs: Iterable[Document], size: int) -> Iterator[list[Document]]:
    chunk: list[Document] = []
    for doc in docs:
        chunk.append(doc)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _mp_context():
    """fork where available: workers inherit the loaded model (no second load, shared pages)."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


class WorkerPool:
    """A process pool that extracts chunks of documents and yields outcomes in input order.

    At most ``2 * workers`` chunks are in flight, so memory stays bounded whatever the corpus
    size. A worker that dies (a segfault, the OOM killer) breaks the pool: the pool is rebuilt
    and the chunk's documents are retried one by one, so only the document that kills a worker
    again is lost, as a failure saying so.
    """

    def __init__(self, workers: int, model: Optional[str], lang: Optional[str], version: str,
                 chunk_docs: int):
        self.workers = workers
        self.args = (model, lang, version)
        self.chunk_docs = max(1, chunk_docs)
        self.pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(self.workers, mp_context=_mp_context(),
                                   initializer=_worker_init, initargs=self.args)

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)

    def extract(self, docs: Iterable[Document]) -> Iterator[Outcome]:
        inflight: deque[tuple[list[Document], Future]] = deque()
        for chunk in _chunks(docs, self.chunk_docs):
            inflight.append((chunk, self._submit(chunk)))
            while len(inflight) >= 2 * self.workers:
                yield from self._collect(*inflight.popleft())
        while inflight:
            yield from self._collect(*inflight.popleft())

    def _submit(self, chunk: list[Document]) -> Future:
        try:
            return self.pool.submit(_worker_extract, chunk)
        except BrokenProcessPool:
            self._restart()
            return self.pool.submit(_worker_extract, chunk)

    def _collect(self, chunk: list[Document], future: Future) -> list[Outcome]:
        try:
            return future.result()
        except BrokenProcessPool:
            self._restart()
            return [self._retry_one(doc) for doc in chunk]

    def _retry_one(self, doc: Document) -> Outcome:
        try:
            return self.pool.submit(_worker_extract, [doc]).result()[0]
        except BrokenProcessPool:
            self._restart()
            return IngestFailure(doc.source or doc.id, (
                f"{doc.source or doc.id}: extract failed: the worker process died on this document "
                "(out of memory?): split the document, or build it alone with --workers 1"))

    def _restart(self) -> None:
        log.warning("a worker process died: restarting the pool")
        self.pool.shutdown(wait=False, cancel_futures=True)
        self.pool = self._new_pool()


# --------------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------------


def write_outcomes(db: sqlite_utils.Database, outcomes: Iterable[Outcome], linker,
                   report: BuildReport, failures: _FailureLog) -> None:
    """Link and store each outcome in input order, one transaction per document."""
    for outcome in outcomes:
        if isinstance(outcome, IngestFailure):
            failures.add(outcome, "extract")
            continue
        write_one(db, outcome, linker, report, failures)


def write_one(db: sqlite_utils.Database, extraction: Extraction, linker, report: BuildReport,
              failures: _FailureLog, linked: Optional[LinkedExtraction] = None) -> None:
    """Link (unless already linked) and store one document; a failure is recorded, not raised."""
    doc = extraction.document
    stage = "link"
    try:
        linked = linked or link_extraction(linker, extraction)
        stage = "store"
        store.save_extraction(db, linked)
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "disk" in str(exc) or "full" in str(exc):
            raise  # the database itself is unusable: not one document's fault
        failures.add_exception(doc, stage, exc)
        return
    except Exception as exc:  # one bad document never stops a build
        failures.add_exception(doc, stage, exc)
        return
    report.built += 1
    failures.resolved(doc.source or doc.id)


def _open(db: str | Path | sqlite_utils.Database) -> sqlite_utils.Database:
    return db if isinstance(db, sqlite_utils.Database) else store.open_db(db)


def finish(db: sqlite_utils.Database, report: BuildReport) -> BuildReport:
    """Fill the report's totals from the database."""
    totals = store.counts(db)
    report.persons, report.organizations, report.tenures = (
        totals["persons"], totals["organizations"], totals["tenures"])
    return report


# --------------------------------------------------------------------------------------------
# The build
# --------------------------------------------------------------------------------------------


def build(
    paths: Iterable[str | Path],
    db: str | Path | sqlite_utils.Database = "kb.db",
    *,
    published: Optional[str] = None,
    lang: Optional[str] = None,
    model: Optional[str] = None,
    online: bool = False,
    progress: Optional[ProgressFn] = None,
    workers: int = 1,
    chunk_docs: Optional[int] = None,
) -> BuildReport:
    """Build (or update) a knowledge base from input files and directories.

    ``workers`` > 1 extracts in that many processes (the driver links and writes);
    ``chunk_docs`` documents go to a worker at a time.

    Example: ``kb.build(["articles/"], db="kb.db", published="2025-03-14", workers=2)``
    """
    from .extract.pipeline import Extractor
    from .ingest import iter_documents

    database = _open(db)
    report = BuildReport()
    items = iter_documents(list(paths), published=published, lang=lang)  # usage errors now
    extractor = Extractor(model=model, lang=lang)
    version = extractor.version  # computed once: loads the pipelines
    failures = _FailureLog.load(database, report)
    pending = PendingFilter(database, version, report, failures).filter(items, progress)
    linker = _linker(database, online)
    if workers <= 1:
        write_outcomes(database, extract_serial(extractor, pending), linker, report, failures)
        return finish(database, report)
    pool = WorkerPool(workers, model, lang, version, chunk_docs or get_settings().build_chunk_docs)
    try:
        write_outcomes(database, pool.extract(pending), linker, report, failures)
    finally:
        pool.close()
    return finish(database, report)


#: Columns that record when, not what: left out when two builds' facts are compared.
VOLATILE_COLUMNS = {"built_at", "at", "fetched_at", "created_at"}
#: Tables a build writes facts to (reference tables and the HTTP cache are not the build's).
FACT_TABLES = ("documents", "sentences", "persons", "organizations", "positions", "mentions",
               "tenures", "evidence", "link_candidates")


def fact_snapshot(db: str | Path | sqlite_utils.Database,
                  tables: Iterable[str] = FACT_TABLES) -> dict[str, list[tuple]]:
    """Every fact row of ``tables``, sorted, without timestamps: two builds made the same
    knowledge base exactly when their snapshots are equal (used by the kill-safety and Dask
    tests and by the benchmarks to check that a faster build is still the same build)."""
    database = _open(db)
    out: dict[str, list[tuple]] = {}
    for table in tables:
        cols = [c for c in database[table].columns_dict if c not in VOLATILE_COLUMNS]
        select = ", ".join(f"[{c}]" for c in cols)
        rows = database.execute(f"SELECT {select} FROM [{table}]").fetchall()
        out[table] = sorted(rows, key=lambda r: tuple((v is None, str(v)) for v in r))
    return out


def cpu_count() -> int:
    """CPUs this process may use (the affinity mask, not the machine's total)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1
