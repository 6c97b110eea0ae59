"""Dates of tenures: the date phrase of a role's clause, "X took office in …" starting a post
named nearby and "X quit the government in …" ending one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from ...model import Mention, Span
from ...prefixdate import before as date_before
from ..claims import Claim, apply_date
from ..mentions import HONORIFICS, in_ranges, name_backward
from ..roles import _clean_org, _org_name_span
from .context import IRREALIS, SentCtx, add_rule_person, comma_between
from .orgs import role_category
from .subjects import subject_left


def attach_dates(ctx: SentCtx, claim: Claim, claims: list[Claim]) -> None:
    """The date phrase of the role's clause: after the role up to the next role (a conjoined role
    of the same holder shares the clause: "managing director and chief executive since 2002"),
    else before.
    A fronted apposition ("A Republican, he has served … since 2014") has no clause of its
    own: the main clause's dates belong to what the main clause says."""
    if not ctx.dates or claim.rule == "fronted_apposition":
        return
    nxt = min((c.role_span.start for c in claims if c.sentence == claim.sentence and c.role_span.start > claim.role_span.end
               and not (c.rule == "conjunction" and c.mention is claim.mention)),  # "director and chief executive since 2002"
              default=ctx.sent.end)
    tenure_kinds = ("since", "from_to", "between", "until", "point")
    after = [d for d in ctx.dates if d.kind in tenure_kinds and claim.role_span.end <= d.start_char < nxt]
    prev = max((c.role_span.end for c in claims if c.sentence == claim.sentence and c.role_span.end <= claim.role_span.start),
               default=ctx.sent.start)
    before = [d for d in ctx.dates if d.kind in tenure_kinds and prev <= d.start_char and d.end_char <= claim.role_span.start]
    after = [d for d in after if not _quote_between(ctx, claim.role_span.end, d.start_char)]
    before = [d for d in before if not _quote_between(ctx, d.end_char, claim.role_span.start)]
    if before and prev > ctx.sent.start and before[0].start_char - prev < 25 and not comma_between(ctx, prev, before[0].start_char):
        before = before[1:]  # "who led NATO as secretary general from 2014 to 2024, is now …": the earlier role's date
    if after and claim.rule in ("title_before_name", "apposition") and _verb_between(ctx, claim.role_span.end, after[0].start_char):
        after = []  # "Foreign Secretary X has suggested it is unlikely to be held until 2006": another clause's date
    chosen = after[0] if after else (before[-1] if before else None)
    if chosen is None:
        return
    if chosen.kind == "point" and (claim.exit_event or claim.rule == "succession" and claim.status == "former"):
        claim.end, claim.date_span = chosen.start, Span(chosen.start_char, chosen.end_char, chosen.text)
        return  # "resigned as finance minister in May 2023"; "Y succeeded X as CEO in 2023": X's end
    if chosen.kind == "point" and not claim.dated_event and not (
        claim.rule in ("copula", "succession", "conjunction", "verb_role") and claim.status_strength == 0
    ):
        return  # "in 2014" only dates an event (became / was appointed)
    if chosen.kind == "point" and _new_term_between(ctx, claim.role_span.end, chosen.start_char):
        return  # "became chairman for a fifth term in June 2004": the term starts then, not the tenure
    apply_date(claim, chosen)


def _quote_between(ctx: SentCtx, start: int, end: int) -> bool:
    """A quotation mark between document offsets start and end: a date in the quoted words ("I
    don't expect a turnaround until 2006," economy minister X said) is the speaker's, not the
    date of the post the narration names."""
    return any(ch in _QUOTE_MARKS for ch in ctx.sent.text[max(0, start - ctx.sent.start) : max(0, end - ctx.sent.start)])


_QUOTE_MARKS = set('"“”„«»')


def _verb_between(ctx: SentCtx, start: int, end: int) -> bool:
    """A finite verb between document offsets start and end: a title or an apposition names a
    post, and a date after the clause's verb dates what the clause says, not the post."""
    return any(start <= ctx.sent.start + t.idx < end and t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in ctx.doc)


