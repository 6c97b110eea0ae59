"""HanTa part-of-speech tags for the German NER: the kb_de_stts component, the CRF features
built from its tags, and the kb error when the hanta package is missing."""

from __future__ import annotations

import sys

import pytest

from kb.errors import ModelError
from kb.extract.de import features as de_features
from kb.extract.de import ner as german
from kb.extract.de import stts


@pytest.fixture(scope="module")
def tagger():
    pytest.importorskip("HanTa")
    return stts.load_hanta()


def test_component_tags_proper_and_common_nouns_of_a_doc(tagger):
    import spacy

    german.register_components()
    nlp = spacy.blank("de")
    nlp.add_pipe("kb_de_stts")
    doc = nlp("Die Vorstandschefin Irmgard Wessel sprach gestern in Hildesheim über den Umsatz.")
    tags = stts.doc_tags(doc)
    assert tags is not None and len(tags) == len(doc)
    by_word = {tok.text: tag for tok, (_, tag) in zip(doc, tags)}
    assert by_word["Irmgard"] == by_word["Wessel"] == by_word["Hildesheim"] == "NE"
    assert by_word["Vorstandschefin"] == by_word["Umsatz"] == "NN"
    assert by_word["sprach"].startswith("VV") and by_word["."] == "$."
    assert dict(zip((t.text for t in doc), (lemma for lemma, _ in tags)))["sprach"] == "sprechen"


def test_long_texts_are_tagged_sentence_by_sentence(tagger):
    words = "Bodo Rautenberg wohnt in Celle . Er arbeitet in Hannover !".split() + ["und"] * 450
    tags = stts.tag_words(tagger, words)
    assert len(tags) == len(words)
    assert stts._chunks(words)[:2] == [(0, 6), (6, 11)]
    assert all(b - a <= stts._MAX_CHUNK for a, b in stts._chunks(words))


def test_coarse_classes():
    assert [stts.coarse(t) for t in ("NE", "NN", "NNA", "FM", "ART", "VV(FIN)")] == ["NE", "NN", "NN", "FM", "o", "o"]


def test_crf_features_add_the_coarse_tag_of_the_token():
    words = ["Gestern", "sprach", "Wessel", "vom", "Vorstand", "."]
    tags = [("gestern", "ADV"), ("sprechen", "VV(FIN)"), ("Wessel", "NE"), ("von", "APPRART"),
            ("Vorstand", "NN"), (".", "$.")]
    plain = de_features.crf_features(words, lambda w: None)
    tagged = de_features.crf_features(words, lambda w: None, stts=tags)
    assert "pc" not in plain[2]
    assert [f["pc"] for f in tagged] == ["o^", "o", "NE^", "o", "NN^", "o"]
    assert [{k: v for k, v in f.items() if k != "pc"} for f in tagged] == plain  # the other features stay


def test_vote_of_a_tag_reading_crf_needs_the_component(tmp_path):
    import spacy

    german.register_components()
    nlp = spacy.blank("de")
    vote = nlp.add_pipe("kb_de_vote")
    vote.crf_bytes = b"not read before the check"
    vote.stts = True
    with pytest.raises(ModelError, match="kb_de_stts"):
        vote.crf_tag(["Wessel", "spricht"])
    vote.crf_bytes = b""
    nlp.to_disk(tmp_path / "vote")
    assert '"stts": true' in (tmp_path / "vote" / "kb_de_vote" / "crf.json").read_text()
    assert spacy.load(tmp_path / "vote").get_pipe("kb_de_vote").stts is True


def test_missing_hanta_fails_the_german_model_with_a_kb_error(tmp_path, monkeypatch):
    import spacy

    pytest.importorskip("HanTa")  # to build the pipeline that is then loaded without it
    german.register_components()
    nlp = spacy.blank("de")
    nlp.add_pipe("kb_de_stts")
    nlp.add_pipe("sentencizer")
    nlp.to_disk(tmp_path / "model")
    monkeypatch.setitem(sys.modules, "HanTa", None)  # "import HanTa" now raises ImportError
    monkeypatch.setenv("KB_DE_MODEL", str(tmp_path / "model"))
    german.load_german.cache_clear()
    try:
        with pytest.raises(ModelError, match="pip install hanta"):
            german.load_german()
    finally:
        german.load_german.cache_clear()

