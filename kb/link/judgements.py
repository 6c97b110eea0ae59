"""User judgements on links: confirmed or rejected QIDs per (entity type, normalised name).

Judgements live in their own table, keyed by the name rather than by the entity id, so they
survive every re-build (entity ids change when a link changes). The linker reads them first: a
confirmed QID always wins, a rejected QID is never chosen again for that name.

``apply_judgement`` (``kb link confirm|reject``) also relinks the documents already built at
once: a document the next build skips (unchanged text) would otherwise keep the judged link.
The documents are written again from their stored rows (``kb.store.stored``) with the new link:
no re-extraction.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Literal, Optional

import sqlite_utils

from ..errors import LinkError
from ..model import Link, LinkCandidate, LinkedExtraction
from ..names import name_key
from ..settings import get_settings
from ..store import judgement_rows, migrate, save_extraction, save_judgement, write_transaction
from ..store.reference import has_reference_rows
from ..store.stored import documents_mentioning, stored_extraction

Verdict = Literal["confirmed", "rejected"]
_TYPES = ("person", "organization")


@dataclass
class NameJudgements:
    confirmed: Optional[str] = None
    rejected: set[str] = field(default_factory=set)


def _resolve_name(db: sqlite_utils.Database, entity_type: str, name: str) -> str:
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
    if entity_type not in _TYPES:
        raise LinkError(f"entity type {entity_type!r} unknown: use 'person' or 'organization'")
    if verdict not in ("confirmed", "rejected"):
        raise LinkError(f"verdict {verdict!r} unknown: use 'confirmed' or 'rejected'")
    qid = _qid(qid)
    migrate(db)
    key = name_key(_resolve_name(db, entity_type, name))
    if not key:
        raise LinkError(f"name {name!r} has no letters or digits: pass the entity's name as shown in kb")
    save_judgement(db, entity_type, key, qid, verdict, note)


def _qid(qid: str) -> str:
    qid = qid.strip().upper()
    if not re.fullmatch(r"Q[1-9][0-9]*", qid):
        raise LinkError(f"{qid!r} is not a Wikidata QID: pass an id like Q57792")
    return qid


@dataclass
class JudgementResult:
    """What ``apply_judgement`` did: the name judged, the links it changed (old QID or None ->
    new QID or None, with how many documents), and warnings for the user."""

    name: str
    qid: str
    verdict: str
    changes: Counter = field(default_factory=Counter)
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """"Mark Rutte: linked Q123 -> Q57792 in 3 documents" (one clause per change)."""
        if not self.changes:
            return f"{self.name}: {self.verdict} {self.qid}; no stored document changed"
        parts = []
        for (old, new), n in sorted(self.changes.items(), key=lambda kv: (-kv[1], str(kv[0]))):
            docs = f"{n} document{'s' if n != 1 else ''}"
            parts.append(f"linked {old or 'none'} -> {new or 'none (unlinked)'} in {docs}")
        return f"{self.name}: {'; '.join(parts)}"


def _known_names(db: sqlite_utils.Database, entity_type: str) -> dict[str, list[str]]:
    return documents_mentioning(db, entity_type)


def _check_name(names: dict[str, list[str]], entity_type: str, name: str, key: str) -> None:
    """A judgement on a name no stored document uses would change nothing: say so, with the
    closest stored names."""
    if any(name_key(n) == key for n in names):
        return
    close = difflib.get_close_matches(name, list(names), n=3, cutoff=0.6)
    hint = f"did you mean {', '.join(repr(c) for c in close)}?" if close else "check the spelling"
    raise LinkError(f"no stored {entity_type} is named {name!r}: {hint} (names as kb shows them, or an entity id)")


def _reference_link(db: sqlite_utils.Database, qid: str, score: float, method: str,
                    candidates: list[LinkCandidate]) -> Link:
    row = db.execute("SELECT label, enwiki, description FROM ref_entities WHERE qid = ?", [qid]).fetchone()
    label, enwiki, description = row if row else (None, None, None)
    return Link(qid=qid, score=score, method=method, label=label, enwiki=enwiki, description=description,
                candidates=candidates)


def judged_link(db: sqlite_utils.Database, current: Link, verdicts: NameJudgements, threshold: float) -> Link:
    """The link a name gets under its judgements, from its stored link and candidates: the
    confirmed QID; else, when the current QID is rejected, the best remaining stored candidate
    above the threshold, or none (as the linker decides without the rejected candidates)."""
    if verdicts.confirmed:
        row = db.execute("SELECT label FROM ref_entities WHERE qid = ?", [verdicts.confirmed]).fetchone()
        label = (row[0] if row else None) or verdicts.confirmed
        return _reference_link(db, verdicts.confirmed, 1.0, "judgement",
                               [LinkCandidate(verdicts.confirmed, label, 1.0, "judgement")])
    if not current.qid or current.qid not in verdicts.rejected:
        return current
    remaining = [c for c in current.candidates if c.qid not in verdicts.rejected and c.method != "judgement"]
    remaining.sort(key=lambda c: (-c.score, c.qid))
    if remaining and remaining[0].score >= threshold:
        best = remaining[0]
        return _reference_link(db, best.qid, best.score, best.method, remaining)
    return Link(qid=None, score=remaining[0].score if remaining else 0.0, method="nil", candidates=remaining)


def _relink(db: sqlite_utils.Database, linked: LinkedExtraction, entity_type: str, key: str,
            verdicts: NameJudgements, threshold: float) -> list[tuple[Optional[str], Optional[str]]]:
    """Apply the name's judgements to one document's links; return the (old, new) QIDs changed."""
    changed = []
    for (etype, name), link in list(linked.entity_links.items()):
        if etype != entity_type or name_key(name) != key:
            continue
        new = judged_link(db, link, verdicts, threshold)
        if new.qid != link.qid:
            linked.entity_links[(etype, name)] = new
            changed.append((link.qid, new.qid))
    return changed


def apply_judgement(db: sqlite_utils.Database, entity_type: str, name: str, qid: str, verdict: Verdict,
                    note: Optional[str] = None) -> JudgementResult:
    """``kb link confirm|reject``: check the arguments, record the verdict and relink every stored
    document that uses the name, in one write transaction.

    The name must be one kb stored (by name key, or an entity id); a QID the imported reference
    does not hold is recorded with a warning (it may come from a newer Wikidata)."""
    if entity_type not in _TYPES:
        raise LinkError(f"entity type {entity_type!r} unknown: use 'person' or 'organization'")
    qid = _qid(qid)
    migrate(db)
    resolved = _resolve_name(db, entity_type, name)
    key = name_key(resolved)
    names = _known_names(db, entity_type)
    _check_name(names, entity_type, resolved, key)
    result = JudgementResult(resolved, qid, verdict)
    if has_reference_rows(db) and not db.execute("SELECT 1 FROM ref_entities WHERE qid = ?", [qid]).fetchone():
        result.warnings.append(f"{qid} is not in the imported reference: check the id (the judgement is kept)")
    threshold = get_settings().link_threshold
    documents = sorted({d for n, docs in names.items() if name_key(n) == key for d in docs})
    with write_transaction(db):
        judge(db, entity_type, resolved, qid, verdict, note)
        verdicts = load_judgements(db).get((entity_type, key), NameJudgements())
        for doc_id in documents:
            linked = stored_extraction(db, doc_id)
            changed = _relink(db, linked, entity_type, key, verdicts, threshold)
            if changed:
                save_extraction(db, linked)
                for change in set(changed):
                    result.changes[change] += 1
    return result


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
