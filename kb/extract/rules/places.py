"""Organisations a document implies: the one country or region it is about, a legislature named by
its committee.
"""

from __future__ import annotations

import re
from typing import Optional, Sequence

from ...model import Mention, Sentence, Span
from ..claims import Claim
from ..de.lexicon import country_name
from ..lexicon import lexicon, regions, role_categories, word_map, word_sets, word_tuples


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
        name = country_name(text)
    return name


#: Posts that belong to a country; with no org named they take the document's one country.
STATE_ROLES = word_sets("role_classes_en.tsv")["state_roles"]


#: Of these, the ones also used for companies and clubs count only as a capitalised title.
TITLE_ONLY_STATE_ROLES = word_sets("role_classes_en.tsv")["title_only_state_roles"]


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


def document_country(claims: list[Claim], mentions: list[Mention], sentences: Sequence[Sentence] = ()) -> None:
    """A head of state/government with no org named ("President Jane Roe", "the prime minister
    said") holds the post in the country the document is about: news leaves it implied when
    the story is about one country. Applied only when the document names exactly one country
    (by name; demonyms are ambiguous); the org evidence is its nearest earlier mention."""
    _drop_terms_of_other_posts(claims)
    _devolved_first_ministers(claims, mentions)
    open_claims = [c for c in claims if c.org is None and (c.role in STATE_ROLES and (
        c.role not in TITLE_ONLY_STATE_ROLES or _capital_core(c) or c.rule == "term_of_office")
        or _government_post(c.role) and not _owner_before(c, mentions))]
    if not open_claims:
        return
    found = _country_mentions(mentions)
    _own_country_posts(open_claims, found)
    open_claims = [c for c in open_claims if c.org is None]
    # its cue mentions are the org evidence; one cue is enough when the document names no country
    cues = _cue_country(claims, sentences, 2 if found else 1)
    if cues:  # a UK cabinet title or an MP in British politics news is British whatever else the story names
        for c in [c for c in open_claims if c.role in _CUES or c.role in NATIONAL_POSTS
                  or _home_office(c, cues, mentions)]:
            x = max((x for x, _ in cues if x.start <= c.role_span.start), key=lambda x: x.start, default=cues[0][0])
            c.org, c.org_span, c.org_label = cues[0][1], Span(x.start, x.end, x.text), "rule:doc_country"
        open_claims = [c for c in open_claims if c.org is None]
    name = _dominant_country(found, mentions)
    evidence = found + cues
    if name is None and cues:
        name = cues[0][1]
    for c in open_claims:
        country = _post_country(c.role, name, {n for _, n in evidence})  # _post_country maps parts to their state
        if country is None:
            continue
        own = [x for x, n in evidence if _state_for(c.role, n) == country]
        m = max((x for x in own if x.start <= c.role_span.start), key=lambda x: x.start, default=own[0])
        c.org, c.org_span, c.org_label = country, Span(m.start, m.end, m.text), "rule:doc_country"
    claims[:] = [c for c in claims if not (c.rule == "term_of_office" and c.org is None)]


def _devolved_first_ministers(claims: list[Claim], mentions: list[Mention]) -> None:
    """ "First Minister Jack Roe", "the first minister said" with no place named: British news
    uses the title for the head of a devolved government, so he heads the one nation of the
    United Kingdom (``_NATION_OF``: Scotland, Wales, Northern Ireland) the story names; none
    when it names none or several. The nation's nearest earlier mention is the org evidence."""
    open_claims = [c for c in claims if c.org is None and c.role == "first minister"]
    found = [(x, n) for x, n in _country_mentions(mentions) if n in _NATION_OF] if open_claims else []
    if len({n for _, n in found}) != 1:
        return
    for c in open_claims:
        x = max((x for x, _ in found if x.start <= c.role_span.start), key=lambda x: x.start, default=found[0][0])
        c.org, c.org_span, c.org_label = found[0][1], Span(x.start, x.end, x.text), "rule:doc_country"


