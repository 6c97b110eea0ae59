"""kb's pages in Datasette, over HTTP against a real ``datasette`` process on a real kb.db.

The canned queries take a user's wording (a role in any spelling, with its organisation in
either order, an organisation's QID, reference aliases, the first words of a name); the home
page opens with the four questions; internal tables are hidden; the person page has a timeline
and marked evidence; the network endpoint and page are served from kb's plugin with the
vendored graph library. The database is the serve tests' fixture plus a few documents written for
these tests (fictional people, organisations and QIDs). Browser tests: test_pages_browser.py.
"""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest

from kb.pages import highlight, timeline_bars
from kb.query_words import role_org_splits
from helpers.serving import ALIAS, DESCRIPTION, build_pages_db, canned, get_json, http_get, running_datasette

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pages_db(tmp_path_factory) -> Path:
    return build_pages_db(tmp_path_factory.mktemp("pages") / "kb.db")


@pytest.fixture(scope="module")
def server(pages_db):
    with running_datasette(pages_db) as base:
        yield base


def people(rows) -> set[str]:
    return {r["person"] for r in rows}


# --------------------------------------------------------------------------------------------
# The wording rules, without a server
# --------------------------------------------------------------------------------------------


def test_role_org_splits_read_both_orders_and_joiners():
    assert ("secretary general", "northern alliance") in role_org_splits("Northern Alliance secretary general")
    assert ("secretary general", "northern alliance") in role_org_splits("Secretary-General of the Northern Alliance")
    assert ("secretary general", "northern alliance") in role_org_splits("Northern Alliance's secretary general")
    assert ("general secretary", "northern alliance") not in role_org_splits("secretary general of the Northern Alliance")
    assert role_org_splits("chair") == [] and role_org_splits("") == [] and role_org_splits(None) == []


def test_highlight_marks_spans_escapes_and_drops_overlaps():
    out = str(highlight("A <b> & Anna Berg chairs it", [(8, 17, "person"), (10, 12, "role"), (18, 24, "role"), (30, 40, "date")]))
    assert out == 'A &lt;b&gt; &amp; <mark class="kb-person" title="person">Anna Berg</mark> <mark class="kb-role" title="role">chairs</mark> it'


def test_timeline_bars_place_dated_tenures_and_leave_undated_without_bar():
    bars = timeline_bars([
        {"start": "2010", "end": "2014", "status": "former"},
        {"start": "2014-05", "end": None, "status": "current", "status_as_of": "2020-01-01"},
        {"start": None, "end": None, "status": "former"},
    ], this_year=2030)
    assert (bars["first"], bars["last"]) == (2010, 2021)
    first, second, undated = bars["bars"]
    assert first["bar"]["left"] == 0 and second["bar"]["left"] > first["bar"]["left"]
    assert second["bar"]["open_end"] and undated["bar"] is None
    assert round(second["bar"]["left"] + second["bar"]["width"]) == 100


# --------------------------------------------------------------------------------------------
# Canned queries with a user's wording
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("wording", [
    "Northern Alliance secretary general",
    "secretary general of the Northern Alliance",
    "Northern Alliance's Secretary-General",
    "secretary-general",
    "SECRETARY GENERAL",
    "Q9100001",  # the organisation's QID: all its posts
    "Q9200001",  # the position's QID
    f"{ALIAS} secretary general",  # a reference alias of the organisation
])
def test_current_holders_take_the_users_wording(server, wording):
    assert people(canned(server, "current_holders", position=wording)) == {"Anna Berg"}


def test_current_holders_match_organisation_names_without_their_punctuation(server):
    assert people(canned(server, "current_holders", position="Orchard Inc chief executive")) == {"Tomas Varga"}
    assert people(canned(server, "current_holders", position="chief executive of orchard")) == {"Tomas Varga"}
    assert people(canned(server, "current_holders", position="Orchard chair")) == {"Sofia Lind"}


