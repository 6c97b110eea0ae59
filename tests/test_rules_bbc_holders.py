"""Holder rules added in session 10 for unseen BBC news (the bbc10 dev set and the BBC corpus):
sentences written for these tests, each rule with sentences it must not fire on (real English
model; skipped when absent).

The small English model tags a company's one-word name PERSON or NORP right before a title
("said [Yukos]PERSON boss X"). Made-up names do not reproduce that reliably, so the tests that
need it add an entity ruler after the model's NER that gives the names the wrong label the way
the model does on real text."""

from __future__ import annotations

import pytest

from helpers.facts import tenures
from helpers.mislabel import english_with_labels

PUBLISHED = "2005-02-14"


@pytest.fixture(scope="module")
def mislabelling_nlp():
    """The English model plus a ruler that labels these company names PERSON or NORP."""
    return english_with_labels({**{w: "PERSON" for w in ("Korvex", "Hale", "Anton Lindqvist", "Maria Sotto", "Tom Brink")},
                                **{w: "NORP" for w in ("Brellin", "Kenyan")}})


def _orgs_of(found, person):
    return {org for (p, _role, org) in found if p == person}


# ---------------------------------------------------------------- a company NER misread before a title
@pytest.mark.parametrize("text,key", [
    ("Profits will fall next year, said Korvex boss Anton Lindqvist.", ("Anton Lindqvist", "boss", "Korvex")),
    ("Demand is holding up well, said Brellin economist Maria Sotto.", ("Maria Sotto", "economist", "Brellin")),
])
def test_company_misread_before_a_title(mislabelling_nlp, text, key):
    assert key in tenures(mislabelling_nlp, text, PUBLISHED)


@pytest.mark.parametrize("text,person,org", [
    ("Demand is holding up well, said Kenyan economist Maria Sotto.", "Maria Sotto", "Kenyan"),  # a nationality
    ("The plan is sound, said Hale adviser Tom Brink.", "Tom Brink", "Hale"),  # a person's adviser
])
def test_misread_rule_keeps_nationalities_and_persons(mislabelling_nlp, text, person, org):
    assert org not in _orgs_of(tenures(mislabelling_nlp, text, PUBLISHED), person)


def test_sentence_initial_company_before_a_title(en_nlp):
    found = tenures(en_nlp, "Gazprom chief Ivan Petrov confirmed the sale of the refinery.", PUBLISHED)
    assert ("Ivan Petrov", "chief", "Gazprom") in found


@pytest.mark.parametrize("text,person,org", [
    ("Committee chairman Henrik Adler said the report was fair.", "Henrik Adler", "Committee"),  # a kind of body
    ("Euro MP Henrik Adler was attacked in Leeds.", "Henrik Adler", "Euro"),  # a state post
])
def test_sentence_initial_word_that_is_no_company(en_nlp, text, person, org):
    assert org not in _orgs_of(tenures(en_nlp, text, PUBLISHED), person)


# ---------------------------------------------------------------- appositions over a place premodifier
@pytest.mark.parametrize("text,key", [
    ("Ross Hale, UK economist at Dunmore Bank, said the figures were weak.", ("Ross Hale", "economist", "Dunmore Bank")),
    ("Ian Toller, chief US economist for Parkway Securities, said rates would rise.",
     ("Ian Toller", "economist", "Parkway Securities")),
])
def test_apposition_over_a_place(en_nlp, text, key):
    assert key in tenures(en_nlp, text, PUBLISHED)


def test_apposition_over_a_place_needs_the_org(en_nlp):
    found = tenures(en_nlp, "Ross Hale, UK economist, said the figures were weak.", PUBLISHED)
    assert not any(p == "Ross Hale" and org in ("UK", "United Kingdom") for (p, _r, org) in found)


