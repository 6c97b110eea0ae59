"""The organisation of one role phrase when the phrase itself does not name it: anaphors ("its",
"the company's"), the realm after a name, the object of the verb before "as".
"""

from __future__ import annotations

import re
from typing import Optional

from ...model import Mention, Span
from ..lexicon import lexicon, role_categories, word_lists, word_sets
from ..roles import (
    GENERIC_ROLES, NEEDS_ORG_ALWAYS, ROLE_MODIFIERS, RoleMatch, _clean_org, _org_name_span, is_party,
)
from .context import SentCtx
from .employment import VERB_ROLES
from .places import country_of_place


ANAPHOR_NOUNS = word_lists("anaphor_nouns_en.tsv")


#: Adjectives between "the" and an anaphor noun that still point back ("the new company").
ANAPHOR_ADJECTIVES = {"new", "combined", "merged", "same", "parent", "former", "renamed", "enlarged", "latter"}


#: Role categories whose "its" refers to a country, not to an organisation ("its president").
STATE_CATEGORIES = word_sets("role_classes_en.tsv")["state_categories"]


def _its_org(ctx: SentCtx, m: RoleMatch, mentions: list[Mention]) -> None:
    """ "Acme said its chief executive Jane Roe …", "the group and its leader X": "its" is the
    organisation named last before it in the sentence, else the first one (the topic) of the
    sentence before. A state post's "its" ("Norway and its prime minister") looks for a country."""
    doc, k = ctx.doc, m.start
    # an organisation the document's cues retyped from a person ("Yukos has no assets") counts like an NER one
    labels = ("GPE",) if m.category in STATE_CATEGORIES else ("ORG", "rule:type_organization")
    pos = ctx.sent.start + doc[k - 1].idx
    orgs = [x for x in mentions if x.type == "organization" and x.label in labels and x.end <= pos]
    same = [x for x in orgs if x.sentence == ctx.sent.index]
    prev = [x for x in orgs if x.sentence == ctx.sent.index - 1]
    if same:
        target = same[-1]
    elif prev and not any(x.sentence == ctx.sent.index for x in mentions if x.type == "organization" and x.end <= pos):
        target = prev[0]  # only when no other organisation or place came in between
    else:
        return
    name = country_of_place(target.text) if labels == ("GPE",) else target.text
    if not name:
        return
    m.org_name, m.org_start, m.org_end, m.org_label, m.start = name, k - 1, k, "rule:its", k - 1
    m.org_possessive, m.text = True, doc[k - 1 : m.end].text


def _org_frame(ctx: SentCtx, m: RoleMatch) -> bool:
    """ "the third chairman in the history of Fjordline Ferries": the organisation after "in the
    history of"; "At the Harbour Trust, Y replaced X as director": a fronted "At ORG," frames
    the posts its sentence names (company and board posts only)."""
    doc = ctx.doc
    words = ctx.lowers[m.end : m.end + 4]
    span = None
    if words == ["in", "the", "history", "of"]:
        j = m.end + 4 + (m.end + 4 < len(doc) and ctx.lowers[m.end + 4] == "the")
        span = _org_name_span(doc, j)
    elif ctx.lowers[:1] == ["at"] and m.category in COMPANY_CATEGORIES | {"org_head", "employee", "official"}:
        j = 1 + (len(doc) > 1 and ctx.lowers[1] == "the")
        span = _org_name_span(doc, j)
        if span is not None and (span[1] >= len(doc) or doc[span[1]].text != "," or span[1] > m.start):
            span = None
    if span is None or doc[span[0]].ent_type_ in ("PERSON", "DATE", "GPE", "LOC"):
        return False
    start, name = _clean_org(doc, span[0], span[1])
    if not name:
        return False
    m.org_name, m.org_start, m.org_end, m.org_label = name, start, span[1], "rule:frame"
    return True


