"""A person page as a browser renders it: Debian's chromium, headless, against a real datasette.

Skipped when /usr/bin/chromium is absent (``apt-get install -y chromium``; .ci/run installs it).
"""

from __future__ import annotations

import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from helpers.chromium import CHROMIUM, skip_without_chromium
from helpers.serving import build_fixture_db, running_datasette

pytestmark = pytest.mark.slow


class Links(HTMLParser):
    """Collect (href, text) of every anchor in the rendered DOM."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self._href: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self._href = dict(attrs).get("href") or ""
            self._text = []

    def handle_data(self, data):
        if self._href is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "a" and self._href is not None:
            self.links.append((self._href, "".join(self._text).strip()))
            self._href = None


def dump_dom(url: str, profile: Path) -> str:
    """The DOM after chromium ran the page's scripts (bounded by a timeout)."""
    args = [
        str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
        f"--user-data-dir={profile}", "--dump-dom", url,
    ]
    done = subprocess.run(args, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@pytest.fixture(scope="module")
def browser_server(tmp_path_factory):
    skip_without_chromium()
    db = build_fixture_db(tmp_path_factory.mktemp("browser") / "kb.db")
    with running_datasette(db) as base:
        yield base


def test_person_page_shows_clickable_wikidata_and_wikipedia_links(browser_server, tmp_path):
    parser = Links()
    parser.feed(dump_dom(f"{browser_server}/kb/persons/Q9000002", tmp_path / "profile"))
    links = set(parser.links)
    assert ("https://www.wikidata.org/wiki/Q9000002", "Q9000002") in links
    assert ("https://en.wikipedia.org/wiki/Piet_Jansen_(politician)", "Piet Jansen (politician)") in links
    # the page lists the tenures pointing at this person: a link to the tenures table
    assert any(href.startswith("/kb/tenures?person_id=Q9000002") for href, _ in parser.links)


def test_timeline_query_links_evidence_to_its_row(browser_server, tmp_path):
    parser = Links()
    parser.feed(dump_dom(f"{browser_server}/kb/person_timeline?person=Piet+Jansen", tmp_path / "profile"))
    hrefs = {href for href, _ in parser.links}
    assert "/kb/persons/Q9000002" in hrefs
    assert "/kb/positions/Q9200001" in hrefs
    assert any(h.startswith("/kb/evidence/d") for h in hrefs)
    assert any(h.startswith("/kb/tenures/t") for h in hrefs)
