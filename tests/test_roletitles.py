"""kb.roletitles (title grammar + reference positions), scripts/build_role_lexicon.py's label split,
and scripts/eval_news.py's halves and error classes. Phrases and records are made up for these tests."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kb.roletitles import grammar, parse_title

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"


def _script(name: str):
    spec = importlib.util.spec_from_file_location(name, SCRIPTS / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod  # its dataclasses look their module up while the class is made
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def news():
    return _script("eval_news")


@pytest.fixture(scope="module")
def builder():
    return _script("build_role_lexicon")


# --------------------------------------------------------------------------- parse_title
@pytest.mark.parametrize("phrase, role, name, portfolio", [
    ("work and pensions secretary", "secretary", "work and pensions secretary", "work and pensions"),
    ("minister for prisons", "minister", "prisons minister", "prisons"),
    ("Secretary of State for Housing", "secretary of state", "housing secretary", "housing"),
    ("finance chief", "chief", "finance chief", "finance"),
    ("chief inspector of police", "inspector", "chief inspector of police", "police"),
    ("town councillor", "councillor", "town councillor", "town"),
])
def test_portfolio_titles(phrase, role, name, portfolio):
    parsed = parse_title(phrase)
    assert (parsed.role, parsed.name, parsed.portfolio) == (role, name, portfolio)


def test_modifiers_are_kept_in_the_name_and_dropped_words_are_not():
    shadow = parse_title("shadow solicitor general")
    assert (shadow.role, shadow.modifiers, shadow.name) == ("solicitor general", ("shadow",), "shadow solicitor general")
    co = parse_title("co-chief executive")
    assert co.role == "chief executive" and co.modifiers == ("co",)
    acting = parse_title("acting managing director")
    assert acting.role == "managing director" and acting.dropped == ("acting",) and "acting" not in acting.name
    ne = parse_title("non-executive director")
    assert (ne.role, ne.modifiers) == ("director", ("non executive",))


@pytest.mark.parametrize("phrase, role", [
    ("head coach", "head coach"), ("permanent secretary", "permanent secretary"),
    ("lord chancellor", "lord chancellor"), ("parliamentary group leader", "group leader"),
    ("deputy director", "director"), ("chairwoman", "chairwoman"),
])
def test_compound_and_standalone_titles(phrase, role):
    assert parse_title(phrase).role == role


def test_object_gives_organisation_portfolio_or_place():
    org = parse_title("treasurer of the Royal Chess Society")
    assert (org.role, org.org) == ("treasurer", "Royal Chess Society")
    head = parse_title("head of marketing in Latin America")
    assert (head.name, head.portfolio, head.place) == ("head of marketing", "marketing", "Latin America")
    lead = parse_title("Acme Widgets chairman")
    assert (lead.role, lead.org) == ("chairman", "Acme Widgets")
    owned = parse_title("Globex's chief financial officer")
    assert owned.org == "Globex"


@pytest.mark.parametrize("phrase", [
    "and chairman", "who became president", "has been mayor", "was chairman",
    "secretary", "his secretary", "his secretary said", "chief", "the chief", "director",
    "her new boss", "analyst", "a lawyer", "retail analyst", "secretary of his", "minister of",
    "the weather", "", "   ",
])
def test_not_titles(phrase):
    assert parse_title(phrase) is None


def test_noun_premodifier_of_a_standalone_title():
    parsed = parse_title("village mayor")
    assert (parsed.role, parsed.name) == ("mayor", "village mayor")


def test_occupations_need_an_organisation():
    assert parse_title("economist") is None
    parsed = parse_title("economist at Northwind Bank")
    assert (parsed.role, parsed.org) == ("economist", "Northwind Bank")


def test_reference_positions_fill_position_and_country(shared):
    shared("reference/wikidata-subset.jsonl.gz")  # positions_ref.tsv is built from it
    pm = parse_title("Prime Minister of the United Kingdom")
    assert (pm.role, pm.org, pm.position_qid, pm.org_qid) == ("prime minister", "United Kingdom", "Q14211", "Q145")
    assert parse_title("president").position_qid is None  # the bare label names many posts


def test_lexicons_load_once_and_parsing_is_fast():
    grammar()
    t0 = time.perf_counter()
    for i in range(2000):
        parse_title(f"deputy head of finance number {i}")
    assert time.perf_counter() - t0 < 2.0
    assert grammar() is grammar()


def test_module_does_not_load_spacy():
    code = "import sys, kb.roletitles as r; r.parse_title('home secretary'); print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# ------------------------------------------------------------------ build_role_lexicon.py
def test_label_split_into_role_and_organisation(builder):
    labels = {"ruritania": "Q900001", "the green league": "Q900002"}
    portfolios = {"finance": "finance", "foreign affairs": "foreign"}
    assert builder.split_label("Minister of Finance of Ruritania", labels, portfolios) == (
        "finance minister", "finance", "ruritania", "Q900001")
    assert builder.split_label("Ruritania Secretary of State", labels, portfolios) == (
        "secretary of state", None, "ruritania", "Q900001")
    assert builder.split_label("Federal Minister for Foreign Affairs", labels, portfolios)[:2] == ("foreign minister", "foreign")
    role, portfolio, org, _ = builder.split_label("Chancellor of Finance", labels, portfolios)
    assert org is None  # a portfolio word is no organisation


def test_german_labels_are_told_apart(builder):
    assert builder.label_lang("Beauftragter der Stadt für Radwege", "en") == "de"
    assert builder.label_lang("Member of the Landtag of Ruritania", "en") == "en"


# ----------------------------------------------------------------------------- eval_news.py
def test_halves_alternate_within_each_language(news):
    golds = [{"id": f"d{i}", "lang": "en"} for i in (3, 1, 2, 0)] + [{"id": "g1", "lang": "de"}, {"id": "g0", "lang": "de"}]
    halves = news.split_halves(golds)
    assert [g["id"] for g in halves["analysis"]] == ["g0", "d0", "d2"]
    assert [g["id"] for g in halves["held-out"]] == ["g1", "d1", "d3"]


def test_miss_classes(news):
    pred = {"persons": [{"name": "Ann Pryce", "qid": None}], "tenures": []}
    known = {"person": "Ann Pryce", "person_qid": None, "role": "chairman", "role_aliases": []}
    assert news.classify_miss(known, pred) == "unknown construction"
    assert news.classify_miss({**known, "person": "Bo Lind"}, pred) == "holder not found"
    assert news.classify_miss({**known, "role": "quartermaster of the fleet"}, pred) == "unknown role word"


def test_analysis_counts_wrong_fields(news):
    gold = {"id": "x", "organizations": [{"name": "Acme", "qid": None}], "tenures": [
        {"person": "Ann Pryce", "role": "chairman", "org": "Acme", "start": "2001", "end": None, "status": "current"},
        {"person": "Bo Lind", "role": "spokesman", "org": "Acme", "start": None, "end": None, "status": "former"}]}
    pred = {"persons": [{"name": "Ann Pryce"}], "tenures": [
        {"person": "Ann Pryce", "role": "chairman", "org": "Acme", "start": None, "end": None, "status": "former"}]}
    errors = news.analyse([gold], {"x": pred})
    assert (errors.gold, errors.matched) == (2, 1)
    assert errors.wrong == {"start": 1, "status": 1}
    assert errors.missed == {"holder not found": 1}
