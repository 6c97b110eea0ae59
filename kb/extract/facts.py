"""Parsed sentences -> entities (persons, organisations) and tenures, with evidence.

For each sentence: NER mentions (``mentions.py``), role phrases (``roles.py``), date mentions
(``dates.py``); then holder rules attach each role phrase to a person. Rules, in order:

* ``title_before_name``  "Prime Minister Jonas Gahr Store", "NATO chief Mark Rutte"
* ``apposition``         "Jane Roe, Norway's finance minister, said" / "X, the 14th secretary general"
* ``copula``             "X is/was/became/served as/was appointed/took over as … ROLE"; the subject
                         may be a pronoun or a relative clause ("X, who has served as …")
* ``conjunction``        "… served as prime minister … and leader of the VVD …"
* ``succession``         "X succeeded Y as ROLE": X holds it, Y held it (former)
* ``verb_role``          "X heads/led/chairs/founded ORG", "X works for ORG", "ORG, led by X",
                         "X worked for A, B and C", "X joined ORG"
* ``fronted_apposition`` "A Republican, he …", "A former minister of Peru, Jane Roe said"
* ``inverse_copula``     "the deputy mayor is Terje Halleland"
* ``description``        "the lawmaker told …", "The NATO chief added": a role description that
                         refers back to a person (coref.py)

Organisations come from the role phrase (roles.py: "of/at/for ORG", premodifiers, possessives,
demonyms), from "the country's/company's ROLE" (the org named last), from a realm after the name
("King Harald V of Norway") and from the verb before "as" ("led the Red Cross as president").
Party membership comes from member nouns ("a Democrat"), "politician for the X Party" and
"NAME (X Party)". Birth and death dates come from the parenthesis after a name ("(born …)",
"(1920 – 1992)", "(5 April 1815 in Paris – 1851)", after asides and post-nominals), "NAME, born
…," and "X was born in … on DATE". Quoted text gives titles only, never copula facts; irrealis
cues ("will", "hopes to", "never", "next") block a claim; page chrome gives nothing.

Sentences with ``lang == "de"`` go to ``kb.extract.roles_de.extract_tenures_de`` when that
module exists. Claims are then merged: one tenure per (person, role, org), keeping the best
dates and evidence; a generic "chief"/"head" at an organisation folds into the person's specific
post there; status follows OpenSanctions' rules (an end in the past ends a tenure; no end is
current only with present tense or "since").
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from functools import lru_cache
from datetime import date
from typing import Optional

from ..model import DateValue, Entity, Mention, Sentence, Span, Tenure
from .coref import PRONOUN_WORDS, antecedent, canonical_names, description_holder
from .mentions import ORG_HEAD_WORDS, NAME_PARTICLES, _name_token, skip_honorific, in_ranges, is_chrome, name_backward, name_forward, ner_mentions, quoted_ranges, rule_mention
from .roles import ROLE_MODIFIERS, is_party, NOT_NAME_WORDS, REGNAL_TITLES, regnal_name, ordinal_value, GENERIC_ROLES, NEEDS_ORG_ALWAYS, RoleMatch, _org_name_span, _clean_org, find_roles, lexicon

try:  # the German rules plug in here when present
    from .roles_de import extract_tenures_de  # type: ignore
except ImportError:  # pragma: no cover - depends on another module landing
    extract_tenures_de = None

try:
    from .dates import find_dates
except Exception as exc:  # pragma: no cover - a broken dates module must not stop extraction
    logging.getLogger(__name__).warning("date extraction unavailable (%s): tenures get no dates", exc)
    find_dates = None

EXTRACTOR = "kb.roles.v1"

#: Words right before a role phrase that link it to a subject on the left.
LINK_WORDS = {
    "is", "was", "are", "were", "'s", "be", "been", "being", "become", "becomes", "became", "becoming",
    "remains", "remained", "remain", "as", "appointed", "named", "elected", "chosen", "nominated",
    "installed", "made", "confirmed", "reappointed", "crowned", "proclaimed", "declared", "sworn",
}
EVENT_WORDS = {"became", "become", "becomes", "appointed", "named", "elected", "chosen", "nominated", "installed",
               "made", "took", "succeeded", "sworn", "reappointed", "crowned", "proclaimed", "promoted", "confirmed"}
PRESENT_WORDS = {"is", "are", "'s", "am", "has", "have", "remains", "serves", "heads", "leads", "chairs", "runs", "works",
                 "teaches", "lectures", "currently"}
PAST_WORDS = {"was", "were", "served", "had", "headed", "led", "chaired", "ran", "worked", "remained", "taught", "lectured"}
#: Cues that the statement is not a fact (future, wish, negation, hypothesis).
IRREALIS = {"will", "would", "could", "might", "may", "should", "expected", "hopes", "hope", "wants", "want",
            "plans", "plan", "aims", "seeks", "bid", "candidate", "nominee", "not", "never", "n't", "if",
            "likely", "set", "whether", "running", "race", "tipped", "rumoured", "rumored", "next", "potential",
            "possible"}
#: Verbs of leaving a post: "stepped down as ROLE in May" ends the tenure then.
EXIT_WORDS = {"stepped", "resigned", "resigns", "quit", "quits", "retired", "retires", "ousted", "dismissed", "fired",
              "sacked", "removed", "stood", "left", "leaves", "deposed"}
#: Adverbs that sit between a copula and its role ("is now", "was previously", "has also been").
LINK_ADVERBS = {"now", "currently", "also", "still", "previously", "formerly", "once", "later", "again", "already",
                "briefly", "then", "recently", "subsequently", "eventually", "twice", "effectively"}
SUCCESSION = {"succeeded", "succeeds", "succeeding", "replaced", "replaces", "replacing", "ousted", "unseated"}
FORMER_ADVERBS = {"previously", "formerly", "once", "earlier", "later"}
SPEECH_VERBS = {"said", "says", "told", "tells", "added", "adds", "stated", "noted", "warned", "argued", "wrote",
                "explained", "insisted", "declared", "announced", "stressed", "believes", "thinks", "urged",
                "has", "had", "is", "was", "will", "would", "called", "met", "visited", "spoke"}
BLOCKERS = {";", ":", "\"", "“", "”"}
VERB_ROLES = {
    "heads": "head", "headed": "head", "head": "head", "leads": "leader", "led": "leader", "chairs": "chair",
    "chaired": "chair", "founded": "founder", "co-founded": "co-founder", "runs": "head", "ran": "head",
    "directs": "director", "directed": "director", "manages": "manager", "managed": "manager",
}
WORK_VERBS = {"works", "worked", "working", "work"}
#: "she teaches at X", "taught at X", "lectured at X": employment at a school or university.
TEACH_VERBS = {"teaches", "taught", "teach", "teaching", "lectures", "lectured", "lecturing"}
#: "X joined Y": party membership or employment, by what Y is.
JOIN_VERBS = {"joined", "joins", "rejoined", "rejoins", "joining", "join", "defected", "switched"}
#: "X was hired/employed/recruited by ORG": employment, in the passive only (the subject is hired).
HIRE_VERBS = {"hired", "employed", "recruited"}
#: "X writes/wrote for ORG": a writer for a publication.
WRITE_VERBS = {"writes", "wrote", "writing", "write", "written"}
#: Every verb ``_verb_roles`` reads, for scanning a sentence's words before touching tokens.
ROLE_VERBS_GATE = set(VERB_ROLES) | WORK_VERBS | TEACH_VERBS | JOIN_VERBS | HIRE_VERBS | WRITE_VERBS
STAFF_NOUNS = {"faculty", "staff"}
#: Organisations one joins without being employed there (alliances, sports leagues, wars, bands).
_NOT_EMPLOYER = re.compile(r"(?i)\b(league|alliance|union|coalition|war|cup|championship|band|movement|"
                           r"association|federation|club|team|united|city|fc)\b")
CONFIDENCE = {"term_of_office": 0.6, "inverse_copula": 0.75, "fronted_apposition": 0.75, "title_before_name": 0.9, "apposition": 0.85, "copula": 0.8, "conjunction": 0.7, "succession": 0.75,
              "verb_role": 0.65, "description": 0.5}
FOLDABLE = {"chief", "head", "boss", "leader"}


@dataclass
class Claim:
    """One statement of a tenure in one sentence (before merging)."""

    mention: Mention  # the person as mentioned (a pronoun or description is resolved below)
    person: str
    role: str
    org: Optional[str]
    sentence: int
    rule: str
    role_span: Span
    org_span: Optional[Span] = None
    org_label: str = ""
    start: Optional[DateValue] = None
    end: Optional[DateValue] = None
    date_span: Optional[Span] = None
    ordinal: Optional[int] = None
    status: str = "unknown"
    status_strength: int = 0  # 3 dates, 2 explicit cue, 1 tense
    role_text: str = ""
    confidence: float = 0.5
    dated_event: bool = False  # stated through an event ("taking office as"): a point date starts it
    exit_event: bool = False  # "stepped down as", "resigned as": a point date ends it


@dataclass
class _Discourse:
    """What earlier sentences tell pronoun resolution (see ``coref.antecedent``)."""

    subjects: dict[int, Mention] = field(default_factory=dict)  # sentence -> referent of its pronoun subject
    genders: dict[str, str] = field(default_factory=dict)  # person text -> "m" / "f"
    modifiers: set[int] = field(default_factory=set)  # ids of names used as noun modifiers


@dataclass
class _SentCtx:
    sent: Sentence
    doc: object
    persons: list[tuple[int, int, Mention]] = field(default_factory=list)  # token spans
    dates: list = field(default_factory=list)
    disc: _Discourse = field(default_factory=_Discourse)
    _lowers: Optional[list[str]] = None

    @property
    def lowers(self) -> list[str]:
        """The sentence's lower-case words, made once. Rules scan this list for their keywords
        and touch spaCy tokens only where one occurs: spaCy makes a new Token object for every
        token on every pass over a Doc, which was most of the rules' cost."""
        if self._lowers is None:
            self._lowers = [t.lower_ for t in self.doc]
        return self._lowers


# ------------------------------------------------------------------------------------------
# entry point
# ------------------------------------------------------------------------------------------


def extract_facts(pd) -> tuple[list[Entity], list[Tenure]]:
    """Entities and tenures of one parsed document (see the module docstring)."""
    quoted = quoted_ranges(pd.document.text)
    anchor = pd.document.published
    mentions: list[Mention] = []
    claims: list[Claim] = []
    deferred: list[tuple[_SentCtx, RoleMatch]] = []
    births: dict[int, DateValue] = {}  # id(mention) -> birth date
    deaths: dict[int, DateValue] = {}
    disc = _Discourse()
    events: list[tuple[Mention, object, int]] = []  # "took office in …": (person, date, sentence)
    prior: Optional[DateValue] = None  # the last date stated so far ("four years later" counts from it)
    for sent, sdoc in zip(pd.sentences, pd.docs):
        if is_chrome(sent.text):
            continue
        ctx = _SentCtx(sent, sdoc, disc=disc)
        sent_mentions = ner_mentions(sent, sdoc)
        mentions.extend(sent_mentions)
        ctx.persons = _token_spans(ctx, [m for m in sent_mentions if m.type == "person"])
        if sent.lang == "en":
            _rescue_names(ctx, mentions)
            _note_names(ctx)
            _note_pronoun_subject(ctx, mentions, quoted)
        ctx.dates = find_dates(sent.text, anchor, sent.lang, sent.start, prior) if find_dates else []
        prior = _last_date(ctx.dates) or prior
        _life_dates(ctx, births, deaths, mentions)
        if sent.lang == "en":
            _born_clause(ctx, births, mentions, quoted)
        if sent.lang == "de":
            if extract_tenures_de is not None:
                claims.extend(_german(ctx, mentions))
            continue
        claims.extend(_sentence_claims(ctx, mentions, quoted, deferred))
        events.extend(_office_events(ctx, mentions, quoted))
    _retype_orgs(mentions)
    names = canonical_names(m.text for m in mentions if m.type == "person")
    for m in mentions:
        m.name = names.get(m.text, m.text) if m.type == "person" else m.text
    for c in claims:
        c.person = c.mention.name or names.get(c.mention.text, c.mention.text)
    claims.extend(_descriptions(deferred, claims, mentions, quoted, pd.sentences))
    _date_office_events(events, claims, names)
    _document_region(claims, mentions)
    _document_country(claims, mentions)
    _legislature_from_committee(claims)
    tenures = _merge(claims, anchor, deaths, mentions)
    entities = _entities(mentions, tenures, births, deaths)
    return entities, tenures


def _last_date(dates: list) -> Optional[DateValue]:
    """The last absolute date of a sentence (an interval's end, else its start)."""
    for d in reversed(dates):
        if d.kind in ("born", "died", "lifespan"):
            continue
        value = d.end or d.start
        if value is not None:
            return value
    return None


#: NER labels of places: GPE/LOC (English models), LOC (German models).
_PLACE_NER_LABELS = {"GPE", "LOC"}


def document_places(pd) -> list[str]:
    """Canonical English names of the countries a parsed document names, in order of first
    mention. The linker uses them as context: a person named only by surname ("Putin") is
    more likely the candidate whose posts belong to a country the text talks about. Only
    country names count (cities and demonyms do not: "Indian" may be about India or not)."""
    out: dict[str, None] = {}
    for sent, sdoc in zip(pd.sentences, pd.docs):
        if is_chrome(sent.text):
            continue
        for ent in sdoc.ents:
            if ent.label_ in _PLACE_NER_LABELS:
                name = country_of_place(ent.text, sent.lang)
                if name:
                    out.setdefault(name, None)
    return list(out)


def country_of_place(text: str, lang: str = "en") -> Optional[str]:
    """The canonical English country name a place mention names ("the U.S." -> "United
    States", "Russlands" -> "Russia"), else None (cities, regions, demonyms)."""
    text = text.strip().removesuffix("'s").removesuffix("’s").strip()
    for prefix in ("the ", "The "):
        text = text.removeprefix(prefix)
    lex = lexicon()
    if text in lex.demonyms and text not in ("US", "U.S.", "UK", "U.K."):
        return None
    name = lex.countries.get(text)
    if name is None and lang != "en":
        from .roles_de import country_name

        name = country_name(text)
    return name


#: Posts that belong to a country; with no org named they take the document's one country.
STATE_ROLES = {"president", "vice president", "president-elect", "prime minister", "deputy prime minister", "king",
               "queen", "emperor", "empress", "monarch", "head of state", "head of government", "sultan", "emir"}
#: Of these, the ones also used for companies and clubs count only as a capitalised title.
TITLE_ONLY_STATE_ROLES = {"president", "vice president", "president-elect"}


