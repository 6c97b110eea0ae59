"""Party membership rules: "X (PARTY)", "X of the PARTY", "PARTY's X", US party tags, seat holders'
parties.
"""

from __future__ import annotations

import re

from ...model import Mention
from ..claims import Claim
from ..lexicon import word_sets
from ..roles import NOT_NAME_WORDS, RoleMatch, _clean_org, _org_name_span, is_party
from .context import IRREALIS, Quoted, SentCtx, is_cap_word, new_claim, person_at, person_ending
from .employment import NOT_EMPLOYER, SPORT_CUES
from .subjects import subject_left


def party_in_parens(ctx: SentCtx, roles: list[RoleMatch], mentions: list[Mention], quoted: Quoted) -> list[Claim]:
    """NAME (PARTY): "Janne Johnsen (Conservative Party)" states party membership."""
    doc, out = ctx.doc, []
    for ps, pe, person in ctx.persons:
        if pe + 2 < len(doc) and doc[pe].text == "(":
            close = next((k for k in range(pe + 1, min(len(doc), pe + 8)) if doc[k].text == ")"), None)
            if close is None or close == pe + 1:
                continue
            span = doc[pe + 1 : close]
            if not is_party(span.text, doc[pe + 1].ent_type_) or not is_cap_word(doc[pe + 1]):
                continue
            fake = RoleMatch(pe + 1, close, pe + 1, close, "member", "party", text=span.text, org_name=span.text,
                             org_start=pe + 1, org_end=close, org_label="rule:party")
            claim = new_claim(ctx, fake, person, "apposition")
            out.append(claim)
    return out


#: US news marks a member of Congress with party and state: "(R-Ohio)", ", D-Calif.,", "(D)".
_US_PARTY_TAG = re.compile(r"^(?P<p>[RD])(?:\s*[-–]\s*[A-Z][A-Za-z.]*(?:\s[A-Z][A-Za-z.]*)?)?$")


_US_PARTIES = {"R": "Republican Party", "D": "Democratic Party"}


#: Seat holders whose parenthesis or "for the X Party" names their party ("politician (Moderate Party)").
SEAT_PREPOSITIONS = {"for", "from", "representing", "belonging", "affiliated"}


SEAT_NOUNS = word_sets("words_en.tsv")["seat_nouns"]


def party_possessive(ctx: SentCtx, roles: list[RoleMatch], mentions: list[Mention], quoted: Quoted) -> list[Claim]:
    """ "Labour's Jane Roe", "the Liberal Party's John Doe": a party's possessive right before
    a name states the person's membership."""
    doc, out = ctx.doc, []
    for ps, pe, person in ctx.persons:
        if ps < 2 or doc[ps - 1].lower_ not in ("'s", "’s", "'"):
            continue
        ent = next((e for e in doc.ents if e.end == ps - 1 and e.label_ in ("ORG", "NORP")), None)
        start = ent.start if ent is not None else ps - 2
        if ent is None and not is_cap_word(doc[ps - 2]):
            continue
        while ent is None and start > 0 and is_cap_word(doc[start - 1]) and doc[start - 1].lower_ not in NOT_NAME_WORDS:
            start -= 1  # "the Liberal Party's": the whole capitalised name
        o_start, name = _clean_org(doc, start, ps - 1)
        if not name or not is_party(name, ent.label_ if ent is not None else ""):
            continue
        fake = RoleMatch(start, pe, ps, pe, "member", "party", text=doc[start:pe].text, org_name=name,
                         org_start=o_start, org_end=ps - 1, org_label="rule:party_possessive")
        out.append(new_claim(ctx, fake, person, "apposition"))
    return out


def us_party_tags(ctx: SentCtx, roles: list[RoleMatch], mentions: list[Mention], quoted: Quoted) -> list[Claim]:
    """ "Sen. Jane Roe (R-Ohio)", "Rep. John Doe, D-Calif., said": the party letter after a
    name (with an optional state) is Republican or Democratic membership."""
    doc, out = ctx.doc, []
    for ps, pe, person in ctx.persons:
        if pe + 2 >= len(doc) or doc[pe].text not in ("(", ","):
            continue
        close = next((k for k in range(pe + 1, min(len(doc), pe + 7)) if doc[k].text in (")", ",")), None)
        if close is None or (doc[pe].text == "(") != (doc[close].text == ")"):
            continue
        tag = _US_PARTY_TAG.match(doc[pe + 1 : close].text)
        if tag is None:
            continue
        party = _US_PARTIES[tag.group("p")]
        fake = RoleMatch(pe + 1, close, pe + 1, pe + 2, "member", "party", text=doc[pe + 1 : close].text, org_name=party,
                         org_start=pe + 1, org_end=pe + 2, org_label="rule:us_party_tag")
        out.append(new_claim(ctx, fake, person, "apposition"))
    return out


