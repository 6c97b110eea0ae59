"""Organisations and roles of constructions from real news (issue 17): a department head's open
domain before "at ORG", a body described by its kind ("director of civil rights group X"), a
body named in lower case ("chairman of the all-party committee on Lords reform"), a plural
title before one name, national public offices, an adviser to a post-holder, portfolio titles
as data, a list item "the estate of X", a committee's chairman, coordinated roles sharing an owner and a
date, and a possessive that is no copula. Sentences written for these tests; they run through
kb's real English extract stage (harness: ``helpers/matrix.py``)."""

from __future__ import annotations

import pytest

from helpers.matrix import Case, F, No, extract, extractor  # noqa: F401  (extractor: the fixture)
from helpers.matrix import _check as check

CASES = [
    # "head/director of <any lower-case domain> at ORG": the domain is part of the title
    Case("dept_head_at", "Prices will stay firm, said Mara Lind, head of commodity research at Halden Securities.",
         [F("Mara Lind", "head of commodity research", "Halden Securities", status="current")]),
    Case("dept_director_at", "Oskar Brenn, director of fixed income at Nordvik Capital, expects two rate cuts.",
         [F("Oskar Brenn", "director of fixed income", "Nordvik Capital")]),
    Case("dept_no_at_no_domain", "Oskar Brenn, the head of state, opened the session.",
         [No(person="Oskar Brenn", role="head of state at")]),
    # a body described by its kind before its name
    Case("kind_group", "Lena Voss, director of consumer rights group Fairplay, called the fee unlawful.",
         [F("Lena Voss", "director", "Fairplay")]),
    Case("kind_firm_at", "Sales were weak, said Piet Aalders, an analyst at research firm Veldmark.",
         [F("Piet Aalders", "analyst", "Veldmark")]),
    Case("kind_the_name", "Rosa Klint, a spokeswoman for the pressure group Open Doors, criticised the bill.",
         [F("Rosa Klint", "spokeswoman", "Open Doors")]),
    Case("kind_capital_word", "Nils Ek, head of policy at Cancer charity the Brightwater Trust, welcomed the move.",
         [F("Nils Ek", "head of policy", "Brightwater Trust")]),
    Case("kind_person_after", "The firm hired Tom Berg, a director of investment company Anna Holt said.",
         [No(person="Tom Berg", org="Anna Holt")]),
    # a body named in lower case, up to its body noun and its "on" topic
    Case("body_lower_case", "Since 2001 Ruth Alden has served as the chairman of the cross-party committee on pension reform.",
         [F("Ruth Alden", "chairman", "cross-party committee on pension reform")]),
    Case("body_capital_first", "Edwin Marsh, chairman of the Commons transport select committee, said the plan was late.",
         [F("Edwin Marsh", "chairman", "Commons transport select committee")]),
    Case("body_bare_is_no_name", "Edwin Marsh is chairman of the committee.",
         [No(person="Edwin Marsh", org="committee")]),
    # a plural title before a single name
    Case("plural_title_one_name", "The fund paid Ola Dahl and fellow former Brakton directors Kari Lund.",
         [F("Kari Lund", "director", "Brakton", status="former")]),
    Case("plural_title_relative", "The Brakton directors Kari Lund appointed were all men.",
         [No(person="Kari Lund", role="director")]),
    Case("plural_list_estate", "Velland Shipping settled. Velland Shipping paid $5m. Velland Shipping shares rose. "
         "The four former outside directors are Tom Berg, Anna Holt, Erik Lund and the estate of Michael Grant.",
         [F("Michael Grant", "director", "Velland Shipping", status="former"), F("Tom Berg", "director", "Velland Shipping")]),
    # a body's chair: the body noun's own words, else the body of that noun named last
    Case("chair_body_words", "Public accounts committee chairman Edwin Marsh said the audit was late.",
         [F("Edwin Marsh", "chairman", "Public accounts committee")]),
    Case("chair_body_named_before", "Waste report\n\nThe Commons transport select committee criticised the project. "
         "Committee chairman Edwin Marsh said it was a waste of money.",
         [F("Edwin Marsh", "chairman", "Commons transport select committee")]),
    Case("chair_body_before_main_org", "Audit row\n\nThe Home Office spent too much. The Home Office said costs rose. "
         "The Home Office will reply. Public accounts committee chairman Edwin Marsh said the audit was late.",
         [F("Edwin Marsh", "chairman", "Public accounts committee"), No(person="Edwin Marsh", org="Home Office")]),
    Case("chair_body_none_named", "Committee chairman Edwin Marsh said it was a waste of money.",
         [F("Edwin Marsh", "chairman", None)]),
    # a national public office takes the document's country
    Case("public_office_country", "Schools row\n\nThe Tories and Labour clashed in the Commons. Former chief inspector "
         "of schools Mr Harwood, 60, backed the plan.",
         [F("Harwood", "chief inspector of schools", "United Kingdom", status="former")]),
    # an adviser to a post-holder serves the holder's organisation
    Case("adviser_of_holder", "Brakton Foods cut jobs. Brakton Foods said sales fell. Brakton Foods will recover. "
         "Julia Moll spent a year as a special advisor to chief executive Karl Brandt.",
         [F("Karl Brandt", "chief executive officer", "Brakton Foods"), F("Julia Moll", "special advisor", "Brakton Foods")]),
    # portfolio titles as data
    Case("portfolio_work", "The cuts were announced by Work Secretary Alan Fenwick on Tuesday.",
         [F("Alan Fenwick", "work secretary")]),
    Case("portfolio_transportation", "Transportation Secretary Dana Whitfield ordered an inquiry.",
         [F("Dana Whitfield", "transportation secretary")]),
    Case("co_ordinator", "The launch was hosted by election co-ordinator Ben Ashcroft.",
         [F("Ben Ashcroft", "election coordinator")]),
    Case("chief_finance_officer", "Velland Shipping said its chief finance officer Aud Moen would leave.",
         [F("Aud Moen", "chief financial officer", "Velland Shipping")]),
    # coordinated roles share the owner before them and the clause's date
    Case("coord_possessive_owner", "Rolf Aas, Norvik Bank's chairman and chief executive, said profits rose.",
         [F("Rolf Aas", "chairman", "Norvik Bank"), F("Rolf Aas", "chief executive officer", "Norvik Bank")]),
    Case("coord_since_date", "Rolf Aas has been managing director and chief executive of Norvik Bank since 2002.",
         [F("Rolf Aas", "managing director", "Norvik Bank", start="2002", status="current"),
          F("Rolf Aas", "chief executive officer", "Norvik Bank", start="2002")]),
    Case("coord_exit_date", "Rolf Aas stepped down as director and vice-chairman of Norvik Bank in 2003.",
         [F("Rolf Aas", "director", "Norvik Bank", end="2003", status="former"),
          F("Rolf Aas", "vice chairman", "Norvik Bank", end="2003", status="former")]),
    Case("coord_own_dates", "Rolf Aas became chairman in 2003 and chief executive in 2005.",
         [F("Rolf Aas", "chairman", start="2003"), F("Rolf Aas", "chief executive officer", start="2005")]),
    # "its" is the organisation named last, also one the document's cues retyped from a person
    Case("its_retyped_org", "Shares in Kovrak fell by 5%. Kovrak claims its founder Ivan Petrov was punished for his "
         "ambitions. Kovrak shares fell.",
         [F("Ivan Petrov", "founder", "Kovrak")]),
    # a possessive is no copula
    Case("possessive_not_copula", "Martin Hale met the unions. Mr Hale's official spokesman said the talks went well.",
         [No(person="Martin Hale", role="spokesman")]),
    Case("contraction_is_copula", "Tom Reid joined in 1990 and he's chairman of Norvik Bank now.",
         [F("Tom Reid", "chairman", "Norvik Bank")]),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_news_orgs(extractor, case):
    problems = check(extract(extractor, case.text, case.published), case)
    assert not problems, "\n".join(problems)
