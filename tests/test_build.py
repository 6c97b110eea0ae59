"""kb.build: incremental re-runs, pipeline versions, duplicates, failures, worker processes.

Real SQLite files and the real English pipeline (skipped when none is installed); corpora are
our own synthetic news items (tests/test_build_support.py).
"""

from __future__ import annotations

import json
import shutil

import pytest

from kb import store
from kb.build import build, fact_snapshot
from helpers.corpus import count, failures, news_text, orphans, write_jsonl_corpus, write_txt_corpus

pytestmark = pytest.mark.slow


@pytest.fixture
def corpus(tmp_path, en_nlp):
    folder = tmp_path / "corpus"
    write_txt_corpus(folder, 12)
    return folder


def test_first_build_stores_facts_and_rerun_skips_everything(corpus, db_path):
    first = build([corpus], db_path, lang="en")
    assert (first.read, first.built, first.skipped, first.failed) == (12, 12, 0, 0)
    assert first.persons > 0 and count(db_path, "mentions") > 0
    before = fact_snapshot(db_path)
    again = build([corpus], db_path, lang="en")
    assert (again.read, again.built, again.skipped) == (12, 0, 12)
    assert fact_snapshot(db_path) == before
    assert not any(orphans(db_path).values())


def test_changed_document_replaces_its_facts_only(corpus, db_path, tmp_path):
    build([corpus], db_path, lang="en")
    target = corpus / "news-00003.txt"
    old_text = target.read_text(encoding="utf-8")
    target.write_text("Petra Quandt became mayor of Leipzig in 2019.\n", encoding="utf-8")
    report = build([corpus], db_path, lang="en")
    assert (report.built, report.skipped) == (1, 11)
    db = store.open_db(db_path)
    sentences = [r[0] for r in db.execute("SELECT text FROM sentences WHERE document_id = 'news-00003'")]
    assert sentences == ["Petra Quandt became mayor of Leipzig in 2019."]
    old_person = old_text.split(" was appointed")[0]
    mentioned = {r[0] for r in db.execute("SELECT text FROM mentions WHERE document_id = 'news-00003'")}
    assert old_person not in mentioned
    assert not any(orphans(db_path).values())
    # the same corpus built from scratch gives the same knowledge base
    fresh = tmp_path / "fresh.db"
    build([corpus], fresh, lang="en")
    assert fact_snapshot(db_path) == fact_snapshot(fresh)


def test_new_pipeline_version_reextracts_without_duplicates(corpus, db_path, monkeypatch):
    build([corpus], db_path, lang="en")
    before = fact_snapshot(db_path)
    import kb.extract.nlp as nlp_module

    monkeypatch.setattr(nlp_module, "EXTRACTION_VERSION", nlp_module.EXTRACTION_VERSION + "-next")
    report = build([corpus], db_path, lang="en")
    assert (report.built, report.skipped) == (12, 0)
    db = store.open_db(db_path)
    assert all(r[0].endswith("-next") for r in db.execute("SELECT pipeline FROM documents"))
    after = fact_snapshot(db_path)
    # same rules, new version label: every fact is the same, none doubled
    strip = lambda snap: {t: rows for t, rows in snap.items() if t != "documents"}  # noqa: E731
    assert strip(after) == strip(before)
    assert len(after["documents"]) == 12
    assert not any(orphans(db_path).values())


def test_same_text_under_two_ids_is_built_once(tmp_path, db_path, en_nlp):
    folder = tmp_path / "dups"
    write_txt_corpus(folder, 3)
    shutil.copy(folder / "news-00001.txt", folder / "copy-of-one.txt")
    report = build([folder], db_path, lang="en")
    assert (report.read, report.built, report.skipped) == (4, 3, 1)
    assert count(db_path, "documents") == 3


def test_jsonl_and_txt_mix_and_published_default(tmp_path, db_path, en_nlp):
    write_txt_corpus(tmp_path / "in", 2)
    write_jsonl_corpus(tmp_path / "in" / "feed.jsonl", 3, start=100, published="2023-02-01")
    report = build([tmp_path / "in"], db_path, lang="en", published="2025-01-01")
    assert report.built == 5
    db = store.open_db(db_path)
    dates = dict(db.execute("SELECT id, published FROM documents").fetchall())
    assert dates["item-100"] == "2023-02-01" and dates["news-00000"] == "2025-01-01"


