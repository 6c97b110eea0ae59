"""Abstention rules: a candidate the document contradicts is never linked, whatever its name.

A wrong link is worse than none: a famous person the reference lacks must not become the obscure
namesake it has. Each rule reads what the document says about one entity (``Evidence``) and what
the reference says about one candidate (``Profile``, P39 holdings, birth date) and returns the
rule's name when they contradict each other:

- ``type``:    the mention is not what the candidate is (a person name used for an airport or a
               town or continuing into a prize's name, or only as the author's byline "(Name,
               9.4.2016)"; an organisation candidate that is only
               known as a place; a state in a match report, where it is a team, or written in a
               German text by its English name only ("die Austria", "Statistik Austria"); a shop brand
               found through another form than the entity's name, or through a form the text
               uses as a common noun, or written with its article unless news of its country
               uses words of its trade: "the Halifax" on mortgages; a party found by its
               short name where the text calls the body by a kind no party is: "civil rights
               group Liberty");
- ``country``: a party or government body of another country than the ones the text names (in
               a text naming no country: than the ones its other names point to), or a
               namesake organisation of another country when one of the document's countries
               has the name too, or a shop brand of another country (unless its own name
               writes its country: "Bank of America"; a company of the brand's own country
               stays linkable: companies are named abroad); a politician of another country
               when one of the document's country, at least as well known, has the name. The
               document's countries are the ones it names plus the one its names agree on
               (``consensus_country``);
- ``date``:    born after the years the text ties to the mention; died before a post the text
               gives; an age the text states that the candidate reaches only in the future (or
               not in the publication year); every post the reference knows began after the
               document's publication; an
               organisation founded after the year of the sentence naming it;
- ``role``:    the candidate's reference posts match none of the roles the text gives and the
               posts are at a company, university or other non-political body (or the entry
               is obscure: no English Wikipedia article) of another country than the
               politician's;
- ``gender``:  the style written before the person's own mentions states one gender ("Lord
               Armstrong", "Baroness Armstrong", "Frau Müller"; ``lexicons/gendered_styles.tsv``)
               and the reference gives the candidate only the other one (pronouns are no
               evidence: their coreference is too often wrong);
- ``peerage``: the text styles the person a peer ("Lord Campbell", "Baroness Morgan") and the
               candidate never sat in the House of Lords (Alan Campbell the MP), or is the peer
               of another place than the one the text writes ("Lord Campbell of Alloway" is not
               Lord Campbell of Croy);
- ``acronym``: a short upper-case mention matched only by the initials of a longer name that the
               document never writes out, or by an alias of an entry whose kind is unknown
               (unless it is the only party of the document's country with those initials);
               and an organisation written only in lower case ("dpa") is no entry whose names
               matching it are all capitals ("DPA"); a short form the text defines in brackets
               ("… Raumfahrt (DLR)") is only an entry whose long name the text writes.

Rules only remove candidates; the remaining ones are scored as before (``kb.link.disambiguate``),
so confidence stays in ``link_score``/``link_method``, and a removed candidate is kept among the
stored candidates with the rule's name as a feature.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from ..model import Entity, Extraction, Tenure
from ..tsv import read_groups, read_table
from .candidates import FORM_PREFIX, KNOWN_AS_METHOD, PARTY_NAME_METHOD, Profile, ReferenceIndex, RefEntity
from .disambiguate import Prepared, best_role_similarity
from .kinds import PLACE_KINDS, country_code, english_exonym, only_nsi, only_operator, org_class
from .names import PEER_STYLES, acronym, is_peer_label, looks_like_acronym, norm, peer_designation, peer_form

#: A year in date position: after a preposition or a month name (English and German), so that
#: counts ("2000 workers") are not read as years.
_YEAR = re.compile(
    r"\b(?:in|since|from|until|till|to|by|during|throughout|before|after|between|and|early|late|mid|"
    r"january|february|march|april|may|june|july|august|september|october|november|december|"
    r"seit|im|bis|von|ab|jahr|januar|jänner|februar|märz|juni|juli|oktober|dezember)"
    r"\s+(?:\d{1,2}\s+)?(1[89]\d\d|20\d\d)\b(?![\d%])", re.IGNORECASE)
#: A person is at least this old when the text gives them a post.
MIN_AGE_FOR_POST = 16
#: Words after a person-like name that make the whole phrase a place, building or event
#: ("John F. Kennedy airport", "Romney Marsh"): heads of English place/facility names.
_PLACE_HEADS = frozenset(
    "airport airfield street st road avenue boulevard square bridge station stadium arena park "
    "centre center hall building tower house school college university hospital institute "
    "museum library gallery prize award trophy cup memorial foundation river lake mountain "
    "marsh county city town village island bay valley highway motorway tunnel".split())
#: Prepositions that, before a bare one-word name not followed by 's, read as a place.
_PLACE_PREPOSITIONS = frozenset({"in", "at", "near", "outside"})
_NER_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_NER_PERSON_LABELS = frozenset({"PERSON", "PER"})


@dataclass
class Evidence:
    """What one document says about one entity, for the rules (built once per entity)."""

    etype: str
    countries: frozenset[str] = frozenset()  # ISO codes of the countries the document names
    published: Optional[int] = None  # publication year
    years: list[int] = field(default_factory=list)  # years in the sentences naming the entity
    doc_years: list[int] = field(default_factory=list)  # years anywhere in the document
    tenures: list[Tenure] = field(default_factory=list)  # posts the text gives this person
    org_qids: dict[str, Optional[str]] = field(default_factory=dict)  # tenure.org -> QID
    place_reading: bool = False  # the person-typed mention reads as a place or building
    byline_only: bool = False  # every mention is the author's byline "(Name, 9.4.2016)"
    acronym_form: bool = False  # the mention is an upper-case short form ("GM")
    text_key: str = ""  # the normalised document text (acronym expansions)
    acronyms: tuple[str, ...] = ()  # the upper-case short forms of the mention
    definite: bool = False  # every mention is written with "the" ("the Crown")
    common_noun: bool = False  # a one-word name the text also writes in lower case ("the budget")
    match_report: bool = False  # the document reports sports results (scorelines, goals, ...)
    ages: list[int] = field(default_factory=list)  # ages the text states for the person ("Mr X, 62,")
    party_country: Optional[str] = None  # the country the document's party names agree on
    text: str = ""  # the document text
    genders: frozenset[str] = frozenset()  # genders the styles before its mentions state ("Lord")
    peer_forms: tuple[str, ...] = ()  # the peer-styled names the text writes ("Lord Campbell")
    peer_places: frozenset[str] = frozenset()  # the places written after them ("of Alloway")
    adjective_countries: frozenset[str] = frozenset()  # countries named by an adjective ("German firm")
    headline_only: bool = False  # every mention is in the headline (the first line of a longer text)
    english: bool = True  # the document is English (German and mixed ones are not judged by English words)
    german: bool = False  # the document is German (judged by the German trade stems)
    exonym_only: bool = False  # a German text writes it only as a country's English name ("Austria")
    hinted_countries: frozenset[str] = frozenset()  # countries the document's other names point to
    name_countries: frozenset[str] = frozenset()  # countries the entity's own name writes ("Bank of America")
    not_a_party: bool = False  # a kind noun of no party stands before a mention ("rights group Liberty")
    lower_forms: tuple[str, ...] = ()  # the organisation's forms when every one is in lower case ("dpa")
    spelt_out: tuple[str, ...] = ()  # long forms the text gives its short forms ("… Raumfahrt (DLR)"), normalised


def _year_of(value: Optional[str]) -> Optional[int]:
    if value and value[:4].isdigit() and not value.startswith("-"):
        return int(value[:4])
    return None


def document_countries(places: list[str], lang: Optional[str] = None) -> frozenset[str]:
    """ISO codes of the countries a document names (``Extraction.places``; German names in a
    German document)."""
    return frozenset(c for c in (country_code(p, lang) for p in places) if c)


#: An entity votes for the countries of its candidates only when it has at most this many:
#: a common name's dozens of namesakes say nothing about the document.
MAX_VOTING_CANDIDATES = 12
#: The document's country by its names needs at least this many entities agreeing.
MIN_COUNTRY_VOTES = 2


def consensus_country(votes: list[frozenset[str]]) -> Optional[str]:
    """The country the document's names point to when its text names none that fits: each
    entity votes once for every country its candidates belong to (parties, government bodies,
    the posts of the persons it may be). "Labour", "Conservative Party" and "Tony Blair" all
    have British candidates; "SPÖ", "KPÖ" and "Grüne" Austrian ones. The country most entities
    share wins when at least ``MIN_COUNTRY_VOTES`` agree and no other country ties with it."""
    counts: dict[str, int] = {}
    for vote in votes:
        for code in vote:
            counts[code] = counts.get(code, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if not ranked or ranked[0][1] < MIN_COUNTRY_VOTES or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return ranked[0][0]


#: A record compared back to a year ("the worst since 1981", "the first time since 1998", "since
#: records began in 1971"): the year is a bound the story lies after, not the story's time.
_COMPARED_YEAR = re.compile(r"\b(?:(?:\w+est|worst|best|most|least|first)\b(?:\W+\w+){0,6}?\W+since|"
                            r"since\s+records\s+began(?:\s+in)?)\s+(1[89]\d\d|20\d\d)\b", re.IGNORECASE)


@lru_cache(maxsize=64)
def comparison_years(text: str) -> frozenset[int]:
    """Years a document only compares its story with ("sales were the worst since 1981"):
    an organisation founded later than such a year still fits the story."""
    return frozenset(int(y) for y in _COMPARED_YEAR.findall(text))


@lru_cache(maxsize=64)
def document_years(text: str) -> list[int]:
    """Years in date position anywhere in a document (cached: asked once per entity)."""
    return sorted({int(y) for y in _YEAR.findall(text)})


def _entity_years(ent: Entity, extraction: Extraction) -> list[int]:
    sentences = {s.index: s.text for s in extraction.sentences}
    text = extraction.document.text
    years = set()
    for m in ent.mentions:
        around = sentences.get(m.sentence) if sentences else text[max(0, m.start - 150):m.end + 150]
        for y in _YEAR.findall(around or ""):
            years.add(int(y))
    return sorted(years)


#: A result as sports reports write it ("1 – 0", "3-1"): one or two digits each side, not part
#: of a longer number, date or decimal ("2014-15", "1-2.5").
_SCORELINE = re.compile(r"(?<![\d./:-])\d{1,2}\s?[–:-]\s?\d{1,2}(?![\d%]|[./:-]\d|\s?Uhr)")  # German writes 2:0
#: Words of sports reports (English and German); a document needs several different ones.
_SPORT_WORDS = frozenset(
    "match goal goals scored scoring scorer striker midfielder defender goalkeeper referee penalty "
    "stadium tournament league championship cup minute header equaliser equalizer kick-off "
    "half-time fixture squad spiel tor tore trainer stadion liga elfmeter schiedsrichter "
    "meisterschaft mannschaft torschütze".split())
#: How many scorelines and different sport words make a document a match report.
MIN_SCORELINES, MIN_SPORT_WORDS = 2, 4


@lru_cache(maxsize=64)
def match_report(text: str) -> bool:
    """The document reports sports results: several scorelines and sport words. Country names
    that act there ("Sweden defeated South Korea 1 – 0") are national teams."""
    if len(_SCORELINE.findall(text)) < MIN_SCORELINES:
        return False
    words = set(re.findall(r"[\w-]+", text.casefold()))
    return len(words & _SPORT_WORDS) >= MIN_SPORT_WORDS


#: An age right after a name ("Mr Tomlinson, 62, has ...", "Michael Wanner (51)") or right
#: before it ("the 38-year-old dental technician Michael Ehmann", "der 38-jährige ... Ehmann").
_AGE_AFTER = re.compile(r"^\s*(?:,\s*(\d{2})\s*,|\(\s*(\d{2})\s*\))")
_AGE_BEFORE = re.compile(r"(\d{2})[- ](?:year[- ]old|jährige[nr]?)(?:\s+\w+){0,2}\s+$")


def stated_ages(ent: Entity, text: str) -> list[int]:
    """Ages the text gives a person next to one of its mentions."""
    ages = set()
    for m in ent.mentions:
        after = _AGE_AFTER.match(text[m.end:m.end + 12])
        before = _AGE_BEFORE.search(text[max(0, m.start - 60):m.start])
        for found in (after, before):
            if found:
                ages.add(int(next(g for g in found.groups() if g)))
    return sorted(ages)


#: The lexicon of gendered styles (``lexicons/gendered_styles.tsv``): "Lord" -> "male".
_STYLES_FILE = Path(__file__).parent / "lexicons" / "gendered_styles.tsv"
#: The word right before a mention, with an optional full stop ("Mr. Smith", "Lord Armstrong").
_WORD_BEFORE = re.compile(r"(\w+)\.? $")


@lru_cache(maxsize=1)
def gendered_styles() -> dict[str, str]:
    """Style as written -> gender in the reference index's words: data, so that a new style is
    a line in the lexicon, not a rule."""
    return {style.strip(): gender.strip() for style, gender in read_table(_STYLES_FILE)[1]}


def styled_genders(ent: Entity, text: str) -> frozenset[str]:
    """The genders stated by the styles written right before the entity's own mentions (or as
    their first word): "Lord Armstrong" -> {"male"}. Both genders when the mentions disagree
    (a coreference slip), which the rule reads as no evidence."""
    styles = gendered_styles()
    found = set()
    for m in ent.mentions:
        words = m.text.split()
        if len(words) > 1 and words[0].rstrip(".") in styles:
            found.add(styles[words[0].rstrip(".")])
        before = _WORD_BEFORE.search(text[max(0, m.start - 16):m.start])
        if before and before.group(1) in styles:
            found.add(styles[before.group(1)])
    return frozenset(found)


#: Wikidata's "member of the House of Lords": a peer whose label is the plain name ("Sebastian Coe").
LORDS_MEMBER = "Q18952564"
#: A peer's territorial designation right after the name: " of Alloway", " of Kirkwhelpington".
_DESIGNATION = re.compile(r"^ of ([A-Z][\w'’-]+(?: [A-Z][\w'’-]+)*)")


def peer_styling(ent: Entity, text: str) -> tuple[tuple[str, ...], frozenset[str]]:
    """The peer-styled names the text writes for a one-word person's mentions ("Lord Campbell":
    NER leaves the style out of the mention) and the places written after them ("of Alloway").
    The styled name is what the reference's peers with formal labels are found by
    (``names.peer_names``); a bare surname would find every Campbell. A person of a longer name
    is linked by that name."""
    forms: list[str] = []
    places: set[str] = set()
    if " " in ent.name.strip():
        return (), frozenset()  # "Sion Roberts" is not "Lord Roberts" whom coreference joined to him
    for m in ent.mentions:
        if " " in m.text.strip():
            continue
        before = _WORD_BEFORE.search(text[max(0, m.start - 16):m.start])
        if not before or before.group(1) not in PEER_STYLES:
            continue
        form = peer_form(before.group(1), m.text.strip())
        if form not in forms:
            forms.append(form)
        place = _DESIGNATION.match(text[m.end:m.end + 48])
        if place:
            places.add(place.group(1))
    return tuple(forms), frozenset(places)


#: The rest of an author's byline after the name: "(Walter Roe, 9.4.2016)", "(Ute Roe aus
#: Brüssel, 14.12.2015)", as derStandard closes its articles.
_BYLINE_REST = re.compile(r"^(?: aus [A-ZÄÖÜ][\w-]+)?, \d{1,2}\.\s?\d{1,2}\.\s?\d{4}\)")


def _byline_only(ent: Entity, text: str) -> bool:
    """Every mention is the byline of the article's author, a journalist: a politician of that
    name in the reference is a namesake ("(Walter Müller, 9.4.2016)" is no Swiss MP)."""
    return bool(ent.mentions) and all(text[m.start - 1:m.start] == "(" and _BYLINE_REST.match(text[m.end:m.end + 40])
                                      for m in ent.mentions)


def _reads_as_place(ent: Entity, text: str) -> bool:
    """Every mention of a person-typed entity reads as a place or building: NER called it a
    place, a place/facility noun follows it, or a bare name follows 'in'/'at' without 's."""
    if not ent.mentions:
        return False
    labels = {m.label for m in ent.mentions}
    if labels & _NER_PLACE_LABELS and not labels & _NER_PERSON_LABELS:
        return True
    for m in ent.mentions:
        after = text[m.end:m.end + 60].split()
        before = text[max(0, m.start - 20):m.start].split()
        if _place_head_follows(after):
            continue
        if (len(m.text.split()) == 1 and before and before[-1].casefold() in _PLACE_PREPOSITIONS
                and not text[m.end:m.end + 2].startswith(("'s", "’s"))):
            continue
        return False
    return True


