"""User judgements on links: confirmed or rejected QIDs per (entity type, normalised name).

Judgements live in their own table, keyed by the name rather than by the entity id, so they
survive every re-build (entity ids change when a link changes). The linker reads them first: a
confirmed QID always wins, a rejected QID is never chosen again for that name.
Applying a verdict to the documents already built is ``kb.link.relink``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal, Optional

import sqlite_utils

from ..errors import LinkError
from ..names import name_key
from ..store import judgement_rows, migrate, save_judgement

Verdict = Literal["confirmed", "rejected"]
TYPES = ("person", "organization")


@dataclass
class NameJudgements:
    confirmed: Optional[str] = None
    rejected: set[str] = field(default_factory=set)


def resolve_name(db: sqlite_utils.Database, entity_type: str, name: str) -> str:
    """A persons/organizations id (QID or 'person:slug') stands for that entity's name."""
    table = "persons" if entity_type == "person" else "organizations"
    row = db.execute(f"SELECT name FROM [{table}] WHERE id = ?", [name]).fetchone()
    return row[0] if row else name


def judge(db: sqlite_utils.Database, entity_type: str, name: str, qid: str, verdict: Verdict,
          note: Optional[str] = None) -> None:
    """Record a user's verdict on linking ``name`` to ``qid``; it outlives every re-build.

    Confirming a QID replaces an earlier confirmation for the same name (one answer per name)
    and lifts a rejection of that QID; rejecting a confirmed QID withdraws the confirmation.
    """
    if entity_type not in TYPES:
        raise LinkError(f"entity type {entity_type!r} unknown: use 'person' or 'organization'")
    if verdict not in ("confirmed", "rejected"):
        raise LinkError(f"verdict {verdict!r} unknown: use 'confirmed' or 'rejected'")
    qid = parse_qid(qid)
    migrate(db)
    key = name_key(resolve_name(db, entity_type, name))
    if not key:
        raise LinkError(f"name {name!r} has no letters or digits: pass the entity's name as shown in kb")
    save_judgement(db, entity_type, key, qid, verdict, note)


def parse_qid(qid: str) -> str:
    """A QID as typed ("q57792 ") in canonical form, or a LinkError saying what one looks like."""
    qid = qid.strip().upper()
    if not re.fullmatch(r"Q[1-9][0-9]*", qid):
        raise LinkError(f"{qid!r} is not a Wikidata QID: pass an id like Q57792")
    return qid


def load_judgements(db: sqlite_utils.Database) -> dict[tuple[str, str], NameJudgements]:
    """All judgements, keyed by (entity type, name key); the table is small (made by hand)."""
    out: dict[tuple[str, str], NameJudgements] = {}
    for etype, key, qid, verdict in judgement_rows(db):
        item = out.setdefault((etype, key), NameJudgements())
        if verdict == "confirmed":
            item.confirmed = qid
        else:
            item.rejected.add(qid)
    return out
