"""German word lists as CRF features (kb.extract.de.wordlists): Wiktionary noun classes from
german-nouns, Zipf bands from wordfreq, the CRF flag that asks for them, and the kb error when a
package is missing."""

from __future__ import annotations

import sys

import pytest

from kb.errors import ModelError
from kb.extract.de import features as de_features
from kb.extract.de import ner as german
from kb.extract.de import wordlists


@pytest.fixture(scope="module")
def packages():
    pytest.importorskip("german_nouns.config")
    pytest.importorskip("wordfreq")


def test_common_nouns_names_and_unknown_words_get_their_classes(packages):
    words = ["Die", "Gemeinde", "Wolfsbüttel", "lädt", "Frau", "Sabine", "Zwickelmayr", "ein"]
    feats = wordlists.lexical_features(words)
    wk = [f["wk"] for f in feats]
    assert "N" in wk[1] and wk[1].endswith("^")  # "Gemeinde": a capitalised common noun
    assert "P" in wk[5]  # "Sabine": a first name
    assert wk[2] == wk[6] == "-^"  # made-up names are in no list
    assert wk[3] == "-"  # not a noun, lower case
    assert [f["zf"] for f in feats][2] == "0^" and int(feats[0]["zf"][0]) >= 6  # unknown vs "die"
    assert feats[2]["-1:wk"] == wk[1] and feats[2]["1:wk"] == wk[3]
    assert "-1:wk" not in feats[0] and "1:wk" not in feats[-1]


def test_crf_features_add_the_word_lists_only_when_asked(packages):
    words = ["Gestern", "sprach", "Zwickelmayr", "vom", "Vorstand", "."]
    plain = de_features.crf_features(words, lambda w: None)
    lexical = de_features.crf_features(words, lambda w: None, lexical=True)
    assert "wk" not in plain[2] and lexical[2]["wk"] == "-^"
    assert [{k: v for k, v in f.items() if k not in ("wk", "zf", "-1:wk", "1:wk")} for f in lexical] == plain


def test_vote_flag_is_saved_only_when_set(packages, tmp_path):
    import spacy

    german.register_components()
    nlp = spacy.blank("de")
    vote = nlp.add_pipe("kb_de_vote")
    nlp.to_disk(tmp_path / "plain")
    assert "lexical" not in (tmp_path / "plain" / "kb_de_vote" / "crf.json").read_text()
    vote.lexical = True
    nlp.to_disk(tmp_path / "lex")
    assert '"lexical": true' in (tmp_path / "lex" / "kb_de_vote" / "crf.json").read_text()
    assert spacy.load(tmp_path / "lex").get_pipe("kb_de_vote").lexical is True


def test_missing_package_fails_the_model_load_with_a_kb_error(packages, tmp_path, monkeypatch):
    import spacy

    german.register_components()
    nlp = spacy.blank("de")
    nlp.add_pipe("kb_de_vote").lexical = True
    nlp.to_disk(tmp_path / "model")
    monkeypatch.setitem(sys.modules, "wordfreq", None)  # "import wordfreq" now raises ImportError
    wordlists._zipf.cache_clear()
    try:
        with pytest.raises(ModelError, match="pip install wordfreq"):
            spacy.load(tmp_path / "model")
    finally:
        wordlists._zipf.cache_clear()
