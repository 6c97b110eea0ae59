"""Document-level label consistency of the German NER (kb.extract.de.consistency): one name, one
label in a document; organisation names tagged where they recur untagged. Sentences written for
these tests; the last tests run kb's real German pipeline through the extract stage."""

from __future__ import annotations

import pytest

from kb.extract.de.consistency import (
    company_keys, consistent_spans, eligible, harmonise_docs, majority_labels,
)

pytest.importorskip("HanTa")  # the common-noun check reads HanTa's lexicon (a kb dependency)


def doc(*sentences: str) -> list[list[str]]:
    return [s.split() for s in sentences]


def labelled(sentences: list[list[str]], spans) -> list[set[tuple[str, str]]]:
    """Each sentence's spans as (words, label), for readable assertions."""
    return [{(" ".join(words[a:b]), lab) for a, b, lab in sent} for words, sent in zip(sentences, spans)]


def never_common(word: str) -> bool:
    return False


def test_an_organisation_is_tagged_where_it_recurs_untagged():
    words = doc("Der Versandhändler Velmora schließt Filialen .", "Velmora hatte Verluste geschrieben .")
    out = consistent_spans(words, [{(2, 3, "ORG")}, set()])
    assert labelled(words, out) == [{("Velmora", "ORG")}, {("Velmora", "ORG")}]


def test_a_multi_word_organisation_is_tagged_as_a_whole():
    words = doc("Die Brixlinger Holzwerke bauen .", "Laut Brixlinger Holzwerke sinkt der Umsatz .")
    out = consistent_spans(words, [{(1, 3, "ORG")}, set()])
    assert labelled(words, out)[1] == {("Brixlinger Holzwerke", "ORG")}


def test_the_models_spans_win_over_a_repeat():
    """An occurrence that an entity already covers, even in part, keeps that entity."""
    words = doc("Velmora meldet Gewinne .", "Die Velmora Werke in Graz schließen .")
    out = consistent_spans(words, [{(0, 1, "ORG")}, {(1, 3, "LOC")}])
    assert labelled(words, out)[1] == {("Velmora Werke", "LOC")}


def test_persons_are_not_propagated():
    words = doc("Ministerin Halvorsen sagte das .", "Halvorsen kam später .")
    out = consistent_spans(words, [{(1, 2, "PER")}, set()])
    assert labelled(words, out)[1] == set()


@pytest.mark.parametrize("word", ["Post", "Zeitung", "Union"])
def test_a_one_word_name_that_is_a_common_noun_is_not_propagated(word):
    words = doc(f"Der Konzern {word} meldet Gewinne .", f"Die {word} kam am Montag .")
    out = consistent_spans(words, [{(2, 3, "ORG")}, set()])
    assert labelled(words, out)[1] == set()


def test_function_words_and_lower_case_words_are_no_names():
    assert not eligible(("Die",), never_common)
    assert not eligible(("Die", "Velmora"), never_common)
    assert not eligible(("velmora", "werke"), never_common)
    assert not eligible(("AG",), never_common)
    assert eligible(("fooLino",), never_common)  # camel case is a brand's spelling


def test_a_name_tagged_as_a_place_as_often_as_an_organisation_is_not_propagated():
    words = doc("Die Zschopau in Wiesau .", "Damit ist Wiesau sicher .", "Wiesau im Erzgebirge .")
    out = consistent_spans(words, [{(3, 4, "LOC")}, {(2, 3, "ORG")}, set()])
    assert labelled(words, out)[2] == set()


def test_without_a_common_noun_check_one_word_names_stay_untagged():
    """No HanTa: every one-word name may be a common noun, so only longer names propagate."""
    words = doc("Velmora Werke und Velmora .", "Velmora Werke sowie Velmora .")
    out = consistent_spans(words, [{(0, 2, "ORG"), (3, 4, "ORG")}, set()], is_common=lambda w: True)
    assert labelled(words, out)[1] == {("Velmora Werke", "ORG")}


def test_conflicting_types_take_the_majority():
    words = doc("Velmora sagte das .", "Velmora kam .", "Laut Velmora nicht .")
    out = majority_labels(words, [{(0, 1, "PER")}, {(0, 1, "PER")}, {(1, 2, "ORG")}])
    assert labelled(words, out) == [{("Velmora", "PER")}] * 3


