"""German posts of companies, clubs and bodies (kb.extract.de.rules, de.lexicon).

Sentences are written for these tests; names are invented. Covered: role words news uses for
company heads (from SmartData's position words: "CEO", "Vorstandsmitglied"), organisation prefixes
with dots ("E.ON-Chef"), a role written with a hyphen ("Fraktions-Chef"), "ROLE des BODY" as the
one-word role ("Vorsitzende des Vorstands" = "Vorstandsvorsitzende"), "Mitglied des Vorstands",
and a company named by its legal form ("der Rheinwerke AG").
"""

from __future__ import annotations

import pytest

from kb.extract.de.lexicon import genitive_compound, match_role_de_compound
from kb.extract.de.ner import blank_german
from helpers.de_rules import run


@pytest.fixture(scope="module")
def nlp():
    return blank_german()


def facts(claims):
    return sorted((c.person, c.role, c.org, c.status) for c in claims)


@pytest.mark.parametrize(
    "word, expected",
    [
        ("CEO", ("chief executive officer", None)),
        ("Chefredakteurin", ("editor-in-chief", None)),
        ("ORF-Generaldirektor", ("director general", "ORF")),
        ("Vorstandsmitglied", ("board member", None)),
        ("E.ON-Chef", ("head", "E.ON")),  # a name with dots before the role
        ("H&M-Chefin", ("head", "H&M")),
        ("Fraktions-Chef", ("parliamentary group leader", None)),  # "Fraktionschef" with a hyphen
        ("CSU-Fraktions-Chef", ("parliamentary group leader", "CSU")),
        ("Bundes-Finanzminister", ("finance minister", None)),  # "Bundes-" is no organisation
        ("2015-Chef", None),
    ],
)
def test_role_words(word, expected):
    assert match_role_de_compound(word) == expected


@pytest.mark.parametrize(
    "role, body, expected",
    [
        ("Vorsitzender", "Aufsichtsrats", "supervisory board chair"),
        ("Präsidentin", "Landtags", "president of the landtag"),
        ("Minister", "Finanzen", "finance minister"),
        ("Mitglied", "Vorstands", "board member"),
        ("Leiter", "Bauhofs", None),  # no such one-word role: the body is the organisation
    ],
)
def test_genitive_compound(role, body, expected):
    assert genitive_compound(role, body) == expected


def test_chair_of_the_board_of_a_company(nlp):
    c = run(nlp, "Eva Lorz ist seit 2019 Vorsitzende des Vorstands der Talwerk AG.", names=("Eva Lorz",))
    assert facts(c) == [("Eva Lorz", "chief executive officer", "Talwerk AG", "current")]
    assert c[0].start.value == "2019"


def test_member_of_the_board(nlp):
    c = run(nlp, "Udo Brem war Mitglied des Vorstands der Nordbau Holding.", names=("Udo Brem",))
    assert facts(c) == [("Udo Brem", "board member", "Nordbau Holding", "former")]


def test_minister_of_a_portfolio_in_the_genitive(nlp):
    c = run(nlp, "Kai Renz ist Bundesministerin der Justiz.", names=("Kai Renz",))
    assert [x.role for x in c] == ["justice minister"]


def test_head_of_a_named_body_stays_head(nlp):
    c = run(nlp, "Ilse Ott, Leiterin des Bauhofs der Stadtwerke GmbH, schwieg.", names=("Ilse Ott",))
    assert facts(c) == []  # "des Bauhofs" is no organisation kb can name: no claim without one


def test_ceo_with_dotted_company(nlp):
    c = run(nlp, "Das sagte E.ON-Chef Jan Tessen am Montag.", names=("Jan Tessen",))
    assert facts(c) == [("Jan Tessen", "head", "E.ON", "current")]
