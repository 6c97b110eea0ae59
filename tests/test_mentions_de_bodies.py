"""German assemblies named by their common noun ("im Gemeinderat") are organisation mentions.

Sentences are written for these tests; names are invented. NER is stood in for by setting
``doc.ents`` on a blank German pipeline, as the German rule tests do.
"""

from __future__ import annotations

import pytest

from kb.extract.mentions import ner_mentions
from kb.model import Sentence
from helpers.de_rules import nlp, tagged  # noqa: F401 (nlp is a fixture)


def orgs(nlp, text: str, names: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    doc = tagged(nlp, text, names, "PER")
    sent = Sentence(0, 0, len(text), text, "de")
    return [(m.text, m.label) for m in ner_mentions(sent, doc) if m.type == "organization"]


def test_body_after_a_fused_article_is_an_organisation(nlp):
    assert orgs(nlp, "Sie sitzt seit zehn Jahren im Gemeinderat von Oberfeld.") == [("Gemeinderat", "rule:body")]


def test_body_as_subject_after_an_article(nlp):
    assert orgs(nlp, "Danach wählt der Landtag einen neuen Präsidenten.") == [("Landtag", "rule:body")]


def test_body_word_as_a_title_before_a_name_is_no_organisation(nlp):
    assert orgs(nlp, "Gestern sprach der Gemeinderat Ferdl Wunderer im Saal.", names=("Ferdl Wunderer",)) == []


def test_body_word_without_an_article_or_in_a_compound_is_no_organisation(nlp):
    assert orgs(nlp, "Gemeinderat und Gemeinderatswahl sind Themen, Landtagsabgeordnete auch.") == []


def test_english_text_gets_no_german_bodies(en_nlp):
    text = "The Landtag met in the Landtag building."
    assert all(m.label != "rule:body" for m in ner_mentions(Sentence(0, 0, len(text), text, "en"), en_nlp(text)))


@pytest.mark.parametrize("text, expected", [
    ("Laut dem Verkehrsministerium ist die Brücke sicher.", "Verkehrsministerium"),
    ("Nun ermittelt die Staatsanwaltschaft gegen den Bauherrn.", "Staatsanwaltschaft"),
    ("Das Gesetz wird nun der Verfassungsgerichtshof prüfen.", "Verfassungsgerichtshof"),
    ("Die Förderung kommt vom Kanzleramt.", "Kanzleramt"),
    ("Zuerst muss der Rechnungshof zustimmen.", "Rechnungshof"),
])
def test_public_body_noun_after_an_article_is_an_organisation(nlp, text, expected):
    assert orgs(nlp, text) == [(expected, "rule:body")]


def test_genitive_body_is_an_organisation_named_in_the_nominative(nlp):
    # session 11: news names a ministry often only in the genitive ("des Justizministeriums"), so the
    # genitive is read too (kb.extract.de.institutions), under the nominative name; before, no mention
    doc = nlp("Ein Sprecher des Verkehrsministeriums schwieg.")
    sent = Sentence(0, 0, len(doc.text), doc.text, "de")
    assert [(m.text, m.name, m.label) for m in ner_mentions(sent, doc) if m.type == "organization"] == [
        ("Verkehrsministeriums", "Verkehrsministerium", "rule:institution")]


@pytest.mark.parametrize("text", [
    "Ein Sprecher eines Verkehrsministeriums schwieg.",  # genitive after an indefinite article: any ministry
    "Das Ministerium schwieg dazu.",  # the bare ending is no compound
    "Beide Ministerien schwiegen, auch die Gerichte.",
    "Viele Ministeriumssprecher schwiegen.",
    "Zuerst muss die Landesregierung zustimmen.",  # a government: the coalition in office
])
def test_no_body_for_indefinite_genitives_bare_endings_or_other_compounds(nlp, text):
    assert orgs(nlp, text) == []


def test_body_noun_test_reads_the_lexicon():
    from kb.extract.de.known_orgs import is_body_noun_de

    assert is_body_noun_de("Sozialministerium") and is_body_noun_de("Landtag")
    assert not is_body_noun_de("ministerium") and not is_body_noun_de("Bahnhof")


def test_organisation_as_a_compound_first_part_is_a_mention(nlp):
    assert orgs(nlp, "Die Nato-Staaten beraten, sagte ein ORF-Reporter.") == [("Nato", "rule:prefix"), ("ORF", "rule:prefix")]


def test_compound_first_part_inside_a_person_mention_is_left(nlp):
    assert orgs(nlp, "Gestern sprach Hanna ORF-Lindner im Saal.", names=("Hanna ORF-Lindner",)) == []


@pytest.mark.parametrize("text, expected", [
    ("Gestern stimmte das dänische Parlament dagegen.", "dänische Parlament"),
    ("Dann zog die schwedische Armee ab.", "schwedische Armee"),
    ("Er schrieb an das norwegische Außenministerium.", "norwegische Außenministerium"),
])
def test_body_with_a_country_adjective_keeps_the_adjective(nlp, text, expected):
    assert orgs(nlp, text) == [(expected, "rule:body")]


@pytest.mark.parametrize("text", [
    "Gestern stimmte das Parlament dagegen.",  # which parliament: the story names it otherwise
    "Dann zog die Armee ab.",
    "Gestern stimmte das neue Parlament dagegen.",  # no country adjective
])
def test_national_nouns_need_a_country_adjective(nlp, text):
    assert orgs(nlp, text) == []


def test_country_adjective_only_in_the_nominative_form(nlp):
    assert orgs(nlp, "Er sprach mit der schwedischen Armee.") == []


def orgs_with_places(nlp, text: str, places: tuple[str, ...]) -> list[tuple[str, str]]:
    doc = nlp(text)
    doc.ents = [doc.char_span(text.index(p), text.index(p) + len(p), label="LOC") for p in places]
    sent = Sentence(0, 0, len(text), text, "de")
    return [(m.text, m.label) for m in ner_mentions(sent, doc) if m.type == "organization"]


def test_court_or_chamber_with_its_seat_is_one_organisation(nlp):
    text = "Das Landesgericht Oberfeld und die Ärztekammer St. Veit klagen, in Linz auch."
    assert orgs_with_places(nlp, text, ("Oberfeld", "St. Veit", "Linz")) == [
        ("Landesgericht Oberfeld", "rule:seat"), ("Ärztekammer St. Veit", "rule:seat"), ("Linz", "LOC")]


def test_seat_needs_a_court_or_chamber_before_it(nlp):
    text = "Das Gericht Oberfeld und die Bahn Oberfeld fahren."
    assert orgs_with_places(nlp, text, ("Oberfeld",)) == [("Oberfeld", "LOC")]


def test_body_noun_whose_name_goes_on_is_left(nlp):
    # the noun alone is no name of it; session 11 reads the whole name (kb.extract.de.institutions)
    assert orgs(nlp, "Er ist Präsident der Ärztekammer für Oberfeld.") == [("Ärztekammer für Oberfeld", "rule:institution")]
