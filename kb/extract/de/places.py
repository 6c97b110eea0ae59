"""Where a German post with no organisation named is held: the document's city, state or country.

Austrian and German news name the place once (the dateline "Graz –", "Wien/St. Pölten –", or in
the text) and then write "Bürgermeister X", "Landeshauptmann Y", "Finanzminister Z" without
it. ``resolve_places_de`` fills those organisations after a document's sentences are read:
a city post (lexicon category "local government": mayor, city councillor) takes the dateline
city, else the one city the document names, else (no city named) the city whose adjective the
document uses clearly most ("die Salzburger SPÖ"); a state post ("regional government": governor,
state councillor) the one state named, else the dateline city's state; a national government
post (category "government", "Bundespräsident", and a head of state: "Staatschef", "Ex-Präsident", a
bare "Präsident" only abroad, see ``_head_of_state``, and only when its own sentence or a neighbour writes
that country: the story's country is not every head of state's) the country, only when every place the
document names lies in that one country (a story that names a foreign country may be about
that country's minister), or else the country the document names clearly most often (country
names only: a conference city says where, not whose); a post only German-speaking states have
("Kanzler") takes Germany or Austria only; a seat in a parliament named by no body ("der
Abgeordnete X") takes the country of the party written before it ("FPÖ-Abgeordnete"), else the
national one. A story that names no place at all takes the country
of its parties when they stand in one ("SPÖ", "ÖVP" -> Austria). Places come from
``lexicons/places_de.tsv`` and, for countries, ``lexicons/demonyms_de.tsv`` and the CLDR names of
``countries_de.tsv``; parties' countries from ``parties_de.tsv``. Nothing here touches spaCy:
claims, mentions and sentences only.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Optional

from ...model import Mention, Sentence, Span
from ..claims import Claim
from ..lexicon import records, word_sets
from .lexicon import adj_stem, country_name, country_of_adjective, match_role_entry


@dataclass(frozen=True)
class Place:
    """One row of places_de.tsv."""

    name: str
    kind: str  # "city" | "state"
    state: str
    country: str


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, Place], dict[str, Place]]:
    """(name -> place, adjective -> place); capitalised adjectives ("Grazer") kept as written,
    lower-case ones ("steirisch") as stems."""
    names: dict[str, Place] = {}
    adjs: dict[str, Place] = {}
    for rec in records("places_de.tsv"):
        place = Place(rec["name"] or "", rec["kind"] or "", rec["state"] or "", rec["country"] or "")
        names[place.name] = place
        adj = rec["adjective"] or "-"
        if adj != "-":
            adjs[adj] = place
    return names, adjs


def place_named(text: str) -> Optional[Place]:
    """The place a name (also genitive: "Tirols") stands for, else None."""
    names = _tables()[0]
    return names.get(text) or (names.get(text[:-1]) if text.endswith("s") else None)


def place_of_adjective(word: str) -> Optional[Place]:
    """"Grazer" -> Graz, "Tiroler" -> Tirol, "niederösterreichischen" -> Niederösterreich."""
    adjs = _tables()[1]
    if word[:1].isupper():
        return adjs.get(word)  # "Grazer", "Tiroler": invariant
    return adjs.get(adj_stem(word))


#: "Graz – Die …", "Wien/St. Pölten – …": the place a news story was filed from opens a sentence.
_DATELINE = re.compile(r"^([A-ZÄÖÜ][\w.\- ]{1,30}?)(?:/[\w.\- ]{1,30}?)? [–—-] ")


def dateline_place(sentences: Iterable[Sentence]) -> Optional[tuple[Place, Sentence]]:
    """The dateline's (first) place among the first three sentences, with its sentence."""
    for sent in list(sentences)[:3]:
        found = _DATELINE.match(sent.text)
        if found and place_named(found.group(1)):
            return place_named(found.group(1)), sent
    return None


