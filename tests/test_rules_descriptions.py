"""Who a role description refers back to ("the chancellor said", rules/back_references.py): a post
once resolved keeps its holder, a clause's own subject is not the post described inside it, a
role word of the other gender rules a person out, and a post written without a name between is
what "the spokesman" means again. Sentences written for these tests; real English model."""

from __future__ import annotations

import pytest

from helpers.facts import tenures
from kb.extract.rules.back_references import role_gender


def _holders(t, role):
    return sorted(p for (p, r, _) in t if r == role)


def test_a_description_resolved_once_keeps_its_holder(en_nlp):
    """The second "the chancellor" is the man the first one was, not the person named last."""
    t = tenures(en_nlp, "Tom Hale spoke in Leeds on Monday. The chancellor said taxes would not rise. "
                        "Ann Roe had decided in May she would quit. "
                        "She changed her mind after the chancellor was seen plotting against her.")
    assert _holders(t, "chancellor") == ["Tom Hale"], sorted(t)


@pytest.mark.parametrize("text", [
    "Ann Roe spoke in Leeds. Ann Roe changed her mind amid suspicion the chancellor was plotting against her.",
    "Ann Roe spoke in Leeds. Ann Roe hosted a dinner where the chancellor told Tom Hale he would stay.",
    "Ann Roe spoke in Leeds. Ann Roe, the member for Northby, said the chancellor was wrong.",
])
def test_the_subject_of_a_clause_holding_the_description_is_not_described(en_nlp, text):
    t = tenures(en_nlp, text)
    assert "Ann Roe" not in _holders(t, "chancellor"), sorted(t)


def test_a_possessive_in_the_sentence_may_still_be_described(en_nlp):
    """ "Mr Hale's remarks … the mayor was wrong": a possessive is no clause subject."""
    t = tenures(en_nlp, "Tom Hale spoke in Leeds. Ann Roe said Mr Hale's remarks were rude but she did not "
                        "believe the mayor was a bigot.")
    assert _holders(t, "mayor") == ["Tom Hale"], sorted(t)


def test_a_role_word_of_the_other_gender_rules_the_person_out(en_nlp):
    t = tenures(en_nlp, "The Queen and Prince Arvid will lead the service. The Queen will also host a reception.")
    assert "Arvid" not in _holders(t, "queen") and "Prince Arvid" not in _holders(t, "queen"), sorted(t)


def test_a_role_word_of_the_same_gender_refers_back(en_nlp):
    t = tenures(en_nlp, "Mrs Ann Roe was in Leeds on Monday. The spokeswoman said the plan was unfair.")
    assert _holders(t, "spokeswoman") == ["Ann Roe"], sorted(t)


@pytest.mark.parametrize("role, gender", [
    ("queen", "f"), ("spokeswoman", "f"), ("executive chairwoman", "f"), ("king", "m"),
    ("chairman", ""), ("spokesman", ""), ("chancellor", ""),
])
def test_role_gender(role, gender):
    assert role_gender(role) == gender


def test_an_unnamed_holder_written_between_is_described_again(en_nlp):
    """ "the mayor's spokesman was asked about Mr Hale … The spokesman said": that spokesman."""
    t = tenures(en_nlp, "Later the mayor's spokesman was asked about Mr Tom Hale's language. "
                        "The spokesman said the matter was closed.")
    assert "Tom Hale" not in _holders(t, "spokesman"), sorted(t)


def test_a_named_person_after_no_unnamed_holder_is_described(en_nlp):
    t = tenures(en_nlp, "Tom Hale was asked about the mayor's language. The spokesman said the matter was closed.")
    assert _holders(t, "spokesman") == ["Tom Hale"], sorted(t)


# --- the head of government of the country the text places itself in (rules/places.py) ----------

def test_a_prime_minister_in_british_news_is_british_though_it_names_another_country(en_nlp):
    t = tenures(en_nlp, "Tom Hale faced the Commons over the war in Iraq. The Tories asked for the advice on Iraq. "
                        "Downing Street said the war was legal. Prime Minister Tom Hale said the advice was sound.")
    assert [o for (p, r, o) in t if p == "Tom Hale" and r == "prime minister"] == ["United Kingdom"], sorted(t)


