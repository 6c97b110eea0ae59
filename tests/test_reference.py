"""Reference import: dump formats, malformed lines, truncation, idempotence, lookup keys."""

from __future__ import annotations

import bz2
import gzip
from pathlib import Path

import pytest

from kb.errors import ReferenceError_
from kb.link.names import acronym, looks_like_acronym, norm, skeleton
from kb.link.reference import import_reference, parse_time
from kb.store import open_db

MINI = Path(__file__).parent / "fixtures" / "reference" / "mini.jsonl"
N_GOOD = 20  # entities in mini.jsonl; one more line is malformed


def _counts(db) -> tuple[int, int, int]:
    return tuple(db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("ref_entities", "ref_names", "ref_claims"))


def _array_form(tmp_path: Path) -> Path:
    """The official latest-all.json layout: '[', one entity per line with a trailing comma, ']'."""
    lines = [l for l in MINI.read_text(encoding="utf-8").splitlines() if l.endswith("}")]
    out = tmp_path / "latest-all.json"
    out.write_text("[\n" + ",\n".join(lines) + "\n]\n", encoding="utf-8")
    return out


def test_plain_jsonl_counts_and_skips_malformed_line(db_path):
    db = open_db(db_path)
    report = import_reference(db, [MINI])
    assert report.entities == N_GOOD
    assert report.skipped == 1
    assert "mini.jsonl:11" in report.failures[0]
    assert _counts(db)[0] == N_GOOD
    assert report.names == _counts(db)[1] and report.claims == _counts(db)[2]


def test_reimport_is_idempotent(db_path):
    db = open_db(db_path)
    import_reference(db, [MINI])
    first = _counts(db)
    import_reference(db, [MINI])
    assert _counts(db) == first


@pytest.mark.parametrize("packer", ["gz", "bz2", "array", "array.gz"])
def test_compressed_and_array_forms_give_same_rows(tmp_path, packer):
    plain_db = open_db(tmp_path / "plain.db")
    import_reference(plain_db, [MINI])
    source = _array_form(tmp_path) if packer.startswith("array") else MINI
    data = source.read_bytes()
    if packer.endswith("gz"):
        path = tmp_path / (source.name + ".gz")
        path.write_bytes(gzip.compress(data))
    elif packer == "bz2":
        path = tmp_path / (source.name + ".bz2")
        path.write_bytes(bz2.compress(data))
    else:
        path = source
    db = open_db(tmp_path / "packed.db")
    report = import_reference(db, [path])
    assert report.entities == N_GOOD
    assert _counts(db) == _counts(plain_db)