def _named_places(mentions: list[Mention]) -> list[tuple[Mention, Optional[Place], Optional[str]]]:
    """(mention, place, country) for each place or country mention of the document."""
    out = []
    for m in mentions:
        if m.type != "organization":
            continue
        place = place_named(m.text)
        country = place.country if place else country_name(m.text)
        if country:
            out.append((m, place, country))
    return out


#: Party name as written -> the one country it stands in (parties_de.tsv; "-" when ambiguous).
_PARTY_COUNTRY = {row["prefix"] or "": row["country"] or "-" for row in records("parties_de.tsv")}
_PARTY_NAMES = {row["party"] or "" for row in records("parties_de.tsv")}


def _party_countries(claims: list[Claim], mentions: list[Mention]) -> list[str]:
    """The countries of the parties a document names (as organisations or as posts' parties)."""
    names = [m.text for m in mentions if m.type == "organization"] + [c.org for c in claims if c.org in _PARTY_NAMES]
    return [_PARTY_COUNTRY[n] for n in names if _PARTY_COUNTRY.get(n, "-") != "-"]


#: A capitalised place adjective: "Salzburger", "Grazer" (places_de.tsv's adjective column).
_PLACE_ADJECTIVE = re.compile(r"\b[A-ZÄÖÜ][a-zäöüß]+er\b")


def _adjective_places(sentences: list[Sentence]) -> list[Place]:
    """The places the document's capitalised place adjectives name, once per use: a story that
    never names its city writes "die Salzburger SPÖ" and "die Salzburger Gebietskrankenkasse"."""
    return [p for s in sentences if s.lang == "de" for w in _PLACE_ADJECTIVE.findall(s.text)
            if (p := place_of_adjective(w)) is not None]


def _one(values: Iterable[str]) -> Optional[str]:
    distinct = set(values)
    return distinct.pop() if len(distinct) == 1 else None


#: A story about one country names it again and again; another country named in passing ("Kanzler
#: X reist nach Israel") does not make it a story about that one. Dominant: named at least
#: MIN_DOMINANT times and at least DOMINANCE times as often as any other country (the English
#: rules' test, rules/places.py, on German names).
MIN_DOMINANT = 2
DOMINANCE = 2


def _dominant(countries: list[str]) -> Optional[str]:
    """The country named most, when it clearly dominates the document's country mentions."""
    ranked = Counter(countries).most_common(2)
    if not ranked or ranked[0][1] < MIN_DOMINANT:
        return None
    if len(ranked) > 1 and ranked[0][1] < DOMINANCE * ranked[1][1]:
        return None
    return ranked[0][0]


#: Capitals whose dateline makes a story national politics of their country ("Wien – Kanzler X, Innenministerin
#: Y …"): German-language news leaves its own country's posts unmarked and names a foreign one's by its
#: country ("der russische Außenminister"), so an unmarked post in a story filed from the capital is that
#: country's even when other countries are named. Other datelines (a conference in Genf) say nothing.
CAPITALS = {"Wien": "Austria", "Berlin": "Germany", "Bern": "Switzerland"}
#: Posts only German-speaking states have ("Kanzler", "Vizekanzler"): a story about another
#: country leaves them open.
GERMAN_SPEAKING_POSTS = word_sets("role_classes_de.tsv")["german_speaking_posts"]
GERMAN_SPEAKING = {"Germany", "Austria"}
#: Head-of-state words a story at home uses for foreign heads only ("Präsident X"), and ones that lead
#: clubs and companies as often as states ("Vizepräsident"): role_classes_de.tsv.
FOREIGN_HEADS_ONLY = word_sets("role_classes_de.tsv")["foreign_heads_only"]
NO_COUNTRY_HEADS = word_sets("role_classes_de.tsv")["no_country_heads"]
#: Prefixes of a title that say when, not what: "Ex-Präsident", "Altbundespräsident".
_STATUS_PREFIXES = ("ex-", "alt-", "ex", "alt")
_MEMBER_CATEGORIES = {row["role"] or "": row["category"] or "" for row in records("member_bodies_de.tsv")}
_MEMBER_FORMS = {form for row in records("member_bodies_de.tsv") for form in (row["body"] or "").split("|")}


