"""Advisory roles take their organisation after "to" ("an adviser to ORG", "a consultant to ORG",
roles.py ``_org_after`` with role_classes_en.tsv ``to_org_roles``), and a participle before a
role after a copula ("has become a paid adviser", rules/copulas.py) does not hide the role.
Sentences written for these tests; they run through kb's real English extract stage."""

from __future__ import annotations

import pytest

from helpers.matrix import Case, F, No, extract, extractor  # noqa: F401  (extractor: the fixture)
from helpers.matrix import _check as check

CASES = [
    Case("a_adviser_to_org", "Marit Solberg is an adviser to Velland Shipping.",
         [F("Marit Solberg", "adviser", "Velland Shipping")]),
    Case("a_senior_adviser_to_org", "Marit Solberg works as a senior adviser to Norvik Bank these days.",
         [F("Marit Solberg", ("senior adviser", "adviser"), "Norvik Bank")]),
    Case("a_consultant_to_org_past", "Tomas Lind was a consultant to Brakton Foods until 2003.",
         [F("Tomas Lind", "consultant", "Brakton Foods", end="2003", status="former")]),
    Case("a_paid_adviser", "Ola Hansen has become a paid adviser to Kestrel Analytics.",
         [F("Ola Hansen", "adviser", "Kestrel Analytics", status="current")]),
    Case("a_paid_consultant", "Kari Dahl became a paid consultant to Velland Shipping in March.",
         [F("Kari Dahl", "consultant", "Velland Shipping")]),
    Case("a_adviser_to_person", "Marit Solberg is an adviser to Ola Hansen.",
         [No(person="Marit Solberg", org="Ola Hansen")]),
    Case("a_director_not_to", "Tomas Lind is a director to Brakton Foods' delight.",
         [No(person="Tomas Lind", role="director", org="Brakton Foods")]),
    Case("a_went_to_org", "Tomas Lind went to Brakton Foods as a consultant.",
         [No(person="Tomas Lind", org="Brakton Foods")]),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_advisory_roles(extractor, case):
    problems = check(extract(extractor, case.text, case.published), case)
    assert not problems, "\n".join(problems)


CAMPAIGN = [
    Case("c_campaign_manager_appos", "Tomas Lind, the Velland Party campaign manager, spoke on Monday.",
         [F("Tomas Lind", "campaign manager")]),
    Case("c_election_coordinator_title", "Election coordinator Marit Solberg claimed victory.",
         [F("Marit Solberg", "election coordinator")]),
    Case("c_election_supremo_title", "Election supremo Marit Solberg denied any rift.",
         [F("Marit Solberg", "election supremo")]),
    Case("c_campaign_boss_title", "The leader and his campaign boss Tomas Lind toured Leeds.",
         [F("Tomas Lind", "campaign boss")]),
    Case("c_campaign_alone", "The campaign manager said nothing to Marit Solberg.",
         [No(person="Marit Solberg")]),
]


@pytest.mark.parametrize("case", CAMPAIGN, ids=[c.id for c in CAMPAIGN])
def test_campaign_roles(extractor, case):
    """An election campaign before a campaign head is a role (title_grammar_en.tsv note campaign)."""
    problems = check(extract(extractor, case.text, case.published), case)
    assert not problems, "\n".join(problems)
