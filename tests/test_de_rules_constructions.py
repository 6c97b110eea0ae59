"""German constructions added from error analysis on unseen derStandard news (kb.extract.de.rules,
de.verbs, de.lexicon): "als ROLE" after any verb, a party in brackets after a name, the age noun
("die 52-Jährige") and a sentence-initial "Diese" as anaphors, nouns of leaving ("nach dem Abtritt
von Bürgermeister X 2003"), the chair of a party, a group leader in a city council, "Chefin vom
Dienst", an aside between dashes inside an exit, and role words found in that news.

Sentences are written for these tests; names are invented.
"""

from __future__ import annotations

import pytest

from kb.extract.de.lexicon import match_role_de_compound
from helpers.de_rules import facts, nlp, run, run_doc  # noqa: F401 (nlp is a fixture)


@pytest.mark.parametrize(
    "word, expected",
    [
        ("Stellvertreterin", ("deputy", None)),
        ("Oppositionsführer", ("opposition leader", None)),
        ("Generalstabschef", ("chief of the general staff", None)),
        ("ORF-Moderatorin", ("presenter", "ORF")),
        ("Landesparteivorsitzender", ("state party chairman", None)),
        ("Stadtparteichefin", ("city party chairman", None)),
        ("Co-Trainer", ("assistant coach", None)),
        ("Fischereiministerin", ("fisheries minister", None)),
        ("SPÖ-Bundesgeschäftsführer", ("federal managing director", "SPÖ")),
    ],
)
def test_role_words_from_news(word, expected):
    assert match_role_de_compound(word) == expected


def test_als_after_any_verb(nlp):
    c = run(nlp, "Hanna Stein arbeitet seit 2019 als Trainerin beim SK Talheim.", names=("Hanna Stein",), orgs=("SK Talheim",))
    assert facts(c) == [("Hanna Stein", "coach", "SK Talheim", "current")]
    assert c[0].rule == "de_als" and c[0].start.value == "2019"


def test_als_fronted_before_the_verb_and_subject(nlp):
    c = run(nlp, "Als Bürgermeister von Talheim eröffnete Jonas Reiter die neue Brücke.", names=("Jonas Reiter",))
    assert [(x.person, x.role, x.org) for x in c] == [("Jonas Reiter", "mayor", "Talheim")]
    assert c[0].status == "unknown"  # a past event verb leaves the post's status open


def test_als_with_a_holding_verb_in_the_past_is_former(nlp):
    c = run(nlp, "Jonas Reiter arbeitete damals als Geschäftsführer bei der Talwerk AG.", names=("Jonas Reiter",))
    assert facts(c) == [("Jonas Reiter", "managing director", "Talwerk AG", "former")]


@pytest.mark.parametrize(
    "text, names",
    [
        ("Der Kanzler bezeichnete Hanna Stein als Ministerin ohne Plan.", ("Hanna Stein",)),  # naming someone
        ("Jonas Reiter bestellte Hanna Stein als Ministerin.", ("Jonas Reiter", "Hanna Stein")),  # the object gets it
        ("Hanna Stein ist mehr als Bürgermeisterin von Talheim.", ("Hanna Stein",)),  # a comparison
        ("Hanna Stein soll als Bürgermeisterin von Talheim antreten.", ("Hanna Stein",)),  # modal
    ],
)
def test_als_no_post(nlp, text, names):
    assert [c for c in run(nlp, text, names=names) if c.rule == "de_als"] == []


def test_party_in_brackets_before_an_apposition_and_a_copula(nlp):
    c = run(nlp, "Eva Lindner (ÖVP), Landesrätin für Soziales, widersprach.", names=("Eva Lindner",))
    assert [(x.person, x.role, x.rule) for x in c] == [("Eva Lindner", "state councillor", "de_apposition")]
    c = run(nlp, "Paul Hager (SPÖ) ist Bürgermeister von Talheim.", names=("Paul Hager",))
    assert facts(c) == [("Paul Hager", "mayor", "Talheim", "current")]


