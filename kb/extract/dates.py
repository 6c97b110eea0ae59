"""Date mentions in English and German news text, normalised to kb's three precisions.

Why hand-written rules and not a library: kb only stores year / month / day precision and must
never widen a month to a day, never guess a relative date without the document's date, and must
stay fast on millions of sentences. ``dateparser`` is installed but slow (about 9 s to import
and parse six phrases here) and eager: it turns the duration "14 years" into a date 14 years
back, always returns a full day, and leaves "last October" unresolved. Measured figures are in
``scripts/eval_timex.py``.

Two layers:

1. *Atoms*: one date each ("6. Mai 2025", "December 1, 2024", "last October", "Tuesday",
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
``_atoms(..., gated=False)``); ``scripts/bench_dates.py`` measures the speed.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from functools import lru_cache
from datetime import date, timedelta
from typing import Callable, Iterable, Optional

from kb.model import DateValue
from kb.prefixdate import MONTHS_DE, MONTHS_EN, split

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


# --------------------------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------------------------

_ABBREVS = {"Jan", "Feb", "Mar", "Mrz", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct",
            "Okt", "Nov", "Dec", "Dez"}

_EN_WEEKDAYS = {"Monday": 0, "Tuesday": 1, "Wednesday": 2, "Thursday": 3, "Friday": 4,
                "Saturday": 5, "Sunday": 6}
_DE_WEEKDAYS = {"Montag": 0, "Dienstag": 1, "Mittwoch": 2, "Donnerstag": 3, "Freitag": 4,
                "Samstag": 5, "Sonnabend": 5, "Sonntag": 6}

_EN_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
               "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
               "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
               "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50}
_DE_NUMBERS = {"ein": 1, "einem": 1, "einen": 1, "eine": 1, "einer": 1, "zwei": 2, "drei": 3,
               "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9, "zehn": 10,
               "elf": 11, "zwölf": 12, "dreizehn": 13, "vierzehn": 14,
               "fünfzehn": 15, "sechzehn": 16, "siebzehn": 17, "achtzehn": 18, "neunzehn": 19, "zwanzig": 20, "dreißig": 30,
               "vierzig": 40, "fünfzig": 50}


def _alt(words: list[str] | set[str] | dict[str, int], abbrev_dot: bool = False) -> str:
    """Regex alternation, longest first (so "Sept" is tried before "Sep")."""
    parts = []
    for w in sorted(words, key=len, reverse=True):
        esc = re.escape(w)
        parts.append(esc + r"\.?" if abbrev_dot and w in _ABBREVS else esc)
    return "(?:" + "|".join(parts) + ")"


def _month_number(word: str) -> Optional[int]:
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


def _number(word: str) -> Optional[int]:
    w = word.lower()
    if w.isdigit():
        return int(w)
    return _EN_NUMBERS.get(w, _DE_NUMBERS.get(w))


# --------------------------------------------------------------------------------------------
# Atoms
# --------------------------------------------------------------------------------------------


@dataclass
class _Atom:
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
class _Ctx:
    text: str
    anchor: Optional[date]
    lang: str = "en"


Handler = Callable[[re.Match, _Ctx], Optional[_Atom]]


def _valid(year: int, month: Optional[int], day: Optional[int]) -> bool:
    if not 1000 <= year <= 2199:
        return False
    if month is not None and not 1 <= month <= 12:
        return False
    if day is not None:
        if month is None or not 1 <= day <= calendar.monthrange(year, month)[1]:
            return False
    return True


def _full_year(token: str) -> int:
    """'2024' -> 2024; two-digit '24' -> 2024, '98' -> 1998 (German numeric dates)."""
    y = int(token)
    if len(token) == 2:
        y += 2000 if y < 50 else 1900
    return y


def _md_atom(m: re.Match, year: Optional[str], month: str, day: Optional[str]) -> Optional[_Atom]:
    mo = _month_number(month)
    if mo is None:
        return None
    y = _full_year(year) if year else None
    d = int(day) if day else None
    check_year = y if y is not None else 2000  # leap year: 29 February stays possible
    if not _valid(check_year, mo, d):
        return None
    return _Atom(m.start(), m.end(), "day" if d else "month", y, mo, d)


def _nearest_year(anchor: date, month: int, day: Optional[int]) -> Optional[int]:
    """The year that puts a yearless month/day closest to the anchor (ties: the past).

    News writes "11 December" in January for last December and "June 3" in May for the
    coming June; the nearest occurrence fits both, the anchor's year only the second.
    """
    best: Optional[tuple[int, int, int]] = None
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        if day is not None:
            if not _valid(year, month, day):
                continue
            dist = (date(year, month, day) - anchor).days
        else:
            dist = (year * 12 + month) - (anchor.year * 12 + anchor.month)
        key = (abs(dist), 1 if dist > 0 else 0, year)
        if best is None or key < best:
            best = key
    return best[2] if best is not None else None


def _resolve_missing_year(atom: _Atom, ctx: _Ctx) -> None:
    """A day/month without a year takes its nearest year to the anchor (or stays open)."""
    if atom.year is None and atom.shift is None and ctx.anchor is not None:
        atom.year = _nearest_year(ctx.anchor, atom.month, atom.day)
        atom.relative = atom.year is not None


# Shared pieces of pattern
_EN_MONTH_RE = _alt(MONTHS_EN, abbrev_dot=True)
_DE_MONTH_RE = "(?:" + _alt(MONTHS_DE, abbrev_dot=True) + r"(?:es|s)?)"
_YEAR = r"(?:1[1-9]\d\d|20\d\d|21\d\d)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])"
_ORD = r"(?:st|nd|rd|th)?"
# left boundary for a number: not inside 1,500 / 3.5 / 2-1 / a/b / COVID-2019, but the end of
# a year range ("1950-2020") may follow a hyphen
_B = r"(?<![\w.,/])(?<!(?<!\d\d\d\d)-)"
_E = r"(?![\w%]|[.,]\d|:\d)"  # right boundary for a number

# Words before a bare number that make it a count or a label, not a year.
_NOT_YEAR_BEFORE = re.compile(
    r"(?:\b(?:room|rooms|no|nos|number|numbers|flight|page|pages|pp|route|bus|line|highway|"
    r"channel|model|article|section|paragraph|chapter|verse|code|pin|zip|platform|gate|seat|"
    r"apartment|suite|unit|building|floor|score|zimmer|nummer|nr|raum|seite|seiten|linie|artikel|"
    r"paragraf|kapitel|gleis|flug|ziffer|haus|hausnummer|postleitzahl|plz|kilometer|km|tempo|"
    r"over|some|about|around|nearly|almost|approximately|roughly|exactly|only|just|rund|etwa|"
    r"über|fast|knapp|mehr als|more than|less than|weniger als|up to)\.?|[$€£¥#§]|\b(?:us|usd|eur|"
    r"chf|gbp|dm))\s*$",
    re.IGNORECASE,
)
# Words after a bare number that make it a quantity or a time of day, not a year.
_NOT_YEAR_AFTER = re.compile(
    r"^\s*(?:%|percent\b|per\s*cent\b|prozent\b|uhr\b|hours?\b|hrs\b|h\b|gmt\b|utc\b|cet\b|"
    r"mez\b|est\b|pst\b|am\b|pm\b|a\.m\.|p\.m\.|[a-zäöüß]+\s+(?:of|von)\s+(?:the\s+)?\d|"
    r"(?:people|persons|men|women|children|kids|employees|workers|staff|jobs|members|voters|"
    r"votes|seats|soldiers|troops|residents|students|cars|vehicles|units|shares|copies|"
    r"euros?|dollars?|pounds|francs|yen|yuan|tonnes|tons|metres|meters|miles|kilometres|"
    r"kilometers|km|kg|feet|ft|pages|words|cases|deaths|dead|victims|times|points|years|"
    r"months|weeks|days|minutes|seconds|acres|hectares|barrels|calories|rooms|beds|"
    r"menschen|personen|mitarbeiter|beschäftigte|stellen|arbeitsplätze|mitglieder|stimmen|"
    r"sitze|soldaten|einwohner|studenten|autos|fahrzeuge|aktien|euro|dollar|franken|tonnen|"
    r"meter|kilometer|seiten|fälle|tote|opfer|mal|punkte|jahre|monate|wochen|tage|minuten|"
    r"sekunden|hektar|betten|zimmer|wohnungen)\b)",
    re.IGNORECASE,
)


_NOT_YEAR_WORD_MAX = 16  # longest alternative of _NOT_YEAR_BEFORE ("approximately.") + margin
_DECADE_AFTER = re.compile(r"^(?:'?s\b|er\b|er-?Jahre|ern\b)")


def _plain_year_ok(m: re.Match, ctx: _Ctx) -> bool:
    """A bare 4-digit number is a year unless its neighbours make it a count or a label."""
    before = ctx.text[max(0, m.start() - 30): m.start()]
    after = ctx.text[m.end(): m.end() + 40]
    # a match of _NOT_YEAR_BEFORE is one listed word (at most _NOT_YEAR_WORD_MAX characters)
    # ending where the trailing whitespace starts: no need to try the earlier positions
    tail_from = max(0, len(before.rstrip()) - _NOT_YEAR_WORD_MAX)
    if _NOT_YEAR_BEFORE.search(before, tail_from) or _NOT_YEAR_AFTER.match(after):
        return False
    if _DECADE_AFTER.match(after):  # decades: 1990s, 1990er
        return False
    return True


def _h_year(m: re.Match, ctx: _Ctx) -> Optional[_Atom]:
    if not _plain_year_ok(m, ctx):
        return None
    return _Atom(m.start(), m.end(), "year", int(m.group(0)))


def _h_year_tail(m: re.Match, ctx: _Ctx) -> Optional[_Atom]:
    """'24' in '2010-24' or '2010/11': the end year of a compact range."""
    first = int(ctx.text[m.start() - 5: m.start() - 1])
    tail = int(m.group(0))
    year = first - first % 100 + tail
    if year <= first:
        return None
    return _Atom(m.start(), m.end(), "year", year, priority=-1)


def _h_spaced_year_tail(m: re.Match, ctx: _Ctx) -> Optional[_Atom]:
    """'88' in '(1820 – 88)': the end year of a compact range written with spaces."""
    first = int(ctx.text[m.start() - 7: m.start() - 3])
    year = first - first % 100 + int(m.group(0))
    if year <= first:
        return None
    return _Atom(m.start(), m.end(), "year", year, priority=-1)


def _h_iso(m: re.Match, ctx: _Ctx) -> Optional[_Atom]:
    y, mo, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
    if not _valid(y, mo, d):
        return None
    return _Atom(m.start(), m.end(), "day", y, mo, d, priority=2)


def _h_dmy(m: re.Match, ctx: _Ctx) -> Optional[_Atom]:
    atom = _md_atom(m, m.group("y"), m.group("mon"), m.group("d"))
    if atom is not None:
        _resolve_missing_year(atom, ctx)
    return atom


def _h_day_only(m: re.Match, ctx: _Ctx) -> Optional[_Atom]:
    """The first day of a day range ("3.–5. Mai 2024", "3 to 5 May"): completed by its partner."""
    return _Atom(m.start(), m.end(), "day", None, None, int(m.group("d")), partial=True)


def _h_month_year(m: re.Match, ctx: _Ctx) -> Optional[_Atom]:
    return _md_atom(m, m.group("y"), m.group("mon"), None)


# Words that make a bare month name ("May", "March") a date.
_BARE_MONTH_CUE = re.compile(
    r"(?:\b(?:in|since|until|till|through|by|from|to|and|during|of|early|mid|late|last|this|"
    r"next|before|after|between|im|seit|bis|ab|von|vom|und|oder|zum|anfang|mitte|ende|"
    r"letzten|vergangenen|diesen|nächsten|kommenden|des|im\s+vergangenen|im\s+letzten)|mid-)\s*$",
    re.IGNORECASE,
)


#: Month names that are also common words or names: alone they need a cue word before them.
_AMBIGUOUS_MONTHS = {"May", "March", "Mar", "Jan", "August", "Aug", "Dec", "Sep", "Mai", "Marz"}


def _h_bare_month(m: re.Match, ctx: _Ctx) -> Optional[_Atom]:
    before = ctx.text[max(0, m.start() - 25): m.start()]
    name = m.group("mon").rstrip(".")
    if name in _AMBIGUOUS_MONTHS and not _BARE_MONTH_CUE.search(before):
        return None
    atom = _md_atom(m, None, m.group("mon"), None)
    if atom is not None:
        _resolve_missing_year(atom, ctx)
    return atom


def _h_rel_month(m: re.Match, ctx: _Ctx) -> Optional[_Atom]:
    """'last October', 'next March', 'vergangenen Oktober'."""
    mo = _month_number(m.group("mon"))
    if mo is None or ctx.anchor is None:
        return None
    word = m.group("rel").lower()
    a = ctx.anchor
    if word in ("last", "letzten", "vergangenen", "vorigen", "letzter", "vergangener"):
        year = a.year if mo < a.month else a.year - 1
    elif word in ("next", "nächsten", "kommenden"):
        year = a.year if mo > a.month else a.year + 1
    else:  # this, diesen
        year = a.year
    return _Atom(m.start(), m.end(), "month", year, mo, relative=True, priority=1)


def _weekday_date(anchor: date, weekday: int, direction: str) -> date:
    """Nearest weekday on/before ('on'), strictly before ('last') or after ('next') anchor."""
    if direction == "next":
        delta = (weekday - anchor.weekday()) % 7 or 7
        return anchor + timedelta(days=delta)
    delta = (anchor.weekday() - weekday) % 7
    if direction == "last" and delta == 0:
        delta = 7
    return anchor - timedelta(days=delta)


_LAST_WORDS = {"last", "past", "letzten", "vergangenen", "vorigen", "letzter", "vergangener"}
_NEXT_WORDS = {"next", "coming", "nächsten", "kommenden", "nächster", "kommender"}


def _h_weekday(m: re.Match, ctx: _Ctx) -> Optional[_Atom]:
    if ctx.anchor is None:
        return None
    name = m.group("wd")
    wd = _EN_WEEKDAYS.get(name, _DE_WEEKDAYS.get(name))
    rel = (m.group("rel") or "").lower().split()
    direction = "on"
    if rel and rel[-1] in _LAST_WORDS:
        direction = "last"
    elif rel and rel[-1] in _NEXT_WORDS:
        direction = "next"
    d = _weekday_date(ctx.anchor, wd, direction)
    return _Atom(m.start(), m.end(), "day", d.year, d.month, d.day, relative=True)


_DAY_WORDS = {"today": 0, "yesterday": -1, "tomorrow": 1, "heute": 0, "gestern": -1,
              "vorgestern": -2, "morgen": 1, "übermorgen": 2}


def _h_day_word(m: re.Match, ctx: _Ctx) -> Optional[_Atom]:
    if ctx.anchor is None:
        return None
    word = m.group(0)
    if word[0].isupper() and word.lower() == "morgen":
        return None  # "Morgen" is the morning
    d = ctx.anchor + timedelta(days=_DAY_WORDS[word.lower()])
    return _Atom(m.start(), m.end(), "day", d.year, d.month, d.day, relative=True)


def _unit_precision(unit: str) -> Optional[str]:
    u = unit.lower()
    if u.startswith(("year", "jahr")):
        return "year"
    if u.startswith(("month", "monat")):
        return "month"
    if u.startswith(("day", "tag")):
        return "day"
    return None


def _shift(year: int, month: int, day: int, unit: str, n: int) -> Optional[tuple[int, int, int]]:
    if unit == "year":
        return year + n, month, day
    if unit == "month":
        total = year * 12 + (month - 1) + n
        return total // 12, total % 12 + 1, day
    d = date(year, month, day) + timedelta(days=n)
    return d.year, d.month, d.day


def _h_rel_unit(m: re.Match, ctx: _Ctx) -> Optional[_Atom]:
    """this/last/next year|month, letztes/vergangenes/dieses Jahr, im vergangenen Monat."""
    if ctx.anchor is None:
        return None
    unit = _unit_precision(m.group("unit"))
    word = m.group("rel").lower()
    n = -1 if word in _LAST_WORDS | {"letztes", "vergangenes", "voriges", "vergangenen",
                                     "letzten", "vorigen", "previous", "vorjahr"} else 0
    if word in _NEXT_WORDS | {"nächstes", "kommendes"}:
        n = 1
    y, mo, _ = _shift(ctx.anchor.year, ctx.anchor.month, 1, unit, n)
    return _Atom(m.start(), m.end(), unit, y, mo, relative=True)


def _h_this_unit_word(m: re.Match, ctx: _Ctx) -> Optional[_Atom]:
    """'earlier this year', 'later this month', 'Anfang des Jahres', 'Ende letzten Jahres'."""
    if ctx.anchor is None:
        return None
    unit = _unit_precision(m.group("unit"))
    word = (m.group("rel") or "this").lower()
    n = -1 if word in {"last", "letzten", "vergangenen", "vorigen"} else 0
    if word in {"next", "nächsten", "kommenden"}:
        n = 1
    y, mo, _ = _shift(ctx.anchor.year, ctx.anchor.month, 1, unit, n)
    return _Atom(m.start(), m.end(), unit, y, mo, relative=True)


def _h_ago(m: re.Match, ctx: _Ctx) -> Optional[_Atom]:
    """'four years ago', 'vor zwei Monaten': counted back from the anchor."""
    if ctx.anchor is None:
        return None
    n = _number(m.group("n"))
    unit = _unit_precision(m.group("unit"))
    if n is None or unit is None:
        return None
    a = ctx.anchor
    y, mo, d = _shift(a.year, a.month, a.day, unit, -n)
    return _Atom(m.start(), m.end(), unit, y, mo, d, relative=True)


def _h_later(m: re.Match, ctx: _Ctx) -> Optional[_Atom]:
    """'four years later', 'zwei Jahre später': resolved later against the previous date."""
    n = _number(m.group("n"))
    unit = _unit_precision(m.group("unit"))
    if n is None or unit is None:
        return None
    direction = m.group("dir") or m.group("dir2") if "dir2" in m.re.groupindex else m.group("dir")
    sign = -1 if direction.lower() in ("earlier", "before", "früher", "zuvor", "vorher") else 1
    return _Atom(m.start(), m.end(), unit, shift=(unit, sign * n))


def _h_after_event(m: re.Match, ctx: _Ctx) -> Optional[_Atom]:
    """'four years after joining the party in 2012': counted from the date of the event the
    clause names (the next date before a comma); left out when the clause gives none."""
    atom = _h_later(m, ctx)
    if atom is not None:
        atom.forward = True
    return atom


def _h_part_of(m: re.Match, ctx: _Ctx) -> Optional[_Atom]:
    """'early 2025', 'Mitte 2023', 'the end of October 2024': the inner date's precision."""
    inner = m.group("inner")
    month = _month_number(inner)
    if month is not None:  # "Anfang März", "late October": the anchor's year
        atom = _Atom(m.start(), m.end(), "month", None, month, priority=1)
        _resolve_missing_year(atom, ctx)
        return atom if atom.year is not None else None
    sub = _atoms(inner, ctx.anchor, ctx.lang)
    if len(sub) != 1 or sub[0].end - sub[0].start != len(inner) or sub[0].year is None:
        return None
    atom = sub[0]
    atom.start, atom.end = m.start(), m.end()
    atom.priority = 1
    return atom


