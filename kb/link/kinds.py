"""What kind of thing a reference entry is, and which country it belongs to: from index files.

The shared reference dumps state almost no P31 for organisations, parties and cabinets, and no
country for parties and ROR/NSI organisations; the build that made them wrote that knowledge to
index files instead (``orgs-index.tsv.gz``: ``kind`` and ``country_iso2``; ``entity-index.tsv.gz``:
``kinds`` and ``partyfacts_country_iso3``). ``kb reference import`` passes such a ``.tsv(.gz)``
file here, and its rows become claims of two kb-only properties:

- ``kb:kind``    one row per kind part ("ROR company", "NSI operator amenity/school",
                 "political party", "cabinet", ...), exactly as the index writes it;
- ``kb:country`` the ISO 3166-1 alpha-2 code the index gives (alpha-3 codes converted); for
                 people, the countries of the politician catalogues that list them
                 (``entity-index.tsv.gz`` column ``catalogues``: "united-kingdom" -> GB);
- ``kb:gender``  a person's gender as the index writes it ("male", "female"; column ``gender``
                 of ``entity-index.tsv.gz``, one row per ";"-part): the dumps carry no P21, and
                 "Lord Armstrong" must not become a woman named Armstrong.

The linker reads them back (``ReferenceIndex.kinds``/``countries``) to decide what a candidate
can be: a party is bound to a country, a municipality that operates schools is a place, a cabinet
is no company. Index rows of positions are skipped and people only give their countries and
genders (the dumps say the rest).
Import index files after the dumps: re-importing a dump entity replaces all its claims.
"""

from __future__ import annotations

import csv
import gzip
import io
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator, Optional

from ..countries import cldr_countries, cldr_name, grouping_codes
from ..store.reference import replace_claims
from .names import norm

KIND = "kb:kind"
COUNTRY = "kb:country"
GENDER = "kb:gender"
#: Index columns that hold the kind and the country, per index file layout.
_KIND_COLUMNS = ("kind", "kinds")
_COUNTRY_COLUMNS = ("country_iso2", "partyfacts_country_iso3")
#: Kinds the dumps state already (P31 = Q5, P39 values): no claims needed for them.
_SKIPPED_KINDS = ("person", "position", "office-holder")


def is_index_file(path: Path) -> bool:
    """A tab-separated index (``.tsv`` or ``.tsv.gz``) rather than dump lines."""
    name = path.name.lower()
    return name.endswith(".tsv") or name.endswith(".tsv.gz")


def _open_text(path: Path) -> io.TextIOBase:
    if path.name.lower().endswith(".gz"):
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8", newline="")
    return path.open(encoding="utf-8", newline="")


@lru_cache(maxsize=1)
def _alpha3_to_alpha2() -> dict[str, str]:
    """ISO alpha-3 -> alpha-2 from CLDR (via babel): Party Facts writes alpha-3 codes."""
    from babel.core import get_global

    out = {}
    for code, targets in get_global("territory_aliases").items():
        if len(code) == 3 and code.isalpha() and len(targets) == 1 and len(targets[0]) == 2:
            out[code.upper()] = targets[0].upper()
    return out


def iso2(code: str) -> Optional[str]:
    """An ISO alpha-2 code from an alpha-2 or alpha-3 one (None when unknown)."""
    code = (code or "").strip().upper()
    if len(code) == 2 and code.isalpha():
        return code
    if len(code) == 3:
        return _alpha3_to_alpha2().get(code)
    return None


def index_claim_rows(path: Path) -> Iterator[tuple]:
    """``ref_claims`` rows (qid, property, value, None x4) of one index file."""
    with _open_text(path) as fh:
        reader = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        kind_col = next((c for c in _KIND_COLUMNS if c in (reader.fieldnames or [])), None)
        if kind_col is None or "qid" not in (reader.fieldnames or []):
            return
        country_col = next((c for c in _COUNTRY_COLUMNS if c in reader.fieldnames), None)
        for row in reader:
            qid = (row.get("qid") or "").strip()
            kinds = [k.strip() for k in (row.get(kind_col) or "").split(";") if k.strip()]
            if not qid.startswith("Q") or not kinds:
                continue
            if all(k.startswith(_SKIPPED_KINDS) for k in kinds):
                if "person" in kinds:  # a person's country: the catalogues listing their posts
                    for country in dict.fromkeys(catalogue_countries(row.get("catalogues") or "")):
                        yield (qid, COUNTRY, country, None, None, None, None)
                    for gender in dict.fromkeys(g.strip() for g in (row.get("gender") or "").split(";")):
                        if gender:
                            yield (qid, GENDER, gender, None, None, None, None)
                continue
            for kind in dict.fromkeys(kinds):
                yield (qid, KIND, kind, None, None, None, None)
            country = iso2(row.get(country_col) or "") if country_col else None
            if country:
                yield (qid, COUNTRY, country, None, None, None, None)