def test_age_noun_refers_to_the_person_named_before(nlp):
    claims, _ = run_doc(nlp, ["Eva Lindner wechselt nach Talheim.",
                              "Die 48-Jährige gehörte von 2004 bis 2012 der steirischen Landesregierung an."],
                        {"Eva Lindner": "PER"})
    assert facts(claims) == [("Eva Lindner", "member of the state government", "Steiermark", "former")]


def test_sentence_initial_diese_refers_back_and_an_aside_does_not_break_the_exit(nlp):
    claims, _ = run_doc(nlp, ["Die Partei sucht eine Nachfolgerin für Eva Lindner.",
                              "Diese trat – wie erwartet – am Freitag als Parteichefin zurück."],
                        {"Eva Lindner": "PER"})
    assert facts(claims) == [("Eva Lindner", "party leader", None, "former")]


def test_diese_before_a_noun_is_no_anaphor(nlp):
    claims, _ = run_doc(nlp, ["Eva Lindner sprach lange.", "Diese Frage war Bürgermeister Paul Hager wichtig."],
                        {"Eva Lindner": "PER", "Paul Hager": "PER"})
    assert all(c.person == "Paul Hager" for c in claims)


def test_noun_of_leaving_before_title_and_name(nlp):
    c = run(nlp, "Die Partei kam nach dem Abtritt von Bürgermeister Paul Hager 2009 nicht mehr auf die Beine.",
            names=("Paul Hager",))
    assert [(x.person, x.role, x.status, x.end.value) for x in c] == [("Paul Hager", "mayor", "former", "2009")]


def test_retreat_from_a_seat_leaves_the_title_current(nlp):
    c = run(nlp, "Nach dem Rückzug des Bürgermeisters Paul Hager aus dem Landtag rückt Eva Lindner nach.",
            names=("Paul Hager", "Eva Lindner"))
    assert ("Paul Hager", "mayor", None, "current") in facts(c)


def test_chair_of_a_party_is_its_leader_but_not_a_department_head(nlp):
    c = run(nlp, "Paul Hager ist Vorsitzender der Fortschrittspartei.", names=("Paul Hager",))
    assert facts(c) == [("Paul Hager", "party leader", "Fortschrittspartei", "current")]
    c = run(nlp, "Paul Hager ist Kommunikationschef der SPÖ.", names=("Paul Hager",), orgs=("SPÖ",))
    assert [x.role for x in c] == ["head"]


def test_group_leader_in_a_city_council(nlp):
    c = run(nlp, "Paul Hager ist SPÖ-Klubobmann im Gemeinderat.", names=("Paul Hager",))
    assert facts(c) == [("Paul Hager", "city council group leader", "SPÖ", "current")]


def test_duty_editor(nlp):
    c = run(nlp, "Eva Lindner ist Chefin vom Dienst im ORF.", names=("Eva Lindner",), orgs=("ORF",))
    assert facts(c) == [("Eva Lindner", "duty editor", "ORF", "current")]


@pytest.mark.parametrize(
    "text, status",
    [
        ("Verteidigungsminister Paul Hager ist am Freitag zurückgetreten.", "former"),
        ("Finanzminister Paul Hager trat am Freitag zurück.", "former"),
        ("Die Partei hat Generalsekretär Paul Hager abgesetzt.", "former"),
        ("Finanzminister Paul Hager ist nicht zurückgetreten.", "current"),  # negated
        ("Finanzminister Paul Hager tritt im Herbst zurück.", "current"),  # announced: lasts until the handover
    ],
)
def test_post_left_after_title_and_name(nlp, text, status):
    c = [x for x in run(nlp, text, names=("Paul Hager",)) if x.person == "Paul Hager"]
    assert c and {x.status for x in c} == {status}


def test_south_tyrol_dateline_is_the_governors_state():
    from kb.extract.de.places import place_named
    place = place_named("Bozen")
    assert place is not None and (place.state, place.country) == ("Südtirol", "Italy")


