"""Running kb's fact rules on one text with a given pipeline (real or blank), for rule tests.
"""

from __future__ import annotations

from kb.extract.facts import extract_facts
from kb.extract.pipeline import ParsedDocument
from kb.extract.sentences import split_sentences
from kb.model import Document


def run(nlp, text, published=None):
    sents = split_sentences(text)
    for s in sents:
        s.lang = "en"
    pd = ParsedDocument(Document(id="t", text=text, published=published), sents, list(nlp.pipe(s.text for s in sents)))
    return extract_facts(pd)


def tenures(nlp, text, published=None):
    return {(t.person, t.role, t.org): t for t in run(nlp, text, published)[1]}
