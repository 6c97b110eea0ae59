"""kb serve: a real Datasette process on a real kb.db built with kb's own store code.

The fixture database is written by ``kb.store.save_extraction`` from ``kb.model`` dataclasses
(fictional people, organisations and QIDs in sentences written for these tests), then served by
``datasette`` started from ``kb.serve.datasette_args`` on a free loopback port, and queried over
HTTP: table pages, every canned query with parameters, the JSON API and full-text search.
"""

from __future__ import annotations

import json
import re
import socket
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Iterator

import pytest
import yaml

from kb import serve as kb_serve
from kb.errors import DatabaseError, KbError
from kb.search import SEARCH_COLUMNS, enable_search, search_enabled
from kb.settings import REPO_ROOT
from kb.store import open_db, refresh_all_comparisons, save_extraction
from helpers.serving import (
    build_fixture_db, canned, fixture_documents, free_port, get_json, http_get, load_metadata, running_datasette,
)

pytestmark = pytest.mark.slow

# --------------------------------------------------------------------------------------------
# Fixture data: fictional entities, sentences written for these tests
# --------------------------------------------------------------------------------------------


# --------------------------------------------------------------------------------------------
# A real Datasette process
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def kb_db(tmp_path_factory) -> Path:
    return build_fixture_db(tmp_path_factory.mktemp("serve") / "kb.db")


@pytest.fixture(scope="module")
def server(kb_db) -> Iterator[str]:
    with running_datasette(kb_db) as base:
        yield base


# --------------------------------------------------------------------------------------------
# metadata.yml
# --------------------------------------------------------------------------------------------


def test_packaged_metadata_is_identical_to_repo_copy():
    assert (REPO_ROOT / "kb" / "metadata.yml").read_bytes() == (REPO_ROOT / "metadata.yml").read_bytes()


def test_every_table_view_and_column_is_described(kb_db):
    meta = load_metadata()["databases"]["kb"]["tables"]
    db = open_db(kb_db, create=False)
    shadow = ("_fts_data", "_fts_idx", "_fts_docsize", "_fts_config")
    missing = []
    for name in db.table_names() + db.view_names():
        if name.endswith(shadow):
            continue
        table = meta.get(name) or {}
        if not table.get("description"):
            missing.append(name)
        cols = table.get("columns") or {}
        missing += [f"{name}.{c.name}" for c in db[name].columns if not cols.get(c.name)]
    assert missing == []
    stale = [f"{t}.{c}" for t, v in meta.items() for c in (v.get("columns") or {})
             if t in db.table_names() + db.view_names() and c not in {x.name for x in db[t].columns}]
    assert stale == []


def test_metadata_has_licence_source_and_enough_canned_queries():
    meta = load_metadata()
    assert "CC0" in meta["license"] and "CC BY-NC" in meta["license"]
    assert meta["source"] and meta["title"]
    queries = meta["databases"]["kb"]["queries"]
    assert len(queries) >= 8
    for name, q in queries.items():
        assert re.search(r":\w+", q["sql"]), f"{name} has no named parameter"
        assert not q.get("write"), "canned queries must stay read-only"
    tables = meta["databases"]["kb"]["tables"]
    for t in ("persons", "organizations", "positions"):
        assert tables[t]["label_column"]


def test_metadata_for_other_database_name_renames_the_key(tmp_path):
    path = kb_serve.metadata_for(tmp_path / "news.db")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert "news" in data["databases"] and "kb" not in data["databases"]
    assert data["databases"]["news"]["queries"].keys() == load_metadata()["databases"]["kb"]["queries"].keys()
    assert kb_serve.metadata_for(tmp_path / "kb.db") == kb_serve.metadata_path()


# --------------------------------------------------------------------------------------------
# serve(): argv, errors, preparation
# --------------------------------------------------------------------------------------------


