"""CLDR's country names (through babel): the one place kb reads the territory tables, so that the
merge keys (``kb.names``) and the linker's country rules (``kb.link.kinds``) agree on what a
country is."""

from __future__ import annotations

from functools import lru_cache
from typing import Optional


#: The English names news and kb's lexicons use where CLDR's differ (CLDR writes "Türkiye",
#: "Czechia", "Côte d’Ivoire", "Congo - Kinshasa"): without them a text naming "Turkey" would
#: name no country the linker knows, and a post kb places in Turkey would read "Türkiye".
USUAL_ENGLISH = {"TR": "Turkey", "CZ": "Czech Republic", "BA": "Bosnia and Herzegovina", "CI": "Ivory Coast",
                 "CD": "Democratic Republic of the Congo", "MM": "Myanmar", "PS": "Palestine"}


@lru_cache(maxsize=4)
def cldr_countries(lang: str) -> tuple[tuple[str, str], ...]:
    """CLDR's (ISO alpha-2 code, country name) pairs in ``lang``, and in English also the usual
    names of ``USUAL_ENGLISH`` (listed last, so they are the names ``cldr_name`` gives); regions
    such as "150" (Europe) are left out because no text calls a continent a country."""
    from babel import Locale

    pairs = tuple((c, n) for c, n in Locale(lang).territories.items() if len(c) == 2 and c.isalpha())
    return pairs + (tuple(USUAL_ENGLISH.items()) if lang == "en" else ())


def cldr_name(code: str, lang: str = "en") -> Optional[str]:
    """The CLDR name of an ISO alpha-2 code in ``lang`` ("GB" -> "United Kingdom"), or None."""
    return _names_by_code(lang).get(code)


@lru_cache(maxsize=4)
def _names_by_code(lang: str) -> dict[str, str]:
    """Code -> name, built once per language (the linker asks per candidate position)."""
    return dict(cldr_countries(lang))


@lru_cache(maxsize=1)
def grouping_codes() -> frozenset[str]:
    """CLDR's two-letter codes that name no state but a grouping or a placeholder ("EU" European
    Union, "EZ" Eurozone, "UN" United Nations, "QO" Outlying Oceania, "XA"/"XB" pseudo-locales):
    the territories CLDR gives no population's languages (``territory_languages``, its
    supplemental population data), which every inhabited state and territory has. Read from
    CLDR rather than listed, so a grouping a later CLDR adds is no country either."""
    from babel.core import get_global

    populated = get_global("territory_languages")
    return frozenset(c for c, _ in cldr_countries("en") if c not in populated and c not in USUAL_ENGLISH)
