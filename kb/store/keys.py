"""Stable ids and labels of stored rows (positions, tenures) and Wikipedia URLs.

Entity ids and name keys are in ``kb.names`` (shared with linking and graph filters).
"""

from __future__ import annotations

import hashlib
from typing import Optional
from urllib.parse import quote

from ..names import slug


def position_id(role: str, org_id: Optional[str], qid: Optional[str]) -> str:
    if qid:
        return qid
    return f"position:{slug(role)}@{org_id or '-'}"


def position_label(role: str, org_name: Optional[str]) -> str:
    return f"{role} of {org_name}" if org_name else role


def tenure_id(person: str, position: str, start: Optional[str], end: Optional[str]) -> str:
    """Hash of (person, position, start or 'unknown', end or 'unknown') after the design notes:
    two half-dated tenures of the same post do not collapse into one."""
    raw = "|".join([person, position, start or "unknown", end or "unknown"])
    return "t" + hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]


def wikipedia_url(title: Optional[str], lang: str = "en") -> Optional[str]:
    if not title:
        return None
    return f"https://{lang}.wikipedia.org/wiki/{quote(title.replace(' ', '_'), safe='_()')}"
