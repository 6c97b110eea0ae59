"""Name keys: the normalised form under which a name is matched, merged and judged.

Shared by the store (entity ids), linking, judgements and graph filters, so a name typed by a
user ("mark  RUTTE", "Mark Rutte") finds what the build stored. Linking's fuzzier keys for the
reference (transliteration, phonetic skeletons, acronyms) live in ``kb.link.names``.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Optional

_NON_WORD = re.compile(r"[^\w]+")


def name_key(name: str) -> str:
    """Normalised name for matching: accents folded, case folded, punctuation as spaces."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("ß", "ss").casefold()
    text = _NON_WORD.sub(" ", text)
    return " ".join(text.split())


def slug(text: str) -> str:
    """A readable id part ("Mark Rutte" -> "mark-rutte"); never empty."""
    return name_key(text).replace(" ", "-") or "x"


def entity_id(type: str, name: str, qid: Optional[str]) -> str:
    """Stable id: the QID when linked (merges across documents), else a name slug."""
    if qid:
        return qid
    return f"{type}:{slug(name)}"