def _category(c: Claim) -> str:
    """The lexicon category of the claim's role word ("local government", "government", …)."""
    if c.role in _MEMBER_CATEGORIES and c.role_text.split()[-1].lower() in _MEMBER_FORMS:
        return _MEMBER_CATEGORIES[c.role]  # "Mitglied der Stadtregierung": the body decides
    for word in re.split(r"[\s(),]+", c.role_text):
        entry = match_role_entry(word) if word[:1].isupper() else None
        if entry is not None:
            if entry.german.lower() == "bundespräsident":
                return "head of country"
            return _head_of_state(word, entry.german) if entry.category == "head of state" else entry.category
    return "government" if c.role.endswith(" minister") else ""  # "übernimmt das Innenressort"


#: Head-of-state categories that take the story's country only where it is written close by: the story's country
#: is not every head of state's ("Präsident X" in a story about Cuba may be the US president of 1961).
HEADS_NEAR = {"head of state", "foreign head of state"}
#: How many sentences before and after a head of state's may name their country.
NEAR_SENTENCES = 1
_CAPITALISED_WORD = re.compile(r"\b[A-ZÄÖÜ][\wäöüß]+")
_LOWER_ADJECTIVE = re.compile(r"\b[a-zäöü]+isch(?:e|en|er|es|em)?\b")


def _country_near(c: Claim, country: str, by_index: dict[int, Sentence]) -> bool:
    """The claim's sentence or a neighbour writes ``country`` by name ("Ägypten", "Ägyptens", "US-Botschaft")
    or adjective ("ägyptische")."""
    for k in range(c.sentence - NEAR_SENTENCES, c.sentence + NEAR_SENTENCES + 1):
        sent = by_index.get(k)
        if sent is None:
            continue
        names = [country_name(w) for found in _CAPITALISED_WORD.findall(sent.text) for w in found.split("-")]
        adjectives = [country_of_adjective(w) for w in _LOWER_ADJECTIVE.findall(sent.text)]
        if country in names or country in adjectives:
            return True
    return False


def _head_of_state(word: str, german: str) -> str:
    """The category of a head-of-state title as written: "head of state" for the title itself
    ("Staatschef", "Präsidenten", "Ex-Präsident"), "foreign head of state" for a bare "Präsident",
    "" for a compound whose first part names something else ("Verbandspräsident", "Kurdenpräsident":
    a body, a people) and for titles of clubs as much as states ("Vizepräsident")."""
    low, base = word.lower(), german.lower()
    for prefix in _STATUS_PREFIXES:
        if low.startswith(prefix) and low[len(prefix):].startswith(base):
            low = low[len(prefix):]
            break
    if not low.startswith(base) or base in NO_COUNTRY_HEADS:
        return ""
    return "foreign head of state" if base in FOREIGN_HEADS_ONLY else "head of state"