def test_datasette_args_are_read_only_mutable_and_load_metadata_and_plugin(tmp_path):
    args = kb_serve.datasette_args(tmp_path / "kb.db", port=8123)
    assert "serve" in args and "-i" not in args and "--immutable" not in args
    assert args[args.index("--port") + 1] == "8123"
    assert args[args.index("--host") + 1] == "127.0.0.1"
    assert Path(args[args.index("--metadata") + 1]).is_file()
    assert kb_serve.plugin_registered() or "--plugins-dir" in args


def test_serve_missing_db_raises_with_fix(tmp_path):
    with pytest.raises(DatabaseError, match="kb build"):
        kb_serve.serve(tmp_path / "nope.db", port=free_port())


def test_serve_refuses_a_non_kb_sqlite_file(tmp_path):
    import sqlite3

    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE x (y)").connection.commit()
    with pytest.raises(DatabaseError, match="not a kb database"):
        kb_serve.serve(other, port=free_port())


def test_serve_refuses_a_busy_port(kb_db):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        with pytest.raises(KbError, match="--port"):
            kb_serve.serve(kb_db, port=sock.getsockname()[1])


def test_enable_search_is_idempotent_and_follows_writes(tmp_path):
    db = open_db(tmp_path / "kb.db")
    enable_search(db)
    enable_search(db)
    assert search_enabled(db)
    assert all(db[t].detect_fts() == f"{t}_fts" for t in SEARCH_COLUMNS)
    save_extraction(db, fixture_documents()[2])
    hits = db.execute("SELECT rowid FROM persons_fts WHERE persons_fts MATCH 'fischer'").fetchall()
    assert len(hits) == 1
    hits = db.execute("SELECT rowid FROM documents_fts WHERE documents_fts MATCH 'veldonia'").fetchall()
    assert len(hits) == 1


# --------------------------------------------------------------------------------------------
# Over HTTP
# --------------------------------------------------------------------------------------------


def test_plugin_is_loaded(server):
    status, body = http_get(server + "/-/plugins.json")
    assert status == 200
    assert any("kb" in p["name"] and "render_cell" in p["hooks"] for p in json.loads(body))


def test_table_pages_render_with_descriptions(server):
    for table in ("documents", "sentences", "persons", "organizations", "positions", "mentions",
                  "tenures", "evidence", "tenure_details", "news_vs_reference", "tenure_conflicts"):
        status, body = http_get(f"{server}/kb/{table}")
        assert status == 200, table
    status, body = http_get(f"{server}/kb/persons")
    assert "merged across documents" in body


def test_person_row_page_links_to_wikidata_and_wikipedia(server):
    status, body = http_get(f"{server}/kb/persons/Q9000002")
    assert status == 200
    assert 'href="https://www.wikidata.org/wiki/Q9000002"' in body
    assert 'href="https://en.wikipedia.org/wiki/Piet_Jansen_(politician)"' in body


def test_evidence_links_to_document_and_sentence(server):
    status, body = http_get(f"{server}/kb/evidence")
    assert status == 200
    assert 'href="/kb/sentences/d1~3A0"' in body
    assert 'href="/kb/documents/d1"' in body


def test_json_api_rows_and_facets(server):
    persons = get_json(server, "/kb/persons")
    assert {p["name"] for p in persons} == {"Anna Berg", "Piet Jansen", "Lena Fischer", "Karl Weber", "Mara Holm"}
    status, body = http_get(f"{server}/kb/tenures.json?_facet=status")
    facets = json.loads(body)["facet_results"]["status"]["results"]
    assert {f["value"] for f in facets} == {"current", "former"}


def test_full_text_search(server):
    assert [p["id"] for p in get_json(server, "/kb/persons", _search="berg")] == ["Q9000001"]
    docs = {d["id"] for d in get_json(server, "/kb/documents", _search="Veldonia")}
    assert docs == {"d2", "d3", "d4", "d6"}
    orgs = get_json(server, "/kb/organizations", _search="alliance")
    assert [o["id"] for o in orgs] == ["Q9100001"]