def test_failures_are_recorded_once_and_cleared_when_fixed(tmp_path, db_path, en_nlp):
    folder = tmp_path / "in"
    write_txt_corpus(folder, 2)
    bad = folder / "broken.jsonl"
    bad.write_text('{"id": "ok-1", "text": "Maria Novak chairs Oxfam."}\n{"id": "bad", "text": \n', encoding="utf-8")
    first = build([folder], db_path, lang="en")
    assert first.failed == 1 and first.built == 3
    rows = failures(db_path)
    assert len(rows) == 1 and rows[0][0].endswith("broken.jsonl:2") and "malformed JSON" in rows[0][2]
    second = build([folder], db_path, lang="en")
    assert second.failed == 1  # still reported in the summary ...
    assert failures(db_path) == rows  # ... but not stored twice
    bad.write_text('{"id": "ok-1", "text": "Maria Novak chairs Oxfam."}\n'
                   '{"id": "bad", "text": "Nils Petrov heads Siemens."}\n', encoding="utf-8")
    third = build([folder], db_path, lang="en")
    assert third.failed == 0 and third.built == 1
    assert failures(db_path) == []


def test_two_workers_build_the_same_knowledge_base(tmp_path, en_nlp):
    folder = tmp_path / "in"
    write_txt_corpus(folder, 30)
    (folder / "empty.txt").write_bytes(b"")
    serial, parallel = tmp_path / "serial.db", tmp_path / "parallel.db"
    one = build([folder], serial, lang="en")
    two = build([folder], parallel, lang="en", workers=2, chunk_docs=4)
    assert (two.read, two.built, two.failed) == (one.read, one.built, one.failed) == (30, 30, 1)
    assert fact_snapshot(parallel) == fact_snapshot(serial)
    assert failures(parallel) == failures(serial)
    rerun = build([folder], parallel, lang="en", workers=2)
    assert (rerun.built, rerun.skipped) == (0, 30)


def test_auto_language_build_keeps_german_sentences_german(tmp_path, db_path, en_nlp):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "mixed.txt").write_text(
        news_text(7) + "\nDie Vorsitzende der Stiftung ist seit März 2020 Karin Albrecht, "
        "und sie wird das Amt nicht abgeben.\n", encoding="utf-8")
    report = build([folder], db_path)
    assert report.built == 1
    db = store.open_db(db_path)
    langs = {r[0] for r in db.execute("SELECT lang FROM sentences")}
    assert {"en", "de"} <= langs


def test_a_document_that_fails_mid_write_leaves_nothing_behind(tmp_path, db_path, en_nlp):
    """Kill-safety rests on this: a document's rows commit together or not at all, so a run
    that dies mid-document never leaves a documents row that the next run would skip."""
    from kb.session import link_extraction
    from kb.extract.pipeline import Extractor
    from kb.ingest import iter_documents

    folder = tmp_path / "in"
    write_txt_corpus(folder, 2)
    first, second = [e for e in Extractor(lang="en").extract(list(iter_documents([folder], lang="en")))]
    db = store.open_db(db_path)
    store.save_extraction(db, link_extraction(None, first))
    second.entities[0].mentions[0].start = object()  # not bindable: the mentions insert fails
    with pytest.raises(Exception):
        store.save_extraction(db, link_extraction(None, second))
    assert store.document_state(db, second.document.id) is None
    assert count(db_path, "sentences") == len(first.sentences)
    assert not any(orphans(db_path).values())


def _spelling_corpus(folder):
    """Two articles naming one person in two spellings of equal length, with two start dates of
    equal precision for the same post."""
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Zoë Brandt has been the chief executive of Harlow Logistics since March 2019. "
        "Zoë Brandt said the company would grow.\n", encoding="utf-8")
    (folder / "b.txt").write_text(
        "Zoe Brandt has been the chief executive of Harlow Logistics since April 2019. "
        "Analysts praised Zoe Brandt on Tuesday.\n", encoding="utf-8")
    return [folder / "a.txt", folder / "b.txt"]


def test_document_order_does_not_change_the_knowledge_base(tmp_path, en_nlp):
    files = _spelling_corpus(tmp_path / "in")
    forward, backward = tmp_path / "forward.db", tmp_path / "backward.db"
    build(files, forward, lang="en")
    build(list(reversed(files)), backward, lang="en")
    snap = fact_snapshot(forward)
    assert {r[1] for r in snap["persons"] if "brandt" in r[0]} == {"Zoe Brandt"}
    assert snap == fact_snapshot(backward)