#: How many capitalised words after a name may precede the head of a longer name
#: ("Pritzker Architecture Prize", "John F. Kennedy International Airport").
_MAX_NAME_WORDS_BEFORE_HEAD = 2


def _place_head_follows(after: list[str]) -> bool:
    """The words after a mention end a place, building or award name it is part of: a head
    noun right after it ("Kennedy airport"), or after capitalised words ("Pritzker
    Architecture Prize")."""
    for i, raw in enumerate(after[:_MAX_NAME_WORDS_BEFORE_HEAD + 1]):
        word = raw.strip(",.;:)'\"")
        if word.casefold() in _PLACE_HEADS and (i == 0 or word[:1].isupper()):
            return True
        if not word[:1].isupper() or word != raw:
            return False  # the name ended (a lower-case word or punctuation) before any head
    return False


def _common_noun(name: str, text: str) -> bool:
    """A one-word capitalised name whose lower-case form the text uses as an ordinary word, also
    inflected: "Budget" in a headline of an article about "the budget", "House prices" in one
    about "the housing market", is no shop brand."""
    word = name.strip()
    if " " in word or not word[:1].isupper() or word.isupper():
        return False
    low = word.lower()
    forms = [re.escape(low) + "(?:s|es|ed|d|ing)?"]
    if low.endswith("e"):
        forms.append(re.escape(low[:-1]) + "ing")
    return re.search(rf"\b(?:{'|'.join(forms)})\b", text) is not None


