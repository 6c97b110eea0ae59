"""German titles before a name in a sentence about long ago name a former holder
(kb.extract.rules.status.historical_titles, which reads German titles too).

Claims are built by hand; names are invented.
"""

from __future__ import annotations

from kb.extract.claims import Claim
from kb.extract.rules.status import historical_titles
from kb.model import Mention, Span


def _title(person: str, sentence: int, at: int, rule: str = "de_title_before_name") -> Claim:
    m = Mention(person, "person", at + 10, at + 10 + len(person), sentence)
    return Claim(m, person, "president", "Utopia", sentence, rule, Span(at, at + 9, "Präsident"),
                 status="current", status_strength=1, role_text="Präsident")


def test_german_title_in_a_sentence_about_long_ago_is_former():
    # "Als Präsident X 1961 die Beziehungen abbrach, …" in a story whose latest year is 2016
    old, recent = _title("Karl Amsel", 1, 100), _title("Ida Fink", 2, 300)
    dated = {1: [(130, "1961")], 2: [(330, "2015")], 3: [(500, "2016")]}
    historical_titles([old, recent], dated, None)
    assert (old.status, recent.status) == ("former", "current")


def test_german_title_far_from_the_old_date_stays_current():
    c = _title("Karl Amsel", 1, 100)
    historical_titles([c], {1: [(400, "1961")], 2: [(600, "2016")]}, None)
    assert c.status == "current"
