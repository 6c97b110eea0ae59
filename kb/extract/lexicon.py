"""Every word list of the extract stage, read from ``lexicons/*.tsv`` by one reader.

The domain vocabulary (role words, demonyms, countries, regions, the verbs and nouns the holder
rules key on) is data, not code: each list is a commented TSV file in ``lexicons/`` so a new
word is a new line there. This module reads them all the same way (``#`` lines are comments,
the first other line is the header) and keeps each file's order, since some rules try their
entries in order. Nothing here touches spaCy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Optional

from ..roletitles import grammar
from ..tsv import read_groups, read_table

LEXICON_DIR = Path(__file__).resolve().parent / "lexicons"


def _table(name: str) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    return read_table(LEXICON_DIR / name)


def rows(name: str) -> list[list[str]]:
    """The data rows of ``lexicons/<name>`` (header and comments dropped), in file order."""
    return [list(row) for row in _table(name)[1]]


def records(name: str) -> list[dict[str, Optional[str]]]:
    """The data rows of ``lexicons/<name>`` as dicts keyed by the header (missing cells None)."""
    header, body = _table(name)
    return [{h: (row[i] if i < len(row) else None) for i, h in enumerate(header)} for row in body]


def word_set(name: str) -> set[str]:
    """The first column of a one-word-per-line list (``lexicons/<name>``)."""
    return {row[0] for row in _table(name)[1]}


def word_sets(name: str) -> dict[str, set[str]]:
    """``list<TAB>word`` rows grouped by list: several small word classes in one file. Each call
    gives new sets, so a caller that changes its copy changes no one else's."""
    return {group: set(words) for group, words in read_groups(LEXICON_DIR / name).items()}


def word_map(name: str) -> dict[str, str]:
    """First column -> second column, in file order."""
    return {row[0]: row[1] for row in _table(name)[1]}


def word_tuples(name: str) -> dict[str, tuple[str, ...]]:
    """First column -> the other columns as a tuple, in file order."""
    return {row[0]: tuple(row[1:]) for row in _table(name)[1]}


def word_lists(name: str) -> dict[str, tuple[str, ...]]:
    """First column -> the "|"-separated words of the second column, in file order."""
    return {row[0]: tuple(row[1].split("|")) for row in _table(name)[1]}


# ------------------------------------------------------------------------------------------
# the English role lexicon (roles_en, portfolios_en, demonyms_en, party_members_en, countries_en)
# ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RoleEntry:
    """One lexicon row: the normalised role, its category and how it is used."""

    role: str
    category: str
    of_org: bool
    title: bool


class Lexicon:
    """The role lexicon as a dictionary from word tuples to entries (longest match wins)."""

    def __init__(self, roles: dict[tuple[str, ...], RoleEntry], demonyms: dict[str, str]):
        self.roles = roles
        self.maxlen = max((len(k) for k in roles), default=1)
        self.demonyms = demonyms
        self.first_words = {k[0] for k in roles}
        self.role_words = {w for k in roles for w in k if len(w) > 2} - {"the", "and", "for", "state"}
        self.party_members: dict[tuple[str, ...], str] = {}
        self.countries: dict[str, str] = {}  # surface ("U.S.", "American", "France") -> country

    def lookup(self, words: list[str], i: int) -> tuple[int, Optional[RoleEntry]]:
        """Longest entry starting at ``words[i]``: (length, entry) or (0, None)."""
        if words[i] not in self.first_words:
            return 0, None
        for n in range(min(self.maxlen, len(words) - i), 0, -1):
            entry = self.roles.get(tuple(words[i : i + n]))
            if entry is not None:
                return n, entry
        return 0, None


