"""Role descriptions that refer back to a person ("the lawmaker told …"), resolved after the whole
document is read.
"""

from __future__ import annotations

from typing import Optional

from ...model import Mention, Sentence
from ..claims import Claim
from ..coref import last_named, named_holder
from ..mentions import in_ranges
from ..roles import NEEDS_ORG_ALWAYS, RoleMatch
from .context import SentCtx, new_claim
from .orgs import role_category


SPEECH_VERBS = {"said", "says", "told", "tells", "added", "adds", "stated", "noted", "warned", "argued", "wrote",
                "explained", "insisted", "declared", "announced", "stressed", "believes", "thinks", "urged",
                "has", "had", "is", "was", "will", "would", "called", "met", "visited", "spoke"}


def is_description(doc, m: RoleMatch) -> bool:
    """ "the ROLE" used as a subject ("The NATO chief added", "the lawmaker told")."""
    if m.start == 0 or doc[m.start - 1].lower_ != "the":
        return False
    if m.end >= len(doc) or doc[m.end].lower_ not in SPEECH_VERBS:
        return False
    if doc[m.end].lower_ in ("is", "was", "has", "had"):
        return m.end + 1 >= len(doc) or not doc[m.end + 1].text[:1].isupper()  # not "the mayor is Jane Roe"
    return True


def _window_start(index: int, starts: list[int], quoted) -> int:
    """First sentence a description may reach back to: the previous sentence, skipping
    sentences that open inside a quotation (a quote between a name and "the lawmaker said")."""
    k = index - 1
    while k > 0 and in_ranges(starts[k], quoted):
        k -= 1
    return max(k, 0)


#: Verbs of saying whose subject is the speaker, never the person a reported clause describes.
REPORTING_VERBS = {"said", "says", "told", "tells", "added", "stated", "noted", "warned", "argued", "wrote", "claimed",
                   "explained", "insisted", "announced", "confirmed", "reported", "revealed", "believes", "thinks",
                   "denied", "suggested", "alleged", "admitted"}


def _speakers_before(ctx: SentCtx, k: int) -> set[int]:
    """Ids of persons of this sentence who are the subject of a reporting verb before token k:
    in "Paul Lind said the chief executive had resigned" the chief executive is not Paul Lind."""
    doc, out = ctx.doc, set()
    for ps, pe, person in ctx.persons:
        if pe < k and any(t.lower_ in REPORTING_VERBS for t in doc[pe:min(pe + 3, k)]):
            out.add(id(person))
    return out


#: Role categories of an office one person holds in a state ("the prime minister", "the
#: president"): a story names its holder without having introduced him, so the person named
#: last takes such a description only when the text gives him no other post ("Chancellor Roe …
#: the prime minister said" is not Roe, nor is the journalist reporting it); a holder the text
#: named with the post always does. (BBC corpus: of 58 such fallbacks, the 18 to a person with
#: another post were all wrong.)
UNIQUE_OFFICES = {"head_of_state", "head_of_government"}


#: The category of a head of any body ("chief", "boss", "head", "secretary general"): it may
#: name the same post as a more specific title of that body.
GENERIC_HEAD = "org_head"


def _same_kind_of_post(role: str):
    """Which posts of one organisation a description of ``role`` may stand for: a post of the
    same category, or any leading post when either is a generic head ("NATO chief X … the
    secretary general"). "The Lib Dem chief executive" is not the party's leader."""
    mine = role_category(role)

    def fits(other: str) -> bool:
        theirs = role_category(other)
        return theirs == mine or GENERIC_HEAD in (theirs, mine)
    return fits


def _holds_another_post(m: RoleMatch, held: set[tuple[str, Optional[str]]], fits) -> bool:
    """Whether the person named last holds, by the text, a post that keeps a description from
    him: for a head of state or government, any other post ("Chancellor Gordon Brown … the prime
    minister said"; the journalist reporting it); for any other post, another kind of post at the
    same organisation ("Lib Dem leader X … the Lib Dem chief executive said"; a membership is no
    such post)."""
    if role_category(m.role) in UNIQUE_OFFICES:
        return any(r != m.role for r, _ in held)
    return m.org_name is not None and any(o == m.org_name and r not in (m.role, "member") and not fits(r) for r, o in held)


def descriptions(deferred, claims: list[Claim], mentions: list[Mention], quoted, sentences: list[Sentence]) -> list[Claim]:
    """Role descriptions that refer back: new claims, folded later into known posts."""
    holders: dict[tuple[str, Optional[str]], str] = {}
    out: list[Claim] = []
    persons = [m for m in mentions if m.type == "person"]
    posts: dict[str, set[tuple[str, Optional[str]]]] = {}
    for c in claims:
        holders.setdefault((c.role, c.org), c.person)
        posts.setdefault(c.person, set()).add((c.role, c.org))
    starts = [s.start for s in sentences]
    for ctx, m in deferred:
        pos = ctx.sent.start + ctx.doc[m.start].idx
        speakers = _speakers_before(ctx, m.start)
        # "the chief executive said Mr Kennedy had missed the vote": who the sentence names after
        # the description is someone else
        later = {p.name or p.text for p in persons if p.sentence == ctx.sent.index and p.start > pos}
        cands = [p for p in persons if id(p) not in speakers and (p.name or p.text) not in later]
        window = _window_start(ctx.sent.index, starts, quoted)
        fits = _same_kind_of_post(m.role)
        name = named_holder(m.role, m.org_name, holders, fits)
        if name is None:  # no holder named with the post: the person named last, if nothing says otherwise
            name = last_named(pos, cands, quoted, window)
            if name is not None and _holds_another_post(m, posts.get(name, set()), fits):
                name = None
        if name is None:
            continue
        if m.role in NEEDS_ORG_ALWAYS and not any(c.person == name and c.org == m.org_name for c in claims):
            continue
        pm = Mention(ctx.doc[m.start:m.end].text, "person", pos, pos + len(ctx.doc[m.start:m.end].text),
                     ctx.sent.index, name=name, label="description")
        claim = new_claim(ctx, m, pm, "description")
        claim.person = name
        if claim.status == "unknown":
            claim.status, claim.status_strength = "current", 1
        out.append(claim)
    return out