def _h_season(m: re.Match, ctx: _Ctx) -> Optional[_Atom]:
    """'summer 2024', 'Herbst 2023', 'the first quarter of 2024', 'fiscal 2008' -> the year."""
    year = int(m.group("y"))
    if not _valid(year, None, None):
        return None
    return _Atom(m.start(), m.end(), "year", year, priority=1)


def _h_de_numeric(m: re.Match, ctx: _Ctx) -> Optional[_Atom]:
    """'1.12.2024', '01.12.24' (German day.month.year)."""
    y = _full_year(m.group("y"))
    mo, d = int(m.group("m")), int(m.group("d"))
    if not _valid(y, mo, d):
        return None
    return _Atom(m.start(), m.end(), "day", y, mo, d)


_NUM_EN = "(?:" + "|".join(sorted(_EN_NUMBERS, key=len, reverse=True)) + r"|\d{1,3})"
_NUM_DE = "(?:" + "|".join(sorted(_DE_NUMBERS, key=len, reverse=True)) + r"|\d{1,3})"
_EN_WD = _alt(_EN_WEEKDAYS)
_DE_WD = _alt(_DE_WEEKDAYS)

# (pattern, handler, flags) per language; "any" runs for every language.
_SPECS: dict[str, list[tuple[str, Handler, int, str]]] = {
    "any": [
        (r"(?<![\w.-])(?P<y>" + _YEAR + r")-(?P<m>0[1-9]|1[0-2])-(?P<d>[0-3]\d)(?![\w-])", _h_iso, 0, "iso"),
        (_B + _YEAR + _E, _h_year, 0, "year"),
        (r"(?<=\b" + _YEAR + r"[-–—/])\d\d(?![\w%]|[.,]\d|[-/]\d)", _h_year_tail, 0, "year_tail"),
        # "(1820 – 88)": a spaced dash, only when the parenthesis closes right after the tail
        (r"(?<=\b" + _YEAR + r" [-–—] )\d\d(?=\s?[)\]])", _h_spaced_year_tail, 0, "year_tail"),
    ],
    "en": [
        # 1 December 2024, 1st of December 2024, 1 Dec. 2024, 1 December
        (_B + r"(?P<d>" + _DAY + r")" + _ORD + r"\s+(?:of\s+)?(?P<mon>" + _EN_MONTH_RE
         + r")(?:,?\s+(?P<y>" + _YEAR + r"))?" + r"(?![\w])", _h_dmy, 0, "digit en_month"),
        # 3–5 May 2024, 3 to 5 May: the first day of a range
        (_B + r"(?P<d>" + _DAY + r")" + _ORD + r"(?=\s*(?:[-–—]|to|until)\s*" + _DAY + _ORD
         + r"\s+(?:of\s+)?" + _EN_MONTH_RE + r")", _h_day_only, 0, "digit en_month"),
        # December 1, 2024 / Dec. 1 / December 1st 2024
        (r"\b(?P<mon>" + _EN_MONTH_RE + r")\s+(?P<d>" + _DAY + r")" + _ORD
         + r"(?:,?\s+(?P<y>" + _YEAR + r"))?" + _E, _h_dmy, 0, "digit en_month"),
        # October 2024, October of 2024, Oct. 2024
        (r"\b(?P<mon>" + _EN_MONTH_RE + r"),?\s+(?:of\s+)?(?P<y>" + _YEAR + r")" + _E,
         _h_month_year, 0, "year en_month"),
        (r"\b(?P<mon>" + _EN_MONTH_RE + r")(?![\w])", _h_bare_month, 0, "en_month"),
        (r"\b(?P<rel>[Ll]ast|[Tt]his|[Nn]ext)\s+(?P<mon>" + _EN_MONTH_RE + r")(?!\s*\d)(?![\w])",
         _h_rel_month, 0, "en_month"),
        (r"\b(?:(?P<rel>(?:[Ll]ast|[Tt]his|[Nn]ext|[Pp]ast|(?:[Tt]his\s+)?[Cc]oming))\s+)?"
         r"(?P<wd>" + _EN_WD + r")(?!\w)", _h_weekday, 0, "en_wd"),
        (r"\b(?:today|yesterday|tomorrow|Today|Yesterday|Tomorrow)\b", _h_day_word, 0, "en_dayword"),
        (r"\b(?P<rel>this|last|next|previous)\s+(?P<unit>year|month)\b", _h_rel_unit, re.IGNORECASE, "en_unit en_rel"),
        (r"\b(?:(?:[Ee]arl(?:y|ier)|[Ll]ate(?:r)?|[Mm]id-?)\s+(?:in\s+)?|(?:[Aa]t\s+)?[Tt]he\s+"
         r"(?:end|beginning|start|middle|close|turn)\s+of\s+)(?P<rel>this|last|next|the)\s+"
         r"(?P<unit>year|month)\b", _h_this_unit_word, 0, "en_unit"),
        (r"\b(?P<n>" + _NUM_EN + r")\s+(?P<unit>years?|months?|days?)\s+ago\b", _h_ago, re.IGNORECASE, "ago en_unit_day"),
        (r"\b(?P<n>" + _NUM_EN + r")\s+(?P<unit>years?|months?|days?)\s+"
         r"(?:(?P<dir>later|earlier)|(?P<dir2>after|before)(?![ \t]+[\w$€£]))(?![\w-])",
         _h_later, re.IGNORECASE, "en_unit_day en_later"),
        (r"\b(?P<n>" + _NUM_EN + r")\s+(?P<unit>years?|months?|days?)\s+(?P<dir>after|before)(?=[ \t]+[a-z])",
         _h_after_event, re.IGNORECASE, "en_unit_day en_later"),
        (r"\b(?:(?:[Ee]arly|[Ll]ate|[Mm]id)(?:-|\s+)|(?:[Ii]n\s+)?(?:[Aa]t\s+)?[Tt]he\s+"
         r"(?:end|beginning|start|middle|close|turn|first\s+half|second\s+half)\s+of\s+)"
         r"(?P<inner>(?:" + _EN_MONTH_RE + r"\s+)?" + _YEAR + r"|" + _EN_MONTH_RE + r")(?![\w])",
         _h_part_of, 0, "en_part year|en_part en_month"),
        (r"\b(?:(?:[Ss]pring|[Ss]ummer|[Aa]utumn|[Ff]all|[Ww]inter)(?:\s+of)?|[Ff]iscal(?:\s+year)?"
         r"|FY|(?:the\s+)?(?:first|second|third|fourth|1st|2nd|3rd|4th|final|last)\s+quarter\s+of"
         r"|Q[1-4])\s+(?P<y>" + _YEAR + r")" + _E, _h_season, 0, "year en_season"),
    ],
    "de": [
        # 6. Mai 2025, 6. Mai (two-digit years only in numeric dates: 1.12.24)
        (_B + r"(?P<d>" + _DAY + r")\.\s*(?P<mon>" + _DE_MONTH_RE + r")(?:\s+(?P<y>" + _YEAR
         + r"))?(?![\w])", _h_dmy, 0, "digit de_month"),
        (_B + r"(?P<d>" + _DAY + r")\.(?=\s*(?:[-–—]|bis(?:\s+zum)?)\s*" + _DAY + r"\.\s*"
         + _DE_MONTH_RE + r")", _h_day_only, 0, "digit de_month"),
        (_B + r"(?P<d>" + _DAY + r")\.(?P<m>0?[1-9]|1[0-2])\.(?P<y>" + _YEAR + r"|\d\d)" + _E,
         _h_de_numeric, 0, "de_numeric"),
        (r"\b(?P<mon>" + _DE_MONTH_RE + r")\s+(?P<y>" + _YEAR + r")" + _E, _h_month_year, 0, "year de_month"),
        (r"\b(?P<mon>" + _DE_MONTH_RE + r")(?![\w])", _h_bare_month, 0, "de_month"),
        (r"\b(?P<rel>[Ll]etzten|[Vv]ergangenen|[Vv]origen|[Dd]iesen|[Nn]ächsten|[Kk]ommenden)\s+"
         r"(?P<mon>" + _DE_MONTH_RE + r")(?!\s*\d)(?![\w])", _h_rel_month, 0, "de_month"),
        (r"\b(?:(?P<rel>(?:am\s+)?(?:[Ll]etzten|[Vv]ergangenen|[Vv]origen|[Nn]ächsten|"
         r"[Kk]ommenden|[Dd]iesen))\s+)?(?P<wd>" + _DE_WD + r")"
         r"(?:abend|morgen|vormittag|nachmittag|mittag|nacht)?(?!\w)", _h_weekday, 0, "de_wd"),
        (r"\b(?:[Hh]eute|[Gg]estern|[Vv]orgestern|morgen|[Üü]bermorgen)\b", _h_day_word, 0, "de_dayword"),
        (r"\b(?:(?:im|in|des)\s+)?(?P<rel>[Ll]etzte[nms]?|[Vv]ergangene[nms]?|[Vv]orige[nms]?|"
         r"[Dd]iese[nms]?|[Nn]ächste[nms]?|[Kk]ommende[nms]?|[Ll]aufende[nms]?)\s+"
         r"(?P<unit>Jahr(?:es|s)?|Monat(?:s)?)\b", _h_rel_unit, 0, "de_unit de_rel"),
        (r"\b(?:[Aa]nfang|[Mm]itte|[Ee]nde|[Bb]eginn|[Ff]rühjahr|[Hh]erbst)\s+(?:des\s+)?"
         r"(?P<rel>dieses|diesen|letzten|vergangenen|vorigen|nächsten|kommenden)?\s*"
         r"(?P<unit>Jahres|Monats)\b", _h_this_unit_word, 0, "de_unit"),
        (r"\b[Vv]or\s+(?P<n>" + _NUM_DE + r")\s+(?P<unit>Jahren|Jahr|Monaten|Monat|Tagen|Tag)\b",
         _h_ago, 0, "de_unit_day de_ago"),
        (r"\b(?P<n>" + _NUM_DE + r")\s+(?P<unit>Jahre|Jahr|Monate|Monat|Tage|Tag)\s+"
         r"(?P<dir>später|danach|früher|zuvor|vorher)\b", _h_later, 0, "de_unit_day de_later"),
        (r"\b(?:[Aa]nfang|[Mm]itte|[Ee]nde|[Bb]eginn)(?:\s+|-)(?:des\s+Jahres\s+)?"
         r"(?P<inner>(?:" + _DE_MONTH_RE + r"\s+)?" + _YEAR + r"|" + _DE_MONTH_RE + r")(?![\w])",
         _h_part_of, 0, "de_part year|de_part de_month"),
        (r"\b(?:(?:[Ff]rühjahr|[Ff]rühling|[Ss]ommer|[Hh]erbst|[Ww]inter|[Gg]eschäftsjahr|"
         r"(?:(?:im|in)\s+)?(?:[Jj]ahr(?:e|es)?))|(?:[Ii]m\s+)?(?:ersten|zweiten|dritten|vierten|"
         r"letzten)\s+Quartal|Q[1-4])\s+(?P<y>" + _YEAR + r")" + _E, _h_season, 0, "year de_season"),
    ],
}

