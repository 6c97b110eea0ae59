"""Role descriptions that refer back to a person ("the lawmaker told …"), resolved after the whole
document is read.
"""

from __future__ import annotations

from typing import Optional

from ...model import Mention, Sentence
from ..claims import Claim
from ..coref import gender_of, last_mention, named_holder
from ..mentions import in_ranges
from ..roles import NEEDS_ORG_ALWAYS, RoleMatch
from .context import SentCtx, new_claim
from .orgs import role_category


SPEECH_VERBS = {"said", "says", "told", "tells", "added", "adds", "stated", "noted", "warned", "argued", "wrote",
                "explained", "insisted", "declared", "announced", "stressed", "believes", "thinks", "urged",
                "has", "had", "is", "was", "will", "would", "called", "met", "visited", "spoke",
                "admitted", "conceded", "denied", "accused", "claimed", "criticised", "criticized", "dismissed",
                "rejected", "welcomed", "defended", "replied", "responded", "acknowledged", "countered",
                "confirmed", "revealed", "agreed"}


def is_description(doc, m: RoleMatch) -> bool:
    """ "the ROLE" used as a subject ("The NATO chief added", "the lawmaker told", "the Tory MP
    for Northby admitted")."""
    if m.start == 0 or doc[m.start - 1].lower_ != "the":
        return False
    return _speech_subject(doc, m) or is_office_description(doc, m)


def _speech_subject(doc, m: RoleMatch) -> bool:
    """ "the ROLE" right before a verb of saying or an auxiliary: the subject of the clause."""
    v = _after_place(doc, m.end)
    if v >= len(doc) or doc[v].lower_ not in SPEECH_VERBS:
        return False
    if doc[v].lower_ in ("is", "was", "has", "had"):
        return v + 1 >= len(doc) or not doc[v + 1].text[:1].isupper()  # not "the mayor is Jane Roe"
    return True


#: Verbs after which "the ROLE" is a predicate, not a description ("would become the prime minister").
_PREDICATE_BEFORE = {"be", "become", "remain", "as", "stay", "name", "appoint", "elect", "make", "replace", "succeed"}


_KIN = {"wife", "husband", "son", "daughter", "father", "mother", "brother", "sister", "family", "children", "widow",
        "partner", "spouse"}


def is_office_description(doc, m: RoleMatch) -> bool:
    """ "the prime minister", "the chancellor", "the home secretary", "the Tory leader" anywhere
    in a sentence: a post one person holds at a time, named without its holder."""
    if not _unique_office(m) or any(t.text != t.lower_ for t in doc[m.core_start:m.core_end] if t.i > 0):
        return False
    if m.end < len(doc) and (doc[m.end].text[:1].isupper() or doc[m.end].text == "," and m.end + 1 < len(doc)
                             and doc[m.end + 1].text[:1].isupper()):
        return False  # a title or an apposition: "the prime minister Tony Blair", "the chancellor, Mr Brown"
    if m.end + 1 < len(doc) and doc[m.end].lower_ in ("'s", "’s") and doc[m.end + 1].lower_ in _KIN:
        return False  # "the prime minister's wife": the person the story is about may be her
    before = doc[m.start - 2] if m.start >= 2 else None
    return before is None or before.lemma_.lower() not in _PREDICATE_BEFORE and before.lower_ not in _PREDICATE_BEFORE


def _unique_office(m: RoleMatch) -> bool:
    """A post with one holder at a time in its body."""
    cat = role_category(m.role)
    if m.role in ("vice president", "deputy prime minister", "vice chancellor") or m.status_cue == "former":
        return m.role == "deputy prime minister" and m.status_cue != "former"
    if cat in ("head_of_government", "head_of_state"):
        return True
    words = m.role.split()
    return len(words) >= 2 and words[-1] in ("secretary", "minister") and words[0] not in ("deputy", "junior", "assistant", "shadow", "state", "press", "permanent")


def _after_place(doc, i: int) -> int:
    """Index after a named seat or body the role phrase left out ("MP for Sleaford and North
    Hykeham", "mayor of Northby"): "for"/"of" and capitalised words (joined by "and"); else ``i``."""
    if i + 1 >= len(doc) or doc[i].lower_ not in ("for", "of") or not doc[i + 1].text[:1].isupper():
        return i
    j = i + 1
    while j < len(doc) and (doc[j].text[:1].isupper() or doc[j].lower_ == "and" and j + 1 < len(doc)
                            and doc[j + 1].text[:1].isupper()):
        j += 1
    return j


def _window_start(index: int, starts: list[int], quoted) -> int:
    """First sentence a description may reach back to: the previous sentence, skipping
    sentences that open inside a quotation (a quote between a name and "the lawmaker said")."""
    k = index - 1
    while k > 0 and in_ranges(starts[k], quoted):
        k -= 1
    return max(k, 0)


