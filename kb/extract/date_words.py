"""The words and parts of date finding (see ``dates.py``): month, weekday and number words,
the ``Atom`` one date phrase yields, and the calendar checks its handlers share."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from typing import Callable, Optional

from kb.prefixdate import MONTHS_DE, MONTHS_EN


_ABBREVS = {"Jan", "Feb", "Mar", "Mrz", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct",
            "Okt", "Nov", "Dec", "Dez"}


EN_WEEKDAYS = {"Monday": 0, "Tuesday": 1, "Wednesday": 2, "Thursday": 3, "Friday": 4,
                "Saturday": 5, "Sunday": 6}


DE_WEEKDAYS = {"Montag": 0, "Dienstag": 1, "Mittwoch": 2, "Donnerstag": 3, "Freitag": 4,
                "Samstag": 5, "Sonnabend": 5, "Sonntag": 6}


EN_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
               "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
               "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
               "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50}


DE_NUMBERS = {"ein": 1, "einem": 1, "einen": 1, "eine": 1, "einer": 1, "zwei": 2, "drei": 3,
               "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9, "zehn": 10,
               "elf": 11, "zwölf": 12, "dreizehn": 13, "vierzehn": 14,
               "fünfzehn": 15, "sechzehn": 16, "siebzehn": 17, "achtzehn": 18, "neunzehn": 19, "zwanzig": 20, "dreißig": 30,
               "vierzig": 40, "fünfzig": 50}


def alternation(words: list[str] | set[str] | dict[str, int], abbrev_dot: bool = False) -> str:
    """Regex alternation, longest first (so "Sept" is tried before "Sep")."""
    parts = []
    for w in sorted(words, key=len, reverse=True):
        esc = re.escape(w)
        parts.append(esc + r"\.?" if abbrev_dot and w in _ABBREVS else esc)
    return "(?:" + "|".join(parts) + ")"


def month_number(word: str) -> Optional[int]:
    """Month number of an English or German month name, abbreviation or inflected form."""
    w = word.rstrip(".")
    for table in (MONTHS_EN, MONTHS_DE):
        if w in table:
            return table[w]
    # German genitive/inflection: "Januars", "Märzes", "Oktobers"
    for suffix in ("es", "s"):
        if w.endswith(suffix) and w[: -len(suffix)] in MONTHS_DE:
            return MONTHS_DE[w[: -len(suffix)]]
    return None


def number(word: str) -> Optional[int]:
    w = word.lower()
    if w.isdigit():
        return int(w)
    return EN_NUMBERS.get(w, DE_NUMBERS.get(w))


@dataclass
class Atom:
    """One date as found: its parts, precision and the span of its own phrase."""

    start: int
    end: int
    precision: str  # year | month | day
    year: Optional[int] = None  # None: needs a year (from a range partner or the anchor)
    month: Optional[int] = None
    day: Optional[int] = None
    relative: bool = False
    # "four years later": resolved against the previous atom, unit and signed amount
    shift: Optional[tuple[str, int]] = None
    priority: int = 0  # tie-break between equally long atoms
    partial: bool = False  # a bare day ("3." in "vom 3. bis 5. Mai"): month from its partner
    forward: bool = False  # "N years after <event in 2012>": shifted from the next date, not the previous

    def value(self) -> Optional[str]:
        if self.year is None or (self.precision != "year" and self.month is None):
            return None
        if self.precision == "year":
            return f"{self.year:04d}"
        if self.precision == "month":
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


@dataclass
class Ctx:
    text: str
    anchor: Optional[date]
    lang: str = "en"


Handler = Callable[[re.Match, Ctx], Optional[Atom]]


def valid(year: int, month: Optional[int], day: Optional[int]) -> bool:
    if not 1000 <= year <= 2199:
        return False
    if month is not None and not 1 <= month <= 12:
        return False
    if day is not None:
        if month is None or not 1 <= day <= calendar.monthrange(year, month)[1]:
            return False
    return True


def full_year(token: str) -> int:
    """'2024' -> 2024; two-digit '24' -> 2024, '98' -> 1998 (German numeric dates)."""
    y = int(token)
    if len(token) == 2:
        y += 2000 if y < 50 else 1900
    return y


def md_atom(m: re.Match, year: Optional[str], month: str, day: Optional[str]) -> Optional[Atom]:
    mo = month_number(month)
    if mo is None:
        return None
    y = full_year(year) if year else None
    d = int(day) if day else None
    check_year = y if y is not None else 2000  # leap year: 29 February stays possible
    if not valid(check_year, mo, d):
        return None
    return Atom(m.start(), m.end(), "day" if d else "month", y, mo, d)


def _nearest_year(anchor: date, month: int, day: Optional[int]) -> Optional[int]:
    """The year that puts a yearless month/day closest to the anchor (ties: the past).

    News writes "11 December" in January for last December and "June 3" in May for the
    coming June; the nearest occurrence fits both, the anchor's year only the second.
    """
    best: Optional[tuple[int, int, int]] = None
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        if day is not None:
            if not valid(year, month, day):
                continue
            dist = (date(year, month, day) - anchor).days
        else:
            dist = (year * 12 + month) - (anchor.year * 12 + anchor.month)
        key = (abs(dist), 1 if dist > 0 else 0, year)
        if best is None or key < best:
            best = key
    return best[2] if best is not None else None


#: A past-tense verb in English ("was ousted", "resigned", "took over"): the clause reports an event done.
_PAST_EN = re.compile(r"\b(?:was|were|had|did|said|quit|left|took|became|won|lost|went|came|began|stood|"
                      r"[a-z]{2,}ed)\b", re.I)
#: Past participles that announce rather than report ("expected in March", "scheduled for May").
_ANNOUNCING_EN = re.compile(r"\b(?:expected|scheduled|effective|effect|planned|proposed|intended|slated|due|will|shall|won't|"
                            r"should|may|might|could|would|can|must|to\s+be|(?:is|are|was|were)\s+to|going\s+to)\b"
                            r"|'ll\b|\bnext\b", re.I)


def _reported_past(ctx: Ctx, start: int) -> bool:
    """Whether the English clause before offset ``start`` (back to a sentence stop or semicolon,
    at most 80 characters) has a past-tense verb and nothing announcing a future."""
    if ctx.lang != "en":
        return False
    cut = max(ctx.text.rfind(c, 0, start) for c in ".;:!?")
    clause = ctx.text[max(cut + 1, start - 80): start]
    return bool(_PAST_EN.search(clause)) and not _ANNOUNCING_EN.search(clause)


def _latest_year_before(anchor: date, month: int, day: Optional[int]) -> Optional[int]:
    """The year of the latest occurrence of a yearless month/day on or before the anchor."""
    for year in (anchor.year, anchor.year - 1):
        if day is None and (year, month) <= (anchor.year, anchor.month):
            return year
        if day is not None and valid(year, month, day) and date(year, month, day) <= anchor:
            return year
    return None


def resolve_missing_year(atom: Atom, ctx: Ctx) -> None:
    """A day/month without a year takes its nearest year to the anchor (or stays open); in an
    English clause reporting a past event ("was ousted in March" in a February article) the
    latest such month or day up to the anchor: a past tense never states a time still to come."""
    if atom.year is None and atom.shift is None and ctx.anchor is not None:
        atom.year = _nearest_year(ctx.anchor, atom.month, atom.day)
        if atom.year is not None and _reported_past(ctx, atom.start) \
                and (atom.year, atom.month, atom.day or 1) > (ctx.anchor.year, ctx.anchor.month, ctx.anchor.day):
            atom.year = _latest_year_before(ctx.anchor, atom.month, atom.day) or atom.year
        atom.relative = atom.year is not None
