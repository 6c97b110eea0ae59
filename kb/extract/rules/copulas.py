"""Copula rules: "X is/was/became/served as ROLE", participle clauses, conjoined roles and
succession ("X succeeded Y as ROLE").
"""

from __future__ import annotations

from typing import Optional

from ...model import Mention
from ..claims import Claim
from ..lexicon import lexicon
from ..mentions import skip_honorific
from ..roles import RoleMatch, _clean_org, _org_name_span
from .context import (
    BLOCKERS, EXIT_WORDS, IRREALIS, LINK_ADVERBS, LINK_WORDS, REPORTING_VERBS, Quoted, SentCtx, announced,
    follows_succession, new_claim, outside_parens, person_at, tense_status,
)
from .orgs import org_from_verb
from .subjects import clause_subject_name, subject_left


#: Forms of "take" before "over" as a link ("took over the presidency").
_TAKE = {"take", "takes", "took", "taking", "taken"}


#: Verbs of leaving a post in any form ("is to stand down as", "will resign as").
_EXIT_ANY = EXIT_WORDS | {"stand", "stands", "step", "steps", "resign", "quit", "retire", "leave", "replaced", "succeeded"}


def _link_index(doc, m: RoleMatch) -> Optional[int]:
    """Index of the link word right before the role phrase (skipping determiners)."""
    k = m.start - 1
    adjectives = 0
    while k >= 0:
        w = doc[k].lower_
        if w in ("'s", "’s") and doc[k].tag_ == "POS":
            k -= 1  # a possessive, not "is" ("he's chairman"): "was Finland's youngest prime minister"
            while k >= 0 and doc[k].is_alpha and doc[k].text[:1].isupper():
                k -= 1  # over the possessor's name; "Mr Blair's spokesman said" has no link before it
            continue
        if w in LINK_WORDS:
            break
        if w in ("the", "a", "an", "its", "their", "his", "her", "-") or w in LINK_ADVERBS:
            k -= 1  # "is now Norway's finance minister", "was previously chief financial officer"
        elif w == "longer" and k > 0 and doc[k - 1].lower_ == "no":
            k -= 2  # "is no longer chairman": held it before (see ``copula``)
        elif w == "not" and _not_any_more(doc, k, m):
            k -= 1  # "now he is not home secretary", "is not chairman any more": held it before
        elif adjectives < 3 and (doc[k].pos_ == "ADJ" or doc[k].ent_type_ == "NORP" or doc[k].text in lexicon().demonyms
                                 or (doc[k].tag_ == "VBN" and doc[k].dep_ == "amod")):
            k -= 1  # "was a Norwegian politician", "is an influential senior adviser", "a paid adviser"
            adjectives += 1
        else:
            break
    if k >= 0 and doc[k].lower_ == "to" and k > 0 and doc[k - 1].lower_ in ("promoted", "elevated", "elected", "appointed"):
        return k - 1
    if k >= 0 and doc[k].lower_ in ("in",) and k > 0 and doc[k - 1].lower_ == "sworn":
        return k
    if k >= 2 and doc[k].lower_ == "as" and doc[k - 1].lower_ == "well" and doc[k - 2].lower_ == "as":
        return None  # "as well as"
    if k >= 0 and doc[k].lower_ in LINK_WORDS:
        return k
    if k >= 1 and doc[k].lower_ == "over" and doc[k - 1].lower_ in _TAKE:
        return k  # "took over the chairmanship": not "backed down over the lord chancellor"
    return None


