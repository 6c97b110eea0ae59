"""The shared test helpers check themselves: corpora are stable and orphan checks can fail."""

from helpers.corpus import news_text, orphans


def test_news_texts_differ_and_are_stable():
    assert news_text(3) == news_text(3)
    assert len({news_text(i) for i in range(300)}) == 300


def test_orphan_checks_see_a_dangling_row(tmp_path):
    from kb import store

    db = store.open_db(tmp_path / "kb.db")
    assert not any(orphans(tmp_path / "kb.db").values())
    with db.conn:
        db.execute("INSERT INTO sentences (id, document_id, idx, start, \"end\") VALUES ('x:0', 'x', 0, 0, 1)")
    assert orphans(tmp_path / "kb.db")["sentences without document"] == 1
