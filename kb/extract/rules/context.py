"""The per-sentence context every rule reads (``SentCtx``), the words that link a subject to its
role, and making a ``Claim`` from a role phrase.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from ...model import DateValue, Mention, Sentence, Span
from ..claims import Claim
from ..mentions import rule_mention, rule_span
from ..roles import RoleMatch


#: Document offsets of quoted passages (``mentions.quoted_ranges``): claims inside come from
#: what someone said, not from the text's own voice.
Quoted = list[tuple[int, int]]


#: Words right before a role phrase that link it to a subject on the left.
LINK_WORDS = {
    "is", "was", "are", "were", "'s", "be", "been", "being", "become", "becomes", "became", "becoming",
    "remains", "remained", "remain", "as", "appointed", "named", "elected", "chosen", "nominated",
    "installed", "made", "confirmed", "reappointed", "crowned", "proclaimed", "declared", "sworn",
}


EVENT_WORDS = {"became", "become", "becomes", "becoming", "appointed", "named", "elected", "chosen", "nominated", "installed",
               "made", "took", "succeeded", "sworn", "reappointed", "crowned", "proclaimed", "promoted", "confirmed"}


PRESENT_WORDS = {"is", "are", "'s", "am", "has", "have", "remains", "serves", "heads", "leads", "chairs", "runs", "works",
                 "teaches", "lectures", "currently", "holds"}


PAST_WORDS = {"was", "were", "served", "had", "headed", "led", "chaired", "ran", "worked", "remained", "taught", "lectured",
              "held"}


#: Cues that the statement is not a fact (future, wish, negation, hypothesis).
IRREALIS = {"will", "would", "could", "might", "may", "should", "expected", "hopes", "hope", "wants", "want",
            "plans", "plan", "aims", "seeks", "bid", "candidate", "nominee", "not", "never", "n't", "if",
            "likely", "set", "whether", "running", "race", "tipped", "rumoured", "rumored", "next", "potential",
            "possible", "ambition", "ambitions", "considering", "mulling", "eyeing"}


#: Verbs of leaving a post: "stepped down as ROLE in May" ends the tenure then.
EXIT_WORDS = {"stepped", "resigned", "resigns", "quit", "quits", "retired", "retires", "ousted", "dismissed", "fired",
              "sacked", "removed", "stood", "left", "leaves", "deposed"}


#: Passive participles of being replaced in a post: "has been replaced as chairman" (he held it).
REPLACED_PASSIVE = {"replaced", "succeeded"}
#: Forms of "be" that make such a passive done: not "to be replaced", "will be replaced".
_DONE_BE = {"been", "was", "were"}
_BE_FORMS = {"be", "been", "being", "is", "are", "was", "were"}
#: Words before an exit verb that make it no exit yet: "wants X to quit as", "could resign as".
_NOT_YET = {"to", "will", "would", "could", "should", "may", "might", "must", "can", "not", "n't", "never"}


#: Adverbs that sit between a copula and its role ("is now", "was previously", "has also been").
LINK_ADVERBS = {"now", "currently", "also", "still", "previously", "formerly", "once", "later", "again", "already",
                "briefly", "then", "recently", "subsequently", "eventually", "twice", "effectively"}


SUCCESSION = {"succeeded", "succeeds", "succeeding", "replaced", "replaces", "replacing", "ousted", "unseated",
              "succeed", "replace"}  # "will succeed Y as": see ``announced``


FORMER_ADVERBS = {"previously", "formerly", "once", "earlier", "later"}


def follows_succession(doc, ps: int) -> bool:
    """The person at token ps is the one replaced: "succeeded Y", "replacing Y", "took over from Y"."""
    if ps < 1:
        return False
    if doc[ps - 1].lower_ in SUCCESSION:
        return True
    return ps >= 2 and doc[ps - 1].lower_ == "from" and doc[ps - 2].lower_ == "over"


#: Announcements of an appointment that has not happened yet: "is to become", "will succeed",
#: "is set to take over as", "is due to become". The post is not held yet (status unknown, a
#: date is its start); other irrealis cues ("would", "hopes", "not") still block the claim.
def announced(between: list[str]) -> bool:
    """The verb group between subject and role announces a future appointment (see above)."""
    if any(w in IRREALIS - {"will", "set"} for w in between):
        return False
    pairs = list(zip(between, between[1:]))
    return "will" in between or any(a in ("set", "due") and b == "to" for a, b in pairs) \
        or any(a in ("is", "are") and b == "to" for a, b in pairs)


BLOCKERS = {";", ":", "\"", "“", "”"}


@dataclass
class Discourse:
    """What earlier sentences tell pronoun resolution (see ``coref.antecedent``)."""

    subjects: dict[int, Mention] = field(default_factory=dict)  # sentence -> referent of its pronoun subject
    genders: dict[str, str] = field(default_factory=dict)  # person text -> "m" / "f"
    modifiers: set[int] = field(default_factory=set)  # ids of names used as noun modifiers
    subject_names: set[int] = field(default_factory=set)  # ids of names that are a clause's subject


@dataclass
class SentCtx:
    sent: Sentence
    doc: object
    persons: list[tuple[int, int, Mention]] = field(default_factory=list)  # token spans
    dates: list = field(default_factory=list)
    disc: Discourse = field(default_factory=Discourse)
    _lowers: Optional[list[str]] = None

    @property
    def lowers(self) -> list[str]:
        """The sentence's lower-case words, made once. Rules scan this list for their keywords
        and touch spaCy tokens only where one occurs: spaCy makes a new Token object for every
        token on every pass over a Doc, which was most of the rules' cost."""
        if self._lowers is None:
            self._lowers = [t.lower_ for t in self.doc]
        return self._lowers