def _country_mentions(mentions: list[Mention]) -> list[tuple[Mention, str]]:
    """Mentions that name a country (not demonyms: "Indian" may be about India or not)."""
    countries, demonyms = lexicon().countries, lexicon().demonyms
    out = []
    for m in mentions:
        if m.type == "organization" and m.label in ("GPE", "LOC") and (m.text not in demonyms or m.text in ("US", "U.S.", "UK", "U.K.")):
            name = countries.get(m.text) or countries.get(m.text.removeprefix("the ").removeprefix("The "))
            if name:
                out.append((m, name))
    return out


def _document_country(claims: list[Claim], mentions: list[Mention]) -> None:
    """A head of state/government with no org named ("President Jane Roe", "the prime minister
    said") holds the post in the country the document is about: news leaves it implied when
    the story is about one country. Applied only when the document names exactly one country
    (by name; demonyms are ambiguous); the org evidence is its nearest earlier mention."""
    _drop_terms_of_other_posts(claims)
    open_claims = [c for c in claims if c.org is None and c.role in STATE_ROLES
                   and (c.role not in TITLE_ONLY_STATE_ROLES or _capital_core(c) or c.rule == "term_of_office")]
    if not open_claims:
        return
    found = _country_mentions(mentions)
    name = _dominant_country(found, mentions)
    if name is None:
        claims[:] = [c for c in claims if not (c.rule == "term_of_office" and c.org is None)]
        return
    found = [(x, n) for x, n in found if n == name]
    for c in open_claims:
        m = max((x for x, _ in found if x.start <= c.role_span.start), key=lambda x: x.start, default=found[0][0])
        c.org, c.org_span, c.org_label = name, Span(m.start, m.end, m.text), "rule:doc_country"


#: Posts that belong to a state or province ("Governor Jay Roe", "the premier"): with no place
#: named they take the one sub-national unit a document names (lexicons/regions_en.tsv).
REGION_ROLES = {"governor"}
REGION_ROLE_WORDS = {"governor", "gov.", "gov", "premier"}


@lru_cache(maxsize=1)
def regions() -> dict[str, str]:
    """Surface form -> canonical name of US states, Canadian provinces and Australian states."""
    from .roles import LEXICON_DIR, _rows

    out: dict[str, str] = {}
    for row in _rows(LEXICON_DIR / "regions_en.tsv"):
        out[row[0]] = row[0]
        for alias in (row[2].split("|") if len(row) > 2 and row[2] else []):
            out[alias] = row[0]
    return out


def _region_mentions(mentions: list[Mention]) -> list[tuple[Mention, str]]:
    """Place mentions (NER GPE/LOC) that name a state or province ("Washington State" too)."""
    table, out = regions(), []
    for m in mentions:
        if m.type == "organization" and m.label in ("GPE", "LOC"):
            text = m.text.removeprefix("the ").removesuffix("'s").removesuffix("’s")
            name = table.get(text) or table.get(text.removesuffix(" State").removesuffix(" state"))
            if name:
                out.append((m, name))
    return out


def _document_region(claims: list[Claim], mentions: list[Mention]) -> None:
    """A governor or premier with no place named ("Governor Jay Roe", "Gov. Roe", "made Labor
    leader Sam Ito premier") heads the state or province the document is about: US, Canadian
    and Australian news name the state once and the governor without it. Only when the
    document names exactly one such unit; a premier is then no national prime minister."""
    open_claims = [c for c in claims if c.org is None and (
        c.role in REGION_ROLES or c.role == "prime minister" and "premier" in c.role_text.lower())]
    if not open_claims:
        return
    found = _region_mentions(mentions)
    if len({n for _, n in found}) != 1:
        return
    name = found[0][1]
    for c in open_claims:
        if c.role == "governor" and c.rule == "title_before_name" and not _capital_core(c):
            continue  # "the governor Jane Roe" of what? a capitalised title only
        m = max((x for x, _ in found if x.start <= c.role_span.start), key=lambda x: x.start, default=found[0][0])
        c.org, c.org_span, c.org_label = name, Span(m.start, m.end, m.text), "rule:doc_region"


def _drop_terms_of_other_posts(claims: list[Claim]) -> None:
    """ "the Bloomberg administration" of a mayor, "the Cuomo administration" of a governor: a
    term noun names the top post of the country only when the document gives the person no
    other post; a term that found no country names nothing and is dropped too."""
    others = {c.person for c in claims if c.rule != "term_of_office"}
    claims[:] = [c for c in claims if not (c.rule == "term_of_office" and c.person in others)]


