"""Predicative role attachments the copula rule does not reach: the object of an appointment
verb ("Acme appointed Jane Roe chief executive", "the board named X as its chairman") and a
role inside "the post/role/job of ROLE" ("was given the post of finance director", "keeps the
role of treasurer", "resigned from the post of chairman") or named by its portfolio ("was given
the agriculture portfolio": its minister).

Both follow the verb's argument structure, not one wording: an appointment verb's object is the
holder and the role is its object complement; a post noun with "of" is transparent, so the role
links to the verb's subject exactly as "as ROLE" does.
"""

from __future__ import annotations

from typing import Optional

from ...model import Mention
from ..claims import Claim
from ..coref import antecedent
from ..lexicon import word_sets
from ..mentions import in_ranges
from ..name_bounds import TITLE_WORDS
from ..roles import RoleMatch, _clean_org, find_roles
from .context import (
    BLOCKERS, EXIT_WORDS, IRREALIS, Quoted, SentCtx, announced, new_claim, outside_parens, person_ending, tense_status,
)
from .subjects import subject_left

_WORDS = word_sets("predicative_verbs_en.tsv")
#: Verbs whose object is made the holder of the role that follows it ("appointed X chairman").
APPOINT_VERBS = _WORDS["appoint"]
#: Nouns that name a post and take the role after "of" ("the post of chairman").
POST_NOUNS = _WORDS["post_noun"]
#: Verbs of keeping a post ("keeps/retains the role of"): the post is held now.
KEEP_VERBS = _WORDS["keep"]
#: Verbs of leaving a post ("quit/resigned from/gave up the post of"): the post was held before.
LEAVE_VERBS = _WORDS["leave"] | EXIT_WORDS
#: Words allowed between the holder and the role after an appointment verb ("as its new").
_BEFORE_ROLE = {"as", "the", "a", "an", "its", "their", "his", "new", "permanent", "sole", "joint"}
_DETERMINERS = {"the", "a", "an", "his", "her", "its", "their"}
#: Verbs of a post only on offer ("was offered the job of"): not held, maybe never.
OFFER_VERBS = _WORDS["offer"]
#: Nouns before a clause that make it a rumour ("amid speculation he will be given the post of").
SPECULATION = _WORDS["speculation"]


def _holder_before(ctx: SentCtx, m: RoleMatch, mentions: list[Mention],
                   quoted: Quoted) -> Optional[tuple[int, int, Mention]]:
    """The person right before the role phrase, with only "as" and determiners between: a
    name, or "him"/"her" resolved to a person of the sentences before (never to this clause's
    own subject: "X appointed him chairman" is not about X)."""
    k = m.start
    while k > 0 and ctx.lowers[k - 1] in _BEFORE_ROLE:
        k -= 1
    if k > 1 and ctx.lowers[k - 1] == "her" and (person_ending(ctx, k - 1) or ctx.lowers[k - 2] in _OBJECT_PRONOUNS):
        k -= 1  # "appointed him her chief of staff": a possessive, the object is before it
    p = person_ending(ctx, k)
    if p is not None or k == 0 or ctx.lowers[k - 1] not in _OBJECT_PRONOUNS:
        return p
    i = k - 1
    pos = ctx.sent.start + ctx.doc[i].idx
    if in_ranges(pos, quoted):
        return None
    d = ctx.disc
    here = {w for p in ctx.persons if p[0] < i for w in p[2].text.split()}  # names of this clause's subjects
    ante = d.subjects.get(ctx.sent.index)  # "He said X had made him deputy leader": him = that he
    if ante is None:
        before = [x for x in mentions if x.type == "person" and x.sentence < ctx.sent.index]
        ante = antecedent(pos, ctx.sent.index, before, quoted, pronoun=_OBJECT_PRONOUNS[ctx.lowers[i]],
                          subjects=d.subjects, genders=d.genders, modifiers=d.modifiers)
    if ante is None or set(ante.text.split()) & here:
        return None  # an object pronoun never names its own clause's subject
    pm = Mention(ctx.doc[i].text, "person", pos, pos + len(ctx.doc[i].text), ctx.sent.index, label="pronoun")
    pm.text = ante.text  # resolved through the name map like a subject pronoun; the span keeps the pronoun
    return i, i + 1, pm


#: Object pronouns and the subject form whose gender they share.
_OBJECT_PRONOUNS = {"him": "he", "her": "she"}


def _subject_org(ctx: SentCtx, v: int, mentions: list[Mention]) -> Optional[tuple[int, int, str, str]]:
    """The organisation that is the appointment verb's subject: an NER organisation ending at
    most a few auxiliary/adverb/date words before the verb ("Acme has appointed",
    "Acme on Monday named")."""
    doc = ctx.doc
    k = v
    while k > 0 and v - k < 5 and (doc[k - 1].pos_ in ("AUX", "ADV") or doc[k - 1].ent_type_ == "DATE"
                                   or ctx.lowers[k - 1] in ("on", "has", "have", "had", "also")):
        k -= 1
    if k == 0 or doc[k - 1].ent_type_ != "ORG":
        return None
    start = k - 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    start, name = _clean_org(doc, start, k)
    return (start, k, name, "ORG") if name else None


