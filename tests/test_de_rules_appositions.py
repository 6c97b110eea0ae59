"""German appositions and copulas found by reading kb's output on unseen derStandard news
(news-corpus/gnad.jsonl, session 9): an apposition that ends the sentence ("…, sagt X, Leiter des
Y."), one that opens with an adjective and no article ("X, technischer Leiter der Y,"), one that
names an occupation before the post ("X, Anwalt und Präsident des Y,"), "ebenfalls" before the
post, and a role in the genitive or dative that is no copula's predicate.

Sentences and names are invented for these tests; each test covers one construction.
"""

from __future__ import annotations

import pytest

from kb.extract.de.lexicon import match_role_de_compound, match_role_entry
from kb.extract.de.orgs import nominative_name
from helpers.de_rules import facts, nlp, run  # noqa: F401 (nlp is a fixture)


# --- an apposition whose genitive organisation ends the sentence ----------------------------------


def test_apposition_at_the_sentence_end(nlp):
    claims = run(nlp, "Das wird teuer, sagt Karl Moosbach, Leiter des Brennerinstituts.", names=("Karl Moosbach",))
    assert facts(claims) == [("Karl Moosbach", "head", "Brennerinstitut", "current")]


def test_apposition_at_the_sentence_end_after_a_place(nlp):
    claims = run(nlp, "Das wird teuer, sagt Eva Lindner, Direktorin des Wolkenmuseums in Linz.", names=("Eva Lindner",))
    assert facts(claims) == [("Eva Lindner", "director", "Wolkenmuseum", "current")]


def test_genitive_at_the_sentence_end_without_a_name_before_gives_nothing(nlp):
    # no name before the comma: the genitive phrase is no apposition of anyone
    assert run(nlp, "Karl Moosbach lobte den Plan des Leiters des Brennerinstituts.", names=("Karl Moosbach",)) == []


# --- an adjective without an article opens the apposition -----------------------------------------


@pytest.mark.parametrize("text, row", [
    ("Karl Moosbach, technischer Leiter der Talwerk Holding, lobte den Plan.",
     ("Karl Moosbach", "head", "Talwerk Holding", "current")),
    ("Das sei zu früh, sagt Eva Lindner, wissenschaftliche Leiterin des Brennerinstituts.",
     ("Eva Lindner", "head", "Brennerinstitut", "current")),
    ("Karl Moosbach, amtierender Direktor des Wolkenmuseums, lobte den Plan.",
     ("Karl Moosbach", "director", "Wolkenmuseum", "current")),
])
def test_bare_adjective_opens_the_apposition(nlp, text, row):
    orgs = ("Talwerk Holding",) if "Talwerk" in text else ()
    assert facts(run(nlp, text, names=(row[0],), orgs=orgs)) == [row]


def test_verb_after_the_comma_is_no_adjective(nlp):
    # "sagte" ends like an adjective but is the verb: Eva Lindner is not the minister
    claims = run(nlp, "Das kommt, meinte Eva Lindner, sagte Innenminister Karl Moosbach.",
                 names=("Eva Lindner", "Karl Moosbach"))
    assert facts(claims) == [("Karl Moosbach", "interior minister", None, "current")]


def test_ebenfalls_opens_the_apposition(nlp):
    claims = run(nlp, "Das sei falsch, sagte Karl Moosbach, ebenfalls Vizepräsident des Richterbundes, am Montag.",
                 names=("Karl Moosbach",))
    assert facts(claims) == [("Karl Moosbach", "vice president", "Richterbund", "current")]


# --- an occupation before the post ------------------------------------------------------------------


@pytest.mark.parametrize("text, row", [
    ("Karl Moosbach, Anwalt und Präsident des Vereins Lichtblick, will das ändern.",
     ("Karl Moosbach", "president", "Verein Lichtblick", "current")),
    ("Das sei ernst, sagt Eva Lindner, Tierärztin und Leiterin der Greifvogelstation Auwald, zum Radio.",
     ("Eva Lindner", "head", "Greifvogelstation Auwald", "current")),
])
def test_occupation_and_post(nlp, text, row):
    assert facts(run(nlp, text, names=(row[0],))) == [row]


def test_entity_before_und_is_no_occupation(nlp):
    # "Eva Lindner, Graz und Leiterin …": a place before "und" is no occupation of hers
    claims = run(nlp, "Sie dankte Eva Lindner, Graz und Leiterin des Brennerinstituts, für die Hilfe.",
                 names=("Eva Lindner",), orgs=("Graz",))
    assert all(c.person != "Eva Lindner" for c in claims)


