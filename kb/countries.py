"""CLDR's country names (through babel): the one place kb reads the territory tables, so that the
merge keys (``kb.names``) and the linker's country rules (``kb.link.kinds``) agree on what a
country is."""

from __future__ import annotations

from functools import lru_cache
from typing import Optional


@lru_cache(maxsize=4)
def cldr_countries(lang: str) -> tuple[tuple[str, str], ...]:
    """CLDR's (ISO alpha-2 code, country name) pairs in ``lang``; regions such as "150" (Europe)
    are left out because no text calls a continent a country."""
    from babel import Locale

    return tuple((c, n) for c, n in Locale(lang).territories.items() if len(c) == 2 and c.isalpha())


def cldr_name(code: str, lang: str = "en") -> Optional[str]:
    """The CLDR name of an ISO alpha-2 code in ``lang`` ("GB" -> "United Kingdom"), or None."""
    return dict(cldr_countries(lang)).get(code)
