"""Disambiguation with evidence, not popularity alone.

A candidate's score in [0, 1] adds up: how well the name matches (``sim``), whether it holds the
role the document gives the person (a P39 position whose name matches the role), whether those
P39 dates overlap the document's dates, whether a stated birth date agrees (or contradicts),
whether the positions it held belong to countries/organisations co-mentioned in the document,
and finally a small popularity prior. Ties between near-equal candidates cost a penalty, so an
ambiguous name without evidence falls below ``link_threshold`` and stays NIL.

The weights are round numbers chosen by reading dev errors (GUM train/dev, Wiki-Fair v1); the
threshold in ``kb.settings`` was tuned on the same dev data, never on a test split.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, NamedTuple, Optional

from rapidfuzz import fuzz

from ..prefixdate import common, overlaps  # noqa: F401  (overlaps re-exported)
from ..model import DateValue, Entity, Tenure
from .candidates import Cand, ReferenceIndex, RefEntity
from .names import norm

W_NAME = 0.55
W_ROLE = 0.22
W_DATES = 0.12
W_BIRTH = 0.2
W_CONTEXT = 0.1
W_PRIOR = 0.1
#: Organisation names are rarely shared by two reference entries (unlike person names), so an
#: organisation's exact label is by itself enough evidence; persons need more than the name.
W_ORG_BASE = 0.1
AMBIGUITY_MARGIN = 0.05
AMBIGUITY_PENALTY = 0.15


@dataclass
class Context:
    """What the document says around one entity: its tenures, dates and co-mentions."""

    tenures: list[Tenure] = field(default_factory=list)
    birth: Optional[DateValue] = None
    published: Optional[str] = None
    co_mentioned: set[str] = field(default_factory=set)  # QIDs of linked orgs/countries
    org_qids: dict[str, Optional[str]] = field(default_factory=dict)  # tenure.org -> QID
    #: QIDs of the countries the text names (weaker than a linked organisation: the Linker
    #: adds them to ``co_mentioned`` only for names few reference entries share)
    places: set[str] = field(default_factory=set)


# ------------------------------------------------------------------------------------------
# Dates
# ------------------------------------------------------------------------------------------


_cut = common  # the ISO-prefix rule lives in kb.prefixdate


def birth_agreement(stated: Optional[DateValue], ref_birth: Optional[str]) -> float:
    """+1 when the stated birth date agrees with the reference, -1 when it contradicts, else 0."""
    if stated is None or not ref_birth:
        return 0.0
    a, b = _cut(stated.value, ref_birth)
    return 1.0 if a == b else -1.0


# ------------------------------------------------------------------------------------------
# Roles and positions
# ------------------------------------------------------------------------------------------


def role_similarity(role: str, position_name: str) -> float:
    """How well a normalised role ("prime minister") names a position ("prime minister of x")."""
    if not role or not position_name:
        return 0.0
    if position_name == role:
        return 1.0
    for joiner in (" of ", " for ", " to "):
        if position_name.startswith(role + joiner):
            return 0.9
    if position_name.endswith(" " + role):
        return 0.85
    if fuzz.token_set_ratio(role, position_name) >= 90 and len(role.split()) >= 2:
        return 0.75
    return 0.0


def best_role_similarity(role: str, names: Iterable[str]) -> float:
    return max((role_similarity(role, n) for n in names), default=0.0)


def _tenure_dates(ten: Tenure, published: Optional[str]) -> tuple[Optional[str], Optional[str]]:
    """The tenure's interval; a current tenure without dates is at least true on publication."""
    start = ten.start.value if ten.start else None
    end = ten.end.value if ten.end else None
    if not start and not end and ten.status == "current" and published:
        return published, published
    return start, end


def role_features(index: ReferenceIndex, qid: str, ctx: Context) -> tuple[float, float]:
    """(role, dates) evidence: the candidate held a position matching a stated role, in time."""
    if not ctx.tenures:
        return 0.0, 0.0
    best_role, best_dates = 0.0, 0.0
    for h in index.holdings(qid):
        for ten in ctx.tenures:
            sim = best_role_similarity(norm(ten.role), index.names(h.position))
            org_qid = ctx.org_qids.get(ten.org or "")
            if sim and org_qid:
                juris = index.jurisdictions(h.position)
                if juris and org_qid not in juris:
                    sim *= 0.5  # the role, but of another country/organisation
            if sim < 0.7:
                continue
            best_role = max(best_role, sim)
            start, end = _tenure_dates(ten, ctx.published)
            if (start or end) and overlaps(start, end, h.start, h.end):
                best_dates = 1.0
    return best_role, best_dates


def context_feature(index: ReferenceIndex, qid: str, ctx: Context) -> float:
    """1 when a position the candidate held belongs to a co-mentioned country/organisation."""
    if not ctx.co_mentioned:
        return 0.0
    return 1.0 if index.held_jurisdictions(qid) & ctx.co_mentioned else 0.0


# ------------------------------------------------------------------------------------------
# Scoring
# ------------------------------------------------------------------------------------------