def org_anaphor(ctx: SentCtx, m: RoleMatch, mentions: list[Mention]) -> None:
    """ "the country's prime minister", "the company's chief executive": the org named last;
    "its chief executive": see ``_its_org``; "in the history of ORG", "At ORG, …": ``_org_frame``."""
    doc, k = ctx.doc, m.start
    if _org_frame(ctx, m):
        return
    if k >= 1 and doc[k - 1].lower_ == "its":
        _its_org(ctx, m, mentions)
        return
    if _of_the_anaphor(ctx, m, mentions):
        return
    if k < 3 or doc[k - 1].lower_ not in ("'s", "’s") or doc[k - 3].lower_ != "the":
        return
    labels = ANAPHOR_NOUNS.get(doc[k - 2].lower_)
    if labels is None:
        return
    pos = ctx.sent.start + doc[k - 3].idx
    before = [x for x in mentions if x.type == "organization" and x.label in labels and x.end <= pos]
    if doc[k - 2].lower_ == "party":
        before = [x for x in before if is_party(x.text)]  # "the party's leader": Labour, the Social Democrats
    if not before:
        return
    m.org_name = lexicon().demonyms.get(before[-1].text, before[-1].text)
    m.org_start, m.org_end, m.org_label, m.start = k - 2, k - 1, "rule:anaphor", k - 3
    m.org_possessive, m.text = True, doc[k - 3 : m.end].text


def _of_the_anaphor(ctx: SentCtx, m: RoleMatch, mentions: list[Mention]) -> bool:
    """ "chief financial officer of the company", "leader of the party": the organisation (or
    country) of that kind named last, in this sentence or the one before."""
    doc, i = ctx.doc, m.core_end
    if i + 2 >= len(doc) or doc[i].lower_ not in ("of", "at") or doc[i + 1].lower_ != "the":
        return False
    if i + 3 < len(doc) and doc[i + 2].lower_ in ANAPHOR_ADJECTIVES and doc[i + 3].lower_ in ANAPHOR_NOUNS:
        i += 1  # "CEO of the new company", "chairman of the merged group": the org named before
    labels = ANAPHOR_NOUNS.get(doc[i + 2].lower_)
    if labels is None or (i + 3 < len(doc) and (doc[i + 3].text[:1].isupper() or doc[i + 3].lower_ in ("of", "'s", "’s"))):
        return False  # "of the Party of Regions", "of the company's board"
    pos = ctx.sent.start + doc[i].idx
    before = [x for x in mentions if x.type == "organization" and x.label in labels and x.end <= pos
              and ctx.sent.index - 1 <= x.sentence <= ctx.sent.index]
    if doc[i + 2].lower_ == "party":
        before = [x for x in before if is_party(x.text)]
    main = _main_org([x for x in mentions if x.end <= pos]) if labels == ("ORG",) and doc[i + 2].lower_ in TOPIC_NOUNS else []
    if main and not any(x.sentence == ctx.sent.index for x in before):
        before = main  # "took the helm at the company": the company the story is about
    if not before:
        return False
    target = before[-1]
    m.org_name = country_of_place(target.text) if labels == ("GPE",) else target.text
    if before is main:
        m.org_name = main_org_name(main)
    if not m.org_name:
        return False
    m.org_start, m.org_end, m.org_label, m.end = i + 2, i + 3, "rule:anaphor", i + 3
    m.text = doc[m.start : m.end].text
    return True


#: Nouns for which "the NOUN" in a story about one company means that company, whatever other
#: organisation was named last ("Forbes said … Mr Roe took the helm at the company in 2003").
TOPIC_NOUNS = {"company", "firm", "group", "business", "bank", "carrier", "retailer", "airline", "insurer"}


POSSESSIVES = {"its", "his", "her", "their", "our", "my", "your", "'s", "’s"}


