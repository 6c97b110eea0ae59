"""The document's main party for German party posts that name none (kb.extract.de.parties).

Mentions and claims are built by hand; names are invented.
"""

from __future__ import annotations

from kb.extract.claims import Claim
from kb.extract.de.parties import main_party, resolve_parties_de
from kb.model import Mention, Sentence, Span


def org(text: str, at: int) -> Mention:
    return Mention(text, "organization", at, at + len(text), 0, label="ORG")


def claim(role: str) -> Claim:
    person = Mention("Walter Kern", "person", 0, 11, 0, label="PER")
    return Claim(person, "Walter Kern", role, None, 0, "de_title_before_name", Span(0, 5, "Obmann"), None, "",
                 role_text="Landesparteiobmann")


SENTS = [Sentence(0, 0, 100, "x" * 100, "de")]


def test_party_post_takes_the_main_party():
    mentions = [org("SPÖ", 1), org("SPÖ", 10), org("SPÖ", 20), org("SPÖ", 25), org("ÖVP", 30)]
    c, seat = claim("party leader"), claim("mayor")
    resolve_parties_de([c, seat], mentions, SENTS)
    assert (c.org, c.org_label) == ("SPÖ", "rule:doc_party")
    assert seat.org is None  # a mayor is not a party's post


def test_no_main_party():
    # named once only, or two parties about as often: the post stays open
    assert main_party([org("SPÖ", 1)]) is None
    assert main_party([org("SPÖ", 1), org("SPÖ", 5), org("ÖVP", 9)]) is None
    assert main_party([org("SPÖ", 1), org("SPÖ", 5), org("SPÖ", 7), org("ÖVP", 9)]) is None  # 3 to 1: not clear enough
    assert main_party([org("SPÖ", 1), org("SPÖ", 5), org("SPÖ", 7), org("SPÖ", 8), org("ÖVP", 9)]) == "SPÖ"
    c = claim("parliamentary group leader")
    resolve_parties_de([c], [org("SPD", 1), org("SPD", 4), org("CDU", 8), org("CDU", 9)], SENTS)
    assert c.org is None


def test_an_english_claim_is_left_alone():
    c = claim("party leader")
    resolve_parties_de([c], [org("SPÖ", 1), org("SPÖ", 10)], [Sentence(0, 0, 100, "x" * 100, "en")])
    assert c.org is None