def _own_country_posts(open_claims: list[Claim], found: list[tuple[Mention, str]]) -> None:
    """A post whose very name is one country's ("Foreign Secretary X", "the home secretary":
    the role cues of ``country_cues_en.tsv``) is that country's whenever the document names it,
    however many other countries it names ("Foreign Secretary X said 440 Britons were missing"
    in a story naming Japan, Germany and Canada too). The country's nearest earlier mention is
    the org evidence."""
    for c in open_claims:
        country = _CUES.get(c.role) if c.role.islower() else None
        own = [x for x, n in found if n == country] if country else []
        if own:
            x = max((x for x in own if x.start <= c.role_span.start), key=lambda x: x.start, default=own[0])
            c.org, c.org_span, c.org_label = country, Span(x.start, x.end, x.text), "rule:doc_country"


def _home_office(c: Claim, cues: list[tuple[Span, str]], mentions: list[Mention]) -> bool:
    """Whether an open head of state or government post is the one of the country the text places
    itself in by cues ("Downing Street", "the Tories"), whatever other country it names: British
    news says "Prime Minister X" and "the prime minister said" of its own prime minister while it
    talks of the Iraq war or of Israel. Only with at least two cues besides the post itself, and
    only when its sentence names no other country."""
    country = cues[0][1]
    if not (c.role in STATE_ROLES or c.role == "minister") or not _has_post(c.role, country):
        return False  # a bare "former minister X" in British news is a British minister too
    if len([x for x, _ in cues if x is not c.role_span]) < 2:
        return False
    others = [m for m, name in _country_mentions(mentions) if m.sentence == c.sentence and name != country]
    return not others


def _has_post(role: str, country: str) -> bool:
    """Whether ``country`` has the state post ``role`` (``state_posts_en.tsv``; unlisted posts
    are everywhere)."""
    rule = _STATE_POSTS.get(role)
    if rule is None:
        return True
    return (country in rule[1].split("|")) == (rule[0] == "only")


def _post_country(role: str, dominant: Optional[str], named: set[str]) -> Optional[str]:
    """The country an open state post belongs to: the document's country when it has that post,
    else the one country the document names that has it ("Chancellor X" in a story naming the
    US and the UK; "President Y" in a British story that also names the US)."""
    if dominant is not None and _has_post(role, _state_for(role, dominant)):
        return _state_for(role, dominant)  # "England": its national posts are the United Kingdom's
    having = {_state_for(role, n) for n in named if _has_post(role, _state_for(role, n))}
    if role in _STATE_POSTS and len(having) == 1:
        return next(iter(having))
    return None


#: role -> (rule, countries): see ``lexicons/state_posts_en.tsv``.
_STATE_POSTS = word_tuples("state_posts_en.tsv")


#: Parts of a state with no national government of their own: their country's posts are the state's.
_STATE_OF = {"England": "United Kingdom"}
#: Nations of a state with devolved governments: their first minister, ministers and members
#: are theirs, but the posts only the state has (``_state_only``) are the state's ("Prime
#: Minister X" in a story about Scotland is the United Kingdom's).
_NATION_OF = {"Scotland": "United Kingdom", "Wales": "United Kingdom", "Northern Ireland": "United Kingdom"}
#: Posts only a sovereign state has (besides its secretaries of state, "… secretary").
_STATE_ONLY_POSTS = {"prime minister", "deputy prime minister", "president", "vice president", "chancellor",
                     "chancellor of the exchequer", "member of parliament", "king", "queen", "monarch"}


#: Portfolios a devolved government never holds (defence, foreign affairs, immigration: reserved to
#: the state): "Armed Forces Minister X" in a story about Scotland is the United Kingdom's.
_RESERVED_PORTFOLIOS = {"armed forces", "defence", "defense", "foreign", "foreign affairs", "foreign office",
                        "europe", "european affairs", "immigration", "veterans", "treasury", "home office",
                        "security", "counter-terrorism", "trade and industry"}


def _state_only(role: str) -> bool:
    if role.endswith(" minister") and role[: -len(" minister")] in _RESERVED_PORTFOLIOS:
        return True
    if role.startswith("minister for ") and role[len("minister for "):] in _RESERVED_PORTFOLIOS:
        return True
    return role in _STATE_ONLY_POSTS or role.endswith(" secretary") and not role.startswith("shadow ")


