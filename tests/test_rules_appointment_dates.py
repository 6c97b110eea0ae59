"""An appointment noun before "as ROLE" ("since her appointment as chief executive in 1999")
makes the clause's date the post's start (rules/copulas.py ``APPOINTMENT_NOUNS``). Sentences
written for these tests; they run through kb's real English extract stage."""

from __future__ import annotations

import pytest

from helpers.matrix import Case, F, extract, extractor  # noqa: F401  (extractor: the fixture)
from helpers.matrix import _check as check

CASES = [
    Case("d_since_appointment", "Since Tomas Lind's appointment as chief executive of Brakton Foods in 1999, the "
         "group has cut costs.",
         [F("Tomas Lind", "chief executive officer", "Brakton Foods", start="1999")]),
    Case("d_election_as", "Anna Holt's election as chair of the Velland Rowing Club in March 2015 surprised many.",
         [F("Anna Holt", ("chair", "chairman", "chairwoman"), "Velland Rowing Club", start="2015-03")]),
    Case("d_was_in_year_not_start", "Tomas Lind, who was chief executive of Brakton Foods in 1999, spoke.",
         [F("Tomas Lind", "chief executive officer", "Brakton Foods", status="former")]),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_appointment_dates(extractor, case):
    problems = check(extract(extractor, case.text, case.published), case)
    assert not problems, "\n".join(problems)


def test_was_in_year_gives_no_start(extractor):
    """ "was chief executive in 1999" is a point in the tenure, not its start."""
    extraction = extract(extractor, "Tomas Lind, who was chief executive of Brakton Foods in 1999, spoke.")
    assert all(t.start is None for t in extraction.tenures if t.person == "Tomas Lind")