#: "for a second term", "to an unprecedented fifth term", "for another term": a re-election or
#: re-appointment; its date starts a term of a tenure that began earlier.
_NEW_TERM_RE = re.compile(r"\b(?:for|to)\s+(?:a|an|his|her|their)?\s*(?:\w+\s+)?"
                          r"(?:second|third|fourth|fifth|sixth|seventh|eighth|another|further|new|record)\s+term\b", re.I)


def _new_term_between(ctx: SentCtx, start: int, end: int) -> bool:
    """A new term of the post is named between the role (document offset ``start``) and its date."""
    return start < end and bool(_NEW_TERM_RE.search(ctx.sent.text[start - ctx.sent.start : end - ctx.sent.start]))


#: Nouns of a post's time in office after "took (over) the …": the roles whose start they date.
TERM_HINTS = {"chairmanship": ("chairman", "chair", "chairwoman", "chairperson"), "presidency": ("president",),
              "premiership": ("prime minister",), "leadership": ("leader",)}
#: Places and things one enters or comes to with a post: "entered Downing Street in 1976" (prime
#: minister), "was elected to Parliament in 1945" (MP), "swept into power in 1979" (head of government).
PLACE_HINTS = {("downing", "street"): ("prime minister",), ("parliament",): ("member of parliament",),
               ("the", "commons"): ("member of parliament",), ("the", "house", "of", "commons"): ("member of parliament",),
               ("power",): ("prime minister", "president", "chancellor")}
_TAKE_FORMS = {"took", "takes", "taking", "taken", "assumed", "assumes", "assuming"}
_ENTER_FORMS = {"entered", "enters", "entering", "elected", "swept", "came", "comes", "coming", "rose", "returned"}


def _office_event_at(doc, i: int) -> Optional[tuple[str, ...]]:
    """ "took office", "assumed office", "took up the post", "was sworn in" (not "… as ROLE",
    which the role rules read): taking up a post named elsewhere; returns () for any post.
    "took over the chairmanship", "entered Downing Street", "was elected to Parliament", "swept
    into power": the roles the event starts (``TERM_HINTS``, ``PLACE_HINTS``). None: no event."""
    w = doc[i].lower_
    nxt = [t.lower_ for t in doc[i + 1 : i + 6]]
    if not nxt:
        return None
    if w in ("took", "takes", "assumed", "assumes") and nxt[0] == "office":
        return () if nxt[1:2] != ["as"] else None
    if w in ("took", "takes") and nxt[0] == "up" and any(x in ("post", "job", "role", "position") for x in nxt[1:3]):
        return ()
    if w == "sworn" and nxt[0] == "in" and i > 0 and doc[i - 1].lower_ in ("was", "were", "been"):
        return () if nxt[1:2] != ["as"] else None
    if w in _TAKE_FORMS:
        rest = nxt[1:] if nxt[0] == "over" else nxt
        if len(rest) > 1 and rest[0] == "the" and rest[1] in TERM_HINTS:
            return TERM_HINTS[rest[1]]
    if w in _ENTER_FORMS or w in ("took", "seized"):
        rest = nxt[1:] if nxt[0] in ("to", "into") and w not in ("entered", "enters", "entering", "took", "seized") else nxt
        for words, roles in PLACE_HINTS.items():
            if tuple(rest[: len(words)]) == words and (words != ("power",) or w not in ("entered", "elected")):
                if words == ("power",) or w in ("entered", "enters", "entering") or (w == "elected" and nxt[0] == "to"):
                    return roles
    return None


#: "She joined the bank in 2015": the start of her post at the organisation the noun points to.
_JOIN_FORMS = {"joined", "joins", "joining"}
JOINED = ("*joined",)  # the roles of such an event: the person's one post at an organisation


def _joined_the(doc, i: int) -> Optional[tuple[str, ...]]:
    """ "joined the bank/company/firm" (an organisation named before, see ``date_office_events``);
    a named organisation is the employment rules' ("joined Siemens in 2005")."""
    nxt = [t.lower_ for t in doc[i + 1 : i + 3]]
    return JOINED if len(nxt) == 2 and nxt[0] == "the" and nxt[1] in _JOIN_NOUNS else None


_JOIN_NOUNS = {"bank", "company", "firm", "group", "business", "board", "party", "government", "club", "institute",
               "university", "agency"}


