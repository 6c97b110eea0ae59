"""The name inside a German organisation phrase that opens with what kind of body it is.

German news introduces a body by its kind before its name: "der Sicherheitsfirma Datenwacht", "der
Zeitung Morgenblatt", "der liberalen Partei Nea Fotia", "der Sozialisten der Pasok", "des
Bundesliga-Absteigers FC Talheim". The NER often takes the kind noun into the entity, and a
tenure's organisation would then be "Partei Nea Fotia" where the body is "Nea Fotia"
(``strip_kind``). Kind nouns are ``lexicons/org_kinds_de.tsv``'s (the nouns that say what a body is,
alone or as a compound's last part) and a few that only ever introduce a name (``INTRODUCERS``).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Optional

from ..lexicon import records
from .companies import LEGAL_FORMS
from .lexicon import country_name, country_of_adjective
from .parties import party_named
from .places import place_named, place_of_adjective

#: Nouns that introduce a body's name but are no kind in ``org_kinds_de.tsv`` (which feeds the
#: document's main company or club, where a party or a "Zulieferer" has no place).
INTRODUCERS = {"partei", "zulieferer", "absteiger", "aufsteiger"}
#: Kind nouns that are part of real names, alone or as a compound's last part ("Bank Austria", "Deutsche
#: Bank AG", "Volksbank Wien", "Holding Graz"): never stripped. Club nouns are never stripped: a
#: club is named by its kind and town ("Yachtklub Neusiedl", "Sportverein Kufstein").
NAME_OPENERS = {"bank", "banken", "holding", "sparkasse", "versicherer"}
#: A kind noun as a compound's last part must be at least this long ("Sicherheitsfirma": "firma").
MIN_TAIL = 4


@lru_cache(maxsize=1)
def _kind_nouns() -> tuple[frozenset[str], frozenset[str]]:
    """(kind nouns but a club's, compounds that name no body: "datenbank") from the lexicon, with
    ``INTRODUCERS``."""
    rows = records("org_kinds_de.tsv")
    nouns = {r["word"] or "" for r in rows if (r["form"] or "noun") == "noun" and (r["kind"] or "-") not in ("-", "club")}
    excluded = {r["word"] or "" for r in rows if (r["kind"] or "-") == "-"}
    return frozenset(nouns | INTRODUCERS), frozenset(excluded)


def _stems(word: str) -> list[str]:
    """The lower-case word and its stems without a genitive or plural ending ("Absteigers")."""
    w = word.lower()
    return [w] + [w[: -len(e)] for e in ("es", "en", "s", "n") if w.endswith(e) and len(w) - len(e) >= 3]


def _kind_word(word: str) -> bool:
    """``word`` says what kind of body follows: a kind noun, or a compound ending in one
    ("Sicherheitsfirma", "Bundesliga-Absteiger"), but no name opener ("Volksbank")."""
    if not word[:1].isupper() or not word.replace("-", "").isalpha():
        return False
    nouns, excluded = _kind_nouns()
    for stem in _stems(word):
        if stem in excluded:
            return False
        if stem in nouns:
            return stem not in NAME_OPENERS
        tails = [stem[i:].lstrip("-") for i in range(1, len(stem) - MIN_TAIL + 1)]
        if any(t in nouns for t in tails):  # "Sicherheitsfirma", "Bundesliga-Absteiger"; not "Volksbank Wien"
            return not any(t in NAME_OPENERS for t in tails)
    return False


def _modifier(word: str) -> bool:
    """A word before a kind noun that leaves it introducing the name: an adjective ("liberale"), a
    place's ("Vorarlberger Firma X"). A name there makes the kind noun part of a longer name
    ("Raiffeisen Landesbank OÖ")."""
    return not word[:1].isupper() or place_of_adjective(word) is not None or country_of_adjective(word) is not None


def kind_words(name: str) -> int:
    """How many words before the body's name say what kind it is: 1 in "Partei Nea Fotia" (-> "Nea Fotia"), 2 in "Sozialisten der Pasok" (a party after "der"),
    2 in "Vorarlberger Firma Brenner"; 0 when no kind noun opens the name, when a place follows it
    ("Holding Graz") or nothing name-like does."""
    words = name.split()
    for i in range(len(words) - 2, -1, -1):
        rest = words[i + 1 :]
        if rest[0] in ("der", "des") and len(rest) > 1:
            if party_named(" ".join(rest[1:])) is not None and words[i][:1].isupper():
                return i + 2  # "Sozialisten der Pasok", "Partei der Grünen" are the party
            continue
        if _kind_word(words[i]) and rest[0][:1].isupper() and all(map(_modifier, words[:i])) \
                and rest[-1] not in LEGAL_FORMS:
            rest_text = " ".join(rest)
            return 0 if place_named(rest_text) or country_name(rest_text) else i + 1
    return 0


def strip_kind(org: Optional[str], label: str, span_text: str) -> tuple[Optional[str], int]:
    """(the organisation without the kind words that open it, characters to drop from the start of
    its evidence span ``span_text``): "Partei Nea Fotia" -> ("Nea Fotia", 7), "Sozialisten der Pasok"
    -> ("Pasok", 16); (org, 0) for other names, places and parties as found."""
    if not org or label != "ORG" or " " not in org or len(span_text.split()) != len(org.split()):
        return org, 0
    n = kind_words(org)
    if n == 0:
        return org, 0
    name = " ".join(org.split()[n:])
    drop = 0
    for word in span_text.split()[:n]:
        drop = span_text.index(word, drop) + len(word)
    drop += len(span_text[drop:]) - len(span_text[drop:].lstrip())
    return party_named(name) or name, drop
