"""Which organisation a German role phrase names after or before its role word.

``de/rules.py`` finds role words; this module reads the organisation around them: a genitive or
"von" phrase ("der NATO", "von Berlin", "der niederösterreichischen ÖVP"), where one works after
"als ROLE" ("bei der Talwerk AG"), names without NER by their shape (a legal form: "Rheinwerke AG",
"Porsche-Holding"; "NOUN für NOUN": "Institut für Küstenforschung"; acronyms), a genitive country
before the role ("Frankreichs Präsident"), the town after a city post ("Bürgermeister von
Altenbrück"), the organisation that is a clause's subject ("Die Stadtwerke Lindau haben …") and,
for a generic post that names none, the organisation the story is about (``story_org``). A name
read from a genitive phrase is given in the nominative ("der Europäischen Union" -> "Europäische
Union", ``nominative_name``). Positions are token indices of a sentence Doc; results are (first
token, end, name, label).
"""

from __future__ import annotations

from collections import Counter
from typing import Any, Optional

from ...model import Mention
from ..lexicon import word_sets
from .lexicon import DETERMINERS, PREPOSITIONS, country_name, match_role_de_compound, match_role_entry
from .parties import party_named


def ent_at(doc, i: int) -> Optional[Any]:
    """The NER entity that starts at token i, else None."""
    for ent in doc.ents:
        if ent.start == i:
            return ent
    return None


def in_person(doc, i: int) -> bool:
    """Token i is inside a person name (German or English NER label)."""
    return doc[i].ent_type_ in ("PER", "PERSON")


#: Words that open an organisation after a role: the genitive and "von"; after "als ROLE" also
#: where one works ("als Geschäftsführer bei der Talwerk AG", "als Professorin an der Universität").
ORG_OPENERS = ("der", "des", "von", "vom")
WORKPLACE_OPENERS = ORG_OPENERS + ("bei", "beim", "in", "im", "an", "am")
ARTICLES_AFTER_PREPOSITION = ("der", "dem", "den")
#: At most this many adjectives between the article and the name: "der niederösterreichischen ÖVP".
MAX_DESCRIPTORS = 2


def org_after(doc, j: int, openers: tuple[str, ...] = ORG_OPENERS) -> Optional[tuple[int, int, str, str]]:
    """(first token, end, name, label) of a genitive or "von" organisation at token j, else None.

    "der NATO", "des Bundestags", "der Vereinten Nationen", "Norwegens", "von Berlin", and after
    adjectives: "der niederösterreichischen ÖVP".
    """
    if j >= len(doc):
        return None
    k = j
    if doc[k].lower_ in openers:
        k += 1
        if k < len(doc) and doc[k - 1].lower_ in ("bei", "in", "an") and doc[k].lower_ in ARTICLES_AFTER_PREPOSITION:
            k += 1  # "bei der …", "an der …"
    elif doc[k].lower_ in WORKPLACE_OPENERS:
        return None
    found = _org_at(doc, j, k)
    if found is None and k > j and _class_noun_end(doc, k) is not None:
        found = _org_at(doc, j, _class_noun_end(doc, k), named_only=True)  # "der Hilfsorganisation Caritas"
    for skip in range(1, MAX_DESCRIPTORS + 1):
        if found is not None or k == j or k + skip >= len(doc) or not _descriptor(doc[k + skip - 1]):
            break
        found = _org_at(doc, j, k + skip, named_only=True)
    if found is not None and found[3] == "ORG" and k > j:  # "der Europäischen Union": its name in the nominative
        found = found[:2] + (" ".join(nominative_name(doc[k - 1].lower_, found[2].split(" "))), found[3])
    return found


#: Heads of nouns that say what kind of body the name after them is: "der Hilfsorganisation Caritas",
#: "der Umwelt- und Entwicklungsorganisation Germanwatch" (only a named organisation may follow).
CLASS_NOUN_ENDS = ("organisation",)


def _class_noun_end(doc, k: int) -> Optional[int]:
    """Token after a class noun at k ("Entwicklungsorganisation", "Umwelt- und
    Entwicklungsorganisation"), else None."""
    if k + 2 < len(doc) and doc[k].text.endswith("-") and doc[k + 1].lower_ == "und":
        k += 2  # "Umwelt- und Entwicklungsorganisation"
    if k + 1 < len(doc) and doc[k].is_alpha and doc[k].lower_.endswith(CLASS_NOUN_ENDS) and not doc[k].ent_type_:
        return k + 1
    return None