#: What precedes a common noun but not a brand's name: an article, a possessive, a time word,
#: each maybe before an adjective or two ("the Budget", "a Budget giveaway", "Mr Brown's
#: Budget", "last year's Budget", "his ninth Budget", "the Tories' first Budget"). Group 1 holds
#: the words in between, which ``lexicons/noun_phrase_words_en.tsv`` then checks.
_DETERMINER = re.compile(r"(?:\b(?i:the|a|an|this|next|last|its|his|her|their|our)|['’]s?)"
                         r"((?:\s+[a-z][\w-]*){0,2})\s$")
_NP_WORDS_FILE = Path(__file__).parent / "lexicons" / "noun_phrase_words_en.tsv"


@lru_cache(maxsize=1)
def noun_phrase_words() -> dict[str, frozenset[str]]:
    """List name -> words of ``lexicons/noun_phrase_words_en.tsv`` (ends_phrase, kind_noun)."""
    return read_groups(_NP_WORDS_FILE)


def _definite_mention(mention_text: str, before: str, after: str = "") -> bool:
    """One mention stands inside an article's or a possessive's noun phrase. Not so: initials
    ("the NHS", "the BBC" are names with their article), a name the article's phrase ended
    before ("a deal with Barclays", "the group said Barclays"), a name in apposition to a noun
    of its kind ("the supermarket chain Tesco"), or a name its kind noun follows ("our Jaguar
    brand", "its Lexus marque")."""
    if mention_text.casefold().startswith("the "):
        return not looks_like_acronym(mention_text[4:])
    if looks_like_acronym(mention_text):
        return False
    following = after.split()[:1]
    if following and following[0].strip(",.;:") in noun_phrase_words()["brand_noun"]:
        return False
    m = _DETERMINER.search(before)
    if m is None:
        return False
    between = m.group(1).split()
    if not between and before.rstrip().endswith(("'s", "’s")) and country_code(_possessor(before)):
        return False  # a country's company: "France's Peugeot"
    words = noun_phrase_words()
    if any(w in words["ends_phrase"] for w in between):
        return False
    return not (between and between[-1] in words["kind_noun"])


def _possessor(before: str) -> str:
    """The capitalised words of the possessor before "'s" ("the United States's" -> "United States")."""
    words = before.rstrip()[:-2].split()
    out: list[str] = []
    for word in reversed(words):
        if not word[:1].isupper():
            break
        out.insert(0, word)
    return " ".join(out)


