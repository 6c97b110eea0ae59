"""The German vote's stacker: candidate features, choosing spans, fitting, saving with the vote."""

from __future__ import annotations

import math

import pytest

from kb.extract.de import features as de_features
from kb.extract.de import ner as german
from kb.extract.de.stacker import FEATURES, SpanStacker, candidate_features, fit_logistic, span_marginal


def _weights(**named: float) -> list[float]:
    return [named.get(name, 0.0) for name in FEATURES]


def test_span_marginal_is_the_weakest_tag_of_the_span():
    marg = [{"B-PER": 0.9}, {"I-PER": 0.6}, {"I-PER": 0.2, "O": 0.8}]
    assert span_marginal(marg, 0, 2, "PER") == pytest.approx(0.6)
    # a third token likely inside the name makes the two-token span less likely
    assert span_marginal([{"B-PER": 0.9}, {"I-PER": 0.95}, {"I-PER": 0.7}], 0, 2, "PER") == pytest.approx(0.3)
    assert span_marginal(None, 0, 1, "PER") == 0.0


def test_candidate_features_count_votes_and_reference_kind():
    words = ["Heute", "kam", "Jana", "Vzor", "zur", "Nordbank", "."]
    votes = [{(2, 4, "PER"), (5, 6, "ORG")}, {(2, 4, "PER")}, {(2, 4, "PER"), (5, 6, "LOC")}]
    rows = dict(candidate_features(votes, None, words, lambda text: "PER" if text == "Jana Vzor" else None))
    assert set(rows) == {(2, 4, "PER"), (5, 6, "ORG"), (5, 6, "LOC")}
    x = dict(zip(FEATURES, rows[(2, 4, "PER")]))
    assert x["votes_3"] == 1.0 and x["reference_same_kind"] == 1.0 and x["label_PER"] == 1.0
    y = dict(zip(FEATURES, rows[(5, 6, "ORG")]))
    assert y["vote_first"] == 1.0 and y["vote_crf"] == 0.0 and y["same_boundaries"] == pytest.approx(2 / 3)
    assert y["one_token"] == 1.0 and y["reference_same_kind"] == 0.0


def test_stacker_keeps_probable_non_overlapping_spans():
    words = ["Die", "Nordbank", "Holding", "wächst", "."]
    votes = [{(1, 3, "ORG")}, {(1, 2, "ORG")}, {(1, 3, "ORG")}]
    # weight only on the number of votes: two votes pass the threshold, one does not
    stacker = SpanStacker(_weights(bias=-1.0, votes_2=2.0, votes_3=3.0), 0.5)
    assert stacker.choose(votes, None, words, lambda _t: None) == [(1, 3, "ORG")]
    assert stacker.probability([0.0] * len(FEATURES)) == 0.5
    again = SpanStacker.from_json(stacker.to_json())
    assert again == stacker
    assert SpanStacker.from_json({"features": ["bias"], "weights": [1.0], "threshold": 0.5}) is None


def test_keep_majority_fills_what_the_stacker_dropped():
    words = ["Gestern", "erinnerte", "sich", "Vzor", "an", "Nordbank", "."]
    # two members call "Vzor" a place, the CRF a person; all three agree on "Nordbank"
    votes = [{(3, 4, "LOC"), (5, 6, "ORG")}, {(3, 4, "LOC"), (5, 6, "ORG")}, {(3, 4, "PER"), (5, 6, "ORG")}]
    strict = SpanStacker(_weights(bias=-1.0, votes_3=3.0), 0.5)
    assert strict.choose(votes, None, words, lambda _t: None) == [(5, 6, "ORG")]
    lenient = SpanStacker(strict.weights, 0.5, keep_majority=True)
    assert lenient.choose(votes, None, words, lambda _t: None) == [(3, 4, "LOC"), (5, 6, "ORG")]
    assert SpanStacker.from_json(lenient.to_json()) == lenient
    assert lenient.choose(votes, None, words, lambda _t: None) == de_features.majority_vote(votes, 2)


def test_fit_logistic_separates_a_simple_rule():
    rows = [[1.0, float(i % 2)] for i in range(40)]
    labels = [bool(i % 2) for i in range(40)]
    beta = fit_logistic(rows, labels, [1.0] * 40, l2=0.1)
    assert 1 / (1 + math.exp(-(beta[0] + beta[1]))) > 0.8 > 0.2 > 1 / (1 + math.exp(-beta[0]))


