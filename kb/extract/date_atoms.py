"""Date atoms, the first layer of date finding (see ``dates.py``): one date each ("6. Mai
2025", "last October", "four years later"), from a table of patterns with small handlers,
and the gates that skip patterns a sentence cannot match."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Callable, Iterable, Optional

from kb.extract.date_words import (
    Atom, Ctx, DE_NUMBERS, DE_WEEKDAYS, EN_NUMBERS, EN_WEEKDAYS, Handler, alternation, full_year,
    md_atom, month_number, number, resolve_missing_year, valid,
)
from kb.prefixdate import MONTHS_DE, MONTHS_EN


# Shared pieces of pattern
_EN_MONTH_RE = alternation(MONTHS_EN, abbrev_dot=True)


_DE_MONTH_RE = "(?:" + alternation(MONTHS_DE, abbrev_dot=True) + r"(?:es|s)?)"


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


def _plain_year_ok(m: re.Match, ctx: Ctx) -> bool:
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


def _h_year(m: re.Match, ctx: Ctx) -> Optional[Atom]:
    if not _plain_year_ok(m, ctx):
        return None
    return Atom(m.start(), m.end(), "year", int(m.group(0)))


def _h_apostrophe_year(m: re.Match, ctx: Ctx) -> Optional[Atom]:
    """ "'87" -> 1987: the latest such year not after the publication year (without one, the
    two-digit pivot of ``full_year``)."""
    tail = int(m.group("y"))
    if ctx.anchor is None:
        year = full_year(m.group("y"))
    else:
        year = ctx.anchor.year - ctx.anchor.year % 100 + tail
        if year > ctx.anchor.year:
            year -= 100
    return Atom(m.start("ap"), m.end(), "year", year)


def _h_year_tail(m: re.Match, ctx: Ctx) -> Optional[Atom]:
    """'24' in '2010-24' or '2010/11': the end year of a compact range."""
    first = int(ctx.text[m.start() - 5: m.start() - 1])
    tail = int(m.group(0))
    year = first - first % 100 + tail
    if year <= first:
        return None
    return Atom(m.start(), m.end(), "year", year, priority=-1)


def _h_spaced_year_tail(m: re.Match, ctx: Ctx) -> Optional[Atom]:
    """'88' in '(1820 – 88)': the end year of a compact range written with spaces."""
    first = int(ctx.text[m.start() - 7: m.start() - 3])
    year = first - first % 100 + int(m.group(0))
    if year <= first:
        return None
    return Atom(m.start(), m.end(), "year", year, priority=-1)


def _h_iso(m: re.Match, ctx: Ctx) -> Optional[Atom]:
    y, mo, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
    if not valid(y, mo, d):
        return None
    return Atom(m.start(), m.end(), "day", y, mo, d, priority=2)


def _h_dmy(m: re.Match, ctx: Ctx) -> Optional[Atom]:
    atom = md_atom(m, m.group("y"), m.group("mon"), m.group("d"))
    if atom is not None:
        resolve_missing_year(atom, ctx)
    return atom


def _h_day_only(m: re.Match, ctx: Ctx) -> Optional[Atom]:
    """The first day of a day range ("3.–5. Mai 2024", "3 to 5 May"): completed by its partner."""
    return Atom(m.start(), m.end(), "day", None, None, int(m.group("d")), partial=True)


def _h_month_year(m: re.Match, ctx: Ctx) -> Optional[Atom]:
    return md_atom(m, m.group("y"), m.group("mon"), None)


# Words that make a bare month name ("May", "March") a date.
_BARE_MONTH_CUE = re.compile(
    r"(?:\b(?:in|since|until|till|through|by|from|to|and|during|of|early|mid|late|last|this|"
    r"next|before|after|between|im|seit|bis|ab|von|vom|und|oder|zum|anfang|mitte|ende|"
    r"letzten|vergangenen|diesen|nächsten|kommenden|des|im\s+vergangenen|im\s+letzten)|mid-)\s*$",
    re.IGNORECASE,
)


#: Month names that are also common words or names: alone they need a cue word before them.
_AMBIGUOUS_MONTHS = {"May", "March", "Mar", "Jan", "August", "Aug", "Dec", "Sep", "Mai", "Marz"}


def _h_bare_month(m: re.Match, ctx: Ctx) -> Optional[Atom]:
    before = ctx.text[max(0, m.start() - 25): m.start()]
    name = m.group("mon").rstrip(".")
    if name in _AMBIGUOUS_MONTHS and not _BARE_MONTH_CUE.search(before):
        return None
    atom = md_atom(m, None, m.group("mon"), None)
    if atom is not None:
        resolve_missing_year(atom, ctx)
    return atom


def _h_rel_month(m: re.Match, ctx: Ctx) -> Optional[Atom]:
    """'last October', 'next March', 'vergangenen Oktober'."""
    mo = month_number(m.group("mon"))
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
    return Atom(m.start(), m.end(), "month", year, mo, relative=True, priority=1)


def _weekday_date(anchor: date, weekday: int, direction: str) -> date:
    """Nearest weekday on/before ('on'), strictly before ('last'), after ('next') or on/after
    ('ahead': a future tense) the anchor."""
    if direction in ("next", "ahead"):
        delta = (weekday - anchor.weekday()) % 7 or (7 if direction == "next" else 0)
        return anchor + timedelta(days=delta)
    delta = (anchor.weekday() - weekday) % 7
    if direction == "last" and delta == 0:
        delta = 7
    return anchor - timedelta(days=delta)


_LAST_WORDS = {"last", "past", "letzten", "vergangenen", "vorigen", "letzter", "vergangener"}


_NEXT_WORDS = {"next", "coming", "nächsten", "kommenden", "nächster", "kommender"}


def _h_weekday(m: re.Match, ctx: Ctx) -> Optional[Atom]:
    if ctx.anchor is None:
        return None
    name = m.group("wd")
    wd = EN_WEEKDAYS.get(name, DE_WEEKDAYS.get(name))
    rel = (m.group("rel") or "").lower().split()
    direction = "on"
    if rel and rel[-1] in _LAST_WORDS:
        direction = "last"
    elif rel and rel[-1] in _NEXT_WORDS:
        direction = "next"
    if direction == "on" and _FUTURE_RE.search(_clause_before(ctx.text, m.start())):
        direction = "ahead"  # "trading will resume on Monday": the coming Monday
    d = _weekday_date(ctx.anchor, wd, direction)
    return Atom(m.start(), m.end(), "day", d.year, d.month, d.day, relative=True)


#: Future tense in the clause before a bare weekday ("will resume on Monday", "is due to meet
#: on Friday"): the weekday is the next one, not the last (news is otherwise past tense).
_FUTURE_RE = re.compile(r"\b(?:will|shall|'ll|(?:is|are|was|were)\s+to|due\s+to|set\s+to|scheduled\s+to|"
                        r"expected\s+to|plans?\s+to|going\s+to|wird|werden)\b", re.I)


def _clause_before(text: str, end: int) -> str:
    """The text of the clause before offset ``end``: back to the last comma, semicolon or
    sentence stop, at most 60 characters."""
    start = max(text.rfind(c, 0, end) for c in ",;.:")
    return text[max(start + 1, end - 60) : end]


_DAY_WORDS = {"today": 0, "yesterday": -1, "tomorrow": 1, "heute": 0, "gestern": -1,
              "vorgestern": -2, "morgen": 1, "übermorgen": 2}


def _h_day_word(m: re.Match, ctx: Ctx) -> Optional[Atom]:
    if ctx.anchor is None:
        return None
    word = m.group(0)
    if word[0].isupper() and word.lower() == "morgen":
        return None  # "Morgen" is the morning
    d = ctx.anchor + timedelta(days=_DAY_WORDS[word.lower()])
    return Atom(m.start(), m.end(), "day", d.year, d.month, d.day, relative=True)


#: Words of a market report: "on the day" in their sentence is the trading day reported.
_MARKET_RE = re.compile(r"\b(?:shares?|stocks?|index|indices|closed|trading|traded|points?|"
                        r"cents?|pence|dollar|euro|yen|sterling|prices?|markets?|ftse|dow|nasdaq|nikkei|dax)\b", re.I)


def _h_the_day(m: re.Match, ctx: Ctx) -> Optional[Atom]:
    """ "The FTSE 100 closed 40 points higher on the day": in a market report (its sentence
    names shares, an index, a currency, closing or trading) the day is the publication day."""
    if ctx.anchor is None or not _MARKET_RE.search(ctx.text):
        return None
    a = ctx.anchor
    return Atom(m.start(), m.end(), "day", a.year, a.month, a.day, relative=True)


def _unit_precision(unit: str) -> Optional[str]:
    u = unit.lower()
    if u.startswith(("year", "jahr")):
        return "year"
    if u.startswith(("month", "monat")):
        return "month"
    if u.startswith(("day", "tag")):
        return "day"
    return None


def shift_date(year: int, month: int, day: int, unit: str, n: int) -> Optional[tuple[int, int, int]]:
    if unit == "year":
        return year + n, month, day
    if unit == "month":
        total = year * 12 + (month - 1) + n
        return total // 12, total % 12 + 1, day
    d = date(year, month, day) + timedelta(days=n)
    return d.year, d.month, d.day


#: Words that move "year"/"month" one unit back or forward, per phrase kind.
_REL_UNIT_BACK = _LAST_WORDS | {"letztes", "vergangenes", "voriges", "vergangenen", "letzten", "vorigen", "previous",
                                "vorjahr"}
_REL_UNIT_FORWARD = _NEXT_WORDS | {"nächstes", "kommendes"}
_THIS_UNIT_BACK = {"last", "letzten", "vergangenen", "vorigen"}
_THIS_UNIT_FORWARD = {"next", "nächsten", "kommenden"}


def _unit_atom(m: re.Match, ctx: Ctx, word: str, back: set[str], forward: set[str]) -> Optional[Atom]:
    """The year or month ``word`` points to from the anchor: one back, one forward, or this one."""
    if ctx.anchor is None:
        return None
    unit = _unit_precision(m.group("unit"))
    n = -1 if word in back else 1 if word in forward else 0
    y, mo, _ = shift_date(ctx.anchor.year, ctx.anchor.month, 1, unit, n)
    return Atom(m.start(), m.end(), unit, y, mo, relative=True)


def _h_rel_unit(m: re.Match, ctx: Ctx) -> Optional[Atom]:
    """this/last/next year|month, letztes/vergangenes/dieses Jahr, im vergangenen Monat."""
    return _unit_atom(m, ctx, m.group("rel").lower(), _REL_UNIT_BACK, _REL_UNIT_FORWARD)


def _h_this_unit_word(m: re.Match, ctx: Ctx) -> Optional[Atom]:
    """'earlier this year', 'later this month', 'Anfang des Jahres', 'Ende letzten Jahres'."""
    return _unit_atom(m, ctx, (m.group("rel") or "this").lower(), _THIS_UNIT_BACK, _THIS_UNIT_FORWARD)


def _h_ago(m: re.Match, ctx: Ctx) -> Optional[Atom]:
    """'four years ago', 'vor zwei Monaten': counted back from the anchor."""
    if ctx.anchor is None:
        return None
    n = number(m.group("n"))
    unit = _unit_precision(m.group("unit"))
    if n is None or unit is None:
        return None
    a = ctx.anchor
    y, mo, d = shift_date(a.year, a.month, a.day, unit, -n)
    return Atom(m.start(), m.end(), unit, y, mo, d, relative=True)


def _h_later(m: re.Match, ctx: Ctx) -> Optional[Atom]:
    """'four years later', 'zwei Jahre später': resolved later against the previous date."""
    n = number(m.group("n"))
    unit = _unit_precision(m.group("unit"))
    if n is None or unit is None:
        return None
    direction = m.group("dir") or m.group("dir2") if "dir2" in m.re.groupindex else m.group("dir")
    sign = -1 if direction.lower() in ("earlier", "before", "früher", "zuvor", "vorher") else 1
    return Atom(m.start(), m.end(), unit, shift=(unit, sign * n))


def _h_after_event(m: re.Match, ctx: Ctx) -> Optional[Atom]:
    """'four years after joining the party in 2012': counted from the date of the event the
    clause names (the next date before a comma); left out when the clause gives none."""
    atom = _h_later(m, ctx)
    if atom is not None:
        atom.forward = True
    return atom


def _h_part_of(m: re.Match, ctx: Ctx) -> Optional[Atom]:
    """'early 2025', 'Mitte 2023', 'the end of October 2024': the inner date's precision."""
    inner = m.group("inner")
    month = month_number(inner)
    if month is not None:  # "Anfang März", "late October": the anchor's year
        atom = Atom(m.start(), m.end(), "month", None, month, priority=1)
        resolve_missing_year(atom, ctx)
        return atom if atom.year is not None else None
    sub = find_atoms(inner, ctx.anchor, ctx.lang)
    if len(sub) != 1 or sub[0].end - sub[0].start != len(inner) or sub[0].year is None:
        return None
    atom = sub[0]
    atom.start, atom.end = m.start(), m.end()
    atom.priority = 1
    return atom


