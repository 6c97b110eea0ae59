"""English test Docs whose entities a test chooses: parsed by the real English pipeline (tokens
and tags from the model), with NER's guesses replaced, so a rule test does not hang on them."""

from __future__ import annotations

from kb.extract.mentions import ner_mentions
from kb.model import Mention, Sentence


def with_ents(nlp, text: str, ents: list[tuple[str, str]]):
    """``text`` parsed by ``nlp`` with its entities replaced by ``ents`` (surface, label), each
    found at its first occurrence."""
    doc = nlp(text)
    spans = []
    for surface, label in ents:
        a = text.index(surface)
        span = doc.char_span(a, a + len(surface), label=label)
        assert span is not None, surface
        spans.append(span)
    doc.ents = spans
    return doc


def org_mentions(nlp, text: str, ents: list[tuple[str, str]]) -> list[Mention]:
    """The organisation mentions kb reads off one English sentence tagged with ``ents``."""
    sent = Sentence(0, 0, len(text), text, "en")
    return [m for m in ner_mentions(sent, with_ents(nlp, text, ents)) if m.type == "organization"]