def _reach(m: RoleMatch, index: int, pos: int, starts: list[int], quoted, persons: list[Mention]) -> int:
    """The window of a description: the previous sentence, or for an office one person holds
    the one before it when the previous sentence names nobody ("David Roe unveiled the plans.
    They include a new number. The home secretary said …"; BBC corpus: of 7 such reaches for
    a police spokesman, a judge, a minister and the like, 2 were wrong)."""
    k = _window_start(index, starts, quoted)
    if k > 0 and _unique_office(m) and not any(k <= p.sentence and p.start < pos and not in_ranges(p.start, quoted) for p in persons):
        return _window_start(k, starts, quoted)
    return k


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


#: Role words that state the holder's gender ("the queen", "the spokeswoman"): a person the
#: text gives the other gender (by an honorific or a pronoun) is not the one described. Words in
#: "-man" are left out: "chairman" is often said of a woman.
FEMALE_ROLE_WORDS = {"queen", "princess", "empress", "duchess", "countess", "baroness"}
MALE_ROLE_WORDS = {"king", "prince", "emperor", "duke"}


def role_gender(role: str) -> str:
    """ "f" / "m" when the role's head word states a gender, else "" (see FEMALE_ROLE_WORDS)."""
    head = role.split()[-1] if role else ""
    if head in FEMALE_ROLE_WORDS or head.endswith("woman"):
        return "f"
    return "m" if head in MALE_ROLE_WORDS else ""


def _gender_clash(role: str, mention: Mention, genders: dict[str, str]) -> bool:
    """Whether the text gives the person named last the other gender than the role word."""
    want = role_gender(role)
    have = gender_of(mention, genders)
    return bool(want and have and have != want)


def _unnamed_holder_between(m: RoleMatch, since: int, pos: int, unclaimed: list[tuple[int, str]]) -> bool:
    """Whether the same post was written with no name since the sentence that names the person
    named last: "Later the prime minister's spokesman was asked about Mr Roe's language. The
    spokesman said …" describes that spokesman again, not Mr Roe."""
    return any(since <= p < pos and role == m.role for p, role in unclaimed)


def _subjects_over(ctx: SentCtx, m: RoleMatch) -> set[str]:
    """Names of persons this sentence names, before the description, as the subject of a clause
    the description is part of: "Mr Roe changed his mind amid suspicion the chancellor was
    plotting against him", "Ms Lind, the member for Northby, said the first minister was wrong",
    "Mr Roe hosted a dinner where the prime minister told Mr Lee …". The description names
    someone else than that clause's subject (who would be "he"). A name in a clause beside it
    ("while Mr Roe is abroad, the premier …") or a possessive ("Mr Roe's remarks") is no such
    subject."""
    doc, out = ctx.doc, set()
    above = {t.i for t in doc[m.start].ancestors}
    for ps, pe, person in ctx.persons:
        if pe > m.start:
            continue
        head = doc[ps:pe].root
        if head.dep_ in ("nsubj", "nsubjpass") and head.head.i in above:
            out.add(person.name or person.text)
    return out


#: Rules that name a person with a post in so many words ("President X", "X, the president,"):
#: a post the text gives that way as held now is not the one "the former president" describes.
_NAMING_RULES = {"title_before_name", "apposition"}


def descriptions(deferred, claims: list[Claim], mentions: list[Mention], quoted, sentences: list[Sentence]) -> list[Claim]:
    """Role descriptions that refer back: new claims, folded later into known posts.

    "The former president" is never the person the text names with that post as held now
    ("President X, elected in December, ..." ... "a relative of the former president"): such a
    description is left unresolved rather than turning X's current post into a past one.

    ``deferred`` holds every role phrase outside quotes that no rule gave a holder, in text order;
    the descriptions among them ("the chancellor said") are resolved in that order, and each one
    resolved counts as a holder of its post for the later ones: the story that said "the
    chancellor" of Mr Roe means him by "the chancellor" again (a later one is not the person named
    last), and he is not the prime minister it describes next."""
    holders: dict[tuple[str, Optional[str]], str] = {}
    current = {(c.person, c.role) for c in claims if c.status == "current" and c.rule in _NAMING_RULES}
    out: list[Claim] = []
    persons = [m for m in mentions if m.type == "person"]
    posts: dict[str, set[tuple[str, Optional[str]]]] = {}
    for c in claims:
        holders.setdefault((c.role, c.org), c.person)
        posts.setdefault(c.person, set()).add((c.role, c.org))
    starts = [s.start for s in sentences]
    unclaimed = [(ctx.sent.start + ctx.doc[m.start].idx, m.role) for ctx, m in deferred]
    for ctx, m in deferred:
        if not is_description(ctx.doc, m):
            continue
        pos = ctx.sent.start + ctx.doc[m.start].idx
        loose = not _speech_subject(ctx.doc, m)
        name = _holder(ctx, m, pos, persons, holders, posts, quoted, starts, unclaimed, loose)
        if name is None or m.status_cue == "former" and (name, m.role) in current:
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
        holders.setdefault((claim.role, claim.org), name)
        posts.setdefault(name, set()).add((claim.role, claim.org))
    return out