def test_current_holders_do_not_overmatch(server):
    assert canned(server, "current_holders", position="general secretary") == []  # word order kept in a role
    assert canned(server, "current_holders", position="Veldonia secretary general") == []  # the wrong organisation
    assert people(canned(server, "current_holders", position="commander in chief")) == {"Ines Dahl"}
    assert people(canned(server, "current_holders", position="Veldonia commander-in-chief")) == {"Ines Dahl"}


def test_who_held_on_date_and_status_as_of_take_the_wording(server):
    rows = canned(server, "who_held_on_date", position="Northern Alliance secretary-general", date="2020-06-01")
    assert {r["person"] for r in rows if r["certainty"] == "certain"} == {"Piet Jansen"}
    rows = canned(server, "who_held_on_date", position="Q9100001", date="2024-12")
    assert "Anna Berg" in people(rows)
    rows = canned(server, "status_as_of", date="2025", person="", position="secretary-general")
    assert people(rows) == {"Anna Berg", "Piet Jansen"}


def test_organization_people_finds_names_by_their_first_words_and_aliases(server):
    assert people(canned(server, "organization_people", organization="Orchard")) == {"Tomas Varga", "Sofia Lind"}
    assert people(canned(server, "organization_people", organization="orchard inc")) == {"Tomas Varga"}
    assert people(canned(server, "organization_people", organization=ALIAS.lower())) == {"Anna Berg", "Piet Jansen"}
    assert people(canned(server, "organization_people", organization="Q9100003")) == {"Tomas Varga"}
    # nothing named so: the old substring rule still applies
    assert people(canned(server, "organization_people", organization="Central Bank")) == {"Mara Holm"}


def test_tenures_readable_puts_dates_first_without_duplicate_ids(server):
    rows = canned(server, "tenures_readable", person="Lena Fischer", position="")
    assert list(rows[0])[:4] == ["start", "end", "status", "as_of"]
    assert not [c for c in rows[0] if c.endswith("_qid")]
    assert [(r["start"], r["end"]) for r in rows] == [("2010", "2024"), ("2011", None)]
    assert people(canned(server, "tenures_readable", person="", position="Northern Alliance secretary general")) == {
        "Anna Berg", "Piet Jansen"}
    assert len(canned(server, "tenures_readable", person="", position="")) >= 8


def test_readable_evidence_and_evidence_table_mark_the_phrases(server):
    status, body = http_get(f"{server}/kb/evidence_readable?person=Lena+Fischer")
    assert status == 200
    assert '<mark class="kb-person" title="person">Lena Fischer</mark>' in body
    assert '<mark class="kb-role" title="role">prime minister</mark>' in body
    status, body = http_get(f"{server}/kb/evidence")
    assert status == 200 and '<mark class="kb-person" title="person">Mara Holm</mark>' in body
    assert 'href="/-/kb/static/kb.css"' in body  # the marks' colours on Datasette's own table pages
    # canned-query names link to their pages
    status, body = http_get(f"{server}/kb/tenures_readable?person=Lena+Fischer&position=")
    assert 'href="/kb/persons/Q9000003">Lena Fischer</a>' in body


# --------------------------------------------------------------------------------------------
# Home and database pages
# --------------------------------------------------------------------------------------------


QUESTION_QUERIES = ["current_holders", "person_timeline", "who_held_on_date", "organization_people"]


def test_home_page_lists_the_four_questions_with_working_examples(server):
    status, body = http_get(server + "/")
    assert status == 200
    questions = body.index('class="kb-questions"')
    assert questions < body.index("A knowledge base built by")  # the questions come first
    hrefs = re.findall(r'href="(/kb/(?:current_holders|person_timeline|who_held_on_date|organization_people)\?[^"]+)"', body)
    assert [h.split("?")[0].rsplit("/", 1)[1] for h in dict.fromkeys(hrefs)] == QUESTION_QUERIES
    for href in dict.fromkeys(hrefs):  # each example answers with at least one row
        path, query = href.replace("&amp;", "&").split("?", 1)
        status, data = http_get(f"{server}{path}.json?{query}&_shape=array")
        assert status == 200 and json.loads(data), href
    assert "canned queries below" not in body


