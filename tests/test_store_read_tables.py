"""Schema v4: read-side data the store keeps for the canned queries, and the queries that read it.

Real SQLite files; documents written with ``store.save_extraction`` (fictional people and
sentences written for these tests). ``reference_comparisons`` kept per document write must always
equal a full recompute, whatever is written in whatever order;
``mentions.published`` must equal its document's date; the rewritten canned queries must return
what straightforward (slow) versions of the same definitions return.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import yaml

from kb import store
from kb.store import comparisons
from kb.tenure_rules import reconcile
from kb.model import Link
from kb.settings import REPO_ROOT
from helpers.store import claim_doc

#: Position QIDs for the roles of the test documents (the post at Acme Corp).
ROLE_QIDS = {"chair": "Q901", "treasurer": "Q902", "secretary": "Q903"}


def linked_doc(doc_id: str, claims, published: str = "2025-01-10", names: dict[str, str] | None = None):
    """claim_doc with its posts linked to ROLE_QIDS, and optionally other display names for
    the same persons (the same QID: the store keeps the longest name)."""
    linked = claim_doc(doc_id, claims, published)
    for ten in linked.extraction.tenures:
        if ten.role in ROLE_QIDS:
            linked.position_links[(ten.role, ten.org)] = Link(qid=ROLE_QIDS[ten.role], score=1.0, method="exact")
    for (kind, name), link in list(linked.entity_links.items()):
        if names and name in names:
            linked.entity_links[(kind, name)] = Link(qid=names[name], score=1.0, method="exact")
    return linked


def person_qid(db, name: str) -> str:
    return db.execute("SELECT qid FROM persons WHERE name = ?", [name]).fetchone()[0]


def add_claim(db, qid: str, post: str, start=None, end=None) -> None:
    with db.conn:
        db.execute("INSERT INTO ref_claims (qid, property, value, start, \"end\") VALUES (?, 'P39', ?, ?, ?)",
                   [qid, post, start, end])


def full_equals_incremental(db) -> list[tuple]:
    """The rows the per-document refreshes left, checked against a full recompute."""
    incremental = comparisons.stored_rows(db)
    store.refresh_all_comparisons(db)
    assert comparisons.stored_rows(db) == incremental
    return incremental


def verdicts(db) -> dict[str, tuple]:
    return {(r["person"], r["news_start"]): (r["category"], r["reason"])
            for r in store.iter_rows(db, "SELECT * FROM news_vs_reference")}


def test_comparisons_follow_every_write_like_a_full_recompute(db_path):
    db = store.open_db(db_path)
    store.save_extraction(db, linked_doc("d1", [("Ann Example", "chair", "2010", None),
                                                ("Bo Sample", "treasurer", "2012", "2016")]))
    rows = list(store.iter_rows(db, "SELECT person, category FROM news_vs_reference ORDER BY person"))
    assert rows == [{"person": "Ann Example", "category": "new in the news"},
                    {"person": "Bo Sample", "category": "new in the news"}]
    full_equals_incremental(db)
    ann, bo = person_qid(db, "Ann Example"), person_qid(db, "Bo Sample")
    add_claim(db, ann, "Q901", "2010-03", None)  # agrees at year precision
    add_claim(db, bo, "Q902", "2011", "2016")  # the start differs
    store.refresh_all_comparisons(db)  # what a reference import does
    assert verdicts(db) == {("Ann Example", "2010"): ("agrees", None),
                            ("Bo Sample", "2012"): ("contradicts", "start: the news says 2012, the reference 2011")}
    # the news now says Ann's tenure ended: a date the reference lacks
    store.save_extraction(db, linked_doc("d2", [("Ann Example", "chair", "2010", "2020")], published="2025-02-01"))
    full_equals_incremental(db)
    assert verdicts(db)[("Ann Example", "2010")] == ("the news adds a date", "end 2020 (the reference has none)")
    # a document re-extracted, a document deleted
    store.save_extraction(db, linked_doc("d2", [("Ann Example", "secretary", "2021", None)], published="2025-02-01"))
    assert full_equals_incremental(db)
    assert verdicts(db)[("Ann Example", "2021")] == (
        "new in the news", "the reference has no P39 statement for this position")
    store.delete_document(db, "d1")
    assert [r[0] for r in full_equals_incremental(db)] == [r[0] for r in db.execute("SELECT id FROM tenures")]


def test_consecutive_reference_terms_are_one_span(db_path):
    """One premiership stated as four cabinet terms is one span: a news tenure over all of them
    agrees once, a tenure of one term agrees with that term, a date outside contradicts."""
    db = store.open_db(db_path)
    store.save_extraction(db, linked_doc("d1", [("Ann Example", "chair", "2010", "2024"),
                                                ("Ann Example", "chair", "2017-10", "2022")]))
    store.save_extraction(db, linked_doc("d2", [("Bo Sample", "chair", "2009", "2024")]))
    ann, bo = person_qid(db, "Ann Example"), person_qid(db, "Bo Sample")
    terms = [("2010-10-14", "2012-11-05"), ("2012-11-05", "2017-10-26"), ("2017-10-26", "2022-01-10"),
             ("2022-01-11", "2024-07-02")]
    for qid in (ann, bo):
        for start, end in terms:
            add_claim(db, qid, "Q901", start, end)
    store.refresh_all_comparisons(db)
    got = {(r["person"], r["news_start"]): (r["category"], r["ref_start"], r["ref_end"], r["ref_terms"])
           for r in store.iter_rows(db, "SELECT * FROM news_vs_reference")}
    assert got == {("Ann Example", "2010"): ("agrees", "2010-10-14", "2024-07-02", 4),
                   ("Ann Example", "2017-10"): ("agrees", "2017-10-26", "2022-01-10", 1),
                   ("Bo Sample", "2009"): ("contradicts", "2010-10-14", "2024-07-02", 4)}
    assert comparisons.merge_terms("Q1", [("2001", "2003"), ("2008", "2010")]) == [
        comparisons.Term("Q1", "2001", "2003"), comparisons.Term("Q1", "2008", "2010")]
    assert comparisons.merge_terms("Q1", [("2001", None), ("2008", "2010")]) == [comparisons.Term("Q1", "2001", None, 2)]


def test_a_post_without_item_is_compared_by_role_and_organisation(db_path):
    """A tenure whose post has no position item meets the person's P39 positions whose label
    names the role and whose P1001 is the organisation; another organisation's post does not."""

    db = store.open_db(db_path)
    store.save_extraction(db, claim_doc("d1", [("Ann Example", "chair", "2015", None),
                                               ("Ann Example", "treasurer", "2016", None)]))
    ann = person_qid(db, "Ann Example")
    with db.conn:
        db.execute("INSERT INTO ref_names (qid, name, norm, lang) VALUES ('Q960', 'Chair of the Board', "
                   "'chair of the board', 'en'), ('Q961', 'Treasurer of Elsewhere Ltd', 'treasurer of elsewhere ltd', 'en')")
        db.execute("INSERT INTO ref_claims (qid, property, value) VALUES ('Q960', 'P1001', 'Q5'), ('Q961', 'P1001', 'Q6')")
    add_claim(db, ann, "Q960", "2015-04-01", None)
    add_claim(db, ann, "Q961", "2016", None)
    store.refresh_all_comparisons(db)
    got = {r["position"]: (r["category"], r["matched_by"], r["ref_position_qid"])
           for r in store.iter_rows(db, "SELECT * FROM news_vs_reference")}
    assert got == {"chair of Acme Corp": ("agrees", "role and organisation", "Q960"),
                   "treasurer of Acme Corp": ("new in the news", None, None)}


