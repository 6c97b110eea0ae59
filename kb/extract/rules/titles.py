"""Title rules: a role title right before a name ("Prime Minister X", "King Harald V of Norway"), a
throne, a term of office ("the presidency of X").
"""

from __future__ import annotations

from typing import Optional

from ...model import Mention
from ..claims import Claim
from ..lexicon import lexicon, word_tuples
from ...names import LEGAL_SUFFIXES
from ..mentions import ORG_HEAD_WORDS, name_forward, skip_honorific
from ..roles import GENERIC_ROLES, REGNAL_TITLES, RoleMatch, _org_name_span, regnal_name
from .context import (
    IRREALIS, Quoted, SentCtx, add_rule_person, new_claim, person_at, person_ending, regnal_person,
)
from .orgs import employer_after_name, org_after_name
from .places import country_of_place
from .subjects import subject_left


def title_before_name(ctx: SentCtx, m: RoleMatch, mentions: list[Mention], quoted: Quoted, earlier: list[Claim]) -> Optional[Claim]:
    """ROLE NAME: "Prime Minister Jonas Gahr Store", "former ministre Jane Roe"."""
    doc = ctx.doc
    i = m.end
    if i < len(doc) and doc[i].text == "," and (m.org_possessive or m.start > 0 and doc[m.start - 1].lower_ == "the"):
        i += 1  # "the president of France, Emmanuel Macron," / "Norway's finance minister, Jens Stoltenberg"
    i = skip_honorific(doc, i)
    if i >= len(doc):
        return None
    p = person_at(ctx, i)
    if p is None and doc[m.core_end - 1].lower_ in REGNAL_TITLES and regnal_name(doc, i) is not None:
        p = regnal_person(ctx, regnal_name(doc, i), mentions)
    if p is None and (m.capitalised or m.org_name) and doc[i].ent_type_ not in ("ORG", "GPE", "NORP", "DATE", "LOC") \
            and not _inside_name(doc, m.core_end - 1, i):
        span = name_forward(doc, i)
        if span is not None and (span[1] - span[0] >= 2 or m.capitalised) and not _modifies_noun(doc, span[1]) \
                and not (span[1] - span[0] == 1 and (ctx.lowers[span[0]].rstrip("s"),) in lexicon().roles):  # "Lib Dem MPs"
            p = add_rule_person(ctx, span, "title", mentions)
    if p is None and _person_named_org(doc, m, i):
        ent = next(e for e in doc.ents if e.start == i)
        p = regnal_person(ctx, (ent.start, ent.end), mentions, "title")
    if p is None:
        return None
    if m.org_name is None and m.category in ("head_of_state", "religious", "head_of_government"):
        org_after_name(doc, m, p[1])
    elif m.org_name is None and m.category in _EMPLOYER_AFTER_NAME:
        employer_after_name(doc, m, p[1])  # "said analyst Jane Roe at Acme Bank"
    claim = new_claim(ctx, m, p[2], "title_before_name")
    if claim.status == "unknown":
        claim.status, claim.status_strength = "current", 1  # news titles name the holder now
    return claim


#: Categories of posts whose organisation may follow the holder's name ("analyst Jane Roe of
#: Acme Bank", "economist Tom Hale at Brindle"): jobs and company posts.
_EMPLOYER_AFTER_NAME = {"employee", "media", "executive"}


def _person_named_org(doc, m: RoleMatch, i: int) -> bool:
    """ "Lib Dem Treasury spokesman [Vince Cable]ORG", "Former Worldcom boss [Bernie Ebbers]ORG":
    the small English model often tags a two- or three-word personal name ORG, most of all
    right after a title, and every rule then skips the holder. Such a span is read as the
    title's person when it looks like a name and nothing in it says organisation: only
    capitalised words, none an organisation head word ("Deutsche Bank", "Mitsubishi Motors"),
    a legal suffix or a country or nationality ("France Telecom"), no noun after it. A generic
    role needs its organisation for this ("owner France Telecom", "market leader Mengniu
    Dairy" name companies after the role; "Yukos spokesman X" names the person)."""
    ent = next((e for e in doc.ents if e.start == i), None)
    if ent is None or ent.label_ != "ORG" or not 2 <= len(ent) <= 3 or _modifies_noun(doc, ent.end):
        return False
    if m.org_name is None and m.role in GENERIC_ROLES:
        return False
    lex = lexicon()
    for tok in ent:
        word = tok.text
        if not (word[:1].isupper() and word[1:2].islower() and word.replace("-", "").replace("'", "").isalpha()):
            return False
        if word.lower() in ORG_HEAD_WORDS or word.lower() in LEGAL_SUFFIXES or word in lex.countries or word in lex.demonyms:
            return False
    return True


