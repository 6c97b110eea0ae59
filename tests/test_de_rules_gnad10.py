"""German tenure rules for constructions found on a hand-annotated draw of unseen derStandard news
(session 10, dev set gnad10): a plural title before a list of names, "nicht amtsführend" in a title,
a class noun before a named organisation, a title's place phrase before its holder, a party's group
("Grünen-Fraktion"), "ihr Nachfolger und Parteikollege X", a party the text defines by its short
name, board seats stated by sitting on the board, and new lexicon rows.

Sentences and names are invented for these tests; each test covers one construction.
"""

from __future__ import annotations

from kb.extract.de.lexicon import match_role_de_compound
from kb.extract.de.lists import plural_title
from kb.extract.de.parties import defined_parties, resolve_parties_de
from kb.model import Sentence
from helpers.de_rules import facts, nlp, run, run_doc  # noqa: F401 (nlp is a fixture)


# --- a plural title before a list of names ----------------------------------------------------------


def test_plural_title_gives_every_listed_name_the_post(nlp):
    claims = run(nlp, "Geladen waren die Ex-Finanzminister Karl Huber, Eva Maier und Hans Bauer.",
                 names=("Karl Huber", "Eva Maier", "Hans Bauer"))
    assert facts(claims) == [("Eva Maier", "finance minister", None, "former"),
                             ("Hans Bauer", "finance minister", None, "former"),
                             ("Karl Huber", "finance minister", None, "former")]


def test_plural_title_list_skips_brackets_after_names(nlp):
    claims = run(nlp, "Angeklagt sind die Exbankchefs Karl Huber (Betrug) und Eva Maier (Untreue) sowie eine Stiftung.",
                 names=("Karl Huber", "Eva Maier"))
    assert facts(claims) == [("Eva Maier", "chief executive officer", None, "former"),
                             ("Karl Huber", "chief executive officer", None, "former")]


def test_singular_title_before_two_names_is_the_first_ones(nlp):
    claims = run(nlp, "Kanzler Karl Huber und Eva Maier trafen sich in Linz.", names=("Karl Huber", "Eva Maier"))
    assert facts(claims) == [("Karl Huber", "chancellor", None, "current")]


def test_plural_title_forms(nlp):
    def plural(text: str, word: str) -> bool:
        doc = nlp(text)
        core = next(t.i for t in doc if t.text == word)
        start = core - 1 if doc[core - 1].text[:1].islower() and doc[core - 1].lower_ not in ("die", "der", "des") else core
        return plural_title(doc, start, core)

    assert plural("Es kamen die Ministerinnen Eva Maier und Anna Berg.", "Ministerinnen")
    assert plural("Es kamen die Minister Karl Huber und Hans Bauer.", "Minister")
    assert plural("Es kamen die Konzernchefs Karl Huber und Hans Bauer.", "Konzernchefs")
    assert not plural("Es kam die Ministerin Eva Maier.", "Ministerin")
    assert not plural("Es sprach die Vorsitzende Eva Maier.", "Vorsitzende")
    assert not plural("Das Büro des Konzernchefs Karl Huber schwieg.", "Konzernchefs")


# --- "nicht amtsführend" is part of a Viennese title ----------------------------------------------


def test_non_executive_councillor_is_a_councillor(nlp):
    claims = run(nlp, "Die nicht amtsführende Stadträtin Ursula Berger lobte den Plan.", names=("Ursula Berger",))
    assert facts(claims) == [("Ursula Berger", "city councillor", None, "current")]


def test_designated_non_executive_deputy_mayor_is_a_post_to_come(nlp):
    claims = run(nlp, "Das betrifft Karl Huber, Klubchef der ÖVP und designierter nicht amtsführender Vizebürgermeister.",
                 names=("Karl Huber",), orgs=("ÖVP",))
    assert ("Karl Huber", "deputy mayor", None, "unknown") in facts(claims)


