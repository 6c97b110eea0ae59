"""Quality rules of session 10 for the tenures kb already finds in English news (bbc10 error
analysis): false tenures (suppositions, a reported clause's subject, a peerage read as a name,
a medium read as an organisation, a bare job beside the post it is), the organisation of a post
(a bishop's see, a possessor before a scope country, reserved portfolios in a devolved nation's
story) and dates (a past event's yearless month). Sentences written for these tests; each rule
with sentences it must not fire on (real English model)."""

from __future__ import annotations

import pytest

from conftest import english_model_name
from helpers.facts import tenures

PUBLISHED = "2005-02-14"


@pytest.fixture(scope="module")
def peer_nlp():
    """The English model plus a ruler that tags a peerage's title word PERSON, as the small model
    does on real text ("The Queen and [Duke]PERSON of [Kent]ORG said …")."""
    name = english_model_name()
    if name is None:
        pytest.skip("no English spaCy model installed")
    import spacy

    nlp = spacy.load(name)
    ruler = nlp.add_pipe("entity_ruler", after="ner", config={"overwrite_ents": True})
    ruler.add_patterns([{"label": "PERSON", "pattern": "Duke"}, {"label": "ORG", "pattern": "Kent"}])
    return nlp


def _roles(found, person):
    return {(role, org) for (p, role, org) in found if p == person}


# ---------------------------------------------------------------- suppositions and future time clauses
@pytest.mark.parametrize("text", [
    "If Tom Hale became chief executive of Brellin Bank, shares would rise.",
    "Shares would rise if Tom Hale were chief executive of Brellin Bank.",
    "Tom Hale said that if he became chief executive of Brellin Bank he would cut jobs.",
    "Unless Tom Hale is chairman of Brellin Bank, the merger will fail.",
])
def test_a_supposed_post_is_no_tenure(en_nlp, text):
    assert not _roles(tenures(en_nlp, text, PUBLISHED), "Tom Hale")


@pytest.mark.parametrize("text,status", [
    ("Jobs will go once Tom Hale takes over as chief executive of Brellin Bank.", "unknown"),
    ("Few expect change after Tom Hale becomes chairman of Brellin Bank.", "unknown"),
    ("Shares rose after Tom Hale became chief executive of Brellin Bank.", "current"),  # done: no time clause future
    ("Shares rose when Tom Hale was chief executive of Brellin Bank.", "former"),
])
def test_time_clause_tense(en_nlp, text, status):
    found = tenures(en_nlp, text, PUBLISHED)
    held = [t for (p, _r, org), t in found.items() if p == "Tom Hale" and org == "Brellin Bank"]
    assert held and held[0].status == status


# ---------------------------------------------------------------- "said as ROLE he …"
def test_reported_as_phrase_is_not_the_speakers(en_nlp):
    found = tenures(en_nlp, "Jane Kerr said as home secretary he had seemed harsh.", PUBLISHED)
    assert not any(role == "home secretary" for (_p, role, _o) in found)


def test_as_phrase_of_the_subject_still_counts(en_nlp):
    found = tenures(en_nlp, "Jane Kerr, who served as chairman of Brellin Bank, said jobs would go.", PUBLISHED)
    assert ("chairman", "Brellin Bank") in _roles(found, "Jane Kerr")


# ---------------------------------------------------------------- a medium, a peerage, a bare job
def test_tv_presenter_is_an_occupation(en_nlp):
    assert not any(org == "TV" for (_p, _r, org) in tenures(en_nlp, "TV presenter Jane Kerr said it.", PUBLISHED))


def test_a_broadcaster_before_presenter_still_counts(en_nlp):
    assert ("presenter", "ITV") in _roles(tenures(en_nlp, "ITV presenter Jane Kerr said it.", PUBLISHED), "Jane Kerr")


def test_peerage_title_is_no_person(peer_nlp):
    found = tenures(peer_nlp, "The Queen and Duke of Kent said the news had made them very happy.", PUBLISHED)
    assert not any(p == "Duke" for (p, _r, _o) in found)


def test_bare_job_folds_into_the_post_there(en_nlp):
    text = "Ms Kerr worked for Dalton Bank in Leeds. Ms Kerr, the former head of Dalton Bank's savings arm, did not comment."
    roles = _roles(tenures(en_nlp, text, PUBLISHED), "Kerr")
    assert ("employee", "Dalton Bank") not in roles and any(org == "Dalton Bank" for _r, org in roles)


def test_bare_job_stays_alone(en_nlp):
    roles = _roles(tenures(en_nlp, "Ms Kerr worked for Dalton Bank in Leeds for ten years.", PUBLISHED), "Kerr")
    assert roles == set() or ("employee", "Dalton Bank") in roles


# ---------------------------------------------------------------- the organisation of a post
@pytest.mark.parametrize("text,person,role", [
    ("The service was led by the Archbishop of York, Dr Simon Bell, on Sunday.", "Simon Bell", "archbishop"),
    ("The Bishop of Durham, Tom Wright, spoke.", "Tom Wright", "bishop"),
])
def test_a_see_is_no_organisation(en_nlp, text, person, role):
    assert _roles(tenures(en_nlp, text, PUBLISHED), person) == {(role, None)}


