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

PARTY_POSTS = word_sets("role_classes_de.tsv")["party_posts"]
#: Party names as written -> the party's usual name.
PARTIES = word_map("parties_de.tsv")
MIN_MENTIONS = 2
DOMINANCE = 3  # the main party is named more than this many times as often as the next one (2 gave 4 of 7 right on 10kGNAD)


def main_party(mentions: list[Mention]) -> Optional[str]:
    """The party the document names most, when it clearly dominates; else None."""
    counts = Counter(PARTIES[m.text] for m in mentions if m.type == "organization" and m.text in PARTIES)
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
