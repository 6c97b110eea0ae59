"""scripts/eval_redocred.py: halves, relation mapping, and a run on the public dev data."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from kb.model import Span, Tenure

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "eval_redocred.py"


@pytest.fixture(scope="module")
def ev():
    spec = importlib.util.spec_from_file_location("eval_redocred", SCRIPT)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_halves_split_by_index(ev):
    assert ev.select_half(5, "even") == [0, 2, 4]
    assert ev.select_half(5, "odd") == [1, 3]
    assert ev.select_half(3, "all") == [0, 1, 2]


def _doc():
    """A two-sentence document made up for this test, in Re-DocRED's layout."""
    sents = [["Jane", "Roe", "is", "the", "vice", "president", "of", "Freedonia", "."],
             ["Roe", "leads", "Acme", "Corp", "."]]
    vertex = lambda name, typ, s, a, b: [{"name": name, "type": typ, "sent_id": s, "pos": [a, b]}]
    return {"sents": sents, "labels": [],
            "vertexSet": [vertex("Jane Roe", "PER", 0, 0, 2), vertex("Freedonia", "LOC", 0, 7, 8),
                          vertex("Acme Corp", "ORG", 1, 2, 4), vertex("Roe", "PER", 1, 0, 1)]}


def _tenure(role, org, phrase, doc_text):
    """A tenure whose org and role phrase (``phrase``, default the role) point into ``doc_text``."""
    a, phrase = doc_text.index(org), phrase or role
    b = doc_text.index(phrase)
    return Tenure(person="Jane Roe", role=role, org=org, org_span=Span(a, a + len(org), org),
                  role_span=Span(b, b + len(phrase), phrase))


def _triples(ev, tenure, doc):
    text, tmap = ev.build_text(doc["sents"])
    vspans = ev.vertex_spans(doc, tmap)
    vtypes = [v[0]["type"] for v in doc["vertexSet"]]
    from kb.extract.lexicon import lexicon
    cats = {e.role: e.category for e in lexicon().roles.values()}
    return ev._tenure_triples(tenure, 0, doc, vspans, vtypes, {}, cats)


def test_vice_president_is_no_head_of_state(ev):
    doc = _doc()
    text, _ = ev.build_text(doc["sents"])
    assert not any(r in ("P35", "P6") for _, r, _ in _triples(ev, _tenure("vice president", "Freedonia", "", text), doc))
    assert (1, "P35", 0) in _triples(ev, _tenure("president", "Freedonia", "", text), doc)


def test_head_of_an_organisation_presides_and_is_employed(ev):
    doc = _doc()
    text, _ = ev.build_text(doc["sents"])
    t = _tenure("head", "Acme Corp", "leads", text)
    got = _triples(ev, t, doc)
    assert (2, "P488", 0) in got and (0, "P108", 2) in got


def test_shorter_form_of_the_name_counts_as_the_same_person(ev):
    doc = _doc()
    text, tmap = ev.build_text(doc["sents"])
    vspans = ev.vertex_spans(doc, tmap)
    vtypes = [v[0]["type"] for v in doc["vertexSet"]]
    spans = [(0, 8), (text.index("Roe leads"), text.index("Roe leads") + 3)]
    assert ev.same_person_vertices("Jane Roe", 0, spans, doc, vspans, vtypes) == [0, 3]
    assert ev.same_person_vertices("Jane Doe", 0, spans[:1], doc, vspans, vtypes) == [0]


def test_skips_without_data(ev, tmp_path, capsys):
    assert ev.main([str(tmp_path / "absent.json")]) == 0
    assert "skipped" in capsys.readouterr().out