def _headline_only(ent: Entity, text: str) -> bool:
    """Every mention stands in the headline (the first line, when a body follows) and the body
    never writes the name as a word of its own: a one-word name without support from the
    document ("Lib Dems stress Budget trust gap" over a story about the Chancellor's pre-Budget
    report; but "Peugeot" over a story about "PSA Peugeot Citroen" has it). Initials are names
    whatever the body says ("NHS")."""
    first_line = text.find("\n")
    if not ent.mentions or first_line < 0 or looks_like_acronym(ent.name):
        return False
    if not all(m.end <= first_line for m in ent.mentions):
        return False
    return re.search(rf"(?<![-\w]){re.escape(ent.name)}\b", text[first_line:]) is None


def _always_definite(ent: Entity, text: str) -> bool:
    """Most mentions of a one-word name follow an article or a possessive (brands and shops are
    named bare, as proper names: "Budget said"; a headline drops the article: "Budget" above
    "after the Budget" is still the budget). Longer names take their article as names do ("the
    Bank of Japan", "the Royal Mail"): never so."""
    name = ent.name[4:] if ent.name.casefold().startswith("the ") else ent.name
    if not ent.mentions or len(name.split()) > 1:
        return False
    definite = sum(1 for m in ent.mentions
                   if _definite_mention(m.text, text[max(0, m.start - 40):m.start], text[m.end:m.end + 20]))
    return 2 * definite > len(ent.mentions)


def entity_evidence(ent: Entity, extraction: Extraction, countries: frozenset[str],
                    org_qids: dict[str, Optional[str]], party_country: Optional[str] = None,
                    hinted_countries: frozenset[str] = frozenset()) -> Evidence:
    """The rules' view of one entity in one document. ``hinted_countries``: the countries the
    document's other names point to (``Linker._consensus_country``), read only where the text
    names no country."""
    text = extraction.document.text
    forms = [ent.name, *ent.aliases, *(m.text for m in ent.mentions)]
    acronyms = tuple(f for f in forms if ent.type == "organization" and looks_like_acronym(f.replace("the ", "")))
    acronym_form = bool(acronyms)
    peers = peer_styling(ent, text) if ent.type == "person" and extraction.lang == "en" else ((), frozenset())
    return Evidence(
        etype=ent.type,
        countries=countries,
        published=_year_of(extraction.document.published),
        years=_entity_years(ent, extraction),
        doc_years=document_years(text),
        tenures=[t for t in extraction.tenures if t.person == ent.name] if ent.type == "person" else [],
        org_qids=org_qids,
        place_reading=ent.type == "person" and _reads_as_place(ent, text),
        byline_only=ent.type == "person" and _byline_only(ent, text),
        acronym_form=acronym_form,
        acronyms=acronyms,
        definite=ent.type == "organization" and _always_definite(ent, text),
        common_noun=ent.type == "organization" and _common_noun(ent.name, text),
        text_key=f" {norm(text)} " if acronym_form else "",
        match_report=match_report(text),
        ages=stated_ages(ent, text) if ent.type == "person" else [],
        party_country=party_country,
        text=text,
        genders=styled_genders(ent, text) if ent.type == "person" else frozenset(),
        peer_forms=peers[0],
        peer_places=peers[1],
        adjective_countries=document_countries(extraction.adjective_places) if ent.type == "organization"
        else frozenset(),
        headline_only=ent.type == "organization" and _headline_only(ent, text),
        english=extraction.lang == "en",
        german=extraction.lang == "de",
        exonym_only=ent.type == "organization" and extraction.lang == "de" and bool(ent.mentions)
        and all(english_exonym(m.text) for m in ent.mentions),
        hinted_countries=hinted_countries,
        name_countries=name_countries(ent.name) if ent.type == "organization" else frozenset(),
        not_a_party=ent.type == "organization" and extraction.lang == "en" and _described_as_no_party(ent, text),
        lower_forms=tuple(forms) if ent.type == "organization" and all(f.islower() for f in forms) else (),
        spelt_out=spelt_out(acronyms, text),
    )


#: Most words of a country name ("United Arab Emirates", "Bosnia and Herzegovina").
_MAX_COUNTRY_WORDS = 3


def name_countries(name: str) -> frozenset[str]:
    """The countries an organisation's own name writes out ("Bank of America" -> US, "Royal Bank
    of Scotland" -> GB): a text naming the body names its country too."""
    words = re.findall(r"[\w'’.-]+", name)
    found = set()
    for n in range(1, _MAX_COUNTRY_WORDS + 1):
        for i in range(len(words) - n + 1):
            code = country_code(" ".join(words[i:i + n]))
            if code:
                found.add(code)
    return frozenset(found)


#: The word right before a mention, maybe with a comma between ("group Liberty", "the charity, Shelter").
_WORD_RIGHT_BEFORE = re.compile(r"([A-Za-z-]+),?\s+$")


def _described_as_no_party(ent: Entity, text: str) -> bool:
    """A noun of a kind no party is stands right before one of the mentions ("civil rights group
    Liberty", "the charity Shelter"): the name is that body's, not a party's short name."""
    nouns = noun_phrase_words()["not_a_party"]
    for m in ent.mentions:
        before = _WORD_RIGHT_BEFORE.search(text[max(0, m.start - 30):m.start])
        if before and before.group(1).casefold() in nouns:
            return True
    return False


# ------------------------------------------------------------------------------------------
# The rules
# ------------------------------------------------------------------------------------------


def type_conflict(index: ReferenceIndex, p: Prepared, prof: Profile, ev: Evidence) -> bool:
    if ev.etype == "person":
        return ev.place_reading or ev.byline_only
    if p.method.endswith(PARTY_NAME_METHOD) and ev.not_a_party:
        return True  # "civil rights group Liberty" is no short name of a "Liberty Party"
    if (ev.match_report or ev.exonym_only) and any(k.startswith(PLACE_KINDS) for k in prof.kinds):
        # in a match report "Sweden" beating "Belgium" are teams, not states; in German "die
        # Austria" is a club, "Statistik Austria" an office: German calls the state Österreich
        return True
    # an organisation mention: never a municipality known only as an operator of OSM features,
    # and "the Crown" / "The Guardian" is an institution, not a shop brand of that name
    label = norm(p.ref.label or "") if p.ref else ""
    if only_operator(prof.kinds) and bool(label) and label.split()[0] in _MUNICIPAL_WORDS:
        return True
    if p.method.endswith("fuzzy") and len(norm(p.label or "")) < MIN_FUZZY_ORG:
        return True  # "Q&A" is no misspelt "C&A": short names differ by one letter by chance
    if p.method.startswith(FORM_PREFIX) and (_common_noun(p.label or "", ev.text) or only_nsi(prof.kinds)):
        # "Bonds" of "Premium Bonds" is a word of a longer name (or the text's common noun), not
        # the clothes brand: only the entity's own name can reach a shop brand
        return True
    one_word = len((p.label or "").split()) == 1
    if (ev.english or ev.german) and only_nsi(prof.kinds) and not _trade_named(prof.kinds, ev.text, ev.german):
        # "Elan" in a story about drugs is no fuel brand, "New Yorker" of a magazine no clothes
        # shop, "Sky" beside "RTL" no supermarket
        return True
    # "the Halifax" in British news about mortgages is the British bank: the article rules a brand
    # out only where the document is not of its country or has no word of its trade ("the Crown"
    # of a court case, "The Daily" of a newspaper)
    definite = ev.definite and not (ev.english and prof.countries & ev.countries
                                    and _trade_words_used(prof.kinds, ev.text))
    return (definite or ev.common_noun or (ev.headline_only and one_word)) and only_nsi(prof.kinds)


