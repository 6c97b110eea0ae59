"""The no-regression bar of the German issue: the samples' mixed German/English article keeps
every gold person, and exactly the gold (person, role) tenures.

``scripts/eval_gold.py`` prints the same figures into the CI log, but a script cannot fail the
build: a rule or model change that loses one of these (the holder of the elliptical "während
Premierminister der Niederlande" once became the object of the clause, not its subject) must
fail a test. Extraction only (no reference, no linking): the bar is about names and posts.
Skips when ``../shared/samples`` is absent.
"""

from __future__ import annotations

import json

from kb.extract.pipeline import Extractor
from kb.model import Document

SAMPLE = "seed-004"


def _gold(shared) -> dict:
    for line in shared("samples/gold.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if record["id"] == SAMPLE:
            return record
    raise AssertionError(f"{SAMPLE} is not in the samples' gold file")


def test_mixed_article_keeps_its_persons_and_tenures(shared):
    gold = _gold(shared)
    text = shared(f"samples/articles/{SAMPLE}.txt").read_text(encoding="utf-8")
    doc = Document(id=SAMPLE, text=text, published=gold.get("published"), content_hash="sample")
    (extraction,) = list(Extractor().extract([doc]))
    persons = {e.name for e in extraction.entities if e.type == "person"}
    tenures = {(t.person, t.role) for t in extraction.tenures}
    assert {p["name"] for p in gold["persons"]} <= persons
    assert tenures == {(t["person"], t["role"]) for t in gold["tenures"]}
