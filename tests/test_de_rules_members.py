"""Seats named by their body alone (kb.extract.de.phrases._member_of, lexicons/member_bodies_de.tsv).

"Mitglied der Stadtregierung", "Mitglied im Landtag" and "gehörte … der Landesregierung an" have
no role word of their own: the body names the post. Sentences and names are invented for these tests.
"""

from __future__ import annotations

import pytest

from kb.extract.claims import Claim
from kb.extract.de.places import resolve_places_de
from kb.model import Mention, Sentence, Span
from helpers.de_rules import facts, nlp, run  # noqa: F401 (nlp is a fixture)


def test_member_of_city_government_with_dates(nlp):
    claims = run(nlp, "Ralf Berg ist seit 1994 Mitglied der Stadtregierung und seit 2001 Bürgermeister.",
                 names=("Ralf Berg",))
    assert facts(claims) == [("Ralf Berg", "mayor", None, "current"),
                             ("Ralf Berg", "member of the city government", None, "current")]
    member = next(c for c in claims if c.role == "member of the city government")
    assert member.start.value == "1994"


def test_member_of_state_government_takes_the_state_adjective(nlp):
    claims = run(nlp, "Vera Stolz war Mitglied der steirischen Landesregierung.", names=("Vera Stolz",))
    assert facts(claims) == [("Vera Stolz", "member of the state government", "Steiermark", "former")]


def test_member_in_the_landtag_is_its_member(nlp):
    claims = run(nlp, "Die Juristin Ina Moser ist Mitglied im Landtag.", names=("Ina Moser",))
    assert facts(claims) == [("Ina Moser", "member of the landtag", "Landtag", "current")]


def test_belonging_to_the_state_government(nlp):
    claims = run(nlp, "Otto Lanz gehörte von 1999 bis 2008 der Kärntner Landesregierung an.", names=("Otto Lanz",))
    assert facts(claims) == [("Otto Lanz", "member of the state government", "Kärnten", "former")]
    assert (claims[0].start.value, claims[0].end.value) == ("1999", "2008")


def test_council_member_is_one_post(nlp):
    # "des Gemeinderats" names the body of the seat, not a second post "municipal councillor"; the
    # council is the seat's organisation, as the Landtag is a member's (news-tenures' gold convention)
    claims = run(nlp, "Eva Sturm ist Mitglied des Gemeinderats.", names=("Eva Sturm",))
    assert facts(claims) == [("Eva Sturm", "member of the city council", "Gemeinderat", "current")]


@pytest.mark.parametrize("text, names", [
    ("Die Landesregierung lobte Otto Lanz.", ("Otto Lanz",)),  # the body as a subject
    ("Otto Lanz gehört zu den Kritikern der Landesregierung.", ("Otto Lanz",)),  # no "an": no seat
    ("Otto Lanz ist Mitglied der Feuerwehr.", ("Otto Lanz",)),  # not a body of government
    ("Otto Lanz soll Mitglied der Landesregierung gewesen sein.", ("Otto Lanz",)),  # hearsay about a past seat
    ("Otto Lanz gehört der Landesregierung nicht mehr an.", ("Otto Lanz",)),  # negated
])
def test_no_seat(nlp, text, names):
    assert run(nlp, text, names=names) == []


def test_city_government_takes_the_documents_city():
    # "Mitglied der Stadtregierung" names no city: the dateline's city is its organisation
    text0, text1 = "Graz – Die Stadt plant.", "Ralf Berg ist Mitglied der Stadtregierung."
    sents = [Sentence(0, 0, len(text0), text0, "de"), Sentence(1, len(text0) + 1, len(text0) + 1 + len(text1), text1, "de")]
    person = Mention("Ralf Berg", "person", sents[1].start, sents[1].start + 9, 1, label="PER")
    span = Span(sents[1].start + 14, sents[1].start + 41, "Mitglied der Stadtregierung")
    claim = Claim(person, "Ralf Berg", "member of the city government", None, 1, "de_copula", span, None, "",
                  role_text="Mitglied der Stadtregierung")
    resolve_places_de([claim], [person], sents)
    assert claim.org == "Graz"


def _doc_mentions(text: str, name: str) -> list[Mention]:
    """The document's earlier mention of the full name (as NER gives it in a sentence before)."""
    return [Mention(name, "person", 0, len(name), 0, label="PER")]


