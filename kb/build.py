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
builds cleanly has its old failures removed. Skipping, failure records, linking and storing
are ``kb.session.BuildSession``'s, shared with the Dask merge (``kb.distributed``).

Nothing pending loads nothing: the pipeline version that decides what is up to date is read
from the pipelines' meta.json (``kb.extract.nlp.predicted_version``), and spaCy is loaded when the
first document needs extracting (then checked against the prediction).

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
import sys
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import Iterable, Iterator, Optional

import sqlite_utils

from .extract.nlp import predicted_version
from .model import BuildReport, Document, IngestFailure
from .session import (
    BuildSession,
    Outcome,
    PipelineChanged,
    ProgressFn,
    failure_for,
    open_database,
)
from .settings import get_settings

log = logging.getLogger(__name__)


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
    ``chunk_docs`` documents go to a worker at a time. The spaCy pipelines are loaded only
    when a document needs extracting: an unchanged re-run reads, compares and stops.

    Example: ``kb.build(["articles/"], db="kb.db", published="2025-03-14", workers=2)``
    """
    from .ingest import iter_documents

    database = open_database(db)
    paths = list(paths)
    iter_documents(paths, published=published, lang=lang)  # usage errors now
    plan = _Plan(paths, published, lang, model, online, progress, workers,
                 chunk_docs or get_settings().build_chunk_docs)
    try:
        return plan.run(database, predicted_version(model, lang))
    except PipelineChanged as exc:
        log.warning("%s: building with the loaded pipeline's version", exc)
        return plan.run(database, None)


@dataclass
class _Plan:
    """One build's arguments, so that a build can start again with another pipeline version."""

    paths: list
    published: Optional[str]
    lang: Optional[str]
    model: Optional[str]
    online: bool
    progress: Optional[ProgressFn]
    workers: int
    chunk_docs: int

    def run(self, database: sqlite_utils.Database, version: Optional[str]) -> BuildReport:
        """Build with ``version`` (None: load the pipelines now and ask them)."""
        from .extract.pipeline import Extractor
        from .ingest import iter_documents

        extractor = Extractor(model=self.model, lang=self.lang)
        if version is None:
            version = extractor.version  # loads the pipelines
        session = BuildSession.open(database, version, online=self.online, progress=self.progress)
        items = iter_documents(self.paths, published=self.published, lang=self.lang)
        pending = iter(session.pending_documents(items))
        first = next(pending, None)
        if first is None:  # nothing to extract: no pipeline loaded, no linker made
            return session.finish()
        if extractor.version != version:  # loads the pipelines (a no-op when already loaded)
            raise PipelineChanged(f"the pipeline is {extractor.version}, its meta.json said {version}")
        docs = chain([first], pending)
        if self.workers <= 1:
            session.write_outcomes(extract_serial(extractor, docs))
            return session.finish()
        pool = WorkerPool(self.workers, self.model, self.lang, version, self.chunk_docs)
        try:
            session.write_outcomes(pool.extract(docs))
        finally:
            pool.close()
        return session.finish()


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
    database = open_database(db)
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
