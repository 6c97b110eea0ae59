"""kb's pages as headless chromium renders them (DevTools protocol over a pipe, tests/chromium.py).

Each page is loaded from a real datasette on the test_pages fixture database, checked in the
rendered DOM, checked for console errors and uncaught exceptions, and screenshotted. The
screenshots are kept as test artefacts in $KB_TEST_ARTEFACTS (default: the test's tmp_path).
Skipped when /usr/bin/chromium is absent (``apt-get install -y chromium``).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from helpers.chromium import Browser, skip_without_chromium
from helpers.serving import build_pages_db, running_datasette

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    skip_without_chromium()
    db = build_pages_db(tmp_path_factory.mktemp("pages-browser") / "kb.db")
    with running_datasette(db) as url:
        yield url


@pytest.fixture(scope="module")
def browser(base, tmp_path_factory):
    with Browser(tmp_path_factory.mktemp("chromium-profile")) as b:
        yield b


@pytest.fixture
def artefacts(tmp_path) -> Path:
    folder = Path(os.environ.get("KB_TEST_ARTEFACTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def load(browser: Browser, url: str) -> None:
    browser.errors.clear()
    browser.goto(url)


def no_errors(browser: Browser) -> None:
    browser.drain()
    assert browser.errors == []


def test_home_page_shows_the_questions_first(base, browser, artefacts):
    load(browser, base + "/")
    texts = browser.evaluate("[...document.querySelectorAll('.kb-questions li > a:first-child')].map(a => a.textContent)")
    assert texts == ["Who holds a post now?", "What posts has a person held?", "Who held a post on a date?",
                     "Who holds posts in an organisation?"]
    # the questions sit above the description and the database list
    top = browser.evaluate("document.querySelector('.kb-questions').getBoundingClientRect().top")
    assert top < browser.evaluate("[...document.querySelectorAll('h2')].find(h => h.textContent.trim() === 'kb').getBoundingClientRect().top")
    browser.screenshot(artefacts / "home.png")
    no_errors(browser)


def test_canned_query_with_user_wording_renders_rows(base, browser, artefacts):
    load(browser, base + "/kb/current_holders?position=Northern+Alliance%27s+secretary-general")
    cells = browser.evaluate("[...document.querySelectorAll('td.col-person')].map(td => td.textContent.trim())")
    assert cells == ["Anna Berg"]
    browser.screenshot(artefacts / "current_holders.png")
    no_errors(browser)


def test_person_page_timeline_and_marks(base, browser, artefacts):
    load(browser, base + "/kb/persons/Q9000003")
    bars = browser.evaluate("[...document.querySelectorAll('.kb-bar')].map(b => b.getBoundingClientRect().width)")
    assert len(bars) == 2 and all(w > 5 for w in bars)
    marks = browser.evaluate("[...document.querySelectorAll('.kb-sentence mark')].map(m => m.className + ':' + m.textContent)")
    assert "kb-person:Lena Fischer" in marks and "kb-role:prime minister" in marks
    browser.screenshot(artefacts / "person.png")
    no_errors(browser)


def test_organization_page(base, browser, artefacts):
    load(browser, base + "/kb/organizations/Q9100001")
    names = browser.evaluate("[...document.querySelectorAll('.kb-holders td a')].map(a => a.textContent)")
    assert {"Anna Berg", "Piet Jansen"} <= set(names)
    browser.screenshot(artefacts / "organization.png")
    no_errors(browser)


def shown_labels(browser: Browser) -> set[str]:
    return set(browser.evaluate("window.kbNetwork.cy.nodes().not('.kb-hidden').map(n => n.data('label'))"))


def move_slider(browser: Browser, year: int) -> None:
    browser.evaluate(f"(() => {{ const s = document.getElementById('kb-year'); s.value = '{year}';"
                     " s.dispatchEvent(new Event('input')); })()")
    browser.wait_for(f"document.getElementById('kb-network').dataset.year === '{year}'")


def test_network_page_draws_and_the_slider_filters_by_year(base, browser, artefacts):
    load(browser, base + "/-/kb/network?person=Q9000002")
    browser.wait_for("document.getElementById('kb-network').dataset.ready === '1'")
    state = browser.evaluate("Object.assign({}, document.getElementById('kb-network').dataset)")
    assert state["year"] == "all" and int(state["nodes"]) >= 4 and int(state["edges"]) >= 3
    assert browser.evaluate("document.querySelectorAll('#kb-network canvas').length") > 0
    assert {"Piet Jansen", "Anna Berg", "Northern Alliance"} <= shown_labels(browser)
    browser.screenshot(artefacts / "network.png")

    assert browser.evaluate("[document.getElementById('kb-year').min, document.getElementById('kb-year').max]") == ["2014", "2024"]
    move_slider(browser, 2016)
    in_2016 = shown_labels(browser)
    assert "Piet Jansen" in in_2016 and "Anna Berg" not in in_2016
    nodes_2016 = int(browser.evaluate("document.getElementById('kb-network').dataset.nodes"))
    assert nodes_2016 == len(in_2016) < int(state["nodes"])
    browser.screenshot(artefacts / "network-2016.png")

    move_slider(browser, 2024)
    assert {"Piet Jansen", "Anna Berg"} <= shown_labels(browser)
    no_errors(browser)


def test_network_page_of_an_organisation_and_of_nobody(base, browser, artefacts):
    load(browser, base + "/-/kb/network?org=Q9100002")
    browser.wait_for("document.getElementById('kb-network').dataset.ready === '1'")
    assert {"Lena Fischer", "Karl Weber", "Ines Dahl"} <= shown_labels(browser)
    browser.screenshot(artefacts / "network-org.png")
    no_errors(browser)
    load(browser, base + "/-/kb/network")
    browser.wait_for("document.getElementById('kb-network').dataset.ready === '1'")
    assert "Give a person" in browser.evaluate("document.getElementById('kb-network-status').textContent")
    no_errors(browser)
