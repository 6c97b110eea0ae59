"""Running the German tenure rules on one sentence, with names standing in for NER, for rule tests.
"""

from __future__ import annotations

import pytest

from kb.extract.dates import find_dates
from kb.extract.de.ner import blank_german
from kb.extract.de.rules import extract_tenures_de
from kb.model import Mention, Sentence


ANCHOR = "2025-06-01"


def run(nlp, text: str, names: tuple[str, ...] = (), orgs: tuple[str, ...] = ()):
    """Claims for one sentence; ``names``/``orgs`` stand in for NER (the title rule adds more)."""

    doc = nlp(text)
    ents = list(doc.ents)
    for label, items in (("PER", names), ("ORG", orgs)):
        for name in items:
            start = text.index(name)
            span = doc.char_span(start, start + len(name), label=label)
            if not any(span.start < e.end and e.start < span.end for e in ents):
                ents.append(span)
    doc.ents = sorted(ents, key=lambda e: e.start)
    sent = Sentence(0, 0, len(text), text, "de")
    persons = [Mention(e.text, "person", e.start_char, e.end_char, 0, label="PER") for e in doc.ents if e.label_ == "PER"]
    return extract_tenures_de(sent, doc, persons, find_dates(text, ANCHOR, "de"), [])


def run_doc(nlp, sentences: list[str], ents: dict[str, str]):
    """Claims of a document, sentence by sentence as facts.py calls the German rules.

    ``ents`` maps surface text -> NER label and stands in for NER (the title rule adds more);
    every occurrence is tagged. Returns (claims, document mentions).
    """
    mentions: list[Mention] = []
    claims = []
    offset = 0
    for index, text in enumerate(sentences):
        doc = nlp(text)
        spans = list(doc.ents)
        for surface, label in ents.items():
            pos = text.find(surface)
            while pos >= 0:
                span = doc.char_span(pos, pos + len(surface), label=label)
                if span is not None and not any(span.start < e.end and e.start < span.end for e in spans):
                    spans.append(span)
                pos = text.find(surface, pos + 1)
        doc.ents = sorted(spans, key=lambda e: e.start)
        sent = Sentence(index, offset, offset + len(text), text, "de")
        sent_mentions = [
            Mention(e.text, "person" if e.label_ == "PER" else "organization", offset + e.start_char,
                    offset + e.end_char, index, label=e.label_)
            for e in doc.ents
        ]
        mentions.extend(sent_mentions)
        persons = [m for m in sent_mentions if m.type == "person"]
        claims.extend(extract_tenures_de(sent, doc, persons, find_dates(text, ANCHOR, "de", offset), mentions))
        offset += len(text) + 1
    return claims, mentions


@pytest.fixture(scope="module")
def nlp():
    """A blank German pipeline: the rule tests give names themselves, no NER model needed.
    Test modules import this fixture by name."""
    return blank_german()


def facts(claims):
    """Claims as sorted (person, role, org, status) rows, easy to compare."""
    return sorted((c.person, c.role, c.org, c.status) for c in claims)


def tagged(nlp, text: str, names: tuple[str, ...] = (), label: str = "PER"):
    """The blank German pipeline's Doc of ``text`` with exactly ``names`` as entities of ``label``
    (the tests choose what the NER found, so they test the rule and not the model)."""
    doc = nlp(text)
    spans = []
    for name in names:
        start = text.index(name)
        spans.append(doc.char_span(start, start + len(name), label=label))
    doc.ents = spans
    return doc


def german_story(*texts: str) -> list[Sentence]:
    """One German sentence per text, laid end to end with a space between them, as the extract
    stage numbers a document's sentences (index, start, end)."""
    out, at = [], 0
    for i, text in enumerate(texts):
        out.append(Sentence(i, at, at + len(text), text, "de"))
        at += len(text) + 1
    return out