def test_web_cannot_write(server, kb_db):
    status, _ = http_get(f"{server}/kb.json?" + urllib.parse.urlencode({"sql": "DELETE FROM persons"}))
    assert status >= 400
    assert len(get_json(server, "/kb/persons")) == 5


def test_current_holders(server):
    rows = canned(server, "current_holders", position="secretary general")
    assert rows[0]["person"] == "Anna Berg" and rows[0]["status_as_of"] == "2024-11-15"
    assert "Lena Fischer" not in {r["person"] for r in rows}
    assert canned(server, "current_holders", position="Q9200002")[0]["person"] == "Karl Weber"
    assert canned(server, "current_holders", position="") == []


def test_person_timeline(server):
    rows = canned(server, "person_timeline", person="Lena Fischer")
    assert [(r["start"], r["end"]) for r in rows] == [("2010", "2024"), ("2011", None)]
    assert rows[0]["example_sentence"].startswith("Lena Fischer served")
    assert {r["start"] for r in canned(server, "person_timeline", person="Q9000002")} == {"2014"}
    assert {r["person"] for r in canned(server, "person_timeline", person="jansen")} == {"Piet Jansen"}


def test_who_held_on_date_respects_precision(server):
    rows = canned(server, "who_held_on_date", position="prime minister of Veldonia", date="2015-01-01")
    by_person = {(r["person"], r["start"]): r["certainty"] for r in rows}
    assert by_person[("Lena Fischer", "2010")] == "certain"
    assert by_person[("Karl Weber", None)] == "possible: start unknown"
    rows = canned(server, "who_held_on_date", position="secretary general", date="2020-06-01")
    certain = {r["person"] for r in rows if r["certainty"] == "certain"}
    assert certain == {"Piet Jansen"} and "Anna Berg" not in {r["person"] for r in rows}
    rows = canned(server, "who_held_on_date", position="secretary general", date="2024-10-01")
    assert "certain" in {r["certainty"] for r in rows if r["person"] == "Anna Berg"}
    # "since October 2024", called current in an article of 2024-11-01
    def holm(day: str) -> list[str]:
        return [r["certainty"] for r in canned(server, "who_held_on_date", position="chair", date=day)]
    assert holm("2024-09-30") == []
    assert holm("2024-10-20") == ["within date precision"]
    assert holm("2024-11-01") == ["certain"]
    assert holm("2024-12-01") == ["possible: end unknown"]
    rows = canned(server, "who_held_on_date", position="prime minister", date="2030-01-01")
    assert "Lena Fischer" not in {r["person"] for r in rows}


def test_who_held_on_date_without_position_covers_every_post(kb_db):
    """Empty position: the best-attested tenures of any post (one page, walked on the evidence
    index), ranked by certainty; on a small database exactly the union over all posts."""
    import sqlite3

    conn = sqlite3.connect(f"file:{kb_db}?mode=ro", uri=True)
    posts = [r[0] for r in conn.execute("SELECT id FROM positions")]
    conn.close()
    for day in ("2012", "2015-01-01", "2024-10-20", "2030"):
        every = run_canned(kb_db, "who_held_on_date", position="", date=day)
        per_post = [r for post in posts for r in run_canned(kb_db, "who_held_on_date", position=post, date=day)]
        assert sorted(every) == sorted(per_post), day
        ranks = ["certain", "within date precision"]
        order = [ranks.index(r[9]) if r[9] in ranks else 2 for r in every]
        assert order == sorted(order), day
    names = {r[1] for r in run_canned(kb_db, "who_held_on_date", position="", date="2015-01-01")}
    assert {"Piet Jansen", "Lena Fischer"} <= names and "Anna Berg" not in names


def test_organization_people(server):
    rows = canned(server, "organization_people", organization="Northern Alliance")
    assert {r["person"] for r in rows} == {"Anna Berg", "Piet Jansen"}
    assert canned(server, "organization_people", organization="Q9100002")[0]["roles"] == "prime minister"


