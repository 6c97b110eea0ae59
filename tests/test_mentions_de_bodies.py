"""German assemblies named by their common noun ("im Gemeinderat") are organisation mentions.

Sentences are written for these tests; names are invented. NER is stood in for by setting
``doc.ents`` on a blank German pipeline, as the German rule tests do.
"""

from __future__ import annotations

import pytest

from kb.extract.mentions import ner_mentions
from kb.model import Sentence
from helpers.de_rules import nlp  # noqa: F401 (nlp is a fixture)


def orgs(nlp, text: str, names: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    doc = nlp(text)
    ents = []
    for name in names:
        start = text.index(name)
        ents.append(doc.char_span(start, start + len(name), label="PER"))
    doc.ents = ents
    sent = Sentence(0, 0, len(text), text, "de")
    return [(m.text, m.label) for m in ner_mentions(sent, doc) if m.type == "organization"]


def test_body_after_a_fused_article_is_an_organisation(nlp):
    assert orgs(nlp, "Sie sitzt seit zehn Jahren im Gemeinderat von Oberfeld.") == [("Gemeinderat", "rule:body")]


def test_body_as_subject_after_an_article(nlp):
    assert orgs(nlp, "Danach wählt der Landtag einen neuen Präsidenten.") == [("Landtag", "rule:body")]


def test_body_word_as_a_title_before_a_name_is_no_organisation(nlp):
    assert orgs(nlp, "Gestern sprach der Gemeinderat Ferdl Wunderer im Saal.", names=("Ferdl Wunderer",)) == []


def test_body_word_without_an_article_or_in_a_compound_is_no_organisation(nlp):
    assert orgs(nlp, "Gemeinderat und Gemeinderatswahl sind Themen, Landtagsabgeordnete auch.") == []


def test_english_text_gets_no_german_bodies(en_nlp):
    text = "The Landtag met in the Landtag building."
    assert all(m.label != "rule:body" for m in ner_mentions(Sentence(0, 0, len(text), text, "en"), en_nlp(text)))
