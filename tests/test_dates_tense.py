"""Bare weekdays follow the tense of their clause, and apostrophe years ("the crash of '87")
are years (kb.extract.date_atoms). Sentences written for these tests."""

from __future__ import annotations

import pytest

from kb.extract.dates import find_dates

WEDNESDAY = "2025-06-11"


def _values(text, anchor=WEDNESDAY):
    return [d.start.value for d in find_dates(text, anchor) if d.start is not None]


@pytest.mark.parametrize("text, want", [
    ("Trading will resume on Monday.", "2025-06-16"),
    ("The board is due to meet on Friday.", "2025-06-13"),
    ("The minister is to visit Oslo on Thursday.", "2025-06-12"),
    ("Shares fell on Monday.", "2025-06-09"),
    ("The talks, which began on Monday, will end soon.", "2025-06-09"),
    ("The vote will be held next Tuesday.", "2025-06-17"),
    ("Prices rose last Wednesday.", "2025-06-04"),
])
def test_a_bare_weekday_follows_the_tense(text, want):
    assert _values(text) == [want]


def test_a_future_weekday_of_the_same_name_is_today():
    assert _values("The shop will open on Wednesday.") == [WEDNESDAY]


@pytest.mark.parametrize("text, anchor, want", [
    ("It was the worst fall since the crash of '87.", "2005-03-01", ["1987"]),
    ("He joined the bank in '03 as a clerk.", "2005-03-01", ["2003"]),
    ("He joined the bank in '08 as a clerk.", "2005-03-01", ["1908"]),
    ("It was the worst fall since the crash of '87.", None, ["1987"]),
])
def test_an_apostrophe_year_is_a_year(text, anchor, want):
    assert _values(text, anchor) == want


@pytest.mark.parametrize("text", ["Rock 'n' roll ruled in the '90s.", "The song '99 Problems' played."])
def test_decades_and_titles_are_no_years(text):
    assert _values(text) == []


@pytest.mark.parametrize("text, want", [
    ("The FTSE 100 closed 40 points higher on the day.", [WEDNESDAY]),
    ("The dollar fell 1% on the day, traders said.", [WEDNESDAY]),
    ("Shares in Acme rose 5% on the day of the results.", []),
    ("He was calm on the day.", []),  # no market report
])
def test_the_day_of_a_market_report_is_the_publication_day(text, want):
    assert _values(text) == want