def _h_season(m: re.Match, ctx: Ctx) -> Optional[Atom]:
    """'summer 2024', 'Herbst 2023', 'the first quarter of 2024', 'fiscal 2008' -> the year."""
    year = int(m.group("y"))
    if not valid(year, None, None):
        return None
    return Atom(m.start(), m.end(), "year", year, priority=1)


def _h_de_numeric(m: re.Match, ctx: Ctx) -> Optional[Atom]:
    """'1.12.2024', '01.12.24' (German day.month.year)."""
    y = full_year(m.group("y"))
    mo, d = int(m.group("m")), int(m.group("d"))
    if not valid(y, mo, d):
        return None
    return Atom(m.start(), m.end(), "day", y, mo, d)


_NUM_EN = "(?:" + "|".join(sorted(EN_NUMBERS, key=len, reverse=True)) + r"|\d{1,3})"


_NUM_DE = "(?:" + "|".join(sorted(DE_NUMBERS, key=len, reverse=True)) + r"|\d{1,3})"


_EN_WD = alternation(EN_WEEKDAYS)


_DE_WD = alternation(DE_WEEKDAYS)


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
        # "shares closed 2% higher on the day": a market report's day is the publication day
        (r"\b(?:on|over)\s+the\s+day(?![\w-])(?!\s+(?:of|that|when|before|after|he|she|they|it|we|the|a)\b)",
         _h_the_day, 0, "en_unit_day"),
        # "the crash of '87", "since '98": an apostrophe year after a preposition or "the"
        (r"\b(?:of|in|since|from|until|till|by|before|after|the|and|to)\s+(?P<ap>['’])(?P<y>\d\d)(?![\w'’%])",
         _h_apostrophe_year, 0, "digit"),
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
    "en_wd": _has_any(EN_WEEKDAYS),
    "de_wd": _has_any(DE_WEEKDAYS),
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


def find_atoms(text: str, anchor: Optional[date], lang: str, gated: bool = True) -> list[Atom]:
    """All date atoms in ``text``, non-overlapping: longest first, then by priority.

    ``gated=False`` runs every pattern (the reference the gates are tested against).
    """
    key = _lang_key(lang)
    low = text.lower()
    seen: dict[str, bool] = {}
    if gated and not _gate_open((_ROOTS[key],), text, low, seen, any_of=True):
        return []
    ctx = Ctx(text, anchor, lang)
    found: list[Atom] = []
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


def _select(atoms: list[Atom]) -> list[Atom]:
    """Longest atoms win; equally long ones by priority; then by position."""
    chosen: list[Atom] = []
    for a in sorted(atoms, key=lambda a: (-(a.end - a.start), -a.priority, a.start)):
        if all(a.end <= c.start or a.start >= c.end for c in chosen):
            chosen.append(a)
    return sorted(chosen, key=lambda a: a.start)
