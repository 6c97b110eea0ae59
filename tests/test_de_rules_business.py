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
from helpers.de_rules import facts, nlp, run  # noqa: F401 (nlp is a fixture)


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
        ("ÖSV-Coach", ("coach", "ÖSV")),  # from 10kGNAD's words before names
        ("Bundesbank-Vorstand", ("board member", "Bundesbank")),
        ("Expräsident", ("president", None)),  # "Ex" written closed
        ("Experte", None),
        ("FPÖ-Präsidentschaftskandidat", ("candidate", "FPÖ")),  # a candidacy for a party is a post
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
    # between the commas of an apposition the genitive noun phrase is the body she heads (in the
    # nominative): a head stays a head, of the named body, not of the company after it
    assert facts(c) == [("Ilse Ott", "head", "Bauhof der Stadtwerke GmbH", "current")]
    c = run(nlp, "Ilse Ott leitet den Bauhof, sagt Leiterin Eva Maus.", names=("Ilse Ott", "Eva Maus"))
    assert facts(c) == []  # no organisation named: no claim without one


def test_ceo_with_dotted_company(nlp):
    c = run(nlp, "Das sagte E.ON-Chef Jan Tessen am Montag.", names=("Jan Tessen",))
    assert facts(c) == [("Jan Tessen", "head", "E.ON", "current")]


def test_where_one_works_as(nlp):
    # "als ROLE bei/in ORG tätig/beschäftigt": the organisation after "bei der", "in der"
    c = run(nlp, "Derzeit ist Udo Kalt als Geschäftsführer bei der Talwerk AG beschäftigt.", names=("Udo Kalt",))
    assert facts(c) == [("Udo Kalt", "managing director", "Talwerk AG", "current")]
    c = run(nlp, "Zuvor war Eva Kranz als Landesgeschäftsführerin in der steirischen SPÖ tätig.", names=("Eva Kranz",))
    assert facts(c) == [("Eva Kranz", "state managing director", "SPÖ", "former")]
    assert c[0].org_span.text == "SPÖ"


def test_in_after_a_role_without_als_is_no_organisation(nlp):
    # "Geschäftsführer in der Krise" is no workplace: only after "als" does "in der" open one
    c = run(nlp, "Udo Kalt ist Geschäftsführer in der ÖVP-Krise geblieben.", names=("Udo Kalt",))
    assert [x.org for x in c] == [None]


def test_professor_at_a_university(nlp):
    c = run(nlp, "Mara Fink war von 2015 bis 2021 Professorin an der TU.", names=("Mara Fink",))
    assert facts(c) == [("Mara Fink", "professor", "TU", "former")]


def test_adjective_before_the_organisation(nlp):
    c = run(nlp, "Das sagte Ida Holm, Chefin der konservativen EVP-Fraktion, am Montag.", names=("Ida Holm",))
    assert facts(c) == [("Ida Holm", "head", "EVP-Fraktion", "current")]


def test_noun_before_a_place_is_no_organisation(nlp):
    # "des Kulturbüros Sachsen": the place is part of the body's name, not the body
    c = run(nlp, "Das sagte Grit Hahn, Chefin des Kulturbüros Sachsen, am Montag.", names=("Grit Hahn",), orgs=())
    assert [x.org for x in c if x.org] == ["Kulturbüro Sachsen"]  # the body's whole name, never "Sachsen"


def test_company_by_its_legal_form_in_one_word(nlp):
    c = run(nlp, "Tim Rauch (38) ist Betriebsratsvorsitzender der Porsche-Holding.", names=("Tim Rauch",))
    assert facts(c) == [("Tim Rauch", "works council chairman", "Porsche-Holding", "current")]


def test_closed_ex_is_a_former_holder(nlp):
    c = run(nlp, "Das sagte Brasiliens Expräsident Lino Sava.", names=("Lino Sava",))
    assert facts(c) == [("Lino Sava", "president", "Brazil", "former")]