def test_hash_seed_does_not_change_the_knowledge_base(tmp_path, en_nlp):
    """Real `kb build` processes with different PYTHONHASHSEEDs (as 1- and N-worker builds have)
    store the same facts: no choice may follow set or dict-of-set iteration order."""
    import os
    import subprocess
    import sys

    from kb.settings import REPO_ROOT

    folder = tmp_path / "in"
    _spelling_corpus(folder)
    (folder / "c.txt").write_text(
        "Lena Voss, the mayor of Brookfield, met Léna Voss's deputy. Léna Voss took office in "
        "June 2021 and Lena Voss will run again. Ana Pérez and Ana Perez, the city's treasurer, "
        "disagreed; Jose Ortiz and José Ortiz, the police chief, did not.\n", encoding="utf-8")
    write_txt_corpus(folder, 4)
    snaps = []
    for seed in ("1", "2", "3"):
        db = tmp_path / f"seed{seed}.db"
        env = dict(os.environ, PYTHONHASHSEED=seed)
        subprocess.run([sys.executable, "-m", "kb", "build", str(folder), "--db", str(db), "--lang", "en", "--quiet"],
                       cwd=REPO_ROOT, env=env, check=True, capture_output=True)
        snaps.append(fact_snapshot(db))
    assert snaps[0] == snaps[1] == snaps[2]


def test_a_duplicate_leaves_a_failures_line_naming_its_twin(tmp_path, db_path, en_nlp):
    """The skipped copy's id stays findable: one 'duplicate' line, not repeated by re-runs, not
    counted as a failure, and gone once the copy gets text of its own."""
    folder = tmp_path / "dups"
    write_txt_corpus(folder, 3)
    copy = folder / "zz-copy-of-one.txt"  # read after news-00001.txt (inputs go in name order)
    shutil.copy(folder / "news-00001.txt", copy)
    first = build([folder], db_path, lang="en")
    assert (first.skipped, first.failed) == (1, 0)
    rows = failures(db_path)
    assert [(r[0], r[1]) for r in rows] == [(str(copy), "duplicate")]
    assert "'zz-copy-of-one'" in rows[0][2] and "'news-00001'" in rows[0][2]
    again = build([folder], db_path, lang="en")
    assert (again.built, again.skipped, again.failed) == (0, 4, 0)
    assert failures(db_path) == rows
    copy.write_text("Tomas Lind became chairman of Oxfam in 2020.\n", encoding="utf-8")
    third = build([folder], db_path, lang="en")
    assert third.built == 1 and failures(db_path) == []


def test_a_duplicate_within_one_jsonl_file_is_noted_too(tmp_path, db_path, en_nlp):
    feed = tmp_path / "feed.jsonl"
    text = news_text(3)
    feed.write_text("".join(json.dumps({"id": i, "text": text}) + "\n" for i in ("first", "second")), encoding="utf-8")
    report = build([feed], db_path, lang="en")
    assert (report.built, report.skipped) == (1, 1)
    [(source, stage, reason)] = failures(db_path)
    assert source.endswith("feed.jsonl:2") and stage == "duplicate" and "'first'" in reason


_RERUN = """
import sys
from kb.build import build
report = build([sys.argv[1]], sys.argv[2], lang="en")
print(report.built, report.skipped, "spacy" in sys.modules)
"""


def _rerun(folder, db_path) -> list[str]:
    """A re-run in a fresh interpreter: what it built and skipped, and whether spaCy got imported."""
    import os
    import subprocess
    import sys

    from kb.settings import REPO_ROOT

    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    out = subprocess.run([sys.executable, "-c", _RERUN, str(folder), str(db_path)], env=env,
                         capture_output=True, text=True, check=True).stdout
    return out.split()


def test_an_unchanged_rerun_loads_no_pipeline(corpus, db_path):
    build([corpus], db_path, lang="en")
    built, skipped, spacy_loaded = _rerun(corpus, db_path)
    assert (built, skipped, spacy_loaded) == ("0", "12", "False")
    # the same check sees the pipeline when one document does need extracting
    (corpus / "news-00004.txt").write_text("Ilse Brook became director of Oxfam in 2021.\n", encoding="utf-8")
    built, skipped, spacy_loaded = _rerun(corpus, db_path)
    assert (built, skipped, spacy_loaded) == ("1", "11", "True")


def test_a_wrong_predicted_version_restarts_with_the_loaded_one(corpus, db_path, monkeypatch):
    """The version read from meta.json is checked when the pipeline loads: a mismatch builds
    again under the loaded pipeline's version, so no document is stored under a wrong one."""
    import sys

    build_module = sys.modules["kb.build"]  # kb.build the attribute is the function
    from kb.extract.pipeline import Extractor

    monkeypatch.setattr(build_module, "predicted_version", lambda model, lang: "en_not-a-model-0+kb0")
    report = build([corpus], db_path, lang="en")
    assert (report.read, report.built, report.skipped) == (12, 12, 0)
    db = store.open_db(db_path)
    assert {r[0] for r in db.execute("SELECT pipeline FROM documents")} == {Extractor(lang="en").version}


def test_predicted_version_is_the_loaded_pipelines_version(en_nlp):
    from kb.extract.pipeline import Extractor
    from kb.extract.nlp import predicted_version

    for lang in ("en", None):
        assert predicted_version(None, lang) == Extractor(lang=lang).version
