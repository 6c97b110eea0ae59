"""The ``failures`` table: per-item problems of a build (one bad document), kept for the user."""

from __future__ import annotations

import sqlite_utils

from ..model import IngestFailure
from .db import now_iso
from .transaction import write_transaction


def record_failure(db: sqlite_utils.Database, failure: IngestFailure, stage: str) -> None:
    with write_transaction(db):
        db.conn.execute("INSERT INTO failures (source, stage, reason, at) VALUES (?, ?, ?, ?)",
                        [failure.source, stage, failure.reason, now_iso()])
