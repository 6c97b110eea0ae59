"""Running the German tenure rules on one sentence, with names standing in for NER, for rule tests.
"""

from __future__ import annotations

from kb.extract.dates import find_dates
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
