"""Position linking: (role, organisation/country) -> the Wikidata position item, when there is one.

Candidates come from three places, all indexed: the P39 positions of the linked holder, the
positions whose P17 (country) or P1001 (jurisdiction) is the linked organisation, and the exact
name "<role> of <organisation>". A candidate must name the role (see ``role_similarity``); the
jurisdiction must agree when both are known; holding it is extra evidence.
"""

from __future__ import annotations

from typing import Optional

from ..model import Link, LinkCandidate
from .candidates import ReferenceIndex
from .disambiguate import AMBIGUITY_MARGIN, AMBIGUITY_PENALTY, best_role_similarity
from .names import norm, strip_article

W_ROLE = 0.55
W_JURISDICTION = 0.3
W_HOLDER = 0.2


def org_keys(index: ReferenceIndex, org_name: Optional[str], org_qid: Optional[str]) -> list[str]:
    """The normalised names an organisation goes by: as the text names it, and its reference names."""
    keys = set()
    if org_name:
        keys.add(strip_article(norm(org_name)))
    if org_qid:
        keys.update(index.names(org_qid))
    return [k for k in keys if k]


def _candidate_qids(index: ReferenceIndex, role: str, org_keys: list[str], org_qid: Optional[str],
                    holder: Optional[str]) -> set[str]:
    qids: set[str] = set()
    if holder:
        qids.update(h.position for h in index.holdings(holder))
    if org_qid:
        qids.update(index.positions_of(org_qid))
    for key in org_keys:
        for form in (f"{role} of {key}", f"{role} of the {key}"):
            qids.update(q for q, _, _ in index.exact(form))
    return qids


def jurisdiction_fit(index: ReferenceIndex, qid: str, names: list[str], keys: list[str],
                     org_qid: Optional[str]) -> float:
    """1: belongs to the organisation; 0.5: unknown (no org, or no claim); 0: another one."""
    if not org_qid and not keys:
        return 0.5
    juris = index.jurisdictions(qid)
    if org_qid and org_qid in juris:
        return 1.0
    if any(key in name.split(" of ")[-1] for name in names for key in keys if " of " in name):
        return 1.0
    return 0.0 if juris else 0.5


def link_position(index: ReferenceIndex, role: str, org_name: Optional[str], org_qid: Optional[str],
                  holder: Optional[str], threshold: float) -> Link:
    """The position item for (role, organisation), or a NIL Link listing what was considered."""
    role_key = norm(role)
    if not role_key:
        return Link(qid=None)
    keys = org_keys(index, org_name, org_qid)
    scored: list[LinkCandidate] = []
    for qid in _candidate_qids(index, role_key, keys, org_qid, holder):
        names = index.names(qid)
        role_sim = best_role_similarity(role_key, names)
        if role_sim < 0.7:
            continue
        juris = jurisdiction_fit(index, qid, names, keys, org_qid)
        held = 1.0 if holder and any(h.position == qid for h in index.holdings(holder)) else 0.0
        score = W_ROLE * role_sim + W_JURISDICTION * juris + W_HOLDER * held
        ref = index.entity(qid)
        scored.append(LinkCandidate(qid, (ref.label if ref else None) or (names[0] if names else qid),
                                    round(score, 4), "position",
                                    {"role": role_sim, "jurisdiction": juris, "holder": held}))
    scored.sort(key=lambda c: (-c.score, c.qid))
    if len(scored) > 1 and scored[0].score - scored[1].score < AMBIGUITY_MARGIN:
        scored[0].score = round(scored[0].score - AMBIGUITY_PENALTY, 4)
    if not scored or scored[0].score < threshold:
        return Link(qid=None, candidates=scored[:10])
    best = scored[0]
    ref = index.entity(best.qid)
    return Link(qid=best.qid, score=min(1.0, best.score), method="position",
                label=ref.label if ref else None,  # None: the store names it "<role> of <org>"
                enwiki=ref.enwiki if ref else None, description=ref.description if ref else None,
                candidates=scored[:10])