def org_from_document(doc, m: RoleMatch, rule: str) -> bool:
    """A company post that needs an organisation but names none before a name ("former director
    Jane Roe", "paid to director Jane Roe") may take the document's main organisation
    (``document_org``); the claim is dropped there when the document has none (a film director).
    Not after a possessive ("its founder X"): its owner is some other organisation.

    A bare party or ministerial title before a name ("with leader Jane Roe saying", "former
    minister Jane Roe") is the same in political news: the party is the one the document is
    about (``party_posts``), the country the one it is set in (``document_country``), and the
    claim is dropped when the document gives none. Only when nothing describes the title from
    the left: "union leader X", "market leader X", "Iraqi interim leader X" name some other body."""
    if rule != "title_before_name" or m.org_name is not None or (m.start > 0 and doc[m.start - 1].lower_ in POSSESSIVES):
        return False
    if company_word(doc, m):
        return True
    category = role_category(m.role)
    if category in COMPANY_CATEGORIES:
        return _needs_org(m.role)
    return category in _DOCUMENT_TITLE_CATEGORIES and m.role.split()[-1] in GENERIC_ROLES \
        and not _described_from_left(doc, m.start)


#: Nouns for the company a story is about that stand before a title as its premodifier.
_COMPANY_WORDS = {"company", "firm", "group"}


def company_word(doc, m: RoleMatch) -> bool:
    """ "using a letter from company president Lee Roe", "company spokesman Tom Hale said": a
    title whose premodifier is the word "company" (or "firm", "group") is a post of the company
    the story is about, whatever the title's category (a company president is no head of state);
    ``document_org`` gives that company, or drops the claim when the document has none."""
    return m.core_start > m.start and doc[m.core_start - 1].lower_ in _COMPANY_WORDS and doc[m.core_start - 1].text.islower()


#: Categories of bare titles whose organisation the document gives (see ``org_from_document``):
#: a minister's country; a party leader's party ("with leader Jane Roe saying", "deputy leader
#: Tom Hale"; BBC corpus, session 10: 6 new such holders, 6 with the right party, see ``party_posts``).
_DOCUMENT_TITLE_CATEGORIES = {"minister", "party"}


def _described_from_left(doc, start: int) -> bool:
    """ "union leader", "long-serving leader", "Iraqi leader": a word before the title phrase
    that describes it (a noun, adjective or name), so the post is not simply the document's."""
    return start > 0 and (doc[start - 1].pos_ in ("NOUN", "PROPN", "ADJ", "NUM") or doc[start - 1].ent_type_ != "")


def org_ok(m: RoleMatch, rule: str) -> bool:
    """Generic roles ("head", "leader") need an organisation; titles need a capital or org."""
    base = m.role.split()[-1]
    core = " ".join(w for w in m.role.split() if w not in ROLE_MODIFIERS and w != "first")  # "senior adviser" -> adviser
    if m.role in NEEDS_ORG_ALWAYS or core in NEEDS_ORG_ALWAYS or base in NEEDS_ORG_ALWAYS and m.role == base:
        return m.org_name is not None
    if m.role in GENERIC_ROLES and rule == "title_before_name" and not (m.capitalised or m.org_name):
        return False
    return True


def org_after_name(doc, m: RoleMatch, end: int) -> None:
    """ "King Abdullah of Jordan", "Queen Margrethe II of Denmark": the realm follows the name."""
    if end + 1 >= len(doc) or doc[end].lower_ != "of":
        return
    j = end + 1 + (doc[end + 1].lower_ == "the")
    span = _org_name_span(doc, j)
    if span is None or doc[span[0]].ent_type_ in ("PERSON", "DATE"):
        return
    start, name = _clean_org(doc, span[0], span[1])
    m.org_name, m.org_start, m.org_end, m.org_label = name, start, span[1], span[2]


def employer_after_name(doc, m: RoleMatch, end: int) -> None:
    """ "said analyst Jane Roe at Acme Bank", "energy analyst Tom Hale of Brindle Securities": a
    job title before a name whose "of/at" organisation follows the name. Only an organisation:
    a place after "of" is where the holder comes from ("director Jane Roe of Leeds")."""
    if end + 1 >= len(doc) or doc[end].lower_ not in ("of", "at"):
        return
    j = end + 1 + (doc[end + 1].lower_ == "the")
    span = _org_name_span(doc, j)
    if span is None or span[2] not in ("ORG", "rule:cap") or any(doc[k].ent_type_ for k in range(span[0], span[1])
                                                                   if doc[k].ent_type_ != "ORG"):
        return
    start, name = _clean_org(doc, span[0], span[1])
    m.org_name, m.org_start, m.org_end, m.org_label = name, start, span[1], span[2]