def last_date(dates: list) -> Optional[DateValue]:
    """The last absolute date of a sentence (an interval's end, else its start)."""
    for d in reversed(dates):
        if d.kind in ("born", "died", "lifespan"):
            continue
        value = d.end or d.start
        if value is not None:
            return value
    return None


def token_spans(ctx: SentCtx, persons: list[Mention]) -> list[tuple[int, int, Mention]]:
    out = []
    for m in persons:
        span = ctx.doc.char_span(m.start - ctx.sent.start, m.end - ctx.sent.start, alignment_mode="expand")
        if span is not None:
            out.append((span.start, span.end, m))
    return out


def new_claim(ctx: SentCtx, m: RoleMatch, person: Mention, rule: str) -> Claim:
    doc, s0 = ctx.doc, ctx.sent.start
    re_ = doc[m.core_end - 1].idx + len(doc[m.core_end - 1].text) + s0
    text_start = doc[m.start].idx + s0
    role_span = Span(text_start, re_, ctx.sent.text[text_start - s0 : re_ - s0])
    org_span = None
    if m.org_name is not None:
        os_, oe = doc[m.org_start].idx + s0, doc[m.org_end - 1].idx + len(doc[m.org_end - 1].text) + s0
        org_span = Span(os_, oe, ctx.sent.text[os_ - s0 : oe - s0])
    claim = Claim(person, person.text, m.role, m.org_name, ctx.sent.index, rule, role_span, org_span, m.org_label,
                  ordinal=m.ordinal, role_text=m.text)  # confidence and version: rules.stamp
    if m.status_cue:
        claim.status, claim.status_strength = m.status_cue, 2
    elif _exit_noun_before(doc, m.start) or _exit_verb_before(doc, m.start) or _until_past(doc, max(m.end, m.org_end)):
        claim.status, claim.status_strength = "former", 2
    return claim


#: Verbs of removing someone from a post, with the holder as object: "the board dismissed
#: chairman X" (X held it). Past forms only: "will oust chairman X" is still to come.
EXIT_OBJECT_VERBS = {"ousted", "dismissed", "sacked", "fired", "removed", "deposed", "replaced", "succeeded", "toppled"}


def _exit_verb_before(doc, start: int) -> bool:
    """ "Acme has sacked chief executive X", "Y, who replaced chairman X": the role phrase
    (after determiners) is the object of a past verb of removal, so its holder has left it.
    Not after a form of "be" ("was ousted chairman" is no object), nor an adjective ("Sacked MP
    X": sacked from something, maybe not from this post)."""
    k = start - 1
    while k >= 0 and doc[k].lower_ in ("its", "his", "her", "their", "the", "a", "an"):
        k -= 1
    if k < 1 or doc[k].lower_ not in EXIT_OBJECT_VERBS or doc[k].dep_ == "amod" or doc[k].pos_ not in ("VERB", "AUX"):
        return False
    return doc[k - 1].lower_ not in _BE_FORMS


#: Relative past times after "until": "chairman until last year", "chief executive until
#: recently" (the post has ended; no date is resolved without a publication date).
_PAST_RELATIVE = {"recently", "last", "earlier", "lately"}


def _until_past(doc, end: int) -> bool:
    """ "X, Acme's chief executive until last year, …": "until" plus a relative past time right
    after the role phrase (and its organisation) ends the post before now."""
    return 0 <= end < len(doc) - 1 and doc[end].lower_ == "until" and doc[end + 1].lower_ in _PAST_RELATIVE


