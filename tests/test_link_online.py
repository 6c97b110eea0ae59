"""Online mode against recorded replies in the APIs' real JSON format, mocked at the HTTP edge.

The Wikidata client runs over a real ``requests.Session`` whose transport adapter answers from
tests/fixtures/http; wikipedia-api runs over a real ``httpx.Client`` with a MockTransport. No
test touches the network.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlparse

import httpx
import pytest
import requests
from requests.adapters import BaseAdapter

from kb.errors import LinkError
from kb.link import Linker
from kb.link.wikidata import WikidataClient
from kb.link.wikipedia import WikipediaSummaries, enwiki_title
from kb.settings import Settings
from kb.store import open_db
from helpers.linking import person_extraction as _ext

HTTP = Path(__file__).parent / "fixtures" / "http"


class FixtureAdapter(BaseAdapter):
    """A requests transport answering Wikidata API calls from fixture files."""

    def __init__(self, fail_first: int = 0, status: int = 503):
        super().__init__()
        self.calls: list[str] = []
        self.fail_first = fail_first
        self.status = status

    def send(self, request, **kwargs):
        self.calls.append(request.url)
        resp = requests.Response()
        resp.request, resp.url = request, request.url
        if len(self.calls) <= self.fail_first:
            resp.status_code, resp._content = self.status, b"busy"
            resp.headers["Retry-After"] = "1"
            return resp
        q = {k: v[0] for k, v in parse_qs(urlparse(request.url).query).items()}
        if q.get("action") == "wbsearchentities":
            name = "mark_rutte" if q["search"] == "Mark Rutte" else "empty"
            body = (HTTP / f"wbsearchentities_{name}.json").read_bytes()
        elif q.get("action") == "wbgetentities":
            body = (HTTP / f"wbgetentities_{q['ids']}.json").read_bytes()
        else:
            resp.status_code, resp._content = 400, b"{}"
            return resp
        resp.status_code, resp._content = 200, body
        resp.headers["Content-Type"] = "application/json; charset=utf-8"
        resp.encoding = "utf-8"
        return resp

    def close(self):
        pass


def _client(db, adapter: FixtureAdapter, retries: int = 3) -> WikidataClient:
    session = requests.Session()
    session.mount("https://", adapter)
    return WikidataClient(db, Settings(http_retries=retries), session=session, backoff=0.0)


def test_online_links_a_name_the_reference_misses_and_caches(tmp_path):
    db = open_db(tmp_path / "kb.db")  # no reference data at all
    adapter = FixtureAdapter()
    linker = Linker(db, Settings(), online=True, client=_client(db, adapter))
    link = linker.link(_ext("Mark Rutte")).link_for("person", "Mark Rutte")
    assert link.qid == "Q57792"
    assert link.method == "online+exact"
    assert link.enwiki == "Mark Rutte" and link.description == "Dutch politician"
    assert len(adapter.calls) == 2  # one search, one wbgetentities
    # the fetched entity is now reference data: the next linker works offline
    assert Linker.from_db(db).link(_ext("Mark Rutte")).link_for("person", "Mark Rutte").qid == "Q57792"
    # the replies are cached in kb.db: a fresh client asks the network nothing
    again = FixtureAdapter()
    _client(db, again).fetch_into_reference("Mark Rutte")
    assert again.calls == []
    assert db.execute("SELECT count(*) FROM http_cache").fetchone()[0] == 2


def test_user_agent_is_descriptive(tmp_path):
    db = open_db(tmp_path / "kb.db")
    client = _client(db, FixtureAdapter())
    assert "kb/" in client.session.headers["User-Agent"]


def test_online_unknown_name_is_nil(tmp_path):
    db = open_db(tmp_path / "kb.db")
    adapter = FixtureAdapter()
    linker = Linker(db, Settings(), online=True, client=_client(db, adapter))
    assert linker.link(_ext("Zxqv Blorbington")).link_for("person", "Zxqv Blorbington").qid is None
    assert len(adapter.calls) == 1  # nothing to fetch after an empty search


def test_retries_with_backoff_then_succeeds(tmp_path):
    db = open_db(tmp_path / "kb.db")
    adapter = FixtureAdapter(fail_first=2)
    hits = _client(db, adapter, retries=3).search("Mark Rutte")
    assert hits[0]["id"] == "Q57792"
    assert len(adapter.calls) == 3


def test_gives_up_with_a_clear_error(tmp_path):
    db = open_db(tmp_path / "kb.db")
    adapter = FixtureAdapter(fail_first=10)
    with pytest.raises(LinkError, match="unreachable after 3 attempts"):
        _client(db, adapter, retries=2).search("Mark Rutte")
    assert db.execute("SELECT count(*) FROM http_cache").fetchone()[0] == 0  # failures not cached


def test_offline_linker_never_calls_the_network(tmp_path):
    db = open_db(tmp_path / "kb.db")
    adapter = FixtureAdapter()
    linker = Linker(db, Settings(), online=False, client=_client(db, adapter))
    assert linker.link(_ext("Mark Rutte")).link_for("person", "Mark Rutte").qid is None
    assert adapter.calls == []


def _wiki_transport(calls: list[str]) -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(str(request.url))
        title = request.url.params.get("titles")
        name = "mark_rutte" if title == "Mark Rutte" else "missing"
        return httpx.Response(200, content=(HTTP / f"wikipedia_extracts_{name}.json").read_bytes(),
                              headers={"Content-Type": "application/json"})

    return httpx.MockTransport(handler)


def test_wikipedia_summary_via_wikipedia_api_and_cache(tmp_path):
    db = open_db(tmp_path / "kb.db")
    calls: list[str] = []
    wiki = WikipediaSummaries(db, Settings(), transport=_wiki_transport(calls))
    text = wiki.summary("Mark Rutte")
    assert text.startswith("Mark Rutte is a Dutch politician") and "Early life" not in text
    n = len(calls)
    assert n >= 1
    assert WikipediaSummaries(db, Settings(), transport=_wiki_transport(calls)).summary("Mark Rutte") == text
    assert len(calls) == n  # served from http_cache
    assert wiki.summary("No Such Page Here") is None


def test_enwiki_title_from_reference(tmp_path):
    from kb.link.reference import import_reference

    db = open_db(tmp_path / "kb.db")
    import_reference(db, [Path(__file__).parent / "fixtures" / "reference" / "mini.jsonl"])
    assert enwiki_title(db, "Q57792") == "Mark Rutte"
    assert enwiki_title(db, "Q7184") is None
