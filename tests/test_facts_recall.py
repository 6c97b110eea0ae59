"""Recall rules for how English prose states births, offices and employment (added for the
Re-DocRED generalisation work), each on sentences written for these tests, with sentences the
rule must not fire on (real English model; skipped when absent)."""

from __future__ import annotations

import pytest

from helpers.facts import run as run_facts

PUBLISHED = "2025-03-14"


def run(nlp, text, published=PUBLISHED):
    return run_facts(nlp, text, published)


def births(nlp, text) -> dict[str, str]:
    return {e.name: e.birth_date.value for e in run(nlp, text)[0] if e.type == "person" and e.birth_date}


def keys(nlp, text) -> set[tuple[str, str, object]]:
    return {(t.person, t.role, t.org) for t in run(nlp, text)[1]}


# --- birth dates ------------------------------------------------------------------------------

@pytest.mark.parametrize("text,name,value", [
    ("Jonas Ek was born on 5 June 1950 in Malmo.", "Jonas Ek", "1950-06-05"),
    ("Mirela Dobre was born in 1962 in Cluj and grew up in Sibiu.", "Mirela Dobre", "1962"),
    ("Mirela Dobre, who was born in 1962, studied law in Cluj.", "Mirela Dobre", "1962"),
    ("Born in 1971 in Porto, Tiago Mendes studied engineering.", "Tiago Mendes", "1971"),
    ("Tiago Mendes is an engineer. He was born on March 3, 1971, in Porto.", "Tiago Mendes", "1971-03-03"),
])
def test_born_clause_forms(en_nlp, text, name, value):
    assert births(en_nlp, text).get(name) == value


@pytest.mark.parametrize("text", [
    "Mirela Dobre's son was born in 1990 in Cluj.",
    "Mirela Dobre said her daughter was born in 1990.",
    "Born in 1990, the son of Mirela Dobre studied law.",
])
def test_born_clause_of_someone_else_gives_no_birth(en_nlp, text):
    assert "Mirela Dobre" not in births(en_nlp, text)


@pytest.mark.parametrize("text,name,value", [
    ("Pedro Alves (1944– ) is a Brazilian painter.", "Pedro Alves", "1944"),
    ("Pedro Alves ( 1944 - ) is a Brazilian painter.", "Pedro Alves", "1944"),
    ("Henrik Lunde (c.1680 – 1764) was a Norwegian priest.", "Henrik Lunde", "1680"),
    ("Henrik Lunde (about 1702 – 12 May 1771) was a Norwegian priest.", "Henrik Lunde", "1702"),
    ("Jonas Ek (b. 1950) is a Swedish painter.", "Jonas Ek", "1950"),
    ("Hugo Baptiste, Knight of the Garter, KBE, (born 4 May 1950) is a French chemist.", "Hugo Baptiste", "1950-05-04"),
    ("Henrik Lunde, Count of Nordby (1678 – 1733), owned the estate.", "Henrik Lunde", "1678"),
])
def test_parenthesis_birth_forms(en_nlp, text, name, value):
    assert births(en_nlp, text).get(name) == value


@pytest.mark.parametrize("text", [
    "The Oslo Accord (1993– ) is still debated by Henrik Lunde and others.",
    "Henrik Lunde wrote about the war (about 1702 – 1721) in his diary.",
    "Henrik Lunde, Acme Shipping (1950 – 1990) and others paid for it.",
])
def test_parenthesis_ranges_not_after_the_name_give_no_birth(en_nlp, text):
    assert "Henrik Lunde" not in births(en_nlp, text)


# --- monarchs: regnal names with a realm, the throne -----------------------------------------

@pytest.mark.parametrize("text,fact", [
    ("The fortress was rebuilt by Christian IV of Denmark in 1620.", ("Christian IV", "monarch", "Denmark")),
    ("Louis XIV of France revoked the edict.", ("Louis XIV", "monarch", "France")),
    ("Olaf III ascended the throne of Sweden in 1310.", ("Olaf III", "monarch", "Sweden")),
    ("Margit Holm succeeded to the Danish throne in 1412 after her father died.", ("Margit Holm", "monarch", "Denmark")),
])
def test_monarch_constructions(en_nlp, text, fact):
    assert fact in keys(en_nlp, text)


