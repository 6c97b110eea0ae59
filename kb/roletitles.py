"""Recognise an English role title phrase by a productive title grammar and the reference's positions.

kb's role lexicon lists role words one by one; real news writes titles productively: "work and
pensions secretary", "shadow attorney general", "co-chief executive", "head of operations in
Asia", "finance chief". This module parses such a phrase into its parts (modifiers, portfolio or
domain, head role, organisation, place) with the grammar in
``extract/lexicons/title_grammar_en.tsv`` and the position titles of the reference in
``extract/lexicons/positions_ref.tsv`` (built by scripts/build_role_lexicon.py). It only reads those
data files: plain Python, no spaCy, so any stage or script can use it. Lexicons load once per
process; parses are cached.

A phrase is ``[dropped modifiers] [kept modifiers] [organisation] [domain] HEAD [connector OBJECT
[in PLACE]]``. Heads come in three kinds: standalone titles ("chairman", "lord chancellor"),
qualified ones that are titles only with a domain, a strong modifier, an organisation or an object
("secretary" is not a title in "his secretary"; "home secretary", "secretary of the club" are),
and occupations that are titles only with an organisation ("analyst at Evolution Securities").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Optional

LEXICONS = Path(__file__).resolve().parent / "extract" / "lexicons"
GRAMMAR_FILE = LEXICONS / "title_grammar_en.tsv"
POSITIONS_FILE = LEXICONS / "positions_ref.tsv"
ROLES_FILE = LEXICONS / "roles_en.tsv"
PORTFOLIOS_FILE = LEXICONS / "portfolios_en.tsv"
#: Words that open a noun phrase; a possessive pronoun leaves the organisation unstated.
DETERMINERS = frozenset({"the", "a", "an"})
POSSESSIVES = frozenset({"his", "her", "its", "their", "our", "my", "your"})
#: Words that never premodify a title: a phrase cut from running text ("and chief executive",
#: "who became chairman", "has been mp") is no title phrase with them.
FUNCTION_WORDS = frozenset("""a an and or but nor as at by for from in into of on to with who whom whose which that
this these those was were is are be been being has have had do does did also became become becomes becoming
named appointed elected said says not than then now there here it he she they we you i""".split())
_TOKEN = re.compile(r"[A-Za-zÀ-ÿ0-9&.']+")
_ORDINAL = re.compile(r"^\d+(st|nd|rd|th)$")


@dataclass(frozen=True)
class Head:
    """A head role of the grammar: its kind (standalone/qualified/org), category, and the word
    that a portfolio goes before ("minister for X" -> "X minister"), if any."""

    phrase: str
    kind: str
    category: str = ""
    portfolio_first: Optional[str] = None


@dataclass(frozen=True)
class Grammar:
    """The title grammar and the lexicons it reads, loaded once."""

    modifiers: dict[str, str]  # phrase -> drop | strong | weak
    heads: dict[str, Head]
    domains: dict[str, str]  # phrase -> normalised domain/portfolio
    connectors: dict[str, str]  # word -> object | place
    kb_roles: dict[str, str]  # roles_en surface -> kb role name
    positions: dict[str, tuple[str, ...]]  # lower-case label -> positions_ref row
    longest: int = 6


@dataclass(frozen=True)
class TitleParse:
    """A recognised title. ``role`` is the head role ("secretary", "attorney general", "chief
    executive"); ``name`` the full role name in kb's style (kept modifiers, portfolio, head:
    "work and pensions secretary", "shadow attorney general", "co chief executive")."""

    text: str
    role: str
    name: str
    modifiers: tuple[str, ...] = ()
    portfolio: Optional[str] = None
    org: Optional[str] = None
    place: Optional[str] = None
    category: Optional[str] = None
    kb_role: Optional[str] = None
    position_qid: Optional[str] = None
    org_qid: Optional[str] = None
    dropped: tuple[str, ...] = field(default=())

    def candidates(self) -> tuple[str, ...]:
        """The role names this title may be written as, most specific first."""
        out = [self.name]
        if self.kb_role and self.kb_role not in out:
            out.append(self.kb_role)
        return tuple(out)


# ------------------------------------------------------------------------------- lexicons
def _clean(text: str) -> str:
    """Lower case, hyphens and commas as spaces, one space between words."""
    return re.sub(r"\s+", " ", re.sub(r"[-,]", " ", text.lower())).strip()


def _rows(path: Path) -> list[list[str]]:
    """Data rows of a TSV lexicon (comments and header skipped); none when the file is absent."""
    if not path.exists():
        return []
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    return [ln.split("\t") for ln in lines[1:]]


def _head(row: list[str]) -> Head:
    """A grammar head row; its note holds "category=…" and "portfolio-first[=word]"."""
    note = dict(part.split("=", 1) if "=" in part else (part, "") for part in (row[3] if len(row) > 3 else "").split(";") if part)
    first = note.get("portfolio-first")
    return Head(_clean(row[1]), row[2], note.get("category", ""), (first or _clean(row[1])) if first is not None else None)


@lru_cache(maxsize=1)
def grammar() -> Grammar:
    """Read the grammar, kb's role and portfolio lexicons and positions_ref once per process."""
    modifiers, heads, domains, connectors = {}, {}, {}, {}
    for row in _rows(GRAMMAR_FILE):
        kind, phrase, value = row[0], _clean(row[1]), row[2] if len(row) > 2 else ""
        if kind == "modifier":
            modifiers[phrase] = value
        elif kind == "head":
            heads[phrase] = _head(row)
        elif kind == "domain":
            domains[phrase] = value or phrase
        elif kind == "connector":
            connectors[phrase] = value
    kb_roles = {_clean(r[0]): r[1] for r in _rows(ROLES_FILE) if len(r) > 2}
    for r in _rows(ROLES_FILE):  # kb's own role words are standalone titles unless the grammar says otherwise
        if len(r) > 2 and _clean(r[0]) not in heads and _clean(r[0]) not in modifiers:
            kind = "org" if r[2] in ("employee", "media") and " " not in r[0].strip() else "standalone"
            heads[_clean(r[0])] = Head(_clean(r[0]), kind, r[2])
    for r in _rows(PORTFOLIOS_FILE):
        if len(r) > 1:
            domains.setdefault(_clean(r[0]), r[1])
    positions: dict[str, tuple[str, ...]] = {}
    ambiguous: set[str] = set()
    for r in _rows(POSITIONS_FILE):
        if len(r) > 7:
            key = re.sub(r"^the ", "", _clean(r[0]))
            if key in positions and positions[key][6] != r[6]:
                ambiguous.add(key)  # "President" names many posts: no position from the label alone
            positions.setdefault(key, tuple(r))
            if r[3]:
                domains.setdefault(_clean(r[3]), r[3])
    for key in ambiguous:
        del positions[key]
    for key in [k for k in positions if k in modifiers or (k in heads and heads[k].kind != "standalone")]:
        del positions[key]  # "deputy", "secretary": a bare word of the grammar stays under its rules
    longest = max(len(p.split()) for p in list(heads) + list(domains) + list(modifiers))
    return Grammar(modifiers, heads, domains, connectors, kb_roles, positions, longest)