def surface_key(text: str) -> tuple[str, ...]:
    """Lexicon key of a surface form: lower-case words, hyphens as word breaks."""
    return tuple(w for w in re.split(r"[\s\-]+", text.lower().strip()) if w)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Read the English role lexicon, portfolios and demonyms once per process."""
    roles: dict[tuple[str, ...], RoleEntry] = {}
    for surface, role, category, of_org, title in rows("roles_en.tsv"):
        roles[surface_key(surface)] = RoleEntry(role, category, of_org == "y", title == "y")
    for surface, portfolio in rows("portfolios_en.tsv"):
        entry = RoleEntry(f"{portfolio} minister", "minister", True, True)
        roles.setdefault(surface_key(f"{surface} portfolio"), RoleEntry(f"{portfolio} minister", "minister", True, False))
        for form in (f"{surface} minister", f"minister of {surface}", f"minister for {surface}",
                     f"minister of the {surface}", f"{surface} secretary" if surface in ("foreign", "home") else ""):
            if form:
                roles.setdefault(surface_key(form), entry)
    _grammar_roles(roles)
    demonyms_rows = rows("demonyms_en.tsv")
    _position_roles(roles, {d for d, _ in demonyms_rows} | {n for _, n in demonyms_rows})
    demonyms = {d: name for d, name in rows("demonyms_en.tsv")}
    lex = Lexicon(roles, demonyms)
    lex.party_members = {tuple(surface.split()): party for surface, party in rows("party_members_en.tsv")}
    lex.countries = _countries(demonyms)
    return lex


#: Heads of the title grammar that take a government portfolio or a company function before them.
_PORTFOLIO_HEADS = ("secretary", "minister", "spokesman", "spokeswoman", "spokesperson")
_FUNCTION_HEADS = ("chief", "director", "head")
#: Strong modifiers of the title grammar that make a qualified head a title of its own rank
#: ("chief inspector", "special adviser", "deputy commissioner").
_RANK_MODIFIERS = ("chief", "special", "principal", "assistant", "deputy")
#: Categories of the qualified heads a rank word makes a post (officials, envoys, correspondents);
#: not members, managers or coaches ("a private member's bill", "a special coach").
_RANKED_CATEGORIES = {"official", "diplomat", "media"}
#: Heads that take an election campaign before them ("election coordinator", "campaign manager").
_CAMPAIGN_HEADS = ("coordinator", "director", "manager", "chief", "strategist", "supremo", "boss")


def _grammar_roles(roles: dict[tuple[str, ...], RoleEntry]) -> None:
    """Role phrases of the title grammar (``kb/roletitles.py``, ``title_grammar_en.tsv``) that the
    role table lacks: its standalone heads ("lord chancellor", "comptroller", "chief whip"), a
    government portfolio before a ministerial head ("work and pensions secretary", "courts
    minister", "health secretary") and a company function before a generic head ("finance
    chief", "production chief") and an election campaign before a campaign head ("election
    coordinator", "campaign manager"). Entries of roles_en.tsv and portfolios_en.tsv win."""
    g = grammar()
    for phrase, head in g.heads.items():
        if head.kind == "standalone" and head.category:
            roles.setdefault(surface_key(phrase), RoleEntry(phrase, head.category, True, True))
    portfolios = {d for d in g.domains if d in _grammar_notes("portfolio")} | {s for s, _ in rows("portfolios_en.tsv")}
    for domain in portfolios:  # "was given the culture portfolio": the post is its minister's
        roles.setdefault(surface_key(f"{domain} portfolio"), RoleEntry(f"{domain} minister", "minister", True, False))
    for domain in portfolios:
        for head in _PORTFOLIO_HEADS:
            category = "minister" if head in ("secretary", "minister") else "official"
            roles.setdefault(surface_key(f"{domain} {head}"), RoleEntry(f"{domain} {head}", category, True, True))
    starts = {k[0] for k in roles if len(k) > 1}  # "chief", "secretary": first words of longer titles
    for head in [h for h, v in g.heads.items() if v.kind == "qualified" and v.category in _RANKED_CATEGORIES
                 and h not in starts]:
        for rank in _RANK_MODIFIERS:  # not "deputy chief" before "deputy chief executive" or "deputy secretary general"  # "chief inspector", "special adviser", "private secretary"
            roles.setdefault(surface_key(f"{rank} {head}"), RoleEntry(f"{rank} {head}", g.heads[head].category, True, False))
    for domain in _grammar_notes("function"):
        for head in _FUNCTION_HEADS:
            roles.setdefault(surface_key(f"{domain} {head}"), RoleEntry(f"{domain} {head}", "executive", True, False))
            if head != "chief":  # "head of research", "director of marketing": the function after "of"
                roles.setdefault(surface_key(f"{head} of {domain}"), RoleEntry(f"{head} of {domain}", "executive", True, False))
    for domain in _grammar_notes("campaign"):
        for head in _CAMPAIGN_HEADS:
            roles.setdefault(surface_key(f"{domain} {head}"), RoleEntry(f"{domain} {head}", "official", True, False))
        # British spelling "election co-ordinator" (hyphens are ignored in lookups): the same post
        roles.setdefault(surface_key(f"{domain} co ordinator"), RoleEntry(f"{domain} coordinator", "official", True, False))


#: Portfolio words of reference positions that are no government portfolio on their own.
_NOT_PORTFOLIO_WORDS = {"government", "assistant", "prime", "cabinet", "council", "republic", "party", "chancellery",
                        "chief", "state", "minister", "ministers", "without", "federation", "empire"}


def _position_roles(roles: dict[tuple[str, ...], RoleEntry], places: set[str]) -> None:
    """Role vocabulary from the reference's position labels (``positions_ref.tsv``, English
    rows): each portfolio of a "minister of X" label gives "X minister" / "minister of/for X"
    ("minister for children and families", "digital affairs minister"), and a lower-case
    label whose last word is a head of the title grammar is a role as written ("life peer",
    "party secretary", "consul general"). Places and demonyms are no portfolio ("minister of
    Arizona"); entries of the role table, portfolios_en.tsv and the title grammar win."""
    g = grammar()
    lower_places = {p.lower() for p in places} | {c.lower() for c in _country_names()} \
        | {a.lower() for row in rows("regions_en.tsv") for a in [row[0]] + (row[2].split("|") if len(row) > 2 else []) if a}
    for r in rows("positions_ref.tsv"):
        if len(r) < 8 or r[1] != "en" or any(ch.isdigit() for ch in r[0]):
            continue
        label, role, portfolio, category = r[0], r[2], r[3], r[7]
        if portfolio and len(portfolio.split()) <= 4 and not set(portfolio.split()) & _NOT_PORTFOLIO_WORDS \
                and portfolio not in lower_places and not any(p in lower_places for p in portfolio.split()):
            entry = RoleEntry(f"{portfolio} minister", "minister", True, True)
            for form in (f"{portfolio} minister", f"minister of {portfolio}", f"minister for {portfolio}"):
                roles.setdefault(surface_key(form), entry)
        words = role.split()
        head = g.heads.get(words[-1]) if words else None
        if label == label.lower() and 2 <= len(words) <= 3 and head is not None and head.kind != "org" \
                and (category or (head.kind == "standalone" and head.category)) and not set(words) & lower_places:
            roles.setdefault(surface_key(role), RoleEntry(role, category or head.category, True, False))


def _country_names() -> set[str]:
    """Every country name and alias of countries_en.tsv."""
    out: set[str] = set()
    for row in rows("countries_en.tsv"):
        out.add(row[0])
        out.update(a for a in (row[1].split("|") if len(row) > 1 and row[1] else []) if a)
    return out


@lru_cache(maxsize=2)
def _grammar_notes(note: str) -> frozenset[str]:
    """The grammar's domains whose note is ``note`` (portfolio / function)."""
    return frozenset(r[1] for r in rows("title_grammar_en.tsv") if r[0] == "domain" and len(r) > 3 and r[3] == note)


def _countries(demonyms: dict[str, str]) -> dict[str, str]:
    """Surface forms of countries: names, aliases and the demonyms that map to a country."""
    out: dict[str, str] = {}
    for row in rows("countries_en.tsv"):
        name = row[0]
        out[name] = name
        for alias in (row[1].split("|") if len(row) > 1 and row[1] else []):
            out[alias] = name
    names = set(out.values())
    out.update({d: name for d, name in demonyms.items() if name in names})
    return out


@lru_cache(maxsize=1)
def regions() -> dict[str, str]:
    """Surface form -> canonical name of US states, Canadian provinces and Australian states."""
    out: dict[str, str] = {}
    for row in rows("regions_en.tsv"):
        out[row[0]] = row[0]
        for alias in (row[2].split("|") if len(row) > 2 and row[2] else []):
            out[alias] = row[0]
    return out


@lru_cache(maxsize=1)
def role_categories() -> dict[str, str]:
    """Normalised English role -> its category ("prime minister" -> "head_of_government")."""
    return {e.role: e.category for e in lexicon().roles.values()}


#: Party names the lexicon's member words do not cover (its words name members: "Tory").
_PARTY_FORMS = {"Labour": "Labour Party", "Lib Dems": "Liberal Democrats", "Lib Dem": "Liberal Democrats",
                "Liberal Democrats": "Liberal Democrats", "Conservatives": "Conservative Party"}


def party_name(text: str) -> Optional[str]:
    """The party a name or member word names ("Tory" -> "Conservative Party"), else None: a
    party named in the text is an organisation of the document even when it holds no post, and
    no part of a person's name ("Labour" tagged PERSON, "Conservative Jane Roe")."""
    return _PARTY_FORMS.get(text) or lexicon().party_members.get(tuple(text.split()))


@lru_cache(maxsize=1)
def name_affixes() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(leading words, post-nominal letters, honours among them) of ``name_affixes_en.tsv``: the
    words next to an English person's name that are no part of it (``kb.extract.name_bounds``)."""
    table = rows("name_affixes_en.tsv")
    return (frozenset(w for kind, w in table if kind == "leading"),
            frozenset(w for kind, w in table if kind in ("postnominal", "honour")),
            frozenset(w for kind, w in table if kind == "honour"))