def resolve_places_de(claims: list[Claim], mentions: list[Mention], sentences: list[Sentence]) -> None:
    """Fill the organisation of German claims that name none (see the module docstring)."""
    german = {s.index for s in sentences if s.lang == "de"}
    open_claims = [c for c in claims if c.org is None and c.sentence in german]
    if not open_claims:
        return
    named = _named_places(mentions)
    dateline = dateline_place(s for s in sentences if s.lang == "de")
    cities = [p.name for _m, p, _c in named if p and p.kind == "city"]
    states = [p.name for _m, p, _c in named if p and p.kind == "state"]
    adjectives = _adjective_places(sentences)
    home_city = dateline[0].name if dateline and dateline[0].kind == "city" else _one(cities)
    if home_city is None and not cities:  # "die Salzburger SPÖ", "die Salzburger Gebietskrankenkasse"
        home_city = _dominant([p.name for p in adjectives if p.kind == "city"])
    home_state = _one(states) or (dateline[0].state if dateline else None)
    countries = [c for _m, _p, c in named] + ([dateline[0].country] if dateline else [])
    capital = CAPITALS.get(dateline[0].name) if dateline else None
    home_country = _one(countries) or capital or _dominant([c for _m, p, c in named if p is None])
    if not countries:  # no place named at all: the parties' one country ("SPÖ-Chef", "die CDU")
        home_country = _one(_party_countries(claims, mentions))
    own = _own_orgs(claims)
    by_index = {s.index: s for s in sentences}
    parties = {**_party_post_countries(claims), **_person_party_countries(mentions, sentences)}
    for c in open_claims:
        if (c.person, c.role) in own:  # "der italienische Innenminister Alfano" … "Innenminister Alfano"
            first = own[(c.person, c.role)]
            c.org, c.org_label, c.org_span = first.org, "rule:same_person", first.org_span
            continue
        cat = _category(c)
        national = parties.get(c.person) or home_country  # "Finanzminister X (ÖVP)": an Austrian post
        local = _sentence_place(c, named, by_index, mentions, "city") if cat == "local government" else None
        regional = _sentence_place(c, named, by_index, mentions, "state") if cat == "regional government" else None
        if cat == "legislature" and c.role in PARLIAMENT_SEATS:  # "FPÖ-Abgeordnete X": a seat in the party's country
            country = _prefix_party_country(c.role_text)
            if country == "-":  # "Grünen-Abgeordnete": Austria's or Germany's, whichever the story's
                national = national if national in GERMAN_SPEAKING else None
            national = national if country in (None, "-") else country
            cat = "government"
        name = {"local government": local or home_city, "regional government": regional or home_state,
                "government": national, "head of country": national, "head of state": national,
                "foreign head of state": national}.get(cat)
        if name is None or ((c.role in GERMAN_SPEAKING_POSTS or cat == "head of country") and name not in GERMAN_SPEAKING):
            continue  # "Kanzlerin X", "Bundespräsident X" in a story about Turkey: no Turkish post
        if cat == "foreign head of state" and name in GERMAN_SPEAKING:
            continue  # "Präsident X" in a story from Vienna leads a club or a chamber, not Austria
        if cat in HEADS_NEAR and not _country_near(c, name, by_index):
            continue  # "Als Präsident X 1961 die Beziehungen zu Havanna abbrach" in a story about Cuba: the US's
        c.org, c.org_label = name, "rule:doc_place"
        c.org_span = _evidence(name, named, c, dateline)


def _sentence_place(c: Claim, named, by_index: dict[int, Sentence], mentions: list[Mention], kind: str) -> Optional[str]:
    """The one city (or state) the claim's own sentence names, by name or capitalised adjective:
    "die Grazer SPÖ, die nach dem Abtritt von Bürgermeister X …" is Graz's mayor even in a story
    filed from Salzburg. An adjective inside another organisation's name ("den Salzburger
    Nachrichten", "der Tiroler Tageszeitung") names no place; a party's branch ("die Grazer SPÖ")
    does. None when the sentence names none or several."""
    sent = by_index.get(c.sentence)
    if sent is None:
        return None
    places = {p.name for m, p, _c in named if p is not None and p.kind == kind and m.sentence == c.sentence}
    bodies = [(m.start - sent.start, m.end - sent.start) for m in mentions if m.sentence == c.sentence
              and m.type == "organization" and place_named(m.text) is None and country_name(m.text) is None
              and m.text.split()[-1] not in _PARTY_COUNTRY]
    for found in _PLACE_ADJECTIVE.finditer(sent.text):
        place = place_of_adjective(found.group())
        if place is not None and place.kind == kind and not any(a <= found.start() < b for a, b in bodies):
            places.add(place.name)
    return _one(places)


