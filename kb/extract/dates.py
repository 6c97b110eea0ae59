"""Date mentions in English and German news text, normalised to kb's three precisions.

Why hand-written rules and not a library: kb only stores year / month / day precision and must
never widen a month to a day, never guess a relative date without the document's date, and must
stay fast on millions of sentences. ``dateparser`` is installed but slow (about 9 s to import
and parse six phrases here) and eager: it turns the duration "14 years" into a date 14 years
back, always returns a full day, and leaves "last October" unresolved. Measured figures are in
``scripts/eval_timex.py``.

Two layers:

1. *Atoms* (``date_atoms.py``; its words in ``date_words.py``): one date each ("6. Mai 2025", "December 1, 2024", "last October", "Tuesday",
   "Anfang 2025", "four years later"). Every atom pattern has a small handler that returns
   the parts it knows (year, month, day) and its precision. Overlapping atoms: longest wins.
2. *Mentions*: atoms combined with the words around them ("since", "from ... to", "between
   ... and", "until", "born", "(* ...)", "(1950–2020)", "seit", "von ... bis", ...).

Conventions (documented choices, tested in tests/test_dates.py):

- ``anchor`` is the publication date. Without it, anything that needs it (today, last year,
  "on Tuesday", "1 December" without a year) yields nothing: never a guess.
- A bare weekday ("on Tuesday", "am Freitag") is the nearest such day on or before the anchor
  (news is written in the past tense); "next Tuesday"/"kommenden Freitag" is the nearest after.
  "last Tuesday" is strictly before the anchor.
- A month or day without a year ("in October", "1 December") takes the year that puts it
  nearest to the anchor (ties go to the past): "11 December" in a January article is last
  December. "last October" is the latest October strictly before the anchor month, "next
  October" the first after, "this October" the anchor's year.
- "early/mid/late 2025", "Anfang/Mitte/Ende 2025", seasons and quarters keep the coarser
  precision they contain (year; "early October 2024" -> month).
- Decades ("the 1990s", "die 1990er Jahre") yield nothing: kb has no decade precision and a
  decade is not a year.
- "N years later/after" is anchored on the previous date mention in the same text, never on
  the publication date; with no earlier date it yields nothing. "N years ago" uses the anchor.
- "from X" without an end is a ``from_to`` mention with ``end=None`` (it starts something, but
  unlike "since" it does not say it still holds).
- A parenthesised range right after a capitalised word, "(1950–2020)", is a ``lifespan`` when it
  spans at least 20 years (lives are long, terms of office short); otherwise ``from_to``.
- Point mentions include a leading temporal preposition ("in", "on", "im", "am", "in the year",
  "im Jahr") in ``DateMention.text``; the DateValue offsets always cover the date itself.

Speed: ``find_dates`` runs once per sentence of every document, and most sentences hold no
date. Each pattern therefore carries a *gate*: substring features it cannot match without (a
digit, a month name, "year", ...). A sentence with none of a language's root features returns
[] after a few ``in`` tests; otherwise only patterns whose gate is open are run. Gates are
necessary conditions, so results are identical to running every pattern (tested against
``find_atoms(..., gated=False)``); ``scripts/bench_dates.py`` measures the speed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Optional

from kb.extract.date_atoms import find_atoms, shift_date
from kb.extract.date_words import Atom, valid
from kb.model import DateValue
from kb.prefixdate import split

__all__ = ["DateMention", "find_dates", "normalise"]


@dataclass
class DateMention:
    """A date phrase: a point, an interval or a life's dates, with offsets in the text."""

    kind: str  # point | since | from_to | between | until | born | died | lifespan
    start: Optional[DateValue]
    end: Optional[DateValue]
    text: str
    start_char: int
    end_char: int
    relative: bool = False


