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
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Optional

import pytest
import yaml

from kb import serve as kb_serve
from kb.errors import DatabaseError, KbError
from kb.model import DateValue, Document, Entity, Extraction, Link, LinkedExtraction, Mention, Sentence, Span, Tenure
from kb.search import SEARCH_COLUMNS, enable_search, search_enabled
from kb.settings import REPO_ROOT
from kb.store import open_db, refresh_all_comparisons, save_extraction

pytestmark = pytest.mark.slow

# --------------------------------------------------------------------------------------------
# Fixture data: fictional entities, sentences written for these tests
# --------------------------------------------------------------------------------------------

PERSONS = {
    "Anna Berg": Link(qid="Q9000001", score=1.0, method="exact", label="Anna Berg", enwiki="Anna Berg"),
    "Piet Jansen": Link(qid="Q9000002", score=0.9, method="alias", label="Piet Jansen", enwiki="Piet Jansen (politician)"),
    "Lena Fischer": Link(qid="Q9000003", score=1.0, method="exact", label="Lena Fischer", enwiki="Lena Fischer"),
    "Karl Weber": Link(qid=None),
    "Mara Holm": Link(qid=None),
}
ORGS = {
    "Northern Alliance": Link(qid="Q9100001", score=1.0, method="exact", label="Northern Alliance"),
    "Nordallianz": Link(qid="Q9100001", score=0.9, method="alias", label="Northern Alliance"),
    "Veldonia": Link(qid="Q9100002", score=1.0, method="exact", label="Veldonia", enwiki="Veldonia"),
    "Veldonia Central Bank": Link(qid=None),
}
POSITIONS = {
    ("secretary general", "Northern Alliance"): Link(qid="Q9200001", label="secretary general of the Northern Alliance"),
    ("secretary general", "Nordallianz"): Link(qid="Q9200001", label="secretary general of the Northern Alliance"),
    ("prime minister", "Veldonia"): Link(qid="Q9200002", label="prime minister of Veldonia"),
}


def date(value: str) -> DateValue:
    return DateValue(value=value, precision={4: "year", 7: "month", 10: "day"}[len(value)])


