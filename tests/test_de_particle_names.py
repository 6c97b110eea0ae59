"""Reference person names with a particle tagged whole (kb.extract.de.particle_names).

The reference set and the sentences are invented; ``_name_word`` and ``fold_name`` are kb's own.
"""

from __future__ import annotations

from kb.extract.de.names import fold_name
from kb.extract.de.particle_names import particle_names, particle_tails
from kb.extract.de.repair import _name_word

PERSONS = frozenset({"lena van der weyde", "tomas de arroyo", "karl von hagenau", "rita de la fuente"})


def spans_of(text: str, spans: set[tuple[int, int, str]] = frozenset()) -> list[tuple[str, str]]:
    words = text.split()
    found = particle_names(words, set(spans), PERSONS, _name_word, fold_name)
    return sorted((" ".join(words[a:b]), label) for a, b, label in found)


def test_tails_open_with_a_particle_that_opens_surnames():
    assert particle_tails(PERSONS) == {"van der weyde", "de arroyo", "de la fuente"}  # not "von hagenau"


def test_full_name_replaces_the_models_pieces():
    # the models read "Van" as the start of a new name: "Lena Van" PER, "der Weyde" nothing
    text = "Gestern sprach Lena Van der Weyde in Graz ."
    assert spans_of(text, {(2, 4, "PER"), (7, 8, "LOC")}) == [("Graz", "LOC"), ("Lena Van der Weyde", "PER")]


def test_untagged_full_names_with_lower_case_particles():
    assert spans_of("Minister Tomas de Arroyo reist ab .") == [("Tomas de Arroyo", "PER")]
    assert spans_of("Das sagte Rita de la Fuente heute .") == [("Rita de la Fuente", "PER")]
    assert spans_of("Das sagte Karl von Hagenau heute .") == [("Karl von Hagenau", "PER")]


def test_surname_alone_is_a_person():
    # "Van der Weyde" typed ORG by the models; "de Arroyo" untagged
    assert spans_of("Van der Weyde sagte das .", {(0, 3, "ORG")}) == [("Van der Weyde", "PER")]
    assert spans_of("Das bestritt de Arroyo .") == [("de Arroyo", "PER")]


def test_no_name_without_the_reference_or_across_a_span():
    assert spans_of("Die Rede von Hagenau war lang .") == []  # "von" opens no surname alone
    assert spans_of("Das sagte Jan van der Weyde heute .") == []  # not the reference's person
    # a span reaching beyond the name is left alone (the models' reading stands)
    assert spans_of("Die Grünen Lena Van der Weyde siegten .", {(1, 6, "PER")}) == [("Grünen Lena Van der Weyde", "PER")]
