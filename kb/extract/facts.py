"""Parsed sentences -> entities (persons, organisations) and tenures, with evidence: the driver.

For each sentence: NER mentions (``mentions.py``), role phrases (``roles.py``), date mentions
(``dates.py``); then the holder rules attach each role phrase to a person. The rules live in
``rules/`` by family and run in the order of one table, ``rules.RULES`` (name, function,
scope, confidence, version):

* ``title_before_name``  "Prime Minister Jonas Gahr Store", "NATO chief Mark Rutte"
* ``apposition``         "Jane Roe, Norway's finance minister, said" / "X, the 14th secretary general"
* ``inverse_copula``     "the deputy mayor is Terje Halleland"
* ``fronted_apposition`` "A Republican, he …", "A former minister of Peru, Jane Roe said"
* ``copula``             "X is/was/became/served as/was appointed/took over as … ROLE"; the subject
                         may be a pronoun or a relative clause ("X, who has served as …"); also
                         ``conjunction`` ("… served as prime minister … and leader of the VVD …")
                         and ``succession`` ("X succeeded Y as ROLE": X holds it, Y held it)
* sentence rules         "X heads/led/chairs/founded ORG", "X works for ORG", "ORG, led by X",
                         parties ("X (PARTY)", "Labour's X", "(R-Ohio)"), "King Harald V of
                         Norway", "the presidency of X", "ascended the throne"
* ``role_list``          "The three former directors are A, B and C", "two Acme directors, A and B,"
* ``description``        "the lawmaker told …", "The NATO chief added": a role description that
                         refers back to a person (coref.py), once the whole document is read

Organisations come from the role phrase (roles.py: "of/at/for ORG", premodifiers, possessives,
demonyms), from "the country's/company's ROLE" (the org named last, ``rules/orgs.py``) and from
the document (its one country or region, ``rules/places.py``, also for ministers and MPs and from
cues such as "the Commons"; its main organisation for company posts and its one party for party
posts, ``rules/orgs.py``). Dates come from the role's clause and from events stated apart
("took over the chairmanship in 1986", "quit the government in 1999": ``rules/dating.py``);
status cues beyond the clause (a death, a dated past narrative, "is to be replaced by",
"effective from") from ``rules/status.py``. Birth and death dates come from
``rules/lifespans.py``; quoted text gives titles only, never copula facts; irrealis cues
("will", "hopes to", "never", "next") block a claim; page chrome gives nothing.

Sentences with ``lang == "de"`` go to the German rules (``de/rules.py``), which return the
same ``Claim`` records; German posts naming no organisation take the document's place, party or
organisation of their kind (``de/places.py``, ``de/parties.py``, ``de/doc_orgs.py``). Claims are
then merged into tenures (``claims.py``).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Optional

from ..countries import cldr_countries, grouping_codes
from ..model import DateValue, Entity, Mention, Tenure
from .claims import Claim, merge_claims
from .coref import canonical_names
from .dates import find_dates
from .de.doc_orgs import resolve_orgs_de
from .de.parties import resolve_parties_de
from .de.places import resolve_places_de
from .de.rules import extract_tenures_de
from .entity_types import complete_first_names, complete_org_names, correct_types, fuller_claim_orgs
from .lexicon import lexicon, party_name
from .mentions import in_ranges, is_chrome, ner_mentions, quoted_ranges
from .roles import RoleMatch, body_names, find_roles
from .rules import DOCUMENT_RULES, ROLE_RULES, SENTENCE_RULES, stamp
from .rules.context import Discourse, SentCtx, last_date, token_spans
from .rules.dating import attach_dates, date_exit_events, date_office_events, exit_events, office_events
from .rules.lifespans import born_clause, life_dates
from .rules.orgs import adviser_of_holder, committee_chairs, company_word, document_org, org_anaphor, org_from_document, org_ok, party_posts, person_to_org, possessor_org, juxtaposed_org
from .rules.places import country_of_place, document_country, document_region, legislature_from_committee
from .rules.status import announced_exits, deaths_stated, effective_dates, historical_titles, past_exits, replacements
from .rules.subjects import note_names, note_pronoun_subject, rescue_names


def extract_facts(pd) -> tuple[list[Entity], list[Tenure]]:
    """Entities and tenures of one parsed document (see the module docstring)."""
    quoted = quoted_ranges(pd.document.text)
    anchor = pd.document.published
    mentions: list[Mention] = []
    claims: list[Claim] = []
    deferred: list[tuple[SentCtx, RoleMatch]] = []
    births: dict[int, DateValue] = {}  # id(mention) -> birth date
    deaths: dict[int, DateValue] = {}
    disc = Discourse()
    events: list[tuple[Mention, object, int]] = []  # "took office in …": (person, date, sentence)
    exits: list = []  # "quit the government in 1999" (rules.dating.ExitEvent)
    bodies: list[tuple[int, str]] = []  # "the Commons education select committee": (offset, name)
    died: list[Mention] = []  # "Lord Roe has died": persons whose death the text states
    dated: dict[int, list[tuple[int, str]]] = {}  # sentence -> (offset, year) of its dates
    prior: Optional[DateValue] = None  # the last date stated so far ("four years later" counts from it)
    parsed = [(sent, sdoc, ner_mentions(sent, sdoc)) for sent, sdoc in zip(pd.sentences, pd.docs)
              if not is_chrome(sent.text)]
    org_names, weak = correct_types(parsed)  # the document's cues decide person / organisation / neither
    for sent, sdoc, sent_mentions in parsed:
        ctx = SentCtx(sent, sdoc, disc=disc)
        mentions.extend(sent_mentions)
        ctx.persons = token_spans(ctx, [m for m in sent_mentions if m.type == "person"])
        if sent.lang == "en":
            rescue_names(ctx, mentions)
            note_names(ctx)
            note_pronoun_subject(ctx, mentions, quoted)
        ctx.dates = find_dates(sent.text, anchor, sent.lang, sent.start, prior)
        prior = last_date(ctx.dates) or prior
        dated[sent.index] = [(d.start_char, d.start.value[:4]) for d in ctx.dates if d.start is not None]
        life_dates(ctx, births, deaths, mentions)
        if sent.lang == "en":
            born_clause(ctx, births, mentions, quoted)
        if sent.lang == "de":
            claims.extend(extract_tenures_de(ctx.sent, ctx.doc, [p[2] for p in ctx.persons], ctx.dates, mentions))
            continue
        found = _sentence_claims(ctx, mentions, quoted, deferred)
        bodies.extend((sent.start + sdoc[a].idx, sdoc[a:b].text) for a, b in body_names(sdoc))
        successors = replacements(ctx, found, mentions, quoted)
        stamp(successors)
        found += successors
        effective_dates(ctx, found, anchor)
        announced_exits(ctx, found, mentions, quoted)
        past_exits(ctx, found, quoted)
        claims.extend(found)
        events.extend(office_events(ctx, mentions, quoted))
        exits.extend(exit_events(ctx, mentions, quoted))
        died.extend(deaths_stated(ctx, mentions, quoted))
    _retype_orgs(mentions, org_names)
    names = complete_first_names(canonical_names(m.text for m in mentions if m.type == "person"))
    # an organisation a rule named in the nominative ("des Justizministeriums" -> "Justizministerium")
    # goes by that name
    orgs = complete_org_names([m.name or m.text for m in mentions if m.type == "organization"
                               and m.label not in ("GPE", "LOC", "NORP")]
                              + [c.org for c in claims if c.org], _place_names(mentions))
    for m in mentions:
        m.name = names.get(m.text, m.text) if m.type == "person" else orgs.get(m.name or m.text, m.name or m.text)
    for c in claims:
        c.person = c.mention.name or names.get(c.mention.text, c.mention.text)
    for rule in DOCUMENT_RULES:
        found = rule.func(deferred, claims, mentions, quoted, pd.sentences)
        stamp(found)
        claims.extend(found)
    date_office_events(events, claims, names)
    date_exit_events(exits, claims, names)
    resolve_places_de(claims, mentions, pd.sentences)  # German posts: the document's city/state/country
    resolve_parties_de(claims, mentions, pd.sentences)  # German party posts: the document's main party
    resolve_orgs_de(claims, mentions, pd.sentences)  # German company/club posts: the document's main one of their kind
    possessor_org(claims, mentions, pd.document.text)
    _on_english_claims(claims, lambda own: juxtaposed_org(own, mentions, pd.document.text))
    party_posts(claims, mentions, pd.document.text)
    _on_english_claims(claims, lambda own: document_region(own, mentions))
    _on_english_claims(claims, lambda own: document_country(own, mentions, pd.sentences))
    committee_chairs(claims, bodies, pd.document.text)  # before the main org: "committee chairman X" chairs a committee
    document_org(claims, mentions, pd.document.text)
    adviser_of_holder(claims, pd.document.text)
    legislature_from_committee(claims)
    for c in claims:
        c.org = orgs.get(c.org, c.org) if c.org else c.org
    fuller_claim_orgs(claims, mentions)
    historical_titles(claims, dated, anchor)
    tenures = merge_claims(claims, anchor, deaths, mentions, {m.name or names.get(m.text, m.text) for m in died})
    holders = {t.person for t in tenures}  # a one-word name without support stays only as a holder
    mentions = [m for m in mentions if not (m.type == "person" and m.text in weak and (m.name or m.text) not in holders)]
    german = frozenset(s.index for s in pd.sentences if s.lang == "de")
    entities = _entities(mentions, tenures, births, deaths, german)
    return entities, tenures


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


#: NER labels of nationality adjectives ("German", "Japanese").
_ADJECTIVE_NER_LABELS = {"NORP"}


def document_adjective_places(pd) -> list[str]:
    """Canonical English names of the countries a parsed English document names by an
    adjective ("German telecoms firm X", "its Japanese rival X"), in order of first mention.
    Kept apart from ``document_places``: "Indian" may be about India or not, so the linker
    reads these only as support for a company or brand of that country, never against one."""
    demonyms = lexicon().demonyms
    out: dict[str, None] = {}
    for sent, sdoc in zip(pd.sentences, pd.docs):
        if is_chrome(sent.text) or sent.lang != "en":
            continue
        for ent in sdoc.ents:
            name = demonyms.get(ent.text) if ent.label_ in _ADJECTIVE_NER_LABELS else None
            if name:
                out.setdefault(name, None)
    return list(out)


def _place_names(mentions: list[Mention]) -> set[str]:
    """Names of places: the document's GPE/LOC/NORP mentions and every country kb knows."""
    lex = lexicon()
    names = {m.text for m in mentions if m.label in ("GPE", "LOC", "NORP")}
    return names | set(lex.countries) | set(lex.countries.values()) | set(lex.demonyms) | set(lex.demonyms.values())


