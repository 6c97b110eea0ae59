"""The English model with NER errors it makes on real text, made reproducible.

The small English model tags some names with the wrong label on real news (a person's full name
ORG after a title, a company's one-word name PERSON or NORP before one). Made-up names do not
reproduce those errors reliably, so tests of the rules that repair them add an entity ruler
after the model's NER that labels the given names the way the model does on real text."""

from __future__ import annotations

import pytest

from conftest import english_model_name


def english_with_labels(labels: dict[str, str]):
    """The installed English model plus a ruler giving each name (key) its label (value);
    skips the test when no English model is installed."""
    name = english_model_name()
    if name is None:
        pytest.skip("no English spaCy model installed")
    import spacy

    nlp = spacy.load(name)
    ruler = nlp.add_pipe("entity_ruler", after="ner", config={"overwrite_ents": True})
    ruler.add_patterns([{"label": label, "pattern": text} for text, label in labels.items()])
    return nlp
