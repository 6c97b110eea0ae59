"""SmartData reading for the German NER: token mapping, outer level, the document split."""

from __future__ import annotations

import gzip
import importlib.util
import json
import sys
from pathlib import Path

import pytest

from kb.extract.de.germeval import outer_spans

REPO = Path(__file__).resolve().parent.parent


def _module():
    spec = importlib.util.spec_from_file_location("smartdata_de", REPO / "scripts" / "smartdata_de.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules["smartdata_de"] = mod
    spec.loader.exec_module(mod)
    return mod


def _mention(text: str, part: str, kind: str, nth: int = 0) -> dict:
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return {"type": kind, "span": {"start": start, "end": start + len(part)}}


def _doc(doc_id: str, text: str, mentions: list[tuple], source: str = "news") -> dict:
    return {
        "id": doc_id,
        "text": {"string": text},
        "refids": {"map": {"source": source}},
        "conceptMentions": {"array": [_mention(text, *m) for m in mentions]},
    }


TEXT = (
    "Die Nordwerk Logistik GmbH hat Jana Obermeier zur Chefin ernannt.\n"
    "Der schwedische Partner aus Malmö liefert an die Nordwerk-Tochter."
)


@pytest.fixture()
def corpus(tmp_path):
    docs = [
        _doc("doc-a", TEXT, [
            ("Nordwerk Logistik GmbH", "organization-company"),
            ("Nordwerk", "organization-company"),  # nested inside the company name: outer level wins
            ("Jana Obermeier", "person"),
            ("schwedische", "location"),
            ("Malmö", "location-city"),
            ("Nordwerk", "organization-company", 1),  # part of the token "Nordwerk-Tochter": dropped
            ("Chefin", "org-position"),  # not a name
        ]),
        _doc("doc-a", "Ein Duplikat.", []),  # a repeated id: the first document counts
        _doc("doc-b", "Kurz notiert: Stau auf der A7.", [("A7", "location-route")], source="tweet"),
    ]
    path = tmp_path / "mini.json.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write("\n".join(json.dumps(d, ensure_ascii=False) for d in docs))
    return path


def test_mentions_become_outer_token_spans(corpus):
    sd = _module()
    sents = sd.read_smartdata(corpus)
    assert [s.doc_id for s in sents].count("doc-a") == 2  # split at the line break, duplicate skipped
    first, second = sents[0], sents[1]
    spans = {(" ".join(first.words[a:b]), lab) for a, b, lab in outer_spans(first.tags)}
    assert spans == {("Nordwerk Logistik GmbH", "ORG"), ("Jana Obermeier", "PER")}
    spans2 = {(" ".join(second.words[a:b]), lab) for a, b, lab in outer_spans(second.tags)}
    assert spans2 == {("schwedische", "LOC"), ("Malmö", "LOC")}
    trained = sd.for_training(second)
    assert {(" ".join(trained.words[a:b]), lab) for a, b, lab in outer_spans(trained.tags)} == {("Malmö", "LOC")}
    assert sents[-1].source == "tweet" and sents[0].index >= sd.INDEX_BASE


def test_split_is_by_document_and_near_twenty_percent():
    sd = _module()
    ids = [f"https://example.org/artikel-{i}" for i in range(2000)]
    held = [i for i in ids if sd.is_smartdata_heldout(i)]
    assert 0.17 < len(held) / len(ids) < 0.23
    assert held == [i for i in ids if sd.is_smartdata_heldout(i)]  # no seed: same every run
    tune = [i for i in ids if not sd.is_smartdata_heldout(i) and sd.is_smartdata_tuning(i)]
    assert 0.09 < len(tune) / (len(ids) - len(held)) < 0.15


def test_parts_keep_tweets_out_of_the_evaluation(corpus, monkeypatch):
    sd = _module()
    sents = sd.read_smartdata(corpus)
    monkeypatch.setattr(sd, "is_smartdata_heldout", lambda doc_id, percent=20: True)
    held = sd.training_sentences(sents, "heldout")
    assert held and all(s.source in ("news", "rss") for s in held)
    assert sd.training_sentences(sents, "all") == []
