"""Name normalisation shared by the reference import and the candidate lookup.

All lookup keys are computed once at import time and stored (indexed) in ``ref_names`` so that
linking is a handful of indexed SQL lookups, never a scan. Three keys per name:

- ``norm``: transliterated (unidecode), case-folded, punctuation as spaces. "Orbán" and "Orban",
  "Støre" and "Store", Cyrillic and its Latin transliteration meet here.
- ``skel``: a phonetic skeleton of ``norm`` that also merges common transliteration variants
  ("Selenskyj" / "Zelenskyy" / "Zelensky"). It is only a blocking key: candidates found through
  it are re-scored with rapidfuzz on ``norm``.
- ``acro``: initials of the significant words of multi-word organisation names ("North Atlantic
  Treaty Organization" -> "nato"), so acronyms match by a rule instead of a table of answers.

A peer's formal label ("Alan Campbell, Baron Campbell of Alloway") also gives the names news
uses for the peer (``peer_names``) and the place that tells two peers of one name apart
(``peer_designation``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import groupby
from typing import Optional

from unidecode import unidecode

_NON_WORD = re.compile(r"[^0-9a-z]+")
_APOSTROPHES = re.compile(r"['`\u2019\u02bc\u02b9]")
#: Function words skipped when forming initials ("Organization *of the* Islamic Cooperation").
_FUNCTION_WORDS = frozenset(
    "of the and for de la le les du des der die das und fur von van in on at to a an et y del di".split()
)
#: Letter classes that transliterations of one name commonly swap (z/s, j/y/i, w/v, c/k/q).
_SKELETON_MAP = str.maketrans({"z": "s", "j": "i", "y": "i", "w": "v", "c": "k", "q": "k", "x": "k"})
_LEADING_ARTICLE = re.compile(r"^(the|die|der|das) ")


@lru_cache(maxsize=200_000)
def norm(name: str) -> str:
    """Lookup form of a name: ASCII transliteration, case-folded, words separated by one space."""
    text = _APOSTROPHES.sub("", unidecode(name).casefold())  # "Vasil'evich" (soft sign) = "Vasilevich"
    return " ".join(_NON_WORD.sub(" ", text).split())


def strip_article(normed: str) -> str:
    """'the united nations' -> 'united nations': news writes the article, labels do not."""
    return _LEADING_ARTICLE.sub("", normed)


def skeleton(normed: str) -> str:
    """Phonetic blocking key of a normalised name (see module docstring)."""
    return " ".join([_word_skeleton(word) for word in normed.split()])


@lru_cache(maxsize=200_000)
def _word_skeleton(word: str) -> str:
    """One word's skeleton, cached: name words repeat a lot (given names, common surnames)."""
    word = word.replace("ph", "f").replace("th", "t").replace("sch", "sh").translate(_SKELETON_MAP)
    return "".join([ch for ch, _ in groupby(word)])  # doubled letters: "Zelenskyy" / "Zelensky"


def acronym(normed: str) -> str | None:
    """Initials of the significant words, or None when there are fewer than two of them."""
    words = [w for w in normed.split() if w not in _FUNCTION_WORDS and not w.isdigit()]
    if len(words) < 2:
        return None
    return "".join(w[0] for w in words)


def last_token(normed: str) -> str:
    """Surname key: the last word of a normalised person name."""
    parts = normed.split()
    return parts[-1] if parts else ""


def looks_like_acronym(text: str) -> bool:
    """'NATO', 'UN', 'E.U.', 'VVD': 2-7 capitals (dots allowed) and nothing else."""
    letters = text.replace(".", "").strip()
    return 2 <= len(letters) <= 7 and letters.isalpha() and letters.isupper()


_POSSESSIVE = re.compile(r"(?:'s|'|’s|’)$")


