"""Dates of tenures: the date phrase of a role's clause, and "X took office in …" dating a post
named nearby.
"""

from __future__ import annotations

from datetime import date

from ...model import Mention, Span
from ..claims import Claim, apply_date
from ..mentions import in_ranges
from .context import IRREALIS, SentCtx, comma_between
from .subjects import subject_left


def attach_dates(ctx: SentCtx, claim: Claim, claims: list[Claim]) -> None:
    """The date phrase of the role's clause: after the role up to the next role, else before.
    A fronted apposition ("A Republican, he has served … since 2014") has no clause of its
    own: the main clause's dates belong to what the main clause says."""
    if not ctx.dates or claim.rule == "fronted_apposition":
        return
    nxt = min((c.role_span.start for c in claims if c.sentence == claim.sentence and c.role_span.start > claim.role_span.end),
              default=ctx.sent.end)
    tenure_kinds = ("since", "from_to", "between", "until", "point")
    after = [d for d in ctx.dates if d.kind in tenure_kinds and claim.role_span.end <= d.start_char < nxt]
    prev = max((c.role_span.end for c in claims if c.sentence == claim.sentence and c.role_span.end <= claim.role_span.start),
               default=ctx.sent.start)
    before = [d for d in ctx.dates if d.kind in tenure_kinds and prev <= d.start_char and d.end_char <= claim.role_span.start]
    if before and prev > ctx.sent.start and before[0].start_char - prev < 25 and not comma_between(ctx, prev, before[0].start_char):
        before = before[1:]  # "who led NATO as secretary general from 2014 to 2024, is now …": the earlier role's date
    chosen = after[0] if after else (before[-1] if before else None)
    if chosen is None:
        return
    if chosen.kind == "point" and claim.exit_event:
        claim.end, claim.date_span = chosen.start, Span(chosen.start_char, chosen.end_char, chosen.text)
        return  # "resigned as finance minister in May 2023"
    if chosen.kind == "point" and not claim.dated_event and not (
        claim.rule in ("copula", "succession", "conjunction", "verb_role") and claim.status_strength == 0
    ):
        return  # "in 2014" only dates an event (became / was appointed)
    apply_date(claim, chosen)


def _office_event_at(doc, i: int) -> bool:
    """ "took office", "assumed office", "took up the post", "was sworn in" (not "… as ROLE",
    which the role rules read): taking up a post named elsewhere."""
    w = doc[i].lower_
    nxt = [t.lower_ for t in doc[i + 1 : i + 4]]
    if not nxt:
        return False
    if w in ("took", "takes", "assumed", "assumes") and nxt[0] == "office":
        return nxt[1:2] != ["as"]
    if w in ("took", "takes") and nxt[0] == "up" and any(x in ("post", "job", "role", "position") for x in nxt[1:3]):
        return True
    if w == "sworn" and nxt[0] == "in" and i > 0 and doc[i - 1].lower_ in ("was", "were", "been"):
        return nxt[1:2] != ["as"]
    return False


def office_events(ctx: SentCtx, mentions, quoted) -> list[tuple[Mention, object, int]]:
    """ "She took office in September 2019": the person and the date, to start the post the
    text names for that person nearby (see ``date_office_events``)."""
    if ctx.sent.lang != "en" or not ctx.dates:
        return []
    doc, out = ctx.doc, []
    for i in range(1, len(doc) - 1):
        if not _office_event_at(doc, i) or in_ranges(ctx.sent.start + doc[i].idx, quoted):
            continue
        pos = ctx.sent.start + doc[i].idx
        date = next((d for d in ctx.dates if d.kind in ("point", "since") and d.start_char > pos and d.start is not None), None)
        subject = subject_left(ctx, i, mentions, quoted)
        between = [t.lower_ for t in doc[subject[0][1]:i]] if subject else []
        if date is None or subject is None or set(between) & IRREALIS:
            continue
        out.append((subject[0][2], date, ctx.sent.index))
    return out


def date_office_events(events, claims: list[Claim], names: dict[str, str]) -> None:
    """Give the start date of "X took office in …" to X's post stated in the same or one of the
    two sentences before, when that post has no start of its own (the latest such post)."""
    for mention, date, sent in events:
        person = mention.name or names.get(mention.text, mention.text)
        cands = [c for c in claims if c.person == person and sent - 2 <= c.sentence <= sent and c.start is None
                 and c.end is None and c.status != "former"]
        if not cands:
            continue
        target = max(cands, key=lambda c: (c.sentence, c.role_span.start))
        target.start = date.start
        target.date_span = Span(date.start_char, date.end_char, date.text)
