"""Candidate generation: indexed SQL lookups in ``ref_names`` plus cached reference facts.

Each lookup returns ``Cand`` records with a name similarity in [0, 1] and the method that found
them; ``kb.link.disambiguate`` adds the evidence. Everything here is a read of kb.db through
indexes on normalised keys, with small in-memory caches, so a ``Linker`` starts in milliseconds
and repeated names in a build cost a dict lookup.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from pathlib import Path
import sqlite3
from dataclasses import dataclass, field
from typing import Iterable, Optional

from rapidfuzz import fuzz

from ..tsv import read_table
from .kinds import COUNTRY, GENDER, KIND, country_code
from .names import (
    acronym, is_peer_form, last_token, looks_like_acronym, name_runs, name_variants, norm, skeleton, strip_article,
)

#: Name similarity given to each way of finding a candidate (before evidence).
SIM_LABEL = 1.0
SIM_ALIAS = 0.97
SIM_ACRONYM = 0.9
SIM_SURNAME = 0.62  # surname alone, no full name in the document
_MAX_ROWS = 300


@dataclass
class Cand:
    """A candidate QID for one mention, with its best name similarity and how it was found."""

    qid: str
    label: str
    sim: float
    method: str
    features: dict[str, float] = field(default_factory=dict)
    score: float = 0.0


@dataclass(slots=True)
class RefEntity:
    """The reference facts the disambiguator needs about one QID (cached per Linker)."""

    qid: str
    label: Optional[str]
    description: Optional[str]
    kind: Optional[str]
    enwiki: Optional[str]
    birth: Optional[str]
    birth_precision: Optional[str]
    n_sitelinks: int
    n_statements: int
    #: Popularity in [0, 1]: sitelinks and statements, log-scaled (a weak tie-breaker).
    #: Computed once per QID: every mention of a candidate reads it.
    prior: float = field(init=False)

    def __post_init__(self) -> None:
        self.prior = min(1.0, math.log1p(5 * self.n_sitelinks + self.n_statements) / _LOG_PRIOR_SCALE)


_LOG_PRIOR_SCALE = math.log1p(200)
_ENTITY_COLUMNS = ("e.qid, e.label, e.description, e.kind, e.enwiki, e.birth_date, e.birth_precision, "
                   "coalesce(e.n_sitelinks, 0), coalesce(e.n_statements, 0)")
_MISSING = object()
#: Rows per ``IN (...)`` query when prefetching facts for a mention's candidates.
_CHUNK = 500


class LRU:
    """A bounded least-recently-used map (plain dict order; a hit moves the key to the end).

    Bounds a long build's memory: names and QIDs seen once are dropped first, the names that
    recur across documents stay.
    """

    __slots__ = ("data", "maxsize")

    def __init__(self, maxsize: int) -> None:
        self.data: dict = {}
        self.maxsize = maxsize

    def get(self, key, default=None):
        data = self.data
        value = data.pop(key, _MISSING)
        if value is _MISSING:
            return default
        data[key] = value
        return value

    def __contains__(self, key) -> bool:
        return key in self.data

    def __setitem__(self, key, value) -> None:
        data = self.data
        data[key] = value
        if len(data) > self.maxsize:
            del data[next(iter(data))]

    def __len__(self) -> int:
        return len(self.data)

    def clear(self) -> None:
        self.data.clear()


@dataclass(slots=True)
class Profile:
    """What a candidate is, where and when: the facts the abstention rules read (kb.link.rules).

    ``kinds``, ISO ``countries`` and a person's ``genders`` ("male", "female") come from the
    index files imported as ``kb:kind`` / ``kb:country`` / ``kb:gender`` claims (see
    ``kb.link.kinds``) plus P17; inception and death are years."""

    kinds: tuple[str, ...] = ()
    countries: frozenset[str] = frozenset()
    inception: Optional[int] = None
    death: Optional[int] = None
    genders: frozenset[str] = frozenset()


_PROFILE_PROPERTIES = (KIND, COUNTRY, GENDER, "P17", "P571", "P570")


def _year(value: Optional[str]) -> Optional[int]:
    """The year of an ISO-prefix date ("1948-05-01" -> 1948); None for BCE or junk."""
    if not value or value.startswith("-") or not value[:4].isdigit():
        return None
    return int(value[:4])


@dataclass(slots=True)
class Holding:
    """One P39 statement: a position with its (source-effective) dates."""

    position: str
    start: Optional[str]
    end: Optional[str]


#: Cache bounds per Linker (entries, not bytes; a cached QID costs well under 1 KB).
MAX_CACHED_QIDS = 300_000
MAX_CACHED_KEYS = 200_000


#: Memory-mapped reads for the lookups (first-seen names cost ~25% less CPU than through
#: read() calls); pages are the OS file cache, shared, not a private copy of the database.
MMAP_BYTES = 256 * 1024 * 1024


def _enable_mmap(conn: sqlite3.Connection) -> None:
    """Turn on mmap reads for this connection unless its owner chose a setting already."""
    try:
        if conn.execute("PRAGMA mmap_size").fetchone()[0] == 0:
            conn.execute(f"PRAGMA mmap_size={MMAP_BYTES}")
    except sqlite3.Error:  # a read-only or special connection: plain reads work as well
        pass


class ReferenceIndex:
    """Cached reads of the reference tables (one per Linker; connections are not shared).

    Facts are loaded lazily, once per QID, and for all candidates of a mention in one
    ``IN (...)`` query each (entity rows, P39 holdings, jurisdictions of the held positions).
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        _enable_mmap(conn)
        self._entities = LRU(MAX_CACHED_QIDS)
        self._holdings = LRU(MAX_CACHED_QIDS)
        self._held_juris = LRU(MAX_CACHED_QIDS)
        self._names: dict[str, list[str]] = {}
        self._jurisdictions: dict[str, set[str]] = {}
        self._by_jurisdiction: dict[str, list[str]] = {}
        self._exact = LRU(MAX_CACHED_KEYS)
        self._blocks = LRU(MAX_CACHED_KEYS)
        self._profiles = LRU(MAX_CACHED_QIDS)
        self._has_kinds: Optional[bool] = None

    # -- batched prefetch -----------------------------------------------------------------

    def _chunks(self, qids: Iterable[str], cache) -> Iterable[list[str]]:
        missing = [q for q in dict.fromkeys(qids) if q not in cache]
        for i in range(0, len(missing), _CHUNK):
            yield missing[i:i + _CHUNK]

    def prefetch(self, qids: Iterable[str]) -> None:
        """Load the entity rows of these QIDs (one query per 500) into the cache."""
        for chunk in self._chunks(qids, self._entities):
            marks = ",".join("?" * len(chunk))
            rows = self.conn.execute(
                f"SELECT {_ENTITY_COLUMNS} FROM ref_entities e WHERE e.qid IN ({marks})", chunk
            ).fetchall()
            got = {r[0]: RefEntity(*r) for r in rows}
            for q in chunk:
                self._entities[q] = got.get(q)

    def prefetch_holdings(self, qids: Iterable[str]) -> None:
        """Load the P39 statements of these QIDs (one query per 500) into the cache."""
        for chunk in self._chunks(qids, self._holdings):
            marks = ",".join("?" * len(chunk))
            got: dict[str, list[Holding]] = {q: [] for q in chunk}
            for qid, value, start, end in self.conn.execute(
                f'SELECT qid, value, start, "end" FROM ref_claims WHERE qid IN ({marks}) AND property = \'P39\'',
                chunk,
            ):
                got[qid].append(Holding(value, start, end))
            for q in chunk:
                self._holdings[q] = got[q]

    def prefetch_jurisdictions(self, positions: Iterable[str]) -> None:
        """Load the P17/P1001 values of these positions (one query per 500) into the cache."""
        missing = [p for p in dict.fromkeys(positions) if p not in self._jurisdictions]
        for i in range(0, len(missing), _CHUNK):
            chunk = missing[i:i + _CHUNK]
            marks = ",".join("?" * len(chunk))
            got: dict[str, set[str]] = {q: set() for q in chunk}
            for qid, value in self.conn.execute(
                f"SELECT qid, value FROM ref_claims WHERE qid IN ({marks}) AND property IN ('P17', 'P1001')", chunk
            ):
                got[qid].add(value)
            self._jurisdictions.update(got)

    def prefetch_profiles(self, qids: Iterable[str]) -> None:
        """Load kinds, countries, inception and death of these QIDs (one query per 500)."""
        for chunk in self._chunks(qids, self._profiles):
            marks = ",".join("?" * len(chunk))
            got: dict[str, dict[str, list[str]]] = {q: {} for q in chunk}
            for qid, prop, value in self.conn.execute(
                f"SELECT qid, property, value FROM ref_claims WHERE qid IN ({marks}) "
                f"AND property IN ({','.join('?' * len(_PROFILE_PROPERTIES))})", [*chunk, *_PROFILE_PROPERTIES]
            ):
                got[qid].setdefault(prop, []).append(value)
            for q in chunk:
                facts = got[q]
                countries = set(facts.get(COUNTRY, []))
                for state in facts.get("P17", []):
                    ref = self.entity(state)
                    code = country_code(ref.label) if ref and ref.label else None
                    if code:
                        countries.add(code)
                years = {p: [y for y in map(_year, facts.get(p, [])) if y] for p in ("P571", "P570")}
                self._profiles[q] = Profile(tuple(facts.get(KIND, [])), frozenset(countries),
                                            min(years["P571"], default=None), min(years["P570"], default=None),
                                            frozenset(facts.get(GENDER, [])))

    def profile(self, qid: str) -> Profile:
        value = self._profiles.get(qid)
        if value is None:
            self.prefetch_profiles([qid])
            value = self._profiles.get(qid)
        return value

    def has_kinds(self) -> bool:
        """Were index files (kinds of organisations, parties, cabinets) imported at all?"""
        if self._has_kinds is None:
            self._has_kinds = self.conn.execute(
                "SELECT 1 FROM ref_claims WHERE property = 'kb:kind' LIMIT 1").fetchone() is not None
        return self._has_kinds

    def held_jurisdictions(self, qid: str) -> frozenset[str]:
        """Countries/organisations of all positions this QID held (context evidence)."""
        value = self._held_juris.get(qid)
        if value is None:
            positions = [h.position for h in self.holdings(qid)]
            self.prefetch_jurisdictions(positions)
            value = frozenset().union(*(self._jurisdictions[p] for p in positions))
            self._held_juris[qid] = value
        return value

    # -- single facts ---------------------------------------------------------------------

    def entity(self, qid: str) -> Optional[RefEntity]:
        ent = self._entities.get(qid, _MISSING)
        if ent is _MISSING:
            self.prefetch([qid])
            ent = self._entities.get(qid)
        return ent

    def holdings(self, qid: str) -> list[Holding]:
        """P39 statements of a person."""
        value = self._holdings.get(qid)
        if value is None:
            self.prefetch_holdings([qid])
            value = self._holdings.get(qid)
        return value

    def names(self, qid: str) -> list[str]:
        """All normalised names (labels and aliases, every language) of a QID."""
        if qid not in self._names:
            rows = self.conn.execute("SELECT DISTINCT norm FROM ref_names WHERE qid = ?", [qid]).fetchall()
            self._names[qid] = [r[0] for r in rows]
        return self._names[qid]

    def jurisdictions(self, qid: str) -> set[str]:
        """Countries/organisations a position belongs to (P17 country, P1001 jurisdiction)."""
        if qid not in self._jurisdictions:
            rows = self.conn.execute(
                "SELECT value FROM ref_claims WHERE qid = ? AND property IN ('P17', 'P1001')", [qid]
            ).fetchall()
            self._jurisdictions[qid] = {r[0] for r in rows}
        return self._jurisdictions[qid]

    def positions_of(self, jurisdiction: str) -> list[str]:
        """Positions (and other items) whose P17/P1001 is this QID."""
        if jurisdiction not in self._by_jurisdiction:
            rows = self.conn.execute(
                "SELECT DISTINCT c.qid FROM ref_claims c JOIN ref_entities e ON e.qid = c.qid "
                "WHERE c.property IN ('P17', 'P1001') AND c.value = ? AND e.kind = 'position'",
                [jurisdiction],
            ).fetchall()
            self._by_jurisdiction[jurisdiction] = [r[0] for r in rows]
        return self._by_jurisdiction[jurisdiction]

    def _names_where(self, column: str, key: str) -> list[tuple[str, str, str, int]]:
        """(qid, name, norm, is_label) rows of ``ref_names`` by an indexed column; the entity rows
        of those QIDs come in the same query (a LEFT JOIN on the primary key) into the cache."""
        rows = self.conn.execute(
            f"SELECT n.qid, n.name, n.norm, n.is_label, {_ENTITY_COLUMNS} FROM ref_names n "
            f"LEFT JOIN ref_entities e ON e.qid = n.qid WHERE n.{column} = ? LIMIT ?", [key, _MAX_ROWS]
        ).fetchall()
        entities = self._entities
        for row in rows:
            if row[0] not in entities:
                entities[row[0]] = RefEntity(*row[4:]) if row[4] is not None else None
        return [row[:4] for row in rows]

    def exact(self, key: str) -> list[tuple[str, str, int]]:
        """(qid, name, is_label) rows whose normalised name equals ``key``."""
        rows = self._exact.get(key)
        if rows is None:
            rows = [(q, n, label) for q, n, _, label in self._names_where("norm", key)]
            self._exact[key] = rows
        return rows

    def by_column(self, column: str, key: str) -> list[tuple[str, str, str, int]]:
        """(qid, name, norm, is_label) rows by one of the indexed blocking keys (cached)."""
        assert column in ("skel", "last", "acro")
        rows = self._blocks.get((column, key))
        if rows is None:
            rows = self._names_where(column, key)
            self._blocks[(column, key)] = rows
        return rows

    def exact_and_similar(self, key: str) -> tuple[list[tuple[str, str, int]], list[tuple[str, str, str, int]]]:
        """(exact rows, same-skeleton rows) of a normalised name, in one query when possible:
        every exact row has the same skeleton, so a complete skeleton block contains them all."""
        similar = self.by_column("skel", skeleton(key))
        if key not in self._exact and len(similar) < _MAX_ROWS:
            self._exact[key] = [(q, n, label) for q, n, other, label in similar if other == key]
        return self.exact(key), similar

    def kind(self, qid: str) -> Optional[str]:
        ent = self.entity(qid)
        return ent.kind if ent else None

    def is_jurisdiction(self, qid: str) -> bool:
        """Is this QID the country/organisation (P17/P1001) of some position? (indexed on value)"""
        row = self.conn.execute(
            "SELECT 1 FROM ref_claims WHERE value = ? AND property IN ('P17', 'P1001') LIMIT 1", [qid]
        ).fetchone()
        return row is not None

    def state_qid(self, name: str) -> Optional[str]:
        """The reference QID of a country named exactly ``name`` (a label or alias), or None.

        State-like means: neither a person nor a position, and the jurisdiction of some position
        (the reference states no P31 for countries). Labels beat aliases; among several, the
        best-known wins and an exact tie stays unresolved (None)."""
        rows = [(q, is_label) for q, _, is_label in self.exact(norm(name))
                if self.kind(q) not in ("person", "position", None) and self.is_jurisdiction(q)]
        if not rows:
            return None
        best = max(is_label for _, is_label in rows)
        qids = sorted({q for q, is_label in rows if is_label == best},
                      key=lambda q: -(self.entity(q).prior if self.entity(q) else 0.0))
        if len(qids) > 1 and self.entity(qids[0]).prior == self.entity(qids[1]).prior:
            return None
        return qids[0]


