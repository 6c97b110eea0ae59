"""Apposition rules: "X, the ROLE", "A ROLE, X said" (fronted) and "the ROLE is X" (inverse
copula).
"""

from __future__ import annotations

from typing import Optional

from ...model import Mention
from ..claims import Claim
from ..lexicon import lexicon
from ..mentions import in_ranges, name_backward, skip_honorific
from ..name_bounds import is_postnominal
from ..roles import RoleMatch
from .context import (
    PRESENT_WORDS, Quoted, SentCtx, add_rule_person, new_claim, paren_open, person_at, person_ending,
    regnal_person,
)
from .subjects import org_tagged_person, resolve_pronoun


def apposition(ctx: SentCtx, m: RoleMatch, mentions: list[Mention], quoted: Quoted, earlier: list[Claim]) -> Optional[Claim]:
    """NAME, [the|a] ROLE …: "Alexey Chepa, first deputy chairman of …"."""
    doc = ctx.doc
    k = m.start - 1
    while k >= 1 and (doc[k].ent_type_ == "NORP" or (doc[k].text,) in lexicon().party_members) and doc[k].text[:1].isupper():
        k -= 1  # "X, the Conservative spokesman for the Cabinet Office": the holder's party before the title
    if m.org_name is not None and m.org_start >= m.core_end:
        k = _before_place_premodifier(doc, k)  # "X, UK economist at Y,": a place narrows the post, the org follows
    if k >= 2 and doc[k].lower_ in ("'s", "’s") and doc[k - 1].text.islower() and doc[k - 2].lower_ == "the":
        k -= 2  # "X, the bank's former finance chief,": an anaphoric possessor inside the apposition
    elif k >= 2 and doc[k].lower_ in ("'s", "’s") and doc[k].tag_ == "POS":
        k -= 1  # "Trevor O'Hoy, Foster's chief executive": a possessor name NER took for a person
        while k >= 1 and (doc[k].text[:1].isupper() or doc[k].text in ("&", "-")) and doc[k - 1].text != ",":
            k -= 1  # "E&Y's": a name's inner "&" too
        k -= 1 if doc[k].text[:1].isupper() else 0
    while k >= 0 and doc[k].lower_ in ("the", "a", "an"):
        k -= 1
    adverb = doc[k].lower_ if k >= 1 and doc[k].lower_ in TIME_ADVERBS and doc[k - 1].text == "," else ""
    k -= bool(adverb)  # "Tom Hale, now foreign secretary,", "X, formerly chief executive of Y"
    if k >= 3 and doc[k].text == "," and doc[k - 1].like_num and len(doc[k - 1].text) <= 3 and doc[k - 2].text == ",":
        k -= 2  # "Ola Berg, 54, the chief executive of …": an age between name and apposition
    conjoined = k if k >= 3 and doc[k].lower_ == "and" else None
    if conjoined is not None:
        k = _conjoined_apposition(doc, k)
    if k < 1 or doc[k].text not in (",", "("):
        return None
    p = person_ending(ctx, k) or (person_ending(ctx, paren_open(doc, k - 1)) if doc[k].text == "," else None)
    if p is None and k >= 2 and is_postnominal(doc[k - 1]):
        p = person_ending(ctx, k - 1)  # "Jane Roe QC, a barrister": letters after the name, then the apposition
    if p is None and not doc.has_annotation("ENT_IOB"):
        span = name_backward(doc, k)
        if span is not None:
            p = add_rule_person(ctx, span, "apposition", mentions)
    if p is None:
        return None
    claim = new_claim(ctx, m, p[2], "apposition")
    if adverb and claim.status_strength < 2:
        claim.status, claim.status_strength = TIME_ADVERBS[adverb], 2
    if claim.status_strength < 2 and (conjoined is not None and _FORMER_WORDS & {t.lower_ for t in doc[k + 1:conjoined]}
                                      or _then_after(doc, max(m.end, m.org_end or 0))):
        claim.status, claim.status_strength = "former", 2  # "X, a former chairman and chief executive of Y,"
    if claim.status == "unknown":
        claim.status, claim.status_strength = "current", 1
    return claim


#: Words before the first of two joined titles that make both past: "a former chairman and chief executive".
_FORMER_WORDS = {"former", "ex", "then", "erstwhile", "onetime", "one-time", "late"}


