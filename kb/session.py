"""One build's shared state: the open kb.db, the pipeline version, the failure log, the
pending filter, the linker and the report.

The local build (``kb.build``) and the Dask merge (``kb.distributed``) both write documents
through a ``BuildSession``, so they skip, de-duplicate, link, store, record failures and count
exactly alike, and neither needs the other's internals.

The pipeline version decides what is up to date. Loading spaCy to learn it costs seconds, so
``kb.extract.nlp.predicted_version`` reads it from the pipelines' ``meta.json`` files with the extract
stage's own rule (``meta_version``): an unchanged re-run then loads no pipeline at all. The
build checks the prediction against the loaded pipeline as soon as a document needs extracting.
"""

from __future__ import annotations

import logging
import sqlite3
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Optional, Union

import sqlite_utils

from . import store
from .errors import DatabaseBusyError
from .model import BuildReport, Document, Extraction, IngestFailure, Link, LinkedExtraction

log = logging.getLogger(__name__)

ProgressFn = Callable[[int], None]
#: What extraction yields per document: its Extraction, or the failure that replaced it.
Outcome = Union[Extraction, IngestFailure]


def open_database(db: str | Path | sqlite_utils.Database) -> sqlite_utils.Database:
    """An open database as it is, or kb.db at a path (created and migrated when needed)."""
    return db if isinstance(db, sqlite_utils.Database) else store.open_db(db)


# --------------------------------------------------------------------------------------------
# Linking
# --------------------------------------------------------------------------------------------


def make_linker(db: sqlite_utils.Database, online: bool):
    """The reference linker, or None (every entity NIL) when the link stage is unavailable."""
    try:
        from .link import Linker  # type: ignore[attr-defined]
    except ImportError:  # link stage not installed
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


def failure_for(doc: Document, stage: str, exc: BaseException) -> IngestFailure:
    """One failure line for a document whose extraction, linking or storing raised."""
    source = doc.source or doc.id
    return IngestFailure(source, f"{source}: {stage} failed ({type(exc).__name__}: {exc}): "
                                 "a kb bug, please report it with this document")


def duplicate_note(doc: Document, twin: str) -> IngestFailure:
    """The ``failures`` line that keeps a skipped duplicate's id findable in kb.db."""
    source = doc.source or doc.id
    return IngestFailure(source, (
        f"document {doc.id!r} has the same text as document {twin!r}: stored once, under {twin!r} "
        "(nothing to fix unless the two should differ)"))


@dataclass
class FailureLog:
    """Writes failures idempotently: a re-run does not add the same line again, and a source
    that builds cleanly later loses its stale failures."""

    db: sqlite_utils.Database
    report: BuildReport
    known: set[tuple[str, str, str]] = field(default_factory=set)
    sources: set[str] = field(default_factory=set)

    @classmethod
    def load(cls, db: sqlite_utils.Database, report: BuildReport) -> "FailureLog":
        rows = db.execute("SELECT source, stage, reason FROM failures").fetchall()
        return cls(db, report, {tuple(r) for r in rows}, {r[0] for r in rows})

    def add(self, failure: IngestFailure, stage: str) -> None:
        """A failed item: counted in the report and stored."""
        self.report.failed += 1
        self.report.failures.append(failure)
        self.note(failure, stage)

    def note(self, failure: IngestFailure, stage: str) -> None:
        """Store a line without counting a failure (a skipped duplicate is not an error)."""
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


# --------------------------------------------------------------------------------------------
# Deciding what is pending
# --------------------------------------------------------------------------------------------