def test_a_tie_changes_nothing():
    words = doc("Velmora sagte das .", "Laut Velmora nicht .")
    spans = [{(0, 1, "PER")}, {(1, 2, "ORG")}]
    assert majority_labels(words, spans) == spans


def test_places_and_other_labels_keep_their_label():
    words = doc("Velmora liegt am See .", "Velmora sagte .", "Velmora kam .")
    out = majority_labels(words, [{(0, 1, "LOC")}, {(0, 1, "PER")}, {(0, 1, "PER")}])
    assert labelled(words, out)[0] == {("Velmora", "LOC")}


def test_a_company_the_document_shows_is_an_organisation_where_tagged_as_a_person():
    words = doc("Die Brixlinger Holz GmbH baut .", "Brixlinger sagte , der Umsatz steige .")
    out = consistent_spans(words, [{(1, 4, "ORG")}, {(0, 1, "PER")}])
    assert labelled(words, out)[1] == {("Brixlinger", "ORG")}


def test_a_person_with_no_company_cue_stays_a_person():
    words = doc("Die Brixlinger Holzwerke bauen .", "Brixlinger sagte , der Umsatz steige .")
    out = consistent_spans(words, [{(1, 3, "ORG")}, {(0, 1, "PER")}])
    assert labelled(words, out)[1] == {("Brixlinger", "PER")}


def test_the_first_word_of_a_company_is_no_company_when_the_document_tags_it_a_place():
    words = doc("Die Wien Energie GmbH baut .", "In Wien regnet es .")
    spans = [{(1, 4, "ORG")}, {(1, 2, "LOC")}]
    assert ("Wien",) not in company_keys(words, spans, never_common)
    assert consistent_spans(words, spans, never_common)[1] == {(1, 2, "LOC")}


# ------------------------------------------------------------------- kb's real German pipeline
@pytest.fixture(scope="module")
def german():
    from kb.extract.de.ner import load_german

    return load_german()


def _parse(text: str):
    """The ParsedDocument kb's extract stage makes of a German text (sentences parsed one by one,
    then the document's consistency step)."""
    from kb.extract.pipeline import Extractor
    from kb.model import Document

    return next(Extractor(lang="de").parse([Document(id="t", text=text, lang="de")]))


def _ents(pd) -> list[set[tuple[str, str]]]:
    return [{(e.text, e.label_) for e in d.ents} for d in pd.docs]


def test_extract_stage_tags_the_short_form_of_a_company(german):
    second = "Brixlinger will nun zweihundert Stellen schaffen."
    assert not german(second).ents  # alone, the sentence gives the models no reason
    pd = _parse("Die Brixlinger Holz GmbH meldet einen Rekordgewinn. " + second)
    assert _ents(pd) == [{("Brixlinger Holz GmbH", "ORG")}, {("Brixlinger", "ORG")}]


def test_extract_stage_gives_a_company_one_type(german):
    second = "Quendrix will nun zweihundert Stellen schaffen."
    third = "Wie Quendrix mitteilte, sinkt der Umsatz."
    assert {(e.text, e.label_) for e in german(second).ents} == {("Quendrix", "PER")}
    assert not german(third).ents
    pd = _parse(f"Das Unternehmen Quendrix meldete am Montag einen Gewinn. {second} {third}")
    assert _ents(pd) == [{("Quendrix", "ORG")}] * 3


def test_extract_stage_leaves_a_common_noun_alone(german):
    pd = _parse("Der Konzern Post meldet Gewinne. Die Post kam am Montag zu spät.")
    assert ("Post", "ORG") not in _ents(pd)[1]


def test_harmonise_docs_rewrites_only_changed_docs(german):
    docs = [german("Der Versandhändler Velmora schließt Filialen."), german("Velmora hatte zuletzt Verluste.")]
    first = docs[0].ents
    assert not docs[1].ents
    harmonise_docs(docs)
    assert docs[0].ents == first
    assert [(e.text, e.label_) for e in docs[1].ents] == [("Velmora", "ORG")]