# ------------------------------------------------------------------------------------------
# Candidate generation
# ------------------------------------------------------------------------------------------


def _keep(found: dict[str, Cand], qid: str, label: str, sim: float, method: str) -> None:
    old = found.get(qid)
    if old is None or sim > old.sim:
        found[qid] = Cand(qid, label, sim, method)


def _exact(index: ReferenceIndex, key: str, found: dict[str, Cand]) -> None:
    for qid, name, is_label in index.exact(key):
        _keep(found, qid, name, SIM_LABEL if is_label else SIM_ALIAS, "exact" if is_label else "alias")


def _fuzzy(index: ReferenceIndex, key: str, found: dict[str, Cand],
           rows: Optional[list[tuple[str, str, str, int]]] = None) -> None:
    """Same phonetic skeleton: transliteration variants; similarity from rapidfuzz."""
    for qid, name, other, _ in index.by_column("skel", skeleton(key)) if rows is None else rows:
        if other == key:
            continue
        ratio = fuzz.ratio(key, other) / 100.0
        _keep(found, qid, name, 0.7 + 0.25 * ratio, "fuzzy")


def _surname(index: ReferenceIndex, key: str, found: dict[str, Cand]) -> None:
    """A surname alone: people whose last name word has the same skeleton."""
    for qid, name, other, _ in index.by_column("last", skeleton(key)):
        ratio = fuzz.ratio(key, last_token(other)) / 100.0
        _keep(found, qid, name, SIM_SURNAME * (0.9 + 0.1 * ratio), "surname")