def test_throne_date_starts_the_reign(en_nlp):
    t = {(x.person, x.role): x for x in run(en_nlp, "Olaf III ascended the throne of Sweden in 1310.")[1]}
    assert t[("Olaf III", "monarch")].start.value == "1310"


@pytest.mark.parametrize("text", [
    "Thurston Howell III of New York donated the library.",  # a suffix, not a ruler; no country
    "Prince Harald was heir to the throne of Norway for decades.",
    "Karl Berg hoped he would one day take the throne of Sweden.",
    "Anna Wik said the Edward VII Hospital of London would close.",
])
def test_no_monarch_without_a_reign(en_nlp, text):
    assert not any(role == "monarch" for _, role, _ in keys(en_nlp, text))


# --- governors and premiers take the one state or province a document names ------------------

def test_governor_title_takes_the_documents_state(en_nlp):
    t = keys(en_nlp, "Ohio lawmakers passed the budget late on Sunday. Governor Tom Kerr signed it on Monday.")
    assert ("Tom Kerr", "governor", "Ohio") in t


def test_gov_abbreviation_is_a_governor(en_nlp):
    assert ("Tom Kerr", "governor", "Texas") in keys(en_nlp, "Gov. Tom Kerr of Texas signed the bill.")


def test_premier_takes_the_province_not_the_country(en_nlp):
    text = "Voters in Ontario went to the polls on Thursday. Premier Dana Roy promised lower fees in Canada."
    assert ("Dana Roy", "prime minister", "Ontario") in keys(en_nlp, text)


@pytest.mark.parametrize("text", [
    "Governor Tom Kerr met officials from Ohio and Texas.",  # two states: which one?
    "The Bank of England raised rates. The governor Andrew Hale spoke in Ohio.",  # not a title
])
def test_governor_without_one_state_gets_none(en_nlp, text):
    assert not any(org for p, role, org in keys(en_nlp, text) if role == "governor")


def test_lieutenant_governor_is_no_governor(en_nlp):
    t = keys(en_nlp, "Sam Ortiz is a Maryland politician. He was elected lieutenant governor in 2006. Lt. Gov. Ana Diaz also spoke.")
    assert not any(role == "governor" for _, role, _ in t)


@pytest.mark.parametrize("text,name,value", [
    ("Ronaldo (born 5 February 1985) is a Portuguese footballer.", "Ronaldo", "1985-02-05"),
    ("Ngô Văn Chiêu (3 January 1901 – 2 November 1963) was a Vietnamese official.", "Ngô Văn Chiêu", "1901-01-03"),
    ("Femke van As (born 6 May 1984) is a Dutch rower.", "Femke van As", "1984-05-06"),
    ("Mihai Lupu (born Mihail Lupescu; 20 February 1844 – 1 May 1900) was a painter.", "Mihai Lupu", "1844-02-20"),
])
def test_names_ner_misses_before_life_dates(en_nlp, text, name, value):
    assert births(en_nlp, text).get(name) == value


@pytest.mark.parametrize("text", [
    "Acme (1950 – 1990) was a shipping company.",
    "Norway (born of the union's end in 1905) is a kingdom.",
])
def test_a_lone_first_word_is_no_person_without_a_name_cue(en_nlp, text):
    assert not births(en_nlp, text)


# --- party membership ------------------------------------------------------------------------

@pytest.mark.parametrize("text,fact", [
    ("Sen. Sam Ortiz (R-Ohio) voted against the bill.", ("Sam Ortiz", "member", "Republican Party")),
    ("Rep. Jane Roe, D-Calif., voted for the bill.", ("Jane Roe", "member", "Democratic Party")),
    ("Sam Ortiz is a Swedish politician (Moderate Party) and member of the Riksdag.", ("Sam Ortiz", "member", "Moderate Party")),
    ("Sam Ortiz was a member of the Legislative Assembly of Ontario for the Liberal Party.",
     ("Sam Ortiz", "member", "Liberal Party")),
    ("Sam Ortiz represented the riding as a Liberal from 1990 to 1995.", ("Sam Ortiz", "member", "Liberal Party")),
    ("Sam Ortiz, a Social Democratic member of the Riksdag, voted no.", ("Sam Ortiz", "member", "Social Democratic Party")),
])
def test_party_membership_forms(en_nlp, text, fact):
    assert fact in keys(en_nlp, text)


