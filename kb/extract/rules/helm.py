"""Taking charge of an organisation: "X took the helm at/of ORG" makes X its head."""

from __future__ import annotations

from typing import Optional

from ...model import Mention
from ..claims import Claim
from ..roles import RoleMatch, _clean_org, _org_name_span
from .context import IRREALIS, Quoted, SentCtx, new_claim, person_at
from .employment import ORG_KIND_NOUNS
from .orgs import _of_the_anaphor
from .subjects import subject_left

#: Forms of "take" before "the helm".
TAKE_VERBS = {"take", "takes", "took", "taken", "taking"}
HELM_PREPS = {"at", "of"}


def took_helm(ctx: SentCtx, roles: list[RoleMatch], mentions: list[Mention], quoted: Quoted) -> list[Claim]:
    """SUBJ took/has taken the helm at/of ORG: the subject heads the organisation from that
    event on (a date in the sentence starts the post, as for "was hired by"). ORG is a name or
    "the company/bank/…" for the one named last. Gated on "helm"; "the helm of the ship" or a
    name that only modifies a noun ("the helm of the Acme rescue talks") states no post."""
    doc, out = ctx.doc, []
    for i, w in enumerate(ctx.lowers):
        if w != "helm" or i < 2 or ctx.lowers[i - 1] != "the" or ctx.lowers[i - 2] not in TAKE_VERBS:
            continue
        if i + 1 >= len(doc) or ctx.lowers[i + 1] not in HELM_PREPS:
            continue
        org = _helm_org(ctx, i, mentions)
        if org is None:
            continue
        subject = subject_left(ctx, i - 2, mentions, quoted)
        if subject is None:
            continue
        (ps, pe, person), _ = subject
        between = [t.lower_ for t in doc[pe:i - 2]]
        if any(x in IRREALIS for x in between) or len(between) > 6:
            continue
        start, end, label, name = org
        fake = RoleMatch(i - 2, end, i - 2, i + 1, "head", "executive", text=doc[i - 2:end].text,
                         org_name=name, org_start=start, org_end=end, org_label=label)
        claim = new_claim(ctx, fake, person, "verb_role")
        claim.status, claim.status_strength, claim.dated_event = "unknown", 0, True
        if ctx.lowers[i - 2] == "taken" and between and between[-1] in ("has", "have"):
            claim.status, claim.status_strength = "current", 1  # "has taken the helm": in charge now
        out.append(claim)
    return out


def _helm_org(ctx: SentCtx, i: int, mentions: list[Mention]) -> Optional[tuple[int, int, str, str]]:
    """(start, end, label, name) of the organisation after "the helm at/of" (token i is "helm")."""
    doc = ctx.doc
    probe = RoleMatch(i - 2, i + 1, i - 2, i + 1, "head", "executive", text=doc[i - 2:i + 1].text)
    if _of_the_anaphor(ctx, probe, mentions):  # "took the helm at the company"
        return probe.org_start, probe.org_end, probe.org_label, probe.org_name
    j = i + 2 + (i + 2 < len(doc) and ctx.lowers[i + 2] == "the")
    span = _org_name_span(doc, j)
    if span is None or span[2] not in ("ORG", "rule:cap") or person_at(ctx, span[0]):
        return None
    if span[1] < len(doc) and doc[span[1]].pos_ == "NOUN" and doc[span[1]].text.islower() \
            and doc[span[1]].lower_ not in ORG_KIND_NOUNS:
        return None
    start, name = _clean_org(doc, span[0], span[1])
    return (start, span[1], span[2], name) if name else None