def _acronym(index: ReferenceIndex, key: str, found: dict[str, Cand]) -> None:
    for qid, name, _, _ in index.by_column("acro", key.replace(" ", "")):
        _keep(found, qid, name, SIM_ACRONYM, "acronym")


@lru_cache(maxsize=100_000)
def core_name(text: str) -> str:
    """The longest run of capitalised words ("President Trump 's" -> "President Trump")."""
    runs = name_runs(text)
    return " ".join(max(runs, key=len)) if runs else text


def expand_surname(name: str, full_names: Iterable[str]) -> Optional[str]:
    """The document's full name that ends with this one-word name ("Rutte" -> "Mark Rutte")."""
    key = norm(core_name(name))
    if " " in key or not key:
        return None
    matches = set()
    for full in full_names:
        core = norm(core_name(full))
        if " " in core and last_token(core) == key:
            matches.add(core)
    if len(matches) != 1:
        return None
    wanted = matches.pop()
    return next(f for f in full_names if norm(core_name(f)) == wanted)


class FullNames:
    """A document's multi-word person names by last word, built once per document, so that
    resolving each surname-only mention is a dict lookup (same answers as ``expand_surname``)."""

    __slots__ = ("by_last",)

    def __init__(self, names: Iterable[str]) -> None:
        self.by_last: dict[str, dict[str, str]] = {}  # last word -> {core name: first name giving it}
        for full in names:
            core = norm(core_name(full))
            if " " in core:
                self.by_last.setdefault(last_token(core), {}).setdefault(core, full)

    def __bool__(self) -> bool:
        return bool(self.by_last)

    def expand(self, name: str) -> Optional[str]:
        """The document's full name that ends with this one-word name ("Rutte" -> "Mark Rutte")."""
        key = norm(core_name(name))
        if " " in key or not key:
            return None
        cores = self.by_last.get(key)
        if not cores or len(cores) != 1:
            return None
        return next(iter(cores.values()))