def test_internal_tables_are_hidden_after_the_user_tables(server):
    info = json.loads(http_get(server + "/kb.json")[1])
    hidden = {t["name"] for t in info["tables"] if t["hidden"]}
    internal = {"ref_entities", "ref_names", "ref_claims", "http_cache", "claim_documents", "co_mentions",
                "evidence_claims", "tenure_conflict_pairs", "reference_comparisons", "link_candidates"}
    assert internal <= hidden
    assert not {"persons", "organizations", "positions", "tenures", "evidence", "documents"} & hidden
    status, body = http_get(server + "/kb")
    assert status == 200 and 'class="kb-questions"' in body
    shown = re.findall(r'<h3><a href="/kb/([a-z_]+)">', body)
    assert "persons" in shown and not set(shown) & internal
    status, body = http_get(server + "/kb?_show_hidden=1")
    shown = re.findall(r'<h3><a href="/kb/([a-z_]+)">', body)
    last_user = max(shown.index(t) for t in ("persons", "tenures", "organizations"))
    assert all(shown.index(t) > last_user for t in internal)


# --------------------------------------------------------------------------------------------
# Person and organisation pages
# --------------------------------------------------------------------------------------------


def test_person_page_has_timeline_marked_evidence_and_links(server):
    status, body = http_get(f"{server}/kb/persons/Q9000003")
    assert status == 200
    assert 'data-tenures="2"' in body and body.count('class="kb-bar') == 2
    assert '<mark class="kb-person" title="person">Lena Fischer</mark>' in body
    assert '<mark class="kb-role" title="role">prime minister</mark>' in body
    assert 'href="/-/kb/network?person=Q9000003"' in body
    assert 'href="/kb/documents_mentioning_person?person=Q9000003"' in body
    assert 'href="https://www.wikidata.org/wiki/Q9000003"' in body
    assert body.index('class="kb-timeline"') < body.index("The row in kb.db")


def test_person_page_shows_description_and_current_posts(server):
    status, body = http_get(f"{server}/kb/persons/Q9000001")
    assert status == 200
    assert f'<p class="kb-description">{DESCRIPTION}</p>' in body
    summary = re.search(r'<p class="kb-summary">(.*?)</p>', body, re.S).group(1)
    assert "secretary general of the Northern Alliance since 2024-10" in summary


def test_person_page_of_an_unlinked_person_and_other_rows_still_render(server):
    status, body = http_get(f"{server}/kb/persons/person~3Amara-holm")
    assert status == 200 and "Mara Holm" in body and 'class="kb-timeline"' in body
    status, body = http_get(f"{server}/kb/tenures")
    assert status == 200
    status, body = http_get(f"{server}/kb/documents/d1")
    assert status == 200 and "kb-timeline" not in body


def test_organization_page_lists_holders_and_links_the_network(server):
    status, body = http_get(f"{server}/kb/organizations/Q9100001")
    assert status == 200
    assert "Anna Berg" in body and "Piet Jansen" in body
    assert 'href="/-/kb/network?org=Q9100001"' in body


# --------------------------------------------------------------------------------------------
# Network endpoint, page and static files
# --------------------------------------------------------------------------------------------


def test_network_json_of_a_person(server):
    status, body = http_get(f"{server}/-/kb/network.json?person=Q9000002")
    assert status == 200
    data = json.loads(body)
    nodes = {n["id"]: n for n in data["nodes"]}
    assert nodes["person:Q9000002"]["center"] and nodes["person:Q9000002"]["url"] == "/kb/persons/Q9000002"
    assert {"position:Q9200001", "organization:Q9100001", "person:Q9000001"} <= set(nodes)
    held = [e for e in data["edges"] if e["kind"] == "held"]
    assert {(e["source"], e["from_year"]) for e in held} >= {("person:Q9000002", 2014), ("person:Q9000001", 2024)}
    assert all(e["from_year"] <= e["to_year"] for e in held if e["from_year"] is not None)
    assert (data["first_year"], data["last_year"]) == (2014, 2024)
    assert any(e["kind"] == "post of" and e["target"] == "organization:Q9100001" for e in data["edges"])