def copula(ctx: SentCtx, m: RoleMatch, mentions: list[Mention], quoted: Quoted, earlier: list[Claim]) -> Optional[Claim]:
    """SUBJ … LINK ROLE, with pronoun subjects resolved; also conjunctions and succession."""
    doc = ctx.doc
    k = _link_index(doc, m)
    if k is None:
        return _conjunction(ctx, m, earlier, mentions, quoted)
    if _reported_as_phrase(doc, k, m):
        return None  # "X said as home secretary he was harsh": the role is the reported clause's subject's
    subject = subject_left(ctx, k, mentions, quoted)
    if subject is None:
        return _participle_clause(ctx, m, k, mentions)
    (ps, pe, person), rule = subject
    between = outside_parens(doc, pe, m.start)
    future = announced(between)
    lapsed = any(doc[j].lower_ == "not" and _not_any_more(doc, j, m) for j in range(pe, m.start))
    if (any(w in IRREALIS and not (lapsed and w == "not") for w in between) and not future) \
            or any(w in BLOCKERS for w in between):
        return None
    if _whose_other(between):
        return None  # "X, whose father served as lord chancellor": the role is the father's
    opener = _clause_opener(doc, ps)
    if opener in _CONDITIONALS:
        return None  # "if he became king, …", "… would rise if X were chairman": a supposition, no post
    if len(between) > 30:
        return None
    if m.org_name is None and doc[k].lower_ == "as":
        org_from_verb(doc, m, pe, k)
        _work_for_org(doc, m, pe, k)
    if m.org_name is None:
        _fronted_at_org(doc, m, ps)
    claim = new_claim(ctx, m, person, rule)
    tense_status(claim, between, doc, ps, (pe, m.start, m.end))
    if _no_longer(between):
        claim.status, claim.status_strength = "former", 2
    if doc[k].lower_ == "as" and k > 0 and doc[k - 1].lower_ in APPOINTMENT_NOUNS:
        claim.dated_event = True  # "since her appointment as CEO in 1999": the date starts the post
    if not future and _present_event(doc, between) and _future_time(doc, max(m.end, m.org_end)):
        future = True  # "takes over as chairman next month": a present tense announcing the change
    if not future and opener in _TIME_CLAUSES and _present_event(doc, between):
        future = True  # "after Charles becomes king", "once she takes over as chairman": still to come
    if future and set(between) & (_EXIT_ANY | _STAYS):  # "is to stand down as MP", "will remain as": still holds it
        claim.status, claim.status_strength, claim.exit_event = "current", 2, False
    elif future:  # "is to become", "will succeed Y as": not held yet; a date is its start
        claim.status, claim.status_strength, claim.dated_event = "unknown", 2, True
    if rule == "succession":
        _predecessor(ctx, m, k, earlier, future)
    return claim


#: Words opening a clause that supposes its content: a post in it is held by no one.
_CONDITIONALS = {"if", "unless", "whether", "suppose", "supposing"}
#: Words opening a time clause: a present-tense event in it ("after she becomes chief executive") is still to come.
_TIME_CLAUSES = {"after", "once", "when", "until", "till", "before", "whenever"}


def _reported_as_phrase(doc, k: int, m: RoleMatch) -> bool:
    """ "Ann Roe said as chairman he cut jobs": an "as ROLE" right after a verb of saying opens
    the reported clause, whose own subject (a pronoun or a name after the role) holds the post,
    not the speaker."""
    if doc[k].lower_ != "as" or k == 0 or doc[k - 1].lower_ not in REPORTING_VERBS | {"says", "tells"}:
        return False
    j = max(m.end, m.org_end or 0)
    j += j < len(doc) and doc[j].text == ","
    return j < len(doc) and (doc[j].tag_ == "PRP" or doc[j].ent_type_ == "PERSON")


def _clause_opener(doc, ps: int) -> str:
    """The word right before the subject at ``ps`` (past a comma or "that"): what opens its clause."""
    k = ps - 1
    while k >= 0 and doc[k].lower_ in (",", "that"):
        k -= 1
    return doc[k].lower_ if k >= 0 else ""


#: Verbs of keeping a post: "will remain as chief executive", "is to stay on as chairman" announce
#: no change, so the post is held now.
_STAYS = {"remain", "stay", "continue"}


#: Present-tense verbs of taking up (or leaving) a post that news uses for a scheduled change:
#: "takes over as chairman next month", "becomes chief executive next year".
_PRESENT_EVENTS = {"takes", "becomes", "joins", "starts", "steps", "moves", "returns", "succeeds", "replaces",
                   "leaves", "retires", "quits", "resigns"}
#: Words after "next"/"this" that make a time still to come ("next month", "later this year").
_FUTURE_UNITS = {"week", "month", "year", "spring", "summer", "autumn", "winter", "season", "term"}


def _present_event(doc, between: list[str]) -> bool:
    """The verb group is a present-tense event verb (see ``_PRESENT_EVENTS``) with no past or
    perfect auxiliary ("has become" is done, "takes over" may be scheduled)."""
    return bool(set(between) & _PRESENT_EVENTS) and not set(between) & {"was", "were", "has", "have", "had", "been", "did"}


def _future_time(doc, end: int) -> bool:
    """ "… next month", "… later this year", "… from next week" within four words after the
    role phrase (and its organisation): a time still to come."""
    words = [t.lower_ for t in doc[end : end + 5]]
    pairs = list(zip(words, words[1:]))
    return any(a == "next" and b in _FUTURE_UNITS for a, b in pairs) or \
        any(a == "later" and b == "this" for a, b in pairs)


#: Verbs of working for an organisation named after "for"/"with": "works for Siemens as an engineer".
_WORK_FOR = {"works", "worked", "work", "working", "consults", "consulted", "writes", "wrote", "plays", "played"}