# Cheap necessary triggers. Every pattern names, as its gate, features of the sentence it
# cannot match without ("digit en_month": a digit and an English month name somewhere;
# "year|en_month": either). A gate is a necessary condition, never a guess, so skipping a
# pattern whose gate fails changes no output; it only saves running ~30 regexes over the
# ~80% of news sentences that hold no date (regexes led by \b or a lookbehind get no
# first-character fast skip in Python's re and cost a full scan each). Features are plain
# substring tests (much cheaper than a regex alternation); those for case-insensitive patterns
# test the lower-cased text. "digit" means an ASCII digit: every pattern gated on it needs one
# (days are [12]\d, 3[01] or 0?[1-9]; years start with 1 or 2).


def _minimal(words: Iterable[str]) -> tuple[str, ...]:
    """Drop every word that contains another one: finding the shorter one is enough."""
    uniq = sorted(set(words), key=lambda w: (len(w), w))
    kept: list[str] = []
    for w in uniq:
        if not any(k in w for k in kept):
            kept.append(w)
    return tuple(kept)


def _has_any(words: Iterable[str], lower: bool = False) -> Callable[[str, str], bool]:
    """A feature: does the text (or its lower-cased form) contain one of ``words``?"""
    needles = _minimal(w.lower() for w in words) if lower else _minimal(words)

    def test(text: str, low: str) -> bool:
        hay = low if lower else text
        for w in needles:
            if w in hay:
                return True
        return False

    return test


