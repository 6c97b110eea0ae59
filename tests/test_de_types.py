"""kb.extract.de.types: German cues for person / organisation / place, and the retyping they decide."""

from __future__ import annotations

from collections import Counter

import pytest

from kb.extract.de.types import (
    cue_age, cue_honorific, cue_place, cue_speaker, cue_speech, decide_type_de, document_types,
    org_compound_names,
)


def span(sentence: str, name: str) -> tuple[list[str], int, int]:
    """Words of an invented sentence and the token span of ``name`` in it."""
    words, target = sentence.split(), name.split()
    for i in range(len(words)):
        if words[i:i + len(target)] == target:
            return words, i, i + len(target)
    raise AssertionError(f"{name!r} not in {sentence!r}")


def never_common(word: str) -> bool:
    return False


def always_common(word: str) -> bool:
    return True


# --- the cues: each with sentences it must fire on and sentences it must not ---------------------

@pytest.mark.parametrize("sentence,name", [
    ("Das bestätigte Herr Quendler am Abend .", "Quendler"),
    ("Frau Olbrich war nicht erreichbar .", "Olbrich"),
])
def test_honorific_fires(sentence, name):
    assert cue_honorific(*span(sentence, name)) == "person"


@pytest.mark.parametrize("sentence,name", [
    ("Die Frau aus Quendlingen war nicht erreichbar .", "Quendlingen"),
    ("Quendler bestätigte das am Abend .", "Quendler"),
])
def test_honorific_does_not_fire(sentence, name):
    assert cue_honorific(*span(sentence, name)) is None


@pytest.mark.parametrize("sentence,name", [
    ("Der 52-jährige Quendler übernimmt das Amt .", "Quendler"),
    ("Amelie Quendler ( 41 ) übernimmt das Amt .", "Amelie Quendler"),
    ("Quendler , 63 , geht in Pension .", "Quendler"),
])
def test_age_fires(sentence, name):
    assert cue_age(*span(sentence, name)) == "person"


@pytest.mark.parametrize("sentence,name", [
    ("Quendler ( 2015 ) ist vergriffen .", "Quendler"),
    ("Quendler , 63 Prozent der Stimmen , gewann .", "Quendler"),
    ("Die 52 Quendler-Filialen schließen .", "Quendler-Filialen"),
])
def test_age_does_not_fire(sentence, name):
    assert cue_age(*span(sentence, name)) is None


@pytest.mark.parametrize("sentence,name", [
    ("Das sei zu wenig , sagte Quendler am Abend .", "Quendler"),
    ("Quendler meinte , das sei zu wenig .", "Quendler"),
])
def test_speech_fires(sentence, name):
    assert cue_speech(*span(sentence, name)) == "person"


def test_speech_does_not_fire_on_other_verbs():
    assert cue_speech(*span("Quendler verkaufte das Werk im Mai .", "Quendler")) is None


def test_a_role_word_before_a_name_is_no_support():
    """Measured: as support, a role word before the name was right 2 times in 10 on the corpus
    ("dem Bundespräsidenten Respekt", "des FPÖ-Chefs Kritik": a role in the dative or genitive)."""
    words, a, b = span("Er zollte dem Bundespräsidenten Respekt .", "Respekt")
    assert document_types([words], [[(a, b, "Respekt")]], set(), always_common) == {"Respekt": "weak"}


def test_interview_speaker_supports_a_person():
    assert cue_speaker(*span("Quendler : Das sehe ich anders .", "Quendler")) == "person"
    assert cue_speaker(*span("Dazu Quendler : Das sehe ich anders .", "Quendler")) is None
    assert cue_speaker(*span("Quendler sieht das anders .", "Quendler")) is None


@pytest.mark.parametrize("sentence,name,cue", [
    ("Quendlingen – Bei einem Brand wurden drei Menschen verletzt .", "Quendlingen", "place"),
    ("Ein Hubschrauber stürzte nahe Quendlingen ab .", "Quendlingen", "place"),
    ("Die Stadt Quendlingen hat kein Geld .", "Quendlingen", "place"),
    ("Das Treffen fand in Quendlingen statt .", "Quendlingen", "place_in"),
])
def test_place_fires(sentence, name, cue):
    assert cue_place(*span(sentence, name)) == cue


@pytest.mark.parametrize("sentence,name", [
    ("Das ist in Amelie Quendlers Buch nachzulesen .", "Amelie Quendlers"),
    ("Dem Vernehmen nach Quendler will das nicht .", "Quendler"),
    ("Laut Quendler – so heißt es – fehlt Geld .", "Quendler"),
])
def test_place_does_not_fire(sentence, name):
    assert cue_place(*span(sentence, name)) is None


def test_organisation_compounds_name_the_organisation():
    sentences = [s.split() for s in ("Der Quendrix-Chef trat zurück .", "Die Quendrix-Aktie fiel .",
                                     "Die Ex-Ministerin und die Quendler-Schwestern kamen .",
                                     "Die Olbrich-Tochter und ein Olbrich-Mitarbeiter kamen .")]
    assert org_compound_names(sentences) == {"Quendrix"}


# --- the decision over a document ------------------------------------------------------------------

def test_decide_person_support_wins():
    assert decide_type_de("Keil", Counter(person=1), 1, set(), set(), always_common) == "person"
    assert decide_type_de("Keil", Counter(), 1, {"Keil"}, set(), always_common) == "person"