def test_documents_mentioning_person_with_evidence_sentences(server):
    rows = canned(server, "documents_mentioning_person", person="Piet Jansen")
    assert [r["document_id"] for r in rows][:1] == ["d1"] and {r["document_id"] for r in rows} == {"d1", "d2"}
    led = next(r for r in rows if r["sentence"].startswith("Jansen had led"))
    assert led["evidence_ids"] == "d1:1" and led["mentioned_as"] == "Jansen"


def test_co_mentioned_persons(server):
    rows = canned(server, "co_mentioned_persons", person="Piet Jansen")
    assert {r["person"]: r["shared_documents"] for r in rows} == {"Anna Berg": 1, "Karl Weber": 1}


def test_news_vs_reference(server):
    rows = canned(server, "news_vs_reference", category="", person="")
    got = {(r["person"], r["news_start"], r["news_end"], r["category"], r["reason"]) for r in rows}
    assert ("Piet Jansen", "2014", "2024-10", "the news adds a date", "end 2024-10 (the reference has none)") in got
    assert ("Lena Fischer", "2010", "2024", "agrees", None) in got
    assert ("Lena Fischer", "2011", None, "contradicts", "start: the news says 2011, the reference 2010") in got
    assert {r["category"] for r in rows if r["person"] == "Anna Berg"} == {"new in the news"}
    assert "Karl Weber" not in {r["person"] for r in rows}  # not linked: nothing to compare
    assert len(rows) == len({r["tenure_id"] for r in rows})  # one row per tenure
    assert all(r["sentence"] and r["document_id"] for r in rows)  # each with its evidence
    only = canned(server, "news_vs_reference", category="agrees", person="Q9000003")
    assert [(r["news_start"], r["news_end"]) for r in only] == [("2010", "2024")]


def test_tenure_conflicts(server):
    rows = canned(server, "tenure_conflicts", person="")
    assert [(r["person"], r["conflict"]) for r in rows] == [("Lena Fischer", "start")]
    assert {rows[0]["a_documents"], rows[0]["b_documents"]} == {"d3", "d4"}
    # Anna Berg's "2024-10-01" and "2024-10" agree (prefix); Jansen's two claims agree on start
    assert canned(server, "tenure_conflicts", person="Anna Berg") == []


def run_canned(db_path: Path, name: str, **params: str) -> list[tuple]:
    """A canned query run by SQLite directly (read-only), for comparisons with the views."""
    import sqlite3

    from kb.query_words import register_functions

    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    register_functions(conn)  # as kb's Datasette plugin does on every connection
    try:
        return conn.execute(load_metadata()["databases"]["kb"]["queries"][name]["sql"], params).fetchall()
    finally:
        conn.close()


def test_news_vs_reference_query_agrees_with_the_view_when_a_second_reference_term_confirms(tmp_path):
    """The canned query computes the view's rules itself (person first, for speed); with two P39
    rows for one post, a tenure one of them confirms shows only as confirmed, in both."""
    db_path = build_fixture_db(tmp_path / "kb.db")
    db = open_db(db_path)
    with db.conn:  # a second term 2011-2024 in the reference: confirms Fischer's "since 2011"
        db["ref_claims"].insert({"qid": "Q9000003", "property": "P39", "value": "Q9200002",
                                 "start": "2011", "start_precision": "year", "end": "2024", "end_precision": "year"})
    refresh_all_comparisons(db)
    db.close()
    import sqlite3

    conn = sqlite3.connect(str(db_path))
    view = conn.execute("SELECT * FROM news_vs_reference").fetchall()
    conn.close()
    canned_rows = run_canned(db_path, "news_vs_reference", category="", person="")
    assert sorted(map(repr, canned_rows)) == sorted(map(repr, view))
    fischer = {(r[12], r[13], r[0]) for r in canned_rows if r[4] == "Lena Fischer"}
    assert fischer == {("2010", "2024", "agrees"), ("2011", None, "agrees")}
    assert run_canned(db_path, "news_vs_reference", category="contradicts", person="Fischer") == []


