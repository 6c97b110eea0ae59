"""``kb link confirm|reject`` on a built database: the documents already built are relinked at
once (no re-extraction), the judgement holds through later builds, and bad arguments get one
clean line. Real spaCy builds through the CLI, the fixture reference, sentences written here.
"""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kb import store
from kb.cli import cli
from kb.link import judge
from kb.store.stored import stored_extraction

FIXTURES = Path(__file__).parent / "fixtures"
DOCS = [
    {"id": "j1", "text": "Mark Rutte has served as the 14th secretary general of NATO since October 2024.",
     "published": "2025-03-14", "url": "https://news.example/j1"},
    {"id": "j2", "text": "In Brussels, Mark Rutte met the defence ministers of the alliance on Tuesday.",
     "published": "2025-04-02"},
]
#: Every table a document's write touches (documents without built_at).
TABLES = ("documents", "sentences", "persons", "organizations", "positions", "mentions", "tenures", "evidence",
          "link_candidates", "co_mentions", "evidence_claims", "claim_documents", "tenure_conflict_pairs",
          "reference_comparisons")


def run(*args, code=0):
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exit_code == code, result.output
    return result.output


def write_docs(folder: Path, docs) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / "docs.jsonl").write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    return folder


@pytest.fixture
def built(tmp_path, en_nlp):
    db = tmp_path / "kb.db"
    run("reference", "import", FIXTURES / "reference" / "mini.jsonl", "--db", db)
    run("build", write_docs(tmp_path / "in", DOCS), "--db", db, "--quiet")
    return db


def snapshot(db) -> dict[str, list[str]]:
    out = {}
    for table in TABLES:
        rows = db.execute(f"SELECT * FROM [{table}]").fetchall()
        if table == "documents":
            cols = [r[1] for r in db.execute("PRAGMA table_info(documents)")]
            rows = [tuple(v for c, v in zip(cols, r) if c != "built_at") for r in rows]
        out[table] = sorted(map(repr, rows))
    return out


def qids(db) -> set:
    return {r[0] for r in db.execute("SELECT qid FROM persons WHERE name = 'Mark Rutte'")}


def test_a_stored_document_written_again_leaves_the_database_as_it_was(built):
    db = store.open_db(built)
    before = snapshot(db)
    for doc_id in ("j1", "j2"):
        store.save_extraction(db, stored_extraction(db, doc_id))
    assert snapshot(db) == before


def test_reject_relinks_built_documents_at_once_and_holds_after_a_rebuild(built, tmp_path):
    db = store.open_db(built)
    assert qids(db) == {"Q57792"}
    out = run("link", "reject", "Mark Rutte", "Q57792", "--db", built)
    assert out.strip() == "Mark Rutte: linked Q57792 -> none (unlinked) in 2 documents"
    assert qids(db) == {None}
    assert db.execute("SELECT count(*) FROM mentions WHERE entity_id = 'Q57792'").fetchone()[0] == 0
    # a changed document is rebuilt by the linker, the unchanged one skipped: neither links it
    changed = [DOCS[0], {**DOCS[1], "text": DOCS[1]["text"] + " Mark Rutte spoke briefly."}]
    run("build", write_docs(tmp_path / "in", changed), "--db", built, "--quiet")
    assert qids(db) == {None}
    assert db.execute("SELECT count(*) FROM persons WHERE qid = 'Q57792'").fetchone()[0] == 0
    out = run("link", "confirm", "Mark Rutte", "Q57792", "--db", built)
    assert out.strip() == "Mark Rutte: linked none -> Q57792 in 2 documents"
    assert qids(db) == {"Q57792"}
    assert {r[0] for r in db.execute("SELECT DISTINCT link_method FROM persons WHERE qid = 'Q57792'")} == {"judgement"}


@pytest.mark.parametrize("entity_type, name, qid", [("person", "Mark Rutte", "Q57792"),
                                                    ("organization", "NATO", "Q7184")])
def test_relinking_equals_building_with_the_judgement_already_made(built, tmp_path, entity_type, name, qid):
    """The relinked database holds what a build with the judgement made beforehand holds: the
    judged entity's rows, its tenures, their posts (linked again: a post's item depends on its
    holder and organisation) and the comparisons with the reference."""
    out = run("link", "reject", name, qid, "--type", entity_type, "--db", built)
    documents = "2 documents" if entity_type == "person" else "1 document"  # NATO is named in j1 only
    assert out.strip() == f"{name}: linked {qid} -> none (unlinked) in {documents}"
    fresh = tmp_path / "fresh.db"
    run("reference", "import", FIXTURES / "reference" / "mini.jsonl", "--db", fresh)
    judge(store.open_db(fresh), entity_type, name, qid, "rejected")
    run("build", tmp_path / "in", "--db", fresh, "--quiet")
    relinked, rebuilt = snapshot(store.open_db(built)), snapshot(store.open_db(fresh))
    for table in TABLES:
        if table != "link_candidates":  # the relinked db keeps the candidates the first link stored
            assert relinked[table] == rebuilt[table], table
    assert run("export", "facts", "--db", built) == run("export", "facts", "--db", fresh)


def test_bad_arguments_get_one_line(built):
    out = run("link", "confirm", "Nobody Atall", "Q42", "--db", built, code=1)
    assert out.startswith("Error: no stored person is named 'Nobody Atall'") and out.count("\n") == 1
    out = run("link", "confirm", "Mark Rute", "Q57792", "--db", built, code=1)
    assert "did you mean 'Mark Rutte'?" in out and out.count("\n") == 1
    out = run("link", "reject", "Mark Rutte", "Rutte", "--db", built, code=1)
    assert out.startswith("Error: 'RUTTE' is not a Wikidata QID") and out.count("\n") == 1
    out = run("link", "confirm", "NATO", "Q7184", "--type", "organization", "--db", built)
    assert "no stored document changed" in out  # already linked so
    out = run("link", "confirm", "Mark Rutte", "Q99999999", "--db", built)
    assert "warning: Q99999999 is not in the imported reference" in out
    assert store.open_db(built).execute("SELECT count(*) FROM persons WHERE qid = 'Q99999999'").fetchone()[0] == 1
