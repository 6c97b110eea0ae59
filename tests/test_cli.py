"""Every CLI command on real files and real SQLite databases (CliRunner)."""

import json

import pytest
from click.testing import CliRunner

from kb import store
from kb.cli import cli

ARTICLE = (
    "Prime Minister Helga Nordvik of Norland met the board of Vexa Industries on Monday.\n"
    "Nordvik said the talks went well. Tomas Berg, chief executive of Vexa Industries, agreed."
)


@pytest.fixture
def corpus(tmp_path):
    d = tmp_path / "articles"
    d.mkdir()
    (d / "norland-talks.txt").write_text(ARTICLE, encoding="utf-8")
    lines = [
        {"id": "j1", "text": "Ada Quill joined the Orbit Society in 2001.", "published": "2024-02-03", "source_site": "x"},
        {"id": "j2"},  # no text: a failure, the build goes on
    ]
    (d / "batch.jsonl").write_text("\n".join(json.dumps(l) for l in lines) + "\n{broken json\n", encoding="utf-8")
    return d


def run(*args):
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result


def test_build_export_and_rebuild(corpus, db_path):
    r = run("build", str(corpus), "--db", str(db_path), "--quiet")
    assert r.exit_code == 0, r.output
    assert "2 read, 2 built, 0 skipped, 2 failed" in r.output
    assert "batch.jsonl:2" in r.output and "batch.jsonl:3" in r.output
    db = store.open_db(db_path)
    assert db.execute("SELECT count(*) FROM failures").fetchone()[0] == 2
    assert {r[0] for r in db.execute("SELECT id FROM documents")} == {"norland-talks", "j1"}
    meta = json.loads(db["documents"].get("j1")["meta"])
    assert meta["source_site"] == "x"
    assert db["documents"].get("j1")["published"] == "2024-02-03"
    before = {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("persons", "mentions", "sentences")}
    # re-running on the same inputs changes nothing
    r = run("build", str(corpus), "--db", str(db_path), "--quiet")
    assert "0 built, 2 skipped" in r.output
    after = {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("persons", "mentions", "sentences")}
    assert before == after


def test_export_facts_format(corpus, db_path, tmp_path):
    run("build", str(corpus), "--db", str(db_path), "--quiet")
    out = tmp_path / "facts.jsonl"
    r = run("export", "facts", "--db", str(db_path), "-o", str(out))
    assert r.exit_code == 0 and "wrote 2 documents" in r.output
    records = [json.loads(l) for l in out.read_text().splitlines()]
    assert [rec["id"] for rec in records] == ["j1", "norland-talks"]
    for rec in records:
        assert set(rec) == {"id", "published", "lang", "persons", "organizations", "tenures"}
        for p in rec["persons"]:
            assert set(p) == {"name", "qid", "enwiki", "birth_date"}
        for t in rec["tenures"]:
            assert set(t) >= {"person", "person_qid", "role", "org", "org_qid", "start", "end", "status", "ordinal", "sentence", "position_qid"}


def test_evaluate_pred_file_and_json(tmp_path):
    gold = tmp_path / "gold.jsonl"
    doc = {"id": "a", "persons": [{"name": "Ann Lee", "qid": None}], "organizations": [], "tenures": []}
    gold.write_text(json.dumps(doc) + "\n")
    pred = tmp_path / "pred.jsonl"
    pred.write_text(json.dumps({"id": "a", "persons": [{"name": "Lee"}], "organizations": [], "tenures": []}) + "\n")
    r = run("evaluate", str(gold), "--pred", str(pred), "--json")
    scores = json.loads(r.output)["scores"]
    assert scores["persons"]["f1"] == 1.0
    r = run("evaluate", str(gold), "--pred", str(pred), "--verbose")
    assert "persons" in r.output and "misses:" in r.output


def test_evaluate_gold_reference_adds_the_judged_row(tmp_path):
    gold = tmp_path / "gold.jsonl"
    doc = {"id": "a", "persons": [], "organizations": [{"name": "Vexa Industries", "qid": None}], "tenures": []}
    gold.write_text(json.dumps(doc) + "\n")
    pred = tmp_path / "pred.jsonl"
    pred.write_text(json.dumps({"id": "a", "persons": [], "organizations": [{"name": "Vexa Industries", "qid": "Q77"}],
                                "tenures": []}) + "\n")
    ref = tmp_path / "subset.jsonl"
    ref.write_text(json.dumps({"type": "item", "id": "Q5", "labels": {}, "claims": {}}) + "\n")
    r = run("evaluate", str(gold), "--pred", str(pred), "--gold-reference", str(ref), "--json")
    out = json.loads(r.output)
    assert out["strict_links"]["organization"]["linked"] == 1
    assert out["strict_links_judged"]["organization"]["linked"] == 0 and len(out["unjudged_links"]) == 1
    assert "organization judged" in run("evaluate", str(gold), "--pred", str(pred), "--gold-reference", str(ref)).output


def test_kb_errors_are_one_clean_line(tmp_path):
    r = CliRunner().invoke(cli, ["export", "facts", "--db", str(tmp_path / "missing.db")])
    assert r.exit_code == 1
    assert "Error:" in r.output and "kb build" in r.output and "Traceback" not in r.output
    bad = tmp_path / "gold.jsonl"
    bad.write_text("{not json\n")
    r = CliRunner().invoke(cli, ["evaluate", str(bad), "--pred", str(bad)])
    assert r.exit_code == 1 and "gold.jsonl:1 is not valid JSON" in r.output


def test_build_missing_input_is_a_usage_error(tmp_path):
    r = CliRunner().invoke(cli, ["build", str(tmp_path / "nope"), "--db", str(tmp_path / "kb.db")])
    assert r.exit_code != 0 and "nope" in r.output


def test_blank_pipeline_fallback(corpus, db_path, monkeypatch):
    """With no English model kb still builds (blank pipeline + rules) and says so once."""
    from kb.extract import nlp

    monkeypatch.setenv("KB_EN_MODELS", "no_such_model_package")
    nlp.load_pipeline.cache_clear()
    try:
        r = CliRunner().invoke(cli, ["build", str(corpus), "--db", str(db_path), "--quiet", "--lang", "en"])
    finally:
        nlp.load_pipeline.cache_clear()
    assert r.exit_code == 0, r.output
    assert "2 built" in r.output
    db = store.open_db(db_path)
    assert db.execute("SELECT pipeline FROM documents LIMIT 1").fetchone()[0].startswith("en_blank")


def test_real_model_finds_people(corpus, db_path, en_nlp):
    r = run("build", str(corpus), "--db", str(db_path), "--quiet")
    assert r.exit_code == 0
    db = store.open_db(db_path)
    names = {r[0] for r in db.execute("SELECT name FROM persons")}
    assert "Tomas Berg" in names
    # the surname alone is the same person as the full name
    assert "Nordvik" not in names