_PREFIX = re.compile(
    r"(?:(?P<paren>[(\[]\s*)?(?P<word>"
    r"[Ss]ince|[Ff]rom|[Bb]etween|[Uu]ntil|[Uu]ntill?|[Tt]ill|[Tt]hrough|[Uu]p\s+to|"
    r"[Bb]orn(?:\s+(?:on|in))?|b\.|[Dd]ied(?:\s+(?:on|in))?|d\.|"
    r"[Ss]eit\s+(?:der|den)\s+[A-Za-zÄÖÜäöüß]*[Ww]ahl(?:en)?|[Ss]eit(?:\s+(?:dem|den))?|[Vv]on|[Vv]om|[Aa]b(?:\s+(?:dem|den))?|[Zz]wischen|"
    r"[Bb]is(?:\s+(?:zum|zur|Ende|Anfang|Mitte))?|[Gg]eboren(?:\s+(?:am|im))?|geb\.(?:\s+am)?|"
    r"[Gg]estorben(?:\s+(?:am|im))?|gest\.(?:\s+am)?|\*|†|"
    r"[Ii]n(?:\s+the\s+year)?|[Oo]n|[Dd]uring|[Ii]m(?:\s+(?:Jahre?|Laufe\s+des\s+Jahres))?|[Aa]m)"
    r"\s*|(?P<bare_paren>[(\[]\s*))$"
)


_POINT_WORDS = {"in", "in the year", "on", "during", "im", "im jahr", "im jahre", "am",
                "im laufe des jahres"}


_SINCE = {"since", "seit", "seit dem", "seit den"}
#: "seit der Wahl 2014", "seit den Gemeinderatswahlen 2019": the election's year starts the tenure.
_SINCE_ELECTION = re.compile(r"seit (?:der|den) \w*wahl(?:en)?$")


_FROM = {"from", "von", "vom", "ab", "ab dem", "ab den"}


_BETWEEN = {"between", "zwischen"}


_UNTIL = {"until", "untill", "till", "through", "up to", "bis", "bis zum", "bis zur"}


_BORN = {"born", "born on", "born in", "b.", "geboren", "geboren am", "geboren im", "geb.",
         "geb. am", "*"}


_DIED = {"died", "died on", "died in", "d.", "gestorben", "gestorben am", "gestorben im",
         "gest.", "gest. am", "†"}


_GAP_TO = re.compile(r"^\s*(?:[-–—/]|to|until|till|through|bis(?:\s+(?:zum|zur|Ende|Anfang|Mitte))?|"
                     r"-\s*to)\s*$")


_GAP_AND = re.compile(r"^\s*(?:and|und)\s*$")


_GAP_DIED = re.compile(r"^\s*(?:[-–—]|;\s*†|,?\s*†|,\s*(?:died|d\.|gestorben|gest\.)(?:\s+(?:on|in|am|im))?)\s*$")


def _prefix(text: str, start: int) -> tuple[Optional[str], int, bool]:
    """The connecting word right before an atom: (word lower-cased, its start, in parens)."""
    window = text[max(0, start - 40): start]
    m = _PREFIX.search(window)
    if not m:
        return None, start, False
    base = start - len(window)
    if m.group("bare_paren") is not None:
        return "(", base + m.start(), True
    word = re.sub(r"\s+", " ", m.group("word")).lower()
    word = "seit" if _SINCE_ELECTION.match(word) else word  # "seit den Wahlen 2014": since 2014
    # the word must start at a word boundary (not "Vaughn" -> "on")
    wstart = base + m.start("word")
    if wstart > 0 and word[0].isalpha() and (text[wstart - 1].isalnum()):
        return None, start, False
    if word in ("b.", "d.", "*", "†") and m.group("paren") is None:
        # '*'/'b.' mark a birth only inside brackets; '†' is clear anywhere
        if word != "†":
            return None, start, False
    return word, wstart, m.group("paren") is not None


def _dv(atom: Atom, text: str, offset: int) -> Optional[DateValue]:
    value = atom.value()
    if value is None:
        return None
    return DateValue(value=value, precision=atom.precision, text=text[atom.start: atom.end],
                     start=atom.start + offset, end=atom.end + offset)


def _prior_atom(prior: Optional[DateValue]) -> Optional[Atom]:
    """An atom for a date stated before this text (the previous sentence's last date)."""
    if prior is None:
        return None
    year, month, day = split(prior.value)
    return Atom(-1, -1, prior.precision, year, month, day)


