"""German organisations the NER models miss, known from word lists: well-known names and the
nouns of public bodies. Nothing here touches spaCy; the repair step and kb.extract.mentions use it.

Why: German news names its own country's media, parties, companies and aid groups ("der ORF", "die
Neos", "Greenpeace", "die Nato") without a word saying what they are; the models, trained on other
text, leave them untagged or read them as a person or place. ``lexicons/known_orgs_de.tsv`` lists
them as written. Only names that are no common German word are listed, so a match needs no context.
The same names (and parties) often stand as the first part of a compound ("Nato-Staaten"): the
organisation is named there too (``prefix_org_spans``). Public bodies are named by a common noun
("das Finanzministerium", ``lexicons/bodies_de.tsv``) or by a court's or chamber's noun before its
seat ("Landesgericht Linz"); this module says which words those are.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from ..lexicon import records, rows, word_set


#: German public bodies named by their noun alone ("der Landtag", "das Finanzministerium"; which and
#: why: ``lexicons/bodies_de.tsv``); kb.extract.mentions.body_mentions_de tags them after an article.
BODIES_DE = frozenset(r[0] for r in rows("bodies_de.tsv") if not r[0].startswith("-") and r[1] == "article")
#: Compound endings that make a noun a body ("-ministerium": "Innenministerium").
BODY_ENDINGS_DE = tuple(r[0][1:] for r in rows("bodies_de.tsv") if r[0].startswith("-"))
#: Nouns that are a body only after a country adjective ("das türkische Parlament").
NATIONAL_BODIES_DE = frozenset(r[0] for r in rows("bodies_de.tsv") if r[1] == "country")
#: Nouns that are a body only after an owner in a compound ("US-Kongress"), and those owners.
COMPOUND_BODIES_DE = frozenset(r[0] for r in rows("bodies_de.tsv") if r[1] == "compound")
BODY_OWNERS_DE = frozenset(r[0] for r in rows("bodies_de.tsv") if r[1] == "owner")


def is_body_noun_de(word: str) -> bool:
    """Whether ``word`` (as written, nominative) names a German public body of ``bodies_de.tsv``
    right after an article."""
    return word in BODIES_DE or (word[:1].isupper() and word.endswith(BODY_ENDINGS_DE)
                                 and len(word) > max(map(len, BODY_ENDINGS_DE), default=0))


@lru_cache(maxsize=1)
def known_org_names() -> dict[str, list[tuple[str, ...]]]:
    """First token -> the listed names (as token tuples) starting with it, longest first."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for name in word_set("known_orgs_de.tsv"):
        words = tuple(name.split())
        out.setdefault(words[0], []).append(words)
    for names in out.values():
        names.sort(key=len, reverse=True)
    return out


def known_org_spans(words: list[str]) -> list[tuple[int, int]]:
    """(start, end) of every listed name in ``words``, longest match first, not overlapping."""
    names = known_org_names()
    out = []
    i = 0
    while i < len(words):
        for name in names.get(words[i], ()):
            if tuple(words[i : i + len(name)]) == name:
                out.append((i, i + len(name)))
                i += len(name) - 1
                break
        i += 1
    return out


def known_orgs(words: list[str], spans: set[tuple[int, int, str]]) -> set[tuple[int, int, str]]:
    """``spans`` with each listed name an ORG: an entity that is exactly the name or lies inside it
    ("[Stronach]PER" in "Team Stronach") gives way to it, an untagged name is added; a name inside a
    longer entity ("Greenpeace Jugend Oberfeld") is left to that entity."""
    out = set(spans)
    for start, end in known_org_spans(words):
        overlapping = {s for s in out if s[0] < end and start < s[1]}
        if all(start <= s[0] and s[1] <= end for s in overlapping):
            out = (out - overlapping) | {(start, end, "ORG")}
    return out


#: Endings of the bodies that have a seat in a place: courts, prosecutors, chambers
#: ("Landesgericht Linz", "Staatsanwaltschaft Graz", "Arbeiterkammer Wien").
SEATED_ENDINGS_DE = ("gericht", "gerichtshof", "anwaltschaft", "kammer")


def is_seated_body_de(word: str) -> bool:
    """A court, prosecutor or chamber named before its seat ("Straflandesgericht", "Ärztekammer")."""
    return word[:1].isupper() and word.endswith(SEATED_ENDINGS_DE) and word.lower() not in SEATED_ENDINGS_DE


