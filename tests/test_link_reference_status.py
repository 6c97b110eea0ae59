"""Tenure status from the reference (``kb.link.reference_status``): where the text leaves a
post's status open, the linked holder's P39 dates decide it at the text's present.

A small invented reference (dump lines in Wikidata's layout plus an index file with kinds):
presidents and ministers of an invented country with dated terms. Sentences are written for
these tests; every condition of the rule is also tried where it must not fire.
"""

from __future__ import annotations

import json
from typing import Optional

import pytest

from kb.link import Linker
from kb.link.candidates import Holding
from kb.link.reference import import_reference
from kb.link.reference_status import (
    combine, holding_verdict, past_years, position_verdict, text_present, text_status,
)
from kb.model import DateValue, Document, Entity, Extraction, Mention, Sentence, Tenure
from kb.store import open_db

from helpers.dump_items import item as _item, run_cli, write_reference

COUNTRY = "Q931000001"  # Velmora (invented)
PRESIDENT = "Q931000010"  # President of Velmora
FINANCE, DEFENCE = "Q931000011", "Q931000012"  # Minister of Finance / of Defence of Velmora
MP = "Q931000013"  # member of the 4th Assembly of Velmora
PARTY = "Q931000020"  # Velmoran Civic Party


PEOPLE = {
    "Q931000101": ("Ilse Varga", ((PRESIDENT, "2001-01-20", "2009-01-20"),), None),
    "Q931000102": ("Oskar Brandt", ((PRESIDENT, "1993-01-20", "2001-01-20"),), None),
    "Q931000103": ("Tomas Weller", ((PRESIDENT, "2009-01-20", None),), None),
    # two ministries, one ended and one held in 2004: "minister" alone cannot tell which
    "Q931000104": ("Greta Holm", ((FINANCE, "1996-05-01", "2000-05-01"), (DEFENCE, "2002-05-01", "2006-05-01")), None),
    # two terms of one post: one open-ended (maybe a missing end) against one that ended
    "Q931000105": ("Rolf Amsel", ((FINANCE, "1990-03-01", "1995-03-01"), (FINANCE, "1990-03-01", None)), None),
    "Q931000106": ("Karl Dorn", ((PRESIDENT, "1981-01-20", None),), "1995-06-05"),
    "Q931000107": ("Nina Falk", ((MP, "1997-05-01", "2001-05-01"),), None),
}


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("refstatus")
    lines = [_item(COUNTRY, "Velmora"), _item(PRESIDENT, "President of Velmora", country=COUNTRY),
             _item(FINANCE, "Minister of Finance of Velmora", country=COUNTRY),
             _item(DEFENCE, "Minister of Defence of Velmora", country=COUNTRY),
             _item(MP, "member of the 4th Assembly of Velmora"), _item(PARTY, "Velmoran Civic Party")]
    lines += [_item(q, name, terms, person=True, died=died) for q, (name, terms, died) in PEOPLE.items()]
    db = open_db(tmp / "kb.db")
    import_reference(db, write_reference(tmp, lines, {COUNTRY: "state", PARTY: "political party"}))
    return db


def _mentions(text: str, name: str, type: str) -> list[Mention]:
    found, start = [], text.find(name)
    while start >= 0:
        found.append(Mention(name, type, start, start + len(name), 0, name=name))
        start = text.find(name, start + 1)
    assert found, f"{name!r} not in the test sentence"
    return found


def _link(db, text: str, tenures: list[Tenure], published: Optional[str] = "2004-06-01",
          orgs: tuple[str, ...] = ("Velmora",)) -> dict[tuple[str, str], Tenure]:
    """Link one document whose extraction gave ``tenures``; its tenures afterwards by (person, role)."""
    persons = {t.person for t in tenures}
    ents = [Entity(name=n, type="person", mentions=_mentions(text, n, "person")) for n in sorted(persons)]
    ents += [Entity(name=o, type="organization", mentions=_mentions(text, o, "organization")) for o in orgs]
    doc = Document(id="d", text=text, published=published, content_hash="h")
    ext = Extraction(document=doc, sentences=[Sentence(0, 0, len(text), text)], entities=ents, tenures=tenures)
    linked = Linker.from_db(db).link(ext)
    return {(t.person, t.role): t for t in linked.extraction.tenures}


def _tenure(person: str, role: str = "president", org: Optional[str] = "Velmora", status: str = "unknown",
            extractor: str = "kb.roles.v1:role_list", **kw) -> Tenure:
    return Tenure(person=person, role=role, org=org, status=status, sentence=0, extractor=extractor, **kw)


# -- verdicts ------------------------------------------------------------------------------------


