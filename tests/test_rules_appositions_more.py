"""Appositions read from the role side: the inverse apposition "[the|ORG's] ROLE [of ORG], NAME, …"
(rules/appositions.py ``inverse_apposition``) and a time adverb opening an apposition ("X, now
foreign secretary,"). Sentences written for these tests; they run through kb's real English extract stage."""

from __future__ import annotations

import pytest

from helpers.matrix import Case, F, No, extract, extractor  # noqa: F401  (extractor: the fixture)
from helpers.matrix import _check as check

CASES = [
    Case("org_before_role", "Brakton Foods chief executive, Tomas Lind, said sales fell.",
         [F("Tomas Lind", "chief executive officer", "Brakton Foods", status="current")]),
    Case("role_of_org", "But director of the Velland Heritage Trust, Marit Solberg, rejected the plan.",
         [F("Marit Solberg", "director", "Velland Heritage Trust")]),
    Case("complement_for", "He shared an office with the new MP for Northby, Ola Hansen.",
         [F("Ola Hansen", "member of parliament")]),
    Case("complement_to", "Replying, shadow chief secretary to the Treasury, Kari Dahl, said it was spin.",
         [F("Kari Dahl", "shadow chief secretary")]),
    Case("postnominal_after_name", "Velland Finance Minister, Tomas Lind MSP, said the money was there.",
         [F("Tomas Lind", "finance minister")]),
    Case("former_kept", "The firm's former chief executive, Marit Solberg, is on trial.",
         [F("Marit Solberg", "chief executive officer", status="former")]),
    Case("name_not_closed", "Brakton Foods chief executive, Tomas Lind and Marit Solberg met on Monday.",
         [No(person="Tomas Lind", role="chief executive officer")]),
    Case("as_is_the_copulas", "Ann Roe's view was backed by her predecessor as Velland Bank chairman, Tomas Lind.",
         [F("Ann Roe", "chairman", "Velland Bank")]),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_inverse_apposition(extractor, case):
    problems = check(extract(extractor, case.text, case.published), case)
    assert not problems, "\n".join(problems)


ADVERBS = [
    Case("now_current", "Ann Roe took over from Tomas Lind, now foreign secretary, in May.",
         [F("Tomas Lind", "foreign secretary", status="current")]),
    Case("formerly_former", "Tomas Lind, formerly chief executive of Brakton Foods, joined the board.",
         [F("Tomas Lind", "chief executive officer", "Brakton Foods", status="former")]),
    Case("currently_with_article", "Marit Solberg, currently the chairman of Velland Bank, said no.",
         [F("Marit Solberg", "chairman", "Velland Bank", status="current")]),
    Case("once_former", "Marit Solberg, once a director of Velland Bank, said no.",
         [F("Marit Solberg", "director", "Velland Bank", status="former")]),
]


@pytest.mark.parametrize("case", ADVERBS, ids=[c.id for c in ADVERBS])
def test_a_time_adverb_opening_an_apposition(extractor, case):
    """ "X, now foreign secretary,": the adverb between the comma and the role says whether the
    post is held now (rules/appositions.py TIME_ADVERBS)."""
    problems = check(extract(extractor, case.text, case.published), case)
    assert not problems, "\n".join(problems)