def _modifies_noun(doc, end: int) -> bool:
    """ "Premier League side", "President Hotel staff": capitalised words before a common noun
    modify it (a compound), so they are no person's name."""
    return end < len(doc) and doc[end].pos_ == "NOUN" and doc[end].text.islower()


def _inside_name(doc, last: int, nxt: int) -> bool:
    """ "Premier League", "President Hotel": the title word and the next word are one name
    (NER continues the entity across them), so the next word is not a person after a title."""
    return doc[nxt].ent_iob_ == "I" and doc[last].ent_type_ not in ("", "PERSON", "PER")


#: Nouns naming a head's time in office: "the presidency of X", "during the reign of X",
#: "Bell's premiership". Not "the Obama administration" or "Putin's government": news names
#: foreign leaders' governments in stories about other countries all the time.
TERM_NOUNS = word_tuples("term_nouns_en.tsv")


def term_of_office(ctx: SentCtx, roles: list[RoleMatch], mentions: list[Mention], quoted: Quoted) -> list[Claim]:
    """ "during the presidency of Harry Truman", "under Tom Bell's premiership", "the reign of
    Olaf III": the person held the country's top post (the country comes from the document,
    see ``document_country``; without one country the claim is dropped)."""
    doc, out = ctx.doc, []
    for k, w in enumerate(ctx.lowers):
        term = TERM_NOUNS.get(w)
        if term is None:
            continue
        tok = doc[k]
        p = None
        if k + 1 < len(doc) and doc[k + 1].lower_ == "of" and k > 0 and doc[k - 1].lower_ == "the":
            p = person_at(ctx, skip_honorific(doc, k + 2))
        elif k > 1 and doc[k - 1].lower_ in ("'s", "’s"):
            p = person_ending(ctx, k - 1)
        if p is None:
            continue
        fake = RoleMatch(k, k + 1, k, k + 1, term[0], term[1], text=tok.text)
        claim = new_claim(ctx, fake, p[2], "term_of_office")
        out.append(claim)
    return out


def regnal_realm(ctx: SentCtx, roles: list[RoleMatch], mentions: list[Mention], quoted: Quoted) -> list[Claim]:
    """ "built by Christian IV of Denmark", "Louis XIV of France": a name, a Roman numeral and
    "of" a country name a monarch of that country even without a title (a titled one,
    "King Olav V of Norway", is the title rule's). Only one given name before the numeral
    ("John Smith III of Texas" is no ruler) and only a country from the lexicon."""
    doc, out = ctx.doc, []
    taken = {i for m in roles for i in range(m.start, m.end)}
    lowers = ctx.lowers
    for i in range(len(doc) - 3):
        if lowers[i + 2] != "of":  # cheap exit: the span below must end before "of"
            continue
        span = regnal_name(doc, i)
        if span is None or span[1] - span[0] != 2 or i in taken or span[1] + 1 >= len(doc) or doc[span[1]].lower_ != "of":
            continue
        if i > 0 and (doc[i - 1].text[:1].isupper() and doc[i - 1].is_alpha or doc[i - 1].lower_ in REGNAL_TITLES):
            continue  # "King Christian IV", "Duke Francis II": a title or a longer name before
        j = span[1] + 1 + (doc[span[1] + 1].lower_ == "the")
        realm = _org_name_span(doc, j)
        country = country_of_place(doc[j : realm[1]].text) if realm else None
        if country is None:
            continue
        p = person_at(ctx, i) or regnal_person(ctx, span, mentions)
        fake = RoleMatch(i, realm[1], span[1], span[1] + 1, "monarch", "head_of_state", text=doc[i : realm[1]].text,
                         org_name=country, org_start=j, org_end=realm[1], org_label="rule:realm")
        out.append(new_claim(ctx, fake, p[2], "title_before_name"))
    return out