_YEARISH = re.compile(r"[12]\d\d\d")  # superset of _YEAR
_ISOISH = re.compile(r"[12]\d\d\d-\d\d-")
_YEAR_TAILISH = re.compile(r"[12]\d\d\d(?:[-–—/]| [-–—] )\d\d")
_DE_NUMERICISH = re.compile(r"[0-9]\.[0-9]")  # "1.12.2024": day, dot, month
_DIGITS = "0123456789"
_EN_DAYWORDS = ("today", "yesterday", "tomorrow")
_DE_DAYWORDS = ("heute", "gestern", "morgen")
_EN_UNITS = ("year", "month")
_DE_UNITS = ("Jahr", "Monat")
# words that must precede a year in the season/quarter/part-of patterns
_EN_SEASON_WORDS = ("spring", "summer", "autumn", "fall", "winter", "fiscal", "fy", "quarter",
                    "q1", "q2", "q3", "q4")
_DE_SEASON_WORDS = ("frühjahr", "frühling", "sommer", "herbst", "winter", "jahr", "quartal",
                    "q1", "q2", "q3", "q4")
_EN_PART_WORDS = ("early", "late", "mid", "end", "beginning", "start", "middle", "close",
                  "turn", "half")
_DE_PART_WORDS = ("anfang", "mitte", "ende", "beginn")
_FEATURES: dict[str, Callable[[str, str], bool]] = {
    "digit": _has_any(_DIGITS),
    "year": lambda t, low: _YEARISH.search(t) is not None,
    "iso": lambda t, low: _ISOISH.search(t) is not None,
    "year_tail": lambda t, low: _YEAR_TAILISH.search(t) is not None,
    "de_numeric": lambda t, low: _DE_NUMERICISH.search(t) is not None,
    "en_month": _has_any(MONTHS_EN),
    "de_month": _has_any(MONTHS_DE),
    "en_wd": _has_any(_EN_WEEKDAYS),
    "de_wd": _has_any(_DE_WEEKDAYS),
    "en_dayword": _has_any(_EN_DAYWORDS, lower=True),
    "en_unit": _has_any(_EN_UNITS, lower=True),
    "en_unit_day": _has_any(_EN_UNITS + ("day",), lower=True),
    "ago": _has_any(("ago",), lower=True),
    "en_season": _has_any(_EN_SEASON_WORDS, lower=True),
    "en_part": _has_any(_EN_PART_WORDS, lower=True),
    "de_dayword": _has_any(_DE_DAYWORDS, lower=True),
    "de_unit": _has_any(_DE_UNITS),
    "de_unit_day": _has_any(_DE_UNITS + ("Tag",)),
    "de_season": _has_any(_DE_SEASON_WORDS, lower=True),
    "de_part": _has_any(_DE_PART_WORDS, lower=True),
    "en_rel": _has_any(("this", "last", "next", "previous"), lower=True),
    "en_later": _has_any(("later", "earlier", "after", "before"), lower=True),
    "de_rel": _has_any(("letzte", "vergangene", "vorige", "diese", "nächste", "kommende",
                        "laufende"), lower=True),
    "de_ago": _has_any(("vor",), lower=True),
    "de_later": _has_any(("später", "danach", "früher", "zuvor", "vorher")),
}
# Features every gate of a language implies at least one of (a weekday contains "day",
# "year" needs a digit, ...): a sentence with none of them holds no date (most sentences).
_ROOTS = {
    "en": ("digit", "en_month", "en_unit_day", "en_dayword"),
    "de": ("digit", "de_month", "de_unit_day", "de_wd", "de_dayword"),
}
_ROOTS["any"] = _ROOTS["en"] + _ROOTS["de"]