# -------------------------------------------------------------------------------- parsing
def _tokens(text: str) -> list[tuple[str, str]]:
    """(original, lower-case) words; hyphens split words, "'s" marks a possessive name."""
    out = []
    for tok in _TOKEN.findall(text.replace("-", " ").replace("’", "'")):
        tok = tok.strip(".'") if not tok.endswith("'s") else tok
        if tok:
            out.append((tok, tok.lower()))
    return out


def _longest(words: list[str], start: int, table: dict, g: Grammar) -> int:
    """Length of the longest phrase of ``table`` starting at ``start`` (0 if none)."""
    for n in range(min(g.longest, len(words) - start), 0, -1):
        if " ".join(words[start : start + n]) in table:
            return n
    return 0


def _longest_ending(words: list[str], end: int, table: dict, g: Grammar) -> int:
    """Length of the longest phrase of ``table`` ending just before ``end`` (0 if none)."""
    for n in range(min(g.longest, end), 0, -1):
        if " ".join(words[end - n : end]) in table:
            return n
    return 0


def _head_span(words: list[str], g: Grammar) -> Optional[tuple[int, int]]:
    """(start, end) of the head: the last head phrase that ends the phrase or stands before a
    connector, with no connector before it outside the head ("secretary of state for X": the
    head is "secretary of state"; "chief inspector of schools": "inspector")."""
    best = None
    for end in range(1, len(words) + 1):
        n = _longest_ending(words, end, g.heads, g)
        if not n or (end < len(words) and words[end] not in g.connectors):
            continue
        if any(w in g.connectors for w in words[: end - n]):
            continue
        start = end - n
        if start and n > 1 and " ".join(words[start - 1 : start + 1]) in g.modifiers and " ".join(words[start + 1 : end]) in g.heads:
            start += 1  # "non executive director": modifier "non executive" + head "director"
        best = (start, end)
    return best


@dataclass
class _Prefix:
    """The words before a head, sorted into their parts (filled right to left)."""

    modifiers: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    domain: list[str] = field(default_factory=list)
    org: list[str] = field(default_factory=list)
    qualifier: list[str] = field(default_factory=list)
    possessive: bool = False