def _descriptor(tok) -> bool:
    """An adjective before an organisation's name: "der niederösterreichischen ÖVP", "der
    konservativen EVP-Fraktion". Only adjectives: a noun there ("des Kulturbüros Sachsen",
    "der Zeitung X") is as often the organisation itself, or part of its name (tried on
    10kGNAD and news-tenures: nouns gave more wrong organisations than right ones)."""
    return tok.is_alpha and tok.text[:1].islower() and not tok.ent_type_ \
        and tok.lower_ not in DETERMINERS and tok.lower_ not in PREPOSITIONS


def _org_at(doc, j: int, k: int, named_only: bool = False) -> Optional[tuple[int, int, str, str]]:
    """(first token, end, name, label) of the organisation that starts at token k (its phrase at
    j, so k > j means an article or descriptor came first). ``named_only`` (after a descriptor):
    an organisation entity, company or acronym, never a place: in "des Kulturbüros Sachsen" the
    place is part of the name, and the descriptor may be the organisation itself."""
    if k >= len(doc):
        return None
    if not named_only and k + 1 < len(doc) and country_name(doc[k].text + " " + doc[k + 1].text):  # "der Bundesrepublik Deutschland"
        return k, k + 2, country_name(doc[k].text + " " + doc[k + 1].text) or "", "LOC"
    ent = ent_at(doc, k)
    if ent is not None and len(ent) == 1 and match_role_de_compound(ent.text) is not None:
        return None  # "der EU-Außenbeauftragten" tagged ORG: a post, not an organisation
    if ent is not None and ent.label_ in (("ORG",) if named_only else ("ORG", "LOC", "GPE")):
        party = party_named(ent.text) if ent.label_ == "ORG" and " " in ent.text else None
        if party is not None:  # a regional branch: "der Grazer SPÖ" is the SPÖ
            return k, ent.end, party, ent.label_
        name = country_name(ent.text) or ent.text
        return k, ent.end, name, ent.label_
    if ent is not None:
        return None
    # no NER: a company by its legal form, a single genitive country, or an all-capitals acronym ("der NATO")
    company = _legal_form_end(doc, k)
    if company is not None and k > j:
        name = doc[k:company].text
        return k, company, name[:-1] if name[-1] == "." and name[:-1].split()[-1] in LEGAL_FORMS else name, "ORG"
    named = _fuer_name_end(doc, k)
    if named is not None and k > j:
        return k, named, doc[k:named].text, "ORG"  # "des Instituts für Küstenforschung"
    text = doc[k].text
    if k > j and "-" in text and party_named(text):
        return k, k + 1, party_named(text) or text, "ORG"  # "der Stadt-SPÖ"
    if country_name(text) and not named_only:
        return k, k + 1, country_name(text) or text, "LOC"
    if k > j and len(text) >= 2 and text.isupper() and text.isalpha():
        return k, k + 1, text, "ORG"
    head = text.split("-")[0]
    if k > j and "-" in text and len(head) >= 2 and head.isupper() and text[-1].isalpha() \
            and match_role_de_compound(text) is None:  # "der EU-Außenbeauftragten X": a post, its holder follows
        return k, k + 1, text, "ORG"  # "der UN-Generalversammlung", "des EU-Parlaments"
    if k > j and "-" in text and text.split("-")[-1] in GROUP_NOUNS and party_named(text.split("-")[0]):
        return k, k + 1, text, "ORG"  # "der Grünen-Fraktion": a party's group in a parliament
    if k > j and named_compound(text):
        return k, k + 1, text, "ORG"  # "der Porsche-Holding", "der Flick-Privatstiftung"
    return None


#: Last parts of "PARTY-Fraktion": a party's group in a parliament, an organisation of its own.
GROUP_NOUNS = {"Fraktion", "Klub", "Parlamentsklub"}
#: Last parts of a hyphenated name that make it an organisation's: "Flick-Privatstiftung", "Signa-Gruppe".
ORG_TAILS = {"Stiftung", "Privatstiftung", "Gruppe", "Bank"}


def named_compound(text: str) -> bool:
    """"Porsche-Holding", "Flick-Privatstiftung": a capitalised name joined to a legal form or an
    organisation noun (``ORG_TAILS``) is an organisation even where the NER left it untagged."""
    return "-" in text and text[:1].isupper() and text.split("-")[-1] in LEGAL_FORMS | ORG_TAILS