Gate = tuple[tuple[str, ...], ...]  # any of (all of features)


def _parse_gate(spec: str) -> Gate:
    gate = tuple(tuple(alt.split()) for alt in spec.split("|"))
    unknown = {f for alt in gate for f in alt} - set(_FEATURES)
    assert not unknown, f"unknown gate features {unknown}: add them to _FEATURES"
    return gate


_COMPILED: dict[str, list[tuple[re.Pattern, Handler, Gate]]] = {
    lang: [(re.compile(pat, flags), handler, _parse_gate(gate))
           for pat, handler, flags, gate in specs]
    for lang, specs in _SPECS.items()
}
_BY_LANG: dict[str, list[tuple[re.Pattern, Handler, Gate]]] = {
    "en": _COMPILED["any"] + _COMPILED["en"],
    "de": _COMPILED["any"] + _COMPILED["de"],
    "any": _COMPILED["any"] + _COMPILED["en"] + _COMPILED["de"],
}


def _lang_key(lang: str) -> str:
    return lang if lang in ("en", "de") else "any"


def _atoms(text: str, anchor: Optional[date], lang: str, gated: bool = True) -> list[_Atom]:
    """All date atoms in ``text``, non-overlapping: longest first, then by priority.

    ``gated=False`` runs every pattern (the reference the gates are tested against).
    """
    key = _lang_key(lang)
    low = text.lower()
    seen: dict[str, bool] = {}
    if gated and not _gate_open((_ROOTS[key],), text, low, seen, any_of=True):
        return []
    ctx = _Ctx(text, anchor, lang)
    found: list[_Atom] = []
    opened: dict[Gate, bool] = {}  # several patterns share a gate
    for rx, handler, gate in _BY_LANG[key]:
        is_open = opened.get(gate) if gated else True
        if is_open is None:
            is_open = opened[gate] = _gate_open(gate, text, low, seen)
        if not is_open:
            continue
        for m in rx.finditer(text):
            atom = handler(m, ctx)
            if atom is not None and (atom.year is not None or atom.shift is not None
                                     or atom.partial or anchor is None):
                found.append(atom)
    return _select(found) if found else []