def test_plain_negation_still_denies_the_post(nlp):
    assert run(nlp, "Eva Maier ist nicht Bürgermeisterin.", names=("Eva Maier",)) == []


# --- the organisation after a title ------------------------------------------------------------------


def test_class_noun_before_a_named_organisation(nlp):
    claims = run(nlp, "Der Sprecher der Umwelt- und Naturschutzorganisation Grünwald, Karl Huber, warnte davor.",
                 names=("Karl Huber",), orgs=("Grünwald",))
    assert facts(claims) == [("Karl Huber", "spokesperson", "Grünwald", "current")]


def test_hyphenated_fuer_name_with_its_short_name(nlp):
    claims = run(nlp, "Das sagte der Leiter des Kärnten-Institut für Seenforschung (KIS), Karl Huber.", names=("Karl Huber",))
    assert facts(claims) == [("Karl Huber", "head", "Kärnten-Institut für Seenforschung", "current")]


def test_place_phrase_between_organisation_and_holder(nlp):
    claims = run(nlp, "Gelobt wurde das bis hin zur Vorsitzenden der Grünen-Fraktion im Wiener Landtag, Eva Maier, die zustimmte.",
                 names=("Eva Maier",))
    assert facts(claims) == [("Eva Maier", "parliamentary group leader", "Grünen-Fraktion", "current")]


def test_contracted_article_needs_the_name_between_commas(nlp):
    # "…zur Vorsitzenden der SPÖ-Fraktion, Karl Huber lobte sie": the name opens a new clause
    claims = run(nlp, "Sie gratulierte Eva Maier zur Wahl zur Vorsitzenden der SPÖ-Fraktion, Karl Huber lobte sie.",
                 names=("Eva Maier", "Karl Huber"))
    assert not any(c.person == "Karl Huber" for c in claims)


# --- a successor named with a second noun -----------------------------------------------------------


def test_successor_and_party_colleague_takes_the_post(nlp):
    claims, _ = run_doc(nlp, ["Am Montag sprach Ex-Innenministerin Eva Maier im Ausschuss.",
                              "Gelöst wurde das erst unter ihrem Nachfolger und Parteikollegen Karl Huber."],
                        {"Eva Maier": "PER", "Karl Huber": "PER"})
    assert ("Karl Huber", "interior minister") in {(c.person, c.role) for c in claims}


# --- a party the text defines by its short name ------------------------------------------------------


def test_head_of_a_defined_party_is_its_leader(nlp):
    texts = ["Die Nationale Bauernpartei (NBP) will die Wahl gewinnen.", "NBP-Chef Arto Lind kündigte das an."]
    claims, mentions = run_doc(nlp, texts, {"NBP": "ORG", "Arto Lind": "PER"})
    offsets = [0, len(texts[0]) + 1]
    sentences = [Sentence(i, o, o + len(t), t, "de") for i, (o, t) in enumerate(zip(offsets, texts))]
    assert defined_parties(sentences) == {"NBP"}
    resolve_parties_de(claims, mentions, sentences)
    assert facts(claims) == [("Arto Lind", "party leader", "NBP", "current")]


def test_head_of_an_undefined_acronym_stays_head(nlp):
    texts = ["Die Nationale Bauernbank (NBB) will wachsen.", "NBB-Chef Arto Lind kündigte das an."]
    claims, mentions = run_doc(nlp, texts, {"NBB": "ORG", "Arto Lind": "PER"})
    sentences = [Sentence(0, 0, len(texts[0]), texts[0], "de"),
                 Sentence(1, len(texts[0]) + 1, len(texts[0]) + 1 + len(texts[1]), texts[1], "de")]
    resolve_parties_de(claims, mentions, sentences)
    assert facts(claims) == [("Arto Lind", "head", "NBB", "current")]


# --- board seats stated by sitting on the board ----------------------------------------------------