def object_predicative(ctx: SentCtx, m: RoleMatch, mentions: list[Mention], quoted: Quoted,
                       earlier: list[Claim]) -> Optional[Claim]:
    """VERB PERSON [as] [its new] ROLE with an appointment verb: "Acme appointed Jane Roe chief
    executive", "the board has named X as its chairman", "voters elected X mayor of Y". The
    verb's organisation subject is the role's organisation when the phrase names none; a
    future or hoped-for appointment ("is expected to name X chairman") is not held yet."""
    doc = ctx.doc
    p = _holder_before(ctx, m, mentions, quoted)
    if p is None:
        return None
    v = p[0]
    while v > 0 and ctx.lowers[v - 1].rstrip(".") in TITLE_WORDS:
        v -= 1  # "appointed Mr X"
    title = next((r for r in find_roles(doc, ctx.lowers) if r.end == v), None) if v > 0 and \
        ctx.lowers[v - 1] not in APPOINT_VERBS else None
    if title is not None:
        v = title.start  # "making Labor leader Steve Bracks premier": the name's own title before it
    v -= 1
    if v < 0 or ctx.lowers[v] not in APPOINT_VERBS or doc[v].pos_ not in ("VERB", "AUX"):
        return None
    before = [t.lower_ for t in doc[max(0, v - 6):v] if t.ent_type_ != "DATE"]  # "In May 2006": no modal
    if any(w in BLOCKERS for w in before):
        before = before[max(i for i, w in enumerate(before) if w in BLOCKERS) + 1:]
    future = announced(before + [ctx.lowers[v]])
    if any(w in IRREALIS for w in before) and not future:
        return None
    if m.org_name is None:
        org = _subject_org(ctx, v, mentions)
        if org is not None:
            m.org_start, m.org_end, m.org_name, m.org_label = org
    claim = new_claim(ctx, m, p[2], "object_predicative")
    tense_status(claim, [ctx.lowers[v]], doc, p[0])
    claim.dated_event = True  # "appointed X chairman in 2003": the date starts the post
    if future:
        claim.status, claim.status_strength = "unknown", 2
    return claim


def _post_noun_verb(ctx: SentCtx, m: RoleMatch) -> Optional[tuple[int, bool]]:
    """(index of the verb before "[the] post/role/job of ROLE" or "[the] X portfolio", whether it
    is one of leaving), skipping "to"/"from"/"up"; None when the role follows no post noun."""
    k = m.start - 1
    if ctx.lowers[m.core_end - 1] == "portfolio":
        pass  # "was given the agriculture portfolio": the portfolio names the post itself
    elif k < 2 or ctx.lowers[k] != "of" or ctx.lowers[k - 1] not in POST_NOUNS:
        return None
    else:
        k -= 2
    while k >= 0 and ctx.lowers[k] in _DETERMINERS | {"new", "vacant", "top", "key"}:
        k -= 1
    particles = []
    while k >= 0 and ctx.lowers[k] in ("to", "from", "up", "down", "over", "into"):
        particles.append(ctx.lowers[k])
        k -= 1
    if k < 0 or not (ctx.doc[k].pos_ in ("VERB", "AUX") or ctx.lowers[k] in LEAVE_VERBS | KEEP_VERBS):
        return None
    leaving = ctx.lowers[k] in LEAVE_VERBS or (ctx.lowers[k] in _GIVE and "up" in particles)
    return k, leaving


#: Verbs of receiving a post ("was given / offered the post of"): an appointment event.
_RECEIVE = {"given", "offered", "handed", "awarded", "took", "takes", "take", "taken", "accepted", "accepts", "assumed",
            "assumes"}
#: "gave up the post of": a verb of leaving only with "up" ("was given the post of" is not).
_GIVE = {"give", "gives", "gave", "given", "giving"}


def _verb_group(ctx: SentCtx, pe: int, v: int) -> bool:
    """Only a verb group (auxiliaries, adverbs, "who", commas) between the subject ending at
    ``pe`` and the verb at ``v``: "X, who was given the post of"; not "X said it was wrong for
    the chancellor to have the role of" (another subject in between)."""
    return all(t.pos_ in ("AUX", "VERB", "ADV", "PART") or t.lower_ in (",", "who", "has", "had", "have")
               for t in ctx.doc[pe:v])


def post_of(ctx: SentCtx, m: RoleMatch, mentions: list[Mention], quoted: Quoted,
            earlier: list[Claim]) -> Optional[Claim]:
    """SUBJ VERB the post/role/job of ROLE: the post noun is transparent, the role is the
    subject's. Leaving verbs ("quit", "resigned from") make it former, keeping verbs ("keeps",
    "retains") current; other verbs get the tense of their verb group."""
    found_verb = _post_noun_verb(ctx, m)
    if found_verb is None:
        return None
    v, leaving = found_verb
    found = subject_left(ctx, v, mentions, quoted)
    if found is None:
        return None
    (ps, pe, person), _rule = found
    between = outside_parens(ctx.doc, pe, v + 1)
    if len(between) > 12 or any(w in BLOCKERS for w in between) or not _verb_group(ctx, pe, v):
        return None
    if ctx.lowers[v] in OFFER_VERBS or set(ctx.lowers[max(0, ps - 4):ps]) & SPECULATION:
        return None  # "amid speculation he will be offered the job of": no post yet
    future = announced(between)
    if any(w in IRREALIS for w in between) and not future:
        return None
    claim = new_claim(ctx, m, person, "post_of")
    verb = ctx.lowers[v]
    if leaving:
        claim.status, claim.status_strength, claim.exit_event = "former", 2, True
    elif verb in KEEP_VERBS:  # "will keep the role of": held now, and still after
        claim.status, claim.status_strength = "current", 2
    elif future:
        claim.status, claim.status_strength, claim.dated_event = "unknown", 2, True
    elif verb in APPOINT_VERBS | _RECEIVE:  # "was given the post of": an appointment, dated by its date
        claim.status, claim.status_strength, claim.dated_event = "unknown", 0, True
    else:
        tense_status(claim, between, ctx.doc, ps)
        claim.dated_event = True
    return claim