_TRADES_FILE = Path(__file__).parent / "lexicons" / "brand_trades_en.tsv"
_TRADES_FILE_DE = Path(__file__).parent / "lexicons" / "brand_trades_de.tsv"


@lru_cache(maxsize=1)
def brand_trades() -> dict[str, frozenset[str]]:
    """NSI trade ("bank", "clothes") -> the words a story about such a brand uses (data)."""
    return {trade.strip(): frozenset(words.split()) for trade, words in read_table(_TRADES_FILE)[1]}


@lru_cache(maxsize=1)
def brand_trades_de() -> dict[str, tuple[str, ...]]:
    """NSI trade -> the word stems a German story about such a brand uses (data; German
    compounds hide them inside longer words, so they are stems, not words)."""
    return {trade.strip(): tuple(stems.split()) for trade, stems in read_table(_TRADES_FILE_DE)[1]}


@lru_cache(maxsize=256)
def _german_words(text: str) -> str:
    """The text's lower-case words, one per line, for finding stems inside compounds."""
    return "\n".join(sorted(set(re.findall(r"[a-zäöüß]+", text.lower()))))


def _german_trade_used(kinds: tuple[str, ...], text: str) -> bool:
    """A word of the German text holds a stem of one of the brand's trades ("Autokonzern": car)."""
    words = _german_words(text)
    trades = brand_trades_de()
    return any(stem in words for k in kinds if k.startswith("NSI brand ")
               for stem in trades.get(k.rsplit("/", 1)[-1], ()))


def _trade_words(kind: str) -> frozenset[str]:
    """The words of one NSI brand kind's trade ("NSI brand shop/car" -> car, cars, carmaker…),
    else of the trade's own name ("shop/outdoor" -> outdoor)."""
    trade = kind.rsplit("/", 1)[-1]
    return brand_trades().get(trade) or frozenset(trade.split("_"))


@lru_cache(maxsize=256)
def _text_words(text: str) -> frozenset[str]:
    return frozenset(re.findall(r"[a-z]+", text.lower()))


def _trade_words_used(kinds: tuple[str, ...], text: str) -> bool:
    """The document uses a word of one of the candidate's shop-brand trades (False when it is no
    shop brand)."""
    words = _text_words(text)
    return any(_trade_words(k) & words for k in kinds if k.startswith("NSI brand "))


def _trade_named(kinds: tuple[str, ...], text: str, german: bool = False) -> bool:
    """The document uses a word of one of the brand's trades (a German one: a stem inside one of
    its words), or the candidate is no shop brand at all (an OSM operator: a council, a police
    force). Only English and German texts are judged: the lexicons have those languages."""
    if not any(k.startswith("NSI brand ") for k in kinds):
        return True
    return _german_trade_used(kinds, text) if german else _trade_words_used(kinds, text)


#: Organisation names shorter than this (normalised) are only matched exactly, never fuzzily.
MIN_FUZZY_ORG = 8
#: First words of NSI operator labels that name a municipality ("Stadt Bern", "City of X").
_MUNICIPAL_WORDS = frozenset("stadt gemeinde city town village ville commune comune municipality "
                             "borough county markt landkreis kreis".split())


#: The genders a style can state; a candidate's other values ("nonbinary") never conflict.
_BINARY_GENDERS = frozenset({"male", "female"})


def gender_conflict(prof: Profile, ev: Evidence) -> bool:
    """The text styles the person as one gender ("Lord Armstrong") and the reference gives the
    candidate only the other ("Hilary Armstrong", female): a namesake, not the person meant."""
    if ev.etype != "person" or len(ev.genders) != 1 or not prof.genders:
        return False
    return prof.genders <= _BINARY_GENDERS and not prof.genders & ev.genders


def peerage_conflict(index: ReferenceIndex, p: Prepared, ev: Evidence) -> bool:
    """The text styles the person a peer and the candidate is none (no peer's label, never a
    member of the House of Lords: "Lord Campbell" is not Alan Campbell the MP), or the peer of
    another place than the one the text writes after the name."""
    if ev.etype != "person" or not ev.peer_forms:
        return False
    label = p.ref.label if p.ref else p.label
    if is_peer_label(label):
        designation = peer_designation(label)
        return bool(ev.peer_places) and designation is not None and designation not in ev.peer_places
    if "," in (label or ""):
        return True  # another formal label ("John Bingham, 7th Earl of Lucan" is Lord Lucan)
    return not any(h.position == LORDS_MEMBER for h in index.holdings(p.qid))


def _peer_namesakes(prepared: list[Prepared], ev: Evidence, out: dict[str, str]) -> dict[str, str]:
    """Two peers the style and name fit ("Lord Archer": of Sandwell, and the novelist whose label
    is his plain name) and no place written after the name to tell them apart: no link."""
    if ev.etype != "person" or not ev.peer_forms or ev.peer_places:
        return {}
    left = [p.qid for p in prepared if p.qid not in out]
    return {q: "peerage" for q in left} if len(left) > 1 else {}


def country_conflict(p: Prepared, prof: Profile, ev: Evidence, fitting: bool,
                     home_prior: float = 0.0, alone: bool = False) -> bool:
    """``fitting``: a party or government body (for a person: a politician) of one of the
    document's countries is among this mention's candidates (then namesakes of other countries
    are not meant); ``home_prior``: the best-known such person's popularity; ``alone``: the
    reference has no other entry of the name."""
    if p.method.endswith(PARTY_NAME_METHOD):
        # "Pirates" may be a party's members only where the party is: in a document of its country,
        # and, when the document's parties agree on a country, of that one ("civil rights group
        # Liberty" in British news is not the American Liberty Party)
        if ev.party_country and ev.party_country not in prof.countries:
            return True
        return not prof.countries & ev.countries
    if not ev.countries and ev.etype == "organization" and _country_bound(prof.kinds):
        # a ministry or party in a text that names no country: the countries its other names
        # point to decide ("Trade and Industry Secretary Patricia Hewitt" beside a "Department
        # of Trade and Industry" is no Philippine department)
        return bool(ev.hinted_countries and prof.countries) and not prof.countries & ev.hinted_countries
    if not ev.countries or not prof.countries or prof.countries & ev.countries:
        return False
    if ev.etype == "person":
        # a politician of another country, while one of the document's country has the name and
        # is at least as well known: "Michael Howard" in British news is the British one (but a
        # British namesake never displaces the better-known American president)
        return fitting and p.prior <= home_prior
    if any(k.startswith("international organisation") for k in prof.kinds):
        return False  # its country is only the seat (WHO: Switzerland)
    if only_nsi(prof.kinds):
        # a shop brand of another country ("FOX" clothes of Israel in British news), unless the
        # text calls something of that country by its adjective ("German telecoms firm X"), or
        # the name could mean nothing else in a story of its trade: the reference's only entry
        # of a coined name
        if prof.countries & (ev.adjective_countries | ev.name_countries):
            return False
        return not (alone and ev.english and _distinctive_name(p.label, ev.text)
                    and _trade_words_used(prof.kinds, ev.text))
    cls = org_class(prof.kinds)
    if cls == "party" or _archive(prof.kinds):
        return True  # a party (an archive) of a country the text never names
    if cls == "government" and p.method.endswith("alias"):
        return True  # another country's ministry under a generic alias ("Department of Employment");
        # agencies are named abroad under their own label ("BBC"), so labels stay
    return fitting  # a namesake abroad while a party of the document's country has the name


