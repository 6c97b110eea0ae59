"""Which company, bank, club or media house a German post that names no organisation belongs to:
the document's main organisation of the kind its title implies.

German business news names the company once or twice ("Die Vorarlberger Firma Häusle", "der
Internetdienstleister United Internet", "die Hypo") and then writes "Konzernchef X", "Vorstandschef
X", "Geschäftsführer X" or "die Exbankchefs A, B und C" without it. ``resolve_orgs_de`` fills the
organisation of such posts after a document's sentences are read:

* the title's kind (``title_kind``): a kind noun at the front of the title ("Bankchef" -> a bank,
  "Vereinspräsident" -> a club, "Firmensprecher" -> a company, "Airline-Chef"), or after it ("der
  Vorstandschef des Unternehmens"), else a company post of the role lexicon ("Vorstandschef",
  "Geschäftsführer": any company, a bank or media house included) or a media post ("Chefredakteur");
* the document's organisations of a known kind (``document_orgs``): a name the lexicon knows ("Hypo",
  "ORF", "FC …"), a name whose own words say it ("Deutsche Bank", "Energie Steiermark AG"), or one the
  text introduces by a kind noun ("der Konzern X", "das Nachrichtenmagazin Focus", "die X-Bank"),
  counted by how often the text names them (compounds such as "Hypo-Causa" included; the headline and
  lead count twice, as in English ``rules/orgs._main_org``);
* the post takes the organisation of its kind the document names most, at least twice (a name
  known only from the lexicon three times: stories cite rivals by name) and more than one and a half
  times as often as any other of that kind; not when its sentence names another organisation that
  may own the post, an organisation after the title the rules could not read ("Chefredakteur der
  Zeitschrift X"), or a possessive ("sein Geschäftsführer") points to someone else's.

Kinds and names: ``lexicons/org_kinds_de.tsv``. A title that needs an organisation to mean anything
("Firmensprecher", "Vereinschef") is kept by the rules only for this step (``needs_doc_org``): the
document stage drops it when no organisation is found. Nothing here touches spaCy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, Optional

from ...model import Mention, Sentence, Span
from ..claims import Claim
from ..lexicon import records, word_sets
from .companies import LEGAL_FORMS
from .known_orgs import is_body_noun_de, is_seated_body_de
from .lexicon import country_name, match_role_entry
from .orgs import NEWS_OUTLETS
from .parties import party_named
from .places import place_named

#: Kinds a title of each kind accepts, in tiers: a "Konzernchef" may lead a bank, and a media house
#: when the story names no other company (a business story cites papers as its sources: "sagte er der SZ").
ACCEPTS = {"bank": ({"bank"},), "company": ({"company", "bank"}, {"media"}), "media": ({"media"},), "club": ({"club"},)}
#: Legal forms that make a name a company's ("Energie Steiermark AG"); not "SE" or "SA" ("das iPhone SE").
COMPANY_FORMS = {"AG", "GmbH", "mbH", "KG", "KGaA", "OHG", "eG", "plc", "Plc", "Inc.", "Ltd.", "Corp.", "N.V.", "B.V.", "S.A.", "Holding"}
#: Role lexicon categories whose post, with no kind word in the title, is a company's or a media house's.
#: Not a team's ("Trainer X"): match reports name two clubs about as often (tried on 10kGNAD: 11 coaches
#: given a club, 6 right); ``orgs.story_org`` gives those the club named right before.
CATEGORY_KINDS = {"business": "company", "media": "media"}
#: Categories of role words that are never an organisation's post of a kind even when a kind noun opens
#: them: "Klubchef", "Klubobmann" lead a party's group in a parliament (Austrian "Klub").
NO_KIND_CATEGORIES = {"legislature", "party", "government", "local government", "regional government"}
#: Company posts of the role lexicon that Austrian news uses for parties ("Landesgeschäftsführer").
NOT_COMPANY_POSTS = word_sets("role_classes_de.tsv")["not_company_posts"]
#: Words before a title that point to another owner: "sein Geschäftsführer", "deren Chef".
POSSESSIVES = {"sein", "seine", "seinen", "seinem", "seiner", "ihr", "ihre", "ihren", "ihrem", "ihrer", "dessen", "deren"}
#: Prefixes of a title that say when, not what: "Exbankchef", "Altkonzernchef".
FORMER_PREFIXES = ("ex", "alt")
#: Sentences that state what a news text is about (the teaser, the lead): a name there counts twice.
LEAD_SENTENCES = 2
MIN_WEIGHT = 2
#: A name known only from the lexicon ("Rewe", "Apple") must be named more: stories cite rivals by name.
MIN_WEIGHT_LISTED = 3
DOMINANCE = 1.5
#: A kind noun as the last part of a compound must be at least this long ("Großbank": "bank").
MIN_TAIL = 4


@lru_cache(maxsize=1)
def _kinds() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """(kind noun -> kind, name or name word -> kind, name or name word -> form) from ``org_kinds_de.tsv``."""
    nouns: dict[str, str] = {}
    names: dict[str, str] = {}
    forms: dict[str, str] = {}
    for rec in records("org_kinds_de.tsv"):
        word, kind, form = rec["word"] or "", rec["kind"] or "-", rec["form"] or "noun"
        if form == "noun":
            nouns[word] = kind
        else:
            names[word], forms[word] = kind, form
    return nouns, names, forms


def _noun_forms(word: str) -> Iterable[str]:
    """The lower-case word and its stems without a genitive or plural ending ("Unternehmens")."""
    w = word.lower()
    yield w
    for ending in ("es", "en", "s", "n"):
        if w.endswith(ending) and len(w) - len(ending) >= 3:
            yield w[: -len(ending)]


def noun_kind(word: str) -> Optional[str]:
    """The kind of body a noun names, alone or as a compound's last part ("Großbank" -> bank,
    "Recyclingunternehmens" -> company); None for other words and listed non-bodies ("Datenbank")."""
    nouns = _kinds()[0]
    if not word.replace("-", "").isalpha():
        return None
    for form in _noun_forms(word.strip("-")):
        for i in range(0, max(1, len(form) - MIN_TAIL + 1)):
            kind = nouns.get(form[i:])
            if kind is not None:
                return None if kind == "-" else kind
    return None


def _prefix_kind(word: str) -> Optional[str]:
    """The kind of a kind noun that opens a closed title: "Bankchef", "Exbankchefs" -> bank,
    "Vereinspräsident" -> club, "Unternehmenssprecher" -> company (the rest must be a role word)."""
    w = word.lower()
    for prefix in FORMER_PREFIXES:
        if w.startswith(prefix) and match_role_entry(w[len(prefix):]) is not None:
            w = w[len(prefix):]
    nouns = _kinds()[0]
    for n in range(len(w) - 3, 2, -1):
        kind = nouns.get(w[:n])
        if kind is None or kind == "-":
            continue
        rest = w[n:]
        for link in ("", "s", "es", "en", "n"):
            if rest.startswith(link) and len(rest) - len(link) >= 4 and match_role_entry(rest[len(link):]) is not None:
                return kind
    return None


def title_kind(role: str, role_text: str, by_category: bool = True) -> Optional[str]:
    """The kind of organisation a German title says its post is in (see the module docstring), else
    None. ``by_category=False``: only a kind word in the title counts ("Firmensprecher" -> company, but
    not "Sprecher"), as for a post that needs an organisation to mean anything."""
    words = role_text.split()
    at = next((i for i in range(len(words) - 1, -1, -1) if match_role_entry(words[i]) is not None), None)
    if at is None:
        return None
    word = words[at]
    entry = match_role_entry(word)
    if entry is None or role in NOT_COMPANY_POSTS:
        return None
    if "-" in word.strip("-"):
        kind = noun_kind(word.strip("-").split("-")[-2])  # "Airline-Chef", "Klub-Präsident"
    elif entry.category in NO_KIND_CATEGORIES:
        return None  # "Klubchef": a party's post in parliament
    else:
        kind = _prefix_kind(word)
    after = [noun_kind(w) for w in words[at + 1 :] if w[:1].isupper()]
    kind = kind or next((k for k in after if k), None)  # "der Vorstandschef des Unternehmens"
    return kind or (CATEGORY_KINDS.get(entry.category) if by_category else None)


@dataclass
class DocOrg:
    """One organisation of a known kind the document names: where and how often (weighted)."""

    name: str
    kind: str
    weight: int = 0
    spans: list[Span] = field(default_factory=list)
    listed: bool = False  # its kind known only from the lexicon's names


def _name_kind(name: str, listed: bool = True) -> Optional[str]:
    """The kind a name says itself: a listed name or name word ("Hypo", "FC Talheim"; not with
    ``listed=False``), a legal form ("Rheinwerke AG"), or a kind noun as its last word ("Deutsche
    Bank", "Nordbank")."""
    names = _kinds()[1] if listed else {}
    if name in names:
        return names[name]
    words = [w for part in name.split() for w in part.split("-")]
    listed = next((names[w] for w in words if w in names), None)
    if listed is not None:
        return listed
    if any(w in COMPANY_FORMS for w in name.split()) or name.lower().endswith("gmbh"):
        return "company"  # "Energie Steiermark AG", "Pfeiffer HandelsgmbH"
    return noun_kind(words[-1]) if words else None


def is_kind_noun(text: str) -> bool:
    """"Bank", "Konzerns", "Airline": a kind noun alone names no organisation."""
    return any(form in _kinds()[0] for form in _noun_forms(text))


def _split_kind(text: str) -> tuple[str, Optional[str]]:
    """"Vorarlberger Firma Häusle" -> ("Häusle", company): a kind noun inside a mention names what the
    words after it are; otherwise the mention as it stands and no kind."""
    words = text.split()
    for i in range(len(words) - 2, -1, -1):
        kind = noun_kind(words[i])
        if kind is not None and words[i][:1].isupper():
            return " ".join(words[i + 1 :]), kind
    return text, None


def _countable(m: Mention) -> bool:
    """An organisation mention that may be a company, bank, club or media house: no party, place,
    public body or the outlet quoted."""
    text = m.text
    if m.type != "organization" or m.label in ("LOC", "GPE", "NORP") or len(text) < 2 or text in LEGAL_FORMS \
            or not text[:1].isupper() and not text[:1].isdigit():
        return False
    last = text.split()[-1]
    return not (text.lower() in NEWS_OUTLETS or party_named(text) or country_name(text) or place_named(text)
                or is_body_noun_de(last) or is_seated_body_de(last) or is_kind_noun(text))


def _occurrences(name: str, sentences: list[Sentence]) -> list[tuple[Sentence, re.Match]]:
    """Where the German sentences name ``name``: as a word, in the genitive, or as the first part of
    a compound ("Hypo-Causa")."""
    pattern = re.compile(r"(?<![\w-])" + re.escape(name) + r"(?:s|es)?(?![\w])")
    return [(s, found) for s in sentences for found in pattern.finditer(s.text)]


def _introduced_kind(name: str, found: list[tuple[Sentence, re.Match]]) -> Optional[str]:
    """A kind the text gives the name: a kind noun right before it ("der Internetdienstleister X",
    "das Nachrichtenmagazin X") or after a hyphen ("die X-Bank", "der X-Konzern")."""
    for sent, hit in found:
        before = sent.text[: hit.start()].split()
        kind = noun_kind(before[-1]) if before and before[-1][:1].isupper() else None
        after = re.match(r"-([A-ZÄÖÜ]\w+)", sent.text[hit.end() :])
        kind = kind or (noun_kind(after.group(1)) if after else None)
        if kind is not None:
            return kind
    return None


def document_orgs(mentions: list[Mention], sentences: list[Sentence]) -> list[DocOrg]:
    """The organisations of a known kind the document's German sentences name, with their weights."""
    german = [s for s in sentences if s.lang == "de"]
    lead = {s.index for s in german[:LEAD_SENTENCES]}
    out: dict[str, DocOrg] = {}
    for m in mentions:
        place = m.label in ("LOC", "GPE")  # "der Internetdienstleister [United Internet]LOC": only when introduced
        if m.type != "organization" and not place or m.text in out:
            continue
        name, kind = _split_kind(m.text)
        if name in out or _kinds()[2].get(name) == "name_word" or not _countable(Mention(name, "organization", m.start, m.end, m.sentence, label="ORG")):
            continue
        found = _occurrences(name, german)
        told = kind or _introduced_kind(name, found) or (None if place else _name_kind(name, listed=False))
        kind = told or (None if place else _name_kind(name))
        if kind is None or not found:
            continue
        out[name] = _counted(DocOrg(name, kind, listed=told is None), found, lead)
    for name, kind in _kinds()[1].items():  # a listed name needs no NER: "im Auftrag der Hypo"
        if _kinds()[2][name] == "name" and name not in out and any(name in s.text for s in german):
            found = _occurrences(name, german)
            if found:
                out[name] = _counted(DocOrg(name, kind, listed=True), found, lead)
    return list(out.values())


def _counted(org: DocOrg, found: list[tuple[Sentence, re.Match]], lead: set[int]) -> DocOrg:
    """The organisation with its occurrences counted, those in the lead twice."""
    for sent, hit in found:
        org.weight += 2 if sent.index in lead else 1
        org.spans.append(Span(sent.start + hit.start(), sent.start + hit.end(), hit.group()))
    return org


def main_of_kind(orgs: list[DocOrg], kind: str) -> Optional[DocOrg]:
    """The organisation of an accepted kind the document names most, when it clearly does (the first
    tier of accepted kinds that the document names decides)."""
    tier = next((kinds for kinds in ACCEPTS[kind] if any(o.kind in kinds for o in orgs)), set())
    ranked = sorted((o for o in orgs if o.kind in tier), key=lambda o: -o.weight)
    least = MIN_WEIGHT_LISTED if ranked and ranked[0].listed else MIN_WEIGHT
    if not ranked or ranked[0].weight < least or len(ranked) > 1 and ranked[0].weight <= DOMINANCE * ranked[1].weight:
        return None
    return ranked[0]


def _other_org_named(c: Claim, kind: str, chosen: DocOrg, mentions: list[Mention]) -> bool:
    """The claim's sentence names another organisation that may be the post's: any before the title
    ("Bei X hat Vorstandschef Y …"), or one of the title's kind anywhere ("Konzernchef X kritisierte
    den Konzern Y"); a foundation or court after the name ("die Exbankchefs A und B sowie die
    Z-Stiftung") is no owner of the post."""
    for m in mentions:
        if m.sentence != c.sentence or not _countable(m) or m.text in chosen.name or _split_kind(m.text)[0] == chosen.name \
                or c.role_span.start <= m.start < c.role_span.end:
            continue  # "ORF Mediaservice GmbH" in a story about the ORF is another company
        name, own = _split_kind(m.text)
        if m.start < c.role_span.start or (own or _name_kind(name)) in set().union(*ACCEPTS[kind]):
            return True
    return False


#: Words after a title that open the organisation's name: "Geschäftsführer der X", "Chefredakteur von X".
_ORG_AFTER = re.compile(r"\s+(?:der|des|von|vom|bei|beim)\s+(?:\w+\s+){0,2}?[A-ZÄÖÜ]")


def _named_after(c: Claim, chosen: DocOrg, by_index: dict[int, Sentence]) -> bool:
    """"Chefredakteur der Zeitschrift X", "Geschäftsführer der X HandelsgmbH": the title names an
    organisation after it that the rules could not read; only the chosen one may be it."""
    sent = by_index.get(c.sentence)
    if sent is None:
        return False
    after = sent.text[c.role_span.end - sent.start :]
    opened = _ORG_AFTER.match(after)
    return opened is not None and chosen.name not in after[: opened.end() + len(chosen.name) + 20]


def _possessed(c: Claim, by_index: dict[int, Sentence]) -> bool:
    """"sein Geschäftsführer X", "deren Chef X": the title belongs to someone the sentence names."""
    sent = by_index.get(c.sentence)
    if sent is None:
        return False
    before = sent.text[: max(0, c.role_span.start - sent.start)].split()
    return bool(before) and before[-1].lower() in POSSESSIVES


def resolve_orgs_de(claims: list[Claim], mentions: list[Mention], sentences: list[Sentence]) -> None:
    """Give German company, bank, club and media posts that name no organisation (or only a kind
    noun: "Airline-Chef") the document's main organisation of their kind (see the module docstring)."""
    by_index = {s.index: s for s in sentences if s.lang == "de"}
    open_claims = [c for c in claims if c.sentence in by_index and (c.org is None or is_kind_noun(c.org))]
    if not open_claims:
        return
    orgs: Optional[list[DocOrg]] = None
    for c in open_claims:
        kind = title_kind(c.role, c.role_text)
        if kind is None or _possessed(c, by_index):
            continue
        orgs = document_orgs(mentions, sentences) if orgs is None else orgs
        chosen = main_of_kind(orgs, kind)
        if chosen is None or _other_org_named(c, kind, chosen, mentions) or _named_after(c, chosen, by_index):
            continue
        earlier = [s for s in chosen.spans if s.start <= c.role_span.start]
        c.org, c.org_label = chosen.name, "rule:doc_kind_org"
        c.org_span = earlier[-1] if earlier else chosen.spans[0]