def test_tenure_conflicts_query_agrees_with_the_view(kb_db):
    view_sql = "SELECT * FROM tenure_conflicts"
    import sqlite3

    conn = sqlite3.connect(f"file:{kb_db}?mode=ro", uri=True)
    view = conn.execute(view_sql).fetchall()
    conn.close()
    assert view and sorted(map(repr, run_canned(kb_db, "tenure_conflicts", person=""))) == sorted(map(repr, view))


def test_status_as_of(server):
    rows = canned(server, "status_as_of", date="2015-01-01", person="", position="")
    status = {(r["person"], r["start"], r["end"]): r["status_on_date"] for r in rows}
    assert status[("Anna Berg", "2024-10-01", None)] == "not yet"
    assert status[("Lena Fischer", "2010", "2024")] == "current"
    assert status[("Piet Jansen", "2014", "2024-10")] == "current"
    later = canned(server, "status_as_of", date="2025", person="Piet", position="")
    assert ("2024-10", "former") in {(r["end"], r["status_on_date"]) for r in later}
    precise = canned(server, "status_as_of", date="2024-06-01", person="Lena Fischer", position="Veldonia")
    row = next(r for r in precise if r["start"] == "2010")
    assert row["status_on_date"] == "current" and row["note"] == "within date precision"


def test_search_names_finds_names_and_aliases(server):
    rows = canned(server, "search_names", q="Jansen")
    matched = {(r["person_id"], r["matched_on"]) for r in rows}
    assert ("Q9000002", "name") in matched and ("Q9000002", "alias: Jansen") in matched
    assert {r["type"] for r in canned(server, "search_names", q="northern alliance")} >= {"organization", "position"}
    assert canned(server, "search_names", q='"') == []


def test_every_canned_query_answers_over_http(server):
    params = {"position": "secretary general", "person": "Anna Berg", "organization": "Veldonia",
              "date": "2020-01-01", "category": "", "q": "Berg"}
    for name, query in load_metadata()["databases"]["kb"]["queries"].items():
        names = set(re.findall(r"(?<!:):(\w+)", query["sql"]))
        status, body = http_get(f"{server}/kb/{name}.json?" + urllib.parse.urlencode({k: params[k] for k in names}))
        assert status == 200, (name, body)
        assert json.loads(body).get("ok", True), (name, body)
        status, _ = http_get(f"{server}/kb/{name}")
        assert status == 200, name


# --------------------------------------------------------------------------------------------
# The link plugin's rules, cell by cell (Datasette's URL builder, no server)
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def ds(kb_db):
    from datasette.app import Datasette

    return Datasette([str(kb_db)])


def test_render_link_rules(ds):
    from kb.datasette_plugin import render_link

    def cell(value, column, table=None, row=None):
        out = render_link(row or {}, value, column, table, "kb", ds)
        return None if out is None else str(out)

    assert cell("Q42", "person_qid") == '<a href="https://www.wikidata.org/wiki/Q42" title="Wikidata">Q42</a>'
    assert cell("Q42", "value", "ref_claims").startswith('<a href="https://www.wikidata.org/wiki/Q42"')
    assert cell("Q42", "label") is None  # a label that looks like a QID is not a QID column
    assert cell("Q42x", "qid") is None
    assert "https://en.wikipedia.org/wiki/A_%26_B" in cell("A & B", "wikipedia_title")
    assert cell("d1:0", "sentence_id") == '<a href="/kb/sentences/d1~3A0">d1:0</a>'
    assert cell("d1:0", "sentence_id", "evidence") is None  # a declared foreign key: Datasette links it
    assert cell("d1", "id", "documents") is None
    assert cell("a,b", "a_documents") == '<a href="/kb/documents/a">a</a>, <a href="/kb/documents/b">b</a>'
    assert cell("Q7", "entity_id", "mentions", {"entity_type": "organization"}) == '<a href="/kb/organizations/Q7">Q7</a>'
    assert cell("<b>", "person_id") == '<a href="/kb/persons/~3Cb~3E">&lt;b&gt;</a>'
    assert cell(None, "qid") is None and cell(3, "person_id") is None
