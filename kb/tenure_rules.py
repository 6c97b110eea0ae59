"""How tenure claims combine: which stored tenure a claim joins, how its dates reconcile, and
when two people of the same name are two people. Pure functions on plain values (no SQL), used
by the store and open to extraction.

Dates are ISO prefixes compared by ``kb.prefixdate``.
"""

from __future__ import annotations

from collections import Counter
from typing import Iterable, Optional

from .prefixdate import agrees

DateClaim = tuple[Optional[str], Optional[str]]  # (ISO prefix, precision)


def joins_tenure(start: Optional[str], end: Optional[str], ordinal: Optional[int],
                 t_start: Optional[str], t_end: Optional[str], t_ordinal: Optional[int]) -> bool:
    """Can a claim (start, end, ordinal) join a stored tenure (t_start, t_end, t_ordinal)?

    Yes when none of its dates or ordinal contradicts the tenure's and, if both carry dates,
    they share at least one agreeing date: "from 2002" and "until 2024" stay two tenures (they
    may be two terms), "since October 2024" refines "since 2024", an undated claim joins.
    """
    if not (agrees(start, t_start) and agrees(end, t_end)):
        return False
    if ordinal is not None and t_ordinal is not None and ordinal != t_ordinal:
        return False
    claim_dated = start is not None or end is not None
    tenure_dated = t_start is not None or t_end is not None
    shared = (start is not None and t_start is not None) or (end is not None and t_end is not None)
    return not (claim_dated and tenure_dated and not shared)


def compatible_tenure(start: Optional[str], end: Optional[str], ordinal: Optional[int],
                      tenures: Iterable[tuple[str, Optional[str], Optional[str], Optional[int]]]) -> Optional[str]:
    """The id of the first of ``tenures`` (id, start, end, ordinal) the claim can join, or None.

    The caller passes a post's tenures most recent start first, so an undated claim joins the
    most recent tenure of the post.
    """
    for tid, t_start, t_end, t_ordinal in tenures:
        if joins_tenure(start, end, ordinal, t_start, t_end, t_ordinal):
            return tid
    return None


def reconcile(claims: list[DateClaim]) -> tuple[Optional[str], Optional[str], bool]:
    """The most precise date among compatible claims, its precision, and whether any conflict."""
    values = [c for c in claims if c[0]]
    if not values:
        return None, None, False
    # most precise, then most claimed, then the value itself: never the order claims were stored in
    counts = Counter(c[0] for c in values)
    best = max(values, key=lambda c: (len(c[0]), counts[c[0]], c[0]))
    conflict = any(not agrees(best[0], v[0]) for v in values)
    return best[0], best[1], conflict


def name_too_weak(name_key: str) -> bool:
    """A one-word person name ("Smith") is too weak to merge on across documents."""
    return len(name_key.split()) < 2


def same_namesake(mine: set[tuple[str, str]], theirs: set[tuple[str, str]]) -> bool:
    """Are a newcomer and a stored person of the same full name one person?

    ``mine`` and ``theirs`` are their ("role", role), ("org", org slug) and ("position", QID)
    pairs. They are one person unless both state roles and share neither a role, nor an
    organisation, nor a linked position item: then they are two people who share a name.
    """
    return not mine or not theirs or bool(mine & theirs)