def _prefix(toks: list[tuple[str, str]], g: Grammar, head: Head) -> Optional[_Prefix]:
    """Parse the words before the head right to left: domain, organisation, modifiers; None when
    a word fits nowhere (a qualified head then is no title)."""
    words = [w for _, w in toks]
    p = _Prefix()
    i = len(words)
    while i > 0:
        n = _longest_ending(words, i, g.domains, g) if not p.org and not p.modifiers else 0
        if n:
            p.domain[:0] = [g.domains[" ".join(words[i - n : i])]]
            i -= n
            continue
        n = _longest_ending(words, i, g.modifiers, g)
        if n:
            phrase = " ".join(words[i - n : i])
            (p.dropped if g.modifiers[phrase] == "drop" else p.modifiers).insert(0, phrase)
            i -= n
            continue
        orig, word = toks[i - 1]
        if word in DETERMINERS:
            i -= 1
            continue
        if word in POSSESSIVES:
            p.possessive = True
            i -= 1
            continue
        if _ORDINAL.match(word) or word.isdigit():
            i -= 1
            continue
        if (orig[:1].isupper() or word.endswith("'s")) and not p.modifiers:
            p.org.insert(0, orig[:-2] if word.endswith("'s") else orig)
            i -= 1
            continue
        if (head.kind == "standalone" and not p.modifiers and not p.org and not p.qualifier and word.isalpha()
                and word not in FUNCTION_WORDS and not word.endswith(("ed", "ing", "ly"))):
            p.qualifier.insert(0, word)  # one noun premodifier: "club president", "county governor"
            i -= 1
            continue
        return None
    return p


def _suffix(toks: list[tuple[str, str]], g: Grammar) -> Optional[tuple[Optional[str], Optional[str], Optional[str], str]]:
    """(portfolio, org, place, connector) of the words after the head; None when unusable."""
    if not toks:
        return None, None, None, ""
    words = [w for _, w in toks]
    conn = words[0]
    place_at = next((k for k in range(1, len(words)) if g.connectors.get(words[k]) == "place"), len(words))
    if g.connectors.get(conn) == "place":
        place_at = 0
    obj = toks[1:place_at]
    place = " ".join(o for o, _ in toks[place_at + 1 :]) if place_at < len(words) else None
    while obj and obj[0][1] in DETERMINERS:
        obj = obj[1:]
    if place_at and not obj:
        return None
    if obj and obj[0][1] in POSSESSIVES:
        return None
    key = " ".join(w for _, w in obj)
    if key in g.domains:
        return g.domains[key], None, place, conn
    return None, " ".join(o for o, _ in obj) or None, place, conn


def _name(head: Head, p: _Prefix, portfolio: Optional[str], obj_portfolio: Optional[str], conn: str) -> str:
    """kb's role name: kept modifiers + premodifiers + head (+ "of domain")."""
    if obj_portfolio and head.portfolio_first:
        core = f"{obj_portfolio} {head.portfolio_first}"
    elif obj_portfolio:
        core = f"{head.phrase} {conn} {obj_portfolio}"
    else:
        core = head.phrase
    pre = p.modifiers + p.qualifier + ([portfolio] if portfolio else [])
    return " ".join(pre + [core])


def _valid(head: Head, p: _Prefix, portfolio: Optional[str], org: Optional[str]) -> bool:
    """A standalone head is a title; a qualified one needs a domain, a strong modifier, an
    organisation or an object; an occupation needs an organisation."""
    if head.kind == "standalone":
        return True
    if head.kind == "org":
        return bool(org)
    g = grammar()
    strong = any(g.modifiers.get(m) == "strong" for m in p.modifiers)
    return bool(portfolio or org or strong)


def _from_position(text: str, row: tuple[str, ...]) -> TitleParse:
    """A title known only as a reference position label."""
    _, _, role, portfolio, org, org_qid, qid, category = row[:8]
    return TitleParse(text=text, role=role, name=role, portfolio=portfolio or None, org=org or None,
                      category=category or None, position_qid=qid, org_qid=org_qid or None)


@lru_cache(maxsize=8192)
def parse_title(text: str) -> Optional[TitleParse]:
    """The title that ``text`` (a role phrase, not a sentence) states, or None.

    "work and pensions secretary" -> role "secretary", portfolio "work and pensions";
    "his secretary" -> None (no organisation, no portfolio); "chief" -> None."""
    g = grammar()
    toks = _tokens(text)
    if not toks:
        return None
    words = [w for _, w in toks]
    ref = g.positions.get(re.sub(r"^the ", "", " ".join(words)))
    span = _head_span(words, g)
    if span is None:
        return _from_position(text, ref) if ref else None
    start, end = span
    head = g.heads[" ".join(words[start:end])]
    prefix = _prefix(toks[:start], g, head)
    suffix = _suffix(toks[end:], g)
    if prefix is None or suffix is None:
        return _from_position(text, ref) if ref else None
    obj_portfolio, obj_org, place, conn = suffix
    portfolio = " ".join(prefix.domain) or None
    org = " ".join(prefix.org) or obj_org
    if not _valid(head, prefix, portfolio or obj_portfolio, org):
        return _from_position(text, ref) if ref else None
    return TitleParse(
        text=text, role=head.phrase, name=_name(head, prefix, portfolio, obj_portfolio, conn),
        modifiers=tuple(prefix.modifiers), portfolio=portfolio or obj_portfolio, org=org, place=place,
        category=head.category or (ref[7] if ref else None) or None, kb_role=g.kb_roles.get(head.phrase),
        position_qid=ref[6] if ref else None, org_qid=(ref[5] or None) if ref else None,
        dropped=tuple(prefix.dropped))