# ---------------------------------------------------------------- a kind of company before its name
def test_analyst_at_a_brokerage(en_nlp):
    found = tenures(en_nlp, "Prices will keep rising, said Olga Petrova, an analyst at brokerage Kastel.", PUBLISHED)
    assert ("Olga Petrova", "analyst", "Kastel") in found


# ---------------------------------------------------------------- Leader of the House
def test_commons_leader(en_nlp):
    text = "Britain's parliament will vote on Monday. Commons leader Tom Brink said the vote would be held."
    assert ("Tom Brink", "leader of the house of commons", "United Kingdom") in tenures(en_nlp, text, PUBLISHED)


def test_shadow_leader_of_the_commons(en_nlp):
    found = tenures(en_nlp, "The plan is far too costly, said shadow leader of the Commons Peter Hollis.", PUBLISHED)
    assert ("Peter Hollis", "shadow leader of the house of commons", None) in found


# ---------------------------------------------------------------- "the prime minister said"
def test_prime_minister_skips_a_holder_of_another_post(en_nlp):
    text = ("Tony Roe has backed Chancellor Jo Lee's report on the British economy. "
            "In a speech in Leeds, the prime minister said the report was good.")
    found = tenures(en_nlp, text, PUBLISHED)
    assert ("Tony Roe", "prime minister") in {(p, r) for (p, r, _o) in found}
    assert ("Jo Lee", "prime minister") not in {(p, r) for (p, r, _o) in found}


def test_prime_minister_with_no_free_person_stays_open(en_nlp):
    text = ("Chancellor Jo Lee has backed the report on the British economy. "
            "In a speech in Leeds, the prime minister said the report was good.")
    assert not any(r == "prime minister" for (_p, r, _o) in tenures(en_nlp, text, PUBLISHED))


def test_other_offices_do_not_skip(en_nlp):
    text = ("Tony Roe has backed Prime Minister Jo Lee's plan for the British economy. "
            "Later the chancellor said the plan was affordable.")
    assert ("Tony Roe", "chancellor") not in {(p, r) for (p, r, _o) in tenures(en_nlp, text, PUBLISHED)}


# ---------------------------------------------------------------- bare party titles
def test_bare_party_leader_takes_the_party_named_just_before(en_nlp):
    text = ("Labour and the Tories fought over taxes again in Leeds on Monday. Labour said the Tory sums were wrong. "
            "As usual, the Liberal Democrats struggled to be heard. "
            "But leader Anna Webb believes her party can win more seats.")
    assert ("Anna Webb", "leader", "Liberal Democrats") in tenures(en_nlp, text, PUBLISHED)


def test_described_leader_is_no_party_post(en_nlp):
    text = ("Labour said the Tory sums were wrong. Labour wants a vote. "
            "Union leader Anna Webb said the strike would go ahead.")
    assert not any(p == "Anna Webb" and o in ("Labour", "Labour Party") for (p, _r, o) in tenures(en_nlp, text, PUBLISHED))


# ---------------------------------------------------------------- premodifier chains
@pytest.mark.parametrize("text,key", [
    ("Marta Lind, EU foreign policy chief, said the talks would resume.", ("Marta Lind", "chief", "European Union")),
    ("BBC home affairs correspondent Ola Brekke said the figures were disputed.", ("Ola Brekke", "correspondent", "BBC")),
])
def test_premodifier_chain_reaches_the_org(en_nlp, text, key):
    assert key in tenures(en_nlp, text, PUBLISHED)


def test_body_kind_in_the_chain_blocks_the_possessor(en_nlp):
    found = tenures(en_nlp, "Norway's port authority chief Ola Brekke said the harbour would reopen.", PUBLISHED)
    assert ("Ola Brekke", "chief", "Norway") not in found


def test_deputy_leader_of_a_named_body(en_nlp):
    found = tenures(en_nlp, "Jon Ames, Unison's deputy leader, made the comments at a rally.", PUBLISHED)
    assert ("Jon Ames", "deputy leader", "Unison") in found


