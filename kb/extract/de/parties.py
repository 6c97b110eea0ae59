"""Which party a German party post with no party named belongs to: the holder's, a neighbour sentence's
or the document's main party.

Austrian and German political news name the party of the story again and again ("die Salzburger
SPÖ", "SPÖ-Chef", "die SPÖ") and then write "Landesparteiobmann und Klubobmann Walter X" without
it. ``resolve_parties_de`` fills the organisation of such posts (``role_classes_de.tsv``,
class ``party_posts``: party leader, parliamentary group leader, …) with the party the document
names most, only when it is named at least twice and more than three times as often as any other
party (a story about a coalition or an election leaves the post open). Parties are the
organisation mentions whose text is a party of ``parties_de.tsv`` and the party prefixes of
role words ("SPÖ-Stadtrat", "FP-Landeschef"). A party's spokesperson for a portfolio
("Bildungssprecherin") is a party post too. Before the main party come two closer signs (session 12): a
party adjective right before the title ("der grüne Agrarsprecher"; this one also gives a candidacy its
party), and the one party the post's sentence or, naming none, the sentence before names ("Die ÖVP sieht
darin einen Schwenk. …, sagte Generalsekretär X."). Nothing here touches spaCy.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterable, Optional

from ...model import Mention, Sentence
from ..claims import Claim
from ..lexicon import word_map, word_sets
from .lexicon import match_role_de
from .places import place_of_adjective

PARTY_POSTS = word_sets("role_classes_de.tsv")["party_posts"]
#: Party names as written -> the party's usual name.
PARTIES = word_map("parties_de.tsv")
MIN_MENTIONS = 2
DOMINANCE = 3  # the main party is named more than this many times as often as the next one (2 gave 4 of 7 right on 10kGNAD)


def party_named(text: str) -> Optional[str]:
    """The party a name stands for: a party of ``parties_de.tsv`` as written, or one of its
    regional branches ("Grazer SPÖ", "Stadt-SPÖ", "Tiroler Grüne", "niederösterreichische ÖVP" are the SPÖ,
    the Greens and the ÖVP: the place is the branch's, as "SPÖ-Chef" is the party's); else None."""
    if text in PARTIES:
        return PARTIES[text]
    parts = text.split("-")
    if len(parts) == 2 and parts[1] in PARTIES and parts[0][:1].isupper() and parts[0].isalpha():
        return PARTIES[parts[1]]  # "Stadt-SPÖ", "Landes-ÖVP", "Wien-SPÖ": a branch of the party
    words = text.split()
    if len(words) < 2 or place_of_adjective(words[0]) is None:
        return None
    return PARTIES.get(" ".join(words[1:]))


#: A party written before a hyphenated word: "SPÖ-Stadtrat", "FP-Landeschef", "Grünen-Abgeordnete".
_PARTY_PREFIX = re.compile(r"(?<![\w-])(\w+)-([A-ZÄÖÜ][\w-]*)")


def prefix_parties(sentences: Iterable[Sentence]) -> list[str]:
    """The parties German sentences name before a role word ("SPÖ-Chef", "VP-Landesrat"): Austrian
    news names the story's party so more often than on its own. Other compounds ("FPÖ-Antrag")
    count not: a story about one party cites the motions and votes of others."""
    return [PARTIES[found.group(1)] for s in sentences if s.lang == "de" for found in _PARTY_PREFIX.finditer(s.text)
            if found.group(1) in PARTIES and match_role_de(found.group(2)) is not None]


def is_party_post(role: str) -> bool:
    """A post held in the holder's party: a party_posts role, or a spokesperson for a portfolio
    ("Bildungssprecherin": her party's, in parliament); a government's spokesperson is no party's."""
    return role in PARTY_POSTS or role.endswith(" spokesperson") and role != "government spokesperson"


def main_party(mentions: list[Mention], sentences: Iterable[Sentence] = ()) -> Optional[str]:
    """The party the document names most (its regional branches and compounds such as "SPÖ-Chef"
    count as the party), when it clearly dominates; else None."""
    named = [party_named(m.text) for m in mentions if m.type == "organization"] + prefix_parties(sentences)
    counts = Counter(p for p in named if p is not None)
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < MIN_MENTIONS:
        return None
    if len(ranked) > 1 and ranked[0][1] <= DOMINANCE * ranked[1][1]:
        return None
    return ranked[0][0]


#: A party's short name defined in the text: "die Demokratische Unionspartei (PYD)", "der
#: Fortschrittspartei (PP)": a word ending in "partei" (maybe after adjectives) and the short name in brackets.
_DEFINED_PARTY = re.compile(r"\b[A-ZÄÖÜ]\w*partei\s*\(([A-ZÄÖÜ][\w-]{1,7})\)")
#: Roles of a bare head ("PYD-Chef") that lead the body: a party's is its party leader.
_HEADS = word_sets("role_classes_de.tsv")["party_heads"]


def defined_parties(sentences: Iterable[Sentence]) -> set[str]:
    """The short names German sentences define for a party: "die Demokratische Unionspartei (PYD)"."""
    return {found.group(1) for s in sentences if s.lang == "de" for found in _DEFINED_PARTY.finditer(s.text)}


def _lead_defined_parties(claims: list[Claim], sentences: list[Sentence]) -> None:
    """"PYD-Chef X" in a text that defines "Demokratische Unionspartei (PYD)": X is the party's
    leader, as "SPÖ-Chef" is for a party kb knows (parties_de.tsv lists Austrian and German ones only)."""
    heads = [c for c in claims if c.role.removeprefix("deputy ") in _HEADS and c.org is not None]
    if not heads:
        return
    defined = defined_parties(sentences)
    for c in heads:
        if c.org in defined:
            c.role = ("deputy " if c.role.startswith("deputy ") else "") + "party leader"


#: Party names written alone in a sentence ("Die ÖVP sieht …", "von den Grünen"): parties_de.tsv's names
#: but the short forms that stand only before a hyphen ("SP-", "VP-", "FP-") or are common words ("Grün").
_ALONE = {name for name in PARTIES if len(name) > 2 and name != "Grün"}
_PARTY_WORD = re.compile(r"(?<![\w-])(" + "|".join(sorted(map(re.escape, _ALONE), key=len, reverse=True)) + r")(?![\w-])")
#: Posts held in a party when the text around them names one: a party post, a portfolio spokesperson, and a
#: general secretary, who in Austrian and German political news is a party's ("Generalsekretär X" after
#: "Die ÖVP sieht …"; a UN or NATO secretary general has the body written with the title).
_NEARBY_POSTS = {"secretary general"}


#: Nouns that name a party by its members ("die Sozialdemokraten"): which party is not said, but one is named.
_MEMBER_NOUNS = {w.capitalize() for w in word_sets("role_classes_de.tsv")["party_nouns"]} - set(PARTIES)
UNNAMED = "?"


def parties_written(text: str) -> set[str]:
    """The parties a sentence names: alone ("die ÖVP", "von den Grünen") or before a role word ("SPÖ-Chef");
    a party named by its members ("die Sozialdemokraten") counts as ``UNNAMED``, one more party."""
    found = {PARTIES[m.group(1)] for m in _PARTY_WORD.finditer(text)}
    if any(w in _MEMBER_NOUNS for w in re.findall(r"\w+", text)):
        found.add(UNNAMED)
    return found | {PARTIES[m.group(1)] for m in _PARTY_PREFIX.finditer(text)
                    if m.group(1) in PARTIES and match_role_de(m.group(2)) is not None}


#: Party adjectives right before a title ("der grüne Agrarsprecher", "die freiheitliche Klubchefin") -> the party.
PARTY_ADJECTIVES = {"grün": "Die Grünen", "freiheitlich": "FPÖ"}
#: Words before a title that make the post someone else's: "Hofer und sein Wahlkampfleiter X".
POSSESSIVES = {"sein", "seine", "seinem", "seinen", "seiner", "ihr", "ihre", "ihrem", "ihren", "ihrer", "dessen", "deren"}


def _words_before(c: Claim, by_index: dict[int, Sentence]) -> list[str]:
    """The words of the claim's sentence before its title, lower case."""
    sent = by_index.get(c.sentence)
    if sent is None or not sent.start <= c.role_span.start <= sent.end:
        return []
    return re.findall(r"\w+", sent.text[: c.role_span.start - sent.start].lower())


def adjective_party(c: Claim, by_index: dict[int, Sentence]) -> Optional[str]:
    """The party an adjective right before the title names: "der grüne Agrarsprecher X" is the Greens'."""
    before = _words_before(c, by_index)
    if not before:
        return None
    word = before[-1]
    for stem, party in PARTY_ADJECTIVES.items():
        if word.startswith(stem) and word[len(stem):] in ("e", "en", "er", "es", "em"):
            return party
    return None


def nearby_party(c: Claim, by_index: dict[int, Sentence]) -> Optional[str]:
    """The one party a party post's own sentence names, else (its sentence naming none) the one party
    the sentence before names: news reports the parties' reactions a paragraph each ("Die ÖVP sieht
    darin einen Schwenk. Das kommt spät, sagte Generalsekretär X."; "Zustimmung kam von den Grünen.
    …, erklärte Menschenrechtssprecherin Y."). None when a sentence names several, or a possessive makes
    the post someone else's ("Gegen den Grünen X ritt Y mit seinem Wahlkampfleiter Z aus")."""
    before = _words_before(c, by_index)
    if before and before[-1] in POSSESSIVES:
        return None
    for index in (c.sentence, c.sentence - 1):
        sent = by_index.get(index)
        if sent is None or sent.lang != "de":
            return None
        named = parties_written(sent.text)
        if named:
            return named.pop() if len(named) == 1 and UNNAMED not in named else None
    return None


#: Candidacies: a candidate's party is only their own, never the story's or a neighbour's (rivals stand side by side).
CANDIDATE_POSTS = {"candidate", "mayoral candidate", "chancellor candidate"}
def resolve_parties_de(claims: list[Claim], mentions: list[Mention], sentences: list[Sentence]) -> None:
    """Give German party posts and candidacies that name no organisation the party of an adjective right
    before the title (``adjective_party``); party posts else the party their sentence or the one before
    names (``nearby_party``), else the document's main party; a head of a party the text defines by
    its short name leads it (``_lead_defined_parties``)."""
    _lead_defined_parties(claims, sentences)
    german = {s.index for s in sentences if s.lang == "de"}
    open_claims = [c for c in claims if c.org is None and c.sentence in german
                   and (is_party_post(c.role) or c.role in _NEARBY_POSTS or c.role in CANDIDATE_POSTS)]
    if not open_claims:
        return
    by_index = {s.index: s for s in sentences}
    party = main_party(mentions, sentences)
    for c in open_claims:
        adjective = adjective_party(c, by_index)
        if adjective is not None:  # "der grüne Agrarsprecher X"
            c.org, c.org_label = adjective, "rule:adjective_party"
            continue
        if c.role in CANDIDATE_POSTS:
            continue
        near = nearby_party(c, by_index)
        if near is not None:
            c.org, c.org_label = near, "rule:near_party"
        elif party is not None and is_party_post(c.role):
            c.org, c.org_label = party, "rule:doc_party"
