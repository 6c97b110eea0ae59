"""QuickStatements export of tenures the reference lacks, on a store-built database."""

from kb import store
from kb.export import iter_quickstatements, qs_time
from kb.model import DateValue, Document, Entity, Extraction, Link, LinkedExtraction, Mention, Sentence, Tenure


def _save(db, doc_id, role, pos_qid, start, url="https://news.example/a"):
    text = f"Ann Example became {role} of Norland in 2021."
    doc = Document(id=doc_id, text=text, url=url, published="2025-02-01", content_hash=doc_id)
    ents = [Entity("Ann Example", "person", [Mention("Ann Example", "person", 0, 11, 0, "Ann Example")]),
            Entity("Norland", "organization", [Mention("Norland", "organization", text.index("Norland"), text.index("Norland") + 7, 0, "Norland")])]
    ten = Tenure("Ann Example", role, "Norland", start=DateValue(start, "year") if start else None, status="current", sentence=0)
    ext = Extraction(doc, [Sentence(0, 0, len(text), text)], ents, [ten], "en", "t")
    store.save_extraction(db, LinkedExtraction(
        ext,
        {("person", "Ann Example"): Link("Q1"), ("organization", "Norland"): Link("Q2")},
        {(role, "Norland"): Link(pos_qid, label=f"{role} of Norland")},
    ))


def test_qs_time_precisions():
    assert qs_time("2024") == "+2024-00-00T00:00:00Z/9"
    assert qs_time("2024-10") == "+2024-10-00T00:00:00Z/10"
    assert qs_time("2024-10-01") == "+2024-10-01T00:00:00Z/11"


def test_only_tenures_missing_in_reference_are_written(db_path):
    db = store.open_db(db_path)
    _save(db, "a", "prime minister", "Q100", "2021")
    _save(db, "b", "finance minister", "Q200", "2019")
    _save(db, "c", "mayor", None, "2018")  # no position item: cannot be a P39 statement
    db["ref_claims"].insert({"qid": "Q1", "property": "P39", "value": "Q200", "start": "2019", "start_precision": "year"})
    store.refresh_all_comparisons(db)  # as a reference import does
    lines = list(iter_quickstatements(db))
    assert len(lines) == 1
    cols = lines[0].split("\t")
    assert cols[:5] == ["Q1", "P39", "Q100", "P580", "+2021-00-00T00:00:00Z/9"]
    assert 'S854\t"https://news.example/a"' in lines[0]
    assert 'S1683\ten:"Ann Example became prime minister of Norland in 2021."' in lines[0]
    assert "S577\t+2025-02-01T00:00:00Z/11" in lines[0]


def test_new_tenures_without_a_position_item_are_listed_as_needing_one(db_path, tmp_path):
    from kb.export import iter_needs_position, quickstatements_to_file

    db = store.open_db(db_path)
    _save(db, "a", "prime minister", "Q100", "2021")
    _save(db, "c", "mayor", None, "2018")
    (row,) = list(iter_needs_position(db))
    assert (row["person_qid"], row["role"], row["organization"], row["start"], row["needed"]) == (
        "Q1", "mayor", "Norland", "2018", "position item needed")
    assert row["sentence"] == "Ann Example became mayor of Norland in 2021." and row["url"] == "https://news.example/a"
    qs, csv_path = tmp_path / "new.qs", tmp_path / "needs.csv"
    assert quickstatements_to_file(db, qs, csv_path) == (1, 1)
    assert qs.read_text().startswith("Q1\tP39\tQ100\t") and "mayor" in csv_path.read_text()


def test_facts_list_a_tenure_organisation_that_no_mention_names(db_path):
    """A post's organisation found inside a role compound has no organisation mention; the
    document's organisation list still carries it, once, next to the mentioned ones."""
    from kb.export.facts import document_facts

    text = "Lena Beispiel ist seit 2020 Norpartei-Chefin und lobt die Firma Westwerk."
    doc = Document(id="d", text=text, url="https://news.example/d", published="2025-02-01", content_hash="d")
    start = text.index("Westwerk")
    ents = [Entity("Lena Beispiel", "person", [Mention("Lena Beispiel", "person", 0, 13, 0, "Lena Beispiel")]),
            Entity("Westwerk", "organization", [Mention("Westwerk", "organization", start, start + 8, 0, "Westwerk")]),
            Entity("Norpartei", "organization", [])]  # as the role rules add it: no mention
    tens = [Tenure("Lena Beispiel", "party leader", "Norpartei", status="current", sentence=0),
            Tenure("Lena Beispiel", "chair", "Norpartei", status="current", sentence=0)]
    ext = Extraction(doc, [Sentence(0, 0, len(text), text)], ents, tens, "de", "t")
    db = store.open_db(db_path)
    store.save_extraction(db, LinkedExtraction(ext, {("organization", "Norpartei"): Link("Q7")}, {}))
    facts = document_facts(db, "d")
    assert [(o["name"], o["qid"]) for o in facts["organizations"]] == [("Westwerk", None), ("Norpartei", "Q7")]
    assert {t["org"] for t in facts["tenures"]} == {"Norpartei"}