#: "ascended the throne", "succeeded to the throne", "came to the Danish throne".
THRONE_VERBS = {"ascended", "ascends", "succeeded", "acceded", "came", "assumed", "inherited", "mounted", "took"}


def throne(ctx: SentCtx, roles: list[RoleMatch], mentions: list[Mention], quoted: Quoted) -> list[Claim]:
    """ "X ascended the throne of Sweden in 1310", "X succeeded to the Danish throne": the
    subject became monarch of the realm named after "throne" or before it (a country or its
    demonym); the date is the start. Never for heirs or claimants ("heir to the throne")."""
    doc, out = ctx.doc, []
    for k, w in enumerate(ctx.lowers):
        if w != "throne":
            continue
        v = next((x for x in range(k - 1, max(-1, k - 5), -1) if doc[x].lower_ in THRONE_VERBS), None)
        if v is None or any(t.lower_ in ("heir", "claimant", "pretender") for t in doc[v:k]):
            continue
        realm = None
        if k + 2 < len(doc) and doc[k + 1].lower_ == "of":
            j = k + 2 + (doc[k + 2].lower_ == "the")
            sp = _org_name_span(doc, j)
            realm = (j, sp[1]) if sp else None
        elif doc[k - 1].text[:1].isupper():
            realm = (k - 1, k)
        country = country_of_place(doc[realm[0] : realm[1]].text) if realm else None
        if country is None and realm is not None:
            country = lexicon().countries.get(doc[realm[0] : realm[1]].text)  # "the Danish throne"
        if country is None:
            continue
        subject = subject_left(ctx, v, mentions, quoted)
        if subject is None and regnal_name(doc, 0) is not None and regnal_name(doc, 0)[1] == v:
            subject = (regnal_person(ctx, regnal_name(doc, 0), mentions), "copula")  # "Olaf III ascended …"
        if subject is None or any(t.lower_ in IRREALIS for t in doc[subject[0][1] : v]):
            continue
        fake = RoleMatch(v, max(k + 1, realm[1]), k, k + 1, "monarch", "head_of_state", text=doc[v : max(k + 1, realm[1])].text,
                         org_name=country, org_start=realm[0], org_end=realm[1], org_label="rule:throne")
        claim = new_claim(ctx, fake, subject[0][2], "copula")
        claim.dated_event = True
        out.append(claim)
    return out


def conjoined_title(ctx: SentCtx, m: RoleMatch, mentions: list[Mention], quoted: Quoted, earlier: list[Claim]) -> Optional[Claim]:
    """ROLE and ROLE NAME: "Veteran Labour MP and former Cabinet minister Jane Roe": the first of
    two coordinated titles before a name is the name's too. The second title (up to six words, no
    verb or comma) must end in a role word and stand right before the name."""
    doc = ctx.doc
    j = m.end
    if j >= len(doc) or ctx.lowers[j] != "and" or (m.start > 0 and ctx.lowers[m.start - 1] in ("the", "both", "a", "an")):
        return None  # "Both the prime minister and Chancellor X": two people
    words = lexicon().role_words
    for k in range(j + 2, min(len(doc), j + 8)):
        t = doc[k - 1]
        if t.pos_ in ("VERB", "AUX") or t.is_punct and t.text != "-" or t.ent_type_ == "PERSON":
            return None
        p = person_at(ctx, skip_honorific(doc, k))
        if p is not None:
            if t.lower_ not in words:
                return None
            claim = new_claim(ctx, m, p[2], "title_before_name")
            if claim.status == "unknown":
                claim.status, claim.status_strength = "current", 1
            return claim
    return None
