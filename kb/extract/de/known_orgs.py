"""Well-known organisation names the German NER models miss, tagged from a word list.

Why: German news names its own country's media, parties, companies and aid groups ("der ORF", "die
Neos", "Greenpeace", "die Nato") without a word saying what they are; the models, trained on other
text, leave them untagged or read them as a person or place. ``lexicons/known_orgs_de.tsv`` lists
them as written. Only names that are no common German word are listed, so a match needs no context.
"""

from __future__ import annotations

from functools import lru_cache

from ..lexicon import word_set


@lru_cache(maxsize=1)
def known_org_names() -> dict[str, list[tuple[str, ...]]]:
    """First token -> the listed names (as token tuples) starting with it, longest first."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for name in word_set("known_orgs_de.tsv"):
        words = tuple(name.split())
        out.setdefault(words[0], []).append(words)
    for names in out.values():
        names.sort(key=len, reverse=True)
    return out


def known_org_spans(words: list[str]) -> list[tuple[int, int]]:
    """(start, end) of every listed name in ``words``, longest match first, not overlapping."""
    names = known_org_names()
    out = []
    i = 0
    while i < len(words):
        for name in names.get(words[i], ()):
            if tuple(words[i : i + len(name)]) == name:
                out.append((i, i + len(name)))
                i += len(name) - 1
                break
        i += 1
    return out


def known_orgs(words: list[str], spans: set[tuple[int, int, str]]) -> set[tuple[int, int, str]]:
    """``spans`` with each listed name an ORG: an entity that is exactly the name is retyped, an
    untagged name is added; a name inside a longer entity ("ORF-Generaldirektor Wrabetz" aside, as
    in "Greenpeace Österreich") is left to that entity."""
    out = set(spans)
    taken = {i for a, b, _ in spans for i in range(a, b)}
    for start, end in known_org_spans(words):
        exact = [s for s in out if s[0] == start and s[1] == end]
        if exact:
            out -= set(exact)
            out.add((start, end, "ORG"))
        elif not taken.intersection(range(start, end)):
            out.add((start, end, "ORG"))
            taken.update(range(start, end))
    return out