@pytest.mark.parametrize("text", [
    "Sam Ortiz, D-Day veteran, spoke at the memorial.",
    "Sam Ortiz (Ohio) voted against the bill.",
    "Sam Ortiz is a politician for the people of Ohio.",
    "Sam Ortiz will run as a candidate for the Liberal Party next year.",
    "Sam Ortiz is a member of the committee for the Liberal Party congress.",
])
def test_no_party_membership_without_a_party_cue(en_nlp, text):
    assert not any(role == "member" and org in ("Republican Party", "Democratic Party", "Liberal Party")
                   and p == "Sam Ortiz" for p, role, org in keys(en_nlp, text))


def test_social_democratic_is_not_the_democratic_party(en_nlp):
    t = keys(en_nlp, "Sam Ortiz, a Social Democratic member of the Riksdag, voted no.")
    assert ("Sam Ortiz", "member", "Democratic Party") not in t


@pytest.mark.parametrize("text,party", [
    ("Liberal Democrat Sam Ortiz said the plan would fail.", "Liberal Democrats"),
    ("Social Democrat Sam Ortiz voted against the bill.", "Social Democratic Party"),
])
def test_a_two_word_member_noun_is_one_party(en_nlp, text, party):
    """The second word of "Liberal Democrat X" is no member noun of another party."""
    t = keys(en_nlp, text)
    assert ("Sam Ortiz", "member", party) in t
    assert ("Sam Ortiz", "member", "Democratic Party") not in t


# --- employment ------------------------------------------------------------------------------

@pytest.mark.parametrize("text,fact", [
    ("Laura Finch is a professor of physics at Uppsala University.", ("Laura Finch", "professor", "Uppsala University")),
    ("Laura Finch is professor of economics at the University of Oslo.", ("Laura Finch", "professor", "University of Oslo")),
    ("Laura Finch was hired by Google in 2012.", ("Laura Finch", "employee", "Google")),
    ("Laura Finch was employed by the BBC as a producer.", ("Laura Finch", "employee", "BBC")),
    ("Laura Finch is an American journalist. She writes for The Guardian.", ("Laura Finch", "writer", "Guardian")),
    ("Laura Finch is a senior fellow at the Brookings Institution.", ("Laura Finch", "senior fellow", "Brookings Institution")),
    ("Laura Finch was a staff writer at The New Yorker.", ("Laura Finch", "staff writer", "New Yorker")),
    ("Laura Finch, sister of Tom Finch and a professor at Yale University, spoke.", ("Laura Finch", "professor", "Yale University")),
    ("Before joining Siemens in 2001, Laura Finch worked as a teacher.", ("Laura Finch", "employee", "Siemens")),
])
def test_employment_forms(en_nlp, text, fact):
    assert fact in keys(en_nlp, text)


def test_hiring_date_starts_the_employment(en_nlp):
    t = {(x.person, x.org): x for x in run(en_nlp, "Laura Finch was hired by Google in 2012.")[1]}
    assert t[("Laura Finch", "Google")].start.value == "2012"


@pytest.mark.parametrize("text", [
    "Laura Finch is an American journalist.",  # a nationality is no employer
    "Laura Finch is a German chemist and author.",
    "Laura Finch was hired by Tom Akers in 2012.",  # a person is no employer
    "Laura Finch writes for Real Madrid fans.",
    "Laura Finch is a professor of economics.",  # a field is no employer
    "Laura Finch, a professor of art history who lives at Lake Como, spoke.",
    "Laura Finch met Tom Akers, Anna Berg and a professor at Yale University.",
    "Laura Finch is a fellow Democrat of Tom Akers.",
])
def test_no_employer_without_one(en_nlp, text):
    assert not any(p == "Laura Finch" and org and role != "member" for p, role, org in keys(en_nlp, text))


