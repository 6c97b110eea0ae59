"""Role vocabulary from the title grammar, party and country attribution (issue: tenures from
real news). Sentences written for these tests; they run through kb's real English extract stage
(harness: ``test_news_matrix.py``). Each case fails without its rule."""

from __future__ import annotations

import pytest

from helpers.matrix import ANY, Case, F, No, extract, extractor  # noqa: F401  (extractor: the fixture)
from helpers.matrix import _check as check

CASES = [
    # grammar roles: a government portfolio before a ministerial head, standalone heads, "shadow"
    Case("g_portfolio_secretary", "Transport and industry aside, Housing Secretary Rupa Malhotra visited Leeds on Monday.",
         [F("Rupa Malhotra", "housing secretary")]),
    Case("g_courts_minister", "The plan was defended by prisons minister Colm Reidy in a debate on Monday.",
         [F("Colm Reidy", "prisons minister")]),
    Case("g_standalone_head", "State Comptroller Dana Whitfield said the audit would take a year.",
         [F("Dana Whitfield", "comptroller")]),
    Case("g_function_chief", "Oskar Lindgren, the bank's former finance chief, left in May.",
         [F("Oskar Lindgren", "finance chief")]),
    Case("g_shadow_kept", "Shadow health secretary Priya Banerjee attacked the waiting lists.",
         [F("Priya Banerjee", "shadow health secretary", None), No(person="Priya Banerjee", role="health secretary")]),
    # party premodifier -> the party's own name
    Case("p_tory_leader", "Tory leader Edmund Carlisle spoke in Bristol on Friday.",
         [F("Edmund Carlisle", "leader", "Conservative Party"), No(org="Tory")]),
    # a country from cues when none is named: British politics news
    Case("c_uk_cues", "Health Secretary Rupa Malhotra told the Commons that the Tories had cut budgets.",
         [F("Rupa Malhotra", "health secretary", "United Kingdom")]),
    Case("c_named_country", "Finance minister Lars Aaby presented the budget. Norway's economy grew by 2%.",
         [F("Lars Aaby", "finance minister", "Norway")]),
    Case("c_shadow_no_country", "Shadow foreign secretary Tom Ashby told the Commons that the Tories would act.",
         [F("Tom Ashby", "shadow foreign secretary", None)]),
    Case("c_party_mp", "Labour MP Jane Roe said the Commons should sit longer. The Tories disagreed.",
         [F("Jane Roe", "member of parliament", "United Kingdom"), No(person="Jane Roe", org="Labour")]),
    Case("c_party_secretary", "Former Tory education secretary Ann Dale backed the plan in the Commons.",
         [F("Ann Dale", "education secretary", "United Kingdom"), No(org="Conservative Party", role="education secretary")]),
    Case("c_role_cues_only", "Chancellor Tom Ashby met Foreign Secretary Ann Dale and Defence Secretary Jo Hill.",
         [F("Tom Ashby", "chancellor", "United Kingdom"), F("Ann Dale", "foreign secretary", "United Kingdom")]),
    Case("c_cues_beat_named_country", "Labour MP Jane Roe visited Iraq and Iraq's leaders on Monday. Home Secretary "
         "Ann Dale told the Commons that Iraq needed help.",
         [F("Jane Roe", "member of parliament", "United Kingdom"), F("Ann Dale", "home secretary", "United Kingdom")]),
    Case("c_england", "Prime Minister Tom Ashby opened a school in England on Monday.",
         [F("Tom Ashby", "prime minister", "United Kingdom"), No(org="England")]),
    Case("c_no_cues", "Health secretary Rupa Malhotra opened the new ward on Monday.",
         [F("Rupa Malhotra", "health secretary", None)]),
    # portfolios news names ministers by (session 12): oil, petroleum, aid; never an organisation
    Case("g_oil_minister", "Talks were held with Velland's oil minister Omar Salim on Monday.",
         [F("Omar Salim", "oil minister", ANY), No(person="Omar Salim", role="minister")]),
    Case("g_petroleum_minister", "The deal was signed by Velland's petroleum minister Raj Kumar in May.",
         [F("Raj Kumar", "petroleum minister", ANY)]),
    Case("g_aid_minister", "The MPs met Aid minister Hilary Bowen and Home Secretary Ann Dale in Leeds.",
         [F("Hilary Bowen", "aid minister", ANY), No(person="Hilary Bowen", org="Aid")]),
    # a department "... Office" before "minister" names the post and its organisation (session 12)
    Case("o_office_minister", "Home Office minister Fiona Hale said the plan would work.",
         [F("Fiona Hale", "home office minister", "Home Office")]),
    Case("o_office_minister_former", "Ex-Welsh Office minister Tom Brink denied the claim.",
         [F("Tom Brink", "welsh office minister", "Welsh Office")]),
    # "whose" clause: the role is someone else's
    Case("w_whose_father", "Former minister Alan Pryce, whose father served as lord chancellor, spoke first.",
         [No(person="Alan Pryce", role="lord chancellor")]),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_vocabulary_and_attribution(extractor, case):
    problems = check(extract(extractor, case.text, case.published), case)
    assert not problems, "\n".join(problems)


ORGS = [
    Case("o_two_word_party", "Social Democrat leader Hanna Lind spoke in Malmo.",
         [F("Hanna Lind", "leader", "Social Democratic Party")]),
    Case("o_bank_of_place", "Bank of Velland governor Tor Aasen said rates would stay.",
         [F("Tor Aasen", "governor", "Bank of Velland")]),
    Case("o_possessed_org", "Jane Roe, the chairman of Norway's largest bank, Nordbanken, resigned.",
         [F("Jane Roe", "chairman", "Nordbanken"), No(person="Jane Roe", org="Norway")]),
    Case("o_possessed_name", "Jane Roe, the chief executive of Norway's Statnett, resigned.",
         [F("Jane Roe", "chief executive officer", "Statnett")]),
]


@pytest.mark.parametrize("case", ORGS, ids=[c.id for c in ORGS])
def test_org_attribution(extractor, case):
    problems = check(extract(extractor, case.text, case.published), case)
    assert not problems, "\n".join(problems)


CONSTRUCTIONS = [
    # coordinated role nouns share the organisation after the last one
    Case("k_coordinated_org", "Jane Roe has been managing director and chief executive of Velland Shipping since 2002.",
         [F("Jane Roe", "managing director", "Velland Shipping"),
          F("Jane Roe", "chief executive officer", "Velland Shipping")]),
    Case("k_coordinated_exit", "Tom Berg stepped down as director and deputy chairman of Norvik Foods in May 2021.",
         [F("Tom Berg", "director", "Norvik Foods", status="former"), F("Tom Berg", "deputy chairman", "Norvik Foods")]),
    Case("k_coordinated_other_posts", "Both the Cardinal and Archbishop of Canterbury Tom Ashby spoke.",
         [No(role="cardinal", org="Canterbury")]),
    Case("k_conjoined_titles", "Veteran Labour MP and former Cabinet minister Jane Roe will stand down.",
         [F("Jane Roe", "member of parliament"), F("Jane Roe", "cabinet minister", ANY, status="former"),
          No(org="Veteran Labour")]),
    Case("k_conjoined_not_title", "The chairman and Jane Roe met on Monday.", [No(person="Jane Roe", role="chairman")]),
    Case("k_conjoined_two_people", "Both the prime minister and Chancellor Tom Ashby called for action.",
         [No(person="Tom Ashby", role="prime minister")]),
    # "took over from Y as ROLE": Y held it before
    Case("k_took_over_from", "Anna Holt took over from Erik Lund as chief executive of Norvik Foods in 2019.",
         [F("Anna Holt", "chief executive officer", "Norvik Foods", start="2019"),
          F("Erik Lund", "chief executive officer", "Norvik Foods", status="former")]),
    # announced appointments: not held yet, the predecessor still holds the post
    Case("k_is_to_become", "Anna Holt is to become chairman of Norvik Foods in April 2025.",
         [F("Anna Holt", "chairman", "Norvik Foods", status="unknown")]),
    Case("k_will_succeed", "Anna Holt will succeed Erik Lund as president of the Velland Rowing Club in June.",
         [F("Anna Holt", "president", "Velland Rowing Club", status="unknown"),
          F("Erik Lund", "president", "Velland Rowing Club", status="current")]),
    Case("k_to_stand_down", "Tom Berg, who is to stand down as chairman of Norvik Foods in May, spoke on Friday.",
         [F("Tom Berg", "chairman", "Norvik Foods", status="current")]),
    Case("k_exit_noun", "Acme Foods said the losses led to the resignation of its chairman, Tom Berg, in May.",
         [F("Tom Berg", "chairman", ANY, status="former")]),
    Case("k_exit_noun_title", "Shares rose after the sacking of chief executive Anna Holt by Norvik Foods.",
         [F("Anna Holt", "chief executive officer", ANY, status="former")]),
    Case("k_over_not_link", "Tom Ashby spoke on Monday. He warned that unless ministers backed down over the lord "
         "chancellor keeping his seat, the bill would fail.", [No(role="lord chancellor")]),
    Case("k_represents_seat", "Jane Roe spoke to the Commons. She has represented the constituency of Eastmoor since 1997.",
         [F("Jane Roe", "member of parliament", ANY, start="1997", status="current")]),
    Case("k_represents_client", "Jane Roe has represented the company in court since 1997.",
         [No(person="Jane Roe", role="member of parliament")]),
    Case("k_principal_of", "Ann Dale, principal of the Eastmoor College of Art, said fees would rise.",
         [F("Ann Dale", "principal", "Eastmoor College of Art")]),
    Case("k_would_still_blocked", "Anna Holt would become chairman of Norvik Foods if the vote passed.",
         [No(person="Anna Holt", role="chairman")]),
]


@pytest.mark.parametrize("case", CONSTRUCTIONS, ids=[c.id for c in CONSTRUCTIONS])
def test_constructions(extractor, case):
    problems = check(extract(extractor, case.text, case.published), case)
    assert not problems, "\n".join(problems)