def _then_after(doc, end: int) -> bool:
    """ "X, chief executive of Y at the time," / "…, chief executive then,": the post of a past moment."""
    words = [t.lower_ for t in doc[end:end + 4]]
    return words[:3] == ["at", "the", "time"] and (len(words) < 4 or words[3] in (",", ")", "-", "–")) \
        or words[:2] in (["then", ","], ["then", ")"])


#: Rank words before a place premodifier of a post ("chief US economist at Y").
_RANK_WORDS = {"chief", "senior", "lead", "principal", "head"}


def _before_place_premodifier(doc, k: int) -> int:
    """ "Ross Roe, UK economist at Acme Bank", "X, chief US economist for Y", "X, a Singapore-based
    analyst with Y": the place (or "PLACE-based") and a rank word before it sit between the
    apposition's comma and a post whose organisation follows; the index left of them (k itself
    when no place is there). The place is where the holder works, not the organisation."""
    j = k
    if j >= 2 and doc[j].lower_ == "based" and doc[j - 1].text == "-":
        j -= 2
    start = j
    while j >= 1 and doc[j].ent_type_ in ("GPE", "LOC", "NORP") and doc[j].text[:1].isupper():
        j -= 1
    if j == start:
        return k
    while j >= 1 and doc[j].lower_ in _RANK_WORDS:
        j -= 1
    return j


#: Adverbs of time that open an apposition and say whether its post is held now.
TIME_ADVERBS = {"now": "current", "currently": "current", "still": "current",
                "formerly": "former", "once": "former", "previously": "former"}


def _conjoined_apposition(doc, k: int) -> int:
    """ "Hugh Roe, brother of Ann Roe and a professor at Yale, …": the second of two joined
    appositive noun phrases; returns the comma after the name (or k when there is none). The
    first phrase must start lower-case ("brother", "a writer") and hold no verb or comma."""
    c = k - 1
    while c > 0 and k - c <= 10 and doc[c].text != ",":
        if doc[c].pos_ in ("VERB", "AUX") or doc[c].text in ("(", ")", ";", ":"):
            return k
        c -= 1
    poss = next((x for x in range(c + 2, k) if doc[x].lower_ in ("'s", "’s")), None)
    owner = poss is not None and all(doc[x].text[:1].isupper() for x in range(c + 1, poss))  # "X, Metlife's chairman and chief executive,"
    if c <= 0 or doc[c].text != "," or c + 1 >= k or not (doc[c + 1].text[:1].islower() or owner):
        return k
    return c


def fronted_apposition(ctx: SentCtx, m: RoleMatch, mentions: list[Mention], quoted: Quoted, earlier: list[Claim]) -> Optional[Claim]:
    """ "A Republican, he has served …", "A former finance minister of Peru, Jane Roe said …",
    "As mayor of Oslo, she …": a role phrase opening the sentence before a comma describes the
    subject that follows the comma (a name, or he/she resolved like any pronoun subject)."""
    doc = ctx.doc
    k = 0
    if k < len(doc) and doc[k].lower_ == "as":
        k += 1
    if k < len(doc) and doc[k].lower_ in ("a", "an"):
        k += 1
    if k == 0 or m.start != k or m.end + 1 >= len(doc) or doc[m.end].text != ",":
        return None
    i = skip_honorific(doc, m.end + 1)
    p = person_at(ctx, i)
    if p is None and i < len(doc) and doc[i].lower_ in ("he", "she") and not in_ranges(ctx.sent.start + doc[i].idx, quoted):
        ante = resolve_pronoun(ctx, i, mentions, quoted)
        if ante is None:
            return None
        pm = Mention(ante.text, "person", ctx.sent.start + doc[i].idx, ctx.sent.start + doc[i].idx + len(doc[i].text),
                     ctx.sent.index, label="pronoun")
        p = (i, i + 1, pm)
    if p is None and m.category != "party" and org_tagged_person(ctx, i) is not None:
        p = regnal_person(ctx, org_tagged_person(ctx, i), mentions, "fronted_apposition")  # a minister is a person
    if p is None:
        return None
    claim = new_claim(ctx, m, p[2], "fronted_apposition")
    after = [t.lower_ for t in doc[p[1] : p[1] + 3]]
    if claim.status_strength < 2 and set(after) & PRESENT_WORDS:
        claim.status, claim.status_strength = "current", 1
    return claim