# --- a role in the genitive or dative is no copula's predicate --------------------------------------


def test_genitive_role_is_no_predicate(nlp):
    claims = run(nlp, "Karl Moosbach gilt als Kritiker der Regierung und des Chefs der Volkspartei.",
                 names=("Karl Moosbach",))
    assert all(c.person != "Karl Moosbach" for c in claims)


def test_dative_role_is_no_predicate(nlp):
    assert run(nlp, "Karl Moosbach diente dem Präsidenten jahrelang als Fahrer.", names=("Karl Moosbach",)) == []


@pytest.mark.parametrize("text, row", [
    ("Karl Moosbach ist der Chef der Volkspartei.", ("Karl Moosbach", "party leader", "Volkspartei", "current")),
    # an office noun governs the genitive: the post is the subject's
    ("Karl Moosbach bekleidete das Amt des Innenministers.", ("Karl Moosbach", "interior minister", None, "former")),
])
def test_nominative_and_office_roles_stay_predicates(nlp, text, row):
    assert facts(run(nlp, text, names=(row[0],))) == [row]


# --- a complement between a title and the comma before its holder ------------------------------------


@pytest.mark.parametrize("text, row", [
    ("Das sei falsch, sagte der Staatssekretär für Europafragen, Karl Moosbach, am Montag.",
     ("Karl Moosbach", "state secretary", None, "current")),
    # "von" names the body when the title has none
    ("Das sei teuer, sagte die Geschäftsführerin von Linz-Marketing, Eva Lindner, dem Radio.",
     ("Eva Lindner", "managing director", "Linz-Marketing", "current")),
])
def test_complement_before_the_holder(nlp, text, row):
    assert facts(run(nlp, text, names=(row[0],))) == [row]


def test_person_in_the_complement_is_no_body(nlp):
    # "der Sprecher von Präsident Karl Moosbach, Eva Lindner": the complement names a person
    claims = run(nlp, "Das sei falsch, sagte der Minister für Karl Moosbach, Eva Lindner.",
                 names=("Karl Moosbach", "Eva Lindner"))
    assert all(c.person != "Eva Lindner" for c in claims)


# --- status adjectives ------------------------------------------------------------------------------


@pytest.mark.parametrize("text, row", [
    # a plain adjective between the status adjective and the role
    ("Der damalige konservative Innenminister Karl Moosbach schloss das Lager.",
     ("Karl Moosbach", "interior minister", None, "former")),
    ("Die ehemalige grüne Bürgermeisterin Eva Lindner kritisierte das.", ("Eva Lindner", "mayor", None, "former")),
    # deceased and resigned holders
    ("Der verstorbene Konzernchef Karl Moosbach hätte das nicht erlaubt.", ("Karl Moosbach", "chief executive officer", None, "former")),
    ("Das Urteil traf den zurückgetretenen Präsidenten Karl Moosbach.", ("Karl Moosbach", "president", None, "former")),
])
def test_status_adjectives(nlp, text, row):
    assert facts(run(nlp, text, names=(row[0],))) == [row]


def test_bisherig_keeps_the_post_until_the_handover(nlp):
    # "die bisherige Chefin X wird nicht mehr kandidieren": she holds the post until her successor is elected
    claims = run(nlp, "Die bisherige Landesrätin Eva Lindner wird nicht mehr kandidieren.", names=("Eva Lindner",))
    assert facts(claims) == [("Eva Lindner", "state councillor", None, "current")]


def test_plain_adjective_alone_gives_no_status(nlp):
    # no status adjective further left: "konservative" alone leaves the title's own status
    claims = run(nlp, "Der konservative Innenminister Karl Moosbach schloss das Lager.", names=("Karl Moosbach",))
    assert facts(claims) == [("Karl Moosbach", "interior minister", None, "current")]


# --- a genitive organisation's name in the nominative ---------------------------------------------