def _strong(found: dict[str, Cand]) -> bool:
    return any(c.sim >= SIM_ALIAS for c in found.values())


def _lookup(index: ReferenceIndex, key: str, found: dict[str, Cand]) -> None:
    if " " not in key:
        _exact(index, key, found)
        return
    exact, similar = index.exact_and_similar(key)
    for qid, name, is_label in exact:
        _keep(found, qid, name, SIM_LABEL if is_label else SIM_ALIAS, "exact" if is_label else "alias")
    _fuzzy(index, key, found, similar)


def person_candidates(index: ReferenceIndex, name: str, surface_forms: Iterable[str]) -> dict[str, Cand]:
    """Candidates for a person name (and its other surface forms in the document).

    Long mentions ("US President Barack Obama", "Ann Chiang of DAB") fall back to the names
    inside them, and a name that matches nothing as a whole falls back to its surname.
    """
    found: dict[str, Cand] = {}
    forms = [name] + [f for f in surface_forms if f != name]
    for form in forms:
        if norm(form):
            _lookup(index, norm(form), found)
    if not _strong(found):
        for variant in name_variants(name):
            partial: dict[str, Cand] = {}
            _lookup(index, norm(variant), partial)
            index.prefetch(partial)
            partial = {q: c for q, c in partial.items() if index.kind(q) == "person"}
            if partial:
                for c in partial.values():
                    c.method = f"partial+{c.method}"
                found.update(partial)
                break
    if not _strong(found):
        _known_as(index, norm(core_name(name)), found)
    words = norm(core_name(name)).split()
    index.prefetch(found)
    styled = any(is_peer_form(f) for f in forms)  # "Lord Archer": peers of plain labels too
    if len(words) == 1 and (styled or not any(index.kind(q) == "person" for q in found)):
        # only a bare surname: "Marco Bernardini" must not become "Rita Bernardini"
        _surname(index, words[0], found)
        index.prefetch(found)
    return {q: c for q, c in found.items() if index.kind(q) == "person"}