#: What may follow the name of an inverse apposition: the comma closing it, the sentence's end,
#: a bracket ("Tom Lind (Labour)").
_AFTER_INVERSE = {",", ".", "(", ";", ":"}


#: Prepositions of a role's complement the role phrase may leave out ("MP for Northby", "chief
#: secretary to the Treasury", "chairman of the bank's audit committee").
_COMPLEMENT_PREPS = {"of", "for", "to", "at", "on"}


def _after_complement(doc, i: int, longest: int = 8) -> int:
    """Index after a role's prepositional complement starting at ``i`` when a comma closes it
    within ``longest`` tokens and no verb stands in it; else ``i``."""
    if i >= len(doc) or doc[i].lower_ not in _COMPLEMENT_PREPS:
        return i
    for k in range(i + 1, min(len(doc), i + 1 + longest)):
        if doc[k].text == ",":
            return k
        if doc[k].pos_ in ("VERB", "AUX") or doc[k].text in ("(", ")", ";", ":", '"'):
            return i
    return i


def inverse_apposition(ctx: SentCtx, m: RoleMatch, mentions: list[Mention], quoted: Quoted, earlier: list[Claim]) -> Optional[Claim]:
    """[the|ORG's] ROLE [of ORG], NAME, …: "The charity's director, Ann Roe, said", "Brakton Foods
    chief executive, Tom Lind, said", "the newly elected MP for Northby, Ola Berg." The name set
    off by commas right after a role phrase is its holder; the name must close there (a comma,
    a bracket or the sentence's end; letters such as "MSP" may follow it), and no "and" may
    follow ("the chairman, Tom Lind, and Ann Roe" lists people). Not after "as" ("his
    predecessor as cabinet secretary, Lord Roe"): the copula rule reads that."""
    doc = ctx.doc
    i = _after_complement(doc, m.end)
    if i + 1 >= len(doc) or doc[i].text != "," or m.start > 0 and doc[m.start - 1].lower_ == "as":
        return None  # "his predecessor as cabinet secretary, Lord Roe": the copula's (both held it)
    p = person_at(ctx, skip_honorific(doc, i + 1))
    if p is None:
        return None
    e = p[1] + (p[1] < len(doc) and is_postnominal(doc[p[1]]))
    if e < len(doc) and doc[e].text not in _AFTER_INVERSE:
        return None
    if e + 1 < len(doc) and doc[e].text == "," and doc[e + 1].lower_ in ("and", "or", "&"):
        return None
    claim = new_claim(ctx, m, p[2], "apposition")
    if claim.status == "unknown":
        claim.status, claim.status_strength = "current", 1
    return claim


def inverse_copula(ctx: SentCtx, m: RoleMatch, mentions: list[Mention], quoted: Quoted, earlier: list[Claim]) -> Optional[Claim]:
    """ROLE is NAME: "the deputy mayor is Terje Halleland", "The current CEO is Jane Roe"."""
    doc = ctx.doc
    i = m.end
    if i + 1 >= len(doc) or doc[i].lower_ not in ("is", "was", "remains"):
        return None
    p = person_at(ctx, skip_honorific(doc, i + 1))
    if p is None:
        return None
    claim = new_claim(ctx, m, p[2], "inverse_copula")
    if claim.status_strength < 2:
        claim.status, claim.status_strength = ("current", 1) if doc[i].lower_ != "was" else ("unknown", 0)
    return claim


def postnominal(ctx: SentCtx, m: RoleMatch, mentions: list[Mention], quoted: Quoted, earlier: list[Claim]) -> Optional[Claim]:
    """NAME ABBREVIATION: "Ruth Kelly MP", "Frank Field MP said": a post written as capital
    letters right after a name (MP, MEP, MSP) is that person's. Only all-capital abbreviations:
    "Jane Roe director" is no such use."""
    doc = ctx.doc
    if m.core_end - m.core_start != 1 or m.start != m.core_start or not doc[m.core_start].text.isupper() \
            or len(doc[m.core_start].text) < 2:
        return None
    p = person_ending(ctx, m.core_start)
    if p is None:
        return None
    claim = new_claim(ctx, m, p[2], "postnominal")
    if claim.status == "unknown":
        claim.status, claim.status_strength = "current", 1  # a post-nominal names a post held now
    return claim
