"""kb.distributed: a Dask build on a LocalCluster with 2 workers equals a local build.

The cluster runs in-process threads (``processes=False``) to keep CI light; partition files
still go through JSON on disk, so the records cross the same boundary as on a real cluster.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kb.build import build, fact_snapshot
from kb.codec import from_json, to_json
from kb.distributed import build_distributed, merge_files, partition_files
from kb.model import (DateValue, Document, Entity, Extraction, Link, LinkCandidate, LinkedExtraction,
                      Mention, Sentence, Span, Tenure)
from helpers.corpus import failures, news_text, write_jsonl_corpus, write_txt_corpus


def test_records_round_trip_through_json():
    doc = Document("d1", "Ada Lovelace led the Society in May 2024.", source="x.txt", published="2024-06-01",
                   content_hash="ab" * 32, meta={"encoding": "cp1252", "tags": ["a", 1], "n": 2.5})
    mention = Mention("Ada Lovelace", "person", 0, 12, 0, name="Ada Lovelace", label="PERSON")
    tenure = Tenure("Ada Lovelace", "leader", org="the Society", start=DateValue("2024-05", "month", "in May 2024", 29, 40),
                    status="current", ordinal=2, sentence=0, person_span=Span(0, 12, "Ada Lovelace"),
                    extractor="kb.roles.v1:verb_role", confidence=0.65, role_text="led")
    ext = Extraction(doc, [Sentence(0, 0, 41, doc.text, "en")],
                     [Entity("Ada Lovelace", "person", [mention], birth_date=DateValue("1815", "year"))],
                     [tenure], "en", "en_x-1+kb1")
    linked = LinkedExtraction(ext, {("person", "Ada Lovelace"): Link("Q7259", 0.9, "exact", "Ada Lovelace",
                                                                     candidates=[LinkCandidate("Q7259", "Ada", 0.9, "exact", {"f": 1.0})])},
                              {("leader", None): Link(None)})
    data = json.loads(json.dumps(to_json(linked)))
    assert from_json(LinkedExtraction, data) == linked


def test_partitions_are_contiguous_and_balanced(tmp_path):
    files = []
    for i, size in enumerate([100, 100, 100, 100, 400, 100, 100]):
        f = tmp_path / f"f{i}.txt"
        f.write_bytes(b"x" * size)
        files.append(f)
    parts = partition_files(files, 3)
    assert [f for part in parts for f in part] == files
    assert len(parts) == 3 and all(parts)
    assert partition_files(files[:2], 5) == [[files[0]], [files[1]]]
    assert partition_files([], 3) == []


@pytest.fixture
def corpus(tmp_path, en_nlp) -> Path:
    root = tmp_path / "corpus"
    write_txt_corpus(root / "a", 10)
    write_jsonl_corpus(root / "b" / "feed1.jsonl", 12, start=10)
    write_jsonl_corpus(root / "c" / "feed2.jsonl", 12, start=22)
    write_txt_corpus(root / "d", 6, start=34)
    with open(root / "d" / "zz-more.jsonl", "w", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "item-10", "text": news_text(999)}) + "\n")  # id of feed1, other text
        fh.write(json.dumps({"id": "copy", "text": news_text(3)}) + "\n")  # text of news-00003
        fh.write('{"id": "broken", "text": \n')
    (root / "d" / "empty.txt").write_bytes(b"")
    return root


@pytest.fixture(scope="module")
def client():
    distributed = pytest.importorskip("distributed")
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                       dashboard_address=None)
    with distributed.Client(cluster) as c:
        yield c
    cluster.close()


@pytest.mark.slow
def test_dask_build_equals_local_build(corpus, tmp_path, client):
    local_db, dask_db = tmp_path / "local.db", tmp_path / "dask.db"
    local = build([corpus], local_db, lang="en")
    dist = build_distributed([corpus], dask_db, scheduler=client, lang="en", partitions=4)
    assert (dist.read, dist.built, dist.skipped, dist.failed) == (local.read, local.built, local.skipped, local.failed)
    assert local.failed == 3 and local.skipped == 1  # same id other text, broken line, empty file; the copy
    assert fact_snapshot(dask_db) == fact_snapshot(local_db)
    assert failures(dask_db) == failures(local_db)
    assert not (tmp_path / "dask.db.staging").exists()

    again = build_distributed([corpus], dask_db, scheduler=client, lang="en", partitions=3)
    assert (again.built, again.skipped) == (0, local.read)
    assert fact_snapshot(dask_db) == fact_snapshot(local_db)


@pytest.mark.slow
def test_new_files_added_later_and_kept_partitions_merge_alone(corpus, tmp_path, client):
    dask_db = tmp_path / "dask.db"
    build_distributed([corpus], dask_db, scheduler=client, lang="en", partitions=2)
    write_txt_corpus(corpus / "e", 5, start=500)
    staging = tmp_path / "stage"
    report = build_distributed([corpus], dask_db, scheduler=client, lang="en", partitions=3,
                               staging=staging, keep_staging=True)
    assert report.built == 5
    parts = sorted(staging.glob("part-*.jsonl"))
    assert len(parts) == 3
    kinds = [json.loads(line)["k"] for p in parts for line in p.read_text(encoding="utf-8").splitlines()]
    # the 5 new documents, and "item-10" of zz-more.jsonl: a worker cannot know that an earlier
    # partition uses that id for another text (the merge turns it into a failure); the rest was
    # skipped on the workers without parsing
    assert kinds.count("doc") == 6 and kinds.count("skip") == 41

    # the kept partitions merged alone into a fresh db give the same facts for the new documents
    fresh = tmp_path / "fresh.db"
    from kb.extract.pipeline import Extractor

    merged = merge_files(parts, fresh, Extractor(lang="en").version)
    assert merged.built == 5
    local = tmp_path / "local.db"
    build([corpus / "e"], local, lang="en")
    assert fact_snapshot(fresh) == fact_snapshot(local)


@pytest.mark.slow
def test_cli_dask_option_points_at_a_scheduler_address(corpus, tmp_path, client):
    """`kb build --dask ADDRESS` runs on the cluster behind that address, like a local build."""
    from click.testing import CliRunner

    from kb.cli import cli

    local_db, dask_db = tmp_path / "local.db", tmp_path / "dask.db"
    build([corpus], local_db, lang="en")
    result = CliRunner().invoke(cli, ["build", str(corpus), "--db", str(dask_db), "--lang", "en",
                                      "--quiet", "--dask", client.scheduler.address])
    assert result.exit_code == 0, result.output
    assert "built" in result.output
    assert fact_snapshot(dask_db) == fact_snapshot(local_db)