#: Words after a company's name that only give its legal form: "Siemens" is "Siemens AG".
_LEGAL_FORMS = frozenset("ag se gmbh inc incorporated plc ltd limited llc corp corporation co company group "
                         "holding holdings sa nv bv spa".split())
#: Similarity of a party found by its members' or bare name ("Labour" -> "Labour Party").
SIM_PARTY_NAME = 0.95
PARTY_NAME_METHOD = "party-name"


def truncated(key: str, name_key: str) -> bool:
    """A form that is the first words of a longer name, not its legal form: "Tate" of "Tate &
    Lyle" names the gallery called Tate, never the sugar company; "Siemens" of "Siemens AG" is
    the company itself."""
    words, whole = key.split(), name_key.split()
    if not words or len(words) >= len(whole) or whole[:len(words)] != words:
        return False
    return not all(w in _LEGAL_FORMS for w in whole[len(words):])


def party_name_variants(key: str) -> list[str]:
    """How a party's own name follows from a bare or plural name news uses for it: "Labour" ->
    "labour party", "Conservatives" -> "conservative party", German "Grüne"/"Grünen" ->
    "die grunen". Only parties are taken from these lookups."""
    if not key or len(key.split()) > 2:
        return []
    out = [f"{key} party"]
    if key.endswith("s"):
        out.append(f"{key[:-1]} party")
    out.append(f"die {key}")
    if key.endswith("e"):
        out.append(f"die {key}n")
    return out