def test_sits_on_a_supervisory_board(nlp):
    claims = run(nlp, "Karl Huber sitzt seit 2019 im Aufsichtsrat der Talwerk AG.", names=("Karl Huber",))
    assert facts(claims) == [("Karl Huber", "supervisory board member", "Talwerk AG", "current")]
    assert claims[0].start is not None and claims[0].start.value == "2019"


def test_sat_on_the_board_of_the_antecedent(nlp):
    claims = run(nlp, "Käufer war die Berger-Privatstiftung, in deren Vorstand Karl Huber saß.", names=("Karl Huber",))
    assert facts(claims) == [("Karl Huber", "board member", "Berger-Privatstiftung", "former")]


def test_speaking_in_a_board_is_no_seat(nlp):
    assert run(nlp, "Karl Huber sprach im Aufsichtsrat der Talwerk AG.", names=("Karl Huber",)) == []


# --- lexicon rows ------------------------------------------------------------------------------------


def test_new_role_words():
    assert match_role_de_compound("Menschenrechtssprecherin") == ("human rights spokesperson", None)
    assert match_role_de_compound("Chefverhandler") == ("chief negotiator", None)
    assert match_role_de_compound("Exbankchefs") == ("chief executive officer", None)
    assert match_role_de_compound("Firmenchefin") == ("chief executive officer", None)


# --- a title the NER took into the name; the Commission's president -----------------------------------


def test_title_inside_a_person_name_is_read(nlp):
    # the NER tagged "EU-Ratspräsidentin Anna Berg" as one name: the title is still the rules' to read
    claims = run(nlp, "Das lobte EU-Ratspräsidentin Anna Berg am Montag.", names=("EU-Ratspräsidentin Anna Berg",))
    assert [(c.role, c.org, c.status) for c in claims] == [("president", "EU", "current")]


def test_a_name_with_a_role_word_inside_is_no_title(nlp):
    # "Anna König": "König" ends the name, it is no title before one
    assert run(nlp, "Das lobte Anna König am Montag.", names=("Anna König",)) == []


def test_bare_commission_president_presides_the_european_commission(nlp):
    claims = run(nlp, "Das lobte Kommissionspräsident Karl Huber in Brüssel.", names=("Karl Huber",))
    assert facts(claims) == [("Karl Huber", "commission president", "Europäische Kommission", "current")]


def test_successor_of_the_person_the_sentence_names(nlp):
    # the nearest holder before "Nachfolger" is the mayor, but the sentence names Maier ("Maiers Amtszeit")
    claims, _ = run_doc(nlp, ["Ex-Innenministerin Eva Maier traf am Montag Bürgermeister Hans Bauer.",
                              "Warum das nicht in Maiers Amtszeit geschah, sondern erst unter ihrem Nachfolger Karl Huber, ist offen."],
                        {"Eva Maier": "PER", "Hans Bauer": "PER", "Karl Huber": "PER"})
    assert ("Karl Huber", "interior minister") in {(c.person, c.role) for c in claims}
    assert ("Karl Huber", "mayor") not in {(c.person, c.role) for c in claims}


# --- "nicht mehr": the post ended -------------------------------------------------------------------


def test_no_longer_holding_a_post_is_a_former_post(nlp):
    claims = run(nlp, "Karl Huber ist nicht mehr Bürgermeister von Linz.", names=("Karl Huber",))
    assert facts(claims) == [("Karl Huber", "mayor", "Linz", "former")]


def test_no_longer_since_a_date_takes_no_start(nlp):
    claims = run(nlp, "Karl Huber ist seit 2015 nicht mehr Bürgermeister von Linz.", names=("Karl Huber",))
    assert facts(claims) == [("Karl Huber", "mayor", "Linz", "former")]
    assert claims[0].start is None


def test_plain_negation_and_future_negation_deny_the_post(nlp):
    assert run(nlp, "Karl Huber ist nicht Bürgermeister von Linz.", names=("Karl Huber",)) == []
    assert run(nlp, "Karl Huber wird nicht mehr Bürgermeister von Linz.", names=("Karl Huber",)) == []
