"""Plural role nouns introducing lists of persons (rules/lists.py) and company posts taking the
document's main organisation (rules/orgs.py document_org). Sentences written for these tests;
they run through kb's real English extract stage (harness: ``test_news_matrix.py``)."""

from __future__ import annotations

import pytest

from helpers.matrix import ANY, Case, F, IsOrg, No, extract, extractor  # noqa: F401  (extractor: the fixture)
from helpers.matrix import _check as check

CASES = [
    Case("l_copula_list", "The four former directors of Velland Shipping are Tom Berg, Anna Holt and Erik Lund.",
         [F("Tom Berg", "director", "Velland Shipping", status="former"), F("Anna Holt", "director", "Velland Shipping"),
          F("Erik Lund", "director", "Velland Shipping", status="former")]),
    Case("l_apposition_list", "Two Norvik directors, Ola Hansen and Kari Dahl, resigned on Monday.",
         [F("Ola Hansen", "director", "Norvik"), F("Kari Dahl", "director", "Norvik")]),
    Case("l_no_org_dropped", "The directors are Ola Hansen and Kari Dahl.",
         [No(person="Ola Hansen", role="director")]),
    Case("l_not_a_list", "The directors met Ola Hansen on Monday.",
         [No(person="Ola Hansen", role="director")]),
    Case("l_main_org", "Brakton Foods cut 300 jobs. Brakton Foods said sales fell. Analysts expect Brakton Foods to "
         "recover. The former directors, Ola Hansen and Kari Dahl, left last year.",
         [F("Ola Hansen", "director", "Brakton Foods", status="former"), F("Kari Dahl", "director", "Brakton Foods")]),
    Case("o_main_org_post", "Brakton Foods cut 300 jobs. Brakton Foods said sales fell. Analysts expect Brakton Foods "
         "to recover. Chief executive Mina Sorensen said the cuts were painful.",
         [F("Mina Sorensen", "chief executive officer", "Brakton Foods")]),
    Case("o_no_main_org", "Brakton Foods and Velland Shipping both cut jobs. Chief executive Mina Sorensen spoke.",
         [F("Mina Sorensen", "chief executive officer", None)]),
    # the outlet quoting people ("told Reuters", "Reuters correspondent") is not what the story is about
    Case("o_outlet_not_main_org", "Brakton Foods raises prices\n\nBrakton Foods said prices would rise by 4%. Ann Colt, "
         "a spokeswoman, told Reuters the rise was modest. Reuters correspondent Tim Avery said shoppers were angry. "
         "Reuters economics editor Rosa Lind said inflation was to blame. Brakton Foods blamed energy costs. A shoppers' "
         "group told Reuters it would protest. Chief executive Mina Sorensen said the rises were needed.",
         [F("Mina Sorensen", "chief executive officer", "Brakton Foods"), F("Tim Avery", "correspondent", "Reuters")]),
    # a name NER took for a person right before a company title and its holder is the company
    Case("o_juxtaposed_company", "Sales doubled, said Tallis Gene chief executive Tom Hale.",
         [F("Tom Hale", "chief executive officer", "Tallis Gene"), IsOrg("Tallis Gene")]),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_lists_and_main_org(extractor, case):
    problems = check(extract(extractor, case.text, case.published), case)
    assert not problems, "\n".join(problems)


LIST_NAMES = [
    Case("l_untagged_name_in_list", "The two Norvik directors in the dispute - Ingrid Solvang, Tom Berg and Erik Lund - resigned.",
         [F("Tom Berg", "director", "Norvik"), F("Erik Lund", "director", "Norvik")]),
    Case("l_left_after_list", "The Norvik directors - Ingrid Solvang, Tom Berg and Erik Lund - have all since left the firm.",
         [F("Tom Berg", "director", "Norvik", status="former"), F("Erik Lund", "director", "Norvik", status="former")]),
]


@pytest.mark.parametrize("case", LIST_NAMES, ids=[c.id for c in LIST_NAMES])
def test_list_after_dash(extractor, case):
    problems = check(extract(extractor, case.text, case.published), case)
    assert not problems, "\n".join(problems)


DOC_ORG_TITLES = [
    Case("o_lower_title_main_org", "Brakton Foods cut 300 jobs. Brakton Foods said sales fell. Analysts expect Brakton "
         "Foods to recover. Brakton Foods also paid a fee to former director Ola Hansen.",
         [F("Ola Hansen", "director", "Brakton Foods", status="former")]),
    Case("o_lower_title_no_main_org", "The festival paid a fee to former director Ola Hansen.",
         [No(person="Ola Hansen", role="director")]),
    Case("o_lower_title_possessive", "Brakton Foods cut 300 jobs. Brakton Foods said sales fell. Analysts expect Brakton "
         "Foods to recover. Brakton Foods hired Tom Berg and his former director Ola Hansen.",
         [No(person="Ola Hansen", role="director")]),
    Case("o_lower_title_far_from_org", "Brakton Foods cut 300 jobs. Brakton Foods said sales fell. Analysts expect Brakton "
         "Foods to recover. Rain fell all week in the north. Farmers said the harvest was poor. Roads were shut. "
         "A fee went to former director Ola Hansen.",
         [No(person="Ola Hansen", role="director")]),
    Case("o_lower_title_two_orgs", "Brakton Foods and Velland Shipping both cut jobs. They paid director Ola Hansen.",
         [No(person="Ola Hansen", role="director")]),
]


@pytest.mark.parametrize("case", DOC_ORG_TITLES, ids=[c.id for c in DOC_ORG_TITLES])
def test_title_without_org_takes_main_org(extractor, case):
    """A company post named before a name with no organisation ("former director X") takes the
    document's main organisation (orgs.org_from_document, document_org); none, no claim."""
    problems = check(extract(extractor, case.text, case.published), case)
    assert not problems, "\n".join(problems)