def _holder(ctx: SentCtx, m: RoleMatch, pos: int, persons: list[Mention], holders, posts, quoted,
            starts: list[int], unclaimed: list[tuple[int, str]], loose: bool = False) -> Optional[str]:
    """Who one description refers to: the holder the text named with the post, else the person
    named last when nothing says otherwise (see the checks), else None."""
    fits = _same_kind_of_post(m.role)
    name = named_holder(m.role, m.org_name, holders, fits)
    if name is not None or loose:
        return name or _topic_holder(ctx, m, pos, persons, posts, quoted, starts, unclaimed)
    speakers = _speakers_before(ctx, m.start)
    # "the chief executive said Mr Kennedy had missed the vote": who the sentence names after
    # the description is someone else; so is the subject of a clause holding it
    later = {p.name or p.text for p in persons if p.sentence == ctx.sent.index and p.start > pos}
    others = later | _subjects_over(ctx, m)
    cands = [p for p in persons if id(p) not in speakers and (p.name or p.text) not in others]
    window = _reach(m, ctx.sent.index, pos, starts, quoted, persons)
    last = last_mention(pos, cands, quoted, window)
    if last is None:
        return None
    name = last.name or last.text
    if _gender_clash(m.role, last, ctx.disc.genders) or _unnamed_holder_between(m, starts[last.sentence], pos, unclaimed):
        return None
    if _holds_another_post(m, posts.get(name, set()), fits):
        return _office_holder_before(ctx, m, last, pos, cands, posts, quoted, window) \
            if m.role in _SKIPPING_OFFICES and m.org_name is None else None
    return name


#: Offices whose bare description may skip a person named last who holds another post (see
#: ``_office_holder_before``). BBC corpus: "the prime minister said" 2 of 2 right; "the
#: chancellor", "the mayor of X", "the US president" 0 of 3 (a chancellor, a mayor, a president
#: are named in stories about other posts all the time).
_SKIPPING_OFFICES = {"prime minister"}


def _topic_holder(ctx: SentCtx, m: RoleMatch, pos: int, persons: list[Mention], posts, quoted, starts: list[int],
                  unclaimed: list[tuple[int, str]]) -> Optional[str]:
    """Who an office named anywhere in a sentence ("accused the prime minister of", "a claim
    denied by the chancellor") refers to when the text never named its holder with it: the
    person the sentence before is about, i.e. the one name that is a clause's subject there
    ("David Roe has spoken of ... . The home secretary described ..."), when this sentence
    does not name him (he would be "he" or "Mr Roe" here) and the text gives him no post."""
    window = _reach(m, ctx.sent.index, pos, starts, quoted, persons)
    topics = [p for p in persons if window <= p.sentence < ctx.sent.index and id(p) in ctx.disc.subject_names
              and not in_ranges(p.start, quoted)]
    names = {p.name or p.text for p in topics}
    if len(names) != 1:
        return None
    name = names.pop()
    here = {p.name or p.text for p in persons if p.sentence == ctx.sent.index}
    pronoun = ctx.disc.subjects.get(ctx.sent.index)  # "But he criticised the chancellor": not him
    if pronoun is not None and not any(t.lower_ in ("he", "she") for t in ctx.doc[:m.start]):
        pronoun = None  # "The home secretary said he ...": the pronoun is the description's
    if name in here or posts.get(name) or pronoun is not None and name in (pronoun.name, pronoun.text):
        return None
    last = topics[-1]
    if _gender_clash(m.role, last, ctx.disc.genders) or _unnamed_holder_between(m, starts[last.sentence], pos, unclaimed):
        return None
    return name


def _office_holder_before(ctx: SentCtx, m: RoleMatch, last: Mention, pos: int, cands: list[Mention], posts, quoted,
                          window: int) -> Optional[str]:
    """ "Tony Roe has backed Chancellor Jo Lee's report ... In a speech, the prime minister said":
    the person named last holds another post, so "the prime minister" is not him; it is the
    person named before him in the same stretch of text (the sentence before, or this one)
    when the text gives that person no post at all and nothing else in the stretch says who
    holds the office. Only for a bare "the prime minister" (``_SKIPPING_OFFICES``)."""
    for cand in reversed([p for p in cands if p.end <= last.start and p.sentence >= window
                          and not any(a <= p.start < b for a, b in quoted)]):
        name = cand.name or cand.text
        if name == (last.name or last.text):
            continue
        if posts.get(name) or _gender_clash(m.role, cand, ctx.disc.genders):
            return None  # the next one back holds a post too: nothing singles anyone out
        return name
    return None