def _resolve_shifts(atoms: list[Atom], prior: Optional[DateValue] = None, text: str = "") -> None:
    """'four years later' takes the previous resolved atom's date, shifted; the first one of a
    sentence takes ``prior``, the last date of the text before ("She joined in 2012. Four
    years later, …")."""
    prev: Optional[Atom] = _prior_atom(prior)
    for a in list(atoms):
        if a.forward:
            _resolve_forward(a, atoms, text)
            continue
        if a.shift is not None:
            if prev is None:
                continue
            shifted = _shifted(prev, a.shift)
            if shifted is None:
                continue
            a.year, a.month, a.day, a.precision = shifted
            a.relative, a.shift = True, None
        if a.year is not None:
            prev = a


def _shifted(base: Atom, shift: tuple[str, int]) -> Optional[tuple[int, int, int, str]]:
    """``base`` moved by ``shift`` (unit, n): year, month, day and the coarser of the unit's and
    the base's precision ("four years after March 2012" is a month, "two days after 2012" a
    year), or None for an impossible day."""
    unit, n = shift
    y, mo, d = shift_date(base.year, base.month or 1, base.day or 1, unit, n)
    order = {"year": 0, "month": 1, "day": 2}
    prec = unit if order[unit] <= order[base.precision] else base.precision
    if prec == "day" and not valid(y, mo, d):
        return None
    return y, mo, d, prec


def _resolve_forward(a: Atom, atoms: list[Atom], text: str) -> None:
    """ "four years after joining the party in 2012" is 2016: the event's date is the next
    absolute date in the same clause (within 80 characters, no comma or semicolon between).
    The event's date becomes part of the phrase, so it dates nothing else; without one the
    phrase is dropped (it is counted from an event whose date the text does not give)."""
    base = next((b for b in atoms if b.start >= a.end and b.year is not None and b.shift is None), None)
    gap = text[a.end : base.start] if base is not None else ""
    if base is None or len(gap) > 80 or any(ch in gap for ch in ",;:.") :
        atoms.remove(a)
        return
    shifted = _shifted(base, a.shift)
    if shifted is None:
        atoms.remove(a)
        return
    a.year, a.month, a.day, a.precision = shifted
    a.relative, a.shift = True, None
    a.end = base.end
    atoms.remove(base)


def _share_year(first: Atom, second: Atom) -> None:
    """'from 1 May to 3 June 2024': the first date borrows the second's year."""
    if first.partial and second.month is not None and second.precision == "day":
        first.month = second.month
        if second.year is not None and valid(second.year, first.month, first.day):
            first.year = second.year
        return
    if second.year is not None and (first.year is None or
                                    (first.relative and first.shift is None
                                     and first.precision in ("day", "month")
                                     and not second.relative)):
        if first.month is not None and valid(second.year, first.month, first.day):
            first.year = second.year
            first.relative = False


def _is_lifespan(text: str, paren_start: int, a: Atom, b: Atom) -> bool:
    before = text[max(0, paren_start - 40): paren_start]
    after_name = re.search(r"[A-ZÄÖÜ][\w.'’-]*\s*$", before) is not None
    return after_name and b.year is not None and a.year is not None and b.year - a.year >= 20


def _mention(kind: str, a: Optional[Atom], b: Optional[Atom], s: int, e: int, text: str,
             offset: int, start_atom: Optional[Atom] = None) -> Optional[DateMention]:
    start = _dv(a, text, offset) if a is not None else None
    end = _dv(b, text, offset) if b is not None else None
    if start is None and end is None:
        return None
    rel = any(x is not None and x.relative for x in (a, b))
    return DateMention(kind, start, end, text[s:e], s + offset, e + offset, rel)