#: Legal forms that end a company's name: "der Rheinwerke AG", "der Muster Bau GmbH".
LEGAL_FORMS = {"AG", "GmbH", "SE", "KG", "KGaA", "OHG", "eG", "e.V.", "Holding", "Ltd.", "Inc.", "S.A.", "plc"}


def _legal_form_end(doc, k: int) -> Optional[int]:
    """One past a legal form that ends up to four capitalised words from token k, else None."""
    for n in range(k + 1, min(len(doc), k + 5)):
        if doc[n].text in LEGAL_FORMS or doc[n].text[-1:] == "." and doc[n].text[:-1] in LEGAL_FORMS:
            return n + 1  # "GmbH." at a sentence's end when the tokenizer keeps the full stop
        if not (doc[n].text[:1].isupper() or doc[n].text in ("&", "und")):
            return None
    return None


def _fuer_name_end(doc, k: int) -> Optional[int]:
    """One past a "NOUN für NOUN" name at token k ("Institut für Küstenforschung", "Bundesamt für
    Verfassungsschutz", "Verein für Konsumenteninformation"), else None: German names bodies by
    what they are for. The words after "für" are capitalised and not a person or role."""
    if k + 2 >= len(doc) or not doc[k].text[:1].isupper() or not doc[k].text.replace("-", "").isalpha() \
            or doc[k + 1].lower_ != "für":  # "Institut für …", "Potsdam-Institut für …"
        return None
    if match_role_de_compound(doc[k].text) is not None:
        return None
    end = k + 2
    while end < len(doc) and doc[end].is_alpha and doc[end].text[:1].isupper() and not in_person(doc, end) \
            and end - k < 6:
        end += 1
    return end if end > k + 2 else None


#: Stems of the adjectives that open organisation names ("Europäische Union", "Deutsche Bank",
#: "Kunsthistorisches Museum"): derivational endings, and short adjectives names often use.
NAME_ADJECTIVE_ENDS = ("isch", "lich", "ig", "al", "är", "ell", "iv", "sch")
NAME_ADJECTIVE_STEMS = {"jung", "neu", "wahr", "frei", "vereint", "alt", "groß", "rot", "grün", "weiß", "schwarz", "hoh"}
#: Endings of neuter nouns that head organisation names (a masculine noun is assumed otherwise:
#: "des Europäischen Forschungsrates" -> "Europäischer Forschungsrat").
NEUTER_ENDS = ("um", "ment", "amt", "tut", "ee", "haus", "gericht", "werk", "büro", "theater", "team", "land", "ministerium",
               "unternehmen", "kabinett", "orchester", "spital", "kommando", "sekretariat", "präsidium", "bündnis", "archiv",
               "labor", "ensemble", "festival", "programm", "forum", "gremium", "institut", "kollegium", "netzwerk")


def _name_adjective(word: str) -> bool:
    """"Europäischen", "Deutschen", "Jungen": a capitalised adjective in the weak "-en" form."""
    stem = word[:-2].lower()
    return word[:1].isupper() and word.isalpha() and word.endswith("en") and len(stem) >= 3 \
        and (stem.endswith(NAME_ADJECTIVE_ENDS) or stem in NAME_ADJECTIVE_STEMS)


def _genitive_noun(word: str) -> str:
    """"Vereins" -> "Verein", "Krisenstabes" -> "Krisenstab", "Kluge-Zentrums" -> "Kluge-Zentrum": a
    masculine or neuter noun (its last hyphen part) out of the genitive; acronyms, short words
    and "Fonds" stay."""
    head, _, last = word.rpartition("-")
    if not last.isalpha() or last.isupper() or len(last) <= 4 or last.lower().endswith("fonds") or not last.endswith("s"):
        return word
    last = last[:-2] if last.endswith("es") and last[-3] not in "aeiouäöü" else last[:-1]
    return f"{head}-{last}" if head else last


def _place_modifier(word: str) -> bool:
    """"Wiener", "Kölner": a capitalised place adjective, the same in every case."""
    return word[:1].isupper() and word.isalpha() and word.endswith("er") and len(word) >= 5


