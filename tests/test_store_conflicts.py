"""tenure_conflict_pairs (schema v3): the store keeps the conflicting claim pairs up to date.

Real SQLite files; documents written with ``store.save_extraction`` from kb.model dataclasses
(fictional people and sentences written for these tests). The maintained table must always equal
a full recomputation by the v2 rules, whatever order documents are added, replaced or deleted in.
"""

import sqlite3

from kb import store
from helpers.store import claim_doc


def maintained(db) -> list[tuple]:
    return sorted(db.execute("SELECT * FROM tenure_conflict_pairs").fetchall(), key=repr)


def recomputed(db) -> list[tuple]:
    """The conflict pairs computed from scratch from every evidence row (documents sorted)."""
    return sorted(db.execute(store.CONFLICT_PAIRS_FROM_EVIDENCE.format(scope="1")).fetchall(), key=repr)


def test_conflict_is_recorded_and_cleared_when_a_document_is_re_extracted(db_path):
    db = store.open_db(db_path)
    store.save_extraction(db, claim_doc("d1", [("Ann Example", "chair", "2010", None)]))
    store.save_extraction(db, claim_doc("d2", [("Ann Example", "chair", "2012", None)]))
    rows = list(store.iter_rows(db, "SELECT conflict, a_start, b_start, a_documents, b_documents FROM tenure_conflict_pairs"))
    assert rows == [{"conflict": "start", "a_start": "2010", "b_start": "2012", "a_documents": "d1", "b_documents": "d2"}]
    # re-extraction of d2 now reads "since May 2010": it refines d1's year, no conflict left
    store.save_extraction(db, claim_doc("d2", [("Ann Example", "chair", "2010-05", None)]))
    assert maintained(db) == []
    store.save_extraction(db, claim_doc("d3", [("Ann Example", "chair", "2011", None)]))
    # "2011" disagrees with both claims, "2010" (d1) and "2010-05" (d2): two pairs
    assert sorted((r[3], r[8]) for r in maintained(db)) == [("2010", "2011"), ("2010-05", "2011")]
    store.delete_document(db, "d3")
    assert maintained(db) == []


def test_two_terms_and_other_posts_are_not_conflicts(db_path):
    db = store.open_db(db_path)
    store.save_extraction(db, claim_doc("d1", [("Ann Example", "chair", "2004", "2008"),
                                               ("Ann Example", "treasurer", "2010", None)]))
    store.save_extraction(db, claim_doc("d2", [("Ann Example", "chair", "2012", "2016"),  # a second term
                                               ("Ann Example", "treasurer", "2013", None),  # a real conflict
                                               ("Bo Sample", "chair", "2010", None)]))  # another person
    rows = list(store.iter_rows(db, "SELECT t.role, c.conflict FROM tenure_conflict_pairs c "
                                    "JOIN positions t ON t.id = c.position_id"))
    assert rows == [{"role": "treasurer", "conflict": "start"}]


def test_maintained_pairs_equal_a_full_recomputation_after_every_write(db_path):
    """Adds, replacements and deletions in an order that touches posts from both sides."""
    db = store.open_db(db_path)
    steps = [
        ("save", "d1", [("Ann Example", "chair", "2010", None), ("Bo Sample", "chair", "2011", "2015")]),
        ("save", "d2", [("Ann Example", "chair", "2012", None), ("Bo Sample", "chair", "2011", "2016")]),
        ("save", "d3", [("Ann Example", "chair", "2010-03", "2014"), ("Bo Sample", "treasurer", "2011", None)]),
        ("save", "d1", [("Bo Sample", "chair", "2009", None)]),  # d1 re-extracted: Ann's claim gone
        ("delete", "d2", []),
        ("save", "d4", [("Ann Example", "chair", "2013", "2014"), ("Ann Example", "chair", None, "2015")]),
        ("delete", "d3", []),
    ]
    seen_any = False
    for action, doc_id, claims in steps:
        if action == "save":
            store.save_extraction(db, claim_doc(doc_id, claims))
        else:
            store.delete_document(db, doc_id)
        assert maintained(db) == recomputed(db), (action, doc_id)
        seen_any = seen_any or bool(maintained(db))
    assert seen_any  # the sequence does produce conflicts on the way


def test_refresh_all_aggregates_rebuilds_the_pairs(db_path):
    db = store.open_db(db_path)
    store.save_extraction(db, claim_doc("d1", [("Ann Example", "chair", "2010", None)]))
    store.save_extraction(db, claim_doc("d2", [("Ann Example", "chair", "2012", None)]))
    expected = maintained(db)
    with db.conn:
        db.execute("DELETE FROM tenure_conflict_pairs")  # as after bulk_insert, which maintains nothing
    store.refresh_all_aggregates(db)
    assert expected and maintained(db) == expected


def _downgrade_to_v2(path) -> None:
    """Turn a current kb.db into the v2 layout: no maintained table, the v2 self-join view."""
    conn = sqlite3.connect(str(path))
    with conn:  # first undo v4 (see test_store_read_tables), then v3
        for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
            conn.execute(f"DROP TRIGGER [{name}]")
        conn.execute("DROP INDEX idx_mentions_entity_published")
        conn.execute("ALTER TABLE mentions DROP COLUMN published")
        conn.execute("DROP VIEW news_vs_reference")
        conn.execute("DROP TABLE reference_comparisons")
        conn.execute("DROP TABLE co_mentions")
        conn.execute("DROP TABLE evidence_claims")
        conn.execute("DROP TABLE claim_documents")
        conn.execute("DROP VIEW tenure_conflicts")
        conn.execute("DROP TABLE tenure_conflict_pairs")
        conn.executescript(store.VIEWS_V2)
        conn.execute("PRAGMA user_version = 2")
    conn.close()


def test_migrating_a_v2_database_fills_the_table_and_keeps_the_view(db_path):
    db = store.open_db(db_path)
    store.save_extraction(db, claim_doc("d1", [("Ann Example", "chair", "2010", "2014"), ("Bo Sample", "chair", "2011", None)]))
    store.save_extraction(db, claim_doc("d2", [("Ann Example", "chair", "2010", "2015"), ("Bo Sample", "chair", "2012-02", None)]))
    db.close()
    _downgrade_to_v2(db_path)
    conn = sqlite3.connect(str(db_path))
    v2_rows = sorted(conn.execute("SELECT * FROM tenure_conflicts").fetchall(), key=repr)
    v2_columns = [c[1] for c in conn.execute("PRAGMA table_info(tenure_conflicts)")]
    conn.close()
    assert len(v2_rows) == 2
    db = store.open_db(db_path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == store.SCHEMA_VERSION >= 3
    assert sorted(db.execute("SELECT * FROM tenure_conflicts").fetchall(), key=repr) == v2_rows
    assert [c[1] for c in db.execute("PRAGMA table_info(tenure_conflicts)")] == v2_columns
    # and the store keeps maintaining it after the migration
    store.save_extraction(db, claim_doc("d2", [("Ann Example", "chair", "2010", "2014")]))
    assert maintained(db) == recomputed(db) == []