def _own_orgs(claims: list[Claim]) -> dict[tuple[str, str], Claim]:
    """(person, role) -> the first German claim of it whose sentence names the organisation: a
    story names a foreign minister's country once ("der italienische Innenminister Alfano") and
    then writes "Innenminister Alfano"."""
    out: dict[tuple[str, str], Claim] = {}
    for c in claims:
        if c.org is not None and c.rule.startswith("de_") and not c.org_label.startswith("rule:"):
            out.setdefault((c.person, c.role), c)
    return out


#: "Hans Berger (ÖVP)", "Hans Berger (Innenminister, ÖVP)": a party in brackets right after a person's name.
_BRACKETED_PARTY = re.compile(r"\s*\(([^()]{2,40})\)")


def _person_party_countries(mentions: list[Mention], sentences: list[Sentence]) -> dict[str, str]:
    """Person name -> the country of the party named in brackets after them ("Schelling (ÖVP)" ->
    Austria): a national post of someone whose party stands in one country is held there."""
    by_index = {s.index: s for s in sentences}
    out: dict[str, str] = {}
    for m in mentions:
        sent = by_index.get(m.sentence)
        if m.type != "person" or sent is None:
            continue
        found = _BRACKETED_PARTY.match(sent.text, m.end - sent.start)
        parts = [p.strip() for p in found.group(1).split(",")] if found else []  # "(Innenminister, ÖVP)"
        country = next((_PARTY_COUNTRY[p] for p in parts if _PARTY_COUNTRY.get(p, "-") != "-"), "-")
        if country != "-":
            out.setdefault(m.name or m.text, country)
    return out


#: The seat in a parliament the role word leaves open ("Abgeordneter", "Mandatar"): the body that
#: follows it is its own ("Abgeordneter zum Nationalrat", ``phrases``); without one it is a seat
#: in the national parliament, held in the country, as news-tenures' gold has a UK MP's post in
#: the United Kingdom ("der Abgeordnete X", "FPÖ-Mandatar X").
PARLIAMENT_SEATS = {"member of parliament"}


def _prefix_party_country(role_text: str) -> Optional[str]:
    """The country of the party written before a seat ("FPÖ-Abgeordnete" -> Austria), "-" for a party
    of several countries ("Grünen-Abgeordnete": Austria's or Germany's), None when no party is written."""
    for word in role_text.split():
        prefix = word.split("-")[-2] if "-" in word else ""  # "Ex-BZÖ-Mandatar": the part before the role
        if prefix in _PARTY_COUNTRY:
            return _PARTY_COUNTRY[prefix]
    return None


#: Party's usual name -> its one country ("SPÖ" -> Austria), from the prefixes of parties_de.tsv.
_NAMED_PARTY_COUNTRY = {row["party"] or "": row["country"] or "-" for row in records("parties_de.tsv")}


def _party_post_countries(claims: list[Claim]) -> dict[str, str]:
    """Person -> the country of the party they hold a post in ("Kanzler und SPÖ-Chef X": the
    SPÖ's chief is Austrian, so is the chancellor's post the same sentence gives X)."""
    out: dict[str, str] = {}
    for c in claims:
        country = _NAMED_PARTY_COUNTRY.get(c.org or "", "-")
        if country != "-" and c.org_label not in ("rule:doc_party", "rule:near_party", "rule:adjective_party"):
            out.setdefault(c.person, country)
    return out


def _evidence(name: str, named, c: Claim, dateline) -> Optional[Span]:
    """The nearest mention of the place before the claim (else any), as the org's evidence."""
    spans = [m for m, p, country in named if (p and (p.name == name or p.state == name)) or country == name]
    before = [m for m in spans if m.start <= c.role_span.start]
    m = max(before, key=lambda x: x.start) if before else (spans[0] if spans else None)
    if m is not None:
        return Span(m.start, m.end, m.text)
    if dateline is not None:
        sent = dateline[1]
        found = _DATELINE.match(sent.text)
        text = found.group(1) if found else ""
        return Span(sent.start, sent.start + len(text), text)
    return None
