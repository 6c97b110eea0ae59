"""Knowledge of German words from installed packages, as CRF features for the German NER: is a
word form a known common noun or a known proper name (Wiktionary, via ``german-nouns``), and
how frequent is the word in German text (``wordfreq``).

Why: German capitalises every noun, so spelling cannot tell a name ("Ferratum", "Hügli") from a
common noun ("Vorstandschef"); kb's ~6k training sentences have seen few of either. Wiktionary
lists ~100k German nouns with their inflected forms, each marked common noun, first name,
surname, place or other proper name; wordfreq gives a word's frequency in large German corpora
(an unknown capitalised word is more often a company or a surname). The CRF reads both as
evidence beside spelling and word clusters (``--crf-lex`` in ``scripts/train_de_ner.py``).

Licences: ``german-nouns`` data CC BY-SA 4.0 (Wiktionary), ``wordfreq`` code Apache-2.0 and data
CC BY-SA 4.0. kb ships none of their data: both packages are read at run time (a missing one is a
``ModelError`` saying what to install), the model holds only the CRF's weights on feature names.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from typing import Callable

from ...errors import ModelError

#: Wiktionary part-of-speech marks of proper names (``german-nouns``' ``pos`` column).
PROPER_MARKS = frozenset({"Vorname", "Nachname", "Toponym", "Eigenname", "Straßenname"})

#: First column of the inflected forms in ``nouns.csv`` (after lemma, pos and the genus columns).
_FIRST_FORM_COLUMN = 7


def _missing(package: str) -> ModelError:
    return ModelError(
        f"the German CRF was trained with word-list features: pip install {package} "
        "(or use a German model built without --crf-lex)"
    )


def _noun_class(pos: str) -> str:
    """One letter for a Wiktionary entry: P proper name, A abbreviation, N common noun."""
    marks = set(pos.split(","))
    if marks & PROPER_MARKS:
        return "P"
    return "A" if "Abkürzung" in marks else "N"


@lru_cache(maxsize=1)
def noun_forms() -> dict[str, str]:
    """Every one-word form (lemma and inflections) of ``german-nouns``' list -> the sorted
    classes of the entries it belongs to ("N", "P", "NP", ...). ~265k forms, ~1 s to read."""
    try:
        from german_nouns.config import CSV_FILE_PATH
    except ImportError as exc:
        raise _missing("german-nouns") from exc
    classes: dict[str, set[str]] = {}
    with open(CSV_FILE_PATH, encoding="utf-8", newline="") as fh:
        rows = csv.reader(fh)
        next(rows, None)
        for row in rows:
            cls = _noun_class(row[1])
            for form in (row[0], *row[_FIRST_FORM_COLUMN:]):
                if form and " " not in form:
                    classes.setdefault(form, set()).add(cls)
    return {form: "".join(sorted(c)) for form, c in classes.items()}


@lru_cache(maxsize=1)
def _zipf() -> Callable[[str, str], float]:
    try:
        from wordfreq import zipf_frequency
    except ImportError as exc:
        raise _missing("wordfreq") from exc
    return zipf_frequency


@lru_cache(maxsize=200_000)
def zipf_band(word: str) -> int:
    """The word's frequency in German as an integer Zipf band (0: unknown or rarer than once in
    100M words; 7: "die", "und"); wordfreq lower-cases, so "Merkel" and "merkel" share a band."""
    return int(_zipf()(word.lower(), "de"))


def check_available() -> None:
    """Raise the ``ModelError`` for a missing package now (at model load) rather than mid-build."""
    noun_forms()
    _zipf()


def lexical_features(words: list[str]) -> list[dict[str, object]]:
    """Per token: ``wk`` its Wiktionary classes ("-" unknown) and ``zf`` its Zipf band, each
    with "^" when the word is capitalised (a capitalised known common noun is the confusion
    these features address), and the neighbours' ``wk`` (``-1:wk``, ``1:wk``: "der Konzern X",
    "X Bank").

    Why so few: on the held-back parts (CRF alone, PER+ORG F1 GermEval / SmartData) 0.705 / 0.580
    without them, 0.706 / 0.594 with the token's two, 0.714 / 0.619 with the neighbours' classes
    too (the README's session 10 section)."""
    forms = noun_forms()
    classes = [forms.get(word, "-") + ("^" if word[:1].isupper() else "") for word in words]
    out = []
    for i, word in enumerate(words):
        f: dict[str, object] = {"wk": classes[i], "zf": f"{zipf_band(word)}{'^' if word[:1].isupper() else ''}"}
        if i > 0:
            f["-1:wk"] = classes[i - 1]
        if i + 1 < len(words):
            f["1:wk"] = classes[i + 1]
        out.append(f)
    return out