#: Name similarity of a person found under the formal or short form of the first name.
SIM_KNOWN_AS = 0.93
KNOWN_AS_METHOD = "known-as"
#: English given names and the short forms news uses for them (both directions are looked up).
_HYPOCORISMS = (
    ("james", "jim jimmy jamie"), ("christopher", "chris"), ("william", "bill billy will"),
    ("robert", "bob bobby rob"), ("richard", "dick rick"), ("anthony", "tony"), ("michael", "mike mick"),
    ("thomas", "tom tommy"), ("david", "dave"), ("daniel", "dan danny"), ("edward", "ed ted eddie"),
    ("john", "jack johnny"), ("joseph", "joe"), ("kenneth", "ken"), ("nicholas", "nick"),
    ("patrick", "pat paddy"), ("peter", "pete"), ("stephen", "steve"), ("steven", "steve"),
    ("samuel", "sam"), ("benjamin", "ben"), ("alexander", "alex"), ("andrew", "andy"),
    ("charles", "charlie chuck"), ("frederick", "fred freddie"), ("henry", "harry hank"),
    ("lawrence", "larry"), ("matthew", "matt"), ("ronald", "ron ronnie"), ("timothy", "tim"),
    ("gerald", "gerry"), ("geoffrey", "geoff"), ("gregory", "greg"), ("raymond", "ray"),
    ("philip", "phil"), ("douglas", "doug"), ("donald", "don"), ("jeffrey", "jeff"),
    ("leonard", "len"), ("elizabeth", "liz beth betty"), ("margaret", "maggie peggy"),
    ("catherine", "kate cathy"), ("katherine", "kate kathy"), ("susan", "sue"), ("jennifer", "jenny"),
    ("patricia", "pat patty"), ("deborah", "debbie"), ("rebecca", "becky"), ("victoria", "vicky"),
)


@lru_cache(maxsize=1)
def _given_name_forms() -> dict[str, frozenset[str]]:
    """Given name -> the other forms of it (formal <-> short)."""
    out: dict[str, set[str]] = {}
    for formal, shorts in _HYPOCORISMS:
        for short in shorts.split():
            out.setdefault(short, set()).add(formal)
            out.setdefault(formal, set()).add(short)
    return {k: frozenset(v) for k, v in out.items()}


def _known_as(index: ReferenceIndex, key: str, found: dict[str, Cand]) -> None:
    """A person the reference names under the formal or short form of the first name ("Jim
    Callaghan" = "James Callaghan", "Chris Leslie" = "Christopher Leslie")."""
    words = key.split()
    if len(words) < 2:
        return
    for other in sorted(_given_name_forms().get(words[0], ())):
        for qid, name, _ in index.exact(" ".join([other, *words[1:]])):
            _keep(found, qid, name, SIM_KNOWN_AS, KNOWN_AS_METHOD)


