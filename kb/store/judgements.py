"""The ``judgements`` table: a user's confirmed or rejected QID per (entity type, name key).

The rules (validation, what a verdict means to the linker) are in ``kb.link.judgements``; this
module only stores and reads the rows.
"""

from __future__ import annotations

from typing import Optional

import sqlite_utils

from .db import now_iso
from .transaction import write_transaction


def save_judgement(db: sqlite_utils.Database, entity_type: str, key: str, qid: str, verdict: str,
                   note: Optional[str] = None) -> None:
    """Record one verdict: a confirmation replaces the name's earlier confirmation, and any
    earlier verdict on the same QID is replaced (one answer per name and QID)."""
    with write_transaction(db):
        if verdict == "confirmed":
            db.execute("DELETE FROM judgements WHERE entity_type = ? AND name_key = ? AND judgement = 'confirmed'",
                       [entity_type, key])
        db.execute("DELETE FROM judgements WHERE entity_type = ? AND name_key = ? AND qid = ?", [entity_type, key, qid])
        db.execute(
            "INSERT INTO judgements (entity_type, name_key, qid, judgement, note, created_at) VALUES (?,?,?,?,?,?)",
            [entity_type, key, qid, verdict, note, now_iso()],
        )


def judgement_rows(db: sqlite_utils.Database) -> list[tuple[str, str, str, str]]:
    """(entity_type, name_key, qid, judgement) of every judgement; none before migration."""
    try:
        return db.execute("SELECT entity_type, name_key, qid, judgement FROM judgements").fetchall()
    except Exception:  # not migrated yet: no judgements
        return []