#: Kinds of bodies that belong to one country (a government office that OSM maps, a ministry,
#: an agency, a party): unlike a company, named abroad only with their country.
_GOVERNMENT_OFFICE = "NSI operator office/government"


def _distinctive_name(name: str, text: str) -> bool:
    """A name of two or more words, none of which the text also writes in lower case: no
    phrase of ordinary words ("New World", "Royal Bank") but a coined name ("ABN Amro"), which a
    brand of another country keeps wherever its trade is the story (analysts quoted abroad)."""
    words = re.findall(r"[^\W\d_]+", name)
    if len(words) < 2:
        return False  # "FOX": one word is too easily something else
    return not any(re.search(rf"\b{re.escape(w.lower())}\b", text) for w in words)


def _country_bound(kinds: tuple[str, ...]) -> bool:
    """A party, a government body, an archive, or a government office the name-suggestion index lists."""
    if any(k.startswith(("international organisation", *PLACE_KINDS)) for k in kinds):
        return False  # the European Commission, a state: named in any country's news
    return (org_class(kinds) in ("party", "government") or _archive(kinds)
            or any(k.startswith(_GOVERNMENT_OFFICE) for k in kinds))


def _archive(kinds: tuple[str, ...]) -> bool:
    """An archive (ROR's type): a country's or a region's records, named abroad only with that
    country ("the National Archives" in British news is not the Czech one)."""
    return any(k.startswith("ROR archive") for k in kinds)


def date_conflict(index: ReferenceIndex, p: Prepared, prof: Profile, ev: Evidence) -> bool:
    if ev.etype == "person":
        birth = _year_of(p.birth)
        if birth is not None:
            # born after every year the text ties to the mention (and after publication)
            stated = [y for y in ev.years if y != birth]
            if ev.published is not None:
                stated.append(ev.published)
            if stated and birth > max(stated):
                return True
            if ev.doc_years and birth > max(ev.doc_years):
                return True  # the whole document is about times before the candidate was born
            for ten in ev.tenures:
                start = _year_of(ten.start.value if ten.start else None)
                if start is not None and start < birth + MIN_AGE_FOR_POST:
                    return True
        if _posts_after_document(index, p.qid, ev):
            return True
        if birth is not None and _age_contradicts(birth, ev):
            return True
        if prof.death is not None:
            for ten in ev.tenures:
                start = _year_of(ten.start.value if ten.start else None)
                if start is not None and start > prof.death:
                    return True
        return False
    if prof.inception is None:
        return False
    compared = comparison_years(ev.text)
    stated = [y for y in ev.years if y != prof.inception and y not in compared]
    if ev.published is not None:
        stated.append(ev.published)
    doc_years = [y for y in ev.doc_years if y not in compared]
    if doc_years and prof.inception > max(doc_years):
        return True  # founded after every year the document names
    return bool(stated) and prof.inception > max(stated)  # founded after the story


def _age_contradicts(birth: int, ev: Evidence) -> bool:
    """A stated age the candidate reaches only in the future (born 1977, "Mr Tomlinson, 62"), or
    one that does not fit the publication year (one year either way: birthdays)."""
    for age in ev.ages:
        if birth + age - 1 > date.today().year:
            return True
        if ev.published is not None and abs(ev.published - birth - age) > 1:
            return True
    return False


def _posts_after_document(index: ReferenceIndex, qid: str, ev: Evidence) -> bool:
    """Every post the reference knows of this person began after the document was published:
    the politician first elected in 2019 is not the man a 2005 article names. Only the
    publication date bounds the document's time: the years a text names are a lower bound
    ("from 2003 to 2011" in a 2016 article about a minister appointed in 2016)."""
    doc_year = ev.published
    if doc_year is None:
        return False
    starts = [_year_of(h.start) for h in index.holdings(qid)]
    return bool(starts) and all(s is not None and s > doc_year + 1 for s in starts)


def role_conflict(index: ReferenceIndex, p: Prepared, ev: Evidence) -> bool:
    """The text's posts of this person against the candidate's reference posts (P39)."""
    if ev.etype != "person" or not ev.tenures:
        return False
    holdings = index.holdings(p.qid)
    if not holdings:
        return False
    matched = any(best_role_similarity(norm(t.role), index.names(h.position)) >= 0.7
                  for t in ev.tenures for h in holdings)
    if matched:
        return False
    own = index.profile(p.qid).countries
    if own and any(_public_body_of(index.profile(q), own) for q in (ev.org_qids.get(t.org or "") for t in ev.tenures)
                   if q):
        return False  # a post at a public body of the politician's own country: a career the reference lacks
    if p.ref is None or not p.ref.enwiki:
        return True  # an obscure entry whose every post differs from the ones the text gives
    for ten in ev.tenures:
        org = ev.org_qids.get(ten.org or "")
        if org and org_class(index.profile(org).kinds) == "organisation":
            return True  # a company/university post, and none of the politician's posts
    return False


#: Kinds of a business: a company's officer is never taken for a politician of the same name.
_BUSINESS_KINDS = ("company", "brand", "NSI brand")


def _public_body_of(prof: Profile, countries: frozenset[str]) -> bool:
    """A body of one of these countries that is no business (a chamber, agency, union): a
    politician's post there is plausible ("Arbeiterkammer" president Rudolf Kaske)."""
    if not prof.countries & countries:
        return False
    return not any(part.startswith(_BUSINESS_KINDS) for k in prof.kinds for part in k.replace("ROR ", "").split("+"))


#: Shorter initials name a party only where the text writes the party's name out.
MIN_PARTY_INITIALS = 3


#: Initials this long that only one reference name of a notable body has are support enough
#: ("NATO"); shorter ones collide by chance ("GM": General Motors, the Grafton ministry, ...).
MIN_UNIQUE_ACRONYM = 4