def _gate_open(gate: Gate, text: str, low: str, seen: dict[str, bool],
               any_of: bool = False) -> bool:
    """Whether the sentence has the features a pattern needs (each computed once).

    With ``any_of``, whether it has any feature of the gate's single conjunction.
    """
    if any_of:
        for feature in gate[0]:
            if feature not in seen:
                seen[feature] = _FEATURES[feature](text, low)
            if seen[feature]:
                return True
        return False
    for alt in gate:
        for feature in alt:
            if feature not in seen:
                seen[feature] = _FEATURES[feature](text, low)
            if not seen[feature]:
                break
        else:
            return True
    return False


def _select(atoms: list[_Atom]) -> list[_Atom]:
    """Longest atoms win; equally long ones by priority; then by position."""
    chosen: list[_Atom] = []
    for a in sorted(atoms, key=lambda a: (-(a.end - a.start), -a.priority, a.start)):
        if all(a.end <= c.start or a.start >= c.end for c in chosen):
            chosen.append(a)
    return sorted(chosen, key=lambda a: a.start)


# --------------------------------------------------------------------------------------------
# Mentions: atoms plus the words around them
# --------------------------------------------------------------------------------------------

_PREFIX = re.compile(
    r"(?:(?P<paren>[(\[]\s*)?(?P<word>"
    r"[Ss]ince|[Ff]rom|[Bb]etween|[Uu]ntil|[Uu]ntill?|[Tt]ill|[Tt]hrough|[Uu]p\s+to|"
    r"[Bb]orn(?:\s+(?:on|in))?|b\.|[Dd]ied(?:\s+(?:on|in))?|d\.|"
    r"[Ss]eit(?:\s+(?:dem|den))?|[Vv]on|[Vv]om|[Aa]b(?:\s+(?:dem|den))?|[Zz]wischen|"
    r"[Bb]is(?:\s+(?:zum|zur|Ende|Anfang|Mitte))?|[Gg]eboren(?:\s+(?:am|im))?|geb\.(?:\s+am)?|"
    r"[Gg]estorben(?:\s+(?:am|im))?|gest\.(?:\s+am)?|\*|†|"
    r"[Ii]n(?:\s+the\s+year)?|[Oo]n|[Dd]uring|[Ii]m(?:\s+(?:Jahre?|Laufe\s+des\s+Jahres))?|[Aa]m)"
    r"\s*|(?P<bare_paren>[(\[]\s*))$"
)
_POINT_WORDS = {"in", "in the year", "on", "during", "im", "im jahr", "im jahre", "am",
                "im laufe des jahres"}