def _dominant_country(found: list[tuple[Mention, str]], mentions: list[Mention]) -> Optional[str]:
    """The one country the document is about: the only country it names, or one named at
    least twice and at least twice as often as any other (demonyms count towards their
    country here: "Afghan officials … Afghanistan" is about Afghanistan)."""
    names = {name for _, name in found}
    if len(names) == 1:
        return next(iter(names))
    if not names:
        return None
    counts: dict[str, int] = {}
    for _, name in found:
        counts[name] = counts.get(name, 0) + 1
    lex = lexicon()
    for m in mentions:
        if m.type == "organization" and m.label == "NORP" and lex.countries.get(m.text) and m.text in lex.demonyms:
            counts[lex.countries[m.text]] = counts.get(lex.countries[m.text], 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    top, n = ranked[0]
    if top in names and n >= 2 and (len(ranked) == 1 or n >= 2 * ranked[1][1]):
        return top
    return None


#: Legislatures as news names them; a committee of one names its parent ("State Duma Committee on …").
_LEGISLATURE_RE = re.compile(
    r"\b(State Duma|Duma|Bundestag|Bundesrat|Senate|House of Representatives|House of Commons|House of Lords|"
    r"Parliament|Congress|National Assembly|Riksdag|Storting|Storting|Knesset|Sejm|Folketing|Eduskunta|"
    r"Verkhovna Rada|Rada|Diet|Legislative Assembly|Legislative Council|Assembly)\b")
_BODY_PART_RE = re.compile(r"\b(Committee|Subcommittee|Commission|Caucus|Delegation|Group)\b")
SINGLE_SEAT_ROLES = {"speaker", "deputy speaker"}  # posts in a legislature, not a seat in it


@lru_cache(maxsize=1)
def _role_categories() -> dict[str, str]:
    return {e.role: e.category for e in lexicon().roles.values()}


def _legislature_from_committee(claims: list[Claim]) -> None:
    """A lawmaker/MP/senator with no org named sits in the legislature whose committee the
    same person chairs or belongs to ("X, deputy chairman of the State Duma Committee on
    Foreign Affairs … the lawmaker said" -> lawmaker of the State Duma). Only when the person's
    posts name exactly one legislature."""
    cats = _role_categories()
    for c in claims:
        if c.org is not None or cats.get(c.role) != "legislator" or c.role in SINGLE_SEAT_ROLES:
            continue
        found = {}
        for d in claims:
            if d.person == c.person and d.org and _BODY_PART_RE.search(d.org):
                hit = _LEGISLATURE_RE.search(d.org)
                if hit and hit.start() < _BODY_PART_RE.search(d.org).start():
                    found[hit.group(1)] = d
        if len(found) == 1:
            name, d = next(iter(found.items()))
            c.org, c.org_label = name, "rule:legislature_of_committee"
            if d.org_span is not None:
                k = d.org_span.text.find(name)
                c.org_span = Span(d.org_span.start + k, d.org_span.start + k + len(name), name) if k >= 0 else d.org_span


def _capital_core(c: Claim) -> bool:
    """The role is written as a title ("President"), not as a common noun ("the president")."""
    words = [w for w in c.role_text.replace("-", " ").split() if w.lower() in c.role.split()]
    return bool(words) and all(w[:1].isupper() for w in words)


def _retype_orgs(mentions: list[Mention]) -> None:
    """NER is inconsistent across sentences: an ORG with a person's name (or surname) is that person."""
    persons = {m.text for m in mentions if m.type == "person"}
    surnames = {p.split()[-1] for p in persons if len(p.split()) > 1}
    for m in mentions:
        if m.type == "organization" and m.label == "ORG" and (m.text in persons or m.text in surnames):
            m.type, m.label = "person", "rule:same_name"


def _german(ctx: _SentCtx, mentions: list[Mention]) -> list[Claim]:
    """Adapter for the German rules of one sentence.

    Contract: ``kb.extract.roles_de.extract_tenures_de(sent, doc, persons, dates, mentions)``
    gets the Sentence, its spaCy Doc, the sentence's person Mentions, its DateMentions
    (document offsets) and the document's mention list (append rule-found persons to it), and
    returns ``facts.Claim`` objects (``Claim.person`` may be the surface form: names are
    canonicalised afterwards; set ``status``/``status_strength`` and dates as the English rules do).
    """
    try:
        return list(extract_tenures_de(ctx.sent, ctx.doc, [p[2] for p in ctx.persons], ctx.dates, mentions))
    except TypeError:  # a different signature: German rules not wired yet
        return []


def _token_spans(ctx: _SentCtx, persons: list[Mention]) -> list[tuple[int, int, Mention]]:
    out = []
    for m in persons:
        span = ctx.doc.char_span(m.start - ctx.sent.start, m.end - ctx.sent.start, alignment_mode="expand")
        if span is not None:
            out.append((span.start, span.end, m))
    return out


# ------------------------------------------------------------------------------------------
# per-sentence holder rules
# ------------------------------------------------------------------------------------------


def _sentence_claims(ctx: _SentCtx, mentions: list[Mention], quoted, deferred) -> list[Claim]:
    out: list[Claim] = []
    doc = ctx.doc
    roles = find_roles(doc, ctx.lowers)
    for m in roles:
        if m.extras.get("org_was_person"):
            _person_to_org(ctx, m, mentions)
    for m in roles:
        if m.org_name is None:
            _org_anaphor(ctx, m, mentions)
        in_quote = in_ranges(ctx.sent.start + doc[m.core_start].idx, quoted)
        claim = _title_before_name(ctx, m, mentions)
        if claim is None and not in_quote:
            claim = _apposition(ctx, m, mentions) or _inverse_copula(ctx, m) or _fronted_apposition(ctx, m, mentions, quoted) \
                or _copula(ctx, m, mentions, quoted, out)
        if claim is None:
            if not in_quote and _is_description(doc, m):
                deferred.append((ctx, m))
            continue
        if not _org_ok(m, claim.rule):
            continue
        out.append(claim)
    if not any(in_ranges(ctx.sent.start + t.idx, quoted) for t in doc[:1]):
        out.extend(_verb_roles(ctx, mentions, quoted))
        out.extend(_party_in_parens(ctx))
        out.extend(_party_of(ctx))
        out.extend(_led_by(ctx))
        out.extend(_regnal_realm(ctx, roles, mentions))
        out.extend(_us_party_tags(ctx))
        out.extend(_party_possessive(ctx))
        out.extend(_term_of_office(ctx))
        out.extend(_seat_party(ctx, mentions, quoted))
        out.extend(_throne(ctx, mentions, quoted))
    for c in out:
        _attach_dates(ctx, c, out)
    return out


ANAPHOR_NOUNS = {
    "country": ("GPE",), "nation": ("GPE",), "kingdom": ("GPE",), "republic": ("GPE",), "state": ("GPE",),
    "company": ("ORG",), "firm": ("ORG",), "group": ("ORG",), "bank": ("ORG",), "party": ("ORG", "NORP"),
    "organisation": ("ORG",), "organization": ("ORG",), "club": ("ORG",), "university": ("ORG",), "alliance": ("ORG",),
}


#: Adjectives between "the" and an anaphor noun that still point back ("the new company").
ANAPHOR_ADJECTIVES = {"new", "combined", "merged", "same", "parent", "former", "renamed", "enlarged", "latter"}


#: Role categories whose "its" refers to a country, not to an organisation ("its president").
STATE_CATEGORIES = {"head_of_state", "head_of_government", "minister", "diplomat", "legislator"}


def _its_org(ctx: _SentCtx, m: RoleMatch, mentions: list[Mention]) -> None:
    """ "Acme said its chief executive Jane Roe …", "the group and its leader X": "its" is the
    organisation named last before it in the sentence, else the first one (the topic) of the
    sentence before. A state post's "its" ("Norway and its prime minister") looks for a country."""
    doc, k = ctx.doc, m.start
    labels = ("GPE",) if m.category in STATE_CATEGORIES else ("ORG",)
    pos = ctx.sent.start + doc[k - 1].idx
    orgs = [x for x in mentions if x.type == "organization" and x.label in labels and x.end <= pos]
    same = [x for x in orgs if x.sentence == ctx.sent.index]
    prev = [x for x in orgs if x.sentence == ctx.sent.index - 1]
    if same:
        target = same[-1]
    elif prev and not any(x.sentence == ctx.sent.index for x in mentions if x.type == "organization" and x.end <= pos):
        target = prev[0]  # only when no other organisation or place came in between
    else:
        return
    name = country_of_place(target.text) if labels == ("GPE",) else target.text
    if not name:
        return
    m.org_name, m.org_start, m.org_end, m.org_label, m.start = name, k - 1, k, "rule:its", k - 1
    m.org_possessive, m.text = True, doc[k - 1 : m.end].text


def _org_anaphor(ctx: _SentCtx, m: RoleMatch, mentions: list[Mention]) -> None:
    """ "the country's prime minister", "the company's chief executive": the org named last;
    "its chief executive": see ``_its_org``."""
    doc, k = ctx.doc, m.start
    if k >= 1 and doc[k - 1].lower_ == "its":
        _its_org(ctx, m, mentions)
        return
    if _of_the_anaphor(ctx, m, mentions):
        return
    if k < 3 or doc[k - 1].lower_ not in ("'s", "’s") or doc[k - 3].lower_ != "the":
        return
    labels = ANAPHOR_NOUNS.get(doc[k - 2].lower_)
    if labels is None:
        return
    pos = ctx.sent.start + doc[k - 3].idx
    before = [x for x in mentions if x.type == "organization" and x.label in labels and x.end <= pos]
    if doc[k - 2].lower_ == "party":
        before = [x for x in before if is_party(x.text)]  # "the party's leader": Labour, the Social Democrats
    if not before:
        return
    m.org_name = lexicon().demonyms.get(before[-1].text, before[-1].text)
    m.org_start, m.org_end, m.org_label, m.start = k - 2, k - 1, "rule:anaphor", k - 3
    m.org_possessive, m.text = True, doc[k - 3 : m.end].text


def _of_the_anaphor(ctx: _SentCtx, m: RoleMatch, mentions: list[Mention]) -> bool:
    """ "chief financial officer of the company", "leader of the party": the organisation (or
    country) of that kind named last, in this sentence or the one before."""
    doc, i = ctx.doc, m.core_end
    if i + 2 >= len(doc) or doc[i].lower_ not in ("of", "at") or doc[i + 1].lower_ != "the":
        return False
    if i + 3 < len(doc) and doc[i + 2].lower_ in ANAPHOR_ADJECTIVES and doc[i + 3].lower_ in ANAPHOR_NOUNS:
        i += 1  # "CEO of the new company", "chairman of the merged group": the org named before
    labels = ANAPHOR_NOUNS.get(doc[i + 2].lower_)
    if labels is None or (i + 3 < len(doc) and (doc[i + 3].text[:1].isupper() or doc[i + 3].lower_ in ("of", "'s", "’s"))):
        return False  # "of the Party of Regions", "of the company's board"
    pos = ctx.sent.start + doc[i].idx
    before = [x for x in mentions if x.type == "organization" and x.label in labels and x.end <= pos
              and ctx.sent.index - 1 <= x.sentence <= ctx.sent.index]
    if doc[i + 2].lower_ == "party":
        before = [x for x in before if is_party(x.text)]
    if not before:
        return False
    target = before[-1]
    m.org_name = country_of_place(target.text) if labels == ("GPE",) else target.text
    if not m.org_name:
        return False
    m.org_start, m.org_end, m.org_label, m.end = i + 2, i + 3, "rule:anaphor", i + 3
    m.text = doc[m.start : m.end].text
    return True


def _org_ok(m: RoleMatch, rule: str) -> bool:
    """Generic roles ("head", "leader") need an organisation; titles need a capital or org."""
    base = m.role.split()[-1]
    core = " ".join(w for w in m.role.split() if w not in ROLE_MODIFIERS and w != "first")  # "senior adviser" -> adviser
    if m.role in NEEDS_ORG_ALWAYS or core in NEEDS_ORG_ALWAYS or base in NEEDS_ORG_ALWAYS and m.role == base:
        return m.org_name is not None
    if m.role in GENERIC_ROLES and rule == "title_before_name" and not (m.capitalised or m.org_name):
        return False
    return True


def _new_claim(ctx: _SentCtx, m: RoleMatch, person: Mention, rule: str) -> Claim:
    doc, s0 = ctx.doc, ctx.sent.start
    rs, re_ = doc[m.core_start].idx + s0, doc[m.core_end - 1].idx + len(doc[m.core_end - 1].text) + s0
    text_start = doc[m.start].idx + s0
    role_span = Span(text_start, re_, ctx.sent.text[text_start - s0 : re_ - s0])
    org_span = None
    if m.org_name is not None:
        os_, oe = doc[m.org_start].idx + s0, doc[m.org_end - 1].idx + len(doc[m.org_end - 1].text) + s0
        org_span = Span(os_, oe, ctx.sent.text[os_ - s0 : oe - s0])
    claim = Claim(person, person.text, m.role, m.org_name, ctx.sent.index, rule, role_span, org_span, m.org_label,
                  ordinal=m.ordinal, role_text=m.text, confidence=CONFIDENCE.get(rule, 0.5))
    if m.status_cue:
        claim.status, claim.status_strength = m.status_cue, 2
    return claim


def _person_at(ctx: _SentCtx, i: int) -> Optional[tuple[int, int, Mention]]:
    for p in ctx.persons:
        if p[0] == i:
            return p
    return None


def _person_ending(ctx: _SentCtx, j: int) -> Optional[tuple[int, int, Mention]]:
    for p in ctx.persons:
        if p[1] == j:
            return p
    return None


def _add_rule_person(ctx: _SentCtx, span: tuple[int, int], rule: str, mentions: list[Mention]):
    mention = rule_mention(ctx.sent, ctx.doc, span, rule)
    mentions.append(mention)
    p = (span[0], span[1], mention)
    ctx.persons.append(p)
    ctx.persons.sort(key=lambda x: x[0])
    return p


def _title_before_name(ctx: _SentCtx, m: RoleMatch, mentions: list[Mention]) -> Optional[Claim]:
    """ROLE NAME: "Prime Minister Jonas Gahr Store", "former ministre Jane Roe"."""
    doc = ctx.doc
    i = m.end
    if i < len(doc) and doc[i].text == "," and (m.org_possessive or m.start > 0 and doc[m.start - 1].lower_ == "the"):
        i += 1  # "the president of France, Emmanuel Macron," / "Norway's finance minister, Jens Stoltenberg"
    i = skip_honorific(doc, i)
    if i >= len(doc):
        return None
    p = _person_at(ctx, i)
    if p is None and doc[m.core_end - 1].lower_ in REGNAL_TITLES and regnal_name(doc, i) is not None:
        p = _regnal_person(ctx, regnal_name(doc, i), mentions)
    if p is None and (m.capitalised or m.org_name) and doc[i].ent_type_ not in ("ORG", "GPE", "NORP", "DATE", "LOC") \
            and not _inside_name(doc, m.core_end - 1, i):
        span = name_forward(doc, i)
        if span is not None and (span[1] - span[0] >= 2 or m.capitalised) and not _modifies_noun(doc, span[1]):
            p = _add_rule_person(ctx, span, "title", mentions)
    if p is None:
        return None
    if m.org_name is None and m.category in ("head_of_state", "religious", "head_of_government"):
        _org_after_name(doc, m, p[1])
    claim = _new_claim(ctx, m, p[2], "title_before_name")
    if claim.status == "unknown":
        claim.status, claim.status_strength = "current", 1  # news titles name the holder now
    return claim


def _regnal_person(ctx: _SentCtx, span: tuple[int, int], mentions: list[Mention], rule: str = "regnal"):
    """A name the context shows to be a person ("King Constantine I", "A former minister, Jane
    Roe said"): a rule person, and an organisation NER made of it in this sentence is dropped."""
    s0 = ctx.sent.start
    a, b = ctx.doc[span[0]].idx + s0, ctx.doc[span[1] - 1].idx + len(ctx.doc[span[1] - 1].text) + s0
    for x in [x for x in mentions if x.sentence == ctx.sent.index and x.type == "organization" and x.start < b and a < x.end]:
        mentions.remove(x)
    return _add_rule_person(ctx, span, rule, mentions)


def _org_tagged_person(ctx: _SentCtx, i: int) -> Optional[tuple[int, int]]:
    """An NER "organisation" at token i that reads as a person's name: two or three capitalised
    words, subject of the verb right after it ("Rosa Quispe said")."""
    doc = ctx.doc
    if doc[i].ent_type_ != "ORG" or doc[i].ent_iob_ != "B":
        return None
    end = i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    if not 2 <= end - i <= 3 or not all(t.is_alpha and t.text[:1].isupper() and not t.is_upper for t in doc[i:end]):
        return None
    return (i, end) if end < len(doc) and doc[end].pos_ in ("VERB", "AUX") else None


def _modifies_noun(doc, end: int) -> bool:
    """ "Premier League side", "President Hotel staff": capitalised words before a common noun
    modify it (a compound), so they are no person's name."""
    return end < len(doc) and doc[end].pos_ == "NOUN" and doc[end].text.islower()


def _inside_name(doc, last: int, nxt: int) -> bool:
    """ "Premier League", "President Hotel": the title word and the next word are one name
    (NER continues the entity across them), so the next word is not a person after a title."""
    return doc[nxt].ent_iob_ == "I" and doc[last].ent_type_ not in ("", "PERSON", "PER")


def _org_after_name(doc, m: RoleMatch, end: int) -> None:
    """ "King Abdullah of Jordan", "Queen Margrethe II of Denmark": the realm follows the name."""
    if end + 1 >= len(doc) or doc[end].lower_ != "of":
        return
    j = end + 1 + (doc[end + 1].lower_ == "the")
    span = _org_name_span(doc, j)
    if span is None or doc[span[0]].ent_type_ in ("PERSON", "DATE"):
        return
    start, name = _clean_org(doc, span[0], span[1])
    m.org_name, m.org_start, m.org_end, m.org_label = name, start, span[1], span[2]


def _person_to_org(ctx: _SentCtx, m: RoleMatch, mentions: list[Mention]) -> None:
    """The name after "mayor of" / "chief executive of" that NER took for a person is the
    post's place or company: it stops being a person of this sentence."""
    for p in [p for p in ctx.persons if m.org_start <= p[0] < m.org_end]:
        ctx.persons.remove(p)
        p[2].type, p[2].label = "organization", "rule:org_of_role"


def _apposition(ctx: _SentCtx, m: RoleMatch, mentions: list[Mention]) -> Optional[Claim]:
    """NAME, [the|a] ROLE …: "Alexey Chepa, first deputy chairman of …"."""
    doc = ctx.doc
    k = m.start - 1
    while k >= 0 and doc[k].lower_ in ("the", "a", "an"):
        k -= 1
    if k >= 3 and doc[k].text == "," and doc[k - 1].like_num and len(doc[k - 1].text) <= 3 and doc[k - 2].text == ",":
        k -= 2  # "Ola Berg, 54, the chief executive of …": an age between name and apposition
    if k >= 3 and doc[k].lower_ == "and":
        k = _conjoined_apposition(doc, k)
    if k < 1 or doc[k].text not in (",", "("):
        return None
    p = _person_ending(ctx, k) or (_person_ending(ctx, _paren_open(doc, k - 1)) if doc[k].text == "," else None)
    if p is None and not doc.has_annotation("ENT_IOB"):
        span = name_backward(doc, k)
        if span is not None:
            p = _add_rule_person(ctx, span, "apposition", mentions)
    if p is None:
        return None
    claim = _new_claim(ctx, m, p[2], "apposition")
    if claim.status == "unknown":
        claim.status, claim.status_strength = "current", 1
    return claim


def _conjoined_apposition(doc, k: int) -> int:
    """ "Hugh Roe, brother of Ann Roe and a professor at Yale, …": the second of two joined
    appositive noun phrases; returns the comma after the name (or k when there is none). The
    first phrase must start lower-case ("brother", "a writer") and hold no verb or comma."""
    c = k - 1
    while c > 0 and k - c <= 10 and doc[c].text != ",":
        if doc[c].pos_ in ("VERB", "AUX") or doc[c].text in ("(", ")", ";", ":"):
            return k
        c -= 1
    if c <= 0 or doc[c].text != "," or c + 1 >= k or not doc[c + 1].text[:1].islower():
        return k
    return c


def _fronted_apposition(ctx: _SentCtx, m: RoleMatch, mentions, quoted) -> Optional[Claim]:
    """ "A Republican, he has served …", "A former finance minister of Peru, Jane Roe said …",
    "As mayor of Oslo, she …": a role phrase opening the sentence before a comma describes the
    subject that follows the comma (a name, or he/she resolved like any pronoun subject)."""
    doc = ctx.doc
    k = 0
    if k < len(doc) and doc[k].lower_ == "as":
        k += 1
    if k < len(doc) and doc[k].lower_ in ("a", "an"):
        k += 1
    if k == 0 or m.start != k or m.end + 1 >= len(doc) or doc[m.end].text != ",":
        return None
    i = skip_honorific(doc, m.end + 1)
    p = _person_at(ctx, i)
    if p is None and i < len(doc) and doc[i].lower_ in ("he", "she") and not in_ranges(ctx.sent.start + doc[i].idx, quoted):
        ante = _resolve_pronoun(ctx, i, mentions, quoted)
        if ante is None:
            return None
        pm = Mention(ante.text, "person", ctx.sent.start + doc[i].idx, ctx.sent.start + doc[i].idx + len(doc[i].text),
                     ctx.sent.index, label="pronoun")
        p = (i, i + 1, pm)
    if p is None and m.category != "party" and _org_tagged_person(ctx, i) is not None:
        p = _regnal_person(ctx, _org_tagged_person(ctx, i), mentions, "fronted_apposition")  # a minister is a person
    if p is None:
        return None
    claim = _new_claim(ctx, m, p[2], "fronted_apposition")
    after = [t.lower_ for t in doc[p[1] : p[1] + 3]]
    if claim.status_strength < 2 and set(after) & PRESENT_WORDS:
        claim.status, claim.status_strength = "current", 1
    return claim


def _paren_open(doc, close: int) -> int:
    """ "NAME (born 1955), a member of …": the "(" matching a ")" at ``close`` (-1 if none)."""
    if close < 1 or ")" not in doc[close].text:
        return -1
    depth = 0
    for k in range(close, max(-1, close - 40), -1):
        depth += doc[k].text.count(")") - doc[k].text.count("(")
        if depth <= 0:
            return k
    return -1


def _link_index(doc, m: RoleMatch) -> Optional[int]:
    """Index of the link word right before the role phrase (skipping determiners)."""
    k = m.start - 1
    adjectives = 0
    while k >= 0:
        w = doc[k].lower_
        if w in LINK_WORDS:
            break
        if w in ("the", "a", "an", "its", "their", "his", "her", "-") or w in LINK_ADVERBS:
            k -= 1  # "is now Norway's finance minister", "was previously chief financial officer"
        elif adjectives < 3 and (doc[k].pos_ == "ADJ" or doc[k].ent_type_ == "NORP" or doc[k].text in lexicon().demonyms):
            k -= 1  # "was a Norwegian politician", "is an influential senior adviser"
            adjectives += 1
        else:
            break
    if k >= 0 and doc[k].lower_ == "to" and k > 0 and doc[k - 1].lower_ in ("promoted", "elevated", "elected", "appointed"):
        return k - 1
    if k >= 0 and doc[k].lower_ in ("in",) and k > 0 and doc[k - 1].lower_ == "sworn":
        return k
    if k >= 2 and doc[k].lower_ == "as" and doc[k - 1].lower_ == "well" and doc[k - 2].lower_ == "as":
        return None  # "as well as"
    if k >= 0 and (doc[k].lower_ in LINK_WORDS or doc[k].lower_ == "over"):
        return k
    return None


def _copula(ctx: _SentCtx, m: RoleMatch, mentions, quoted, earlier: list[Claim]) -> Optional[Claim]:
    """SUBJ … LINK ROLE, with pronoun subjects resolved; also conjunctions and succession."""
    doc = ctx.doc
    k = _link_index(doc, m)
    if k is None:
        return _conjunction(ctx, m, earlier, mentions, quoted)
    subject = _subject_left(ctx, k, mentions, quoted)
    if subject is None:
        return _participle_clause(ctx, m, k, mentions)
    (ps, pe, person), rule = subject
    between = _outside_parens(doc, pe, m.start)
    if any(w in IRREALIS for w in between) or any(w in BLOCKERS for w in between):
        return None
    if len(between) > 30:
        return None
    if m.org_name is None and doc[k].lower_ == "as":
        _org_from_verb(doc, m, pe, k)
    claim = _new_claim(ctx, m, person, rule)
    _tense_status(claim, between, doc, ps)
    if rule == "succession":
        _predecessor(ctx, m, k, earlier)
    return claim


#: Openers of a fronted participle clause and the status they give its role as of the main
#: clause: "Since taking office as …" (still holds it), "After serving as …" (held it before).
#: Participles of taking up a post: a point date in their clause is the start of the tenure.
EVENT_PARTICIPLES = {"taking", "appointed", "named", "elected", "becoming", "sworn", "installed", "chosen",
                     "nominated", "assuming", "re-elected", "reelected", "promoted", "succeeding"}
PARTICIPLE_OPENERS = {"since": "current", "after": "former", "having": "former", "before": "unknown",
                      "while": "unknown", "when": "unknown", "upon": "unknown", "on": "unknown"}


def _participle_clause(ctx: _SentCtx, m: RoleMatch, k: int, mentions: list[Mention]) -> Optional[Claim]:
    """ "Since taking office as governor of Texas in 2015, Greg Abbott has …", "Appointed chief
    executive in 2019, Jane Roe …": a participle clause opening the sentence has no subject of
    its own; its role belongs to the main clause's subject, the person right after its comma."""
    doc = ctx.doc
    opener = doc[0].lower_
    if opener not in PARTICIPLE_OPENERS and doc[0].tag_ not in ("VBG", "VBN"):
        return None
    if not any(t.tag_ in ("VBG", "VBN") for t in doc[: k + 1]) or any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in doc[:k]):
        return None  # a finite verb before the role: a full clause with a subject of its own
    comma = next((i for i in range(m.end, len(doc)) if doc[i].text == ","), None)
    if comma is None or any(t.text in BLOCKERS for t in doc[m.end:comma]):
        return None
    i = skip_honorific(doc, comma + 1)
    p = _person_at(ctx, i) or _clause_subject_name(ctx, i, mentions)
    if p is None:
        return None
    claim = _new_claim(ctx, m, p[2], "copula")
    claim.dated_event = any(t.lower_ in EVENT_PARTICIPLES for t in doc[:k + 1])
    status = PARTICIPLE_OPENERS.get(opener, "unknown")
    if claim.status_strength < 2 and status != "unknown":
        claim.status, claim.status_strength = status, 1
    return claim


