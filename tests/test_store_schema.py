"""The store's schema: frozen migrations, the declarative table description, old databases.

Real SQLite files; ``tests/fixtures/store/kb-v6.db`` was written by the original single-module
store (``make_v6_fixture.py`` beside it, run with the old checkout on PYTHONPATH).
"""

from __future__ import annotations

import hashlib
import re
import shutil
import sqlite3
from pathlib import Path

import pytest

from kb import store
from kb.store import comparisons
from kb.datasette_plugin import foreign_keys as plugin_foreign_keys
from kb.model import Document, Entity, Extraction, Link, LinkedExtraction, Mention, Sentence, Tenure
from kb.store.tables import TABLES, TRIGGERS, VIEWS

FIXTURE_V6 = Path(__file__).parent / "fixtures" / "store" / "kb-v6.db"

#: sha1 prefixes of the migrations as the original store.py generated them (f-strings expanded):
#: a frozen migration is never edited, whatever happens to the constants of today's code.
FROZEN_SHA1 = ["a3e702928a22", "f54286578d92", "0ea7bfb4cb10", "25c70f7bcd63", "33be2975057d", "389ed6a7c916",
               "07acccab4830"]  # v7 as first written (kb.store.comparisons)


@pytest.fixture
def migrated(tmp_path) -> sqlite3.Connection:
    db = store.open_db(tmp_path / "kb.db")
    return db.conn


def test_migrations_are_frozen_text():
    assert [hashlib.sha1(m.encode()).hexdigest()[:12] for m in store.MIGRATIONS[:7]] == FROZEN_SHA1
    assert store.SCHEMA_VERSION == len(store.MIGRATIONS)
    for text in store.MIGRATIONS:
        assert not re.search(r"\{[a-z_]+\}", text)


def _columns(conn, table):
    return [(r[1], r[2], bool(r[3]), r[4]) for r in conn.execute(f"PRAGMA table_info([{table}])")]


def _pk(conn, table):
    return tuple(r[1] for r in sorted(conn.execute(f"PRAGMA table_info([{table}])"), key=lambda r: r[5]) if r[5])


def _index_terms(conn, name):
    """(column, desc, collation) of an index's key columns, as SQLite records them."""
    return [(r[2], r[3], r[4]) for r in conn.execute(f"PRAGMA index_xinfo([{name}])") if r[5]]


def _described_terms(index):
    out = []
    for term in index.columns:
        words = term.split()
        collation = words[words.index("COLLATE") + 1] if "COLLATE" in words else "BINARY"
        out.append((words[0].strip('"'), int("DESC" in words), collation))
    return out


