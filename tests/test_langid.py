"""Language per sentence and per document (kb.extract.langid), on paragraphs written for kb."""

from __future__ import annotations

import pytest

from kb.extract import langid
from kb.extract.langid import classify_sentence, document_lang, sentence_langs

GERMAN = [
    "Die Bundesregierung hat am Mittwoch einen neuen Haushalt beschlossen.",
    "Der Finanzminister sagte, dass die Schuldenbremse nicht angetastet werde.",
    "Kritik kam von der Opposition, die mehr Investitionen in die Bahn fordert.",
]
ENGLISH = [
    "The government approved a new budget on Wednesday.",
    "The finance minister said that the debt brake would not be touched.",
    "Criticism came from the opposition, which wants more investment in the railways.",
]


def test_clear_sentences_get_their_language():
    assert sentence_langs(GERMAN + ENGLISH) == ["de"] * 3 + ["en"] * 3


def test_function_words_decide_short_sentences():
    assert classify_sentence("Das ist nicht gut.") == "de"
    assert classify_sentence("This is not the end.") == "en"


@pytest.mark.parametrize("fragment", ["Putin.", "2025", "Merz in Washington", "NATO", "—", "12:30"])
def test_fragments_are_undecided_alone(fragment):
    assert classify_sentence(fragment) is None


def test_fragments_take_the_language_of_their_neighbours():
    german = ["Putin."] + GERMAN[:2] + ["Merz in Washington"] + [GERMAN[2]]
    assert sentence_langs(german) == ["de"] * 5
    english = ["Putin."] + ENGLISH[:2] + ["Merz in Washington"] + [ENGLISH[2]]
    assert sentence_langs(english) == ["en"] * 5


def test_fragment_between_languages_takes_the_nearest_then_the_following():
    texts = [GERMAN[0], GERMAN[1], "Rutte.", ENGLISH[0]]
    assert sentence_langs(texts) == ["de", "de", "en", "en"]  # tie: the following sentence
    texts = [ENGLISH[0], "Rutte.", "2025", GERMAN[0]]
    assert sentence_langs(texts) == ["en", "en", "de", "de"]


def test_only_fragments_fall_back_to_whole_text_then_default():
    assert sentence_langs(["2025", "12.5"], default="de") == ["de", "de"]
    assert sentence_langs(["2025"], default="en") == ["en"]
    assert sentence_langs([]) == []


def test_quote_inside_german_article_stays_english():
    texts = [GERMAN[0], "He said: \"We will not give in to this pressure.\"", GERMAN[1]]
    assert sentence_langs(texts) == ["de", "en", "de"]


def test_document_language_rule():
    assert document_lang(["de"] * 10) == "de"
    assert document_lang(["en"] * 9 + ["de"]) == "en"  # one stray sentence is not mixed
    assert document_lang(["en"] * 8 + ["de"] * 2) == "mixed"  # 20 % and two sentences
    assert document_lang(["de"] * 12 + ["en"] * 2) == "mixed"  # two sentences, 14 %
    assert document_lang(["en"] * 20 + ["de"] * 2) == "en"  # two sentences but only 9 %
    assert document_lang(["de", "en"]) == "de"  # tie of one each: first sentence wins
    assert document_lang(["en", "en", "de", "de"]) == "mixed"
    assert document_lang([]) == "en"


def test_mixed_paragraph_end_to_end():
    langs = sentence_langs(ENGLISH + ["Berlin, 3. März."] + GERMAN)
    assert langs == ["en"] * 3 + ["de"] * 4
    assert document_lang(langs) == "mixed"


def test_detector_built_once_per_process():
    langid._detector.cache_clear()
    first = langid._detector()
    assert langid._detector() is first


def test_document_share_by_characters_when_lengths_given():
    langs = ["de", "de", "en", "en"]
    assert document_lang(langs) == "mixed"
    # two one-word English fragments against two long German paragraphs: 2 % of the text
    assert document_lang(langs, weights=[400, 400, 8, 8]) == "de"
    assert document_lang(langs, weights=[100, 100, 60, 60]) == "mixed"


def test_sample_mixed_article(shared):
    """kb's sample seed-004 (German translation with untranslated English sentences)."""
    from kb.extract.sentences import split_sentences

    text = shared("samples/articles/seed-004.txt").read_text(encoding="utf-8")
    sents = split_sentences(text)
    langs = sentence_langs([s.text for s in sents])
    assert langs.count("de") > langs.count("en") >= 2
    assert document_lang(langs, [len(s.text) for s in sents]) == "mixed"
