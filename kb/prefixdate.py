"""Dates as ISO prefixes with their precision: the one place that says how they compare.

kb keeps a date exactly as precise as the text gives it, after Wikidata: ``"2024"`` (year),
``"2024-10"`` (month) or ``"2024-10-01"`` (day), never widened. Two such dates are compared at
the coarser of their precisions, so ``"2010"`` agrees with ``"2010-05"`` and a tenure from
``"2010"`` to ``"2024"`` covers 2015-01-01. Comparing them as plain strings would be wrong
(``"2010" < "2010-05"``); every stage (extract, store, link, graph) asks this module instead.

The SQL views need the same rule; :func:`sql_common` writes it as an SQLite expression over
two columns, so the text of a view comes from here rather than being typed out again.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from functools import lru_cache
from typing import Optional

#: Month names, English and German, lower case, with the usual abbreviations: the one table.
MONTHS_EN: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
MONTHS_DE: dict[str, int] = {
    "januar": 1, "jänner": 1, "jaenner": 1, "februar": 2, "feber": 2, "märz": 3, "maerz": 3, "marz": 3,
    "april": 4, "mai": 5, "juni": 6, "juli": 7, "august": 8, "september": 9, "oktober": 10,
    "november": 11, "dezember": 12,
    "jän": 1, "jan": 1, "feb": 2, "mär": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "okt": 10, "nov": 11, "dez": 12,
}

PRECISIONS = ("year", "month", "day")
_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def precision(value: Optional[str]) -> Optional[str]:
    """``year``, ``month`` or ``day`` for an ISO prefix (by its shape), None for no date."""
    if not value:
        return None
    return PRECISIONS[value.count("-")] if value.count("-") < 3 else None


def common(a: str, b: str) -> tuple[str, str]:
    """Both prefixes cut to the coarser of their precisions."""
    n = min(len(a), len(b))
    return a[:n], b[:n]


def agrees(a: Optional[str], b: Optional[str]) -> bool:
    """One date refines the other ("2024" and "2024-10"); a missing date agrees with anything."""
    return a is None or b is None or a.startswith(b) or b.startswith(a)


def before(a: Optional[str], b: Optional[str]) -> bool:
    """``a`` is certainly earlier than ``b`` at their common precision (False when unknown)."""
    if not a or not b:
        return False
    x, y = common(a, b)
    return x < y


def overlaps(start: Optional[str], end: Optional[str], other_start: Optional[str],
             other_end: Optional[str]) -> bool:
    """Do two (possibly open) intervals share a moment, dates compared at common precision?"""
    return not before(other_end, start) and not before(end, other_start)


@lru_cache(maxsize=65536)
def split(value: str) -> Optional[tuple[int, Optional[int], Optional[int]]]:
    """(year, month, day) of an ISO prefix, or None when it is not a real calendar date."""
    match = _DATE_RE.match(value.strip()) if value else None
    if not match:
        return None
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        date(year, month or 1, day or 1)
    except ValueError:
        return None
    return year, month, day


@lru_cache(maxsize=65536)
def first_day(value: Optional[str]) -> str:
    """First day of the period a prefix names ("2019" -> "2019-01-01"); "" if not a date.

    For tools that need full dates (GEXF timelines, date filters): the precision is kept
    beside the value by the caller, so nothing is silently widened in kb's own tables.
    """
    parts = split(value or "")
    if parts is None:
        return ""
    year, month, day = parts
    return f"{year:04d}-{month or 1:02d}-{day or 1:02d}"


def last_day(value: Optional[str]) -> str:
    """Last day of the period ("2019" -> "2019-12-31"): an inclusive upper bound."""
    parts = split(value or "")
    if parts is None:
        return ""
    year, month, day = parts
    if day is not None:
        return f"{year:04d}-{month:02d}-{day:02d}"
    month = month or 12
    return f"{year:04d}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"


def sql_common(a: str, b: str) -> tuple[str, str]:
    """The SQLite form of :func:`common`: two expressions cutting columns ``a`` and ``b``.

    ``"{x} <> {y}".format(*sql_common("t.start", "c.start"))`` is "disagree at common
    precision"; ``<`` is :func:`before`.
    """
    n = f"min(length({a}), length({b}))"
    return f"substr({a}, 1, {n})", f"substr({b}, 1, {n})"