#: The words an office event starts with (``_office_event_at``, ``_joined_the``).
_EVENT_TRIGGERS = _TAKE_FORMS | _ENTER_FORMS | _JOIN_FORMS | {"sworn", "seized"}


def _fronted_subject(ctx: SentCtx, i: int, mentions, quoted):
    """ "Since taking over the chairmanship in 1986, he has …": a participle opening the
    sentence has the main clause's subject, the first person or pronoun after its comma."""
    doc = ctx.doc
    if doc[i].tag_ != "VBG" or doc[0].lower_ not in ("since", "after", "on", "upon", "before") and i != 0:
        return None
    comma = next((k for k in range(i, len(doc)) if doc[k].text == ","), None)
    if comma is None or comma + 1 >= len(doc):
        return None
    p = next((p for p in ctx.persons if p[0] == comma + 1), None)
    if p is not None:
        return p[2]
    if doc[comma + 1].lower_ in ("he", "she"):
        from_pronoun = subject_left(ctx, comma + 2, mentions, quoted)
        return from_pronoun[0][2] if from_pronoun else None
    return None


def office_events(ctx: SentCtx, mentions, quoted) -> list[tuple[Mention, object, int, tuple[str, ...]]]:
    """ "She took office in September 2019": the person, the date and the roles the event
    starts (() for any), to start the post the text names for that person (see
    ``date_office_events``)."""
    if ctx.sent.lang != "en" or not ctx.dates:
        return []
    doc, out = ctx.doc, []
    for i in range(len(doc) - 1):
        if ctx.lowers[i] not in _EVENT_TRIGGERS:
            continue  # most words start no event: touch spaCy tokens only at the few that may
        roles = _office_event_at(doc, i) if ctx.lowers[i] not in _JOIN_FORMS else _joined_the(doc, i)
        if roles is None or in_ranges(ctx.sent.start + doc[i].idx, quoted):
            continue
        pos = ctx.sent.start + doc[i].idx
        date = next((d for d in ctx.dates if d.kind in ("point", "since") and d.start_char > pos and d.start is not None), None)
        if date is None or (roles and not _date_follows(ctx, i + 1, date)):
            continue
        subject = subject_left(ctx, i, mentions, quoted) if i > 0 else None
        between = [t.lower_ for t in doc[subject[0][1]:i]] if subject else []
        person = subject[0][2] if subject else _fronted_subject(ctx, i, mentions, quoted)
        if person is None or set(between) & IRREALIS:
            continue
        out.append((person, date, ctx.sent.index, roles))
    return out


def date_office_events(events, claims: list[Claim], names: dict[str, str]) -> None:
    """Give the start date of "X took office in …" to X's post stated in the same or one of the
    two sentences before, when that post has no start of its own (the latest such post); an
    event that names its post ("took over the chairmanship in 1986") dates X's post of that
    role wherever the text states it."""
    for mention, date, sent, roles in events:
        person = mention.name or names.get(mention.text, mention.text)
        if roles == JOINED:  # "She joined the bank in 2015": her one post at an organisation
            cands = [c for c in claims if c.person == person and c.org is not None and c.start is None and c.end is None
                     and not political_post(c.role)]
            if len({(c.role, c.org) for c in cands}) != 1:
                continue
        elif roles:
            cands = [c for c in claims if c.person == person and c.role in roles and c.start is None
                     and (c.end is None or not date_before(c.end.value, date.start.value))]
        else:
            cands = [c for c in claims if c.person == person and sent - 2 <= c.sentence <= sent and c.start is None
                     and c.end is None and c.status != "former"]
        if not cands:
            continue
        target = max(cands, key=lambda c: (c.sentence, c.role_span.start))
        targets = [c for c in cands if c.role == target.role and c.org == target.org] if roles else [target]
        for c in targets:
            c.start = date.start
            c.date_span = Span(date.start_char, date.end_char, date.text)


#: Verbs of leaving a post with no "as ROLE" after them ("He quit the government in 1999",
#: "X, who stepped down in 2001"): the date ends a post the text names for the person elsewhere.
#: value: the particle the verb needs ("stepped down"), "" for none, "obj" when it needs an
#: object ("left the company": "left in 2003" may be a town or a country).
EXIT_VERBS = {
    "quit": "", "quitting": "", "resigned": "", "resigning": "", "retired": "", "retiring": "",
    "stepped": "down", "stepping": "down", "stood": "down", "standing": "down",
    "left": "obj", "leaving": "obj", "departed": "obj",
}


