"""Players of a sports report's line-up tagged as persons (kb.extract.de.lineups).

Sentences and player names are invented; ``_name_word`` is the repair step's own test of a name word.
"""

from __future__ import annotations

from kb.extract.de.lineups import lineup_names
from kb.extract.de.repair import _name_word


def persons(text: str, spans: set[tuple[int, int, str]] = frozenset()) -> list[str]:
    words = text.split()
    return sorted(" ".join(words[a:b]) for a, b, label in lineup_names(words, set(spans), _name_word) if label == "PER")


def test_lineup_lines_and_substitutes():
    text = ("Kapfenberg : Brenek – Holzner , T. Wald , Ossberger / Lindl – Perschy , Raidl ( 77. Umlauf ) – Zettl "
            "Ersatz : Mauk – Gerstl , Pirker , Hansl")
    assert persons(text) == ["Brenek", "Gerstl", "Hansl", "Holzner", "Lindl", "Mauk", "Ossberger", "Perschy", "Pirker", "Raidl",
                             "T. Wald", "Umlauf", "Zettl"]


def test_absentees_with_their_reasons():
    assert persons("Es fehlen : Holzner ( Knie ) , M. Zettl ( gesperrt )") == ["Holzner", "M. Zettl"]


def test_a_player_tagged_as_a_place_becomes_a_person():
    text = "Kapfenberg : Brenek – Holzner , Wald , Perschy – Zettl"
    assert persons(text, {(4, 5, "LOC")}) == ["Brenek", "Holzner", "Perschy", "Wald", "Zettl"]


def test_no_lineup_without_a_line_of_positions_or_enough_names():
    assert persons("Die Gäste : Holzner , Wald , Perschy und Zettl") == []  # no dash: a plain list
    assert persons("Ergebnis : Brenek – Holzner , Wald") == []  # three names: a result, not a team
    assert persons("Es fehlen : Holzner , Wald") == []  # absentees without reasons
    assert persons("Er sagte : Das – so Holzner , Wald , Perschy – ist gut") == []  # "Das" is no name


def test_a_two_letter_initial_is_no_player():
    # "Lazaro, Ch." with the sentence cut after "Ch": the initial of the next player, no name
    assert persons("Salzburg : Walke – Schwegler , Miranda , Ulmer – Lazaro , Ch") == ["Lazaro", "Miranda", "Schwegler", "Ulmer", "Walke"]