def score_person(index: ReferenceIndex, cand: Cand, ctx: Context) -> None:
    ref = index.entity(cand.qid)
    role, dates = role_features(index, cand.qid, ctx)
    birth = birth_agreement(ctx.birth, ref.birth if ref else None)
    context = context_feature(index, cand.qid, ctx)
    prior = ref.prior if ref else 0.0
    cand.features = {"name": round(cand.sim, 3), "role": role, "dates": dates, "birth": birth,
                     "context": context, "prior": round(prior, 3)}
    cand.score = (W_NAME * cand.sim + W_ROLE * role + W_DATES * dates + W_BIRTH * birth
                  + W_CONTEXT * context + W_PRIOR * prior)


def score_org(index: ReferenceIndex, cand: Cand, ctx: Context) -> None:
    ref = index.entity(cand.qid)
    prior = ref.prior if ref else 0.0
    co = 1.0 if cand.qid in ctx.co_mentioned else 0.0
    cand.features = {"name": round(cand.sim, 3), "prior": round(prior, 3), "context": co}
    cand.score = W_NAME * cand.sim + W_PRIOR * prior + W_ORG_BASE + W_CONTEXT * co


def rank(cands: list[Cand]) -> list[Cand]:
    """Sort by score; clip to [0, 1]; penalise the best when another is nearly as good."""
    cands.sort(key=lambda c: (-c.score, c.qid))
    if len(cands) > 1 and cands[0].score - cands[1].score < AMBIGUITY_MARGIN:
        cands[0].score -= AMBIGUITY_PENALTY
        cands[0].features["ambiguous"] = 1.0
    for c in cands:
        c.score = round(max(0.0, min(1.0, c.score)), 4)
    return cands


def entity_context(entity: Entity, tenures: list[Tenure], published: Optional[str],
                   co_mentioned: set[str], org_qids: dict[str, Optional[str]]) -> Context:
    return Context(
        tenures=[t for t in tenures if t.person == entity.name],
        birth=entity.birth_date,
        published=published,
        co_mentioned=co_mentioned,
        org_qids=org_qids,
    )


# ------------------------------------------------------------------------------------------
# Fast path used by the Linker: the same scores as score_person/score_org + rank, computed on
# cached per-name candidate tuples; feature dicts are built only for the stored top candidates.
# ------------------------------------------------------------------------------------------


class Prepared(NamedTuple):
    """A candidate with its context-free facts, cached per (type, name, surface forms)."""

    qid: str
    label: str
    sim: float
    method: str
    prior: float
    birth: Optional[str]
    held: Optional[frozenset]  # countries/organisations of the positions held (None: not loaded)
    ref: Optional[RefEntity]


def score_ranked(index: ReferenceIndex, etype: str, prepared: list[Prepared], ctx: Context,
                 keep: int) -> list[tuple[float, str, str, str, dict[str, float]]]:
    """(score, qid, label, method, features) of the best ``keep`` candidates, ranked as
    ``rank`` ranks ``score_person``/``score_org`` results (identical scores and order)."""
    rows = []
    if etype == "person":
        co = ctx.co_mentioned
        birth = ctx.birth
        for p in prepared:
            role, dates = role_features(index, p.qid, ctx) if ctx.tenures else (0.0, 0.0)
            b = birth_agreement(birth, p.birth) if birth is not None else 0.0
            if co:
                held = p.held if p.held is not None else index.held_jurisdictions(p.qid)
                context = 1.0 if held & co else 0.0
            else:
                context = 0.0
            score = (W_NAME * p.sim + W_ROLE * role + W_DATES * dates + W_BIRTH * b
                     + W_CONTEXT * context + W_PRIOR * p.prior)
            rows.append((score, p, (role, dates, b, context)))
    else:
        co_set = ctx.co_mentioned
        for p in prepared:
            co = 1.0 if p.qid in co_set else 0.0
            rows.append((W_NAME * p.sim + W_PRIOR * p.prior + W_ORG_BASE + W_CONTEXT * co, p, (co,)))
    rows.sort(key=lambda r: (-r[0], r[1].qid))
    ambiguous = len(rows) > 1 and rows[0][0] - rows[1][0] < AMBIGUITY_MARGIN
    if ambiguous and etype != "person" and rows[0][1].method == "exact" and rows[1][1].method != "exact":
        # an organisation's own label beats another's alias ("BBC"), and the entity's name beats
        # another of its surface forms ("Conservative Party" over a party called "Tories"); a
        # better-known body's alias above an obscure label stays ambiguous ("Shell")
        ambiguous = False
    out = []
    for i, (score, p, f) in enumerate(rows[:keep]):
        if etype == "person":
            features = {"name": round(p.sim, 3), "role": f[0], "dates": f[1], "birth": f[2],
                        "context": f[3], "prior": round(p.prior, 3)}
        else:
            features = {"name": round(p.sim, 3), "prior": round(p.prior, 3), "context": f[0]}
        if i == 0 and ambiguous:
            score -= AMBIGUITY_PENALTY
            features["ambiguous"] = 1.0
        out.append((round(max(0.0, min(1.0, score)), 4), p.qid, p.label, p.method, features))
    return out
