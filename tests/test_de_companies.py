"""Company names found by their context (kb.extract.de.companies), alone and as the last step of
the German repair component."""

from __future__ import annotations

import pytest

from kb.extract.de.companies import company_names, company_spans
from kb.extract.de.repair import EntityRepair
from helpers.de_rules import nlp  # noqa: F401 (nlp is a fixture)


def names(text: str) -> list[str]:
    words = text.split()
    return [" ".join(words[a:b]) for a, b in company_spans(words)]


@pytest.mark.parametrize("text, expected", [
    ("Die Halvorsen Maritim AG meldet einen Gewinn .", ["Halvorsen Maritim AG"]),
    ("Der Vertrag mit der Brixlinger Holz GmbH läuft aus .", ["Brixlinger Holz GmbH"]),
    ("Das Unternehmen Quendrix will wachsen .", ["Quendrix"]),
    ("Der Versandhändler fooLino schließt Filialen .", ["fooLino"]),
    ("Die finnische Velkoni Oyj übernimmt .", ["Velkoni Oyj"]),
])
def test_names_before_a_legal_form_or_after_a_company_noun(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize("text", [
    "Das Unternehmen will im Herbst wachsen .",  # no name after the noun
    "Der Konzern und die Gewerkschaft einigten sich .",
    "Aktien der AG fielen .",  # a legal form after a function word only
    "Der Hersteller von Fahrrädern meldet Verluste .",
])
def test_no_name_without_one_in_the_context(text):
    assert names(text) == []


def test_names_stop_after_four_words():
    assert names("Die Alpha Beta Gamma Delta Epsilon GmbH") == ["Beta Gamma Delta Epsilon GmbH"]


def test_spans_of_the_models_win_over_the_rule():
    words = "Die Halvorsen Maritim AG und das Unternehmen Quendrix".split()
    found = company_names(words, {(1, 3, "PER")})
    assert found == {(1, 3, "PER"), (7, 8, "ORG")}  # the PER span keeps its tokens; "AG" alone is no name


def test_repair_component_tags_the_company(nlp, tmp_path):
    repair = EntityRepair(tmp_path / "absent.tsv.gz", english=False)
    doc = nlp.make_doc("Gestern meldete die Brixlinger Holz GmbH einen Verlust.")
    assert [(e.text, e.label_) for e in repair(doc).ents] == [("Brixlinger Holz GmbH", "ORG")]


@pytest.mark.parametrize("text", [
    "Sie sagte , dass der Konzern Förderungen erhalten habe .",
    "Der Sprecher meinte , das Unternehmen Dienstagabend informiert zu haben .",
    "Ob der Hersteller Ende März liefert , ist offen .",
])
def test_common_nouns_and_time_words_after_a_company_noun_are_no_name(text):
    assert names(text) == []


@pytest.mark.parametrize("text, expected", [
    ("Der Glücksspielkonzern Varnoli steigt bei den Casinos ein .", ["Varnoli"]),
    ("Die Baumarktkette Hölzlinger schließt zwei Filialen .", ["Hölzlinger"]),
    ("Laut der Beratungsgesellschaft Krammer Vest sinken die Preise .", ["Krammer Vest"]),
    ("Der Softwareriese Quendrix übernimmt ein Start-up .", ["Quendrix"]),
])
def test_compound_company_nouns_introduce_a_company(text, expected):
    pytest.importorskip("HanTa")  # a one-word name must be no common noun by HanTa's lexicon
    assert names(text) == expected


@pytest.mark.parametrize("text", [
    "Der Kunsthändler Varnoli zeigt neue Bilder .",  # "-händler": a person as often as a company
    "Die Bauerntochter Anna Varnoli heiratet .",  # "-tochter": a daughter first
    "Die Bank Varnoli meldet Verluste .",  # "Bank" alone is no compound (and no listed company noun)
    "Sie sagte , dass der Internetkonzern Kunden verliere .",  # a common noun after the company noun
    "Er meinte , dass das Unternehmen Mitarbeiter suche .",
])
def test_no_company_after_person_nouns_or_before_a_common_noun(text):
    pytest.importorskip("HanTa")
    assert names(text) == []
