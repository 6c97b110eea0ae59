"""HanTa part-of-speech tags for the German NER: the kb_de_stts component, the CRF features
built from its tags, and the kb error when the hanta package is missing."""

from __future__ import annotations

import sys

import pytest

from kb.errors import ModelError
from kb.extract.de import features as de_features
from kb.extract.de import ner as german
from kb.extract.de import stts
from helpers.tiny_ner import ENTS, round_trip


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
    by_word = dict(zip((tok.text for tok in doc), tags))
    assert by_word["Irmgard"] == by_word["Wessel"] == by_word["Hildesheim"] == "NE"
    assert by_word["Vorstandschefin"] == by_word["Umsatz"] == "NN"
    assert by_word["sprach"].startswith("VV") and by_word["."] == "$."


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
    tags = ["ADV", "VV(FIN)", "NE", "APPRART", "NN", "$."]
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



def test_tag_embedding_member_learns_from_the_tags_saves_and_reloads(tagger, tmp_path):
    """``kb.HashCharSttsEmbed.v1`` reads the tags kb_de_stts leaves; the member survives to_disk."""
    german.register_components()
    embed = {"@architectures": "kb.HashCharSttsEmbed.v1", "width": 16, "attrs": ["NORM", "SHAPE"],
             "rows": [200, 50], "nM": 8, "nC": 4}
    before, again, after = round_trip(embed, tmp_path, before=("kb_de_stts",))
    assert before == ENTS
    assert again.pipe_names == ["kb_de_stts", "ner"]
    assert after == before
def test_stacker_with_tag_features_scores_them_and_roundtrips():
    from kb.extract.de.stacker import STTS_FEATURES, SpanStacker, candidate_features, feature_names

    words = ["Der", "Vorstand", "von", "Zemtrix", "tagt"]
    tags = ["ART", "NN", "APPR", "NE", "VV(FIN)"]
    votes = [{(3, 4, "ORG")}, {(1, 2, "ORG")}, {(3, 4, "ORG")}]
    rows = dict(candidate_features(votes, None, words, lambda text: None, tags))
    assert len(rows[(3, 4, "ORG")]) == len(feature_names(3, stts=True)) == len(feature_names(3)) + len(STTS_FEATURES)
    assert rows[(3, 4, "ORG")][-2:] == [1.0, 0.0] and rows[(1, 2, "ORG")][-2:] == [0.0, 1.0]
    # a stacker that trusts proper nouns and doubts common-noun heads keeps "Zemtrix" only
    weights = [0.0] * len(feature_names(3, stts=True))
    weights[-2], weights[-1] = 3.0, -3.0
    stacker = SpanStacker(weights, 0.5, False, 3, stts=True)
    assert stacker.choose(votes, None, words, lambda text: None, tags) == [(3, 4, "ORG")]
    with pytest.raises(ModelError, match="kb_de_stts"):
        stacker.choose(votes, None, words, lambda text: None)
    again = SpanStacker.from_json(stacker.to_json())
    assert again == stacker and SpanStacker.from_json({**stacker.to_json(), "features": list(feature_names(3))}) is None


@pytest.mark.parametrize("word, expected", [
    ("Post", True), ("Kunden", True), ("Zeitung", True),  # common nouns HanTa knows
    ("Merkel", False), ("Siemens", False),  # names HanTa knows
    ("Quendrix", False),  # a word HanTa has never seen: it only guesses its tag
])
def test_common_noun_reads_hantas_lexicon(word, expected):
    pytest.importorskip("HanTa")
    assert stts.common_noun(word) is expected


def test_without_hanta_every_word_may_be_a_common_noun(monkeypatch):
    monkeypatch.setattr(stts, "_lexicon_tagger", lambda: None)
    stts.common_noun.cache_clear()
    try:
        assert stts.common_noun("Quendrix") is True
    finally:
        stts.common_noun.cache_clear()