def test_decide_common_noun_without_support_is_weak_unless_frequent():
    assert decide_type_de("Keil", Counter(), 1, set(), set(), always_common) == "weak"
    assert decide_type_de("Keil", Counter(), 6, set(), set(), always_common) == "person"
    assert decide_type_de("Quendler", Counter(), 1, set(), set(), never_common) == "person"
    assert decide_type_de("Amelie Keil", Counter(), 1, set(), set(), always_common) == "person"


def test_decide_place():
    assert decide_type_de("Quendlingen", Counter(place=1), 2, set(), set(), never_common) is None
    assert decide_type_de("Quendlingen", Counter(place_in=2), 3, set(), set(), never_common) is None
    assert decide_type_de("Quendlingen", Counter(place_in=1), 1, set(), set(), never_common) == "person"
    assert decide_type_de("Quendler", Counter(place=1), 3, set(), set(), never_common) == "person"


def test_decide_organisation():
    assert decide_type_de("Quendrix", Counter(), 1, set(), {"Quendrix"}, never_common) == "organization"
    assert decide_type_de("Quendrix", Counter(person=1), 1, set(), {"Quendrix"}, never_common) == "person"


def test_document_types_reads_line_ups_and_cues():
    sentences = [s.split() for s in (
        "Aufstellung : Novak – Keil , Brandt , Olbrich .",
        "Er schlug einen Keil in die Debatte .",
        "Das Konzert in Quendlingen fiel aus , die Bühne in Quendlingen blieb leer .",
    )]
    persons = [[(2, 3, "Novak"), (6, 7, "Brandt")], [(3, 4, "Keil")], [(3, 4, "Quendlingen"), (10, 11, "Quendlingen")]]
    decided = document_types(sentences, persons, set(), is_common=lambda w: w == "Keil")
    assert decided == {"Novak": "person", "Brandt": "person", "Keil": "weak", "Quendlingen": None}
    dateline = "Quendlingen – Amelie Olbrich gewann .".split()
    assert document_types([dateline], [[(0, 1, "Quendlingen"), (2, 4, "Amelie Olbrich")]], set(),
                          never_common)["Quendlingen"] is None  # a dateline before a name is no line-up
    persons[0].append((4, 5, "Keil"))  # the line-up's Keil is a person: the whole name is kept
    assert document_types(sentences, persons, set(), is_common=lambda w: w == "Keil")["Keil"] == "person"


# --- the real German pipeline ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def german():
    from kb.extract.pipeline import Extractor

    try:
        return Extractor().nlp("de")
    except Exception as exc:  # no German model installed
        pytest.skip(f"no German pipeline: {exc}")


def _parsed(nlp, texts: list[str], persons: list[str]):
    """German sentences parsed by kb's pipeline, with person mentions of the given words."""
    from kb.model import Mention, Sentence

    out, offset = [], 0
    for i, text in enumerate(texts):
        sent = Sentence(i, offset, offset + len(text), text, "de")
        mentions = []
        for name in persons:
            k = text.find(name)
            if k >= 0 and not any(m.start <= offset + k < m.end for m in mentions):  # longer names first
                mentions.append(Mention(name, "person", offset + k, offset + k + len(name), i, label="PER"))
        out.append((sent, nlp(text), mentions))
        offset += len(text) + 1
    return out


def test_real_pipeline_drops_a_place_weakens_common_nouns_and_keeps_persons(german):
    pytest.importorskip("HanTa")
    from kb.extract.de.types import correct_types_de

    parsed = _parsed(german, [
        "Quendlingen – Kurz nach Silvester hat Bürgermeisterin Amelie Olbrich den Haushalt vorgelegt.",
        "Das sei ein Keil in der Gemeinde, sagte Olbrich am Montag in Quendlingen.",
        "Der 44-jährige Brenner kritisierte den Plan.",
    ], ["Quendlingen", "Silvester", "Amelie Olbrich", "Keil", "Olbrich", "Brenner"])
    weak, changed = correct_types_de(parsed)
    kept = [m.text for _, _, ms in parsed for m in ms]
    assert kept == ["Silvester", "Amelie Olbrich", "Keil", "Olbrich", "Brenner"]  # the place is dropped
    assert weak == {"Silvester", "Keil"}  # kept only where a rule makes them a post's holder
    assert changed == Counter(dropped=2, weak=2)


def test_real_pipeline_keeps_english_sentences_untouched(german):
    from kb.extract.de.types import correct_types_de
    from kb.model import Mention, Sentence

    sent = Sentence(0, 0, 30, "Keil said the plan was wrong.", "en")
    parsed = [(sent, german(sent.text), [Mention("Keil", "person", 0, 4, 0, label="PERSON")])]
    assert correct_types_de(parsed) == (set(), Counter())
    assert [m.text for m in parsed[0][2]] == ["Keil"]


def test_a_weak_german_name_stays_only_as_a_holder(german):
    """``correct_types`` hands the German weak names on with the English ones: ``facts`` keeps
    their mentions only where a rule made them a post's holder."""
    from kb.extract.entity_types import correct_types

    parsed = _parsed(german, ["Das sei ein Keil in der Gemeinde, sagte Amelie Olbrich."], ["Keil", "Amelie Olbrich"])
    org_names, weak = correct_types(parsed)
    assert "Keil" in weak and "Amelie Olbrich" not in weak
