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

#: Month names, English and German, as written (capitalised), with the usual abbreviations: the
#: one table (``kb.extract.dates`` matches them in text).
MONTHS_EN: dict[str, int] = {
    "January": 1, "February": 2, "March": 3, "April": 4, "May": 5, "June": 6, "July": 7,
    "August": 8, "September": 9, "October": 10, "November": 11, "December": 12,
    "Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8, "Sep": 9,
    "Sept": 9, "Oct": 10, "Nov": 11, "Dec": 12,
}
MONTHS_DE: dict[str, int] = {
    "Januar": 1, "Jänner": 1, "Jaenner": 1, "Februar": 2, "Feber": 2, "März": 3, "Maerz": 3,
    "Marz": 3, "April": 4, "Mai": 5, "Juni": 6, "Juli": 7, "August": 8, "September": 9,
    "Oktober": 10, "November": 11, "Dezember": 12,
    "Jan": 1, "Feb": 2, "Mrz": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8, "Sep": 9,
    "Sept": 9, "Okt": 10, "Nov": 11, "Dez": 12, "Jän": 1, "Mär": 3,
}

#: Both tables folded to lower case, for parsers of metadata dates ("14 märz 2025").
MONTHS_LOWER: dict[str, int] = {k.lower(): v for table in (MONTHS_EN, MONTHS_DE) for k, v in table.items()}

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