#: Objects of an exit verb and the posts they end: "quit the government" ends a minister's post
#: (not the seat in parliament), "left the company/board" a company post.
GOVERNMENT_NOUNS = {"government", "cabinet", "ministry", "administration"}
POST_NOUNS = {"post", "job", "role", "position", "office", "seat", "board", "company", "firm", "group", "bank",
              "business", "club"}


@dataclass
class ExitEvent:
    """A person left a post at a date: "X quit the government in 1999" (see ``exit_events``)."""

    persons: list  # Mention(s): "A and B, who stepped down in 2001" names two
    date: object  # the DateMention
    sentence: int
    kind: str = ""  # "government" | "post" | "" (no object)
    org: Optional[str] = None  # a named organisation left ("quit Acme in 2003")


def exit_object(doc, j: int) -> tuple[Optional[str], str, Optional[str]]:
    """What follows an exit verb at token j: (error, kind, org name). "from" is skipped
    ("resigned from the board"); a possessive or "the" before a noun of GOVERNMENT_NOUNS or
    POST_NOUNS gives its kind, a name gives the organisation."""
    if j < len(doc) and doc[j].lower_ == "from":
        j += 1
    if j < len(doc) and doc[j].lower_ in ("the", "his", "her", "its", "their"):
        if j + 1 < len(doc) and doc[j + 1].lower_ in GOVERNMENT_NOUNS:
            return None, "government", None
        if j + 1 < len(doc) and doc[j + 1].lower_ in POST_NOUNS:
            return None, "post", None
    if j < len(doc) and doc[j].lower_ in ("it", "them", "office"):
        return None, "post", None  # "joined the party in 2016 and left it in 2022"
    span = _org_name_span(doc, j)
    if span is not None and span[2] in ("ORG", "rule:cap") and doc[span[0]].ent_type_ not in ("PERSON", "DATE", "GPE"):
        start, name = _clean_org(doc, span[0], span[1])
        return (None, "post", name) if name else ("no name", "", None)
    if j < len(doc) and doc[j].lower_ in ("in", "on", "at", "after", ",", ".", "and", "-", "last", "earlier"):
        return None, "", None
    return "other object", "", None


def exit_verb_at(doc, i: int) -> Optional[int]:
    """The token after an exit verb (and its particle) at i, or None when i is no exit verb
    in a past or participle form, or is followed by "as" (the role rules read those)."""
    need = EXIT_VERBS.get(doc[i].lower_)
    if need is None or doc[i].tag_ not in ("VBD", "VBN", "VBG"):
        return None
    j = i + 1
    if need == "down":
        if j >= len(doc) or doc[j].lower_ != "down":
            return None
        j += 1
    if j < len(doc) and doc[j].lower_ == "as":
        return None
    return j


def _coordinated_before(ctx: SentCtx, p) -> list:
    """ "A and B, who stepped down": the person joined to B by "and" (or a comma) right before."""
    doc = ctx.doc
    if p[0] < 2 or doc[p[0] - 1].lower_ not in ("and", ","):
        return []
    return [q[2] for q in ctx.persons if q[1] == p[0] - 1]


def exit_events(ctx: SentCtx, mentions, quoted) -> list[ExitEvent]:
    """ "He quit the government in 1999", "A and B, who stepped down in 2001", "with Mr Roe
    quitting in 2003": a person left a post at a date the clause gives (the first point date
    after the verb, before any comma). Past or participle forms only; irrealis cues ("will",
    "plans to") between the subject and the verb block it; a participle needs its subject
    right before it. ``date_exit_events`` then ends the post."""
    if ctx.sent.lang != "en" or not ctx.dates:
        return []
    doc, out = ctx.doc, []
    for i in range(1, len(doc) - 1):
        if ctx.lowers[i] not in EXIT_VERBS or in_ranges(ctx.sent.start + doc[i].idx, quoted):
            continue
        j = exit_verb_at(doc, i)
        if j is None:
            continue
        error, kind, org = exit_object(doc, j)
        if error or (EXIT_VERBS[ctx.lowers[i]] == "obj" and not kind):
            continue
        pos = ctx.sent.start + doc[i].idx
        date = next((d for d in ctx.dates if d.start_char > pos and d.start is not None), None)
        if date is None or date.kind != "point" or not _date_follows(ctx, j, date):
            continue
        subject = _honorific_subject(ctx, i, mentions) or subject_left(ctx, i, mentions, quoted)
        if subject is None:
            continue
        (ps, pe, person), _ = subject
        between = [t.lower_ for t in doc[pe:i]]
        if set(between) & IRREALIS or "to" in between or (doc[i].tag_ == "VBG" and pe != i):
            continue
        if _own_subject(doc, i, ps, pe):
            continue  # "X, who took over after three bosses stood down last month": the bosses left
        persons = [person] + (_coordinated_before(ctx, (ps, pe, person)) if between[:2] in ([",", "who"], ["who"]) else [])
        out.append(ExitEvent(persons, date, ctx.sent.index, kind, org))
    return out


