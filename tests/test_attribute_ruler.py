"""kb's table-driven attribute ruler must annotate exactly as spaCy's AttributeRuler does."""

from __future__ import annotations

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc

from kb.extract.attribute_ruler import compile_ruler, replace_attribute_ruler

# A rule set written for these tests: tag maps, word+tag exceptions, dependency and space rules,
# the IN / NOT_IN / REGEX operators, two-token rules aimed at either token, and rules that
# overlap so that the later one must win.
PATTERNS = [
    {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN", "MORPH": "Number=Sing"}},
    {"patterns": [[{"TAG": "NNS"}]], "attrs": {"POS": "NOUN", "MORPH": "Number=Plur"}},
    {"patterns": [[{"TAG": "VBZ"}]], "attrs": {"POS": "VERB", "MORPH": "Number=Sing|Person=3"}},
    {"patterns": [[{"TAG": {"IN": ["VBD", "VBN"]}}]], "attrs": {"POS": "VERB", "MORPH": "Tense=Past"}},
    {"patterns": [[{"TAG": "_SP"}]], "attrs": {"POS": "SPACE", "MORPH": "_"}},
    {"patterns": [[{"LOWER": "is", "TAG": "VBZ"}]], "attrs": {"POS": "AUX", "LEMMA": "be"}},
    {"patterns": [[{"LOWER": {"REGEX": "^wa[sr]"}}]], "attrs": {"LEMMA": "be"}},
    {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "go"}, "index": 0},
    {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "to"}, "index": -1},
    {"patterns": [[{"DEP": "expl"}, {"LOWER": {"IN": ["is", "was"]}}]], "attrs": {"POS": "VERB"}, "index": 1},
    {"patterns": [[{"TAG": "NN", "LOWER": "cats"}], [{"TAG": "NNS", "LOWER": "cat"}]], "attrs": {"LEMMA": "cat"}},
    {"patterns": [[{"TAG": "NN", "DEP": {"NOT_IN": ["nsubj"]}}]], "attrs": {"POS": "PROPN"}},
    {"patterns": [[{"IS_SPACE": True}]], "attrs": {"TAG": "_SP", "POS": "SPACE"}},
    {"patterns": [[{"IS_SPACE": True, "DEP": {"NOT_IN": [""]}}]], "attrs": {"DEP": "dep"}},
    {"patterns": [[{"ORTH": "Is"}]], "attrs": {"MORPH": "Mood=Ind"}},
]
WORDS = ["is", "Is", "was", "war", "gon", "na", "cat", "cats", "there", " ", "\n", "dog", "IS"]
TAGS = ["NN", "NNS", "VBZ", "VBD", "VBN", "EX", "_SP", "DT"]
DEPS = ["nsubj", "expl", "dobj", "dep", "punct"]


def _rulers():
    nlp = spacy.blank("en")
    stock = nlp.add_pipe("attribute_ruler")
    stock.add_patterns(PATTERNS)
    fast = compile_ruler(stock)
    assert fast is not None
    return nlp, stock, fast


def _view(doc) -> list[tuple]:
    return [(t.text, t.pos_, str(t.morph), t.lemma_, t.tag_, t.dep_, t.head.i) for t in doc]


def _doc(vocab, rows):
    words = [w for w, _, _ in rows]
    return Doc(vocab, words=words, spaces=[False] * len(words), tags=[t for _, t, _ in rows],
               deps=["ROOT"] + [d for _, _, d in rows[1:]], heads=[0] * len(words))


NLP, STOCK, FAST = _rulers()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(TAGS), st.sampled_from(DEPS)),
                min_size=1, max_size=12))
def test_same_annotations_as_spacy_on_random_tokens(rows):
    expected = STOCK(_doc(NLP.vocab, rows))
    got = FAST(_doc(NLP.vocab, rows))
    assert _view(got) == _view(expected)


def test_later_rules_win_and_two_token_rules_reach_their_target():
    doc = FAST(_doc(NLP.vocab, [("dog", "DT", "ROOT"), ("there", "EX", "expl"), ("is", "VBZ", "dep"),
                                ("gon", "NN", "dep"), ("na", "NN", "nsubj"), ("is", "VBZ", "dep")]))
    # "is" after an expletive: the VBZ map says VERB, the "is" exception AUX, the two-token rule
    # (later still) VERB again; without the expletive the exception stands
    assert doc[2].pos_ == "VERB" and doc[2].lemma_ == "be"
    assert doc[5].pos_ == "AUX"
    assert (doc[3].lemma_, doc[4].lemma_) == ("go", "to")
    assert doc[3].pos_ == "PROPN" and doc[4].pos_ == "NOUN"  # NOT_IN nsubj


