"""The one place that runs ingest -> extract -> link -> store.

Builds are incremental and kill-safe: each document is committed in its own transaction keyed
by its id, content hash and pipeline version. A document already stored with the same text and
pipeline is skipped; a changed text or a new pipeline version replaces its facts cleanly. One
bad document never stops a build: it is recorded in the ``failures`` table and counted.
"""

from __future__ import annotations

import logging
import traceback
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional

import sqlite_utils

from . import store
from .model import BuildReport, Document, Extraction, IngestFailure, Link, LinkedExtraction

log = logging.getLogger(__name__)

ProgressFn = Callable[[int], None]


def _linker(db: sqlite_utils.Database, online: bool):
    """The reference linker, or a NIL linker when linking is unavailable."""
    try:
        from .link import Linker
    except ImportError:  # pragma: no cover - link stage not installed
        return None
    return Linker.from_db(db, online=online)


def link_extraction(linker, extraction: Extraction) -> LinkedExtraction:
    if linker is None:
        return LinkedExtraction(extraction, {(e.type, e.name): Link(qid=None) for e in extraction.entities})
    return linker.link(extraction)


def _pending(
    db: sqlite_utils.Database,
    items: Iterable[Document | IngestFailure],
    version: str,
    report: BuildReport,
    on_item: Optional[ProgressFn],
) -> Iterator[Document]:
    """Documents that need (re-)extraction; failures and up-to-date documents are accounted."""
    seen_hashes: set[str] = set()
    for item in items:
        if on_item:
            on_item(1)
        if isinstance(item, IngestFailure):
            report.failed += 1
            report.failures.append(item)
            store.record_failure(db, item, "ingest")
            continue
        report.read += 1
        state = store.document_state(db, item.id)
        if state == (item.content_hash, version):
            report.skipped += 1
            continue
        other = store.hash_known(db, item.content_hash, version)
        if (other and other != item.id) or item.content_hash in seen_hashes:
            report.skipped += 1  # the same text under another id: a duplicate
            continue
        seen_hashes.add(item.content_hash)
        yield item


def build(
    paths: Iterable[str | Path],
    db: str | Path | sqlite_utils.Database = "kb.db",
    *,
    published: Optional[str] = None,
    lang: Optional[str] = None,
    model: Optional[str] = None,
    online: bool = False,
    progress: Optional[ProgressFn] = None,
) -> BuildReport:
    """Build (or update) a knowledge base from input files and directories.

    Example: ``kb.build(["articles/"], db="kb.db", published="2025-03-14")``
    """
    from .extract.pipeline import Extractor
    from .ingest import iter_documents

    database = db if isinstance(db, sqlite_utils.Database) else store.open_db(db)
    report = BuildReport()
    extractor = Extractor(model=model, lang=lang)
    version = extractor.version
    linker = _linker(database, online)
    items = iter_documents(list(paths), published=published, lang=lang)
    docs = _pending(database, items, version, report, progress)
    def on_error(doc: Document, exc: Exception) -> None:
        _fail(database, report, doc, "extract", exc)

    for extraction in extractor.extract(docs, on_error=on_error):
        try:
            linked = link_extraction(linker, extraction)
            store.save_extraction(database, linked)
            report.built += 1
        except Exception as exc:  # one bad document never stops a build
            _fail(database, report, extraction.document, "store", exc)
    totals = store.counts(database)
    report.persons, report.organizations, report.tenures = (
        totals["persons"],
        totals["organizations"],
        totals["tenures"],
    )
    return report


def _fail(db, report: BuildReport, doc: Document, stage: str, exc: Exception) -> None:
    log.debug("failure in %s for %s\n%s", stage, doc.source, traceback.format_exc())
    failure = IngestFailure(doc.source or doc.id, f"{stage} failed: {type(exc).__name__}: {exc}")
    report.failed += 1
    report.failures.append(failure)
    store.record_failure(db, failure, stage)