def seat_party(ctx: SentCtx, roles: list[RoleMatch], mentions: list[Mention], quoted: Quoted) -> list[Claim]:
    """ "X is a Swedish politician (Moderate Party)", "a member of the Legislative Assembly for
    the Liberal Party": a party in a parenthesis right after a seat noun, or after "for (the)"
    following a seat phrase, belongs to the seat holder (the subject of the clause)."""
    doc, out = ctx.doc, []
    for k, w in enumerate(ctx.lowers):
        if w not in SEAT_NOUNS or k + 2 >= len(doc):
            continue
        if doc[k + 1].text == "(":
            close = next((x for x in range(k + 2, min(len(doc), k + 9)) if doc[x].text == ")"), None)
            span = (k + 2, close, doc[k + 2].ent_type_) if close else None
        else:
            f = next((x for x in range(k + 1, min(len(doc), k + 9)) if doc[x].lower_ in SEAT_PREPOSITIONS
                      and doc[x - 1].lower_ not in ("elected", "ran", "running", "standing", "stood")), None)
            if f is None or any((t.pos_ in ("VERB", "AUX") and t.lower_ not in SEAT_PREPOSITIONS) or t.text in (",", ";")
                                for t in doc[k + 1 : f]):
                continue
            f += doc[f].lower_ in ("belonging", "affiliated") and f + 1 < len(doc) and doc[f + 1].lower_ in ("to", "with")
            span = _org_name_span(doc, f + 1 + (f + 2 < len(doc) and doc[f + 1].lower_ == "the"))
        if span is None or not is_cap_word(doc[span[0]]) or span[1] < len(doc) and doc[span[1]].text.islower() \
                and doc[span[1]].pos_ in ("NOUN", "PROPN"):
            continue  # "for the Liberal Party congress": the party only names the event
        start, name = _clean_org(doc, span[0], span[1])
        if not name or not is_party(name, span[2]):
            continue
        subject = subject_left(ctx, k, mentions, quoted)
        if subject is None or any(t.lower_ in IRREALIS for t in doc[subject[0][1] : k]):
            continue
        fake = RoleMatch(k, span[1], k, k + 1, "member", "party", text=doc[k : span[1]].text, org_name=name,
                         org_start=start, org_end=span[1], org_label="rule:seat_party")
        out.append(new_claim(ctx, fake, subject[0][2], "copula"))
    return out


_LEGISLATURE = re.compile(r"(?i)^(?:(?:the\s+)?(?:U\.?S\.?|United States|American)\s+)?(?:Congress|Union)$")


def party_of(ctx: SentCtx, roles: list[RoleMatch], mentions: list[Mention], quoted: Quoted) -> list[Claim]:
    """NAME of the PARTY: "Jane Roe of the Labour Party", "John Doe of the Social Democrats"."""
    doc, out = ctx.doc, []
    for ps, pe, person in ctx.persons:
        if pe + 1 >= len(doc) or doc[pe].lower_ != "of":
            continue
        j = pe + 1 + (doc[pe + 1].lower_ == "the")
        span = _org_name_span(doc, j)
        if span is None or person_at(ctx, span[0]):
            continue
        start, name = _clean_org(doc, span[0], span[1])
        if _LEGISLATURE.match(name):
            continue
        if is_party(name, span[2]):
            role, category = "member", "party"
        elif _affiliation(ctx, span, name):
            role, category = "employee", "employee"
        else:
            continue
        for _, _, who in [(ps, pe, person)] + _conjoined_persons_before(ctx, ps):
            fake = RoleMatch(pe, span[1], pe, pe + 1, role, category, text=doc[pe:span[1]].text, org_name=name,
                             org_start=start, org_end=span[1], org_label=span[2])
            out.append(new_claim(ctx, fake, who, "apposition"))
    return out


def _affiliation(ctx: SentCtx, span: tuple[int, int, str], name: str) -> bool:
    """ "Jane Roe of Acme Corp said", "measured by A and B of the Omega Foundation": a person
    "of" an organisation NER names works there. Not places ("Catherine of Aragon"), not teams
    in sports news ("Messi of Inter Miami"), not an organisation that only modifies a noun."""
    doc = ctx.doc
    if span[2] != "ORG" or NOT_EMPLOYER.search(name) or any(t.lower_ in SPORT_CUES for t in doc):
        return False
    return not (span[1] < len(doc) and doc[span[1]].pos_ == "NOUN" and doc[span[1]].text.islower())


def _conjoined_persons_before(ctx: SentCtx, ps: int) -> list[tuple[int, int, Mention]]:
    """ "Damien Roe and Rita Fica of the X Foundation": the persons joined to the one before
    "of" by "and" / "," (names only, nothing else between)."""
    out, k = [], ps
    while k >= 2 and ctx.doc[k - 1].lower_ in ("and", ","):
        p = person_ending(ctx, k - 1)
        if p is None:
            break
        out.append(p)
        k = p[0]
    return out