#: Nouns of leaving a post: "the resignation of its chairman, X" -> X held it (former).
#: Not "departure"/"exit": "the departure of MEP X" is often from a party, not from the post.
EXIT_NOUNS = {"resignation", "ousting", "ouster", "sacking", "dismissal", "retirement", "removal", "firing", "replacement"}


def _exit_noun_before(doc, start: int) -> bool:
    """ "the resignation of its chairman", "after the sacking of chief executive X"; also a later
    item of a list after it ("the resignation of chairman A, director-general B and reporter C",
    "of its chairman, A, and finance chief B"): only names, role words, determiners (possessive
    ones too), commas and "and" between."""
    k = start - 1
    while k >= 0 and doc[k].lower_ in ("its", "his", "her", "their", "the", "a", "an"):
        k -= 1
    if k >= 1 and doc[k].lower_ == "of" and doc[k - 1].lower_ in EXIT_NOUNS:
        return True
    if k < 0 or doc[k].lower_ not in (",", "and"):
        return False
    while k >= 1 and start - k < 25:
        t = doc[k]
        if t.lower_ == "of":
            return doc[k - 1].lower_ in EXIT_NOUNS
        if not (t.lower_ in (",", "and", "-") or t.pos_ in ("PROPN", "NOUN", "ADJ", "DET") or t.tag_ == "PRP$"):
            return False
        k -= 1
    return False


def person_at(ctx: SentCtx, i: int) -> Optional[tuple[int, int, Mention]]:
    for p in ctx.persons:
        if p[0] == i:
            return p
    return None


def person_ending(ctx: SentCtx, j: int) -> Optional[tuple[int, int, Mention]]:
    for p in ctx.persons:
        if p[1] == j:
            return p
    return None


def add_rule_person(ctx: SentCtx, span: tuple[int, int], rule: str, mentions: list[Mention]):
    span = rule_span(ctx.doc, span)  # "Colonel Jane Roe" after a title: the name only
    mention = rule_mention(ctx.sent, ctx.doc, span, rule)
    mentions.append(mention)
    p = (span[0], span[1], mention)
    ctx.persons.append(p)
    ctx.persons.sort(key=lambda x: x[0])
    return p


def regnal_person(ctx: SentCtx, span: tuple[int, int], mentions: list[Mention], rule: str = "regnal"):
    """A name the context shows to be a person ("King Constantine I", "A former minister, Jane
    Roe said"): a rule person, and an organisation NER made of it in this sentence is dropped."""
    s0 = ctx.sent.start
    a, b = ctx.doc[span[0]].idx + s0, ctx.doc[span[1] - 1].idx + len(ctx.doc[span[1] - 1].text) + s0
    for x in [x for x in mentions if x.sentence == ctx.sent.index and x.type == "organization" and x.start < b and a < x.end]:
        mentions.remove(x)
    return add_rule_person(ctx, span, rule, mentions)


def paren_open(doc, close: int) -> int:
    """ "NAME (born 1955), a member of …": the "(" matching a ")" at ``close`` (-1 if none)."""
    if close < 1 or ")" not in doc[close].text:
        return -1
    depth = 0
    for k in range(close, max(-1, close - 40), -1):
        depth += doc[k].text.count(")") - doc[k].text.count("(")
        if depth <= 0:
            return k
    return -1


def outside_parens(doc, lo: int, hi: int) -> list[str]:
    """Lower-case words between lo and hi, skipping parenthesised asides ("(born 1967)")."""
    out, depth = [], 0
    for t in doc[lo:hi]:
        if t.text == "(":
            depth += 1
        elif t.text == ")":
            depth = max(0, depth - 1)
        elif depth == 0:
            out.append(t.lower_)
    return out


def is_cap_word(tok) -> bool:
    return tok.text[:1].isupper()


#: Words right after a role that limit a past-tense statement to a time ("was chairman during
#: the crisis", "was minister at the time"): it places the post then and says nothing of now.
TIME_LIMITERS = {"during", "throughout", "at the time", "when", "while"}


def _time_limited(doc, role_end: int) -> bool:
    """ "was Home Office permanent secretary during the saga": see ``TIME_LIMITERS``."""
    after = " ".join(t.lower_ for t in doc[role_end : role_end + 3])
    return any(after == w or after.startswith(w + " ") for w in TIME_LIMITERS)


#: Verbs of saying and thinking: "32% said Mr Roe was a good prime minister" shifts the present
#: into the past tense (reported speech), so that "was" says nothing of a past post.
REPORTING_VERBS = {"said", "told", "added", "claimed", "insisted", "argued", "believed", "thought", "felt", "agreed",
                   "disagreed", "stated", "suggested", "admitted", "denied", "warned", "noted"}


