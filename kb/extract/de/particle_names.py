"""Reference person names with a particle ("Alexander Van der Bellen", "Thomas de Maizière",
"Humberto de la Calle"): tagged whole, and their surname alone ("Van der Bellen") tagged a person.

The German models read a capitalised particle as the start of a new name or an organisation
("Alexander Van" PER + "der Bellen", "Van der Bellen" ORG), and the reference-name rule of
``kb_de_repair`` (``repair.gazetteer_types``) looks up runs of capitalised words only, so a
lower-case "der" or "de" inside a name stops it. Here a run of name words with particles inside
that is exactly a reference person's full name becomes one PER span, replacing the models' pieces
that lie inside it (not a span that reaches beyond it); and a run opening with a particle that is
the tail of a reference person's name ("Van der Bellen", "de Maizière") is a person: organisations
do not open with "Van der", and a lone surname with a particle is how news names such a person.
German prepositions and articles ("von", "zu", "der") never open a surname here: "die Rede von
Weizsäcker" is no name. Nothing here reads context beyond the sentence's words.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Callable

#: Particles of personal names (folded, lower case), inside a full name.
PARTICLES = frozenset({"van", "von", "de", "der", "den", "di", "da", "del", "della", "du", "la", "le", "ter",
                       "zu", "vom", "dos", "das", "al", "bin", "ibn"})
#: Particles that may open a surname written alone: not German prepositions or articles ("von", "zu", "der",
#: "den", "vom", "das", "la" open phrases), nor "al", which Arabic names join with a hyphen.
OPENING_PARTICLES = frozenset({"van", "de", "di", "da", "del", "della", "du", "ter", "dos"})
#: Longest name looked up (first name, two particles, surname, a second surname).
MAX_TOKENS = 5

Span = tuple[int, int, str]


@lru_cache(maxsize=4)
def particle_tails(persons: frozenset[str]) -> frozenset[str]:
    """The tails of reference person names that open with a particle and end the name: "alexander van der
    bellen" gives "van der bellen" (not "der bellen": "der" opens no surname)."""
    out = set()
    for name in persons:
        words = name.split()
        for k in range(1, len(words) - 1):
            if words[k] in OPENING_PARTICLES and all(w in PARTICLES for w in words[k:-1]):
                out.add(" ".join(words[k:]))
                break
    return frozenset(out)


def _particle(word: str) -> bool:
    return word.lower() in PARTICLES


def _covers(spans: set[Span], a: int, b: int) -> bool:
    """No span crosses the run's edges: each either lies inside [a, b) or outside it."""
    return all(e <= a or s >= b or (a <= s and e <= b) for s, e, _ in spans)


def particle_names(words: list[str], spans: set[Span], persons: frozenset[str], name_word: Callable[[str], bool],
                   fold: Callable[[str], str]) -> set[Span]:
    """``spans`` with reference persons whose names hold a particle tagged whole (see the module
    docstring); ``name_word`` says what a capitalised name word is, ``fold`` folds a name as the
    reference does."""
    if not persons:
        return spans
    tails = particle_tails(persons)
    out = set(spans)
    i = 0
    while i < len(words):
        found = _match_at(words, i, out, persons, tails, name_word, fold)
        if found is None:
            i += 1
            continue
        a, b = found
        out = {s for s in out if not (a <= s[0] and s[1] <= b)} | {(a, b, "PER")}
        i = b
    return out


def _match_at(words: list[str], i: int, spans: set[Span], persons: frozenset[str], tails: frozenset[str],
              name_word: Callable[[str], bool], fold: Callable[[str], str]):
    """The longest run from ``i`` (a full name with a particle inside, or a particle-opened surname) that
    the reference knows, as (start, end), when no span crosses its edges and it is not already one PER."""
    # a surname alone, not one after another first name ("Jan van der Weyde" is someone else)
    opening = words[i].lower() in OPENING_PARTICLES and not (i > 0 and name_word(words[i - 1]))
    if not (name_word(words[i]) and not _particle(words[i])) and not opening:
        return None
    j = i
    while j < len(words) and j - i < MAX_TOKENS and (name_word(words[j]) or _particle(words[j])):
        j += 1
    for end in range(j, i + 1, -1):
        run = words[i:end]
        if _particle(run[-1]) or not any(_particle(w) for w in run[1 if not opening else 0:-1]):
            continue
        key = fold(" ".join(run))
        if (key in tails if opening else key in persons) and _covers(spans, i, end) and (i, end, "PER") not in spans:
            return i, end
    return None