def org_candidates(index: ReferenceIndex, name: str, surface_forms: Iterable[str]) -> dict[str, Cand]:
    """Candidates for an organisation (or country acting as a government).

    A form that only repeats the first words of the entity's name is no name of its own
    (``truncated``); a bare or plural name also finds the party it stands for
    (``party_name_variants``)."""
    found: dict[str, Cand] = {}
    name_key = norm(name)
    initials = acronym(name_key) if " " in name_key else None
    for form in [name] + [f for f in surface_forms if f != name]:
        key = norm(form)
        acronymic = looks_like_acronym(form.replace("the ", "").replace("The ", ""))
        if not key or (not acronymic and truncated(key, name_key)) or _PLURAL_INITIALS.match(form):
            continue
        by_form = _form_candidates(index, key, acronymic)
        if acronymic and key != name_key and strip_article(key).replace(".", "") == initials:
            # the text spells the initials out: "NEC" of "National Executive Committee" is no
            # company whose name has other words behind the same letters
            by_form = {q: c for q, c in by_form.items() if q in found}
        if key != name_key:
            for c in by_form.values():
                c.method, c.sim = f"{FORM_PREFIX}{c.method}", c.sim * FORM_FACTOR
        for qid, c in by_form.items():
            _keep(found, qid, c.label, c.sim, c.method)
    index.prefetch(found)
    return {q: c for q, c in found.items() if index.kind(q) not in ("person", "position", None)}


def _form_candidates(index: ReferenceIndex, key: str, acronymic: bool) -> dict[str, Cand]:
    """Candidates of one normalised surface form of an organisation. A party nickname of the
    lexicon is looked up only under the parties it stands for: "the Tories" never reaches the
    item labelled "Tories"."""
    found: dict[str, Cand] = {}
    bare = strip_article(key)
    if bare in party_nicknames():
        _nickname_parties(index, party_nicknames()[bare], found)
        return found
    for variant in {key, bare, *([f"the {bare}"] if " " in bare else [])}:
        _exact(index, variant, found)  # "New York Times" is labelled "The New York Times"
    if acronymic:
        _acronym(index, bare, found)
    elif " " in key:
        _fuzzy(index, key, found)
    _party_names(index, key, found)
    return found


#: Initials in the plural ("MPs", "MEPs", "NGOs"): several people or bodies, never one
#: organisation (the all-caps "MPS" of a school district is another name).
_PLURAL_INITIALS = re.compile(r"^(?:[Tt]he )?[A-Z]{2,}s$")


#: Method prefix of an organisation candidate found only through another surface form than the
#: entity's name ("the Tories" of "Conservative Party"): the name's own match beats it.
FORM_PREFIX = "form+"
#: ... and its name similarity is a little lower, so that a tie goes to the name's match.
FORM_FACTOR = 0.99


#: The lexicon of party nicknames (``lexicons/party_nicknames_en.tsv``).
_NICKNAMES_FILE = Path(__file__).parent / "lexicons" / "party_nicknames_en.tsv"


@lru_cache(maxsize=1)
def party_nicknames() -> dict[str, tuple[str, ...]]:
    """Normalised nickname -> normalised names of the parties it stands for ("tories" ->
    "conservative party", "conservative party of canada"): data, so that a new nickname is a
    line in the lexicon, not a rule."""
    out: dict[str, list[str]] = {}
    for nickname, party in read_table(_NICKNAMES_FILE)[1]:
        out.setdefault(norm(nickname), []).append(norm(party))
    return {k: tuple(dict.fromkeys(v)) for k, v in out.items()}


def _nickname_parties(index: ReferenceIndex, parties: Iterable[str], found: dict[str, Cand]) -> None:
    """The parties a nickname stands for, found as party names (so that, like "Labour" ->
    "Labour Party", only a party of the document's country may be linked)."""
    for party in parties:
        for qid, name, _ in index.exact(party):
            if any(k.startswith("political party") for k in index.profile(qid).kinds):
                _keep(found, qid, name, SIM_PARTY_NAME, PARTY_NAME_METHOD)


def _party_names(index: ReferenceIndex, key: str, found: dict[str, Cand]) -> None:
    """Parties named by ``party_name_variants`` of a form (not other bodies of those names)."""
    for variant in party_name_variants(strip_article(key)):
        for qid, name, _ in index.exact(variant):
            if qid not in found and any(k.startswith("political party") for k in index.profile(qid).kinds):
                _keep(found, qid, name, SIM_PARTY_NAME, PARTY_NAME_METHOD)
