"""Whose post it is, from the reference (``kb.link.reference_orgs``): a post the text leaves
without an organisation takes the one state its linked holder's P39 holdings of that role
belong to.

A small reference written for these tests (dump lines in Wikidata's layout, an index file with
kinds): real state names (the rule names states as CLDR does), invented people and terms. Every
condition is also tried where the rule must not fire.
"""

from __future__ import annotations

import json
from typing import Optional

import pytest

from helpers.dump_items import item, run_cli, write_reference
from kb.link import Linker
from kb.link.reference import import_reference
from kb.link.reference_orgs import METHOD, text_org
from kb.model import DateValue, Document, Entity, Extraction, Mention, Sentence, Tenure
from kb.store import open_db

ICELAND, NORWAY = "Q931000301", "Q931000302"
PRESIDENT = "Q931000310"  # President of Iceland (P1001)
PM_NAME_ONLY = "Q931000311"  # "Prime Minister of Norway": no P1001, the state is in its name
FM_IS, FM_NO = "Q931000312", "Q931000313"  # foreign ministers of Iceland and Norway
BARE = "Q931000314"  # a "president" position of no known state

PEOPLE = {
    "Q931000401": ("Peter Hallberg", ((PRESIDENT, "2001-01-20", "2009-01-20"),)),
    "Q931000402": ("Maria Lindgren", ((PM_NAME_ONLY, "1999-05-01", None),)),
    # foreign minister of two states in one career: the reference cannot tell which post
    "Q931000403": ("Johan Berg", ((FM_IS, "1995-01-01", "1999-01-01"), (FM_NO, "2001-01-01", None))),
    # a presidency that began after the texts below were written
    "Q931000404": ("Sofia Dahl", ((PRESIDENT, "2012-01-20", None),)),
    "Q931000405": ("Erik Strand", ((BARE, "2000-01-01", None),)),
}


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("reforgs")
    lines = [item(ICELAND, "Iceland"), item(NORWAY, "Norway"),
             item(PRESIDENT, "President of Iceland", country=ICELAND),
             item(PM_NAME_ONLY, "Prime Minister of Norway"),
             item(FM_IS, "Foreign Minister of Iceland", country=ICELAND),
             item(FM_NO, "Foreign Minister of Norway", country=NORWAY),
             item(BARE, "president")]
    lines += [item(q, name, terms, person=True) for q, (name, terms) in PEOPLE.items()]
    db = open_db(tmp / "kb.db")
    import_reference(db, write_reference(tmp, lines, {ICELAND: "state", NORWAY: "state"}))
    return db


def _mentions(text: str, name: str, type: str) -> list[Mention]:
    start = text.find(name)
    assert start >= 0, f"{name!r} not in the test sentence"
    return [Mention(name, type, start, start + len(name), 0, name=name)]


def _link(db, text: str, tenures: list[Tenure], orgs: tuple[str, ...] = (), published: Optional[str] = "2004-06-01"):
    ents = [Entity(name=n, type="person", mentions=_mentions(text, n, "person")) for n in sorted({t.person for t in tenures})]
    ents += [Entity(name=o, type="organization", mentions=_mentions(text, o, "organization")) for o in orgs]
    doc = Document(id="d", text=text, published=published, content_hash="h")
    ext = Extraction(document=doc, sentences=[Sentence(0, 0, len(text), text)], entities=ents, tenures=tenures)
    return Linker.from_db(db).link(ext)


def _tenure(person: str, role: str, org: Optional[str] = None, **kw) -> Tenure:
    return Tenure(person=person, role=role, org=org, status="current", sentence=0,
                  extractor="kb.roles.v1:title_before_name", **kw)


def test_an_open_post_takes_the_state_of_the_holders_position(db):
    text = "Officials met in Geneva. President Peter Hallberg said the talks went well."
    linked = _link(db, text, [_tenure("Peter Hallberg", "president")])
    ten = linked.extraction.tenures[0]
    assert ten.org == "Iceland"
    assert ten.extractor == f"kb.roles.v1:title_before_name; org from reference P39 {PRESIDENT}"
    link = linked.link_for("organization", "Iceland")
    assert (link.qid, link.method) == (ICELAND, METHOD)
    assert linked.extraction.entity("Iceland", "organization") is not None


def test_a_position_without_jurisdiction_gives_the_state_its_name_ends_with(db):
    linked = _link(db, "Talks resumed. Prime Minister Maria Lindgren arrived late.", [_tenure("Maria Lindgren", "prime minister")])
    assert linked.extraction.tenures[0].org == "Norway"


def test_the_documents_own_name_for_the_state_is_used_and_linked(db):
    text = "Island und Schweden verhandeln. Präsident Peter Hallberg sagte nichts."
    linked = _link(db, text, [_tenure("Peter Hallberg", "president")], orgs=("Island", "Schweden"))
    assert linked.extraction.tenures[0].org == "Island"
    assert linked.link_for("organization", "Island").qid == ICELAND
    assert linked.extraction.entity("Iceland", "organization") is None  # no second organisation