def name_runs(text: str) -> list[list[str]]:
    """Runs of capitalised words in a mention, split at lower-case words and possessives.

    "US President Barack Obama" -> [[US, President, Barack, Obama]];
    "Ann Chiang of DAB" -> [[Ann, Chiang], [DAB]]; "DAB 's Horace Cheung" -> [[DAB], [Horace, Cheung]].
    """
    runs: list[list[str]] = []
    current: list[str] = []
    for raw in text.replace("’", "'").split():
        token = raw.strip(",;:()\"")
        ends_run = bool(_POSSESSIVE.search(token)) and token not in ("'",)
        token = _POSSESSIVE.sub("", token)
        joined = bool(current) and current[-1] == "-"  # "Cheuk - yan": a split hyphenated name
        if token and (token[0].isupper() or token[0].isdigit() or joined or (current and token == "-")):
            current.append(token)
        elif token.startswith("-") and current:  # "Cheuk - yan": a split hyphenated name
            current.append(token)
        else:
            if current:
                runs.append(current)
            current = []
        if ends_run and current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


def name_variants(text: str) -> list[str]:
    """Shorter names inside a long mention, most specific first: each run of capitalised words
    and its suffixes of two or more words (titles come first in English: "US President X Y")."""
    out: list[str] = []
    for run in sorted(name_runs(text), key=len, reverse=True):
        words = [w for w in run if w != "-"]
        joined = " ".join(run).replace(" - ", "-").replace(" -", "-")
        if joined not in out and joined != text:
            out.append(joined)
        for i in range(1, len(words) - 1):
            suffix = " ".join(words[i:])
            if suffix not in out:
                out.append(suffix)
    return out


#: A peer's label: "Jack Cunningham, Baron Cunningham of Felling", "Patricia Scotland, Baroness
#: Scotland of Asthal", "Thomas Galbraith, 2nd Baron Strathclyde" (not "John Bingham, 7th Earl of
#: Lucan": a title named after a place only is news's "Lord Lucan", not "Lord Bingham").
_PEER_LABEL = re.compile(r"^(?P<name>[^,]+), (?:\d+(?:st|nd|rd|th) )?(?P<rank>Baron|Baroness|Viscount|Viscountess|"
                         r"Earl|Countess|Marquess|Lord|Lady) (?P<title>[A-Z][^,]*?)(?: of (?P<place>[^,]+))?$")
#: How news names a peer of each rank ("Lord Falconer", "Baroness Scotland").
_PEER_STYLE = {"Baron": "Lord", "Viscount": "Lord", "Earl": "Lord", "Marquess": "Lord", "Lord": "Lord",
               "Baroness": "Baroness", "Viscountess": "Lady", "Countess": "Lady", "Lady": "Lady"}


#: Styles that make a person a peer as news writes them ("Lord Falconer", "Baroness Scotland").
#: "Lady" is also a knight's wife, and "Sir" a knight: neither says peer.
PEER_STYLES = frozenset({"Lord", "Baroness", "Baron", "Viscount", "Viscountess", "Earl", "Countess", "Marquess"})


def peer_form(style: str, name: str) -> str:
    """The name news gives a peer of this style, as ``peer_names`` writes it for the reference's
    peers ("Earl" + "Grey" -> "Lord Grey")."""
    return f"{_PEER_STYLE.get(style, style)} {name}"


def is_peer_form(form: str) -> bool:
    """A name written as ``peer_form`` writes it ("Lord Campbell", "Baroness Morgan")."""
    first, _, rest = form.partition(" ")
    return bool(rest) and first in _PEER_STYLE.values() and " " not in rest


def peer_names(label: Optional[str]) -> list[str]:
    """The names news uses for a peer whose label is the formal peerage form: the personal name
    before the comma and the style with the title ("Lord Falconer"); none for other labels."""
    match = _PEER_LABEL.match(label or "")
    if not match:
        return []
    return [match["name"], peer_form(match["rank"], match["title"])]


def is_peer_label(label: Optional[str]) -> bool:
    """The label is a peer's formal form ("Jon Vale, Baron Vale")."""
    return bool(_PEER_LABEL.match(label or ""))


def peer_designation(label: Optional[str]) -> Optional[str]:
    """The place of a peer's formal label ("Alloway" in "Alan Campbell, Baron Campbell of
    Alloway"): what tells two peers of one name apart. None for other labels and for titles
    without a place."""
    match = _PEER_LABEL.match(label or "")
    return match["place"] if match else None