def test_tables_describe_what_the_migrations_create(migrated):
    conn = migrated
    actual = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid")]
    assert actual == list(TABLES)
    for name, table in TABLES.items():
        assert _columns(conn, name) == [(c.name, c.type, c.not_null, c.default) for c in table.columns], name
        assert _pk(conn, name) == table.pk, name
        fks = sorted((r[3], r[2], r[4]) for r in conn.execute(f"PRAGMA foreign_key_list([{name}])"))
        assert fks == sorted((fk.column, fk.table, fk.to) for fk in table.fks), name
        sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", [name]).fetchone()[0]
        assert ("WITHOUT ROWID" in sql) == table.without_rowid, name
        indexes = {r[0]: r[1] for r in conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL", [name])}
        assert set(indexes) == {i.name for i in table.indexes}, name
        for index in table.indexes:
            assert _index_terms(conn, index.name) == _described_terms(index), index.name
            where = re.search(r"\bWHERE\s+(.*)$", indexes[index.name], re.S)
            assert (where.group(1).strip() if where else None) == index.where, index.name
    assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'view' ORDER BY rowid")] == list(VIEWS)
    assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY rowid")] == list(TRIGGERS)


def test_index_ddl_makes_the_same_index(migrated, tmp_path):
    """An index re-created from its description (as the reference import does) equals the
    migration's: same key columns, order, collation and condition."""
    conn = migrated
    for name, table in TABLES.items():
        for index in table.indexes:
            before = (_index_terms(conn, index.name), conn.execute(
                "SELECT count(*) FROM pragma_index_list(?) WHERE name = ? AND partial = 1", [name, index.name]).fetchone())
            conn.execute(f"DROP INDEX {index.name}")
            conn.execute(index.ddl(name))
            after = (_index_terms(conn, index.name), conn.execute(
                "SELECT count(*) FROM pragma_index_list(?) WHERE name = ? AND partial = 1", [name, index.name]).fetchone())
            assert after == before, index.name


def test_plugin_foreign_keys_come_from_the_description(migrated):
    conn = migrated
    declared = {(t, r[3]) for t in TABLES for r in conn.execute(f"PRAGMA foreign_key_list([{t}])")}
    assert plugin_foreign_keys() == declared and ("evidence", "tenure_id") in declared


def _new_document() -> LinkedExtraction:
    text = "Cora Lindqvist has chaired the Harbour Board since 2019."
    doc = Document(id="d3", text=text, published="2025-05-05", content_hash="h-d3")
    person = Entity("Cora Lindqvist", "person", [Mention("Cora Lindqvist", "person", 0, 14, 0, "Cora Lindqvist", "PERSON")])
    org = Entity("Harbour Board", "organization", [Mention("Harbour Board", "organization", 31, 44, 0, "Harbour Board", "ORG")])
    ten = Tenure("Cora Lindqvist", "chair", "Harbour Board", status="current", sentence=0, extractor="test",
                 confidence=0.8)
    ext = Extraction(doc, [Sentence(0, 0, len(text), text)], [person, org], [ten], "en", "test-v1")
    return LinkedExtraction(ext, {("person", "Cora Lindqvist"): Link(qid=None), ("organization", "Harbour Board"): Link(qid=None)})


def test_database_built_by_the_original_store_opens_reads_and_takes_a_document(tmp_path):
    path = tmp_path / "old.db"
    shutil.copy(FIXTURE_V6, path)
    db = store.open_db(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == store.SCHEMA_VERSION == 7
    assert store.counts(db)["documents"] == 2
    (tenure,) = [r for r in store.iter_rows(db, "SELECT * FROM tenure_details") if r["start"] == "2024-10"]
    assert tenure["person"] == "Ann Example" and tenure["n_evidence"] == 1
    store.save_extraction(db, _new_document())
    assert store.counts(db)["documents"] == 3
    assert db.execute("SELECT name FROM persons WHERE id = 'person:cora-lindqvist'").fetchone() == ("Cora Lindqvist",)
    store.delete_document(db, "d1")  # an old document's rows and aggregates are maintained too
    assert store.counts(db)["documents"] == 2
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_v7_migration_fills_the_comparisons_of_an_old_database(tmp_path):
    path = tmp_path / "old.db"
    shutil.copy(FIXTURE_V6, path)
    db = store.open_db(path)
    linked = db.execute("SELECT count(*) FROM tenures t JOIN persons p ON p.id = t.person_id "
                        "WHERE p.qid IS NOT NULL").fetchone()[0]
    migrated = comparisons.stored_rows(db)
    assert len(migrated) == linked > 0  # one row per tenure of a linked person
    store.refresh_all_comparisons(db)
    assert comparisons.stored_rows(db) == migrated


def test_a_database_at_v3_migrates_to_the_current_version(tmp_path):
    path = tmp_path / "v3.db"
    conn = sqlite3.connect(path)
    for migration in store.MIGRATIONS[:3]:
        conn.executescript(migration)
    conn.execute("PRAGMA user_version = 3")
    conn.commit()
    conn.close()
    db = store.open_db(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == store.SCHEMA_VERSION
    assert "published" in [c.name for c in db["mentions"].columns]
    store.save_extraction(db, _new_document())
    assert store.counts(db)["documents"] == 1


def test_statements_split_triggers_whole():
    statements = store.schema.statements(store.VIEWS_V4)
    triggers = [s for s in statements if s.startswith("CREATE TRIGGER")]
    assert len(triggers) == 12 and all(t.endswith("END;") for t in triggers)