def test_surname_that_is_a_noun_is_the_subject(nlp):
    from kb.extract.dates import find_dates
    from kb.extract.de.rules import extract_tenures_de
    text = "Vogel ist seit 2004 Bürgermeister."
    doc = nlp(text)
    sent = Sentence(1, 100, 100 + len(text), text, "de")
    claims = extract_tenures_de(sent, doc, [], find_dates(text, "2025-06-01", "de", 100), _doc_mentions(text, "Anton Vogel"))
    assert [(c.mention.text, c.role, c.start.value) for c in claims] == [("Vogel", "mayor", "2004")]
    # without "Anton Vogel" named before, or as the noun after an article, no holder
    assert extract_tenures_de(sent, doc, [], find_dates(text, "2025-06-01", "de", 100), []) == []
    text2 = "Der Vogel ist seit 2004 Bürgermeister."
    sent2 = Sentence(1, 100, 100 + len(text2), text2, "de")
    assert extract_tenures_de(sent2, nlp(text2), [], [], _doc_mentions(text2, "Anton Vogel")) == []


def test_saint_opens_a_place_not_a_person(nlp):
    from kb.extract.de.repair import saint_places
    doc = nlp("Der Bürgermeister von St. Wolfgang, Uwe Rieder, und Sankt Veit Holzer kamen.")
    spans = {(3, 5, "PER"), (6, 8, "PER"), (10, 12, "PER")}
    assert [t.text for t in doc][3:5] == ["St.", "Wolfgang"]
    assert saint_places(doc, spans) == {(3, 5, "LOC"), (6, 8, "PER"), (10, 12, "LOC")}
    assert saint_places(doc, {(6, 8, "ORG")}) == {(6, 8, "ORG")}  # other labels stay


# --- offices reached through a verb: "bekleidet das Amt des …", "übernahm den Posten der …" ----


@pytest.mark.parametrize("text, expected", [
    ("Karin Vogt übernimmt das Amt des Innenministers.", ("interior minister", None, "unknown", None, None)),
    ("Seit 2019 bekleidet Karin Vogt das Amt der Bürgermeisterin.", ("mayor", None, "current", "2019", None)),
    ("Karin Vogt bekleidete von 2001 bis 2009 das Amt der Landesrätin.", ("state councillor", None, "former", "2001", "2009")),
    ("Karin Vogt übernahm im März 2015 den Posten des Parteichefs der SPÖ.", ("party leader", "SPÖ", "unknown", "2015-03", None)),
    ("Karin Vogt trat 2010 das Amt der Bürgermeisterin an.", ("mayor", None, "unknown", "2010", None)),
])
def test_office_verbs(nlp, text, expected):
    claims = run(nlp, text, names=("Karin Vogt",))
    assert [(c.role, c.org, c.status, c.start and c.start.value, c.end and c.end.value) for c in claims] == [expected]


@pytest.mark.parametrize("text", [
    "Karin Vogt übernimmt das Büro des Innenministers.",  # an office's rooms, not the office
    "Karin Vogt kritisierte das Amt des Innenministers.",  # not a verb of holding or taking up
    "Karin Vogt sollte das Amt der Innenministerin übernehmen.",  # "should": not a fact
    "Karin Vogt übernimmt nicht das Amt des Innenministers.",  # negated
    "Karin Vogt trat 2010 vom Amt der Bürgermeisterin zurück.",  # leaving the office
])
def test_no_office(nlp, text):
    assert run(nlp, text, names=("Karin Vogt",)) == []


@pytest.mark.parametrize("text, role", [
    ("Karin Vogt soll das Amt der Innenministerin übernehmen.", "interior minister"),  # a post to come
    ("Karin Vogt soll Mitglied der Landesregierung werden.", "member of the state government"),
])
def test_soll_gives_a_post_to_come(nlp, text, role):
    # "soll … werden/übernehmen" announces a post (it used to give nothing): status unknown
    assert [(c.role, c.status) for c in run(nlp, text, names=("Karin Vogt",))] == [(role, "unknown")]


# --- one subject, two verbs: "X wechselt nach Tirol und wird dort Landesrätin" -------------------


def test_subject_shared_by_two_verbs(nlp):
    claims = run(nlp, "Ministerin Eva Berg (ÖVP) zieht zurück nach Tirol und wird dort Landesrätin.", names=("Eva Berg",))
    assert facts(claims) == [("Eva Berg", "minister", None, "current"), ("Eva Berg", "state councillor", None, "unknown")]
    claims = run(nlp, "Eva Berg verlässt Wien und ist seit Montag Landesrätin.", names=("Eva Berg",))
    assert facts(claims) == [("Eva Berg", "state councillor", None, "current")]


@pytest.mark.parametrize("text, names", [
    ("Eva Berg traf Hans Ott und wird Landesrätin.", ("Eva Berg", "Hans Ott")),  # two persons: whose post?
    ("Eva Berg sagte, die Partei sei stark und wird Landesrätin.", ("Eva Berg",)),  # a comma: another clause
    ("Eva Berg glaubt, dass Linz wächst und wird Landesrätin.", ("Eva Berg",)),
])
def test_no_shared_subject(nlp, text, names):
    assert run(nlp, text, names=names) == []
