"""The document's main party for German party posts that name none (kb.extract.de.parties).

Mentions and claims are built by hand; names are invented.
"""

from __future__ import annotations

from helpers.de_rules import german_story
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




def _claim_in(role: str, sentence: int, role_text: str) -> Claim:
    person = Mention("Olga Tamm", "person", 0, 9, sentence, label="PER")
    return Claim(person, "Olga Tamm", role, None, sentence, "de_title_before_name", Span(0, 5, role_text), None, "",
                 role_text=role_text)


def test_party_reaction_paragraph_names_the_post_party():
    # each party's reaction a paragraph: the party named in the sentence before the quote owns the post
    sents = german_story("Die SPÖ lobte den Plan.", "Die ÖVP sieht darin einen Schwenk.",
                       "Das kommt spät, sagte Generalsekretär Olga Tamm.",
                       "Zustimmung kam von den Grünen.", "Das ist gut, erklärte Umweltsprecherin Olga Tamm.")
    general, speaker = _claim_in("secretary general", 2, "Generalsekretär"), _claim_in("environment spokesperson", 4, "Umweltsprecherin")
    resolve_parties_de([general, speaker], [], sents)
    assert (general.org, general.org_label) == ("ÖVP", "rule:near_party")
    assert speaker.org == "Die Grünen"


def test_party_in_own_sentence_wins_and_two_parties_leave_it_open():
    sents = german_story("Die SPÖ lobte den Plan.", "Die FPÖ kritisierte ihn, sagte Generalsekretär Olga Tamm.",
                       "Die ÖVP und die SPÖ stimmten zu.", "Das sei gut, sagte Generalsekretär Olga Tamm.")
    own, two = _claim_in("secretary general", 1, "Generalsekretär"), _claim_in("secretary general", 3, "Generalsekretär")
    resolve_parties_de([own, two], [], sents)
    assert own.org == "FPÖ"
    assert two.org is None  # two parties before it: whose?


def test_general_secretary_takes_no_main_party():
    # the document's main party fills party posts only; a secretary general far from any party stays open
    sents = german_story("x" * 30, "y" * 30, "Das sei gut, sagte Generalsekretär Olga Tamm.")
    c = _claim_in("secretary general", 2, "Generalsekretär")
    resolve_parties_de([c], [org("SPÖ", 1), org("SPÖ", 10), org("SPÖ", 20)], sents)
    assert c.org is None


def test_party_named_by_its_members_makes_a_second_party():
    # "die Sozialdemokraten" names a party too: with the FPÖ that is two, so the candidate's stays open
    sents = german_story("In der Hochburg der Sozialdemokraten droht die FPÖ zu siegen, sagte Spitzenkandidat Olga Tamm.")
    c = _claim_in("lead candidate", 0, "Spitzenkandidat")
    resolve_parties_de([c], [], sents)
    assert c.org is None


def _claim_at(role: str, sentence: int, sents: list[Sentence], role_text: str) -> Claim:
    sent = sents[sentence]
    at = sent.start + sent.text.index(role_text)
    person = Mention("Olga Tamm", "person", at + len(role_text) + 1, at + len(role_text) + 10, sentence, label="PER")
    return Claim(person, "Olga Tamm", role, None, sentence, "de_title_before_name", Span(at, at + len(role_text), role_text),
                 None, "", role_text=role_text)


def test_party_adjective_before_the_title_names_the_party():
    # "der grüne Agrarsprecher": the Greens', though the sentence names the FPÖ's members too
    sents = german_story("Der grüne Agrarsprecher Olga Tamm stellte einen Antrag; die FPÖ eine Anfrage.")
    c = _claim_at("agriculture spokesperson", 0, sents, "Agrarsprecher")
    resolve_parties_de([c], [], sents)
    assert c.org == "Die Grünen"


def test_possessive_makes_the_post_someone_elses():
    # "Gegen die Grünen ritt Berger mit seinem Wahlkampfleiter": Berger's party's, not the Greens'
    sents = german_story("Gegen die Grünen ritten Berger und sein Wahlkampfleiter Olga Tamm Attacken.")
    c = _claim_at("campaign manager", 0, sents, "Wahlkampfleiter")
    resolve_parties_de([c], [], sents)
    assert c.org is None


def test_candidate_takes_only_an_adjective_party():
    # "der grüne Präsidentschaftskandidat X": the Greens'; a bare "Kandidatin" never takes a neighbour's party
    sents = german_story("Die FPÖ wartet ab.", "Der grüne Präsidentschaftskandidat Olga Tamm sprach.", "Die FPÖ wartet ab.",
                       "Kandidatin Olga Tamm schwieg.")
    green, bare = _claim_at("candidate", 1, sents, "Präsidentschaftskandidat"), _claim_at("candidate", 3, sents, "Kandidatin")
    resolve_parties_de([green, bare], [], sents)
    assert (green.org, green.org_label) == ("Die Grünen", "rule:adjective_party")
    assert bare.org is None