# ---------------------------------------------------------------- a unit of an organisation, a title-case domain
def test_head_of_a_department_at_a_company(en_nlp):
    found = tenures(en_nlp, "The losses are large, said Anna Lind, deputy head of the claims department at Kastel Bank.",
                    PUBLISHED)
    assert ("Anna Lind", "deputy head", "Kastel Bank") in found


def test_head_of_a_unit_needs_at(en_nlp):
    found = tenures(en_nlp, "The losses are large, said Anna Lind, deputy head of the claims department.", PUBLISHED)
    assert not any(p == "Anna Lind" and o for (p, _r, o) in found)


def test_title_case_domain_after_an_owner(en_nlp):
    text = "The EU's Humanitarian Aid Commissioner, Paolo Marchetti, said the money would arrive within days."
    found = tenures(en_nlp, text, PUBLISHED)
    assert any(p == "Paolo Marchetti" and r == "commissioner" and o in ("EU", "European Union") for (p, r, o) in found)


# ---------------------------------------------------------------- "company president X"
def test_company_word_takes_the_story_company(en_nlp):
    text = ("Kestrel Stores Inc is the biggest grocer. Kestrel Stores Inc has 900 shops. "
            "Kestrel Stores Inc answered its critics with a letter from company president Lee Varga on Monday.")
    assert ("Lee Varga", "president", "Kestrel Stores Inc") in tenures(en_nlp, text, PUBLISHED)


def test_company_word_without_a_story_company_is_dropped(en_nlp):
    text = "Prices rose in Norway. The letter came from company president Lee Varga on Monday."
    assert not any(p == "Lee Varga" for (p, _r, _o) in tenures(en_nlp, text, PUBLISHED))


# ---------------------------------------------------------------- market jobs and compound premodifiers
@pytest.mark.parametrize("text,key", [
    ("Anna Moss, chief currency strategist at Kellerman Bank, said the euro would rise.",
     ("Anna Moss", "strategist", "Kellerman Bank")),
    ("Hans Vogt, a fund manager at Tellus Capital, said the bid was likely.", ("Hans Vogt", "fund manager", "Tellus Capital")),
    ("Blake Orton, campaigns director at Greenpeace, said the plan was meaningless.",
     ("Blake Orton", "director", "Greenpeace")),
])
def test_market_jobs_and_plural_premodifiers(en_nlp, text, key):
    assert key in tenures(en_nlp, text, PUBLISHED)


def test_strategist_needs_an_org(en_nlp):
    assert not tenures(en_nlp, "The euro will rise, said strategist Anna Moss.", PUBLISHED)


# ---------------------------------------------------------------- "leader of Britain's biggest union Unison"
def test_possessed_kind_then_name(en_nlp):
    found = tenures(en_nlp, "Jan Roe, chairman of Norway's largest bank DNB, said the merger was over.", PUBLISHED)
    assert ("Jan Roe", "chairman", "DNB") in found


def test_possessed_kind_without_name_keeps_the_owner(en_nlp):
    found = tenures(en_nlp, "Jan Roe, head of Norway's central bank, said rates would rise.", PUBLISHED)
    assert ("Jan Roe", "head", "Norway") in found


# ---------------------------------------------------------------- "said analyst Jane Roe at Acme Bank"
@pytest.mark.parametrize("text,key", [
    ("The deficit will widen, said economist Marie Dufort at Ixis Bank.", ("Marie Dufort", "economist", "Ixis Bank")),
    ("Prices are high, said energy analyst Tom Hale of Barclays Capital.", ("Tom Hale", "analyst", "Barclays Capital")),
])
def test_employer_after_the_name(en_nlp, text, key):
    assert key in tenures(en_nlp, text, PUBLISHED)


def test_place_after_the_name_is_no_employer(en_nlp):
    found = tenures(en_nlp, "The results are modest, said director Jane Roe of Leeds.", PUBLISHED)
    assert not any(o == "Leeds" for (_p, _r, o) in found)
