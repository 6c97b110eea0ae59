"""Judgements that take effect at once: ``kb link confirm|reject`` relinks the documents
already built.

The next build skips a document whose text did not change, so without this a judgement would
reach only new or changed documents. The documents that use the judged name are written again
from their stored rows (``kb.store.stored``: no re-extraction) with the name's link as the
judgements now decide it, and their position links decided again (a post is linked partly
through its holder's item). The other entities keep their stored links: the store does not keep
all the context the linker saw (the countries a text names), so a full re-link could move links
nobody judged.
"""

from __future__ import annotations

import difflib
from collections import Counter
from dataclasses import dataclass, field
from typing import Optional

import sqlite_utils

from ..errors import LinkError
from ..model import Link, LinkCandidate, LinkedExtraction
from ..names import name_key
from ..settings import get_settings
from ..store import migrate, save_extraction, write_transaction
from ..store.reference import has_reference_rows
from ..store.stored import documents_mentioning, stored_extraction
from .candidates import ReferenceIndex
from .judgements import TYPES, NameJudgements, Verdict, judge, load_judgements, parse_qid, resolve_name
from .positions import link_position
from .reference_orgs import orgs_from_reference
from .reference_status import statuses_from_reference


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
    if entity_type not in TYPES:
        raise LinkError(f"entity type {entity_type!r} unknown: use 'person' or 'organization'")
    qid = parse_qid(qid)
    migrate(db)
    resolved = resolve_name(db, entity_type, name)
    key = name_key(resolved)
    names = documents_mentioning(db, entity_type)
    _check_name(names, entity_type, resolved, key)
    result = JudgementResult(resolved, qid, verdict)
    if has_reference_rows(db) and not db.execute("SELECT 1 FROM ref_entities WHERE qid = ?", [qid]).fetchone():
        result.warnings.append(f"{qid} is not in the imported reference: check the id (the judgement is kept)")
    threshold = get_settings().link_threshold
    documents = sorted({d for n, docs in names.items() if name_key(n) == key for d in docs})
    index = ReferenceIndex(db.conn) if has_reference_rows(db) else None
    with write_transaction(db):
        judge(db, entity_type, resolved, qid, verdict, note)
        verdicts = load_judgements(db).get((entity_type, key), NameJudgements())
        # read every affected document before writing any: a write may merge rows that other
        # documents use (an unlinked name joining the linked entity), and the report counts
        # each document's own change
        relinked = []
        for doc_id in documents:
            linked = stored_extraction(db, doc_id)
            changed = _relink(db, linked, entity_type, key, verdicts, threshold)
            if changed:
                relinked.append(linked)
                for change in set(changed):
                    result.changes[change] += 1
        for linked in relinked:
            if index is not None:
                orgs_from_reference(index, linked)  # the holder may have changed: decide again
                link_positions(index, linked, threshold)
                statuses_from_reference(index, linked)  # the holder may have changed: decide again
            save_extraction(db, linked)
    return result


def link_positions(index: ReferenceIndex, linked: LinkedExtraction, threshold: float) -> None:
    """Decide the document's position links again with its entity links as they now are, as
    the linker does at build time: per (role, organisation), the first tenure whose holder and
    organisation give a position item decides it."""
    org_qids = linked.org_qids()
    linked.position_links = {}
    for ten in linked.extraction.tenures:
        if not ten.person:  # a claim whose person was never stored: nothing to link
            continue
        key = (ten.role, ten.org)
        current = linked.position_links.get(key)
        if current is not None and current.qid:
            continue
        link = link_position(index, ten.role, ten.org, org_qids.get(ten.org or ""),
                             linked.link_for("person", ten.person).qid, threshold)
        if current is None or link.qid:
            linked.position_links[key] = link