def nominative_name(article: str, words: list[str]) -> list[str]:
    """An organisation's name as a genitive phrase after ``article`` ("des"/"der") writes it, in the
    nominative, as the gold and the reference name it: "(der) Europäischen Union" -> "Europäische
    Union", "(der) Jungen Industrie" -> "Junge Industrie", "(des) Kunsthistorischen Museums" ->
    "Kunsthistorisches Museum", "(des) Vereins Neustart" -> "Verein Neustart". Only leading
    capitalised adjectives and the noun after them change; other articles leave the name as written."""
    if article not in ("des", "der") or not words:
        return words
    out = list(words)
    n = 0
    while n < len(out) - 1 and _name_adjective(out[n]):
        n += 1
    if article == "der":  # feminine singular or plural: "-en" adjectives take "-e"; the noun is as written
        return [w[:-1] if i < n else w for i, w in enumerate(out)]
    noun = n + 1 if n < len(out) - 1 and _place_modifier(out[n]) else n  # "des Wiener Tierschutzvereins"
    out[noun] = _genitive_noun(out[noun])
    ending = "es" if out[noun].lower().endswith(NEUTER_ENDS) else "er"
    return [w[:-2] + ending if i < n and _name_adjective(w) else w for i, w in enumerate(out)]


def genitive_country(word: str) -> Optional[str]:
    """The country a genitive name before a role names: "Frankreichs", "Islands" -> Iceland."""
    if not (word[:1].isupper() and word.endswith("s") and word[:-1].isalpha()):
        return None
    return country_name(word[:-1])


def town_after(doc, core: int, end: int) -> Optional[tuple[int, int, str, str]]:
    """"Bürgermeister von Altenbrück", "Bürgermeisterin von Bad Ischl": after a city post, "von"
    and one or two capitalised words name its town even when NER knows no such place."""
    k = end + 1
    entry = match_role_entry(doc[core].text)
    if entry is None or entry.category != "local government" or end >= len(doc) or doc[end].lower_ != "von":
        return None
    last = k
    while last < len(doc) and last - k < 2 and doc[last].text[:1].isupper() and doc[last].text.rstrip(".").isalpha() \
            and not in_person(doc, last) and match_role_de_compound(doc[last].text) is None:
        last += 1
    return (k, last, doc[k:last].text, "LOC") if last > k else None


def subject_org(doc, aux: int) -> Optional[tuple[int, int, str, str]]:
    """The organisation that is the subject right before an auxiliary ("Die Stadtwerke Lindau
    haben …"): an ORG entity ending there, else the capitalised words after the clause's article
    when there are two or more and none is a person or a role word."""
    for ent in doc.ents:
        if ent.end == aux and ent.label_ == "ORG":
            return ent.start, ent.end, ent.text, "ORG"
    k = aux - 1
    while k >= 0 and doc[k].text[:1].isupper() and doc[k].is_alpha and not in_person(doc, k) \
            and match_role_de_compound(doc[k].text) is None and doc[k].lower_ not in DETERMINERS:
        k -= 1
    if k < 0 or aux - k < 3 or doc[k].lower_ not in ("die", "der", "das") or (k > 0 and doc[k - 1].text not in (",", ".")):
        return None  # one noun ("Der Aufsichtsrat hat …") is a body of the company, not its name
    return k + 1, aux, doc[k + 1 : aux].text, "ORG"


#: Organisations a story cites as its source ("sagte er der APA", "im STANDARD-Gespräch").
NEWS_OUTLETS = word_sets("role_classes_de.tsv")["news_outlets"]
#: A story's organisation: named at least this often, and more than STORY_DOMINANCE times as often as any other.
STORY_MIN_MENTIONS = 2
STORY_DOMINANCE = 1.5


def story_org(mentions: list[Mention], sentence: int) -> Optional[Mention]:
    """The organisation the story so far is about, when a generic post ("Trainer X", "Sprecher X")
    names none: the NER organisation named most often up to this sentence (not a party, a place or
    the outlet quoted), at least twice and clearly more than any other, and named in this sentence
    or the one before (a post further on may be another body's). Its latest mention, else None."""
    orgs = [m for m in mentions if m.type == "organization" and m.label == "ORG" and m.sentence <= sentence
            and m.text.lower() not in NEWS_OUTLETS and party_named(m.text) is None and country_name(m.text) is None]
    ranked = Counter(m.text for m in orgs).most_common(2)
    if not ranked or ranked[0][1] < STORY_MIN_MENTIONS or len(ranked) > 1 and ranked[0][1] <= STORY_DOMINANCE * ranked[1][1]:
        return None
    near = [m for m in orgs if m.text == ranked[0][0] and m.sentence >= sentence - 1]
    return near[-1] if near else None
