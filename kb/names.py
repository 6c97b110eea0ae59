"""Name keys: the normalised form under which a name is matched, merged and judged.

Shared by the store (entity ids), linking, judgements and graph filters, so a name typed by a
user ("mark  RUTTE", "Mark Rutte") finds what the build stored. Linking's fuzzier keys for the
reference (transliteration, phonetic skeletons, acronyms) live in ``kb.link.names``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Optional

from .countries import cldr_countries

_NON_WORD = re.compile(r"[^\w]+")


def name_key(name: str) -> str:
    """Normalised name for matching: accents folded, case folded, punctuation as spaces."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("ß", "ss").casefold()
    text = _NON_WORD.sub(" ", text)
    return " ".join(text.split())


def slug(text: str) -> str:
    """A readable id part ("Mark Rutte" -> "mark-rutte"); never empty."""
    return name_key(text).replace(" ", "-") or "x"


def entity_id(type: str, name: str, qid: Optional[str]) -> str:
    """Stable id: the QID when linked (merges across documents), else a name slug; an
    organisation's slug is of its ``org_key``, so "Apple Inc." and "Apple" are one record."""
    if qid:
        return qid
    if type == "organization":
        return f"{type}:{slug(org_key(name))}"
    return f"{type}:{slug(name)}"


#: Legal-form words that name no different organisation: "Apple Inc." is Apple. Dropped from the
#: end of an organisation's key (repeatedly: "Foo Holdings Co. Ltd" keeps "foo holdings").
LEGAL_SUFFIXES = frozenset({
    "inc", "incorporated", "corp", "corporation", "co", "ltd", "limited", "llc", "llp", "lp",
    "plc", "ag", "gmbh", "sa", "nv", "bv", "se", "spa", "ab", "asa", "oyj", "kg", "kgaa", "pty", "srl",
})
_POSSESSIVE = re.compile(r"(?:['’]s?)$")


def strip_possessive(name: str) -> str:
    """The name without a trailing possessive: "General Motors'" and "Apple's" are the names
    General Motors and Apple (a possessive is never part of a name)."""
    return _POSSESSIVE.sub("", name.strip()).rstrip()


@lru_cache(maxsize=1)
def _country_keys() -> frozenset[str]:
    """``name_key`` of every country's English and German name (CLDR)."""
    return frozenset(name_key(n) for lang in ("en", "de") for _, n in cldr_countries(lang))


def org_key(name: str) -> str:
    """An organisation's merge key: ``name_key`` without a possessive, a leading "the" or legal
    suffixes ("The Apple Inc." -> "apple"), so that one company is one record whichever legal
    form a text writes. At least one word is always kept ("Co" stays "co"), and so is a legal
    form whose company would otherwise be the country of its name ("Austria AG" is no Austria)."""
    words = name_key(strip_possessive(name)).split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    while len(words) > 1 and words[-1] in LEGAL_SUFFIXES and " ".join(words[:-1]) not in _country_keys():
        words = words[:-1]
    return " ".join(words)