def _backshifted(doc, ps: int) -> bool:
    """The subject at token ps opens a reported clause: "said (that) X was …"."""
    k = ps - 1
    while k >= 0 and doc[k].lower_.rstrip(".") in ("mr", "mrs", "ms", "dr", "sir", "lord", "lady", "dame", "prof"):
        k -= 1
    if k >= 0 and doc[k].lower_ == "that":
        k -= 1
    return k >= 0 and doc[k].lower_ in REPORTING_VERBS


#: Words that end an exit verb's own clause before "as": another verb group or clause follows.
_CLAUSE_BREAKS = {"and", "but", ",", ";", "having", "has", "have", "had", "is", "are", "was", "were", "been", "then",
                  "later", "who", "which", "before", "after", "since"}


def _exit_as(between: list[str]) -> bool:
    """ "stepped down as ROLE", "resigned as a director", "quit as the head of": an exit verb
    whose own clause ends in "as" (an article may follow). Not "quit the government in 1999 and
    has served as the chairman": another verb group after the exit verb owns the "as"."""
    words = between[:-1] if between and between[-1] in ("a", "an", "the") else between
    if not words or words[-1] != "as":
        return False
    last = max((i for i, w in enumerate(words) if w in EXIT_WORDS or _passive_replaced(words, i)), default=None)
    if last is None or (last > 0 and words[last - 1] in _NOT_YET):
        return False
    return not set(words[last + 1 : -1]) & _CLAUSE_BREAKS


def _passive_replaced(words: list[str], i: int) -> bool:
    """ "was replaced as", "has been succeeded as": word i is a replacement participle after a
    past or perfect "be" (not the active "succeeded Y as", which names the successor's post,
    nor "to be replaced as", still to come)."""
    return words[i] in REPLACED_PASSIVE and i > 0 and words[i - 1] in _DONE_BE


def _perfect_participle_past(between: list[str]) -> bool:
    """ "X left the firm in May, having spent the year as ROLE": a perfect participle ("having
    served/spent/been … as") places the post before a main clause in the past, so it is over.
    Not when the main clause is present ("X is leaving, having been chairman since 1990")."""
    if "having" not in between:
        return False
    main = between[: between.index("having")]
    return bool(set(main) & (PAST_WORDS | EXIT_WORDS)) and not set(main) & PRESENT_WORDS


def tense_status(claim: Claim, between: list[str], doc, ps: int, clause: Optional[tuple[int, int, int]] = None) -> None:
    """Status from the verb group between subject and role (unless a modifier decided).
    ``clause`` (subject end, role start, role end; token indices), when given, lets the verbs'
    tags decide where no word does ("makes his money as a director": present, current) and a
    time limiter after the role undo a plain past tense ("was chairman during the crisis")."""
    if _exit_as(between):
        claim.status, claim.status_strength, claim.exit_event = "former", 2, True  # "stepped down as ROLE"
        return
    if claim.status_strength >= 2:
        return
    words = set(between) | {doc[ps - 1].lower_} if ps > 0 else set(between)
    if words & FORMER_ADVERBS:
        claim.status, claim.status_strength = "former", 2
    elif _perfect_participle_past(between):
        claim.status, claim.status_strength = "former", 1
    elif words & PRESENT_WORDS:
        claim.status, claim.status_strength = "current", 1
    elif words & EVENT_WORDS:
        claim.status, claim.status_strength, claim.took_up = "unknown", 0, True
    elif words & PAST_WORDS:
        claim.status, claim.status_strength = "former", 1
        if clause is not None and _time_limited(doc, clause[2]):
            claim.status, claim.status_strength = "unknown", 0
        elif _backshifted(doc, ps) and not set(between) & {"had", "served", "previously", "formerly", "once"}:
            claim.status, claim.status_strength = "current", 1
    elif clause is not None and any(t.tag_ in ("VBZ", "VBP") for t in doc[clause[0] : clause[1]]):
        claim.status, claim.status_strength = "current", 1
    if any(w.startswith("longest") or w.startswith("youngest") or w.startswith("oldest") for w in between):
        claim.status, claim.status_strength, claim.took_up = "unknown", 0, False


def comma_between(ctx: SentCtx, a: int, b: int) -> bool:
    """A comma or semicolon between document offsets a and b of this sentence."""
    gap = ctx.sent.text[a - ctx.sent.start : b - ctx.sent.start]
    return "," in gap or ";" in gap