def person_to_org(ctx: SentCtx, m: RoleMatch, mentions: list[Mention]) -> None:
    """The name after "mayor of" / "chief executive of" that NER took for a person is the
    post's place or company: it stops being a person of this sentence."""
    for p in [p for p in ctx.persons if m.org_start <= p[0] < m.org_end]:
        ctx.persons.remove(p)
        p[2].type, p[2].label = "organization", "rule:org_of_role"


def org_from_verb(doc, m: RoleMatch, lo: int, hi: int) -> None:
    """ "X, who led the Red Cross as president": the org is the object of the verb before "as"."""
    for i in range(lo, hi):
        if doc[i].lower_ in VERB_ROLES or doc[i].lower_ in ("joined", "joins", "at"):
            j = i + 1 + (i + 1 < hi and doc[i + 1].lower_ == "the")
            span = _org_name_span(doc, j)
            if span is not None and span[1] <= hi and not doc[span[0]].ent_type_ in ("PERSON", "DATE"):
                start, name = _clean_org(doc, span[0], span[1])
                m.org_name, m.org_start, m.org_end, m.org_label = name, start, span[1], span[2]
                return


#: Role categories of company posts: with no organisation named they are the document's main
#: organisation's ("Chief executive Jane Roe said the firm …" in a story about one company).
COMPANY_CATEGORIES = {"executive", "chair"}


#: Words right before an organisation that make it the outlet quoting someone ("told the BBC",
#: "in an interview with Reuters"), not what the story is about.
_TOLD_RE = re.compile(r"\b(?:told|telling|tells|speaking to|spoke to|interview with|interviewed by|writing in|wrote in)\s+(?:the\s+)?$",
                      re.IGNORECASE)


def outlet_mentions(claims: list, mentions: list[Mention], text: str) -> set[int]:
    """Starts of organisation mentions that only name the news outlet reporting the story: the
    organisation of a media post ("BBC correspondent Ann Roe", "the Times' political editor"),
    or the one someone spoke to ("told the BBC"). A British news story names its own
    broadcaster more often than the charity or firm it is about, so counting these made the
    outlet the document's main organisation and gave it the firm's chief executive."""
    media = {c.org_span.start for c in claims if c.org_span is not None and role_category(c.role) == "media"}
    return media | {x.start for x in mentions if x.type == "organization" and _TOLD_RE.search(text[max(0, x.start - 40) : x.start])}


def document_org(claims: list, mentions: list[Mention], text: str = "") -> None:
    """Company posts with no organisation ("chief executive Jane Roe", "the directors are A and
    B") take the organisation the document is about: the NER organisation named most often, at
    least three times and clearly more often than any other (``_main_org``; parties, places and
    the outlet quoting people (``outlet_mentions``; ``text``: the document's text) never count).
    A list claim (``role_list``) of a post that needs an organisation, or a title naming none
    (``org_from_document``), is dropped when there is none; such a title takes the main
    organisation only when its sentence or the one before names it. The org evidence is the main
    organisation's nearest earlier mention."""
    open_claims = [c for c in claims if c.org is None and (role_category(c.role) in COMPANY_CATEGORIES or c.company_word)]
    if open_claims:
        outlet = outlet_mentions(claims, mentions, text)
        main = _main_org([x for x in mentions if x.start not in outlet])
        for c in open_claims if main else []:
            if c.needs_doc_org and not any(c.sentence - 1 <= x.sentence <= c.sentence for x in main):
                continue  # a bare "director X" takes the main org only where the text just named it
            found = [x for x in main if x.start <= c.role_span.start] or main
            x = found[-1]
            c.org, c.org_span, c.org_label = main_org_name(main), Span(x.start, x.end, x.text), "rule:doc_org"
    claims[:] = [c for c in claims if not (c.org is None and (c.needs_doc_org or c.rule == "role_list" and _needs_org(c.role)))]