def test_network_json_of_an_organisation_by_name_and_errors(server):
    data = json.loads(http_get(f"{server}/-/kb/network.json?org=veldonia")[1])
    assert data["center"]["id"] == "Q9100002"
    labels = {n["label"] for n in data["nodes"] if n["kind"] == "person"}
    assert {"Lena Fischer", "Karl Weber", "Ines Dahl"} <= labels
    years = {(e["start"], e["end"]): (e["from_year"], e["to_year"]) for e in data["edges"] if e["kind"] == "held"}
    assert years[("2010", "2024")] == (2010, 2024)
    assert years[("2011", None)] == (2011, 2011)  # former, end unknown: only its start year is known
    assert years[("2019", None)] == (2019, 2024)  # current as of the 2024-02-01 article
    assert years[(None, None)] == (None, None)  # undated: shown under "all years" only
    assert http_get(f"{server}/-/kb/network.json?person=Nobody+Here")[0] == 404
    assert http_get(f"{server}/-/kb/network.json")[0] == 400


def test_network_page_loads_only_local_scripts(server):
    status, body = http_get(f"{server}/-/kb/network?person=Q9000002")
    assert status == 200 and 'id="kb-network"' in body
    scripts = re.findall(r'<script src="([^"]+)"', body)
    assert "/-/kb/static/vendor/cytoscape.min.js" in scripts
    assert all(s.startswith("/") for s in scripts)  # no CDN: works offline
    for src in scripts:
        status, js = http_get(server + src)
        assert status == 200 and len(js) > 1000, src
    assert http_get(f"{server}/-/kb/static/../datasette_plugin.py")[0] == 404
    assert http_get(f"{server}/-/kb/static/vendor/cytoscape.LICENSE")[0] == 200


def test_web_still_cannot_write(server, pages_db):
    status, _ = http_get(f"{server}/kb.json?sql=DELETE+FROM+persons")
    assert status >= 400
    conn = sqlite3.connect(f"file:{pages_db}?mode=ro", uri=True)
    assert conn.execute("SELECT count(*) FROM persons").fetchone()[0] == 8
    conn.close()


def test_every_new_canned_query_answers_with_empty_parameters(server):
    for name in ("tenures_readable", "evidence_readable"):
        status, body = http_get(f"{server}/kb/{name}.json?person=&position=")
        assert status == 200 and json.loads(body).get("ok", True), body
    assert get_json(server, "/kb/evidence_readable", person="") == []


def test_templates_and_static_files_are_package_data():
    """An installed kb (no checkout) serves the same pages: every template and static file is
    matched by pyproject's package-data globs, and the vendored library keeps its licence."""
    import tomllib

    from kb.settings import REPO_ROOT

    globs = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]["kb"]
    kb_dir = REPO_ROOT / "kb"
    files = [p.relative_to(kb_dir).as_posix() for folder in ("templates", "static")
             for p in (kb_dir / folder).rglob("*") if p.is_file()]
    packaged = {p.relative_to(kb_dir).as_posix() for g in globs for p in kb_dir.glob(g) if p.is_file()}
    assert files and set(files) <= packaged, sorted(set(files) - packaged)
    assert (kb_dir / "static" / "vendor" / "cytoscape.LICENSE").read_text().startswith("Copyright")


def test_every_hook_reaches_the_plugins_dir_shim():
    """kb serve loads the plugin with ``from kb.datasette_plugin import *`` when kb is not
    installed (kb.serve.plugins_dir): every hook must be in ``__all__``."""
    import kb.datasette_plugin as plugin

    hooks = {name for name, value in vars(plugin).items() if hasattr(value, "datasette_impl")}
    namespace: dict = {}
    exec("from kb.datasette_plugin import *", namespace)
    assert {"render_cell", "register_routes", "prepare_jinja2_environment", "extra_template_vars"} <= hooks
    assert hooks <= set(namespace)
