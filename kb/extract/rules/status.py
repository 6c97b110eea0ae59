"""Status cues that lie outside a role's own clause: a holder's death stated without a date
("Lord Roe has died aged 93": every post of his is over), and a title used in a dated past
narrative ("pardoned by President X in 1828": X held it then, not now).
"""

from __future__ import annotations

from typing import Optional

from ...model import Mention
from ...prefixdate import before
from ..claims import Claim
from ..mentions import in_ranges
from .context import SentCtx
from .subjects import resolve_pronoun


#: Verb forms stating a death in the text's own voice ("has died", "died", "dies" in a headline).
DEATH_VERBS = {"died", "dies", "passed"}


def _dead_subject(ctx: SentCtx, tok, mentions, quoted) -> Optional[Mention]:
    """The person a death verb is about: its subject, or the noun a "who died" clause
    modifies; a he/she subject through pronoun resolution."""
    subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None:
        return None
    if subj.lower_ in ("who", "that") and tok.dep_ == "relcl":
        subj = tok.head
    for ps, pe, person in ctx.persons:
        if ps <= subj.i < pe:
            return person
    if subj.lower_ in ("he", "she"):
        return resolve_pronoun(ctx, subj.i, mentions, quoted)
    return None


def deaths_stated(ctx: SentCtx, mentions: list[Mention], quoted) -> list[Mention]:
    """ "Lord Roe, who chaired the inquiry, has died aged 93", "Jane Roe dies at 90", "her
    father, who died in 1994": persons whose death the text states. Not in quotes, not under
    a modal or negation ("could have died", "nearly died"), not "passed" without "away"."""
    if ctx.sent.lang != "en" or not ctx.doc.has_annotation("DEP"):
        return []
    out = []
    for i, w in enumerate(ctx.lowers):
        if w not in DEATH_VERBS or in_ranges(ctx.sent.start + ctx.doc[i].idx, quoted):
            continue
        tok = ctx.doc[i]
        if tok.pos_ != "VERB" or (w == "passed" and (i + 1 >= len(ctx.doc) or ctx.lowers[i + 1] != "away")):
            continue
        if any(c.dep_ == "neg" or c.tag_ == "MD" or c.lower_ in ("nearly", "almost") for c in tok.children):
            continue
        person = _dead_subject(ctx, tok, mentions, quoted)
        if person is not None:
            out.append(person)
    return out


#: Years a title before a name must lie before the text's present to be history.
HISTORY_YEARS = 10


def historical_titles(claims: list[Claim], dated: dict[int, list[tuple[int, str]]], anchor: Optional[str]) -> None:
    """ "The law was signed by President Jane Roe in 1912": a title before a name in a sentence
    whose dates all lie at least ``HISTORY_YEARS`` before the text's present (the publication
    year, else the latest year the text names), one of them near the title, names who held the
    post then; news titles name the holder now only in the text's present. Such a title gives
    "former" (weakly: a present-tense statement of the same post wins). ``dated``: sentence ->
    (document offset, year) of its dates."""
    now = (anchor or "")[:4] or max((y for ys in dated.values() for _, y in ys), default="")
    if not now:
        return
    for c in claims:
        if c.rule != "title_before_name" or c.status != "current" or c.status_strength != 1:
            continue
        stated = dated.get(c.sentence, [])
        near = any(abs(pos - c.role_span.start) <= 80 for pos, _ in stated)
        if near and all(before(str(int(y) + HISTORY_YEARS - 1), now) for _, y in stated):
            c.status, c.status_strength = "former", 1
