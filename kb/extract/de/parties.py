"""Which party a German party post with no party named belongs to: the document's main party.

Austrian and German political news name the party of the story again and again ("die Salzburger
SPÖ", "SPÖ-Chef", "die SPÖ") and then write "Landesparteiobmann und Klubobmann Walter X" without
it. ``resolve_parties_de`` fills the organisation of such posts (``role_classes_de.tsv``,
class ``party_posts``: party leader, parliamentary group leader, …) with the party the document
names most, only when it is named at least twice and more than three times as often as any other
party (a story about a coalition or an election leaves the post open). Parties are the
organisation mentions whose text is a party of ``parties_de.tsv``. Nothing here touches spaCy.
"""

from __future__ import annotations

from collections import Counter
from typing import Optional

from ...model import Mention, Sentence
from ..claims import Claim
from ..lexicon import word_map, word_sets
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


def main_party(mentions: list[Mention]) -> Optional[str]:
    """The party the document names most (its regional branches count as the party), when it
    clearly dominates; else None."""
    named = (party_named(m.text) for m in mentions if m.type == "organization")
    counts = Counter(p for p in named if p is not None)
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < MIN_MENTIONS:
        return None
    if len(ranked) > 1 and ranked[0][1] <= DOMINANCE * ranked[1][1]:
        return None
    return ranked[0][0]


def resolve_parties_de(claims: list[Claim], mentions: list[Mention], sentences: list[Sentence]) -> None:
    """Give German party posts that name no organisation the document's main party."""
    german = {s.index for s in sentences if s.lang == "de"}
    open_claims = [c for c in claims if c.org is None and c.sentence in german and c.role in PARTY_POSTS]
    if not open_claims:
        return
    party = main_party(mentions)
    if party is None:
        return
    for c in open_claims:
        c.org, c.org_label = party, "rule:doc_party"