def test_vote_chooses_with_its_saved_stacker(tmp_path):
    import spacy

    german.register_components()
    nlp = spacy.blank("de")
    vote = nlp.add_pipe("kb_de_vote")
    # a stacker that keeps any span the first member proposes, even alone
    vote.stacker = SpanStacker(_weights(bias=-2.0, vote_first=4.0), 0.5)
    vote.to_disk(tmp_path / "kb_de_vote")
    again = de_features.EnsembleVote(nlp, ["kb_ner"], 2).from_disk(tmp_path / "kb_de_vote")
    assert again.stacker == vote.stacker
    from spacy.tokens import Doc, Span

    doc = Doc(nlp.vocab, words=["Gestern", "kam", "Petra", "Brandt", "."])
    doc.spans["kb_ner"] = [Span(doc, 2, 4, label="PER")]
    assert {(e.start, e.end, e.label_) for e in again(doc).ents} == {(2, 4, "PER")}
    # without the stacker the lone proposal loses the 2-of-3 vote
    vote.stacker = None
    vote.to_disk(tmp_path / "kb_de_vote")
    plain = de_features.EnsembleVote(nlp, ["kb_ner"], 2).from_disk(tmp_path / "kb_de_vote")
    doc = Doc(nlp.vocab, words=["Gestern", "kam", "Petra", "Brandt", "."])
    doc.spans["kb_ner"] = [Span(doc, 2, 4, label="PER")]
    assert plain.stacker is None and list(plain(doc).ents) == []
    assert not (tmp_path / "kb_de_vote" / "stack.json").exists()


def test_four_members_have_their_own_features_and_stacker():
    """A fourth member (a second reading) adds a vote feature and a four-vote count; a stacker
    fitted on four members is saved with its count and used only when four members vote."""
    from kb.extract.de.stacker import feature_names

    assert feature_names(3) == FEATURES and "vote_third" not in FEATURES
    names = feature_names(4)
    assert names[:7] == ("bias", "vote_first", "vote_second", "vote_third", "vote_crf", "votes_2", "votes_3")
    assert "votes_4" in names and len(names) == len(FEATURES) + 2
    words = ["Heute", "kam", "Jana", "Vzor", "zur", "Nordbank", "."]
    votes = [{(2, 4, "PER")}, {(2, 4, "PER"), (5, 6, "ORG")}, {(2, 4, "PER")}, {(2, 4, "PER"), (5, 6, "LOC")}]
    rows = dict(candidate_features(votes, None, words, lambda _t: None))
    x = dict(zip(names, rows[(2, 4, "PER")]))
    assert x["votes_4"] == 1.0 and x["votes_3"] == 0.0 and x["votes_PER"] == 1.0
    y = dict(zip(names, rows[(5, 6, "ORG")]))
    assert y["vote_second"] == 1.0 and y["vote_third"] == 0.0 and y["same_boundaries"] == pytest.approx(2 / 4)
    weights = [-1.0 if n == "bias" else 3.0 if n == "votes_4" else 0.0 for n in names]
    stacker = SpanStacker(weights, 0.5, keep_majority=True, members=4)
    # nothing but the four-vote span passes; the majority fills nothing more (ORG and LOC have one vote each)
    assert stacker.choose(votes, None, words, lambda _t: None) == [(2, 4, "PER")]
    again = SpanStacker.from_json(stacker.to_json())
    assert again == stacker and stacker.to_json()["features"] == list(names)
    assert SpanStacker.from_json({**stacker.to_json(), "members": 3}) is None


def test_vote_uses_a_four_member_stacker_with_four_members(tmp_path):
    import spacy
    from spacy.tokens import Doc, Span

    from kb.extract.de.stacker import feature_names

    german.register_components()
    nlp = spacy.blank("de")
    vote = nlp.add_pipe("kb_de_vote", config={"groups": ["kb_ner", "kb_ner_sd"], "min_votes": 2})
    # keeps any span the second reading (the second member) proposes, even alone
    weights = [-2.0 if n == "bias" else 4.0 if n == "vote_second" else 0.0 for n in feature_names(4)]
    vote.stacker = SpanStacker(weights, 0.5, members=4)
    vote.to_disk(tmp_path / "kb_de_vote")
    again = de_features.EnsembleVote(nlp, ["kb_ner", "kb_ner_sd"], 2).from_disk(tmp_path / "kb_de_vote")
    assert again.stacker == vote.stacker
    doc = Doc(nlp.vocab, words=["Gestern", "kam", "Petra", "Brandt", "von", "Varta", "."])
    doc.spans["kb_ner"] = [Span(doc, 2, 4, label="PER")]
    doc.spans["kb_ner_sd"] = [Span(doc, 5, 6, label="ORG")]
    assert {(e.start, e.end, e.label_) for e in again(doc).ents} == {(5, 6, "ORG")}