#: Posts an owner's name before them ("X's chief executive", "X's foreign minister") belongs to:
#: a company or a state, never a person (unlike "X's chief of staff", "X's adviser").
OWNED_POST_CATEGORIES = {"minister", "head_of_state", "head_of_government", "executive", "chair", "org_head"}


def possessor_org(claims: list, mentions: list[Mention], text: str) -> None:
    """ "Velmora's foreign minister Ilse Roe", "said Tom Hale, Foster's chief executive": a name
    with "'s" right before a company or state post is the post's organisation: one the document
    shows to be an organisation, or a one-word name NER took for a person when no person of the
    document has it as part of a fuller name (that mention then becomes an organisation;
    ``text``: the document's text). GPE owners are the role rules' ("Norway's")."""
    persons = [x for x in mentions if x.type == "person"]
    for c in claims:
        if c.org is not None or role_category(c.role) not in OWNED_POST_CATEGORIES:
            continue
        owner = next((x for x in mentions if x.sentence == c.sentence and x.type in ("person", "organization")
                      and x.label not in ("GPE", "LOC", "NORP") and text[x.end : c.role_span.start] in ("'s ", "’s ")), None)
        if owner is None or owner.start == c.mention.start:
            continue
        if owner.type == "person" and (" " in owner.text or any(owner.text in x.text.split() and x.text != owner.text
                                                                for x in persons)):
            continue
        c.org, c.org_span, c.org_label = owner.text, Span(owner.start, owner.end, owner.text), "rule:possessor"
        for x in [x for x in persons if x.text == owner.text]:
            x.type, x.label = "organization", "rule:possessor_org"


def juxtaposed_org(claims: list, mentions: list[Mention], text: str) -> None:
    """ "[GW Pharma]PERSON executive chairman Ann Roe": a name NER took for a person, right
    before a company post whose holder follows the title, is the post's organisation (English
    never sets a person's name before another's title without "'s"). That mention becomes an
    organisation, so the company is no false person either."""
    persons = [x for x in mentions if x.type == "person"]
    for c in claims:
        if c.org is not None or c.rule != "title_before_name" or role_category(c.role) not in ("executive", "chair"):
            continue
        owner = next((x for x in persons if x.sentence == c.sentence and x.end < c.role_span.start
                      and text[x.end : c.role_span.start] == " " and x.start != c.mention.start), None)
        if owner is None or c.mention.start < c.role_span.end or owner.label == "pronoun":
            continue
        c.org, c.org_span, c.org_label = owner.text, Span(owner.start, owner.end, owner.text), "rule:juxtaposed"
        for x in [x for x in persons if x.text == owner.text]:
            x.type, x.label = "organization", "rule:juxtaposed_org"


#: Capitalised words right before "Party leader" ("Scottish National Party leader X"); not a
#: sentence-initial determiner ("His party leader, X": his party, whatever it is).
_NAME_BEFORE_RE = re.compile(r"(?<![\w'’.-])(?!(?:His|Her|Their|Its|Our|The|This|That|A|An)\s)((?:[A-Z][\w'’.-]*\s+){1,4})$")


