"""The store on real SQLite files: per-document replacement, aggregates, migrations."""

import pytest

from kb import store
from kb.errors import DatabaseError
from kb.model import (
    DateValue, Document, Entity, Extraction, Link, LinkedExtraction, Mention, Sentence, Span, Tenure,
)


def _dv(value):
    return DateValue(value, {4: "year", 7: "month", 10: "day"}[len(value)]) if value else None


def linked_doc(doc_id="d1", text=None, published="2025-03-14", start="2024-10", status="current", qid="Q1", end=None):
    text = text or "Ann Example has led Acme Corp since October 2024."
    doc = Document(id=doc_id, text=text, published=published, content_hash=store.slug(text))
    sent = Sentence(0, 0, len(text), text)
    person = Entity("Ann Example", "person", [Mention("Ann Example", "person", 0, 11, 0, "Ann Example", "PERSON")])
    org = Entity("Acme Corp", "organization", [Mention("Acme Corp", "organization", 20, 29, 0, "Acme Corp", "ORG")])
    ten = Tenure(
        "Ann Example", "chief executive", "Acme Corp",
        start=_dv(start), end=_dv(end),
        status=status, sentence=0, person_span=Span(0, 11), date_span=Span(30, len(text) - 1, "since October 2024"),
        extractor="test", confidence=0.9,
    )
    ext = Extraction(doc, [sent], [person, org], [ten], "en", "test-v1")
    return LinkedExtraction(
        ext,
        {("person", "Ann Example"): Link(qid=qid, score=0.9, method="exact", enwiki="Ann Example"),
         ("organization", "Acme Corp"): Link(qid=None)},
    )


def table(db, name):
    return sorted(map(tuple, db.execute(f"SELECT * FROM [{name}]").fetchall()), key=repr)


def test_save_creates_rows_with_evidence(db_path):
    db = store.open_db(db_path)
    store.save_extraction(db, linked_doc())
    assert store.counts(db) | {"failures": 0} == {
        "documents": 1, "persons": 1, "organizations": 1, "positions": 1, "tenures": 1, "evidence": 1, "failures": 0,
    }
    person = db["persons"].get("Q1")
    assert person["wikipedia_url"] == "https://en.wikipedia.org/wiki/Ann_Example"
    ten = next(store.iter_rows(db, "SELECT * FROM tenures"))
    assert (ten["start"], ten["start_precision"], ten["status"], ten["n_documents"]) == ("2024-10", "month", "current", 1)
    ev = next(store.iter_rows(db, "SELECT * FROM evidence"))
    assert ev["sentence"].startswith("Ann Example") and ev["date_text"] == "since October 2024"


def test_resaving_a_document_changes_nothing(db_path):
    db = store.open_db(db_path)
    store.save_extraction(db, linked_doc())
    before = {t: table(db, t) for t in ("persons", "tenures", "evidence", "mentions", "positions")}
    store.save_extraction(db, linked_doc())
    after = {t: table(db, t) for t in ("persons", "tenures", "evidence", "mentions", "positions")}
    # built_at may differ on documents; every fact table is identical
    assert before == after


def test_replacing_a_document_leaves_no_orphans(db_path):
    db = store.open_db(db_path)
    store.save_extraction(db, linked_doc(start="2024-10"))
    store.save_extraction(db, linked_doc(start="2023"))  # the article was corrected
    rows = list(store.iter_rows(db, "SELECT start FROM tenures"))
    assert rows == [{"start": "2023"}]
    assert db.execute("SELECT count(*) FROM evidence").fetchone()[0] == 1
    store.delete_document(db, "d1")
    assert store.counts(db)["tenures"] == 0 and store.counts(db)["persons"] == 0


def test_two_documents_support_one_tenure(db_path):
    db = store.open_db(db_path)
    store.save_extraction(db, linked_doc("d1", published="2025-01-01", status="current"))
    store.save_extraction(db, linked_doc("d2", text="Ann Example has led Acme Corp since October 2024!", published="2025-06-01", status="former"))
    ten = next(store.iter_rows(db, "SELECT * FROM tenures"))
    assert ten["n_documents"] == 2 and ten["n_evidence"] == 2
    # status as of the newest article that speaks of it
    assert (ten["status"], ten["status_as_of"]) == ("former", "2025-06-01")