def catalogue_countries(catalogues: str) -> list[str]:
    """ISO codes of the countries whose politician catalogues list a person ("united-kingdom;
    world" -> ["GB"]); sub-national and international catalogues ("european-union") give none."""
    out = []
    for slug in catalogues.split(";"):
        code = country_code(slug.strip().replace("-", " ")) if slug.strip() else None
        if code and code not in grouping_codes():  # CLDR's unions and groupings ("european-union" -> EU)
            out.append(code)
    return out


def import_index(db, path: Path) -> tuple[int, int]:
    """Replace the kind/country/gender claims of the QIDs an index file lists; (entities, claims)."""
    rows = list(index_claim_rows(path))
    qids = sorted({r[0] for r in rows})
    replace_claims(db, qids, (KIND, COUNTRY, GENDER), rows)
    return len(qids), len(rows)


# ------------------------------------------------------------------------------------------
# Reading kinds back: what a candidate can stand for
# ------------------------------------------------------------------------------------------

#: Kind prefixes of entries that are places, not organisations: NSI gives a municipality's QID
#: as the "operator" of schools and recycling bins; the politicians subset has states.
PLACE_KINDS = ("state", "state/territory")
_GOVERNMENT_KINDS = ("political party", "cabinet", "government", "organisation/jurisdiction", "state",
                     "ROR government", "ROR funder+government", "government agency",
                     "international organisation")


def org_class(kinds: Iterable[str]) -> Optional[str]:
    """'party', 'government' (states, cabinets, agencies, ministries, international bodies),
    'place' (only known as an NSI operator whose label names a municipality: decided by the
    caller), 'organisation' (companies, brands, universities, newspapers, ...) or None."""
    kinds = list(kinds)
    if not kinds:
        return None
    if any(k.startswith("political party") for k in kinds):
        return "party"
    if any(k.startswith(_GOVERNMENT_KINDS) for k in kinds):
        return "government"
    return "organisation"


def only_nsi(kinds: Iterable[str]) -> bool:
    """Known only from the name-suggestion-index (a shop brand or an OSM operator)."""
    kinds = list(kinds)
    return bool(kinds) and all(k.startswith("NSI ") for k in kinds)


def only_operator(kinds: Iterable[str]) -> bool:
    """Known only as the operator of OSM features (often a municipality, i.e. a place)."""
    kinds = list(kinds)
    return bool(kinds) and all(k.startswith("NSI operator") for k in kinds)


@lru_cache(maxsize=2)
def _country_codes(lang: str = "en") -> dict[str, str]:
    """Normalised country name -> ISO alpha-2: CLDR's English names plus kb's usual forms, and
    for German text also CLDR's German names ("Österreich"; only there: "Island" is Iceland)."""
    out = {}
    for code, name in cldr_countries("en"):
        out[norm(name)] = code
        out.setdefault(norm(name.replace(" SAR China", "")), code)  # "Hong Kong SAR China"
    for code, name in cldr_countries("de") if lang == "de" else ():
        out.setdefault(norm(name), code)
        out.setdefault(norm(name.replace(" SAR China", "").replace(" Sonderverwaltungsregion", "")), code)
    for name, code in (("united states of america", "US"), ("america", "US"), ("usa", "US"),
                       ("us", "US"), ("uk", "GB"), ("britain", "GB"), ("great britain", "GB"),
                       ("czech republic", "CZ"), ("republic of korea", "KR"), ("russian federation", "RU"),
                       # the UK's nations: news about Wales is news about a body of the UK
                       ("england", "GB"), ("scotland", "GB"), ("wales", "GB"), ("northern ireland", "GB")):
        out.setdefault(name, code)
    return out


def country_code(name: str, lang: Optional[str] = None) -> Optional[str]:
    """ISO alpha-2 code of a country named in English ("United Kingdom" -> "GB") or, in German
    text (``lang`` "de"), in German ("Österreich" -> "AT"); None when unknown."""
    return _country_codes("de" if lang == "de" else "en").get(norm(name))


@lru_cache(maxsize=1)
def _german_country_names() -> frozenset[str]:
    """Normalised names German text gives countries: CLDR's German names and the short forms
    German news shares with English ("USA", "UK")."""
    names = {norm(n) for _, n in cldr_countries("de")}
    return frozenset(names | {"usa", "us", "uk", "england", "wales"})


def english_exonym(name: str) -> bool:
    """A country's English name that German never uses for it ("Austria", "Germany"): in a German
    text it is a club ("die Austria") or a word of a longer name ("Statistik Austria"), not the
    state, which German calls "Österreich"."""
    key = norm(name)
    return key in _country_codes("en") and key not in _german_country_names()


def country_name(code: str) -> Optional[str]:
    """The English (CLDR) name of an ISO alpha-2 code ("GB" -> "United Kingdom"), or None."""
    return cldr_name(code)