def test_genitive_noun_phrase_between_commas_is_the_organisation(nlp):
    c = run(nlp, "Der Sprecher des Krisenstabes, Timo Brandl, sagte das.", names=("Timo Brandl",))
    assert facts(c) == [("Timo Brandl", "spokesperson", "Krisenstab", "current")]
    c = run(nlp, "Timo Brandl, Vorsitzender des Dachverbands der Imker, sagte das.", names=("Timo Brandl",))
    assert facts(c) == [("Timo Brandl", "chair", "Dachverband der Imker", "current")]
    c = run(nlp, "Die Direktorin des Stadtmuseums in Talheim, Eva Lindner, sagte das.", names=("Eva Lindner",))
    assert facts(c) == [("Eva Lindner", "director", "Stadtmuseum", "current")]


def test_genitive_noun_phrase_without_the_commas_is_no_organisation(nlp):
    c = run(nlp, "Timo Brandl sprach mit dem Sprecher des Krisenstabes über Eva Lindner.", names=("Timo Brandl", "Eva Lindner"))
    assert facts(c) == []


def test_head_of_a_party_named_by_its_members(nlp):
    c = run(nlp, "Die Chefin der Sozialdemokraten in Talheim, Eva Lindner, sagte das.", names=("Eva Lindner",))
    assert [(x.person, x.role) for x in c] == [("Eva Lindner", "party leader")]


def test_definite_role_opening_a_clause_is_the_person_given_that_role(nlp):
    claims, _ = run_doc(nlp, ["Ministerpräsident Jan Beispiel sprach am Montag.",
                              "Der Ministerpräsident ist nicht zurückgetreten und wird weiterhin als Vorsitzender der "
                              "Fortschrittspartei tätig sein."],
                        {"Jan Beispiel": "PER"})
    assert ("Jan Beispiel", "party leader", "Fortschrittspartei", "current") in facts(claims)


def test_adjectives_between_article_and_role_in_an_apposition(nlp):
    c = run(nlp, "Das sagte Timo Brandl, der rechtspopulistische Verteidigungsminister, am Montag.", names=("Timo Brandl",))
    assert [(x.person, x.role, x.rule) for x in c] == [("Timo Brandl", "defence minister", "de_apposition")]


def test_post_serving_another_post_takes_the_workplace_after_it(nlp):
    c = run(nlp, "Derzeit ist Timo Brandl als Assistent des Obmanns bei der Talwerk AG beschäftigt.", names=("Timo Brandl",))
    assert facts(c) == [("Timo Brandl", "assistant", "Talwerk AG", "current")]
    c = run(nlp, "Das sagte ein Sprecher des Bürgermeisters Paul Hager.", names=("Paul Hager",))
    assert all(x.role != "spokesperson" for x in c)  # the mayor is named, not his spokesman


def test_coordinated_apposition_and_a_city_branch_of_a_party(nlp):
    c = run(nlp, "Es kommt Timo Brandl (51), Leiter des Bauhofs im Magistrat und Parteivorsitzender der Stadt-SPÖ.",
            names=("Timo Brandl",))
    assert ("Timo Brandl", "party leader", "SPÖ", "current") in facts(c)


def test_implied_organisation_of_a_generic_post(nlp):
    c = run(nlp, "Zum Talwerk: Dessen Chef Timo Brandl sagte nichts.", names=("Timo Brandl",), orgs=("Talwerk",))
    assert facts(c) == [("Timo Brandl", "head", "Talwerk", "current")]
    c = run(nlp, "Das sagte Sozialsprecher Timo Brandl (SPÖ) am Montag.", names=("Timo Brandl",))
    assert facts(c) == [("Timo Brandl", "social affairs spokesperson", "SPÖ", "current")]
    c = run(nlp, "Das sagte Sozialsprecher Timo Brandl am Montag.", names=("Timo Brandl",))
    # a portfolio's spokesperson is a party post (session 8): kept with no organisation, which the
    # document's main party may fill (de/parties.py), as a parliamentary group leader's
    assert facts(c) == [("Timo Brandl", "social affairs spokesperson", None, "current")]
    c = run(nlp, "Das sagte Sprecher Timo Brandl am Montag.", names=("Timo Brandl",))
    assert facts(c) == []  # a spokesperson of no portfolio and no organisation: no claim