def _work_for_org(doc, m: RoleMatch, lo: int, hi: int) -> None:
    """ "X works for Siemens as a software engineer": the organisation after "for"/"with" of a
    work verb between the subject and "as" is the role's."""
    for i in range(lo, hi - 1):
        if doc[i].lower_ in _WORK_FOR and doc[i + 1].lower_ in ("for", "with", "at"):
            j = i + 2 + (i + 2 < hi and doc[i + 2].lower_ == "the")
            span = _org_name_span(doc, j)
            if span is not None and span[1] <= hi and doc[span[0]].ent_type_ not in ("PERSON", "DATE", "GPE"):
                start, name = _clean_org(doc, span[0], span[1])
                m.org_name, m.org_start, m.org_end, m.org_label = name, start, span[1], span[2]
                return


def _fronted_at_org(doc, m: RoleMatch, ps: int) -> None:
    """ "At the Harbour Trust, Grace Mbeki replaced Daniel Weiss as director": an "At ORG,"
    phrase opening the sentence before the subject names the organisation of its posts."""
    if not doc or doc[0].lower_ != "at" or ps < 3:
        return
    j = 1 + (doc[1].lower_ == "the")
    span = _org_name_span(doc, j)
    if span is None or span[1] >= ps or doc[span[1]].text != "," or doc[span[0]].ent_type_ in ("PERSON", "DATE", "TIME"):
        return
    start, name = _clean_org(doc, span[0], span[1])
    if name:
        m.org_name, m.org_start, m.org_end, m.org_label = name, start, span[1], span[2]


def _no_longer(between: list[str]) -> bool:
    """ "X is no longer chairman", "now he is not home secretary": the post was held and is not
    now (a "not" before a role reaches ``copula`` only through ``_not_any_more``)."""
    return any(a == "no" and b == "longer" for a, b in zip(between, between[1:])) or "not" in between


def _not_any_more(doc, k: int, m: RoleMatch) -> bool:
    """Whether "not" at ``k`` before a role says a post held is held no more: "now" opens its
    clause ("now he is not home secretary", "now that Ann Roe is not chairman") or "any more"
    follows the role ("is not chairman any more"). A plain "X is not chairman" says nothing of the
    past."""
    if k < 2 or doc[k - 1].lower_ not in ("is", "was", "'s"):
        return False
    opens = [t.lower_ for t in doc[max(0, k - 6):k - 1]]
    if "now" in opens[-4:]:
        return True
    after = [t.lower_ for t in doc[m.end:m.end + 2]]
    return after[:1] == ["anymore"] or after == ["any", "more"]


#: Nouns naming the event of taking up a post: "X's appointment as ROLE in 1999" dates its start.
APPOINTMENT_NOUNS = {"appointment", "election", "promotion", "nomination", "elevation", "installation", "accession"}


#: Nouns after "whose" that keep the role with the person ("whose term as president runs …").
_OWN_TIME_NOUNS = {"term", "tenure", "time", "stint", "spell", "reign", "career", "years", "appointment", "role"}


def _whose_other(between: list[str]) -> bool:
    """ "X, whose father and grandfather served as ROLE": a "whose" clause whose subject is
    someone else (not "whose term as ROLE")."""
    if "whose" not in between:
        return False
    k = between.index("whose")
    return k + 1 < len(between) and between[k + 1] not in _OWN_TIME_NOUNS


#: Openers of a fronted participle clause and the status they give its role as of the main
#: clause: "Since taking office as …" (still holds it), "After serving as …" (held it before).
#: Participles of taking up a post: a point date in their clause is the start of the tenure.
EVENT_PARTICIPLES = {"taking", "appointed", "named", "elected", "becoming", "sworn", "installed", "chosen",
                     "nominated", "assuming", "re-elected", "reelected", "promoted", "succeeding"}


PARTICIPLE_OPENERS = {"since": "current", "after": "former", "having": "former", "before": "unknown",
                      "while": "unknown", "when": "unknown", "upon": "unknown", "on": "unknown"}


def _participle_clause(ctx: SentCtx, m: RoleMatch, k: int, mentions: list[Mention]) -> Optional[Claim]:
    """ "Since taking office as governor of Texas in 2015, Greg Abbott has …", "Appointed chief
    executive in 2019, Jane Roe …": a participle clause opening the sentence has no subject of
    its own; its role belongs to the main clause's subject, the person right after its comma."""
    doc = ctx.doc
    opener = doc[0].lower_
    if opener not in PARTICIPLE_OPENERS and doc[0].tag_ not in ("VBG", "VBN"):
        return None
    if not any(t.tag_ in ("VBG", "VBN") for t in doc[: k + 1]) or any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in doc[:k]):
        return None  # a finite verb before the role: a full clause with a subject of its own
    comma = next((i for i in range(m.end, len(doc)) if doc[i].text == ","), None)
    if comma is None or any(t.text in BLOCKERS for t in doc[m.end:comma]):
        return None
    i = skip_honorific(doc, comma + 1)
    p = person_at(ctx, i) or clause_subject_name(ctx, i, mentions)
    if p is None:
        return None
    claim = new_claim(ctx, m, p[2], "copula")
    claim.dated_event = any(t.lower_ in EVENT_PARTICIPLES for t in doc[:k + 1])
    status = PARTICIPLE_OPENERS.get(opener, "unknown")
    if claim.status_strength < 2 and status != "unknown":
        claim.status, claim.status_strength = status, 1
    return claim