_SINCE = {"since", "seit", "seit dem", "seit den"}
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
    # the word must start at a word boundary (not "Vaughn" -> "on")
    wstart = base + m.start("word")
    if wstart > 0 and word[0].isalpha() and (text[wstart - 1].isalnum()):
        return None, start, False
    if word in ("b.", "d.", "*", "†") and m.group("paren") is None:
        # '*'/'b.' mark a birth only inside brackets; '†' is clear anywhere
        if word != "†":
            return None, start, False
    return word, wstart, m.group("paren") is not None


def _dv(atom: _Atom, text: str, offset: int) -> Optional[DateValue]:
    value = atom.value()
    if value is None:
        return None
    return DateValue(value=value, precision=atom.precision, text=text[atom.start: atom.end],
                     start=atom.start + offset, end=atom.end + offset)


def _prior_atom(prior: Optional[DateValue]) -> Optional[_Atom]:
    """An atom for a date stated before this text (the previous sentence's last date)."""
    if prior is None:
        return None
    year, month, day = split(prior.value)
    return _Atom(-1, -1, prior.precision, year, month, day)


def _resolve_shifts(atoms: list[_Atom], prior: Optional[DateValue] = None, text: str = "") -> None:
    """'four years later' takes the previous resolved atom's date, shifted; the first one of a
    sentence takes ``prior``, the last date of the text before ("She joined in 2012. Four
    years later, …")."""
    prev: Optional[_Atom] = _prior_atom(prior)
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