def _on_english_claims(claims: list[Claim], apply) -> None:
    """Run an English document rule on the English rules' claims only, keeping the claims' order.

    The English document-country and region rules read English country and state names; on a
    German story they pick up names that happen to be spelt alike ("Israel", "Washington") and
    give a German post a wrong country. German posts get theirs from ``de/places.py``."""
    own = [c for c in claims if not c.rule.startswith("de_")]
    apply(own)
    kept = {id(c) for c in own}
    claims[:] = [c for c in claims if c.rule.startswith("de_") or id(c) in kept]


def _retype_orgs(mentions: list[Mention], org_names: set[str]) -> None:
    """NER is inconsistent across sentences: an ORG with a person's name (or surname) is that
    person, unless the document shows it is an organisation ("Disney directors", ``org_names``)."""
    persons = {m.text for m in mentions if m.type == "person"}
    surnames = {p.split()[-1] for p in persons if len(p.split()) > 1}
    for m in mentions:
        if m.type == "organization" and m.label == "ORG" and (m.text in persons or m.text in surnames) \
                and m.text not in org_names:
            m.type, m.label = "person", "rule:same_name"


def _sentence_claims(ctx: SentCtx, mentions: list[Mention], quoted, deferred) -> list[Claim]:
    """The claims of one English sentence: the role rules per role phrase (first claim wins),
    then the sentence rules, in ``RULES`` order; then each claim's dates."""
    out: list[Claim] = []
    doc = ctx.doc
    roles = find_roles(doc, ctx.lowers)
    for m in roles:
        if m.extras.get("org_was_person"):
            person_to_org(ctx, m, mentions)
    for m in roles:
        if m.org_name is None:
            org_anaphor(ctx, m, mentions)
        in_quote = in_ranges(ctx.sent.start + doc[m.core_start].idx, quoted)
        claim = None
        for rule in ROLE_RULES:
            if in_quote and not rule.in_quotes:
                continue
            claim = rule.func(ctx, m, mentions, quoted, out)
            if claim is not None:
                break
        if claim is None:
            if not in_quote:  # a holder named later ("the chancellor said"): rules.back_references
                deferred.append((ctx, m))
            continue
        if not org_ok(m, claim.rule):
            if not org_from_document(doc, m, claim.rule):
                continue
            claim.needs_doc_org = True
            claim.company_word = company_word(doc, m)
        out.append(claim)
    if not any(in_ranges(ctx.sent.start + t.idx, quoted) for t in doc[:1]):
        for rule in SENTENCE_RULES:
            out.extend(rule.func(ctx, roles, mentions, quoted))
    for c in out:
        attach_dates(ctx, c, out)
    stamp(out)
    return out