def _clause_subject_name(ctx: _SentCtx, i: int, mentions: list[Mention]):
    """A name-like span at token i that NER typed ORG or missed, followed by a finite verb:
    the subject of the main clause after a fronted participle clause about a person's post."""
    doc = ctx.doc
    span = next(((a, b) for a, b in _name_candidates(ctx) if a == i), None)
    if span is None or span[1] >= len(doc) or doc[span[1]].tag_ not in ("VBD", "VBZ", "VBP", "MD"):
        return None
    return _regnal_person(ctx, span, mentions, "name_in_role_context")


def _outside_parens(doc, lo: int, hi: int) -> list[str]:
    """Lower-case words between lo and hi, skipping parenthesised asides ("(born 1967)")."""
    out, depth = [], 0
    for t in doc[lo:hi]:
        if t.text == "(":
            depth += 1
        elif t.text == ")":
            depth = max(0, depth - 1)
        elif depth == 0:
            out.append(t.lower_)
    return out


def _inverse_copula(ctx: _SentCtx, m: RoleMatch) -> Optional[Claim]:
    """ROLE is NAME: "the deputy mayor is Terje Halleland", "The current CEO is Jane Roe"."""
    doc = ctx.doc
    i = m.end
    if i + 1 >= len(doc) or doc[i].lower_ not in ("is", "was", "remains"):
        return None
    p = _person_at(ctx, skip_honorific(doc, i + 1))
    if p is None:
        return None
    claim = _new_claim(ctx, m, p[2], "inverse_copula")
    if claim.status_strength < 2:
        claim.status, claim.status_strength = ("current", 1) if doc[i].lower_ != "was" else ("unknown", 0)
    return claim


def _party_in_parens(ctx: _SentCtx) -> list[Claim]:
    """NAME (PARTY): "Janne Johnsen (Conservative Party)" states party membership."""
    from .roles import is_party

    doc, out = ctx.doc, []
    for ps, pe, person in ctx.persons:
        if pe + 2 < len(doc) and doc[pe].text == "(":
            close = next((k for k in range(pe + 1, min(len(doc), pe + 8)) if doc[k].text == ")"), None)
            if close is None or close == pe + 1:
                continue
            span = doc[pe + 1 : close]
            if not is_party(span.text, doc[pe + 1].ent_type_) or not _is_cap_word(doc[pe + 1]):
                continue
            fake = RoleMatch(pe + 1, close, pe + 1, close, "member", "party", text=span.text, org_name=span.text,
                             org_start=pe + 1, org_end=close, org_label="rule:party")
            claim = _new_claim(ctx, fake, person, "apposition")
            out.append(claim)
    return out


#: US news marks a member of Congress with party and state: "(R-Ohio)", ", D-Calif.,", "(D)".
_US_PARTY_TAG = re.compile(r"^(?P<p>[RD])(?:\s*[-–]\s*[A-Z][A-Za-z.]*(?:\s[A-Z][A-Za-z.]*)?)?$")
_US_PARTIES = {"R": "Republican Party", "D": "Democratic Party"}
#: Seat holders whose parenthesis or "for the X Party" names their party ("politician (Moderate Party)").
SEAT_PREPOSITIONS = {"for", "from", "representing", "belonging", "affiliated"}
SEAT_NOUNS = {"politician", "member", "lawmaker", "legislator", "senator", "deputy", "mp", "councillor", "councilor",
              "mayor", "representative", "congressman", "congresswoman", "mep"}


def _party_possessive(ctx: _SentCtx) -> list[Claim]:
    """ "Labour's Jane Roe", "the Liberal Party's John Doe": a party's possessive right before
    a name states the person's membership."""
    from .roles import is_party

    doc, out = ctx.doc, []
    for ps, pe, person in ctx.persons:
        if ps < 2 or doc[ps - 1].lower_ not in ("'s", "’s", "'"):
            continue
        ent = next((e for e in doc.ents if e.end == ps - 1 and e.label_ in ("ORG", "NORP")), None)
        start = ent.start if ent is not None else ps - 2
        if ent is None and not _is_cap_word(doc[ps - 2]):
            continue
        while ent is None and start > 0 and _is_cap_word(doc[start - 1]) and doc[start - 1].lower_ not in NOT_NAME_WORDS:
            start -= 1  # "the Liberal Party's": the whole capitalised name
        o_start, name = _clean_org(doc, start, ps - 1)
        if not name or not is_party(name, ent.label_ if ent is not None else ""):
            continue
        fake = RoleMatch(start, pe, ps, pe, "member", "party", text=doc[start:pe].text, org_name=name,
                         org_start=o_start, org_end=ps - 1, org_label="rule:party_possessive")
        out.append(_new_claim(ctx, fake, person, "apposition"))
    return out


#: Nouns naming a head's time in office: "the presidency of X", "during the reign of X",
#: "Bell's premiership". Not "the Obama administration" or "Putin's government": news names
#: foreign leaders' governments in stories about other countries all the time.
TERM_NOUNS = {"presidency": ("president", "head_of_state"), "premiership": ("prime minister", "head_of_government"),
              "reign": ("monarch", "head_of_state")}


def _term_of_office(ctx: _SentCtx) -> list[Claim]:
    """ "during the presidency of Harry Truman", "under Tom Bell's premiership", "the reign of
    Olaf III": the person held the country's top post (the country comes from the document,
    see ``_document_country``; without one country the claim is dropped)."""
    doc, out = ctx.doc, []
    for k, w in enumerate(ctx.lowers):
        term = TERM_NOUNS.get(w)
        if term is None:
            continue
        tok = doc[k]
        p = None
        if k + 1 < len(doc) and doc[k + 1].lower_ == "of" and k > 0 and doc[k - 1].lower_ == "the":
            p = _person_at(ctx, skip_honorific(doc, k + 2))
        elif k > 1 and doc[k - 1].lower_ in ("'s", "’s"):
            p = _person_ending(ctx, k - 1)
        if p is None:
            continue
        fake = RoleMatch(k, k + 1, k, k + 1, term[0], term[1], text=tok.text)
        claim = _new_claim(ctx, fake, p[2], "term_of_office")
        out.append(claim)
    return out


def _us_party_tags(ctx: _SentCtx) -> list[Claim]:
    """ "Sen. Jane Roe (R-Ohio)", "Rep. John Doe, D-Calif., said": the party letter after a
    name (with an optional state) is Republican or Democratic membership."""
    doc, out = ctx.doc, []
    for ps, pe, person in ctx.persons:
        if pe + 2 >= len(doc) or doc[pe].text not in ("(", ","):
            continue
        close = next((k for k in range(pe + 1, min(len(doc), pe + 7)) if doc[k].text in (")", ",")), None)
        if close is None or (doc[pe].text == "(") != (doc[close].text == ")"):
            continue
        tag = _US_PARTY_TAG.match(doc[pe + 1 : close].text)
        if tag is None:
            continue
        party = _US_PARTIES[tag.group("p")]
        fake = RoleMatch(pe + 1, close, pe + 1, pe + 2, "member", "party", text=doc[pe + 1 : close].text, org_name=party,
                         org_start=pe + 1, org_end=pe + 2, org_label="rule:us_party_tag")
        out.append(_new_claim(ctx, fake, person, "apposition"))
    return out


def _seat_party(ctx: _SentCtx, mentions, quoted) -> list[Claim]:
    """ "X is a Swedish politician (Moderate Party)", "a member of the Legislative Assembly for
    the Liberal Party": a party in a parenthesis right after a seat noun, or after "for (the)"
    following a seat phrase, belongs to the seat holder (the subject of the clause)."""
    from .roles import is_party

    doc, out = ctx.doc, []
    for k, w in enumerate(ctx.lowers):
        if w not in SEAT_NOUNS or k + 2 >= len(doc):
            continue
        tok = doc[k]
        if doc[k + 1].text == "(":
            close = next((x for x in range(k + 2, min(len(doc), k + 9)) if doc[x].text == ")"), None)
            span = (k + 2, close, doc[k + 2].ent_type_) if close else None
        else:
            f = next((x for x in range(k + 1, min(len(doc), k + 9)) if doc[x].lower_ in SEAT_PREPOSITIONS
                      and doc[x - 1].lower_ not in ("elected", "ran", "running", "standing", "stood")), None)
            if f is None or any((t.pos_ in ("VERB", "AUX") and t.lower_ not in SEAT_PREPOSITIONS) or t.text in (",", ";")
                                for t in doc[k + 1 : f]):
                continue
            f += doc[f].lower_ in ("belonging", "affiliated") and f + 1 < len(doc) and doc[f + 1].lower_ in ("to", "with")
            span = _org_name_span(doc, f + 1 + (f + 2 < len(doc) and doc[f + 1].lower_ == "the"))
        if span is None or not _is_cap_word(doc[span[0]]) or span[1] < len(doc) and doc[span[1]].text.islower() \
                and doc[span[1]].pos_ in ("NOUN", "PROPN"):
            continue  # "for the Liberal Party congress": the party only names the event
        start, name = _clean_org(doc, span[0], span[1])
        if not name or not is_party(name, span[2]):
            continue
        subject = _subject_left(ctx, k, mentions, quoted)
        if subject is None or any(t.lower_ in IRREALIS for t in doc[subject[0][1] : k]):
            continue
        fake = RoleMatch(k, span[1], k, k + 1, "member", "party", text=doc[k : span[1]].text, org_name=name,
                         org_start=start, org_end=span[1], org_label="rule:seat_party")
        out.append(_new_claim(ctx, fake, subject[0][2], "copula"))
    return out


_LEGISLATURE = re.compile(r"(?i)^(?:(?:the\s+)?(?:U\.?S\.?|United States|American)\s+)?(?:Congress|Union)$")


def _party_of(ctx: _SentCtx) -> list[Claim]:
    """NAME of the PARTY: "Jane Roe of the Labour Party", "John Doe of the Social Democrats"."""
    from .roles import is_party

    doc, out = ctx.doc, []
    for ps, pe, person in ctx.persons:
        if pe + 1 >= len(doc) or doc[pe].lower_ != "of":
            continue
        j = pe + 1 + (doc[pe + 1].lower_ == "the")
        span = _org_name_span(doc, j)
        if span is None or _person_at(ctx, span[0]):
            continue
        start, name = _clean_org(doc, span[0], span[1])
        if _LEGISLATURE.match(name):
            continue
        if is_party(name, span[2]):
            role, category = "member", "party"
        elif _affiliation(ctx, span, name):
            role, category = "employee", "employee"
        else:
            continue
        for _, _, who in [(ps, pe, person)] + _conjoined_persons_before(ctx, ps):
            fake = RoleMatch(pe, span[1], pe, pe + 1, role, category, text=doc[pe:span[1]].text, org_name=name,
                             org_start=start, org_end=span[1], org_label=span[2])
            out.append(_new_claim(ctx, fake, who, "apposition"))
    return out


def _affiliation(ctx: _SentCtx, span: tuple[int, int, str], name: str) -> bool:
    """ "Jane Roe of Acme Corp said", "measured by A and B of the Omega Foundation": a person
    "of" an organisation NER names works there. Not places ("Catherine of Aragon"), not teams
    in sports news ("Messi of Inter Miami"), not an organisation that only modifies a noun."""
    doc = ctx.doc
    if span[2] != "ORG" or _NOT_EMPLOYER.search(name) or any(t.lower_ in _SPORT_CUES for t in doc):
        return False
    return not (span[1] < len(doc) and doc[span[1]].pos_ == "NOUN" and doc[span[1]].text.islower())


def _conjoined_persons_before(ctx: _SentCtx, ps: int) -> list[tuple[int, int, Mention]]:
    """ "Damien Roe and Rita Fica of the X Foundation": the persons joined to the one before
    "of" by "and" / "," (names only, nothing else between)."""
    out, k = [], ps
    while k >= 2 and ctx.doc[k - 1].lower_ in ("and", ","):
        p = _person_ending(ctx, k - 1)
        if p is None:
            break
        out.append(p)
        k = p[0]
    return out


def _is_cap_word(tok) -> bool:
    return tok.text[:1].isupper()


def _org_from_verb(doc, m: RoleMatch, lo: int, hi: int) -> None:
    """ "X, who led the Red Cross as president": the org is the object of the verb before "as"."""
    for i in range(lo, hi):
        if doc[i].lower_ in VERB_ROLES or doc[i].lower_ in ("joined", "joins", "at"):
            j = i + 1 + (i + 1 < hi and doc[i + 1].lower_ == "the")
            span = _org_name_span(doc, j)
            if span is not None and span[1] <= hi and not doc[span[0]].ent_type_ in ("PERSON", "DATE"):
                start, name = _clean_org(doc, span[0], span[1])
                m.org_name, m.org_start, m.org_end, m.org_label = name, start, span[1], span[2]
                return