#: Subjects that stand for the person before them ("X, who quit in 2003").
_RELATIVE_SUBJECTS = {"who", "that", "which", "whom"}


def _own_subject(doc, i: int, ps: int, pe: int) -> bool:
    """Whether the exit verb at ``i`` has a subject of its own other than the person at
    ``ps:pe`` (or a relative pronoun standing for it): "after three bosses stood down"."""
    return any(c.dep_ in ("nsubj", "nsubjpass") and not ps <= c.i < pe and c.lower_ not in _RELATIVE_SUBJECTS
               for c in doc[i].children)


def _date_follows(ctx: SentCtx, j: int, date) -> bool:
    """The date belongs to the exit clause: at most six words after the verb (its object and a
    preposition), with no comma and no other verb between ("resigned after leaking details of
    his 1947 budget" dates the budget)."""
    gap = [t for t in ctx.doc[j:] if ctx.sent.start + t.idx < date.start_char]
    return len(gap) <= 6 and not any(t.text in (",", ";") or t.pos_ in ("VERB", "AUX") for t in gap)


def _honorific_subject(ctx: SentCtx, i: int, mentions):
    """ "with Mr Roe quitting in 2003": an honorific and a name right before the verb is its
    subject even where NER missed the name (a rule person, like the title rule's)."""
    doc = ctx.doc
    p = next((p for p in ctx.persons if p[1] == i), None)
    if p is not None:
        return p, "copula"
    span = name_backward(doc, i, max_len=2)
    if span is None or span[0] < 1 or doc[span[0] - 1].lower_.rstrip(".") not in HONORIFICS:
        return None
    return add_rule_person(ctx, span, "exit_subject", mentions), "copula"


def political_post(role: str) -> bool:
    """A state or party post ("joined the government" is no company job)."""
    return role_category(role) in ("minister", "head_of_state", "head_of_government", "legislator", "party")


def _exit_targets(event: ExitEvent, cands: list[Claim]) -> list[Claim]:
    """The posts an exit ends: of the named organisation; of the government (ministers); a
    company post for "left the company/board"; with no object the person's post in the same
    sentence, else the person's only open post."""
    if event.org:
        return [c for c in cands if c.org and (c.org == event.org or event.org in c.org or c.org in event.org)]
    if event.kind == "government":
        return [c for c in cands if role_category(c.role) == "minister" or c.role.startswith("cabinet ")]
    same = [c for c in cands if c.sentence == event.sentence]
    if same:
        return same
    return cands if len(cands) == 1 else []


def date_exit_events(events: list[ExitEvent], claims: list[Claim], names: dict[str, str]) -> None:
    """Give the date of "X quit … in 1999" as the end of the post(s) it ends (``_exit_targets``):
    posts of that person with no end and not started after that date."""
    for event in events:
        for mention in event.persons:
            person = mention.name or names.get(mention.text, mention.text)
            cands = [c for c in claims if c.person == person and c.end is None
                     and not (c.status == "unknown" and c.status_strength >= 2)  # announced, not held yet
                     and (c.start is None or date_before(c.start.value, event.date.start.value))]
            for c in _exit_targets(event, cands):
                c.end = event.date.start
                c.exit_event = True
                if c.date_span is None:
                    c.date_span = Span(event.date.start_char, event.date.end_char, event.date.text)