@pytest.mark.parametrize("bad", [
    {"patterns": [[{"LOWER": "a", "OP": "+"}]], "attrs": {"POS": "DET"}},
    {"patterns": [[{"SHAPE": "Xx"}]], "attrs": {"POS": "PROPN"}},
    {"patterns": [[{"LOWER": {"FUZZY": "colour"}}]], "attrs": {"POS": "NOUN"}},
    {"patterns": [[{"LOWER": "a"}]], "attrs": {"ENT_TYPE": "X"}},
    {"patterns": [[{"LOWER": "a"}, {"LOWER": "b"}]], "attrs": {"POS": "X"}, "index": 2},
])
def test_patterns_it_cannot_reproduce_keep_the_stock_ruler(bad):
    nlp = spacy.blank("en")
    stock = nlp.add_pipe("attribute_ruler")
    stock.add_patterns(PATTERNS + [bad])
    assert compile_ruler(stock) is None
    assert replace_attribute_ruler(nlp) is False
    assert nlp.pipe_names == ["attribute_ruler"]


def test_replacement_keeps_the_position_in_the_pipeline():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("attribute_ruler").add_patterns(PATTERNS)
    nlp.add_pipe("merge_noun_chunks")
    assert replace_attribute_ruler(nlp) is True
    assert nlp.pipe_names == ["sentencizer", "kb_attribute_ruler", "merge_noun_chunks"]
    assert replace_attribute_ruler(nlp) is False  # nothing left to replace


SENTENCES = [
    "There is a new chair at the committee, and there was a vote last week.",
    "Y'all gonna see it: ain't that the point? Let's go, c'mon now.",
    "She gets the post; he got nothing.  Two spaces, then\n\na paragraph break.",
    "The minister's aides said it's done, but they're not sure whether I'm right.",
    "Dr. Smith-Jones (55) won't serve as CEO of Acme Corp. after 2026!",
    "It was 3.5% higher; the U.S. and the E.U. disagreed -- again...",
]


def _english(fast: bool):
    from conftest import english_model_name

    name = english_model_name()
    if name is None:
        pytest.skip("no English spaCy model installed")
    nlp = spacy.load(name, exclude=["lemmatizer"])
    if fast:
        assert replace_attribute_ruler(nlp) is True
    return nlp


def _full_view(doc) -> list[tuple]:
    return [(t.text, t.pos_, str(t.morph), t.lemma_, t.tag_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_)
            for t in doc]


def _compare(texts: list[str]) -> int:
    stock, fast = _english(False), _english(True)
    n = 0
    for a, b in zip(stock.pipe(texts), fast.pipe(texts)):
        assert _full_view(b) == _full_view(a)
        n += len(a)
    return n


def test_english_model_annotations_unchanged():
    assert _compare(SENTENCES) > 100


def test_english_model_annotations_unchanged_on_news_text(shared):
    """Every token of a slice of MEANTIME and GUM (read in place from ../shared)."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
    from bench_build import gum_texts, meantime_texts

    root = shared("eval")
    if not (root / "meantime-en").exists() or not (root / "gum-wikinews").exists():
        pytest.skip("MEANTIME/GUM not present")
    texts = meantime_texts(root / "meantime-en")[:20] + gum_texts(root / "gum-wikinews")[:10]
    assert _compare(texts) > 10_000


def test_kb_loads_english_with_its_ruler_unless_told_not_to(monkeypatch):
    from conftest import english_model_name

    from kb.extract.nlp import load_pipeline

    if english_model_name() is None:
        pytest.skip("no English spaCy model installed")
    load_pipeline.cache_clear()
    try:
        assert "kb_attribute_ruler" in load_pipeline("en", None).pipe_names
        monkeypatch.setenv("KB_FAST_ATTRIBUTE_RULER", "0")
        load_pipeline.cache_clear()
        names = load_pipeline("en", None).pipe_names
        assert "attribute_ruler" in names and "kb_attribute_ruler" not in names
    finally:
        monkeypatch.delenv("KB_FAST_ATTRIBUTE_RULER", raising=False)
        load_pipeline.cache_clear()
