"""Status cues that lie outside a role's own clause: a holder's death stated without a date
("Lord Roe has died aged 93": every post of his is over), a title used in a dated past
narrative ("pardoned by President X in 1828": X held it then, not now), a replacement ("X is to
be replaced by Y": Y's post is announced, X keeps it until then), a date of effect ("appointed
chief executive, effective from 1 March") and a departure still to come ("X is to stand down":
X's posts stay current).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Optional

from ...model import Mention, Span
from ...prefixdate import before
from ..claims import Claim
from ..mentions import in_ranges, skip_honorific
from .context import IRREALIS, SentCtx, announced, person_at
from .dating import EXIT_VERBS, exit_object, exit_verb_at, political_post
from .subjects import resolve_pronoun, subject_left


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
    if ctx.sent.lang != "en" or not DEATH_VERBS.intersection(ctx.lowers) or not ctx.doc.has_annotation("DEP"):
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


#: Passive verbs of replacement: "X is to be replaced by Y", "X was succeeded by Y".
REPLACED = {"replaced", "succeeded"}
_PASSIVE_AUX = {"be", "been", "being", "was", "were", "is", "are"}


def replacements(ctx: SentCtx, claims: list[Claim], mentions: list[Mention], quoted) -> list[Claim]:
    """ "X, chief executive of Acme, is to be replaced by Y", "X was succeeded as chairman by Y":
    Y takes the post(s) this sentence states for X. Announced ("is to be", "will be"): X still
    holds it, Y not yet (status unknown); done ("was replaced"): X held it, Y took it up.
    Returns Y's claims; X's claims get their status here."""
    doc, out = ctx.doc, []
    for i, w in enumerate(ctx.lowers):
        if w not in REPLACED or i == 0 or ctx.lowers[i - 1] not in _PASSIVE_AUX or in_ranges(ctx.sent.start + doc[i].idx, quoted):
            continue
        by = next((k for k in range(i + 1, min(len(doc), i + 15)) if ctx.lowers[k] == "by"), None)
        successor = person_at(ctx, skip_honorific(doc, by + 1)) if by is not None else None
        subject = subject_left(ctx, i, mentions, quoted)
        if successor is None or subject is None:
            continue
        (ps, pe, person), _ = subject
        between = [t.lower_ for t in doc[pe:i]]
        future = announced(between)
        if set(between) & (IRREALIS - {"will", "set"}):
            continue
        held = [c for c in claims if c.sentence == ctx.sent.index and c.mention.start == person.start and c.rule != "succession"]
        for c in held:
            new = replace(c, mention=successor[2], person=successor[2].text, rule="succession", start=None, end=None,
                          date_span=None, exit_event=False)
            new.status, new.status_strength, new.dated_event = ("unknown", 2, True) if future else ("unknown", 0, True)
            new.took_up = not future or None
            if future:
                c.status, c.status_strength, c.exit_event = "current", 2, False
            else:
                c.status, c.status_strength = "former", 2
                if c.start is not None and c.end is None:  # "was succeeded by Y in 2001": the handover
                    new.start, new.date_span, c.end, c.start = c.start, c.date_span, c.start, None
                elif c.exit_event and c.end is not None and c.start is None:  # "was replaced as ROLE … in 2001": dated as an exit
                    new.start, new.date_span = c.end, c.date_span
            out.append(new)
    return out


#: "effective from 1 March", "with effect from May", "will take/come into effect on …": the post
#: changes hands at that date ("effective immediately" is now, not announced).
_EFFECT_RE = re.compile(r"\beffective\s+(?:from|as\s+of|on|\d)|\bwith\s+effect\s+from|\b(?:take|takes|come|comes)\s+(?:into\s+)?effect\b",
                        re.I)


def effective_dates(ctx: SentCtx, claims: list[Claim], anchor: Optional[str]) -> None:
    """ "Y has been appointed chief executive, effective from 1 March": the appointment is
    announced (status unknown, the date its start) unless the date has passed at publication;
    an exit stated with such a date ("X has resigned; his departure will take effect on
    1 February") leaves X in the post until then (current)."""
    hit = _EFFECT_RE.search(ctx.sent.text)
    if hit is None:
        return
    pos = ctx.sent.start + hit.start()
    date = next((d for d in ctx.dates if d.start_char >= pos and d.kind in ("point", "since", "from_to") and d.end is None), None)
    if "effect" in hit.group(0).lower().split()[-1] and "will" not in ctx.lowers and (date is None or date.start is None):
        return  # "the cuts took effect in 2003": a past event, unless the date is still to come
    if date is not None and date.start is not None and anchor and before(date.start.value, anchor[:10]):
        return  # the date has passed: the verbs' own tense says it
    for c in claims:
        if c.sentence != ctx.sent.index or c.role_span.start > pos or c.status_strength >= 3:
            continue
        if c.exit_event or (c.status == "former" and c.status_strength == 2 and c.end is not None) \
                or _exit_before_effect(ctx, c.role_span.end, pos):
            c.status, c.status_strength, c.end, c.exit_event = "current", 2, None, False
        elif c.status != "former":
            c.status, c.status_strength, c.dated_event = "unknown", 2, True
            if date is not None and date.start is not None and c.start is None:
                c.start, c.date_span = date.start, Span(date.start_char, date.end_char, date.text)


#: Words of leaving a post whose date of effect is a departure, not an appointment: "X, chief
#: executive, had resigned, but her departure will take effect on 1 March".
_EXIT_EFFECT_WORDS = {"resigned", "resign", "resignation", "departure", "retirement", "retire", "retiring",
                      "leaving", "exit", "quit", "quitting", "stepping", "stepped", "step"}


def _exit_before_effect(ctx: SentCtx, role_end: int, pos: int) -> bool:
    """Whether the words between a post (document offset ``role_end``) and its date of effect
    (``pos``) state its holder's leaving, with no other person named before the leaving ("after
    Tom Roe resigned" is Roe's): the date is then the handover, the post held until it."""
    lo, hi = role_end - ctx.sent.start, pos - ctx.sent.start
    exit_at = next((t.i for t in ctx.doc if lo <= t.idx < hi and t.lower_ in _EXIT_EFFECT_WORDS), None)
    if exit_at is None:
        return False
    return not any(lo <= ctx.doc[p[0]].idx and p[0] < exit_at for p in ctx.persons)


#: Verbs of leaving a post in the bare form an announcement takes ("is to stand down", "will resign").
_EXIT_BARE = {"stand", "step", "resign", "quit", "retire"}
#: Words of the verb group between the subject and such a verb ("is set to", "will soon").
_ANNOUNCING = {"is", "are", "to", "will", "'ll", "set", "due", "expected", "soon", "also", "now", "finally"}


def announced_exits(ctx: SentCtx, claims: list[Claim], mentions: list[Mention], quoted) -> None:
    """ "Jane Roe is to stand down", "Roe to quit" (a headline), "he will retire at the next
    election": a departure still to come leaves the posts this sentence states for the leaver
    current until the handover (the posts of a "stand down as ROLE" are the copula's)."""
    if ctx.sent.lang != "en" or not _EXIT_BARE.intersection(ctx.lowers):
        return
    for i, w in enumerate(ctx.lowers):
        if w not in _EXIT_BARE or in_ranges(ctx.sent.start + ctx.doc[i].idx, quoted):
            continue
        if w in ("stand", "step") and (i + 1 >= len(ctx.lowers) or ctx.lowers[i + 1] != "down"):
            continue
        k = i
        while k > 0 and ctx.lowers[k - 1] in _ANNOUNCING:
            k -= 1
        if not {"to", "will", "'ll"} & set(ctx.lowers[k:i]) or k == 0:
            continue
        leaver = next((p[2] for p in ctx.persons if p[1] == k), None)
        if leaver is None and ctx.lowers[k - 1] in ("he", "she"):
            leaver = resolve_pronoun(ctx, k - 1, mentions, quoted)
        if leaver is None:
            continue
        for c in claims:
            same = c.mention.start == leaver.start or c.mention.text == leaver.text
            if c.sentence == ctx.sent.index and same and c.status_strength < 2 and c.status != "former":
                c.status, c.status_strength = "current", 2


def past_exits(ctx: SentCtx, claims: list[Claim], quoted) -> None:
    """ "Brakton chief executive Ola Hansen resigned", "Foreign Minister X, who quit on Monday":
    a person whose leaving the sentence states in the past holds the posts this sentence gives
    him no longer (former). The verb's subject (or the noun a "who" clause modifies) must be the
    holder; not in quotes, not negated or under a modal, not "as ROLE" after it (the role rules
    read that), and an object must be the post's own ("resigned from the board of Velland" ends
    no Brakton post: ``exit_object``). Where a date of effect is still to come, effective_dates
    has already kept the post current (strength 2), and this rule leaves it."""
    if ctx.sent.lang != "en" or not set(EXIT_VERBS) & set(ctx.lowers) or not ctx.doc.has_annotation("DEP"):
        return
    doc = ctx.doc
    for i, w in enumerate(ctx.lowers):
        if EXIT_VERBS.get(w, "obj") == "obj" or doc[i].tag_ == "VBG" or in_ranges(ctx.sent.start + doc[i].idx, quoted):
            continue  # "left" needs its object to be a post ("left in May" may be a town)
        j = exit_verb_at(doc, i)  # past forms, with their particle ("stepped down"), not "… as ROLE"
        if j is None or any(c.dep_ == "neg" or c.tag_ == "MD" for c in doc[i].children):
            continue
        if doc[i].tag_ == "VBN" and not any(c.dep_ == "aux" and c.lower_ in ("has", "have", "had") for c in doc[i].children):
            continue
        error, kind, org = exit_object(doc, j)
        if error:
            continue
        org = org or _object_org(doc, j)
        subj = next((c for c in doc[i].children if c.dep_ == "nsubj"), None)
        if subj is not None and subj.lower_ in ("who", "that") and doc[i].dep_ == "relcl":
            subj = doc[i].head
        person = next((p[2] for p in ctx.persons if subj is not None and p[0] <= subj.i < p[1]), None)
        if person is None:
            continue
        for c in claims:
            if c.sentence != ctx.sent.index or c.mention.start != person.start or c.status_strength >= 2:
                continue
            if org is not None and c.org != org or kind == "government" and not political_post(c.role):
                continue
            c.status, c.status_strength = "former", 2


def _object_org(doc, j: int) -> Optional[str]:
    """The organisation an exit verb's object names further on ("resigned from the board of
    Velland Shipping"): the first NER organisation in the clause (before a comma), if any."""
    for tok in doc[j : j + 8]:
        if tok.text in (",", ";") or tok.pos_ in ("VERB", "AUX"):
            return None
        if tok.ent_type_ == "ORG" and tok.ent_iob_ == "B":
            ent = next(e for e in doc.ents if e.start == tok.i)
            return ent.text.removeprefix("the ").removeprefix("The ")
    return None