def _predecessor(ctx: SentCtx, m: RoleMatch, k: int, earlier: list[Claim], future: bool = False) -> None:
    """ "X succeeded Y as ROLE", "X took over from Y as ROLE": Y held ROLE before (former);
    "X will succeed Y as ROLE": Y still holds it (current)."""
    for ps, pe, person in ctx.persons:
        if pe <= k and follows_succession(ctx.doc, ps):
            claim = new_claim(ctx, m, person, "succession")
            claim.status, claim.status_strength = ("current", 2) if future else ("former", 2)
            earlier.append(claim)


def _conjunction(ctx: SentCtx, m: RoleMatch, earlier: list[Claim], mentions=None, quoted=()) -> Optional[Claim]:
    """"… served as A from 2010 to 2024 and B from 2006 to 2023": B shares A's holder."""
    doc = ctx.doc
    k = m.start - 1
    while k >= 0 and doc[k].lower_ in ("the", "a", "an", "as"):
        k -= 1
    if k < 0 or doc[k].lower_ not in ("and", ",", "then", "later"):
        return None
    if m.end < len(doc) and doc[m.end].lower_ in ("is", "was", "are", "were", "said", "has"):
        return None  # "… and the deputy mayor is Y": a new clause with its own subject
    prev = [c for c in earlier if c.sentence == ctx.sent.index and c.rule in ("copula", "conjunction", "succession")
            and c.role_span.end <= ctx.sent.start + doc[k].idx]
    if not prev:
        return _conjoined_predicate(ctx, m, k, mentions, quoted)
    last = prev[-1]
    last_end = max(last.role_span.end, last.org_span.end if last.org_span is not None else 0)  # after "of the … Academy"
    gap = ctx.sent.text[last_end - ctx.sent.start : doc[k].idx]
    if len(gap) > 60 or any(ch in gap for ch in ";:\"“”"):
        return None
    gapped = _gapped_holder(ctx, last_end, k)
    claim = new_claim(ctx, m, gapped or last.mention, "conjunction")
    if claim.status_strength < last.status_strength:
        claim.status, claim.status_strength = last.status, last.status_strength
    if gapped is None:  # "stepped down as director and vice-chairman … in 2003": one event ends (or starts) both
        claim.exit_event, claim.dated_event = last.exit_event, last.dated_event
    return claim


def _gapped_holder(ctx: SentCtx, after: int, k: int) -> Optional[Mention]:
    """ "A becomes culture secretary and B, who was dropped last year, trade secretary": a person
    joined by "and" between the first role (ending at document offset ``after``) and this one is
    the second role's holder (the verb is left out, not the subject)."""
    doc = ctx.doc
    for ps, pe, person in reversed(ctx.persons):
        if pe <= k + 1 and ctx.sent.start + doc[ps].idx >= after and ps > 0 and ctx.lowers[ps - 1] == "and":
            rest = ctx.lowers[pe:k + 1]
            if not rest or rest[0] in (",", "as") or rest == [","]:
                return person
    return None


def _conjoined_predicate(ctx: SentCtx, m: RoleMatch, k: int, mentions, quoted) -> Optional[Claim]:
    """ "She is a fellow at X and a professor at Y": the second predicate noun shares the first
    one's copula and subject even when the first is no role kb knows. The copula must be in
    the same clause (no other verb, semicolon or quote between it and the "and")."""
    doc = ctx.doc
    if doc[k].lower_ != "and":
        return None
    j = k - 1
    while j >= 0 and doc[j].lower_ not in LINK_WORDS:
        if doc[j].text in BLOCKERS or doc[j].lower_ in ("who", "which", "that", "and", ",", "(") or doc[j].ent_type_ == "PERSON" or \
                (doc[j].pos_ in ("VERB", "AUX") and doc[j].lower_ not in LINK_WORDS):
            return None
        j -= 1
    if j < 1 or k - j > 20:
        return None
    found = subject_left(ctx, j, mentions, quoted)
    if found is None or found[1] != "copula":
        return None
    subject = found[0]
    if not all(t.lower_ in ("currently", "also", "now", "still", "previously", "formerly") for t in doc[subject[1]:j]):
        return None  # the subject must come right before its copula
    claim = new_claim(ctx, m, subject[2], "conjunction")
    tense_status(claim, [t.lower_ for t in doc[subject[1]:j + 1]], doc, subject[0])
    return claim