@pytest.mark.parametrize("text,fact", [
    ("The Liberal Party's Sam Ortiz won the seat.", ("Sam Ortiz", "member", "Liberal Party")),
    ("Labour's Sam Ortiz won the seat.", ("Sam Ortiz", "member", "Labour")),
    ("Sam Ortiz was a founding member of the Green Party.", ("Sam Ortiz", "member", "Green Party")),
    ("Sam Ortiz switched to the Liberal Party in 1999.", ("Sam Ortiz", "member", "Liberal Party")),
    ("Sam Ortiz defected to the Reform Party after the vote.", ("Sam Ortiz", "member", "Reform Party")),
    ("Sam Ortiz left the Labour Party in 2001 to join the Social Democratic Party.",
     ("Sam Ortiz", "member", "Social Democratic Party")),
    ("Sam Ortiz is an Indian politician belonging to the Bharatiya Janata Party.",
     ("Sam Ortiz", "member", "Bharatiya Janata Party")),
    ("Sam Ortiz is a Member of Parliament representing the Conservative Party.", ("Sam Ortiz", "member", "Conservative Party")),
])
def test_more_party_membership_forms(en_nlp, text, fact):
    assert fact in keys(en_nlp, text)


@pytest.mark.parametrize("text", [
    "Google's Sam Ortiz spoke at the launch.",
    "Sam Ortiz was invited to join the Liberal Party in 1999.",
    "Sam Ortiz refused to join the Liberal Party.",
    "Sam Ortiz switched to Google in 2010.",
    "Sam Ortiz hopes to join the Liberal Party next year.",
])
def test_no_membership_from_other_possessives_or_unrealised_joins(en_nlp, text):
    assert not any(p == "Sam Ortiz" and role == "member" for p, role, _ in keys(en_nlp, text))


# --- terms of office: "the presidency of X" ---------------------------------------------------

@pytest.mark.parametrize("text,fact", [
    ("The agency was founded in Brazil. It grew during the presidency of Luis Costa.", ("Luis Costa", "president", "Brazil")),
    ("The law was passed in Canada under Tom Bell's premiership.", ("Tom Bell", "prime minister", "Canada")),
    ("The castle was built in Sweden during the reign of Erik Lund.", ("Erik Lund", "monarch", "Sweden")),
])
def test_term_of_office_takes_the_documents_country(en_nlp, text, fact):
    assert fact in keys(en_nlp, text)


@pytest.mark.parametrize("text", [
    "Luis Costa criticised the presidency of the council.",
    "The agency grew during the presidency of Luis Costa.",  # no country: nothing to hold
    "Tom Bell is the mayor of Springfield in the United States. Bell's presidency of the club ended in 2001.",
    "Jane Roe served in the Obama administration in Pakistan and Brazil.",
])
def test_no_term_of_office_without_a_country_or_with_another_post(en_nlp, text):
    assert not any(role in ("president", "prime minister", "monarch") and org not in (None, "Springfield")
                   for _, role, org in keys(en_nlp, text))


# --- heads and staff of organisations ---------------------------------------------------------

@pytest.mark.parametrize("text,fact", [
    ("Laura Finch became head coach of the Chicago Bulls in 2015.", ("Laura Finch", "head coach", "Chicago Bulls")),
    ("Tom Akers serves as chairman of the board of Nordvik Energy.", ("Tom Akers", "chairman", "Nordvik Energy")),
    ("Tom Akers is chairman of the board of directors of Nordvik Energy.", ("Tom Akers", "chairman", "Nordvik Energy")),
    ("Tom Akers is a senior lecturer in physics at the University of Leeds.",
     ("Tom Akers", "senior lecturer", "University of Leeds")),
    ("Nordvik Energy is chaired by Laura Finch.", ("Laura Finch", "chair", "Nordvik Energy")),
    ("Nordvik Energy has been headed by Laura Finch since 2010.", ("Laura Finch", "head", "Nordvik Energy")),
])
def test_org_post_forms(en_nlp, text, fact):
    assert fact in keys(en_nlp, text)