def acronym_conflict(index: ReferenceIndex, p: Prepared, prof: Profile, ev: Evidence, n_initials: int,
                     n_parties: int, n_home_parties: int = 0) -> bool:
    """``n_initials``: how many candidates of this mention were found by their initials;
    ``n_parties``: how many of its candidates are parties; ``n_home_parties``: how many are
    parties of the document's countries."""
    if ev.etype != "organization" or not ev.acronym_form:
        return False
    if _defined_otherwise(index, p.qid, ev):
        return True  # "Deutsches Zentrum für Luft- und Raumfahrt (DLR)": the text says which DLR
    if org_class(prof.kinds) == "party" and n_parties > 1 and not prof.countries & ev.countries:
        return True  # parties of several countries share this short name: the text must say which
    if (org_class(prof.kinds) == "party" and n_home_parties == 1 and ev.party_country in prof.countries
            and _longest_acronym(ev) >= MIN_PARTY_INITIALS):
        # the one party with these initials of the country whose parties the text is about
        # ("KPÖ" beside "SPÖ" and "ÖVP"); "AP" in a story naming the United States is no party
        return False
    if p.method.endswith("acronym"):
        # initials of a longer name: only when the document writes that name out, or when
        # they are long and no other reference name has them
        if (n_initials == 1 and _longest_acronym(ev) >= MIN_UNIQUE_ACRONYM and p.ref and p.ref.label
                and not only_nsi(prof.kinds) and (not prof.countries or prof.countries & ev.countries)
                and (acronym(norm(p.ref.label)) or "") in {norm(a).replace(" ", "") for a in ev.acronyms}):
            # the only reference name with these initials, and its own (English) label, of no
            # country or one the text names ("IFPI" in a story about Norway's music trade is no
            # photovoltaic institute of the Ile-de-France)
            return False
        return not _expanded(index, p.qid, ev)
    cls = org_class(prof.kinds)
    if cls in ("organisation", "government") and not any(
            k.startswith(("international organisation", "state", "organisation/jurisdiction")) for k in prof.kinds):
        if p.method.endswith("alias"):
            # the short forms the sources list as aliases ("LSE" of a school, "HSBC" of a US
            # subsidiary, "TUC" of a university) name many bodies: the text must write it out
            return not _expanded(index, p.qid, ev)
        if not (p.ref and p.ref.enwiki):
            # an obscure body whose own label is the short form ("FSA", "UN" of a college):
            # only when the document is about its country or writes the full name out
            return not (prof.countries & ev.countries) and not _expanded(index, p.qid, ev)
    if p.method.endswith("alias") and index.has_kinds():
        if any(k.startswith(PLACE_KINDS) for k in prof.kinds):
            return False  # a state's own short form ("US", "UK") names that state in any news text
        if not prof.kinds:
            return True  # an alias "GM" of an entry of unknown kind
        if _longest_acronym(ev) <= 2:  # two letters name dozens of bodies: the text must say which
            return not _expanded(index, p.qid, ev)
    return False


def capitals_conflict(index: ReferenceIndex, p: Prepared, ev: Evidence) -> bool:
    """An organisation the text writes only in lower case ("dpa", the German news agency) is not
    an entry whose names matching it are all capitals ("DPA", the Drug Policy Alliance): a short
    form in capitals is an acronym, and a name spelt in lower case is a different name (as
    "ver.di", whose own label is lower case, stays linkable)."""
    if not ev.lower_forms:
        return False
    written = [name for form in {norm(f) for f in ev.lower_forms} for q, name, _ in index.exact(form) if q == p.qid]
    return bool(written) and all(name.isupper() for name in written)


#: The words before a bracketed short form that may spell it out ("… Raumfahrt (DLR)").
_DEFINED = "(?:[^\\s.;:!?()]+\\s+){1,8}?\\(\\s*%s\\s*\\)"
#: Two words are one when their first letters agree this far ("Freiheitlichen" ~ "freiheitliche").
_STEM = 5


def _spells(words: str, short: str) -> bool:
    """Do the capitalised words (and hyphenated parts: "Luft-") before a bracket spell the short
    form's letters in order ("Deutsche Zentrum für Luft- und Raumfahrt" -> DLR)? A party after
    a person's name ("Johanna Mikl-Leitner (ÖVP)") spells nothing: it is an affiliation."""
    initials = "".join(part[0] for w in words.split() for part in w.split("-") if part[:1].isupper())
    letters = iter(initials.upper())
    return all(ch in letters for ch in short.replace(".", "").upper())


def spelt_out(acronyms: tuple[str, ...], text: str) -> tuple[str, ...]:
    """The long forms (normalised) the text spells its short forms out with, in brackets after
    them ("das Deutsche Zentrum für Luft- und Raumfahrt (DLR)"); read once per entity."""
    found = ((m.group(0).split("(")[0], a) for a in acronyms
             for m in re.finditer(_DEFINED % re.escape(a.removeprefix("the ")), text))
    return tuple(norm(words) for words, a in found if _spells(words, a))


def _defined_otherwise(index: ReferenceIndex, qid: str, ev: Evidence) -> bool:
    """The text spells the short form out in brackets (``Evidence.spelt_out``) with words none of
    the candidate's names has: it names another body (not France's "DLR" party). Words are
    compared by their first letters, so German inflection ("der Freiheitlichen Partei
    Österreichs (FPÖ)") still matches the party's native name."""
    if not ev.spelt_out:
        return False
    mine = {w[:_STEM] for name in index.names(qid) for w in name.split() if len(w) > 3}
    return not any(w[:_STEM] in mine for long in ev.spelt_out for w in long.split() if len(w) > 3)


def _expanded(index: ReferenceIndex, qid: str, ev: Evidence) -> bool:
    """The document writes out one of the candidate's multi-word names."""
    return any(f" {name} " in ev.text_key for name in index.names(qid) if " " in name)


def _longest_acronym(ev: Evidence) -> int:
    return max((len(a.replace(".", "").replace("the ", "").strip()) for a in ev.acronyms), default=0)


def conflicts(index: ReferenceIndex, prepared: list[Prepared], ev: Evidence) -> dict[str, str]:
    """QID -> name of the first rule that rules it out, for the candidates of one mention."""
    index.prefetch_profiles(p.qid for p in prepared)
    profiles = {p.qid: index.profile(p.qid) for p in prepared}
    if ev.etype == "person":
        home = [p.prior for p in prepared if profiles[p.qid].countries & ev.countries]
        fitting, home_prior = bool(home), max(home, default=0.0)
    else:
        fitting = bool(ev.countries) and any(prof.countries & ev.countries and org_class(prof.kinds) == "party"
                                             for prof in profiles.values())
        home_prior = 0.0
    n_parties = sum(1 for prof in profiles.values() if org_class(prof.kinds) == "party")
    n_home_parties = sum(1 for prof in profiles.values()
                         if org_class(prof.kinds) == "party" and prof.countries & ev.countries)
    n_initials = sum(1 for p in prepared if p.method.endswith("acronym"))
    out: dict[str, str] = {}
    for p in prepared:
        prof = profiles[p.qid]
        if type_conflict(index, p, prof, ev):
            out[p.qid] = "type"
        elif gender_conflict(prof, ev):
            out[p.qid] = "gender"
        elif peerage_conflict(index, p, ev):
            out[p.qid] = "peerage"
        elif country_conflict(p, prof, ev, fitting, home_prior, alone=len(prepared) == 1):
            out[p.qid] = "country"
        elif date_conflict(index, p, prof, ev):
            out[p.qid] = "date"
        elif role_conflict(index, p, ev):
            out[p.qid] = "role"
        elif acronym_conflict(index, p, prof, ev, n_initials, n_parties, n_home_parties) \
                or capitals_conflict(index, p, ev):
            out[p.qid] = "acronym"
    out.update(_peer_namesakes(prepared, ev, out))
    if ev.etype == "organization":
        out.update(_abroad_like_the_brand(prepared, profiles, ev, out))
        out.update(_wikipedia_namesakes(prepared, profiles, out))
    return out


