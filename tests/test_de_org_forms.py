"""A German organisation opened by its kind ("der Zeitung X", "der Partei X") is X (kb.extract.de.org_forms).

Sentences are written for these tests; names are invented. The NER often takes the kind noun into the
organisation's entity; the tenure's organisation and its evidence span are then the name after it.
"""

from __future__ import annotations

import pytest

from kb.extract.de.org_forms import kind_words, strip_kind
from helpers.de_rules import nlp, run  # noqa: F401 (nlp is a fixture)


@pytest.mark.parametrize(
    "name, expected",
    [
        ("Partei Nea Fotia", 1),
        ("Zeitung Morgenblatt", 1),
        ("Sicherheitsfirma Datenwacht", 1),  # a compound ending in a kind noun
        ("Bundesliga-Absteiger FC Talheim", 1),
        ("Vorarlberger Firma Brenner", 2),  # a place adjective before the kind noun
        ("Sozialisten der Pasok", 2),  # a known party after "der"
        ("Bank Austria", 0),  # a kind noun that opens real names, standing first
        ("Deutsche Bank", 0),  # the kind noun last: part of the name
        ("Yachtklub Neusiedl", 0),  # clubs are named by kind and town
        ("Datenbank Foo", 0),  # a compound the lexicon marks as no body
        ("Holding Graz", 0),
        ("Ärztegewerkschaft Hippokrates", 0),  # not a listed kind
        ("Raiffeisen Landesbank Tirol", 0),  # a name before the kind noun: one long name
        ("Volksbank Holding Nord", 0),
        ("Vorarlberger Bank Feldkirch", 0),  # a bank noun after an adjective: still the name
        ("Vorarlberger Firma AG", 0),  # nothing but a legal form after the kind noun
    ],
)
def test_kind_words(name, expected):
    assert kind_words(name) == expected


def test_strip_kind_moves_the_span_past_inflected_kind_words():
    # the nominative name, the genitive text: "des Bundesliga-Absteigers FC Talheim"
    assert strip_kind("Bundesliga-Absteiger FC Talheim", "ORG", "Bundesliga-Absteigers FC Talheim") == ("FC Talheim", 22)
    assert strip_kind("Zeitung Morgenblatt", "LOC", "Zeitung Morgenblatt") == ("Zeitung Morgenblatt", 0)


@pytest.mark.parametrize(
    "text, person, org_ent, role, org",
    [
        ("Die Chefredakteurin der Zeitung Morgenblatt, Petra Lindner, widersprach.",
         "Petra Lindner", "Zeitung Morgenblatt", "editor-in-chief", "Morgenblatt"),
        ("Der Geschäftsführer der Sicherheitsfirma Datenwacht, Kurt Meier, widersprach.",
         "Kurt Meier", "Sicherheitsfirma Datenwacht", "managing director", "Datenwacht"),
        # the role is read before the kind word goes: the chair of a "Partei" leads the party
        ("Das sagte Nikos Andrianakis, der Vorsitzende der liberalen Partei Nea Fotia, am Montag.",
         "Nikos Andrianakis", "Partei Nea Fotia", "party leader", "Nea Fotia"),
    ],
)
def test_tenure_org_is_the_name_after_the_kind(nlp, text, person, org_ent, role, org):
    claims = [c for c in run(nlp, text, (person,), (org_ent,)) if c.person == person]
    assert [(c.role, c.org) for c in claims] == [(role, org)]
    assert claims[0].org_span is not None and claims[0].org_span.text == org