def _country_as_org(m: Mention, german: frozenset[int]) -> bool:
    """A country's bare name typed as an organisation (the model's ORG, or a mistagged person
    that the type rules turned into one: "the Maldives", "Sri Lanka"): like a place, an
    organisation only where it holds a post (a country counts as one only when it acts as a
    government with a post: gold format v1). German names only in German sentences (``german``:
    their indices): "Island" is Iceland there, a record label in English."""
    text = m.text.removeprefix("the ").removeprefix("The ")
    lang = "de" if m.sentence in german else "en"
    return country_of_place(text, lang) is not None or text in _cldr_states(lang)


@lru_cache(maxsize=2)
def _cldr_states(lang: str) -> frozenset[str]:
    """CLDR's country names in English, and for German text also in German, without its groupings
    that are no state ("United Nations", "European Union", "Eurozone": ``countries.grouping_codes``)."""
    not_states = grouping_codes()
    return frozenset(n for code_lang in {"en", lang} for c, n in cldr_countries(code_lang) if c not in not_states)


def _entities(mentions: list[Mention], tenures: list[Tenure], births: dict, deaths: dict,
              german: frozenset[int] = frozenset()) -> list[Entity]:
    """Persons and organisations under their fullest names; places only where they hold a post
    (``german``: the indices of the document's German sentences)."""
    post_orgs = {t.org for t in tenures if t.org}
    demonyms, countries = lexicon().demonyms, lexicon().countries
    entities: dict[tuple[str, str], Entity] = {}
    # a party a post names ("Conservative Party" of "Tory leader X") is the party's record: its
    # other forms in the text ("Tory") join it, not a second record beside it
    # (keyed by the party's canonical name, which a post's organisation may already be)
    party_forms: dict[str, str] = {party_name(o) or o: o for o in sorted(post_orgs)}
    for m in mentions:
        if m.type == "organization":
            party = party_name(m.text) if m.label in ("NORP", "ORG") else None
            name = (countries.get(m.text) or demonyms.get(m.text, m.text)) if m.label in ("NORP", "GPE") else m.name or m.text
            # one party, one record, under the first form the text uses ("Tory" links no better as
            # "Conservative Party": which one?)
            name = party_forms.setdefault(party, m.text) if party else name
            if not party and (m.label in ("GPE", "LOC", "NORP") or _country_as_org(m, german)) and name not in post_orgs \
                    and m.text not in post_orgs:
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