def _predecessor(ctx: _SentCtx, m: RoleMatch, k: int, earlier: list[Claim]) -> None:
    """ "X succeeded Y as ROLE": Y held ROLE before (former)."""
    for ps, pe, person in ctx.persons:
        if pe <= k and ps > 0 and ctx.doc[ps - 1].lower_ in SUCCESSION:
            claim = _new_claim(ctx, m, person, "succession")
            claim.status, claim.status_strength = "former", 2
            earlier.append(claim)


def _subject_left(ctx: _SentCtx, k: int, mentions, quoted):
    """Nearest person (or he/she) left of token k; "succeeded Y" skips Y to the subject."""
    doc = ctx.doc
    cands = [p for p in ctx.persons if p[1] <= k]
    if not cands and not doc.has_annotation("ENT_IOB"):
        span = _rule_name_left(doc, k)
        if span is not None:
            cands = [_add_rule_person(ctx, span, "subject", mentions)]
    pron = [i for i in range(k) if doc[i].lower_ in PRONOUN_WORDS and doc[i].lower_ not in ("her",)]
    best = cands[-1] if cands else None
    if pron and (best is None or pron[-1] >= best[1]):
        i = pron[-1]
        ante = _resolve_pronoun(ctx, i, mentions, quoted)
        if ante is None:
            return None
        pm = Mention(doc[i].text, "person", ctx.sent.start + doc[i].idx, ctx.sent.start + doc[i].idx + len(doc[i].text),
                     ctx.sent.index, label="pronoun")
        pm.text = ante.text  # resolved below through the name map; span keeps the pronoun offsets
        return (i, i + 1, pm), "copula"
    if best is None:
        return None
    if best[0] > 0 and doc[best[0] - 1].lower_ in SUCCESSION:
        earlier = [p for p in cands if p[1] <= best[0] - 1]
        if earlier:
            return earlier[-1], "succession"
        return None
    if best[0] > 0 and doc[best[0] - 1].lower_ in ("'s", "’s"):
        return None
    return best, "copula"


def _resolve_pronoun(ctx: _SentCtx, i: int, mentions, quoted) -> Optional[Mention]:
    """The person the he/she at token i refers to, with the document's discourse state."""
    d = ctx.disc
    return antecedent(ctx.sent.start + ctx.doc[i].idx, ctx.sent.index, [m for m in mentions if m.type == "person"],
                      quoted, pronoun=ctx.doc[i].lower_, subjects=d.subjects, genders=d.genders, modifiers=d.modifiers)


#: Honorifics that state a gender ("Mrs Roe" is a woman): they rule out "he" for her.
HONORIFIC_GENDER = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f", "sir": "m", "dame": "f", "lord": "m", "lady": "f",
                    "king": "m", "queen": "f", "prince": "m", "princess": "f"}
_PRONOUN_GENDER = {"he": "m", "she": "f"}


# ------------------------------------------------------------------------------------------
# names NER typed as organisations or missed, shown to be persons by a role context
# ------------------------------------------------------------------------------------------

#: Words after a name that only a person does as the subject: "took over as", "succeeded Y".
_PERSON_VERBS = {"took", "takes", "served", "serves"} | {"succeeded", "succeeds", "replaced", "replaces"}
_BETWEEN_NAME_AND_ROLE = {",", "a", "an", "the", "has", "have", "had", "been", "is", "was", "became", "becomes",
                          "remains", "remained", "as", "also", "now", "currently", "previously", "formerly", "once",
                          "then", "still", "appointed", "named", "elected", "re", "-", "reelected", "sworn", "in"}


def _name_like(doc, i: int, j: int) -> bool:
    """Two or three capitalised words (particles allowed) that could be a personal name:
    no organisation head word ("Bank", "Group"), no country, demonym or role word."""
    lex = lexicon()
    if not 2 <= j - i <= 4:
        return False
    words = [t for t in doc[i:j] if t.lower_ not in NAME_PARTICLES]
    if len(words) < 2 or len(words) > 3:
        return False
    for t in words:
        if not (t.is_alpha and t.text[:1].isupper() and not t.is_upper) or t.lower_ in ORG_HEAD_WORDS \
                or t.text in lex.countries or t.text in lex.demonyms or t.lower_ in lex.role_words \
                or t.lower_ in NOT_NAME_WORDS:
            return False
    return not doc[i].lower_ in NAME_PARTICLES


def _name_candidates(ctx: _SentCtx) -> list[tuple[int, int]]:
    """Spans NER typed ORG that look like names, and untagged name-like runs at the start of
    the sentence or of a clause after a comma (the small model misses many non-English names)."""
    doc, out = ctx.doc, []
    taken = {k for p in ctx.persons for k in range(p[0], p[1])}
    for ent in doc.ents:
        start = ent.start
        if start > 0 and not doc[start - 1].ent_type_ and _name_token(doc[start - 1]) and start - 1 not in taken:
            start -= 1  # "Ana [Costa]ORG": the untagged first name belongs to it
        if ent.label_ == "ORG" and not taken & set(range(start, ent.end)) and _name_like(doc, start, ent.end):
            out.append((start, ent.end))
    for i in range(len(doc)):
        if (i == 0 or doc[i - 1].text == ",") and not doc[i].ent_type_ and i not in taken:
            j = i
            while j < len(doc) and j - i < 3 and not doc[j].ent_type_ and doc[j].text[:1].isupper():
                j += 1
            if _name_like(doc, i, j):
                out.append((i, j))
    return out


def _person_context(ctx: _SentCtx, i: int, j: int, roles: list[RoleMatch]) -> bool:
    """The words around a name-like span show a person: a title before it ("Chancellor X"),
    ", who", a role phrase as its apposition or predicate ("X, chairwoman of …", "X is the
    mayor …", "X was appointed …"), or a verb only people do ("took over as", "succeeded")."""
    doc, lex = ctx.doc, lexicon()
    nxt = doc[j].lower_ if j < len(doc) else ""
    after = doc[j + 1].lower_ if j + 1 < len(doc) else ""
    if i > 0 and doc[i - 1].text[:1].isupper() and doc[i - 1].lower_ in lex.role_words and doc[i].ent_type_ == "ORG":
        return True  # "Chancellor [Olaf Scholz]ORG"
    if nxt == "," and after == "who":
        return True
    if nxt in ("took", "takes") and (after == "office" or after == "over" and j + 2 < len(doc) and doc[j + 2].lower_ == "as"):
        return True  # "took over as": a company "took over" a rival
    if nxt in ("served", "serves") and after == "as":
        return True
    if nxt in SUCCESSION and j + 1 < len(doc) and doc[j + 1].text[:1].isupper():
        return True
    for m in roles:
        if j < m.start <= j + 6 and (m.org_name or m.extras.get("nationality")
                                     or m.category not in ("employee", "media", "party", "official")):
            between = doc[j:m.start]
            if all(t.lower_ in _BETWEEN_NAME_AND_ROLE or t.pos_ == "ADJ" or t.ent_type_ == "NORP" for t in between):
                return nxt == "," or nxt in LINK_WORDS or nxt in ("has", "had", "have")
    return False


def _rescue_names(ctx: _SentCtx, mentions: list[Mention]) -> None:
    """Make the name-like spans a role context shows to be people persons of this sentence;
    an organisation mention NER made of one is dropped."""
    cands = _name_candidates(ctx)
    if not cands:
        return
    roles = find_roles(ctx.doc, ctx.lowers)
    for i, j in cands:
        if _person_context(ctx, i, j, roles):
            _regnal_person(ctx, (i, j), mentions, "name_in_role_context")


def _note_names(ctx: _SentCtx) -> None:
    """Record genders stated by honorifics and names used as noun modifiers ("the Tom Hall
    administration", "a Jane Roe song"): such a name is no sentence's subject."""
    doc, d = ctx.doc, ctx.disc
    for ps, pe, m in ctx.persons:
        k = ps - 1 - (ps > 1 and doc[ps - 1].text == ".")
        if k >= 0 and doc[k].lower_.rstrip(".") in HONORIFIC_GENDER:
            d.genders.setdefault(m.text, HONORIFIC_GENDER[doc[k].lower_.rstrip(".")])
        if ps > 0 and doc[ps - 1].lower_ in ("the", "a", "an") and pe < len(doc) and doc[pe].pos_ == "NOUN" \
                and doc[pe].text.islower():
            d.modifiers.add(id(m))


def _note_pronoun_subject(ctx: _SentCtx, mentions, quoted) -> None:
    """A sentence whose subject is he/she (no name before it) passes its referent to later
    pronouns, and the pronoun tells that person's gender."""
    doc = ctx.doc
    first_person = ctx.persons[0][0] if ctx.persons else len(doc)
    i = next((k for k in range(min(first_person, len(doc))) if doc[k].lower_ in _PRONOUN_GENDER), None)
    if i is None or in_ranges(ctx.sent.start + doc[i].idx, quoted):
        return
    ante = _resolve_pronoun(ctx, i, mentions, quoted)
    if ante is None:
        return
    ctx.disc.subjects[ctx.sent.index] = ante
    ctx.disc.genders.setdefault(ante.text, _PRONOUN_GENDER[doc[i].lower_])


def _rule_name_left(doc, k: int) -> Optional[tuple[int, int]]:
    """Without NER: the nearest run of 2+ capitalised name words left of token k."""
    j = k
    while j > 0:
        span = name_backward(doc, j)
        if span is not None and span[1] - span[0] >= 2 and (
            span[0] == 0 or doc[span[0] - 1].lower_ in (",", "(", "and", '"', "“", "that")
        ):
            return span  # subject position, not an object ("led the Red Cross")
        j -= 1
    return None


def _tense_status(claim: Claim, between: list[str], doc, ps: int) -> None:
    """Status from the verb group between subject and role (unless a modifier decided)."""
    if set(between) & EXIT_WORDS and between and between[-1] == "as":
        claim.status, claim.status_strength, claim.exit_event = "former", 2, True  # "stepped down as ROLE"
        return
    if claim.status_strength >= 2:
        return
    words = set(between) | {doc[ps - 1].lower_} if ps > 0 else set(between)
    if words & FORMER_ADVERBS:
        claim.status, claim.status_strength = "former", 2
    elif words & PRESENT_WORDS:
        claim.status, claim.status_strength = "current", 1
    elif words & EVENT_WORDS:
        claim.status, claim.status_strength = "unknown", 0
    elif words & PAST_WORDS:
        claim.status, claim.status_strength = "former", 1
    if any(w.startswith("longest") or w.startswith("youngest") or w.startswith("oldest") for w in between):
        claim.status, claim.status_strength = "unknown", 0


def _conjunction(ctx: _SentCtx, m: RoleMatch, earlier: list[Claim], mentions=None, quoted=()) -> Optional[Claim]:
    """"… served as A from 2010 to 2024 and B from 2006 to 2023": B shares A's holder."""
    doc = ctx.doc
    k = m.start - 1
    while k >= 0 and doc[k].lower_ in ("the", "a", "an", "as"):
        k -= 1
    if k < 0 or doc[k].lower_ not in ("and", ",", "then", "later"):
        return None
    if m.end < len(doc) and doc[m.end].lower_ in ("is", "was", "are", "were", "said", "has"):
        return None  # "… and the deputy mayor is Y": a new clause with its own subject
    prev = [c for c in earlier if c.sentence == ctx.sent.index and c.rule in ("copula", "conjunction", "succession")
            and c.role_span.end <= ctx.sent.start + doc[k].idx]
    if not prev:
        return _conjoined_predicate(ctx, m, k, mentions, quoted)
    last = prev[-1]
    last_end = max(last.role_span.end, last.org_span.end if last.org_span is not None else 0)  # after "of the … Academy"
    gap = ctx.sent.text[last_end - ctx.sent.start : doc[k].idx]
    if len(gap) > 60 or any(ch in gap for ch in ";:\"“”"):
        return None
    claim = _new_claim(ctx, m, last.mention, "conjunction")
    if claim.status_strength < last.status_strength:
        claim.status, claim.status_strength = last.status, last.status_strength
    return claim


def _conjoined_predicate(ctx: _SentCtx, m: RoleMatch, k: int, mentions, quoted) -> Optional[Claim]:
    """ "She is a fellow at X and a professor at Y": the second predicate noun shares the first
    one's copula and subject even when the first is no role kb knows. The copula must be in
    the same clause (no other verb, semicolon or quote between it and the "and")."""
    doc = ctx.doc
    if doc[k].lower_ != "and":
        return None
    j = k - 1
    while j >= 0 and doc[j].lower_ not in LINK_WORDS:
        if doc[j].text in BLOCKERS or doc[j].lower_ in ("who", "which", "that", "and", ",", "(") or doc[j].ent_type_ == "PERSON" or \
                (doc[j].pos_ in ("VERB", "AUX") and doc[j].lower_ not in LINK_WORDS):
            return None
        j -= 1
    if j < 1 or k - j > 20:
        return None
    found = _subject_left(ctx, j, mentions, quoted)
    if found is None or found[1] != "copula":
        return None
    subject = found[0]
    if not all(t.lower_ in ("currently", "also", "now", "still", "previously", "formerly") for t in doc[subject[1]:j]):
        return None  # the subject must come right before its copula
    claim = _new_claim(ctx, m, subject[2], "conjunction")
    _tense_status(claim, [t.lower_ for t in doc[subject[1]:j + 1]], doc, subject[0])
    return claim


def _is_description(doc, m: RoleMatch) -> bool:
    """ "the ROLE" used as a subject ("The NATO chief added", "the lawmaker told")."""
    if m.start == 0 or doc[m.start - 1].lower_ != "the":
        return False
    if m.end >= len(doc) or doc[m.end].lower_ not in SPEECH_VERBS:
        return False
    if doc[m.end].lower_ in ("is", "was", "has", "had"):
        return m.end + 1 >= len(doc) or not doc[m.end + 1].text[:1].isupper()  # not "the mayor is Jane Roe"
    return True