def party_posts(claims: list, mentions: list[Mention], text: str) -> None:
    """A party post with no party: "Scottish National Party leader X" (the role phrase took
    "Party"; the capitalised words before it name the party), else the one party the document
    names most ("Party leader X" in a story about one party: at least twice, and more than
    twice as often as any other)."""
    open_claims = [c for c in claims if c.org is None and role_category(c.role) == "party" and c.role != "member"]
    if not open_claims:
        return
    counts: dict[str, list[Mention]] = {}
    for x in mentions:
        if x.type == "organization" and is_party(x.text, x.label):
            counts.setdefault(x.name or x.text, []).append(x)
    for short in [k for k in counts if " " not in k]:  # "Democrats" of "Liberal Democrats"
        longer = [k for k in counts if k != short and k.split()[-1] == short]
        if len(longer) == 1:
            counts[longer[0]].extend(counts.pop(short))
    ranked = sorted(counts.items(), key=lambda kv: -len(kv[1]))
    main = ranked[0] if ranked and len(ranked[0][1]) >= 2 and (len(ranked) == 1 or len(ranked[0][1]) > 2 * len(ranked[1][1])) else None
    for c in open_claims:
        hit = _NAME_BEFORE_RE.search(text[max(0, c.role_span.start - 80) : c.role_span.start])
        if c.role_text[:5].lower() == "party" and hit:
            name = hit.group(1).strip() + " Party"
            start = c.role_span.start - len(hit.group(1))
            c.org, c.org_span, c.org_label = name, Span(start, c.role_span.start + 5, text[start : c.role_span.start + 5]), "rule:party_name"
        elif c.needs_doc_org and _party_just_named(c, counts) is not None:
            name, x = _party_just_named(c, counts)
            c.org, c.org_span, c.org_label = name, Span(x.start, x.end, x.text), "rule:near_party"
        elif main is not None:
            x = max((x for x in main[1] if x.start <= c.role_span.start), key=lambda x: x.start, default=main[1][0])
            c.org, c.org_span, c.org_label = main[0], Span(x.start, x.end, x.text), "rule:doc_party"


def _party_just_named(c, counts: dict[str, list[Mention]]) -> Optional[tuple[str, Mention]]:
    """ "As usual, the Liberal Democrats will have to fight ... But leader Jane Roe believes":
    a bare party title ("leader X") in a story about several parties is the post of the party
    named last before it, in its sentence or the one before; None when none is named there."""
    near = [(name, x) for name, xs in counts.items() for x in xs
            if c.sentence - 1 <= x.sentence <= c.sentence and x.end <= c.role_span.start]
    return max(near, key=lambda nx: nx[1].start) if near else None


def role_category(role: str) -> str:
    """The category of a role name, modifiers ("deputy", "non-executive") ignored."""
    cats = role_categories()
    if role in cats:
        return cats[role]
    core = " ".join(w for w in role.split() if w not in ROLE_MODIFIERS)
    return cats.get(core, "")


def _needs_org(role: str) -> bool:
    core = " ".join(w for w in role.split() if w not in ROLE_MODIFIERS)
    return core in NEEDS_ORG_ALWAYS or role.split()[-1] in NEEDS_ORG_ALWAYS


#: Sentences that state what a news text is about (the headline, the lead): an organisation
#: named there counts twice towards the document's main organisation.
LEAD_SENTENCES = 2


def _org_key(text: str) -> str:
    """An organisation mention's grouping key: no leading "the", no possessive, lower case."""
    return text.removeprefix("the ").removeprefix("The ").removesuffix("'s").removesuffix("’s").lower()


def main_org_name(group: list[Mention]) -> str:
    """The name of the main organisation: its longest form ("Tate & Lyle", not "Tate")."""
    return max((x.text.removeprefix("the ").removesuffix("'s").removesuffix("’s") for x in group), key=len)


def _main_org(mentions: list[Mention]) -> list[Mention]:
    """The mentions of the document's main organisation (see ``document_org``), or []: the NER
    organisation named most often, a mention in the headline or lead counting twice and a
    short form ("Tate" of "Tate & Lyle", "TimeWarner" of "Time Warner") counting for the full
    name; at least three and at least one and a half times as much as any other."""
    by_name: dict[str, list[Mention]] = {}
    for x in mentions:
        if x.type == "organization" and x.label == "ORG" and not is_party(x.text):
            by_name.setdefault(_org_key(x.text), []).append(x)
    for short in [n for n in by_name if " " not in n]:
        longer = [n for n in by_name if n != short and n.split()[0] == short]
        if len(longer) == 1:
            by_name[longer[0]].extend(by_name.pop(short))
    for key in [k for k in by_name if " " in k]:  # "TimeWarner" and "Time Warner" are one company
        joined = key.replace(" ", "")
        if joined in by_name and key in by_name:
            by_name[key].extend(by_name.pop(joined))

    def weight(group: list[Mention]) -> int:
        return sum(2 if x.sentence < LEAD_SENTENCES else 1 for x in group)

    ranked = sorted(by_name.values(), key=weight, reverse=True)
    if not ranked or weight(ranked[0]) < 3 or (len(ranked) > 1 and 2 * weight(ranked[0]) < 3 * weight(ranked[1])):
        return []
    return sorted(ranked[0], key=lambda x: x.start)