def _combine(text: str, atoms: list[Atom], offset: int) -> list[DateMention]:
    """Turn atoms into mentions using the connecting words around them."""
    out: list[DateMention] = []
    i = 0
    while i < len(atoms):
        a = atoms[i]
        b = atoms[i + 1] if i + 1 < len(atoms) else None
        gap = text[a.end: b.start] if b is not None else None
        word, pstart, in_paren = _prefix(text, a.start)
        used_b = False
        m: Optional[DateMention] = None
        if word in _FROM and b is not None and _GAP_TO.match(gap) and (
                not a.partial or _rangeable(a, b, gap)):
            _share_year(a, b)
            m = _mention("from_to", a, b, pstart, b.end, text, offset)
            used_b = True
        elif word in _BETWEEN and b is not None and _GAP_AND.match(gap):
            _share_year(a, b)
            m = _mention("between", a, b, pstart, b.end, text, offset)
            used_b = True
        elif word in _BORN:
            if b is not None and _GAP_DIED.match(gap):
                m = _mention("lifespan", a, b, pstart, b.end, text, offset)
                used_b = True
            else:
                m = _mention("born", a, None, pstart, a.end, text, offset)
        elif word in _DIED:
            m = _mention("died", None, a, pstart, a.end, text, offset)
        elif word in _SINCE:
            m = _mention("since", a, None, pstart, a.end, text, offset)
        elif word in _UNTIL:
            m = _mention("until", None, a, pstart, a.end, text, offset)
        elif b is not None and _GAP_TO.match(gap) and _rangeable(a, b, gap):
            _share_year(a, b)
            kind = "from_to"
            s = a.start if word not in _POINT_WORDS else pstart
            if word == "(" and text[b.end: b.end + 3].lstrip().startswith((")", "]")):
                s = a.start
                if _is_lifespan(text, pstart, a, b):
                    kind = "lifespan"
            m = _mention(kind, a, b, s, b.end, text, offset)
            used_b = True
        elif word in _FROM:
            m = _mention("from_to", a, None, pstart, a.end, text, offset)
        else:
            s = pstart if word in _POINT_WORDS else a.start
            m = _mention("point", a, None, s, a.end, text, offset)
        if m is not None:
            out.append(m)
        i += 2 if used_b else 1
    return out


def _rangeable(a: Atom, b: Atom, gap: str) -> bool:
    """'2010–2024', '2010 to 2024', 'May 2010 - June 2012': same kind of date, in order."""
    if a.partial:
        return b.precision == "day" and b.day is not None and a.day < b.day
    if a.year is None or b.year is None:
        return a.year is None and b.year is not None  # '1 May – 3 June 2024'
    if "/" in gap and not (a.precision == b.precision == "year"):
        return False
    return (a.year, a.month or 0, a.day or 0) < (b.year, b.month or 13, b.day or 32) and not (
        a.relative or b.relative)


_ANCHOR = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")


@lru_cache(maxsize=1024)
def _parse_anchor(anchor: Optional[str]) -> Optional[date]:
    """The document date as a ``date``; anything unparseable counts as no anchor.

    Cached: every sentence of a document passes the same anchor string.
    """
    if not anchor:
        return None
    m = _ANCHOR.match(anchor)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def find_dates(text: str, anchor: Optional[str] = None, lang: str = "en",
               offset: int = 0, prior: Optional[DateValue] = None) -> list[DateMention]:
    """All date mentions in ``text``, non-overlapping, in text order.

    ``anchor`` is the document's publication date (ISO); relative expressions need it and are
    left out without it. ``offset`` is added to every character offset (pass the sentence's
    start to get document offsets). ``lang`` is "en", "de", or anything else for both.
    ``prior`` is the last date stated before ``text`` ("four years later" counts from it).
    """
    if not text:
        return []
    anchor_date = _parse_anchor(anchor)
    atoms = find_atoms(text, anchor_date, lang)
    _resolve_shifts(atoms, prior, text)
    return _combine(text, atoms, offset)


def normalise(expr: str, anchor: Optional[str] = None, lang: str = "en") -> Optional[DateValue]:
    """The date of one expression ("last October", "1.12.2024"), or None.

    For an interval it returns its start (its end for "until ..." and "died ...").
    """
    mentions = find_dates(expr, anchor=anchor, lang=lang)
    if not mentions:
        return None
    best = max(mentions, key=lambda m: m.end_char - m.start_char)
    return best.start if best.start is not None else best.end
