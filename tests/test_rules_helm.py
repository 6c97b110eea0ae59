"""Taking charge of an organisation: "X took the helm at/of ORG" (rules/helm.py ``took_helm``)
makes X its head, the sentence's date the start. Sentences written for these tests; they run
through kb's real English extract stage."""

from __future__ import annotations

import pytest

from helpers.matrix import Case, F, No, extract, extractor  # noqa: F401  (extractor: the fixture)
from helpers.matrix import _check as check

CASES = [
    Case("h_took_helm_at", "Sigrid Aune took the helm at Velland Shipping in 2003.",
         [F("Sigrid Aune", "head", "Velland Shipping", start="2003")]),
    Case("h_has_taken_helm_of", "Petter Moe has taken the helm of Norvik Bank.",
         [F("Petter Moe", "head", "Norvik Bank", status="current")]),
    Case("h_relative_clause", "Sigrid Aune, who took the helm at Brakton Foods in 2001, said sales rose.",
         [F("Sigrid Aune", "head", "Brakton Foods", start="2001")]),
    Case("h_not_an_org", "Petter Moe took the helm of the old fishing boat.",
         [No(person="Petter Moe", role="head")]),
    Case("h_irrealis", "Petter Moe may take the helm at Norvik Bank next year.",
         [No(person="Petter Moe", role="head")]),
    Case("h_name_modifies_noun", "Petter Moe took the helm of the Norvik Bank rescue talks.",
         [No(person="Petter Moe", role="head")]),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_took_helm(extractor, case):
    problems = check(extract(extractor, case.text, case.published), case)
    assert not problems, "\n".join(problems)


def test_took_helm_at_the_company(extractor):
    text = ("Brakton Foods cut 300 jobs on Monday. Mr Sigrid Aune took the helm at the company in 2002 "
            "after ten years at a rival.")
    case = Case("h_anaphor", text, [F("Sigrid Aune", "head", "Brakton Foods", start="2002")])
    problems = check(extract(extractor, case.text, case.published), case)
    assert not problems, "\n".join(problems)