def _spans(text: str, surface: str, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Word-bounded occurrences of ``surface`` not inside an already assigned mention."""
    found = []
    for m in re.finditer(rf"\b{re.escape(surface)}\b", text):
        if not any(s <= m.start() < e for s, e in taken):
            found.append((m.start(), m.end()))
            taken.append((m.start(), m.end()))
    return found


def make_doc(doc_id: str, published: str, lang: str, sentences: list[str],
             entities: dict[str, tuple[str, list[str]]], tenures: list[dict]) -> LinkedExtraction:
    """A LinkedExtraction with offsets computed from the text (sentences joined by spaces)."""
    text = " ".join(sentences)
    sents, pos = [], 0
    for i, s in enumerate(sentences):
        sents.append(Sentence(index=i, start=pos, end=pos + len(s), text=s, lang=lang))
        pos += len(s) + 1

    def sent_of(offset: int) -> int:
        return next(s.index for s in sents if s.start <= offset < s.end)

    taken: list[tuple[int, int]] = []
    ents = []
    for name, (etype, surfaces) in entities.items():
        mentions = [
            Mention(text=text[s:e], type=etype, start=s, end=e, sentence=sent_of(s), name=name,
                    label="PERSON" if etype == "person" else "ORG")
            for surface in sorted(surfaces, key=len, reverse=True)
            for s, e in _spans(text, surface, taken)
        ]
        ents.append(Entity(name=name, type=etype, mentions=mentions,
                           aliases=[x for x in surfaces if x != name]))
    tens = []
    for t in tenures:
        sentence = sents[t["sentence"]]
        role_at = text.index(t["role_text"], sentence.start)
        person_at = text.index(t["person_text"], sentence.start)
        tens.append(Tenure(
            person=t["person"], role=t["role"], org=t.get("org"),
            start=date(t["start"]) if t.get("start") else None,
            end=date(t["end"]) if t.get("end") else None,
            status=t["status"], sentence=sentence.index,
            person_span=Span(person_at, person_at + len(t["person_text"]), t["person_text"]),
            role_span=Span(role_at, role_at + len(t["role_text"]), t["role_text"]),
            extractor="test:handmade", confidence=t.get("confidence", 0.8), role_text=t["role_text"],
        ))
    doc = Document(id=doc_id, text=text, source=f"{doc_id}.txt", title=f"Story {doc_id}",
                   url=f"https://news.example.org/{doc_id}", published=published, lang=lang,
                   content_hash=f"hash-{doc_id}")
    ext = Extraction(document=doc, sentences=sents, entities=ents, tenures=tens, lang=lang, pipeline="test")
    links = {("person", n): PERSONS[n] for n, (t, _) in entities.items() if t == "person"}
    links.update({("organization", n): ORGS[n] for n, (t, _) in entities.items() if t == "organization"})
    pos_links = {(t.role, t.org): POSITIONS[(t.role, t.org)] for t in tens if (t.role, t.org) in POSITIONS}
    return LinkedExtraction(extraction=ext, entity_links=links, position_links=pos_links)


def fixture_documents() -> list[LinkedExtraction]:
    return [
        make_doc(
            "d1", "2024-10-02", "en",
            ["Anna Berg became secretary general of the Northern Alliance on 1 October 2024.",
             "Her predecessor Piet Jansen praised her.",
             "Jansen had led the alliance since 2014 and stepped down in October 2024."],
            {"Anna Berg": ("person", ["Anna Berg"]), "Piet Jansen": ("person", ["Piet Jansen", "Jansen"]),
             "Northern Alliance": ("organization", ["Northern Alliance"])},
            [dict(person="Anna Berg", person_text="Anna Berg", role="secretary general", role_text="secretary general",
                  org="Northern Alliance", start="2024-10-01", status="current", sentence=0),
             dict(person="Piet Jansen", person_text="Jansen", role="secretary general", role_text="led the alliance",
                  org="Northern Alliance", start="2014", end="2024-10", status="former", sentence=2)],
        ),
        make_doc(
            "d2", "2015-01-05", "en",
            ["Piet Jansen has been secretary general of the Northern Alliance since 2014.",
             "Prime Minister Karl Weber of Veldonia met him on Monday."],
            {"Piet Jansen": ("person", ["Piet Jansen"]), "Karl Weber": ("person", ["Karl Weber"]),
             "Northern Alliance": ("organization", ["Northern Alliance"]), "Veldonia": ("organization", ["Veldonia"])},
            [dict(person="Piet Jansen", person_text="Piet Jansen", role="secretary general", role_text="secretary general",
                  org="Northern Alliance", start="2014", status="current", sentence=0),
             dict(person="Karl Weber", person_text="Karl Weber", role="prime minister", role_text="Prime Minister",
                  org="Veldonia", status="current", sentence=1)],
        ),
        make_doc(
            "d3", "2025-02-01", "en",
            ["Lena Fischer served as prime minister of Veldonia from 2010 to 2024."],
            {"Lena Fischer": ("person", ["Lena Fischer"]), "Veldonia": ("organization", ["Veldonia"])},
            [dict(person="Lena Fischer", person_text="Lena Fischer", role="prime minister", role_text="prime minister",
                  org="Veldonia", start="2010", end="2024", status="former", sentence=0)],
        ),
        make_doc(
            "d4", "2025-03-01", "en",
            ["Former prime minister Lena Fischer of Veldonia recalled that she took office in 2011."],
            {"Lena Fischer": ("person", ["Lena Fischer"]), "Veldonia": ("organization", ["Veldonia"])},
            [dict(person="Lena Fischer", person_text="Lena Fischer", role="prime minister", role_text="prime minister",
                  org="Veldonia", start="2011", status="former", sentence=0)],
        ),
        make_doc(
            "d5", "2024-11-15", "de",
            ["Anna Berg ist seit Oktober 2024 Generalsekretärin der Nordallianz."],
            {"Anna Berg": ("person", ["Anna Berg"]), "Nordallianz": ("organization", ["Nordallianz"])},
            [dict(person="Anna Berg", person_text="Anna Berg", role="secretary general", role_text="Generalsekretärin",
                  org="Nordallianz", start="2024-10", status="current", sentence=0)],
        ),
        make_doc(
            "d6", "2024-11-01", "en",
            ["Mara Holm has chaired the Veldonia Central Bank since October 2024."],
            {"Mara Holm": ("person", ["Mara Holm"]), "Veldonia Central Bank": ("organization", ["Veldonia Central Bank"])},
            [dict(person="Mara Holm", person_text="Mara Holm", role="chair", role_text="chaired",
                  org="Veldonia Central Bank", start="2024-10", status="current", sentence=0)],
        ),
    ]


#: Reference P39 rows: Jansen open since 2014-10-01 (news: ended 2024-10), Fischer 2010-2024.
REF_CLAIMS = [
    {"qid": "Q9000002", "property": "P39", "value": "Q9200001", "start": "2014-10-01", "start_precision": "day"},
    {"qid": "Q9000003", "property": "P39", "value": "Q9200002", "start": "2010", "start_precision": "year",
     "end": "2024", "end_precision": "year"},
]


def build_fixture_db(path: Path) -> Path:
    """kb.db with the fixture documents, reference claims, views and search indexes."""
    db = open_db(path)
    for linked in fixture_documents():
        save_extraction(db, linked)
    with db.conn:
        db["ref_claims"].insert_all(REF_CLAIMS)
    refresh_all_comparisons(db)  # what a reference import does after loading its rows
    db.close()
    kb_serve.prepare(path)
    return path


# --------------------------------------------------------------------------------------------
# A real Datasette process
# --------------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def http_get(url: str, timeout: float = 10) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as resp:
            return resp.status, resp.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8")


@contextmanager
def running_datasette(db_path: Path, startup_seconds: float = 60) -> Iterator[str]:
    """Start datasette on a free loopback port, wait (bounded) until it answers, stop it after."""
    port = free_port()
    log_path = db_path.with_name(f"datasette-{port}.log")
    log = open(log_path, "w", encoding="utf-8")  # a file, not a pipe: a full pipe blocks the server
    proc = subprocess.Popen(kb_serve.datasette_args(db_path, port=port), stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + startup_seconds
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"datasette exited early: {log_path.read_text()}")
            try:
                if http_get(base + "/-/versions.json", timeout=2)[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("datasette did not answer in time")
            time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


@pytest.fixture(scope="module")
def kb_db(tmp_path_factory) -> Path:
    return build_fixture_db(tmp_path_factory.mktemp("serve") / "kb.db")


@pytest.fixture(scope="module")
def server(kb_db) -> Iterator[str]:
    with running_datasette(kb_db) as base:
        yield base


def get_json(base: str, path: str, **params: str):
    query = urllib.parse.urlencode({**params, "_shape": "array"})
    status, body = http_get(f"{base}{path}.json?{query}")
    assert status == 200, body
    return json.loads(body)


def canned(base: str, name: str, **params: str) -> list[dict]:
    return get_json(base, f"/kb/{name}", **params)


# --------------------------------------------------------------------------------------------
# metadata.yml
# --------------------------------------------------------------------------------------------


def load_metadata() -> dict:
    return yaml.safe_load((REPO_ROOT / "metadata.yml").read_text(encoding="utf-8"))


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

    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
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