def _shifted(base: _Atom, shift: tuple[str, int]) -> Optional[tuple[int, int, int, str]]:
    """``base`` moved by ``shift`` (unit, n): year, month, day and the coarser of the unit's and
    the base's precision ("four years after March 2012" is a month, "two days after 2012" a
    year), or None for an impossible day."""
    unit, n = shift
    y, mo, d = _shift(base.year, base.month or 1, base.day or 1, unit, n)
    order = {"year": 0, "month": 1, "day": 2}
    prec = unit if order[unit] <= order[base.precision] else base.precision
    if prec == "day" and not _valid(y, mo, d):
        return None
    return y, mo, d, prec


def _resolve_forward(a: _Atom, atoms: list[_Atom], text: str) -> None:
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


def _share_year(first: _Atom, second: _Atom) -> None:
    """'from 1 May to 3 June 2024': the first date borrows the second's year."""
    if first.partial and second.month is not None and second.precision == "day":
        first.month = second.month
        if second.year is not None and _valid(second.year, first.month, first.day):
            first.year = second.year
        return
    if second.year is not None and (first.year is None or
                                    (first.relative and first.shift is None
                                     and first.precision in ("day", "month")
                                     and not second.relative)):
        if first.month is not None and _valid(second.year, first.month, first.day):
            first.year = second.year
            first.relative = False


def _is_lifespan(text: str, paren_start: int, a: _Atom, b: _Atom) -> bool:
    before = text[max(0, paren_start - 40): paren_start]
    after_name = re.search(r"[A-ZÄÖÜ][\w.'’-]*\s*$", before) is not None
    return after_name and b.year is not None and a.year is not None and b.year - a.year >= 20


def _mention(kind: str, a: Optional[_Atom], b: Optional[_Atom], s: int, e: int, text: str,
             offset: int, start_atom: Optional[_Atom] = None) -> Optional[DateMention]:
    start = _dv(a, text, offset) if a is not None else None
    end = _dv(b, text, offset) if b is not None else None
    if start is None and end is None:
        return None
    rel = any(x is not None and x.relative for x in (a, b))
    return DateMention(kind, start, end, text[s:e], s + offset, e + offset, rel)


def _combine(text: str, atoms: list[_Atom], offset: int) -> list[DateMention]:
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


def _rangeable(a: _Atom, b: _Atom, gap: str) -> bool:
    """'2010–2024', '2010 to 2024', 'May 2010 - June 2012': same kind of date, in order."""
    if a.partial:
        return b.precision == "day" and b.day is not None and a.day < b.day
    if a.year is None or b.year is None:
        return a.year is None and b.year is not None  # '1 May – 3 June 2024'
    if "/" in gap and not (a.precision == b.precision == "year"):
        return False
    return (a.year, a.month or 0, a.day or 0) < (b.year, b.month or 13, b.day or 32) and not (
        a.relative or b.relative)


# --------------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------------

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
    atoms = _atoms(text, anchor_date, lang)
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