def test_a_holding_covering_the_present_is_current_and_one_ended_before_it_former():
    present = ("2004-06-01", "2004-06-01")
    assert holding_verdict(Holding("P", "2001-01-20", "2009-01-20"), present) == "current"
    assert holding_verdict(Holding("P", "2001-01-20", None), present) == "current"
    assert holding_verdict(Holding("P", "1993-01-20", "2001-01-20"), present) == "former"
    assert holding_verdict(Holding("P", "2005-01-20", None), present) is None  # began after it
    assert holding_verdict(Holding("P", None, None), present) is None


def test_dates_too_coarse_to_compare_give_no_verdict():
    assert holding_verdict(Holding("P", "2001", "2004"), ("2004-06-01", "2004-06-01")) is None
    assert holding_verdict(Holding("P", "2004", None), ("2004-06-01", "2004-06-01")) is None
    # an undated text's present is a span: the term must cover all of it
    assert holding_verdict(Holding("P", "2001-01-20", "2004-12-01"), ("2003", "2004")) is None
    assert holding_verdict(Holding("P", "2001-01-20", "2005-12-01"), ("2003", "2004")) == "current"


def test_a_holder_dead_before_the_present_holds_nothing():
    assert holding_verdict(Holding("P", "1981-01-20", None), ("2004-06-01",) * 2, death=1995) == "former"
    assert holding_verdict(Holding("P", "1981-01-20", None), ("2004-06-01",) * 2, death=2010) == "current"


def test_terms_of_one_post_and_several_posts_must_agree():
    present = ("2004-06-01", "2004-06-01")
    two_terms = [Holding("P", "1993-01-01", "1997-01-01"), Holding("P", "2001-01-01", "2005-01-01")]
    assert position_verdict(two_terms, present, None) == "current"
    # an open end beside an ended term of the same start may be a missing end
    assert position_verdict([Holding("P", "1990-03-01", "1995-03-01"), Holding("P", "1990-03-01", None)],
                            present, None) is None
    assert combine({"A": [Holding("A", "1990-01-01", "1995-01-01")],
                    "B": [Holding("B", "2002-01-01", "2006-01-01")]}, present, None) is None
    assert combine({"A": [Holding("A", "1990-01-01", "1995-01-01")],
                    "B": [Holding("B", "1996-01-01", "2000-01-01")]}, present, None) == "former"


# -- the text's present ----------------------------------------------------------------------------


def test_the_present_is_the_publication_date_else_the_latest_year_stated_as_past():
    assert text_present("2004-06-01", "Nothing dated.") == ("2004-06-01", "2004-06-01")
    text = "The bank was founded in 1998. Profits rose in March 2003. Sales will double by 2010."
    assert text_present(None, text) == ("2003", "2005")
    assert text_present(None, "The bridge will open in 2012.") is None  # a plan is not the past
    assert text_present(None, "Costs are set to rise until 2009, the report said.") is None
    assert text_present(None, "The minister spoke on Monday.") is None
    assert past_years("Die Firma wurde im Jahr 2011 gegründet. Sie soll 2020 an die Börse gehen.") == [2011]


# -- the rule in the linker -------------------------------------------------------------------------

LIST = "The governor served under Presidents Ilse Varga, Oskar Brandt and Tomas Weller of Velmora."


def test_open_statuses_of_a_list_of_holders_come_from_their_terms(db):
    got = _link(db, LIST, [_tenure("Ilse Varga"), _tenure("Oskar Brandt"), _tenure("Tomas Weller")])
    assert got[("Ilse Varga", "president")].status == "current"
    assert got[("Oskar Brandt", "president")].status == "former"
    assert got[("Tomas Weller", "president")].status == "unknown"  # his term began after 2004
    note = got[("Ilse Varga", "president")].extractor
    assert note == f"kb.roles.v1:role_list; status from reference P39 {PRESIDENT} (text: unknown)"
    # the reference's dates never become the tenure's
    assert got[("Ilse Varga", "president")].start is None and got[("Ilse Varga", "president")].end is None


def test_a_status_the_text_states_is_never_changed(db):
    tenures = [_tenure("Ilse Varga", status="former", extractor="kb.roles.v1:copula"),
               _tenure("Oskar Brandt", status="current", extractor="kb.roles.v1:title_before_name")]
    got = _link(db, LIST, tenures)
    assert got[("Ilse Varga", "president")].status == "former"
    assert got[("Oskar Brandt", "president")].status == "current"  # a bare title's default stays too
    assert "reference" not in got[("Oskar Brandt", "president")].extractor


def test_an_announced_post_stays_open(db):
    text = "Ilse Varga is to become president of Velmora, officials said."
    assert _link(db, text, [_tenure("Ilse Varga")])[("Ilse Varga", "president")].status == "unknown"