def test_schema_version_and_newer_database_refused(db_path):
    db = store.open_db(db_path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == store.SCHEMA_VERSION
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    db.execute(f"PRAGMA user_version = {store.SCHEMA_VERSION + 1}")
    db.conn.close()
    with pytest.raises(DatabaseError, match="newer than this kb"):
        store.open_db(db_path)


def test_not_a_database(tmp_path):
    bad = tmp_path / "kb.db"
    bad.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(DatabaseError, match="not a usable SQLite database"):
        store.open_db(bad)


def test_missing_database_without_create(tmp_path):
    with pytest.raises(DatabaseError, match="kb build"):
        store.open_db(tmp_path / "nope.db", create=False)


def test_name_key_folds_accents_case_and_punctuation():
    assert store.name_key("Viktor Orbán") == store.name_key("viktor orban")
    assert store.name_key("Jonas Gahr Støre") != ""
    assert store.name_key("Straße") == "strasse"
    assert store.entity_id("person", "Jean-Luc Picard", None) == "person:jean-luc-picard"
    assert store.entity_id("person", "X", "Q42") == "Q42"


def test_tenure_ids_keep_half_dated_tenures_apart():
    a = store.tenure_id("p", "pos", "2010", None)
    b = store.tenure_id("p", "pos", None, "2014")
    assert a != b and a == store.tenure_id("p", "pos", "2010", None)


def _tenures(db):
    return list(store.iter_rows(db, 'SELECT start, "end", n_documents, flags, status FROM tenures ORDER BY start'))


def test_a_more_precise_date_refines_a_coarser_one(db_path):
    db = store.open_db(db_path)
    store.save_extraction(db, linked_doc("d1", text="a", start="2024"))
    store.save_extraction(db, linked_doc("d2", text="b", start="2024-10"))
    store.save_extraction(db, linked_doc("d3", text="c", start=None))  # undated mention joins it
    assert _tenures(db) == [{"start": "2024-10", "end": None, "n_documents": 3, "flags": None, "status": "current"}]
    ten = next(store.iter_rows(db, "SELECT start_precision FROM tenures"))
    assert ten["start_precision"] == "month"
    store.delete_document(db, "d2")  # the refining article is withdrawn: back to the year
    assert _tenures(db)[0]["start"] == "2024"


def test_conflicting_dates_stay_visible(db_path):
    db = store.open_db(db_path)
    store.save_extraction(db, linked_doc("d1", text="a", start="2010"))
    store.save_extraction(db, linked_doc("d2", text="b", start="2012"))
    assert [t["start"] for t in _tenures(db)] == ["2010", "2012"]
    conflicts = list(store.iter_rows(db, "SELECT conflict, a_start, b_start FROM tenure_conflicts"))
    assert conflicts == [{"conflict": "start", "a_start": "2010", "b_start": "2012"}]


def test_start_only_and_end_only_claims_stay_apart(db_path):
    db = store.open_db(db_path)
    store.save_extraction(db, linked_doc("d1", text="a", start="2002"))
    store.save_extraction(db, linked_doc("d2", text="b", start=None, end="2024", status="former"))
    assert len(_tenures(db)) == 2


def test_inverted_interval_is_flagged_not_stored(db_path):
    db = store.open_db(db_path)
    store.save_extraction(db, linked_doc("d1", text="a", start="2012", end="2010", status="former"))
    (ten,) = _tenures(db)
    assert ten["start"] is None and ten["end"] is None
    assert ten["flags"].startswith("inverted")
    ev = next(store.iter_rows(db, "SELECT claimed_start, claimed_end FROM evidence"))
    assert ev == {"claimed_start": "2012", "claimed_end": "2010"}


def test_end_in_the_past_makes_a_tenure_former(db_path):
    db = store.open_db(db_path)
    store.save_extraction(db, linked_doc("d1", text="a", start="2010", end="2020", status="unknown", published="2025-01-01"))
    assert _tenures(db)[0]["status"] == "former"


def _person_doc(doc_id, name, role, org):
    text = f"{name} is the {role} of {org}."
    doc = Document(id=doc_id, text=text, content_hash=doc_id)
    ents = [Entity(name, "person", [Mention(name, "person", 0, len(name), 0, name)]),
            Entity(org, "organization", [Mention(org, "organization", text.index(org), text.index(org) + len(org), 0, org)])]
    ten = Tenure(name, role, org, sentence=0, status="current")
    ext = Extraction(doc, [Sentence(0, 0, len(text), text)], ents, [ten], "en", "t")
    return LinkedExtraction(ext, {})


def test_unlinked_namesakes_merge_only_with_shared_context(db_path):
    db = store.open_db(db_path)
    store.save_extraction(db, _person_doc("a", "John Smith", "chief executive", "Acme"))
    store.save_extraction(db, _person_doc("b", "John Smith", "chief executive", "Acme"))
    store.save_extraction(db, _person_doc("c", "John Smith", "goalkeeper", "Harbour United"))
    people = sorted(store.iter_rows(db, "SELECT id, n_documents FROM persons"), key=lambda r: r["id"])
    assert people == [{"id": "person:john-smith", "n_documents": 2}, {"id": "person:john-smith~2", "n_documents": 1}]


def test_surname_alone_does_not_merge_across_documents(db_path):
    db = store.open_db(db_path)
    store.save_extraction(db, _person_doc("a", "Smith", "mayor", "Townsville"))
    store.save_extraction(db, _person_doc("b", "Smith", "mayor", "Townsville"))
    assert db.execute("SELECT count(*) FROM persons").fetchone()[0] == 2


def _named_person_doc(doc_id, name, birth=None, candidates=()):
    """A document mentioning one linked person (Q7) under ``name``, optionally with a birth date."""
    text = f"{name} spoke on Monday."
    doc = Document(id=doc_id, text=text, published="2025-01-01", content_hash=store.slug(text))
    person = Entity(name, "person", [Mention(name, "person", 0, len(name), 0, name, "PERSON")], birth_date=_dv(birth))
    ext = Extraction(doc, [Sentence(0, 0, len(text), text)], [person], [], "en", "t")
    link = Link(qid="Q7", score=0.8, method="exact", candidates=list(candidates))
    return LinkedExtraction(ext, {("person", name): link})


def test_entity_upsert_keeps_the_longest_name_and_a_known_birth_date(db_path):
    db = store.open_db(db_path)
    store.save_extraction(db, _named_person_doc("a", "Jane Q. Public", birth="1970-05-02"))
    store.save_extraction(db, _named_person_doc("b", "Jane Public"))  # shorter name, no birth date
    row = db["persons"].get("Q7")
    assert (row["name"], row["birth_date"], row["birth_precision"], row["n_documents"]) == (
        "Jane Q. Public", "1970-05-02", "day", 2)
    store.save_extraction(db, _named_person_doc("c", "Jane Quincy Public", birth="1970"))
    row = db["persons"].get("Q7")
    assert (row["name"], row["birth_date"], row["birth_precision"]) == ("Jane Quincy Public", "1970", "year")


def test_link_candidates_are_updated_not_duplicated(db_path):
    from kb.model import LinkCandidate

    db = store.open_db(db_path)
    store.save_extraction(db, _named_person_doc("a", "Jane Public", candidates=[LinkCandidate("Q7", "Jane", 0.5, "alias")]))
    store.save_extraction(db, _named_person_doc("b", "Jane Public", candidates=[
        LinkCandidate("Q7", "Jane Public", 0.9, "exact", {"prior": 1.0}), LinkCandidate("Q8", "J. Public", 0.2, "fuzzy")]))
    rows = table(db, "link_candidates")
    assert rows == [("person", "Q7", "Q7", "Jane Public", 0.9, "exact", '{"prior": 1.0}'),
                    ("person", "Q7", "Q8", "J. Public", 0.2, "fuzzy", None)]