def _verb_roles(ctx: _SentCtx, mentions, quoted) -> list[Claim]:
    """SUBJ heads/led/chairs/founded ORG; SUBJ works for ORG (named organisations only)."""
    doc, out = ctx.doc, []
    for i, w in enumerate(ctx.lowers):
        if w not in ROLE_VERBS_GATE:
            continue
        tok = doc[i]
        if w in VERB_ROLES and tok.pos_ not in ("NOUN", "PROPN", "ADJ"):
            j, role = i + 1, VERB_ROLES[w]
        elif w in WORK_VERBS and i + 1 < len(doc) and doc[i + 1].lower_ in ("for", "at"):
            j, role = i + 2, "employee"
        elif w in TEACH_VERBS and i + 1 < len(doc) and doc[i + 1].lower_ == "at":
            j, role = i + 2, "lecturer"
        elif w in JOIN_VERBS and tok.pos_ not in ("NOUN", "PROPN", "ADJ"):
            j, role = _join_object(doc, i)
        elif w in HIRE_VERBS and i > 0 and doc[i - 1].lower_ in ("was", "were", "been", "is", "be") \
                and i + 1 < len(doc) and doc[i + 1].lower_ == "by":
            j, role = i + 2, "employee"
        elif w in WRITE_VERBS and i + 1 < len(doc) and doc[i + 1].lower_ == "for":
            j, role = i + 2, "writer"
        else:
            continue
        if j < len(doc) and doc[j].lower_ == "the":
            j += 1
        span = _org_name_span(doc, j)
        if span is None or doc[span[0]].ent_type_ in ("PERSON", "DATE", "CARDINAL", "NORP") or _person_at(ctx, span[0]):
            continue
        if span[1] < len(doc) and doc[span[1]].pos_ == "NOUN" and doc[span[1]].text.islower() \
                and doc[span[1]].lower_ not in ORG_KIND_NOUNS:
            continue  # "led NATO troops", "joined EU talks": the name only modifies the object
        subject = _subject_left(ctx, i, mentions, quoted) or _fronted_subject(ctx, span[1])
        if subject is None:
            continue
        (ps, pe, person), _ = subject
        between = [t.lower_ for t in doc[min(pe, i):i]]
        if any(x in IRREALIS for x in between):
            continue
        start, name = _clean_org(doc, span[0], span[1])
        category = "executive"
        if role in ("employee", "writer") and (span[2] not in ("ORG", "rule:cap") or _NOT_EMPLOYER.search(name)):
            continue  # "hired by Texas", "writes for the club": an employer is a named organisation
        if role in ("joined", "party_only"):
            role, category = _joined_role(doc, span, name, party_only=role == "party_only")
            if role is None:
                continue
        for start, end, label, name in [(start, span[1], span[2], name)] + _conjoined_orgs(ctx, span[1]):
            fake = RoleMatch(i, end, i, i + 1, role, category, text=doc[i:end].text, org_name=name,
                             org_start=start, org_end=end, org_label=label)
            claim = _new_claim(ctx, fake, person, "verb_role")
            _tense_status(claim, between + [w], doc, ps)
            if w in HIRE_VERBS:  # "was hired by X in 2012": an event that starts the employment
                claim.status, claim.status_strength, claim.dated_event = "unknown", 0, True
            if ps > span[1] and doc[0].lower_ in ("after", "before", "having"):
                claim.status, claim.status_strength = ("former", 1) if doc[0].lower_ in ("after", "having") else ("unknown", 0)
            out.append(claim)
    return out


#: Lower-case nouns after a name that say what kind of organisation it is ("the Brothers of
#: Italy party", "the Wagner group"): the name is still the object, not a modifier.
ORG_KIND_NOUNS = {"party", "movement", "group", "alliance", "coalition", "company", "union", "bank", "firm",
                  "foundation", "institute", "agency", "militia", "faction", "bloc"}


def _conjoined_orgs(ctx: _SentCtx, end: int) -> list[tuple[int, int, str, str]]:
    """ "taught at Acme University and the Oslo Art School": further organisations joined to a
    verb's object by "and" / ",". Only names NER calls organisations count, and the list stops
    at a clause ("and Jane Roe said", "and Acme hired …")."""
    doc, out = ctx.doc, []
    while end + 1 < len(doc) and doc[end].lower_ in ("and", ","):
        j = end + 1 + (doc[end].text == "," and end + 1 < len(doc) and doc[end + 1].lower_ == "and")
        j += j < len(doc) and doc[j].lower_ == "the"
        span = _org_name_span(doc, j)
        if span is None or span[2] not in ("ORG", "rule:cap") or _person_at(ctx, span[0]):
            break
        if span[2] == "rule:cap" and not (span[1] < len(doc) and doc[span[1]].lower_ in (",", "and")):
            break  # an untagged name counts only inside the list ("Siemens, Philips and Unilever")
        if span[1] < len(doc) and (doc[span[1]].pos_ in ("VERB", "AUX") or doc[span[1]].pos_ == "NOUN" and doc[span[1]].text.islower()):
            break
        start, name = _clean_org(doc, span[0], span[1])
        out.append((start, span[1], span[2], name))
        end = span[1]
    return out


#: "ORG, led by NAME": the participle names the post the person holds at the organisation.
PASSIVE_ROLES = {"led": ("leader", "party"), "headed": ("head", "org_head"), "chaired": ("chair", "chair"),
                 "founded": ("founder", "executive"), "co-founded": ("co-founder", "executive"),
                 "run": ("head", "org_head"), "directed": ("director", "executive")}


def _led_by(ctx: _SentCtx) -> list[Claim]:
    """ "the Freedom Party, led by Jane Roe, …", "Acme (founded by John Doe)": a participle with
    "by" after an organisation's name gives its holder. Only organisations NER or the party
    lexicon names ("the attack, led by …" is no organisation)."""
    from .roles import is_party

    doc, out = ctx.doc, []
    for i in range(2, len(doc) - 2):
        role = PASSIVE_ROLES.get(doc[i].lower_)
        passive = doc[i - 1].lower_ in ("is", "was", "are", "were", "been") and doc[i - 1].pos_ == "AUX"
        if role is None or doc[i + 1].lower_ != "by" or not (doc[i - 1].text in (",", "(") or passive):
            continue
        p = _person_at(ctx, skip_honorific(doc, i + 2))
        end = i - 1
        while passive and end > 1 and doc[end - 1].lower_ in ("is", "was", "are", "were", "been", "has", "have", "had"):
            end -= 1  # "the Louvre has been directed by X": the organisation ends before the auxiliaries
        ent = next((e for e in doc.ents if e.end == end), None)
        if p is None or ent is None or not (ent.label_ == "ORG" or is_party(ent.text, ent.label_)):
            continue
        start, name = _clean_org(doc, ent.start, ent.end)
        if not name:
            continue
        fake = RoleMatch(i, i + 1, i, i + 1, role[0], role[1], text=doc[i : i + 2].text, org_name=name,
                         org_start=start, org_end=ent.end, org_label=ent.label_)
        claim = _new_claim(ctx, fake, p[2], "verb_role")
        if passive:  # "X is chaired by", "X was led by": the tense of the auxiliaries
            _tense_status(claim, [t.lower_ for t in doc[end:i]], doc, 0)
        out.append(claim)
    return out


def _regnal_realm(ctx: _SentCtx, roles: list[RoleMatch], mentions: list[Mention]) -> list[Claim]:
    """ "built by Christian IV of Denmark", "Louis XIV of France": a name, a Roman numeral and
    "of" a country name a monarch of that country even without a title (a titled one,
    "King Olav V of Norway", is the title rule's). Only one given name before the numeral
    ("John Smith III of Texas" is no ruler) and only a country from the lexicon."""
    doc, out = ctx.doc, []
    taken = {i for m in roles for i in range(m.start, m.end)}
    lowers = ctx.lowers
    for i in range(len(doc) - 3):
        if lowers[i + 2] != "of":  # cheap exit: the span below must end before "of"
            continue
        span = regnal_name(doc, i)
        if span is None or span[1] - span[0] != 2 or i in taken or span[1] + 1 >= len(doc) or doc[span[1]].lower_ != "of":
            continue
        if i > 0 and (doc[i - 1].text[:1].isupper() and doc[i - 1].is_alpha or doc[i - 1].lower_ in REGNAL_TITLES):
            continue  # "King Christian IV", "Duke Francis II": a title or a longer name before
        j = span[1] + 1 + (doc[span[1] + 1].lower_ == "the")
        realm = _org_name_span(doc, j)
        country = country_of_place(doc[j : realm[1]].text) if realm else None
        if country is None:
            continue
        p = _person_at(ctx, i) or _regnal_person(ctx, span, mentions)
        fake = RoleMatch(i, realm[1], span[1], span[1] + 1, "monarch", "head_of_state", text=doc[i : realm[1]].text,
                         org_name=country, org_start=j, org_end=realm[1], org_label="rule:realm")
        out.append(_new_claim(ctx, fake, p[2], "title_before_name"))
    return out


#: "ascended the throne", "succeeded to the throne", "came to the Danish throne".
THRONE_VERBS = {"ascended", "ascends", "succeeded", "acceded", "came", "assumed", "inherited", "mounted", "took"}


def _throne(ctx: _SentCtx, mentions, quoted) -> list[Claim]:
    """ "X ascended the throne of Sweden in 1310", "X succeeded to the Danish throne": the
    subject became monarch of the realm named after "throne" or before it (a country or its
    demonym); the date is the start. Never for heirs or claimants ("heir to the throne")."""
    doc, out = ctx.doc, []
    for k, w in enumerate(ctx.lowers):
        if w != "throne":
            continue
        tok = doc[k]
        v = next((x for x in range(k - 1, max(-1, k - 5), -1) if doc[x].lower_ in THRONE_VERBS), None)
        if v is None or any(t.lower_ in ("heir", "claimant", "pretender") for t in doc[v:k]):
            continue
        realm = None
        if k + 2 < len(doc) and doc[k + 1].lower_ == "of":
            j = k + 2 + (doc[k + 2].lower_ == "the")
            sp = _org_name_span(doc, j)
            realm = (j, sp[1]) if sp else None
        elif doc[k - 1].text[:1].isupper():
            realm = (k - 1, k)
        country = country_of_place(doc[realm[0] : realm[1]].text) if realm else None
        if country is None and realm is not None:
            country = lexicon().countries.get(doc[realm[0] : realm[1]].text)  # "the Danish throne"
        if country is None:
            continue
        subject = _subject_left(ctx, v, mentions, quoted)
        if subject is None and regnal_name(doc, 0) is not None and regnal_name(doc, 0)[1] == v:
            subject = (_regnal_person(ctx, regnal_name(doc, 0), mentions), "copula")  # "Olaf III ascended …"
        if subject is None or any(t.lower_ in IRREALIS for t in doc[subject[0][1] : v]):
            continue
        fake = RoleMatch(v, max(k + 1, realm[1]), k, k + 1, "monarch", "head_of_state", text=doc[v : max(k + 1, realm[1])].text,
                         org_name=country, org_start=realm[0], org_end=realm[1], org_label="rule:throne")
        claim = _new_claim(ctx, fake, subject[0][2], "copula")
        claim.dated_event = True
        out.append(claim)
    return out


#: "was invited to join", "refused to join": the infinitive states no membership.
_NOT_JOINED_BEFORE = {"invited", "asked", "refused", "declined", "offered", "tried", "attempted", "failed", "hoped",
                      "wanted", "planned", "urged", "pressured", "encouraged"}


def _join_object(doc, i: int) -> tuple[int, str]:
    """ "joined the faculty/staff of ORG" -> the ORG after "of"; "defected/switched to the X
    Party" -> the party; "left X to join Y" -> Y; else the object of "joined"."""
    w = doc[i].lower_
    if w in ("defected", "switched"):
        if i + 1 >= len(doc) or doc[i + 1].lower_ != "to":
            return len(doc), "joined"
        return i + 2, "party_only"
    if w == "join" and (i < 2 or doc[i - 1].lower_ != "to" or doc[i - 2].lower_ in _NOT_JOINED_BEFORE):
        return len(doc), "joined"
    j = i + 1 + (i + 1 < len(doc) and doc[i + 1].lower_ == "the")
    if j + 1 < len(doc) and doc[j].lower_ in STAFF_NOUNS and doc[j + 1].lower_ in ("of", "at"):
        return j + 2, "lecturer" if doc[j].lower_ == "faculty" else "employee"
    return j, "joined"


def _joined_role(doc, span: tuple[int, int, str], name: str, party_only: bool = False) -> tuple[Optional[str], str]:
    """ "X joined the Labour Party" is membership; "X joined Acme Corp" employment (a named
    organisation only: NER ORG, not a place, a team of people or a war)."""
    from .roles import is_party

    if is_party(name, span[2]):
        return "member", "party"
    if span[2] == "ORG" and not party_only and not _NOT_EMPLOYER.search(name) and not _sports_team(doc, name):
        return "employee", "employee"
    return None, ""


#: Plural last words of company names ("Singapore Airlines", "General Motors"): no team.
_CORPORATE_PLURALS = {"airlines", "airways", "industries", "systems", "holdings", "motors", "technologies", "brothers",
                      "communications", "partners", "laboratories", "labs", "sciences", "pharmaceuticals", "resources",
                      "services", "solutions", "studios", "records", "networks", "times", "news", "nations", "works",
                      "enterprises", "investments", "securities", "markets", "materials", "products", "foods", "games"}
#: Words that make a sentence about sport: a team one joins there is no employer in the usual sense.
_SPORT_CUES = {"season", "seasons", "draft", "drafted", "traded", "agent", "playoffs", "quarterback", "pitcher", "striker",
               "goalkeeper", "midfielder", "defender", "forward", "player", "roster", "transfer", "loan", "signed", "league"}


def _sports_team(doc, name: str) -> bool:
    """ "joined the Chicago Bears as a free agent": a name ending in a plural (Bears, Vikings,
    Lakers) in a sentence about sport is a team; playing for one is team membership, which
    Wikidata keeps apart from employment."""
    last = name.split()[-1].lower() if name.split() else ""
    if len(name.split()) < 2 or not last.endswith("s") or last in _CORPORATE_PLURALS:
        return False
    return any(t.lower_ in _SPORT_CUES for t in doc)


def _fronted_subject(ctx: _SentCtx, j: int):
    """"After … working for Unilever, Rutte entered politics": the main-clause subject."""
    doc = ctx.doc
    if doc[0].lower_ not in ("after", "before", "having", "while"):
        return None
    comma = next((k for k in range(j, len(doc)) if doc[k].text == ","), None)
    if comma is None:
        return None
    p = _person_at(ctx, comma + 1)
    return (p, "verb_role") if p else None


# ------------------------------------------------------------------------------------------
# dates, births, descriptions
# ------------------------------------------------------------------------------------------