def _state_for(role: str, country: str) -> str:
    """The state whose post ``role`` is in a story about ``country`` (``_STATE_OF``, ``_NATION_OF``)."""
    country = _STATE_OF.get(country, country)
    return _NATION_OF[country] if country in _NATION_OF and _state_only(role) else country


#: Posts of a national government or parliament besides the heads (``STATE_ROLES``): a minister,
#: a secretary of a portfolio, a chancellor, an MP with no country named hold it in the document's
#: country. Shadow posts belong to the opposition, not to the state. Public offices of the state
#: that are no ministry ("chief inspector of schools") are data: role_classes_en.tsv.
NATIONAL_POSTS = {"member of parliament", "chancellor", "cabinet member"} | word_sets("role_classes_en.tsv")["national_public_posts"]


def _government_post(role: str) -> bool:
    """A national ministerial or parliamentary post ("health secretary", "courts minister", "MP")."""
    if role.startswith("shadow "):
        return False
    return role in NATIONAL_POSTS or role_categories().get(role) == "minister"


def _owner_before(c: Claim, mentions: list[Mention]) -> bool:
    """ "Velmora's foreign minister" with "Velmora" read as a person: the post has an owner the
    text names (a name and "'s" right before the role), so it is no post of the document's country.
    The holder is no owner: in "Jane Roe, MP for Northby" the two characters before the role are
    an apposition's comma, not a possessive."""
    own = (c.mention.start, c.mention.end)
    return any(m.type == "person" and 2 <= c.role_span.start - m.end <= 3 and m.end <= c.role_span.start
               and m.sentence == c.sentence and (m.start, m.end) != own for m in mentions)


#: Cue names (``country_cues_en.tsv``) as one regular expression over sentence texts.
_CUES = word_map("country_cues_en.tsv")
_CUE_RE = re.compile(r"\b(" + "|".join(re.escape(k) for k in sorted(_CUES, key=len, reverse=True) if k[:1].isupper()) + r")\b")


def _cue_country(claims: list[Claim], sentences: Sequence[Sentence], minimum: int = 2) -> list[tuple[Span, str]]:
    """The country a document names no country for but places itself in by cues
    (``country_cues_en.tsv``: "the Tories", "the Commons", "home secretary"): at least two cues,
    all of one country, or with ``minimum`` 1 one cue in the text (not only a post's own name). Returns the cues' spans (the org evidence) with that country. Keyword-gated: one regular expression per sentence."""
    hits = [(Span(s.start + h.start(), s.start + h.end(), h.group(1)), _CUES[h.group(1)])
            for s in sentences if s.lang == "en" for h in _CUE_RE.finditer(s.text)]
    in_text = len(hits)
    hits += [(c.role_span, _CUES[c.role]) for c in claims if c.role in _CUES]
    hits.sort(key=lambda h: h[0].start)
    if len({n for _, n in hits}) != 1 or len(hits) < max(2, minimum) and not (minimum == 1 and in_text):
        return []  # one cue is enough only in the text ("Tory MP X"); a post's own name needs another
    return hits


#: Posts that belong to a state or province ("Governor Jay Roe", "the premier"): with no place
#: named they take the one sub-national unit a document names (lexicons/regions_en.tsv).
REGION_ROLES = word_sets("role_classes_en.tsv")["region_roles"]


REGION_ROLE_WORDS = {"governor", "gov.", "gov", "premier"}


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


def document_region(claims: list[Claim], mentions: list[Mention]) -> None:
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


SINGLE_SEAT_ROLES = word_sets("role_classes_en.tsv")["single_seat_roles"]


def legislature_from_committee(claims: list[Claim]) -> None:
    """A lawmaker/MP/senator with no org named sits in the legislature whose committee the
    same person chairs or belongs to ("X, deputy chairman of the State Duma Committee on
    Foreign Affairs … the lawmaker said" -> lawmaker of the State Duma). Only when the person's
    posts name exactly one legislature."""
    cats = role_categories()
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