#: A word before a hyphen and a capitalised rest: "Nato-Staaten", "ORF-Sendung", "ÖVP-Kontrahentin".
_PREFIX = re.compile(r"(?<![\w-])(\w+)-(?=[A-ZÄÖÜ])")


@lru_cache(maxsize=1)
def prefix_org_words() -> frozenset[str]:
    """Words that name an organisation as the first part of a compound: the one-word names of
    ``known_orgs_de.tsv`` and the parties of ``parties_de.tsv`` written by their own name ("SPÖ",
    not the short "VP" nor "Grünen", whose surface is no name of the party); not the names marked
    ``prefix`` "no" (news agencies: "APA-Anfrage" is a question to the agency)."""
    parties = {row["prefix"] for row in records("parties_de.tsv") if row["prefix"] == row["party"]}
    listed = {row["name"] or "" for row in records("known_orgs_de.tsv") if row["prefix"] != "no"}
    return frozenset({name for name in listed if " " not in name} | parties)


def prefix_org_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) character offsets of organisations named as the first part of a hyphenated
    compound ("die Nato-Staaten", "ein Greenpeace-Experte"). German news names an organisation so
    as often as on its own, and the gold counts it as named; the compound's head says nothing
    against it, since the list holds only names that are no common word. A compound of an owner
    and a body noun is one body as a whole ("UN-Sicherheitsrat", "US-Kongress"; ``compound_body_end``)."""
    words = prefix_org_words()
    out = [(m.start(1), m.end(1)) for m in _hyphenated_names().finditer(text)]
    for m in _PREFIX.finditer(text):
        end = compound_body_end(text, m)
        if end is not None:
            out.append((m.start(1), end))
        elif m.group(1) in words:
            out.append((m.start(1), m.end(1)))
    return out


@lru_cache(maxsize=1)
def _hyphenated_names() -> re.Pattern:
    """Listed names of several words as a compound writes them ("Puls-4-Interview", "Team-Stronach-
    Mandatar"): the words joined by hyphens, before a hyphen and the compound's rest."""
    names = sorted((n.replace(" ", "-") for n in word_set("known_orgs_de.tsv") if " " in n), key=len, reverse=True)
    return re.compile(rf"(?<![\w-])({'|'.join(map(re.escape, names))})-(?=\w)")


_REST = re.compile(r"[\wÄÖÜäöüß]+(?![\w-])")


def compound_body_end(text: str, m: re.Match) -> Optional[int]:
    """Where a compound of an owner (``bodies_de.tsv``: "US", "EU", "UN") and a body noun ends
    ("US-Kongress", "EU-Kommission", "UN-Sicherheitsrat", "EU-Innenministerium"); None for other
    compounds ("EU-Staaten", "US-Kongressabgeordnete")."""
    if m.group(1) not in BODY_OWNERS_DE:
        return None
    rest = _REST.match(text, m.end())
    if rest is None:
        return None
    word = rest.group(0)
    return rest.end() if word in COMPOUND_BODIES_DE or is_body_noun_de(word) else None


@lru_cache(maxsize=1)
def _media_patterns() -> tuple[re.Pattern, re.Pattern]:
    """The two contexts of ``lexicons/media_words_de.tsv``: a media word before a newsroom noun
    ("Falter-Journalistin"), and an article before a word that is safe there ("der Kurier")."""
    table = records("media_words_de.tsv")
    names = [re.escape(r["word"] or "") for r in table if r["context"] in ("compound", "article")]
    heads = [re.escape(r["word"] or "") for r in table if r["context"] == "head"]
    safe = [re.escape(r["word"] or "") for r in table if r["context"] == "article"]
    compound = re.compile(rf"(?<![\w-])({'|'.join(names)})-(?:{'|'.join(heads)})\b")
    article = re.compile(rf"\b(?:der|dem|den|des|im|vom|beim|zum)\s+({'|'.join(safe)})s?\b(?!-)")
    return compound, article


def media_word_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) character offsets of media names that are also common words, where the context
    leaves only the medium: "die Falter-Journalistin", "eine Profil-Umfrage", "der Kurier berichtete"
    (``lexicons/media_words_de.tsv``). "die Welt", "das Profil der Partei" stay words."""
    return sorted({m.span(1) for pattern in _media_patterns() for m in pattern.finditer(text)})
