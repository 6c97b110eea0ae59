"""German tenures stated by a verb (kb.extract.de.verbs through kb.extract.de.rules).

Sentences are written for these tests; names are invented. Covered: "X leitet ORG" (head),
"X trat … als ROLE zurück" (a post left, the date ends it), "ORG hat X zur ROLE ernannt" (a post
taken up, the appointing organisation is its organisation), and look-alikes that are none.
"""

from __future__ import annotations

import pytest

from helpers.de_rules import nlp, run  # noqa: F401 (nlp is a fixture)


def got(claims):
    return [(c.person, c.role, c.org, c.status, c.rule, c.start and c.start.value, c.end and c.end.value) for c in claims]


def test_leads_an_organisation(nlp):
    c = run(nlp, "Mira Okon leitet seit 2022 das Institut für Meereskunde in Kiel.", names=("Mira Okon",),
            orgs=("Institut für Meereskunde",))
    assert got(c) == [("Mira Okon", "head", "Institut für Meereskunde", "current", "de_leads", "2022", None)]


def test_led_in_verb_second_order(nlp):
    c = run(nlp, "Von 2015 bis 2019 leitete Udo Kalt die Stadtwerke GmbH.", names=("Udo Kalt",))
    assert got(c) == [("Udo Kalt", "head", "Stadtwerke GmbH", "former", "de_leads", "2015", "2019")]


@pytest.mark.parametrize("text", [
    "Udo Kalt leitet die Sitzung.",  # a meeting is no organisation
    "Udo Kalt leitet die Ermittlungen gegen die NATO.",  # the NATO is not what he leads
    "Udo Kalt soll die NATO leiten.",  # infinitive: no statement of fact
])
def test_leads_nothing(nlp, text):
    assert run(nlp, text, names=("Udo Kalt",)) == []


def test_stepped_down_as(nlp):
    c = run(nlp, "Der Bäcker Karl Stroh (1931–2010) trat 1998 als Vorsitzender des Heimatvereins zurück.",
            names=("Karl Stroh",), orgs=("Heimatvereins",))
    # the genitive organisation in the nominative (session 9: orgs.nominative_name)
    assert got(c) == [("Karl Stroh", "chair", "Heimatverein", "former", "de_exit", None, "1998")]


def test_withdrew_as_party_chief(nlp):
    c = run(nlp, "Eva Lind zog sich im Mai 2024 als SPÖ-Chefin zurück.", names=("Eva Lind",))
    assert got(c) == [("Eva Lind", "party leader", "SPÖ", "former", "de_exit", None, "2024-05")]


def test_resigning_now_is_no_end(nlp):
    # present tense: the resignation is announced, the handover open
    assert run(nlp, "Eva Lind tritt als SPÖ-Chefin zurück.", names=("Eva Lind",)) == []


def test_appointed_by_an_organisation(nlp):
    c = run(nlp, "Die Seewerke Lindow haben Petra Holm im Jahr 2019 zur Geschäftsführerin ernannt.", names=("Petra Holm",))
    assert got(c) == [("Petra Holm", "managing director", "Seewerke Lindow", "unknown", "de_appoint", "2019", None)]


def test_appointed_by_a_board_names_no_company(nlp):
    c = run(nlp, "Der Aufsichtsrat hat Jan Berg zum Vorstandschef bestellt.", names=("Jan Berg",))
    assert got(c) == [("Jan Berg", "chief executive officer", None, "unknown", "de_appoint", None, None)]


def test_appointed_not_when_negated(nlp):
    assert run(nlp, "Die Seewerke Lindow haben Petra Holm nicht zur Geschäftsführerin ernannt.", names=("Petra Holm",)) == []


@pytest.mark.parametrize("text, name, expected", [
    ("Nach dem Rückzug des Bürgermeisters Anton Hatz aus dem Landtag rückt Udo Brem nach.", "Anton Hatz",
     ("member of the landtag", "Landtag", "former")),
    # leaving presupposes the seat, whatever the modality: a member now
    ("Offen ist, ob die Sprecherin Heidi Hirsch (56) sich früher aus dem Landtag zurückzieht.", "Heidi Hirsch",
     ("member of the landtag", "Landtag", "current")),
    ("Eva Lang zog 2013 in den Nationalrat ein.", "Eva Lang", ("member of the national council", "Nationalrat", "unknown")),
    ("Im Dezember dürfte Tarik Moll den Sprung in den Landtag schaffen.", "Tarik Moll",
     ("member of the landtag", "Landtag", "unknown")),
])
def test_seat_by_moving(nlp, text, name, expected):
    c = [x for x in run(nlp, text, names=(name,)) if x.rule == "de_seat"]
    assert [(x.person, x.role, x.org, x.status) for x in c] == [(name,) + expected]


@pytest.mark.parametrize("text", [
    "Eva Lang zog nicht in den Nationalrat ein.",  # denied
    "Mit Eva Lang zog die SPÖ in den Landtag ein.",  # the party moved in; she is after a preposition
    "Eva Lang verlässt den Saal und geht in den Gemeinderat.",  # a visit, no move of a seat
    "Er zog 2013 in den Landtag ein.",  # a pronoun may point forward: never taken here
])
def test_no_seat_by_moving(nlp, text):
    assert [x for x in run(nlp, text, names=("Eva Lang",) if "Eva Lang" in text else ()) if x.rule == "de_seat"] == []