def test_a_prime_minister_named_with_another_country_in_his_sentence_keeps_it(en_nlp):
    t = tenures(en_nlp, "The Tories asked for the advice. The war was legal, Downing Street said. "
                        "In Canberra, Prime Minister Tom Hale said Australia would help.")
    assert [o for (p, r, o) in t if p == "Tom Hale" and r == "prime minister"] == ["Australia"], sorted(t)


# --- more ways to use "the ROLE" as a subject (back_references.is_description) -----------------

@pytest.mark.parametrize("text", [
    "Tom Hale, whose father was a judge, said the plan was bad. But the Tory MP for Northby and Eastby admitted "
    "the office could not be frozen.",
    "Tom Hale spoke in Leeds on Monday. The MP for Northby conceded the plan would cost more.",
])
def test_a_described_mp_with_a_seat_refers_back(en_nlp, text):
    t = tenures(en_nlp, text)
    assert _holders(t, "member of parliament") == ["Tom Hale"], sorted(t)


def test_a_description_is_not_the_object_of_an_if_clause(en_nlp):
    """ "even if the prime minister asked": no statement by the prime minister; "asked" stays out."""
    t = tenures(en_nlp, "Tom Hale spoke in Leeds. He said he would not go even if the prime minister asked.")
    assert _holders(t, "prime minister") == [], sorted(t)


# --- an office named anywhere in a sentence (back_references.is_office_description) -------------

@pytest.mark.parametrize("text,role", [
    ("Tom Hale has spoken of his plans for the railways. The transport secretary described how the money "
     "would be spent.", "transport secretary"),
    ("Tom Hale unveiled the budget on Monday. Critics accused the chancellor of hiding the debt.", "chancellor"),
    ("Tom Hale flew to Oslo on Monday. A summit chaired by the prime minister will discuss fishing.", "prime minister"),
    ("Tom Hale backed the plan. Ann Roe said he would not resign even if the prime minister asked.", "prime minister"),
])
def test_an_office_named_anywhere_is_the_previous_sentences_subject(en_nlp, text, role):
    t = tenures(en_nlp, text)
    assert _holders(t, role) == ["Tom Hale"], sorted(t)


@pytest.mark.parametrize("text", [
    "Tom Hale and Ann Roe met in Leeds. Critics accused the prime minister of hiding the debt.",  # two subjects
    "Tom Hale opened the school. The prime minister's wife was also there.",  # his wife: maybe the story's person
    "Tom Hale spoke in Leeds. MPs scrutinising the Office of the Prime Minister found waste.",  # a name
    "Tom Hale spoke in Leeds. He hopes one day to become the prime minister.",  # a predicate
    "Chancellor Tom Hale spoke in Leeds. Critics accused the prime minister of hiding the debt.",  # another post
    "Tom Hale spoke in Leeds. But he criticised both the prime minister and the unions.",  # "he" is Tom Hale
    "Critics met Tom Hale in Leeds. They accused the prime minister of hiding the debt.",  # not a subject
])
def test_an_office_named_anywhere_needs_one_clear_subject(en_nlp, text):
    t = tenures(en_nlp, text)
    assert _holders(t, "prime minister") == [], sorted(t)


def test_an_office_named_anywhere_is_not_a_person_of_its_own_sentence(en_nlp):
    t = tenures(en_nlp, "Tom Hale spoke in Leeds. Ann Roe turned to face the chancellor.")
    assert "Ann Roe" not in _holders(t, "chancellor"), sorted(t)


def test_an_office_reaches_over_a_sentence_that_names_nobody(en_nlp):
    t = tenures(en_nlp, "Tom Hale unveiled the plans on Monday. They include a new phone number for every town. "
                        "The home secretary said targets would follow.")
    assert _holders(t, "home secretary") == ["Tom Hale"], sorted(t)


def test_a_post_many_hold_does_not_reach_over_a_sentence(en_nlp):
    t = tenures(en_nlp, "Tom Hale unveiled the plans on Monday. They include a new phone number for every town. "
                        "The police spokesman said targets would follow.")
    assert "Tom Hale" not in _holders(t, "police spokesman") + _holders(t, "spokesman"), sorted(t)