def _wikipedia_namesakes(prepared: list[Prepared], profiles: dict[str, Profile], out: dict[str, str]) -> dict[str, str]:
    """A company, university or other body English Wikipedia itself tells apart from namesakes
    ("Manchester University (Indiana)") loses to a candidate of the name whose article has the
    plain title (the University of Manchester, "Manchester University" among its names):
    Wikipedia's primary topic is what a bare mention means. Parties and states have their own
    rules (their titles are disambiguated by country: "Labour Party (UK)")."""
    left = [p for p in prepared if p.qid not in out and p.ref is not None and p.ref.enwiki
            and org_class(profiles[p.qid].kinds) == "organisation"]
    if not any("(" not in p.ref.enwiki for p in left):
        return {}
    return {p.qid: "namesake" for p in left if "(" in p.ref.enwiki}


def _abroad_like_the_brand(prepared: list[Prepared], profiles: dict[str, Profile], ev: Evidence,
                           out: dict[str, str]) -> dict[str, str]:
    """When a shop brand was ruled out as of another country, or by its article alone in a story
    of its trade ("the Honda Accura" in American car news), a namesake of yet another country the
    document does not name is no better: "Honda" in news about China is not the brand of Japan,
    but no more the German company labelled "Honda" either (which one the text means is not
    said, so the name stays unlinked)."""
    brands: dict[str, set[str]] = {}
    for p in prepared:
        kinds = profiles[p.qid].kinds
        if only_nsi(kinds) and (out.get(p.qid) == "country"
                                or out.get(p.qid) == "type" and _trade_words_used(kinds, ev.text)):
            brands.setdefault(norm(p.label or ""), set()).update(profiles[p.qid].countries)
    # a company of the brand's own country is the brand's maker, named abroad as companies are
    # ("Volkswagen" in news about South Africa's car market is the German group)
    return {p.qid: "country" for p in prepared
            if p.qid not in out and norm(p.label or "") in brands and profiles[p.qid].countries
            and not profiles[p.qid].countries & ev.countries
            and not profiles[p.qid].countries & brands[norm(p.label or "")]}


# ------------------------------------------------------------------------------------------
# After scoring: a person named like someone the reference barely knows needs evidence
# ------------------------------------------------------------------------------------------

_EVIDENCE_FEATURES = ("role", "dates", "birth", "context")
_WEAK_METHODS = ("fuzzy", "surname")


def _lossy_script(name: str) -> bool:
    """The name is written in Chinese characters, kana or hangul: their romanisation drops what
    tells names apart (many characters read "Yan"), unlike the near one-to-one transliteration
    of Cyrillic or Greek."""
    return any("\u1100" <= ch <= "\u11ff" or "\u3040" <= ch <= "\u30ff" or "\u3400" <= ch <= "\u9fff"
               or "\uac00" <= ch <= "\ud7af" or "\uf900" <= ch <= "\ufaff" for ch in name)


def unsupported(etype: str, ref: Optional[RefEntity], method: str, features: dict[str, float],
                country_fit: bool = False, matched: str = "", foreign: bool = False) -> bool:
    """A person linked on the name alone where the name is a weak clue: found under another
    form of the name (``known-as``) without evidence or a country of the document, or only
    through the romanisation of a Chinese, Japanese or Korean name (``matched``, the reference
    name that matched) on an entry without an English Wikipedia article, or the entry is one of
    several namesakes by Wikipedia's own account (its article title is disambiguated: "Michael
    Jackson (journalist)"), or an obscure entry (no English Wikipedia article) found only by a
    fuzzy or surname match, or of a country the document does not name (``foreign``: "Andy
    Roe", a health-board chief in a Welsh story, is no Grenadian politician of that name known
    by nothing else). Famous people the reference lacks land exactly on such entries."""
    if etype != "person":
        return False
    if KNOWN_AS_METHOD in method and not country_fit and not any(
            features.get(f, 0.0) > 0 for f in _EVIDENCE_FEATURES):
        return True  # "James Murphy" is not "Jim Murphy" on the name alone: the text must say more
    enwiki = ref.enwiki if ref else None
    if not enwiki and _lossy_script(matched) and not any(features.get(f, 0.0) > 0 for f in _EVIDENCE_FEATURES):
        return True  # "Wang Yan" read off an obscure entry's "王雁": 王燕 and 王艳 read the same
    if enwiki and "(" in enwiki:
        # a country in common is no evidence against a more famous namesake: the text must
        # give a matching post, its dates or the birth date
        return not any(features.get(f, 0.0) > 0 for f in ("role", "dates", "birth"))
    if any(features.get(f, 0.0) > 0 for f in _EVIDENCE_FEATURES):
        return False
    return not enwiki and (foreign or any(w in method for w in _WEAK_METHODS) and "+document" not in method)


def sport_namesake(etype: str, ref: Optional[RefEntity], features: dict[str, float], ev: Evidence) -> bool:
    """A person a match report names (a player, a coach, a referee) found on the name alone on
    an entry without an English Wikipedia article: the reference holds politicians, so such an
    entry is a namesake ("Thorsten Schick" in a football injury list is no German politician)."""
    return (etype == "person" and ev.match_report and not (ref and ref.enwiki)
            and not any(features.get(f, 0.0) > 0 for f in _EVIDENCE_FEATURES))


def unsupported_org(ref: Optional[RefEntity], method: str, prof: Profile, ev: Evidence) -> bool:
    """A company, university or brand found only through one of its aliases ("Triple A"), without an English
    Wikipedia article and not of a country the document names: the alias is a weak clue. Or one
    that English Wikipedia itself tells from namesakes ("Manchester University (Indiana)") of a
    country the document names neither by name nor by adjective (a text naming no country: that
    its other names point to): "Manchester University" in British news is not the college in
    Indiana."""
    if ev.etype != "organization" or org_class(prof.kinds) != "organisation":
        return False
    named = ev.countries or ev.hinted_countries  # a text naming no country: the countries its other names point to
    if ref is not None and ref.enwiki and "(" in ref.enwiki and prof.countries and named:
        return not prof.countries & (named | ev.adjective_countries | ev.name_countries)
    if ev.acronym_form or not method.endswith("alias"):
        return False  # short forms have their own rule (acronym_conflict)
    if ref is not None and ref.enwiki:
        return False
    return not (prof.countries & ev.countries)