@pytest.mark.parametrize("article, name, nominative", [
    ("der", "Europäischen Union", "Europäische Union"),  # feminine: "-en" adjectives take "-e"
    ("der", "Jungen Wirtschaft", "Junge Wirtschaft"),
    ("der", "Vereinten Nationen", "Vereinte Nationen"),  # plural
    ("des", "Kunsthistorischen Museums", "Kunsthistorisches Museum"),  # neuter noun
    ("des", "Europäischen Forschungsrates", "Europäischer Forschungsrat"),  # masculine noun
    ("des", "Grazer Tierschutzvereins", "Grazer Tierschutzverein"),  # a place adjective stays
    ("des", "Bergland-Zentrums", "Bergland-Zentrum"),  # the last hyphen part
    ("des", "Hauses", "Haus"),
    ("des", "Fonds", "Fonds"),  # no genitive ending
    ("des", "ORF", "ORF"),  # an acronym
    ("der", "SPÖ", "SPÖ"),
    ("dem", "Europäischen Parlament", "Europäischen Parlament"),  # other cases stay as written
])
def test_nominative_name(article, name, nominative):
    assert " ".join(nominative_name(article, name.split())) == nominative


def test_genitive_organisation_in_the_nominative(nlp):
    claims = run(nlp, "Das sagte Eva Lindner, Direktorin des Kunsthistorischen Museums, am Montag.", names=("Eva Lindner",))
    assert facts(claims) == [("Eva Lindner", "director", "Kunsthistorisches Museum", "current")]
    claims = run(nlp, "Die Vorsitzende der Jungen Wirtschaft, Eva Lindner, lobte den Plan.",
                 names=("Eva Lindner",), orgs=("Jungen Wirtschaft",))
    assert facts(claims) == [("Eva Lindner", "chair", "Junge Wirtschaft", "current")]


# --- candidates for office --------------------------------------------------------------------------


@pytest.mark.parametrize("text, row", [
    ("Ähnlich sah es SPÖ-Kandidat Karl Moosbach bei seiner Pressekonferenz.", ("Karl Moosbach", "candidate", "SPÖ", "current")),
    ("Damals trat die ÖVP-Kandidatin Eva Lindner gegen ihn an.", ("Eva Lindner", "candidate", "ÖVP", "current")),
    ("Die Bürgermeisterkandidatin Eva Lindner stellte ihr Team vor.", ("Eva Lindner", "mayoral candidate", None, "current")),
])
def test_candidates(nlp, text, row):
    assert facts(run(nlp, text, names=(row[0],))) == [row]


@pytest.mark.parametrize("word", ["Kandidat", "Kandidaten", "Abstiegskandidat", "Wunschkandidat", "Rauswurf-Kandidaten",
                                  "Hofburg-Kandidat"])
def test_contenders_are_no_candidates(word):
    assert match_role_de_compound(word) is None


# --- a colon after the name opens the holder's words: no date of the post ----------------------------


def test_date_after_colon_is_no_tenure_date(nlp):
    claims = run(nlp, "Konzernchef Karl Moosbach: Bis 2030 wird der Umsatz wachsen.", names=("Karl Moosbach",))
    assert [(c.person, c.status, c.start, c.end) for c in claims] == [("Karl Moosbach", "current", None, None)]


def test_date_after_the_name_still_dates_the_post(nlp):
    claims = run(nlp, "Konzernchef Karl Moosbach, seit 2019 im Amt, lobte den Plan.", names=("Karl Moosbach",))
    assert [(c.person, c.start.value) for c in claims] == [("Karl Moosbach", "2019")]


# --- "unter ROLE X" in a past clause: the holder's time is over -----------------------------------


@pytest.mark.parametrize("text, status", [
    ("Unter Innenminister Karl Moosbach (ÖVP) hatte die Behörde mehr Geld.", "former"),
    ("Unter Finanzminister Karl Moosbach vereinbarten Bund und Länder eine Regel.", "former"),
    ("In der Ära von Landeshauptmann Karl Moosbach wurden neue Schulen gebaut.", "former"),
    ("Schon unter Kanzler Karl Moosbach wurde darüber gestritten.", "former"),
    # present tense or no verb: the title's "current" stands
    ("Die Regierung unter Kanzler Karl Moosbach will das ändern.", "current"),
    ("Auch unter Parteichef Karl Moosbach.", "current"),
    # a group under its head, in a past clause: the head's post goes on
    ("Die Grünen unter Stadträtin Eva Lindner rechneten mit höheren Kosten.", "current"),
])
def test_past_era_under_a_title(nlp, text, status):
    name = "Eva Lindner" if "Lindner" in text else "Karl Moosbach"
    assert [c.status for c in run(nlp, text, names=(name,))] == [status]


def test_party_candidate_is_a_role_word_in_any_case():
    # the NER's repair and features read lower-cased words: "övp-kandidat" is the same role word
    assert match_role_entry("ÖVP-Kandidat") is not None and match_role_entry("övp-kandidatin") is not None