def test_truncated_gzip_keeps_what_was_read(tmp_path):
    data = gzip.compress(MINI.read_bytes())
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(data[: len(data) * 2 // 3])
    db = open_db(tmp_path / "kb.db")
    report = import_reference(db, [cut])
    assert 0 < report.entities < N_GOOD
    assert any("ends early" in f for f in report.failures)
    assert _counts(db)[0] == report.entities


def test_missing_file_is_a_reference_error(db_path):
    with pytest.raises(ReferenceError_, match="not found"):
        import_reference(open_db(db_path), [db_path.parent / "nope.jsonl"])


def test_entity_fields_claims_and_kinds(db_path):
    db = open_db(db_path)
    import_reference(db, [MINI])
    row = db.execute("SELECT label, kind, enwiki, birth_date, birth_precision FROM ref_entities WHERE qid='Q57792'").fetchone()
    assert row == ("Mark Rutte", "person", "Mark Rutte", "1967-02-14", "day")
    assert db.execute("SELECT kind FROM ref_entities WHERE qid='Q3058109'").fetchone()[0] == "position"
    assert db.execute("SELECT kind FROM ref_entities WHERE qid='Q7184'").fetchone()[0] == "item"
    p39 = db.execute("SELECT value, start, \"end\" FROM ref_claims WHERE qid='Q57792' AND property='P39' ORDER BY \"end\"").fetchall()
    assert p39 == [("Q3058109", "2010-10-14", None), ("Q3058109", "2010-10-14", "2012-11-05")]
    # a year-precision birth stays a year (never widened to a day)
    assert db.execute("SELECT birth_date, birth_precision FROM ref_entities WHERE qid='Q900000003'").fetchone() == ("1981", "year")
    # labels in every language, with transliterated lookup keys
    assert db.execute("SELECT norm FROM ref_names WHERE qid='Q27926049'").fetchone()[0] == "aleksei vasilevich chepa"
    assert db.execute("SELECT acro FROM ref_names WHERE qid='Q7184'").fetchone()[0] == "nato"
    assert db.execute("SELECT count(*) FROM ref_names WHERE qid='Q239333'").fetchone()[0] == 3


def test_progress_callback_sums_to_entities(db_path):
    seen: list[int] = []
    report = import_reference(open_db(db_path), [MINI], progress=seen.append)
    assert sum(seen) == report.entities


@pytest.mark.parametrize(
    "value,expected",
    [
        ({"time": "+2010-10-14T00:00:00Z", "precision": 11}, ("2010-10-14", "day")),
        ({"time": "+2024-10-00T00:00:00Z", "precision": 10}, ("2024-10", "month")),
        ({"time": "+1998-00-00T00:00:00Z", "precision": 9}, ("1998", "year")),
        ({"time": "+1990-00-00T00:00:00Z", "precision": 8}, ("1990", "year")),
        ({"time": "+2001-05-00T00:00:00Z", "precision": 11}, ("2001-05", "month")),
        ("not a time", (None, None)),
    ],
)
def test_parse_time_keeps_precision(value, expected):
    assert parse_time(value) == expected


def test_name_keys():
    assert norm("Viktor Orbán") == norm("Viktor Orban") == "viktor orban"
    assert norm("Jonas Gahr Støre") == "jonas gahr store"
    assert skeleton(norm("Selenskyj")) == skeleton(norm("Zelenskyy")) == skeleton(norm("Zelensky"))
    assert skeleton(norm("Rutte")) != skeleton(norm("Ruth"))
    assert acronym("north atlantic treaty organization") == "nato"
    assert acronym("organization of the islamic cooperation") == "oic"
    assert acronym("netherlands") is None
    assert looks_like_acronym("NATO") and looks_like_acronym("E.U.") and looks_like_acronym("VVD")
    assert not looks_like_acronym("Nato") and not looks_like_acronym("A") and not looks_like_acronym("NATO2")


# -- bulk import mode ---------------------------------------------------------------------


def _ref_indexes(db) -> set[str]:
    return {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'idx_ref_%'")}


def test_fresh_import_rebuilds_every_reference_index_and_restores_pragmas(db_path):
    from kb.store.reference import REF_INDEXES

    db = open_db(db_path)
    before = _ref_indexes(db)
    assert before == {index.name for _, index in REF_INDEXES} and len(before) >= 6
    sync = db.execute("PRAGMA synchronous").fetchone()[0]
    import_reference(db, [MINI])
    assert _ref_indexes(db) == before
    assert db.execute("PRAGMA synchronous").fetchone()[0] == sync
    plan = " ".join(str(r) for r in db.execute("EXPLAIN QUERY PLAN SELECT qid FROM ref_names WHERE norm = 'mark rutte'"))
    assert "idx_ref_names_norm" in plan


def test_import_restores_indexes_left_dropped_by_a_killed_import(db_path):
    db = open_db(db_path)
    import_reference(db, [MINI])
    db.execute("DROP INDEX idx_ref_names_skel")  # as a process killed mid-import leaves it
    import_reference(db, [MINI])
    assert "idx_ref_names_skel" in _ref_indexes(db)


def test_indexes_are_restored_when_the_import_fails(db_path, monkeypatch):
    import kb.link.reference as reference

    db = open_db(db_path)
    before = _ref_indexes(db)

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(reference, "_write_rows", boom)
    with pytest.raises(RuntimeError):
        import_reference(db, [MINI])
    assert _ref_indexes(db) == before


def test_bulk_and_incremental_imports_store_the_same_rows(tmp_path):
    """A fresh import (indexes dropped, plain inserts) and a re-import over existing rows
    (indexes kept, deletes by QID) must leave identical tables."""
    fresh = open_db(tmp_path / "fresh.db")
    import_reference(fresh, [MINI])
    again = open_db(tmp_path / "again.db")
    import_reference(again, [MINI])
    import_reference(again, [MINI])
    for table in ("ref_entities", "ref_names", "ref_claims"):
        q = f"SELECT * FROM {table} ORDER BY 1, 2, 3"
        assert fresh.execute(q).fetchall() == again.execute(q).fetchall()


def test_skeleton_merges_doubled_letters_only_within_words():
    assert skeleton("zelenskyy") == "selenski"
    assert skeleton("anna annan") == "ana anan"
    assert skeleton("mass") == "mas" and skeleton("ma ss") == "ma s"


# -- refused input ---------------------------------------------------------------------------


def test_non_qid_ids_are_refused_as_malformed_and_properties_skipped(tmp_path):
    good = [l for l in MINI.read_text(encoding="utf-8").splitlines() if l.endswith("}")][:3]
    path = tmp_path / "ids.jsonl"
    path.write_text("\n".join(good + [
        '{"type": "item", "id": "notaqid", "labels": {"en": {"language": "en", "value": "Nobody"}}}',
        '{"type": "item", "id": "Q0x", "labels": {}}',
        '{"type": "property", "id": "P39", "labels": {"en": {"language": "en", "value": "position held"}}}',
    ]) + "\n", encoding="utf-8")
    db = open_db(tmp_path / "kb.db")
    report = import_reference(db, [path])
    assert report.entities == 3 and report.skipped == 2
    assert "ids.jsonl:4" in report.failures[0] and "not a Wikidata QID" in report.failures[0]
    stored = {r[0] for r in db.execute("SELECT qid FROM ref_entities")}
    assert len(stored) == 3 and all(q.startswith("Q") and q[1:].isdigit() for q in stored)


def test_a_gz_file_that_is_not_gzip_data_says_so(tmp_path):
    fake = tmp_path / "dump.jsonl.gz"
    fake.write_bytes(MINI.read_bytes())  # plain JSON lines under a .gz name
    with pytest.raises(ReferenceError_, match=r"dump\.jsonl\.gz is named \.gz but is not gzip data") as err:
        import_reference(open_db(tmp_path / "kb.db"), [fake])
    assert "ends early" not in str(err.value)


def test_an_empty_dump_is_an_error_and_an_empty_file_among_others_a_warning(tmp_path):
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    db = open_db(tmp_path / "kb.db")
    with pytest.raises(ReferenceError_, match=r"no entities in .*empty\.jsonl"):
        import_reference(db, [empty])
    report = import_reference(db, [MINI, empty])
    assert report.entities == N_GOOD
    assert report.warnings == [f"no entities in {empty}: the file holds no Wikidata entity line"]


def test_cli_reports_an_empty_dump_in_one_line(tmp_path):
    from click.testing import CliRunner

    from kb.cli import cli

    empty = tmp_path / "empty.jsonl.gz"
    empty.write_bytes(gzip.compress(b""))
    result = CliRunner().invoke(cli, ["reference", "import", str(empty), "--db", str(tmp_path / "kb.db")])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [f"Error: no entities in {empty}: pass a Wikidata dump "
                                                  "(one entity JSON object per line, or latest-all.json)"]


# -- several files in one call ----------------------------------------------------------------


def _split_mini(tmp_path: Path) -> tuple[Path, Path]:
    """Two files from mini.jsonl sharing one entity (so the second file replaces it)."""
    lines = MINI.read_text(encoding="utf-8").splitlines()
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    first.write_text("\n".join(lines[:12]) + "\n", encoding="utf-8")
    second.write_text("\n".join(lines[11:]) + "\n", encoding="utf-8")
    return first, second


def _tables(db) -> list[list[tuple]]:
    return [db.execute(f"SELECT * FROM {t} ORDER BY 1, 2, 3").fetchall() for t in ("ref_entities", "ref_names", "ref_claims")]


def test_several_files_in_one_call_do_the_work_of_separate_imports(tmp_path, monkeypatch):
    """One call with two files gives the tables of two separate imports, and its second file
    replaces entities with the QID indexes in place (never a table scan per entity)."""
    import kb.link.reference as reference

    first, second = _split_mini(tmp_path)
    separate = open_db(tmp_path / "separate.db")
    import_reference(separate, [first])
    import_reference(separate, [second])

    replacing_without_index = []
    real_write = reference.write_reference_rows

    def write(db, entities, names, claims, replace_old):
        if replace_old:
            present = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
            replacing_without_index.extend({"idx_ref_claims_qid"} - present)
        return real_write(db, entities, names, claims, replace_old)

    monkeypatch.setattr(reference, "write_reference_rows", write)
    one_call = open_db(tmp_path / "one.db")
    report = import_reference(one_call, [first, second])
    assert _tables(one_call) == _tables(separate)
    assert report.entities == 21 and replacing_without_index == []  # 12 + 9 lines, one shared