def test_without_a_present_nothing_is_decided_and_an_undated_text_uses_its_past_years(db):
    assert _link(db, LIST, [_tenure("Oskar Brandt")], published=None)[("Oskar Brandt", "president")].status \
        == "unknown"
    dated = LIST + " The governor joined the bank in 2003."
    assert _link(db, dated, [_tenure("Oskar Brandt")], published=None)[("Oskar Brandt", "president")].status \
        == "former"
    planned = LIST + " The governor will retire in 2012."
    assert _link(db, planned, [_tenure("Oskar Brandt")], published=None)[("Oskar Brandt", "president")].status \
        == "unknown"


def test_a_role_that_names_posts_with_different_verdicts_is_left_open(db):
    text = "Minister Greta Holm of Velmora met the bankers."
    got = _link(db, text, [_tenure("Greta Holm", role="minister")])
    assert got[("Greta Holm", "minister")].status == "unknown"


def test_an_open_end_against_an_ended_term_is_left_open(db):
    text = "Rolf Amsel, finance minister of Velmora, met the bankers."
    got = _link(db, text, [_tenure("Rolf Amsel", role="finance minister")])
    assert got[("Rolf Amsel", "finance minister")].status == "unknown"


def test_a_dead_holder_is_a_former_one(db):
    text = "The statue of President Karl Dorn of Velmora was unveiled."
    assert _link(db, text, [_tenure("Karl Dorn")])[("Karl Dorn", "president")].status == "former"


def test_a_date_the_text_gives_keeps_only_the_terms_it_overlaps(db):
    text = "Ilse Varga, president of Velmora in 1995, spoke."
    stated = DateValue("1995", "year", "in 1995")
    got = _link(db, text, [_tenure("Ilse Varga", start=stated, end=stated)])
    assert got[("Ilse Varga", "president")].status == "unknown"  # no term of hers overlaps 1995


def test_a_party_member_is_not_dated_by_a_term_in_parliament(db):
    text = "Nina Falk of the Velmoran Civic Party spoke."
    got = _link(db, text, [_tenure("Nina Falk", role="member", org="Velmoran Civic Party")],
                orgs=("Velmoran Civic Party",))
    assert got[("Nina Falk", "member")].status == "unknown"


def test_the_texts_status_comes_back_from_the_note():
    ten = _tenure("Oskar Brandt", status="former",
                  extractor=f"kb.roles.v1:role_list; status from reference P39 {PRESIDENT} (text: unknown)")
    back = text_status(ten)
    assert back.status == "unknown" and back.extractor == "kb.roles.v1:role_list"
    plain = _tenure("Oskar Brandt", status="former")
    assert text_status(plain) is plain


# -- end to end: real spaCy, the store, and a relink -------------------------------------------------


def test_built_statuses_come_from_the_reference_and_a_rejected_link_takes_its_status_back(tmp_path, en_nlp):
    run = run_cli
    # spaCy's small model needs names it knows as names and places: an invented reference of them
    dump = tmp_path / "ref.jsonl"
    lines = [_item(COUNTRY, "Iceland"), _item(PRESIDENT, "President of Iceland", country=COUNTRY),
             _item("Q931000201", "Peter Hallberg", ((PRESIDENT, "2001-01-20", "2009-01-20"),), person=True),
             _item("Q931000202", "Maria Lindgren", ((PRESIDENT, "1993-01-20", "2001-01-20"),), person=True),
             _item("Q931000203", "Johan Berg", ((PRESIDENT, "2009-01-20", None),), person=True)]
    dump.write_text("\n".join(lines) + "\n", encoding="utf-8")
    text = "He has served under Presidents Peter Hallberg, Maria Lindgren and Johan Berg of Iceland."
    docs = tmp_path / "docs.jsonl"
    docs.write_text(json.dumps({"id": "g1", "text": text, "published": "2004-06-01"}) + "\n", encoding="utf-8")
    path = tmp_path / "kb.db"
    run("reference", "import", dump, "--db", path)
    run("build", docs, "--db", path, "--quiet")
    built = open_db(path)
    query = ("SELECT p.name, e.claimed_status, e.extractor, t.status FROM evidence e "
             "JOIN tenures t ON t.id = e.tenure_id JOIN persons p ON p.id = t.person_id")
    rows = {r[0]: r[1:] for r in built.execute(query)}
    assert rows["Peter Hallberg"][0] == rows["Peter Hallberg"][2] == "current"
    assert rows["Maria Lindgren"][0] == rows["Maria Lindgren"][2] == "former"
    assert "status from reference" in rows["Maria Lindgren"][1]
    assert rows["Johan Berg"][0] == "unknown"  # his term began after the text
    run("link", "reject", "Maria Lindgren", "Q931000202", "--db", path)
    rows = {r[0]: r[1:] for r in built.execute(query)}
    assert rows["Maria Lindgren"][0] == rows["Maria Lindgren"][2] == "unknown"
    assert "reference" not in rows["Maria Lindgren"][1]
    assert rows["Peter Hallberg"][0] == "current"