def test_passive_present_is_current(en_nlp):
    t = {(x.person, x.role): x for x in run(en_nlp, "Nordvik Energy is chaired by Laura Finch.")[1]}
    assert t[("Laura Finch", "chair")].status == "current"


@pytest.mark.parametrize("text", [
    "Tom Akers is a lawyer in Oslo.",  # a place is no employer
    "Tom Akers is a teacher in Bergen.",
    "The attack was led by Tom Akers.",  # no organisation
    "Tom Akers is chairman of the board.",
])
def test_no_org_post_without_an_org(en_nlp, text):
    assert not any(org for p, _, org in keys(en_nlp, text) if p == "Tom Akers")


def test_joining_a_sports_team_is_no_employment(en_nlp):
    t = keys(en_nlp, "Tom Akers spent six years in Denver before joining the Chicago Bears as a free agent in 2014.")
    assert not any(org == "Chicago Bears" for _, _, org in t)


@pytest.mark.parametrize("text,org", [
    ("Tom Akers joined General Motors in 1990.", "General Motors"),
    ("Tom Akers joined Singapore Airlines in 2001.", "Singapore Airlines"),
])
def test_joining_a_company_with_a_plural_name_is_employment(en_nlp, text, org):
    assert ("Tom Akers", "employee", org) in keys(en_nlp, text)


@pytest.mark.parametrize("text,name,value", [
    ("Jonas Ek (5 June 1950 – ) is a Swedish painter.", "Jonas Ek", "1950-06-05"),
    ("Jonas Ek (June 5, 1950 – ) is a Swedish painter.", "Jonas Ek", "1950-06-05"),
    ("Jonas Ek (also Jonas Eek, 1950 – 2010) was a Swedish painter.", "Jonas Ek", "1950"),
    ("Jonas Ek, born in Malmo in 1950, is a painter.", "Jonas Ek", "1950"),
    ("Jonas Ek, born in Malmo on 5 June 1950, is a painter.", "Jonas Ek", "1950-06-05"),
    ("Jonas Ek is a Swedish painter born on 5 June 1950 in Malmo.", "Jonas Ek", "1950-06-05"),
])
def test_more_birth_forms(en_nlp, text, name, value):
    assert births(en_nlp, text).get(name) == value


@pytest.mark.parametrize("text", [
    "Jonas Ek is the son of a farmer born in 1920.",
    "Jonas Ek met a painter born in 1920.",
    "Jonas Ek, born in Malmo, moved to Oslo in 1950.",
    "Jonas Ek visited the exhibition (5 June 1950 – ) in Malmo.",
    "Jonas Ek (Ohio, 1950 – 2010) wrote about the war.",
])
def test_more_births_of_no_one(en_nlp, text):
    assert "Jonas Ek" not in births(en_nlp, text)


# --- "NAME of ORG": affiliation; "the new company" -------------------------------------------

@pytest.mark.parametrize("text,facts", [
    ("The peak was measured in 2001 by Damien Roe and Rita Fica of the Omega Foundation.",
     {("Damien Roe", "employee", "Omega Foundation"), ("Rita Fica", "employee", "Omega Foundation")}),
    ("Jane Roe of Acme Corp said prices would rise.", {("Jane Roe", "employee", "Acme Corp")}),
    ("US Airways merged with AMR Corporation in 2013. Doug Parker became CEO of the new company.",
     {("Doug Parker", "chief executive officer", "AMR Corporation")}),
])
def test_affiliation_and_new_company(en_nlp, text, facts):
    assert facts <= keys(en_nlp, text)


@pytest.mark.parametrize("text", [
    "Catherine of Aragon married Henry in 1509.",
    "Marco Rossi of Inter Milan scored twice in the league match.",
    "Jane Roe of Acme Corp fame spoke at the event.",
])
def test_no_affiliation_from_places_teams_or_modifiers(en_nlp, text):
    assert not any(role == "employee" for _, role, _ in keys(en_nlp, text))