def _attach_dates(ctx: _SentCtx, claim: Claim, claims: list[Claim]) -> None:
    """The date phrase of the role's clause: after the role up to the next role, else before.
    A fronted apposition ("A Republican, he has served … since 2014") has no clause of its
    own: the main clause's dates belong to what the main clause says."""
    if not ctx.dates or claim.rule == "fronted_apposition":
        return
    nxt = min((c.role_span.start for c in claims if c.sentence == claim.sentence and c.role_span.start > claim.role_span.end),
              default=ctx.sent.end)
    tenure_kinds = ("since", "from_to", "between", "until", "point")
    after = [d for d in ctx.dates if d.kind in tenure_kinds and claim.role_span.end <= d.start_char < nxt]
    prev = max((c.role_span.end for c in claims if c.sentence == claim.sentence and c.role_span.end <= claim.role_span.start),
               default=ctx.sent.start)
    before = [d for d in ctx.dates if d.kind in tenure_kinds and prev <= d.start_char and d.end_char <= claim.role_span.start]
    if before and prev > ctx.sent.start and before[0].start_char - prev < 25 and not _comma_between(ctx, prev, before[0].start_char):
        before = before[1:]  # "who led NATO as secretary general from 2014 to 2024, is now …": the earlier role's date
    chosen = after[0] if after else (before[-1] if before else None)
    if chosen is None:
        return
    if chosen.kind == "point" and claim.exit_event:
        claim.end, claim.date_span = chosen.start, Span(chosen.start_char, chosen.end_char, chosen.text)
        return  # "resigned as finance minister in May 2023"
    if chosen.kind == "point" and not claim.dated_event and not (
        claim.rule in ("copula", "succession", "conjunction", "verb_role") and claim.status_strength == 0
    ):
        return  # "in 2014" only dates an event (became / was appointed)
    apply_date(claim, chosen)


def _comma_between(ctx: _SentCtx, a: int, b: int) -> bool:
    """A comma or semicolon between document offsets a and b of this sentence."""
    gap = ctx.sent.text[a - ctx.sent.start : b - ctx.sent.start]
    return "," in gap or ";" in gap


def apply_date(claim, mention) -> None:
    """Put a date mention on a claim: a point or "since" starts it, "until" ends it, an
    interval gives both; "since" also makes a claim without a stronger status cue current.
    Callers decide beforehand whether a point date dates the tenure at all."""
    if mention.kind == "point":
        claim.start = mention.start
    elif mention.kind == "until":
        claim.end = mention.end or mention.start
    else:
        claim.start, claim.end = mention.start, mention.end
    claim.date_span = Span(mention.start_char, mention.end_char, mention.text)
    if mention.kind == "since" and claim.status_strength < 2:
        claim.status, claim.status_strength = "current", 1


def _life_dates(ctx: _SentCtx, births: dict, deaths: dict, mentions: list[Mention]) -> None:
    """"X (born 14 February 1967)", "X (1920–1992)", "X (born Y on 3 June 1977 in Z)".

    The dates belong to the name right before the parenthesis; a name there that NER called an
    organisation is a person (organisations are not born), and without NER the capitalised
    words before the parenthesis are taken.
    """
    doc = ctx.doc
    for d in _paren_life_points(ctx):
        mention = _life_owner(ctx, d[0], mentions)
        if mention is not None:
            births.setdefault(id(mention), d[1].start)
            deaths.setdefault(id(mention), d[2].start)
    _paren_birth_years(ctx, births, mentions)
    for d in ctx.dates:
        paren = _open_paren_before(ctx, d.start_char)
        if paren is None:
            _born_after_comma(ctx, d, births, mentions)
            continue
        lead = ctx.sent.text[doc[paren].idx + 1 : max(doc[paren].idx + 1, d.start_char - ctx.sent.start)]
        born_word = paren + 1 < len(doc) and doc[paren + 1].lower_ in ("born", "b.", "née", "nee") \
            or bool(_BORN_NAME_RE.search(lead))  # "(Greek: …; born Nikolaos Aliagas on 13 May 1969)"
        kind = "lifespan" if _bare_life_range(ctx, d, paren) else d.kind
        if kind not in ("born", "died", "lifespan") and not (kind == "point" and born_word):
            continue
        mention = _life_owner(ctx, paren, mentions, single_ok=born_word or d.kind == "born")
        if mention is None:
            continue
        if kind in ("born", "lifespan", "point") and d.start is not None:
            births.setdefault(id(mention), d.start)
        if d.kind == "died" and (d.start or d.end) is not None:
            deaths.setdefault(id(mention), d.start or d.end)
        if kind == "lifespan" and d.end is not None:
            deaths.setdefault(id(mention), d.end)


_DASHES = ("–", "—", " - ", "-")
#: "born" opening a clause inside the parenthesis, with a birth name before the date.
_BORN_NAME_RE = re.compile(r"(?:^|;)\s*born\s+[^\W\d][^;()]*\s(?:on|in)?\s*$")
#: "(1944– )", "(born 1944 - )": a life still going on; "(c.1680 – 1764)", "(about 1780 – 1834)":
#: an approximate birth year the date module leaves out (an "about" number is no date there).
_OPEN_LIFE_RE = re.compile(r"\((?:\s*[;,])?\s*(?:born\s+)?(?P<y>1[0-9]\d\d|20[0-2]\d)\s*[–—-]\s*\)")
_APPROX_LIFE_RE = re.compile(r"\((?:\s*[;,])?\s*(?:c\.|ca\.|circa|about|around|approx\.|approximately)\s*"
                             r"(?P<y>1[0-9]\d\d|20[0-2]\d)\s*[–—-]\s*(?:[^()]{0,20}?)(?:1[0-9]\d\d|20[0-2]\d)\s*\)", re.I)


def _paren_birth_years(ctx: _SentCtx, births: dict, mentions: list[Mention]) -> None:
    """Birth years of the name before an open or approximate life range (see the patterns);
    "(5 June 1950 – )": a full date before an open dash is a birth date too."""
    rel: Optional[dict[int, int]] = None  # token index by character offset, made on first need
    for d in ctx.dates:
        if d.kind != "point" or d.start is None:
            continue
        after = ctx.sent.text[d.end_char - ctx.sent.start : d.end_char - ctx.sent.start + 6]
        paren = _open_paren_before(ctx, d.start_char)
        if paren is None or not re.match(r"\s*[–—-]\s*\)", after):
            continue
        inner = ctx.sent.text[ctx.doc[paren].idx + 1 : d.start_char - ctx.sent.start]
        mention = _life_owner(ctx, paren, mentions) if not inner.strip(" ;,") or inner.rstrip().endswith(";") else None
        if mention is not None:
            births.setdefault(id(mention), d.start)
    for rx in (_OPEN_LIFE_RE, _APPROX_LIFE_RE):
        for mt in rx.finditer(ctx.sent.text):
            if rel is None:
                rel = {t.idx: t.i for t in ctx.doc}
            paren = rel.get(mt.start())
            if paren is None:
                continue
            mention = _life_owner(ctx, paren, mentions)
            if mention is None:
                continue
            a, b = ctx.sent.start + mt.start("y"), ctx.sent.start + mt.end("y")
            births.setdefault(id(mention), DateValue(mt.group("y"), "year", mt.group(0), a, b))


def _paren_life_points(ctx: _SentCtx) -> list[tuple[int, object, object]]:
    """"(5 April 1815 in Paris – 21 March 1851, Paris)": two dates split by a dash, with places
    between, inside one parenthesis: birth and death. Returns (paren token, first, last)."""
    out = []
    by_paren: dict[int, list] = {}
    for d in ctx.dates:
        if d.kind == "point" and d.start is not None:
            paren = _open_paren_before(ctx, d.start_char)
            if paren is not None:
                by_paren.setdefault(paren, []).append(d)
    for paren, ds in by_paren.items():
        if len(ds) != 2:
            continue
        gap = ctx.sent.text[ds[0].end_char - ctx.sent.start : ds[1].start_char - ctx.sent.start]
        if any(x in gap for x in _DASHES) and ")" not in gap and ds[0].start.value < ds[1].start.value:
            out.append((paren, ds[0], ds[1]))
    return out


def _born_after_comma(ctx: _SentCtx, d, births: dict, mentions: list[Mention]) -> None:
    """"NAME, born 5 January 1938, is …" / "NAME (…); born …": the sentence's first name."""
    if d.start is None:
        return
    if d.kind == "point":  # "NAME, born in Malmo in 1950, is …": "born" and a place before the date
        lead = ctx.sent.text[: d.start_char - ctx.sent.start]
        born = re.search(r",\s*born\s+(?:in|at|near)\s+[^,;()]{1,40}?(?:\s(?:on|in))?\s*$", lead)
        if born is None:
            return
        lead = lead[: born.start() + 1]
    elif d.kind != "born":
        return
    else:
        lead = ctx.sent.text[: d.start_char - ctx.sent.start].rstrip()
    if not ctx.persons or ctx.persons[0][0] != 0:
        span = name_forward(ctx.doc, 0, max_len=6)
        if span is None or span[1] - span[0] < 2 or span[1] >= len(ctx.doc) or ctx.doc[span[1]].text != ",":
            return
        _add_rule_person(ctx, span, "born", mentions)
    first = ctx.persons[0]
    if first[0] == 0 and lead.endswith((",", ";")) and not any(p[0] > 0 and p[2].end <= d.start_char for p in ctx.persons[1:]):
        births.setdefault(id(first[2]), d.start)


def _bare_life_range(ctx: _SentCtx, d, paren: int) -> bool:
    """"Name (; 22 June 1940 – 4 July 2016)", "Name (c. 1680 – 1764)": a range of 15+ years
    alone in a parenthesis (an approximate start still gives the birth year)."""
    if d.kind != "from_to" or d.start is None or d.end is None:
        return False
    if int(d.end.value[:4]) - int(d.start.value[:4]) < 15:
        return False
    lead = ctx.sent.text[ctx.doc[paren].idx + 1 : d.start_char - ctx.sent.start]
    if lead.rstrip().endswith(";") and ")" not in lead and "(" not in lead:
        return True  # "(born Michael Lieb; 1844 – 1900)", "(Russian: Иван Петров; 1820 – 1888)"
    if lead.rstrip().endswith(",") and re.match(r"\s*(?:also|né|née|nee|born)\b", lead) and not re.search(r"\d|[()]", lead):
        return True  # "(also Jonas Eek, 1950 – 2010)": an alias, then the life range
    return lead.strip(" ;,").lower() in ("", "c.", "c", "ca.", "circa")  # "(c. 1680 – 1764)": an approximate birth year


def _open_paren_before(ctx: _SentCtx, char: int) -> Optional[int]:
    """Token index of the "(" that encloses document offset ``char`` (None if not inside one)."""
    doc, rel = ctx.doc, char - ctx.sent.start
    k = next((t.i for t in doc if t.idx >= rel), len(doc)) - 1
    while k >= 0:
        if ")" in doc[k].text:
            return None
        if doc[k].text.startswith("("):  # "(" or "(;" (tokenised together)
            return k
        k -= 1
    return None


_BETWEEN_OK = {",", "or", "also", "known", "as", "née", "nee", "(", ")", ";", "-"}


def _skip_to_name(doc, paren: int) -> int:
    """From an opening parenthesis go left over ", ", "( … )" asides and post-nominals ("OBE",
    "1st Baronet") to the token just after the name the parenthesis is about."""
    k, depth, steps, asides = paren, 0, 0, 0
    while k > 0 and steps < 25:
        tok = doc[k - 1]
        if ")" in tok.text:
            depth += 1
        elif tok.text.startswith("(") and depth:
            depth -= 1
        elif depth == 0 and not (tok.text in _BETWEEN_OK or tok.text.isupper() or tok.like_num
                                 or ordinal_value(tok.lower_) is not None or tok.lower_ in ("baronet", "kbe", "cbe", "mbe")):
            aside = _title_aside(doc, k) if asides < 2 else None
            if aside is None:
                break
            asides += 1
            steps += k - aside
            k = aside
            continue
        k -= 1
        steps += 1
    return k


#: Lower-case words inside a title aside ("Count of Lund", "comte de Martigny").
_ASIDE_CONNECTORS = {"of", "the", "de", "du", "des", "la", "le", "von", "van", "and", "d'", "di", "da", "y"}


def _title_aside(doc, k: int) -> Optional[int]:
    """ "NAME, Count of Lund (1678 – 1733)", "NAME, Commendatore OSSI, (born …)": a title or
    honour after a comma after the name; returns the index of the comma that opens it (the
    aside ends at token k - 1, before a comma or the parenthesis). No person's name inside."""
    if k >= len(doc):
        return None
    j = k - 1
    while j >= 0 and k - j <= 6 and doc[j].text != ",":
        t = doc[j]
        if t.ent_type_ in ("PERSON", "PER") or not (t.text[:1].isupper() or t.lower_ in _ASIDE_CONNECTORS or t.text == "."):
            return None
        j -= 1
    if j < 1 or doc[j].text != "," or j == k - 1 or not doc[j + 1].text[:1].isupper():
        return None
    if doc[k].text.startswith("(") and not any(t.lower_ in _ASIDE_CONNECTORS for t in doc[j + 1 : k]):
        return None  # right before the parenthesis only a title "of" a place, not any name
    return j


def _life_owner(ctx: _SentCtx, paren: int, mentions: list[Mention], single_ok: bool = False) -> Optional[Mention]:
    """The person named right before token ``paren`` (asides and post-nominals skipped); with
    ``single_ok`` (the parenthesis says "born") one sentence-initial word will do ("Ronaldo")."""
    end = _skip_to_name(ctx.doc, paren)
    for j in {paren, end}:
        p = _person_ending(ctx, j)
        if p is not None:
            return p[2]
    for j in {paren, end}:
        span = name_backward(ctx.doc, j, max_len=6)
        if span is not None and span[1] - span[0] >= 3 and any(t.text in ('"', "“") for t in ctx.doc[span[0]:span[1]]):
            return _add_rule_person(ctx, span, "lifespan", mentions)[2]  # Michael "Mike" Padden
    rel = ctx.doc[end - 1].idx + len(ctx.doc[end - 1].text) + ctx.sent.start if end > 0 else -99
    for m in mentions:
        if m.sentence == ctx.sent.index and m.type == "organization" and m.label == "ORG" and m.end == rel:
            m.type, m.label = "person", "rule:lifespan"
            ctx.persons = _token_spans(ctx, [x for x in mentions if x.sentence == ctx.sent.index and x.type == "person"])
            return m
    span = name_backward(ctx.doc, end)
    if span is not None and span[1] - span[0] >= 2:
        return _add_rule_person(ctx, span, "lifespan", mentions)[2]
    if single_ok and end == 1 and _name_token(ctx.doc[0]) and ctx.doc[0].ent_type_ in ("", "PERSON", "PER"):
        return _add_rule_person(ctx, (0, 1), "lifespan", mentions)[2]  # "Ronaldinho (born 21 March 1980) is …"
    return None