def test_mentions_carry_their_document_date(db_path):
    db = store.open_db(db_path)
    store.save_extraction(db, linked_doc("d1", [("Ann Example", "chair", "2010", None)], published="2024-05-06"))
    store.save_extraction(db, linked_doc("d1", [("Ann Example", "chair", "2010", None)], published="2024-05-07"))
    assert set(db.execute("SELECT published FROM mentions").fetchall()) == {("2024-05-07",)}


def test_a_v3_database_is_upgraded_with_comparisons_and_mention_dates(tmp_path):
    """A v3 kb.db (rows written before v4) gets mentions.published and reference_comparisons."""
    path = tmp_path / "v3.db"
    conn = sqlite3.connect(path)
    for migration in store.MIGRATIONS[:3]:
        conn.executescript(migration)
    conn.execute("PRAGMA user_version = 3")
    with conn:
        conn.execute("INSERT INTO documents (id, content_hash, published) VALUES ('d1', 'h1', '2023-04-05')")
        conn.execute("INSERT INTO mentions (id, document_id, entity_type, entity_id, text) "
                     "VALUES ('m1', 'd1', 'person', 'Q1', 'Dee Fallow')")
        conn.execute("INSERT INTO persons (id, name, qid) VALUES ('Q1', 'Dee Fallow', 'Q1')")
        conn.execute("INSERT INTO positions (id, label, role, qid) VALUES ('Q901', 'chair of Acme', 'chair', 'Q901')")
        conn.execute("INSERT INTO tenures (id, person_id, position_id, role, start, status) "
                     "VALUES ('t1', 'Q1', 'Q901', 'chair', '2019', 'current')")
        conn.execute("INSERT INTO ref_claims (qid, property, value, start) VALUES ('Q1', 'P39', 'Q901', '2018')")
    conn.close()
    db = store.open_db(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == store.SCHEMA_VERSION
    assert db.execute("SELECT published FROM mentions").fetchall() == [("2023-04-05",)]
    assert [(r["category"], r["reason"]) for r in store.iter_rows(db, "SELECT * FROM news_vs_reference")] == [
        ("contradicts", "start: the news says 2019, the reference 2018")]
    full_equals_incremental(db)


# --------------------------------------------------------------------------------------------
# Canned queries against straightforward versions of the same definitions
# --------------------------------------------------------------------------------------------


def canned_sql(name: str) -> str:
    meta = yaml.safe_load((REPO_ROOT / "metadata.yml").read_text(encoding="utf-8"))
    return meta["databases"]["kb"]["queries"][name]["sql"]


def run(path: Path, sql: str, **params: str) -> list[tuple]:
    from kb.query_words import register_functions

    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    register_functions(conn)  # the wording functions the canned queries call, as kb's Datasette plugin adds them
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


#: who_held_on_date by its definition: every tenure of a matched post covering the date, ranked,
#: best first, one page (no walks, no gates).
WHO_HELD_PLAIN = """
WITH pos AS (SELECT id FROM positions WHERE :position <> '' AND (id = :position OR qid = :position
             OR role = lower(:position) OR label LIKE '%' || :position || '%')),
cmp AS (""" + re.search(r"cmp AS NOT MATERIALIZED \((.*?)\n\), role0", canned_sql("who_held_on_date"), re.S).group(1) + """)
SELECT c.id, c.rank FROM pos JOIN cmp c ON c.position_id = pos.id ORDER BY c.rank, c.n_evidence DESC, c.id LIMIT 200
"""


def many_tenures_db(path: Path) -> Path:
    """Forty people who were chair of Acme Corp at different times, a few also treasurer, with
    different amounts of evidence; dates of every precision, some open-ended."""
    db = store.open_db(path)
    for i in range(40):
        start = ["2001", "2005-03", "2009-07-14", "2012", None][i % 5]
        end = [None, "2010", "2016-02", None, "2020-11-30", None][i % 6]
        claims = [(f"Person Number{i:02d}", "chair", start, end)] * (1 + i % 4)
        if i % 7 == 0:
            claims.append((f"Person Number{i:02d}", "treasurer", "2008", None))
        store.save_extraction(db, linked_doc(f"d{i:02d}", claims, published=f"20{10 + i % 15}-06-01"))
    db.close()
    return path


def test_who_held_on_date_walks_agree_with_the_plain_definition(tmp_path):
    path = many_tenures_db(tmp_path / "kb.db")
    sql = canned_sql("who_held_on_date")
    for limit in ("200", "3"):  # a page of 3 makes every walk and gate cut early
        fast = sql.replace("LIMIT 200", f"LIMIT {limit}")
        plain = WHO_HELD_PLAIN.replace("LIMIT 200", f"LIMIT {limit}")
        for position in ("chair", "Chair", "treasurer", "of Acme", "Q901"):
            for date in ("2004", "2009-07", "2010-01-01", "2016", "2030-01-01"):
                rank = {"certain": 0, "within date precision": 1}
                got = [(r[-1], rank.get(r[9], 2)) for r in run(path, fast, position=position, date=date)]
                want = run(path, plain, position=position, date=date)
                assert got == want, (limit, position, date)


DOCUMENTS_PLAIN = """
WITH person AS (SELECT id FROM persons WHERE id = :person OR qid = :person OR name = :person COLLATE NOCASE
                UNION SELECT id FROM persons WHERE :person <> '' AND name LIKE '%' || :person || '%'
                  AND NOT EXISTS (SELECT 1 FROM persons WHERE id = :person OR qid = :person OR name = :person COLLATE NOCASE))
SELECT m.document_id, m.sentence_id, m.entity_id, d.published FROM person JOIN mentions m ON m.entity_id = person.id
JOIN documents d ON d.id = m.document_id
GROUP BY m.entity_id, m.document_id, m.sentence_id ORDER BY d.published DESC, m.document_id, m.sentence_id LIMIT 200
"""


def test_documents_mentioning_person_agrees_with_the_plain_definition(tmp_path):
    path = many_tenures_db(tmp_path / "kb.db")
    for limit in ("200", "5"):
        fast = canned_sql("documents_mentioning_person").replace("LIMIT 200", f"LIMIT {limit}")
        plain = DOCUMENTS_PLAIN.replace("LIMIT 200", f"LIMIT {limit}")
        for person in ("Person Number07", "person number07", "Number0", "Number", "nobody"):
            got = [(r[0], r[5], r[4], r[2]) for r in run(path, fast, person=person)]
            want = run(path, plain, person=person)
            assert sorted(got) == sorted(want), (limit, person)
            assert [r[3] for r in got] == sorted((r[3] for r in got), reverse=True)


def test_news_vs_reference_query_pages_agree_with_the_view(tmp_path):
    path = many_tenures_db(tmp_path / "kb.db")
    db = store.open_db(path)
    for i, (qid,) in enumerate(db.execute("SELECT qid FROM persons ORDER BY name").fetchall()):
        if i % 3:
            add_claim(db, qid, "Q901", ["2001", "2006", None][i % 3], [None, "2010"][i % 2])
    store.refresh_all_comparisons(db)
    db.close()
    order = "ORDER BY category, person, news_start, tenure_id"
    categories = {r[0] for r in run(path, "SELECT DISTINCT category FROM news_vs_reference")}
    assert len(categories) >= 3
    for limit in ("200", "4"):
        fast = canned_sql("news_vs_reference").replace("LIMIT 200", f"LIMIT {limit}")
        for category in ("", *sorted(categories), "other"):
            for person in ("", "Number1", "Person Number03", "nobody"):
                where = ["(:category = '' OR category = :category)",
                         "(:person = '' OR person_id IN (SELECT id FROM persons WHERE qid IS NOT NULL AND "
                         "(id = :person OR qid = :person OR name LIKE '%' || :person || '%')))"]
                want = run(path, f"SELECT * FROM news_vs_reference WHERE {' AND '.join(where)} {order} LIMIT {limit}",
                           category=category, person=person)
                got = run(path, fast, category=category, person=person)
                assert got == want, (limit, category, person)


# --------------------------------------------------------------------------------------------
# co_mentions (schema v5)
# --------------------------------------------------------------------------------------------


def co_maintained(db) -> list[tuple]:
    return sorted(db.execute("SELECT * FROM co_mentions").fetchall())


def co_recomputed(db) -> list[tuple]:
    return sorted(db.execute(store.CO_MENTIONS_SELECT).fetchall())


def test_co_mentions_follow_every_write(db_path):
    db = store.open_db(db_path)
    steps = [
        ("save", "d1", [("Ann Example", "chair", "2010", None), ("Bo Sample", "treasurer", None, None)]),
        ("save", "d2", [("Ann Example", "chair", None, None), ("Bo Sample", "chair", None, None),
                        ("Cy Dunmore", "secretary", None, None)]),
        ("save", "d3", [("Bo Sample", "chair", None, None), ("Cy Dunmore", "chair", None, None)]),
        ("save", "d2", [("Ann Example", "chair", None, None)]),  # re-extracted: only Ann is left
        ("delete", "d3", []),  # the example document of Bo and Cy goes
        ("save", "d4", [("Cy Dunmore", "chair", None, None), ("Ann Example", "chair", None, None)]),
        ("delete", "d1", []),
    ]
    for action, doc_id, claims in steps:
        if action == "save":
            store.save_extraction(db, linked_doc(doc_id, claims))
        else:
            store.delete_document(db, doc_id)
        assert co_maintained(db) == co_recomputed(db), (action, doc_id)
    ann, cy = person_qid(db, "Ann Example"), person_qid(db, "Cy Dunmore")
    assert co_maintained(db) == sorted([(ann, cy, 1, "d4"), (cy, ann, 1, "d4")])


def test_co_mentions_keep_the_greatest_shared_document_as_example(db_path):
    db = store.open_db(db_path)
    for doc_id in ("d1", "d3", "d2"):
        store.save_extraction(db, linked_doc(doc_id, [("Ann Example", "chair", None, None), ("Bo Sample", "chair", None, None)]))
    assert {r[2:] for r in co_maintained(db)} == {(3, "d3")}
    store.delete_document(db, "d3")
    assert {r[2:] for r in co_maintained(db)} == {(2, "d2")} and co_maintained(db) == co_recomputed(db)


CO_MENTIONED_PLAIN = """
WITH exact AS (SELECT id FROM persons WHERE id = :person OR qid = :person OR name = :person COLLATE NOCASE),
person AS (SELECT id FROM exact UNION SELECT id FROM persons
           WHERE NOT EXISTS (SELECT 1 FROM exact) AND :person <> '' AND name LIKE '%' || :person || '%'),
docs AS (SELECT DISTINCT m.document_id FROM person JOIN mentions m ON m.entity_id = person.id)
SELECT m.entity_id, p.name, p.qid, count(DISTINCT m.document_id), max(m.document_id)
FROM docs JOIN mentions m ON m.document_id = docs.document_id AND m.entity_type = 'person'
JOIN persons p ON p.id = m.entity_id
WHERE m.entity_id NOT IN (SELECT id FROM person)
GROUP BY m.entity_id ORDER BY 4 DESC, 2, 1 LIMIT 200
"""


def test_co_mentioned_persons_agrees_with_the_plain_definition(tmp_path):
    path = tmp_path / "kb.db"
    db = store.open_db(path)
    for i in range(30):  # person i shares documents with i+1..i+3, and everyone with Person Number00
        claims = [(f"Person Number{j:02d}", "chair", None, None) for j in {0, i, (i + 1) % 30, (i + 3) % 30}]
        store.save_extraction(db, linked_doc(f"d{i:02d}", claims))
    db.close()
    for limit in ("200", "3"):
        fast = canned_sql("co_mentioned_persons").replace("LIMIT 200", f"LIMIT {limit}").replace("OFFSET 199", f"OFFSET {int(limit) - 1}")
        plain = CO_MENTIONED_PLAIN.replace("LIMIT 200", f"LIMIT {limit}")
        for person in ("Person Number00", "person number07", "Number1", "nobody"):
            assert run(path, fast, person=person) == run(path, plain, person=person), (limit, person)
    # everyone else (names with the same letters share a test QID, hence fewer than 29 persons)
    everyone = run(path, "SELECT count(*) - 1 FROM persons")[0][0]
    assert len(run(path, canned_sql("co_mentioned_persons"), person="Person Number00")) == everyone > 5


# --------------------------------------------------------------------------------------------
# evidence_claims and claim_documents (schema v6): a document's write costs its own rows
# --------------------------------------------------------------------------------------------


def reference_tenures(db) -> list[tuple]:
    """Every tenure's derived columns by the pre-v6 algorithm: read all its evidence rows,
    newest first, in Python."""
    out = []
    for (tid,) in db.execute("SELECT id FROM tenures ORDER BY id").fetchall():
        rows = db.execute(
            "SELECT document_id, published, claimed_start, claimed_start_precision, claimed_end, "
            "claimed_end_precision, claimed_status, claimed_ordinal FROM evidence WHERE tenure_id = ? "
            "ORDER BY coalesce(published, '') DESC, document_id DESC", [tid]).fetchall()
        start, start_p, c1 = reconcile([(r[2], r[3]) for r in rows])
        end, end_p, c2 = reconcile([(r[4], r[5]) for r in rows])
        flags = ["date conflict"] if c1 or c2 else []
        if start and end and end[: len(start)] < start[: len(end)]:
            flags.append(f"inverted: end {end} before start {start}")
            start = start_p = end = end_p = None
        status, published = rows[0][6], rows[0][1]
        if status != "former" and end and published and end[:10] < published[: len(end)]:
            status = "former"
        ordinal = next((r[7] for r in rows if r[7] is not None), None)
        out.append((tid, start, start_p, end, end_p, status, published, ordinal, len(rows),
                    len({r[0] for r in rows}), "; ".join(flags) or None))
    return out


def stored_tenures(db) -> list[tuple]:
    return db.execute('SELECT id, start, start_precision, "end", end_precision, status, status_as_of, ordinal, '
                      "n_evidence, n_documents, flags FROM tenures ORDER BY id").fetchall()


def claims_consistent(db) -> None:
    assert sorted(db.execute("SELECT * FROM evidence_claims").fetchall()) == \
        sorted(db.execute(store.EVIDENCE_CLAIMS_SELECT).fetchall())
    assert sorted(db.execute("SELECT * FROM claim_documents").fetchall()) == \
        sorted(db.execute(store.CLAIM_DOCUMENTS_SELECT).fetchall())
    assert stored_tenures(db) == reference_tenures(db)
    assert sorted(db.execute("SELECT * FROM tenure_conflict_pairs").fetchall(), key=repr) == \
        sorted(db.execute(store.CONFLICT_PAIRS_FROM_EVIDENCE.format(scope="1")).fetchall(), key=repr)


def test_claim_groups_and_tenures_follow_every_write(db_path):
    """Adds, re-extractions (other claims, another date) and deletions, including documents
    that held a group's newest row or smallest evidence id."""
    db = store.open_db(db_path)
    steps = [
        ("d3", [("Ann Example", "chair", "2010", None)], "2024-03-01"),
        ("d1", [("Ann Example", "chair", "2010-05", None), ("Bo Sample", "chair", "2011", "2015")], "2024-05-01"),
        ("d2", [("Ann Example", "chair", "2011", None), ("Bo Sample", "chair", "2011", "2015")], "2024-01-01"),
        ("d4", [("Ann Example", "chair", "2010", "2019")], "2024-07-01"),  # newest: an end, so former
        ("d1", [("Ann Example", "chair", "2010", None)], "2023-02-01"),  # re-extracted, older date
        ("d4", None, None),  # deleted: the newest row and a group go
        ("d0", [("Ann Example", "chair", "2010", None), ("Ann Example", "treasurer", "2012", None)], "2024-06-01"),
        ("d3", None, None),
        ("d2", [("Bo Sample", "chair", "2011", "2015")], "2024-01-01"),
    ]
    for doc_id, claims, published in steps:
        if claims is None:
            store.delete_document(db, doc_id)
        else:
            store.save_extraction(db, linked_doc(doc_id, claims, published=published))
        claims_consistent(db)
    assert db.execute("SELECT count(*) FROM evidence_claims").fetchone()[0] > 2


def test_a_tenure_with_many_documents_keeps_sorted_document_lists(db_path):
    db = store.open_db(db_path)
    for i in (5, 1, 9, 3, 7):
        store.save_extraction(db, linked_doc(f"doc{i}", [("Ann Example", "chair", "2010", None)],
                                             published=f"2024-0{i}-01"))
    store.save_extraction(db, linked_doc("docx", [("Ann Example", "chair", "2012", None)]))
    claims_consistent(db)
    lists = {r[0] for r in db.execute("SELECT a_documents FROM tenure_conflict_pairs UNION "
                                      "SELECT b_documents FROM tenure_conflict_pairs")}
    assert lists == {"doc1,doc3,doc5,doc7,doc9", "docx"}
    store.delete_document(db, "doc5")
    claims_consistent(db)
    assert "doc1,doc3,doc7,doc9" in {r[0] for r in db.execute("SELECT a_documents FROM tenure_conflict_pairs")}


def test_entity_and_tenure_counts_move_by_each_document(db_path):
    """Counts kept by deltas equal a recount after adds, re-extractions and deletions."""
    db = store.open_db(db_path)
    recount = ("SELECT p.id, p.n_mentions, p.n_documents, (SELECT count(*) FROM mentions m WHERE m.entity_id = p.id), "
               "(SELECT count(DISTINCT document_id) FROM mentions m WHERE m.entity_id = p.id) FROM {} p")
    steps = [("d1", [("Ann Example", "chair", "2010", None), ("Ann Example", "chair", "2010", None)]),
             ("d2", [("Ann Example", "chair", "2010", None), ("Bo Sample", "chair", None, None)]),
             ("d1", [("Bo Sample", "chair", None, None)]), ("d2", None), ("d3", [("Ann Example", "chair", None, None)])]
    for doc_id, claims in steps:
        if claims is None:
            store.delete_document(db, doc_id)
        else:
            store.save_extraction(db, linked_doc(doc_id, claims))
        for table in ("persons", "organizations"):
            for _id, n, d, n2, d2 in db.execute(recount.format(table)).fetchall():
                assert (n, d) == (n2, d2), (doc_id, _id)
        claims_consistent(db)