def test_a_church_body_after_bishop_stays(en_nlp):
    roles = _roles(tenures(en_nlp, "Tom Wright, bishop of the Diocese of Leeds, spoke.", PUBLISHED), "Tom Wright")
    assert ("bishop", "Diocese of Leeds") in roles


def test_possessor_before_scope_country(en_nlp):
    found = tenures(en_nlp, "Jobs are at risk, said Tom Hale, Brellin Bank's UK head of tax.", PUBLISHED)
    assert _roles(found, "Tom Hale") == {("head of tax", "Brellin Bank")}


def test_scope_country_alone_stays_the_org(en_nlp):
    found = tenures(en_nlp, "Jobs are at risk, said Tom Hale, the UK head of tax.", PUBLISHED)
    assert _roles(found, "Tom Hale") == {("head of tax", "United Kingdom")}


def test_reserved_portfolio_is_the_states(en_nlp):
    text = ("The campaign in Scotland will field a candidate against Armed Forces Minister Jane Kerr in Dunmore. "
            "Scotland's regiments will merge.")
    assert _roles(tenures(en_nlp, text, PUBLISHED), "Jane Kerr") == {("armed forces minister", "United Kingdom")}


def test_devolved_portfolio_stays_the_nations(en_nlp):
    text = "Scotland's health minister Jane Kerr opened a hospital in Glasgow. Scotland has many."
    assert _roles(tenures(en_nlp, text, PUBLISHED), "Jane Kerr") == {("health minister", "Scotland")}


# ---------------------------------------------------------------- a past event's yearless month
@pytest.mark.parametrize("text,end", [
    ("Tom Hale was ousted as chairman of Brellin Bank in March.", "2004-03"),  # past tense: last March
    ("Tom Hale resigned as chairman of Brellin Bank in January.", "2005-01"),
])
def test_past_event_month_is_not_to_come(en_nlp, text, end):
    t = tenures(en_nlp, text, PUBLISHED)[("Tom Hale", "chairman", "Brellin Bank")]
    assert t.end is not None and t.end.value == end and t.status == "former"


def test_announced_month_is_to_come():
    from kb.extract.dates import find_dates

    found = find_dates("The deal should be completed in October.", anchor="2005-06-05", lang="en")
    assert [m.start.value for m in found] == ["2005-10"]
    found = find_dates("The deal was completed in October.", anchor="2005-06-05", lang="en")
    assert [m.start.value for m in found] == ["2004-10"]


# ---------------------------------------------------------------- an exit with a subject of its own
def test_exit_of_others_does_not_end_the_successors_post(en_nlp):
    text = ("The plan was backed by the newly appointed chief executive of Brellin Bank, Tom Hale, who took over "
            "after three directors stood down last month.")
    t = next(t for (p, _r, _o), t in tenures(en_nlp, text, PUBLISHED).items() if p == "Tom Hale")
    assert t.end is None and t.status != "former"


def test_exit_of_the_holder_still_ends_it(en_nlp):
    t = tenures(en_nlp, "Tom Hale, who was chairman of Brellin Bank, resigned in 2003.", PUBLISHED)[
        ("Tom Hale", "chairman", "Brellin Bank")]
    assert t.end is not None and t.end.value == "2003"


# ---------------------------------------------------------------- a departure's date of effect
def test_departure_taking_effect_later_keeps_the_post(en_nlp):
    text = "Jane Kerr, chief executive of Brellin Bank, had resigned, but her departure will take effect on 1 March."
    t = tenures(en_nlp, text, PUBLISHED)[("Jane Kerr", "chief executive officer", "Brellin Bank")]
    assert t.status == "current" and t.start is None


@pytest.mark.parametrize("text", [
    "Jane Kerr has been appointed chief executive of Brellin Bank, effective from 1 March.",
    "Jane Kerr has been appointed chief executive of Brellin Bank after Tom Hale resigned, effective from 1 March.",
])
def test_appointment_taking_effect_later_is_announced(en_nlp, text):
    t = tenures(en_nlp, text, PUBLISHED)[("Jane Kerr", "chief executive officer", "Brellin Bank")]
    assert t.status == "unknown" and t.start is not None and t.start.value == "2005-03-01"


# ---------------------------------------------------------------- past appositions
def test_former_covers_both_joined_titles(en_nlp):
    found = tenures(en_nlp, "Tom Hale, a former chairman and chief executive of Brellin Bank, was charged.", PUBLISHED)
    assert {t.status for (p, _r, _o), t in found.items() if p == "Tom Hale"} == {"former"}


def test_joined_titles_without_former_are_current(en_nlp):
    found = tenures(en_nlp, "Tom Hale, chairman and chief executive of Brellin Bank, was charged.", PUBLISHED)
    assert {t.status for (p, _r, _o), t in found.items() if p == "Tom Hale"} == {"current"}


@pytest.mark.parametrize("text,status", [
    ("Tom Hale, chief executive of Brellin Bank at the time, approved the deal.", "former"),
    ("Tom Hale, chief executive of Brellin Bank, approved the deal at the time.", "current"),
])
def test_at_the_time_after_an_apposition(en_nlp, text, status):
    assert tenures(en_nlp, text, PUBLISHED)[("Tom Hale", "chief executive officer", "Brellin Bank")].status == status