def _born_clause(ctx: _SentCtx, births: dict, mentions: list[Mention], quoted) -> None:
    """"X was born in Y on 26 January 1907" / "she was born on 5 June 1950 in Z" / "X, who was
    born in 1960, …" / "Born in 1950 in Oslo, X studied law": the subject's birth date. The date
    module reads "born on/in DATE" as one born-date phrase starting at "born"."""
    doc = ctx.doc
    for i, w in enumerate(ctx.lowers):
        if w != "born":
            continue
        tok = doc[i]
        fronted = i == 0
        reduced = not fronted and doc[i - 1].pos_ == "NOUN" and doc[i - 1].text.islower()  # "a painter born in 1950"
        if not fronted and not reduced and doc[i - 1].lower_ not in ("was", "were", "is", "been"):
            continue
        rel_end = doc[i].idx + ctx.sent.start
        date = next((d for d in ctx.dates if d.start is not None and (
            d.kind == "point" and d.start_char > rel_end or d.kind == "born" and d.start_char >= rel_end)
            and not any(t.text in (";",) or t.lower_ == "died" for t in doc if rel_end < t.idx + ctx.sent.start < d.start_char)), None)
        if date is None:
            continue
        if fronted:
            _fronted_born(ctx, date, births)
            continue
        subject = _subject_left(ctx, i - 1, mentions, quoted)
        if subject is None:
            continue
        (ps, pe, person), _ = subject
        if not (_predicate_noun(doc, pe, i) if reduced else _born_subject(doc, pe, i - 1)):
            continue
        if person.label == "pronoun":
            person = next((m for m in mentions if m.type == "person" and m.text == person.text), None)
            if person is None:
                continue
        births.setdefault(id(person), date.start)


def _predicate_noun(doc, pe: int, born: int) -> bool:
    """ "Jane Roe is a Swedish painter born in 1950": the noun before "born" is the subject's
    own predicate (a copula, then only determiners, adjectives and nouns), never a noun in a
    phrase of its own ("the son of a farmer born in 1920")."""
    words = doc[pe:born]
    if not words or words[0].lower_ not in ("is", "was", "are", "were"):
        return False
    return all(t.pos_ in ("DET", "ADJ", "NOUN", "PROPN", "ADV") or t.lower_ in ("-",) for t in words[1:])


def _born_subject(doc, pe: int, aux: int) -> bool:
    """The name or pronoun ending at ``pe`` is the subject of "was born" at ``aux``: only a
    comma aside, "who" and adverbs between ("Jane Roe, who was born …"), never "Jane Roe's son
    was born …" or "Jane Roe said her daughter was born …"."""
    depth = 0
    for t in doc[pe:aux]:
        if t.text == ",":
            depth = 1 - depth
        elif depth == 0 and not (t.lower_ in ("who", "also", "reportedly", "probably", "actually") or t.pos_ == "ADV"):
            return False
    return True


def _fronted_born(ctx: _SentCtx, date, births: dict) -> None:
    """ "Born in 1950 in Oslo, Jane Roe studied law": the name right after the participle
    clause's comma is the one born (no other person may come before it)."""
    doc = ctx.doc
    comma = next((t.i for t in doc if t.text == "," and t.idx + ctx.sent.start >= date.end_char), None)
    if comma is None:
        return
    p = _person_at(ctx, skip_honorific(doc, comma + 1))
    if p is not None and not any(q[0] < comma for q in ctx.persons):
        births.setdefault(id(p[2]), date.start)


def _window_start(index: int, starts: list[int], quoted) -> int:
    """First sentence a description may reach back to: the previous sentence, skipping
    sentences that open inside a quotation (a quote between a name and "the lawmaker said")."""
    k = index - 1
    while k > 0 and in_ranges(starts[k], quoted):
        k -= 1
    return max(k, 0)


#: Verbs of saying whose subject is the speaker, never the person a reported clause describes.
REPORTING_VERBS = {"said", "says", "told", "tells", "added", "stated", "noted", "warned", "argued", "wrote", "claimed",
                   "explained", "insisted", "announced", "confirmed", "reported", "revealed", "believes", "thinks",
                   "denied", "suggested", "alleged", "admitted"}


def _speakers_before(ctx: _SentCtx, k: int) -> set[int]:
    """Ids of persons of this sentence who are the subject of a reporting verb before token k:
    in "Paul Lind said the chief executive had resigned" the chief executive is not Paul Lind."""
    doc, out = ctx.doc, set()
    for ps, pe, person in ctx.persons:
        if pe < k and any(t.lower_ in REPORTING_VERBS for t in doc[pe:min(pe + 3, k)]):
            out.add(id(person))
    return out


def _office_event_at(doc, i: int) -> bool:
    """ "took office", "assumed office", "took up the post", "was sworn in" (not "… as ROLE",
    which the role rules read): taking up a post named elsewhere."""
    w = doc[i].lower_
    nxt = [t.lower_ for t in doc[i + 1 : i + 4]]
    if not nxt:
        return False
    if w in ("took", "takes", "assumed", "assumes") and nxt[0] == "office":
        return nxt[1:2] != ["as"]
    if w in ("took", "takes") and nxt[0] == "up" and any(x in ("post", "job", "role", "position") for x in nxt[1:3]):
        return True
    if w == "sworn" and nxt[0] == "in" and i > 0 and doc[i - 1].lower_ in ("was", "were", "been"):
        return nxt[1:2] != ["as"]
    return False


def _office_events(ctx: _SentCtx, mentions, quoted) -> list[tuple[Mention, object, int]]:
    """ "She took office in September 2019": the person and the date, to start the post the
    text names for that person nearby (see ``_date_office_events``)."""
    if ctx.sent.lang != "en" or not ctx.dates:
        return []
    doc, out = ctx.doc, []
    for i in range(1, len(doc) - 1):
        if not _office_event_at(doc, i) or in_ranges(ctx.sent.start + doc[i].idx, quoted):
            continue
        pos = ctx.sent.start + doc[i].idx
        date = next((d for d in ctx.dates if d.kind in ("point", "since") and d.start_char > pos and d.start is not None), None)
        subject = _subject_left(ctx, i, mentions, quoted)
        between = [t.lower_ for t in doc[subject[0][1]:i]] if subject else []
        if date is None or subject is None or set(between) & IRREALIS:
            continue
        out.append((subject[0][2], date, ctx.sent.index))
    return out


def _date_office_events(events, claims: list[Claim], names: dict[str, str]) -> None:
    """Give the start date of "X took office in …" to X's post stated in the same or one of the
    two sentences before, when that post has no start of its own (the latest such post)."""
    for mention, date, sent in events:
        person = mention.name or names.get(mention.text, mention.text)
        cands = [c for c in claims if c.person == person and sent - 2 <= c.sentence <= sent and c.start is None
                 and c.end is None and c.status != "former"]
        if not cands:
            continue
        target = max(cands, key=lambda c: (c.sentence, c.role_span.start))
        target.start = date.start
        target.date_span = Span(date.start_char, date.end_char, date.text)


def _descriptions(deferred, claims: list[Claim], mentions: list[Mention], quoted, sentences: list[Sentence]) -> list[Claim]:
    """Role descriptions that refer back: new claims, folded later into known posts."""
    holders: dict[tuple[str, Optional[str]], str] = {}
    out: list[Claim] = []
    persons = [m for m in mentions if m.type == "person"]
    for c in claims:
        holders.setdefault((c.role, c.org), c.person)
    starts = [s.start for s in sentences]
    for ctx, m in deferred:
        pos = ctx.sent.start + ctx.doc[m.start].idx
        speakers = _speakers_before(ctx, m.start)
        cands = [p for p in persons if id(p) not in speakers]
        name = description_holder(m.role, m.org_name, holders, pos, cands, quoted, _window_start(ctx.sent.index, starts, quoted))
        if name is None:
            continue
        if m.role in NEEDS_ORG_ALWAYS and not any(c.person == name and c.org == m.org_name for c in claims):
            continue
        pm = Mention(ctx.doc[m.start:m.end].text, "person", pos, pos + len(ctx.doc[m.start:m.end].text),
                     ctx.sent.index, name=name, label="description")
        claim = _new_claim(ctx, m, pm, "description")
        claim.person = name
        if claim.status == "unknown":
            claim.status, claim.status_strength = "current", 1
        out.append(claim)
    return out


# ------------------------------------------------------------------------------------------
# merging and status
# ------------------------------------------------------------------------------------------


def _anchor(published: Optional[str]) -> Optional[str]:
    return published[:10] if published else None


def _date_status(c: Claim, anchor: Optional[str]) -> None:
    """OpenSanctions: an end in the past ends a tenure, a future end keeps it current."""
    if c.end is None:
        return
    today = anchor or date.today().isoformat()
    if c.end.value < today[: len(c.end.value)] or anchor is None:
        c.status, c.status_strength = "former", 3
    else:
        c.status, c.status_strength = "current", 3


def _merge(claims: list[Claim], published: Optional[str], deaths: dict, mentions: list[Mention]) -> list[Tenure]:
    anchor = _anchor(published)
    for c in claims:
        _date_status(c, anchor)
    _superseded(claims, anchor)
    _fold_generic(claims)
    groups: dict[tuple[str, str, Optional[str]], list[Claim]] = {}
    for c in claims:
        groups.setdefault((c.person, c.role, c.org), []).append(c)
    _fold_open_org(groups)
    dead = {m.name for m in mentions if id(m) in deaths}
    return [_tenure(key, group, key[0] in dead) for key, group in groups.items() if group]


POLITICAL_CATEGORIES = {"minister", "head_of_government", "head_of_state", "legislator"}
LEADER_BODY_ROLES = {"cabinet member", "government member", "administration member"}


def _political(c: Claim) -> bool:
    return c.role in LEADER_BODY_ROLES or _role_categories().get(c.role) in POLITICAL_CATEGORIES


def _superseded(claims: list[Claim], anchor: Optional[str]) -> None:
    """ "X entered politics in 2002 as a member of Y's cabinet … became prime minister in 2010":
    an appointment stated as a past event (no tense cue, a start in the past) is over when the
    same person later took another political post elsewhere: politicians move on from office to
    office. Only for political posts (a new job at a company need not end an old one)."""
    today = anchor or date.today().isoformat()
    for c in claims:
        if c.status_strength or c.start is None or not c.start.value < today[: len(c.start.value)] or not _political(c):
            continue
        year = c.start.value[:4]
        if any(d.person == c.person and d.role != c.role and _political(d) and d.start is not None
               and d.start.value[:4] > year for d in claims):
            c.status, c.status_strength = "former", 1


#: A membership or a job is no head's post: "its leader" never folds into "member" of a party.
NOT_FOLD_TARGETS = {"member", "employee", "board member", "staffer", "partner", "founder", "co-founder"}


def _fold_generic(claims: list[Claim]) -> None:
    """"NATO chief" folds into the same person's specific post at NATO."""
    for c in claims:
        if c.role not in FOLDABLE or c.org is None:
            continue
        specific = [d for d in claims if d.person == c.person and d.org == c.org and d.role not in FOLDABLE
                    and d.role not in NOT_FOLD_TARGETS]
        roles = {d.role for d in specific}
        if len(roles) == 1:
            c.role = specific[0].role


def _fold_open_org(groups: dict) -> None:
    """A claim with no org joins the same person's same role at one known org."""
    for key in [k for k in groups if k[2] is None]:
        targets = [k for k in groups if k[0] == key[0] and k[1] == key[1] and k[2] is not None]
        if len(targets) == 1:
            groups[targets[0]].extend(groups[key])
            groups[key] = []


def _evidence_score(c: Claim) -> tuple:
    return (c.start is not None or c.end is not None, c.ordinal is not None, c.confidence, -c.sentence)


def _tenure(key, group: list[Claim], dead: bool) -> Tenure:
    best = max(group, key=_evidence_score)
    start = best.start or next((c.start for c in group if c.start), None)
    end = best.end or next((c.end for c in group if c.end), None)
    status_claim = max(group, key=lambda c: (c.status_strength, c.status == "former"))
    status = status_claim.status if status_claim.status_strength > 0 else "unknown"
    if dead:
        status = "former"
    org_claim = next((c for c in [best] + group if c.org_span is not None), None)
    return Tenure(
        person=key[0], role=key[1], org=key[2], start=start, end=end, status=status,
        ordinal=best.ordinal or next((c.ordinal for c in group if c.ordinal), None),
        sentence=best.sentence,
        person_span=Span(best.mention.start, best.mention.end, best.mention.text if best.mention.label != "pronoun" else ""),
        role_span=best.role_span, org_span=org_claim.org_span if org_claim else None, date_span=best.date_span,
        extractor=f"{EXTRACTOR}:{best.rule}", confidence=max(c.confidence for c in group), role_text=best.role_text,
    )


# ------------------------------------------------------------------------------------------
# entities
# ------------------------------------------------------------------------------------------


def _entities(mentions: list[Mention], tenures: list[Tenure], births: dict, deaths: dict) -> list[Entity]:
    """Persons and organisations under their fullest names; places only where they hold a post."""
    post_orgs = {t.org for t in tenures if t.org}
    demonyms, countries = lexicon().demonyms, lexicon().countries
    entities: dict[tuple[str, str], Entity] = {}
    for m in mentions:
        if m.type == "organization":
            name = (countries.get(m.text) or demonyms.get(m.text, m.text)) if m.label in ("NORP", "GPE") else m.text
            if m.label in ("GPE", "LOC", "NORP") and name not in post_orgs and m.text not in post_orgs:
                continue
            m.name = name
        ent = entities.setdefault((m.type, m.name), Entity(name=m.name, type=m.type))
        ent.mentions.append(m)
        if m.text != m.name and m.text not in ent.aliases:
            ent.aliases.append(m.text)
        if id(m) in births and ent.birth_date is None:
            ent.birth_date = births[id(m)]
        if id(m) in deaths and ent.death_date is None:
            ent.death_date = deaths[id(m)]
    for t in tenures:
        if ("person", t.person) not in entities:
            entities[("person", t.person)] = Entity(name=t.person, type="person")
        if t.org and ("organization", t.org) not in entities:
            ent = Entity(name=t.org, type="organization")
            if t.org_span:
                ent.mentions.append(Mention(t.org_span.text, "organization", t.org_span.start, t.org_span.end,
                                            t.sentence, name=t.org, label="rule:role_org"))
                if t.org_span.text != t.org:
                    ent.aliases.append(t.org_span.text)
            entities[("organization", t.org)] = ent
    return list(entities.values())
