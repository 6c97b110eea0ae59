"""A spaCy NER with one of kb's registered embedding layers, trained on one sentence written
here, saved and loaded again: the check that a kb architecture survives ``to_disk`` /
``spacy.load`` (the German model's members are built from them)."""

from __future__ import annotations

from pathlib import Path

#: The sentence every round trip learns: (words, entity spans as (start, end, label)).
WORDS = ["Heute", "sprach", "Anna", "Keller", "in", "Bonn", "."]
ENTS = {(2, 4, "PER"), (5, 6, "LOC")}


def ner_model(embed: dict) -> dict:
    """A small transition-based NER config around ``embed`` (a registered embed layer)."""
    return {"@architectures": "spacy.TransitionBasedParser.v2", "state_type": "ner", "extra_state_tokens": False,
            "hidden_width": 16, "maxout_pieces": 2, "use_upper": True, "nO": None,
            "tok2vec": {"@architectures": "spacy.Tok2Vec.v2", "embed": embed,
                        "encode": {"@architectures": "spacy.MaxoutWindowEncoder.v2", "width": 16, "depth": 1,
                                   "window_size": 1, "maxout_pieces": 2}}}


def round_trip(embed: dict, tmp_path: Path, before: tuple[str, ...] = ()):
    """Train the NER (after the components ``before``) until it tags ``WORDS`` as ``ENTS``, save
    it, load it again; returns (entities before saving, the loaded pipeline, its entities)."""
    import spacy
    from spacy.tokens import Doc, Span
    from spacy.training import Example

    nlp = spacy.blank("de")
    for name in before:
        nlp.add_pipe(name)
    nlp.add_pipe("ner", config={"model": ner_model(embed)})
    gold = Doc(nlp.vocab, words=WORDS)
    gold.ents = [Span(gold, a, b, label=label) for a, b, label in sorted(ENTS)]
    predicted = Doc(nlp.vocab, words=WORDS)
    for name in before:
        predicted = nlp.get_pipe(name)(predicted)
    examples = [Example(predicted, gold)]
    optimizer = nlp.initialize(lambda: examples)
    for _ in range(80):
        nlp.update(examples, sgd=optimizer, drop=0.0)
    trained = {(e.start, e.end, e.label_) for e in nlp(Doc(nlp.vocab, words=WORDS)).ents}
    nlp.to_disk(tmp_path / "m")
    again = spacy.load(tmp_path / "m")
    return trained, again, {(e.start, e.end, e.label_) for e in again(Doc(again.vocab, words=WORDS)).ents}