#: Roles that serve a person or body named after "to" ("an adviser to the chairman").
TO_ORG_ROLES = word_sets("role_classes_en.tsv")["to_org_roles"]
_TO_RE = re.compile(r"\s+to\s+(?:the\s+)?")


def adviser_of_holder(claims: list, text: str) -> None:
    """ "a special advisor to chief executive Jeroen van der Veer": an adviser or consultant to a
    person serves that person's organisation: the org of the post the text gives right after
    "to" (a title before the name, or the name itself). Run after the document's organisation
    and country are given, so "chief executive X" has its company; ``text``: the document's text."""
    for c in claims:
        if c.org is not None or c.role.split()[-1] not in TO_ORG_ROLES:
            continue
        m = _TO_RE.match(text, c.role_span.end)
        if m is None:
            continue
        held = next((d for d in claims if d is not c and d.org and d.person != c.person
                     and m.end() in (d.role_span.start, d.mention.start)), None)
        if held is not None:
            c.org, c.org_span, c.org_label = held.org, held.org_span, "rule:adviser_of"


#: Nouns of bodies whose chair a text names by the noun alone ("Committee chairman X").
_CHAIRED_BODIES = ("committee", "commission", "inquiry", "panel", "taskforce")
#: Words that end a body's name read backwards from its noun ("he told committee chairman X").
_NOT_BODY_WORDS = {"the", "a", "an", "and", "or", "said", "says", "told", "by", "to", "of", "for", "with", "from", "as",
                   "he", "she", "it", "they", "we", "i", "his", "her", "its", "their", "our"}


def committee_chairs(claims: list, bodies: list[tuple[int, str]], text: str) -> None:
    """ "Public accounts committee chairman Edward Leigh": a chair with no organisation whose
    title opens with a body noun chairs that body: the words before the noun name it (from a
    capitalised word, at most four); a bare
    "Committee chairman X" chairs the body of that noun the text named last before it
    (``bodies``: (offset, name) of "the Commons education select committee" and the like, in
    text order)."""
    for c in claims:
        if c.org is not None or role_category(c.role) != "chair":
            continue
        lo = max(0, c.role_span.start - 80)
        words = text[lo: c.role_span.end].split()  # the role phrase may hold the noun ("committee chairman")
        role_words = c.role.split()
        while words and role_words and words[-1].lower() == role_words[-1]:
            words.pop()
            role_words.pop()
        if not words or words[-1].lower() not in _CHAIRED_BODIES:
            continue
        noun = words[-1].lower()
        own: list[str] = []
        for w in reversed(words[:-1]):
            if len(own) == 4 or not re.fullmatch(r"[\w'’-]+", w) or w.lower() in _NOT_BODY_WORDS:
                break
            own.insert(0, w)
        if own and own[0][:1].isupper() and own[0].lower() not in ("former", "ex", "new", "deputy", "vice"):
            name = " ".join(own + [words[-1]])
            start = text.rfind(name, lo, c.role_span.end)
            c.org, c.org_label = name, "rule:body_chair"
            c.org_span = Span(start, start + len(name), name) if start >= 0 else None
            continue
        named = [(pos, b) for pos, b in bodies if pos < c.role_span.start and b.lower().split()[-1] == noun]
        if named:
            pos, name = named[-1]
            c.org, c.org_span, c.org_label = name, Span(pos, pos + len(name), name), "rule:body_chair"