@dataclass
class PendingFilter:
    """Decides, item by item and in input order, what a build must (re-)extract.

    Up to date (same id, text and pipeline) and duplicates (the same text under another id,
    already stored or seen earlier in this run) are skipped. A duplicate leaves a ``failures``
    line with stage ``duplicate`` naming the document stored with its text, so its id can
    still be found in kb.db (the schema has no alias table, and a failures line is where a
    user already looks for inputs that were not stored).
    """

    db: sqlite_utils.Database
    version: str
    report: BuildReport
    failures: FailureLog
    seen: dict[str, str] = field(default_factory=dict)  # content hash -> first id in this run

    def failed(self, failure: IngestFailure) -> None:
        self.failures.add(failure, "ingest")

    def wants(self, doc: Document) -> bool:
        """Count the document as read; True when it must be extracted and stored."""
        self.report.read += 1
        if store.document_state(self.db, doc.id) == (doc.content_hash, self.version):
            self.report.skipped += 1
            return False
        stored = store.hash_known(self.db, doc.content_hash, self.version)
        twin = stored if stored and stored != doc.id else self.seen.get(doc.content_hash)
        if twin is not None:
            self.report.skipped += 1
            if twin != doc.id:
                self.failures.note(duplicate_note(doc, twin), "duplicate")
            return False
        self.seen[doc.content_hash] = doc.id
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
# The pipeline version, without loading the pipeline
# --------------------------------------------------------------------------------------------


class PipelineChanged(Exception):
    """The loaded pipeline's version differs from ``predicted_version`` (the build starts
    again with the loaded version; nothing was written under the predicted one)."""


# --------------------------------------------------------------------------------------------
# The session
# --------------------------------------------------------------------------------------------


@dataclass
class BuildSession:
    """What one build (local or Dask merge) shares while it writes documents in input order.

    The linker is made on the first document to write: a run with nothing pending reads no
    reference tables. ``link_here=False`` when records arrive already linked (Dask workers).
    """

    db: sqlite_utils.Database
    version: str
    report: BuildReport
    failures: FailureLog
    online: bool = False
    link_here: bool = True
    progress: Optional[ProgressFn] = None
    pending: PendingFilter = field(init=False)
    _linker: Any = field(default=None, init=False)
    _linker_made: bool = field(default=False, init=False)

    def __post_init__(self) -> None:
        self.pending = PendingFilter(self.db, self.version, self.report, self.failures)

    @classmethod
    def open(cls, db: str | Path | sqlite_utils.Database, version: str, *, online: bool = False,
             link_here: bool = True, progress: Optional[ProgressFn] = None) -> "BuildSession":
        database = open_database(db)
        report = BuildReport()
        return cls(database, version, report, FailureLog.load(database, report), online=online,
                   link_here=link_here, progress=progress)

    @property
    def linker(self):
        if not self._linker_made:
            self._linker = make_linker(self.db, self.online) if self.link_here else None
            self._linker_made = True
        return self._linker

    def pending_documents(self, items: Iterable[Document | IngestFailure]) -> Iterator[Document]:
        """The documents of ``items`` that need extracting (failures recorded, skips counted)."""
        return self.pending.filter(items, self.progress)

    def write_outcomes(self, outcomes: Iterable[Outcome]) -> None:
        """Link and store each outcome in input order, one transaction per document."""
        for outcome in outcomes:
            if isinstance(outcome, IngestFailure):
                self.failures.add(outcome, "extract")
            else:
                self.write(outcome)

    def write(self, extraction: Extraction, linked: Optional[LinkedExtraction] = None) -> None:
        """Link (unless already linked) and store one document; a failure is recorded, not raised."""
        doc = extraction.document
        stage = "link"
        try:
            linked = linked or link_extraction(self.linker, extraction)
            stage = "store"
            store.save_extraction(self.db, linked)
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "disk" in str(exc) or "full" in str(exc):
                raise  # the database itself is unusable: not one document's fault
            self.failures.add_exception(doc, stage, exc)
            return
        except DatabaseBusyError:
            raise  # another writer holds kb.db: the build stops with one line, not per document
        except Exception as exc:  # one bad document never stops a build
            self.failures.add_exception(doc, stage, exc)
            return
        self.report.built += 1
        self.failures.resolved(doc.source or doc.id)

    def finish(self) -> BuildReport:
        """The report with the database's totals filled in."""
        totals = store.counts(self.db)
        self.report.persons, self.report.organizations, self.report.tenures = (
            totals["persons"], totals["organizations"], totals["tenures"])
        return self.report