def test_posts_of_two_states_of_a_posts_without_state_and_later_posts_stay_open(db):
    text = "Johan Berg, Sofia Dahl and Erik Strand spoke."
    tenures = [_tenure("Johan Berg", "foreign minister"), _tenure("Sofia Dahl", "president"),
               _tenure("Erik Strand", "president")]
    linked = _link(db, text, tenures)
    assert [t.org for t in linked.extraction.tenures] == [None, None, None]
    assert not [e for e in linked.extraction.entities if e.type == "organization"]


def test_a_date_the_text_gives_picks_the_holding_it_overlaps(db):
    ten = _tenure("Johan Berg", "foreign minister", start=DateValue("1996", "year"), end=DateValue("1998", "year"))
    linked = _link(db, "From 1996 to 1998 Johan Berg was foreign minister.", [ten])
    assert linked.extraction.tenures[0].org == "Iceland"


def test_an_organisation_the_text_names_and_an_unlinked_holder_are_left_alone(db):
    text = "President Peter Hallberg of Norway and President Anna Frost met."
    linked = _link(db, text, [_tenure("Peter Hallberg", "president", org="Norway"), _tenure("Anna Frost", "president")],
                   orgs=("Norway",))
    assert [t.org for t in linked.extraction.tenures] == ["Norway", None]
    assert "reference" not in linked.extraction.tenures[0].extractor


def test_the_texts_organisation_comes_back_from_the_note():
    ten = _tenure("X", "president", org="Iceland")
    ten.extractor = "kb.roles.v1:role_list; org from reference P39 Q1; status from reference P39 Q1 (text: unknown)"
    plain = text_org(ten)
    assert plain.org is None
    assert plain.extractor == "kb.roles.v1:role_list; status from reference P39 Q1 (text: unknown)"
    untouched = _tenure("X", "president", org="Iceland")
    assert text_org(untouched) is untouched


def test_built_org_comes_from_the_reference_and_a_rejected_link_takes_it_back(tmp_path, en_nlp):
    run = run_cli
    lines = [item(ICELAND, "Iceland"), item(PRESIDENT, "President of Iceland", country=ICELAND),
             item("Q931000401", "Peter Hallberg", PEOPLE["Q931000401"][1], person=True)]
    dump, index = write_reference(tmp_path, lines, {ICELAND: "state"})
    text = "Officials from Norway, Sweden and Denmark met in Geneva on Tuesday. President Peter Hallberg said the talks had gone well."
    docs = tmp_path / "docs.jsonl"
    docs.write_text(json.dumps({"id": "g1", "text": text, "published": "2004-06-01"}) + "\n", encoding="utf-8")
    path = tmp_path / "kb.db"
    run("reference", "import", dump, index, "--db", path)
    run("build", docs, "--db", path, "--quiet")
    built = open_db(path)
    query = "SELECT person, organization, organization_qid FROM tenure_details WHERE person = 'Peter Hallberg'"
    assert list(built.execute(query)) == [("Peter Hallberg", "Iceland", ICELAND)]
    run("link", "reject", "Peter Hallberg", "Q931000401", "--db", path)
    assert list(built.execute(query)) == [("Peter Hallberg", None, None)]
    assert not list(built.execute("SELECT name FROM organizations WHERE name = 'Iceland'"))


def test_posts_of_a_legislature_or_of_a_city_are_no_posts_of_the_state(tmp_path):
    london, speaker, mayor = "Q931000501", "Q931000502", "Q931000503"
    lines = [item(ICELAND, "Iceland"), item(london, "Reykjavik"),
             item(speaker, "Speaker of the Althing House", country=ICELAND),
             item(mayor, "Mayor of Reykjavik", country=ICELAND),
             item("Q931000601", "Anna Frost", ((speaker, "2001-01-01", None),), person=True),
             item("Q931000602", "Olaf Berg", ((mayor, "2001-01-01", None),), person=True)]
    # the mayor's post belongs to the city and to the state: two jurisdictions
    lines[3] = lines[3].replace('"claims": {', '"claims": {"P17": [{"mainsnak": {"snaktype": "value", "property": "P17", '
                                '"datavalue": {"value": {"id": "' + london + '"}, "type": "wikibase-entityid"}}, "rank": "normal"}], ', 1)
    local = open_db(tmp_path / "kb.db")
    import_reference(local, write_reference(tmp_path, lines, {ICELAND: "state"}))
    linked = _link(local, "Speaker Anna Frost and Mayor Olaf Berg spoke.",
                   [_tenure("Anna Frost", "speaker"), _tenure("Olaf Berg", "mayor")])
    assert [t.org for t in linked.extraction.tenures] == [None, None]
    # the holders are linked: only the rule keeps their posts open
    assert linked.link_for("person", "Anna Frost").qid == "Q931000601"
