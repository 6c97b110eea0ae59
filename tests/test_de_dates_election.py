"""German "seit der Wahl 2014": an election's year starts a tenure (kb.extract.dates, lang="de").

Sentences written for this test.
"""

from __future__ import annotations

import pytest

from kb.extract.dates import find_dates


def since(text: str):
    return [(d.kind, d.start.value if d.start else None) for d in find_dates(text, "2025-06-01", "de")]


@pytest.mark.parametrize("text, year", [
    ("Sie ist seit den Wahlen 2014 Vizebürgermeisterin.", "2014"),
    ("Er sitzt seit der Landtagswahl 2013 im Landtag.", "2013"),
    ("Er ist seit den Gemeinderatswahlen 2019 Stadtrat.", "2019"),
])
def test_since_the_election(text, year):
    assert since(text) == [("since", year)]


@pytest.mark.parametrize("text", [
    "Bei den Wahlen 2014 verlor er.",  # no "seit": the election is a point in time
    "Seit den Protesten 2014 schweigt er.",  # not an election: stays as before (a point, not a start)
])
def test_not_since_an_election(text):
    assert since(text) == [("point", "2014")]
