"""German institution names built from a head noun and what follows it: "Institut für Höhere Studien",
"Gewerkschaft der Privatangestellten", "Universität Wien", "des Straflandesgerichts Klagenfurt"; and the
public bodies named by their noun in the genitive ("des Justizministeriums") or after a place adjective
("des Wiener Landtags"). Token spans with their nominative name; kb.extract.mentions makes the mentions.

Why: German news names its universities, institutes, courts, chambers, unions and associations in full
once, and the NER models tag the head noun alone, the seat alone, or nothing ("die [Syrische
Beobachtungsstelle]ORG für Menschenrechte"). The head nouns are data (``lexicons/institutions_de.tsv``:
which nouns take which complement); the complement is read by its form only: "für" or a genitive article,
capitalised adjectives and one noun (several joined by "und"), then a place NER tagged; or a seat the
NER tagged as a place. Nothing else follows the noun in a name, so a phrase that goes on in lower case
("die Universität für alle") or has no capitalised noun is no name.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Optional

from ..lexicon import records
from .known_orgs import NATIONAL_BODIES_DE, is_body_noun_de
from .lexicon import country_of_adjective
from .orgs import nominative_name
from .places import place_named

#: Words before a head noun that make it any one of its kind, not a named institution: "ein Verein für".
NOT_NAMING = frozenset(
    "ein eine einen einem einer eines kein keine keinen keinem keiner keines sein seine seinen seinem seiner "
    "seines ihr ihre ihren ihrem ihrer ihres unser unsere unseren unserem unserer jede jeder jedes jeden jedem "
    "diese dieser dieses diesen diesem solche solcher solchen neue neuen neuer eigene eigenen".split())
#: Genitive articles: the head noun after them may carry "-s"/"-es" ("des Instituts").
GENITIVE_ARTICLES = ("des", "eines")
#: NER labels of a seat ("Universität [Wien]LOC").
PLACE_LABELS = ("LOC", "GPE")
#: Most words a "für" or genitive complement holds: adjectives, nouns and "und".
MAX_COMPLEMENT = 8
#: Capitalised adjective endings (inflected): "Höhere", "Medizinische", "Syrischen", "Freie".
_ADJECTIVE_STEM_ENDS = ("isch", "lich", "ig", "al", "är", "ell", "iv", "er", "hoh", "frei", "neu", "alt", "deutsch")


@lru_cache(maxsize=1)
def heads() -> dict[str, frozenset[str]]:
    """Head noun -> the complements it takes (``lexicons/institutions_de.tsv``)."""
    return {row["head"] or "": frozenset((row["takes"] or "").split("|")) for row in records("institutions_de.tsv")}


def head_takes(word: str, genitive: bool) -> tuple[Optional[str], frozenset[str]]:
    """The nominative head and its complements for ``word``; a "-s"/"-es" form only after a genitive
    article ("des Landesgerichts"), where feminine heads have none."""
    table = heads()
    if word in table:
        return word, table[word]
    for cut in (1, 2) if genitive else ():
        if word.endswith("es"[2 - cut:]) and word[:-cut] in table:
            return word[:-cut], table[word[:-cut]]
    return None, frozenset()


def capitalised_adjective(word: str) -> bool:
    """"Höhere", "Medizinische", "Syrischen", "Bildenden": a capitalised inflected adjective."""
    if not (word[:1].isupper() and word.isalpha() and len(word) > 4):
        return False
    for ending in ("en", "er", "es", "e"):
        if word.endswith(ending):
            return word[: -len(ending)].lower().endswith(_ADJECTIVE_STEM_ENDS)
    return False


def _noun(word: str) -> bool:
    """A capitalised word that can be the noun of a complement: "Strafsachen", "Bau-Holz", "Asyl"."""
    return word[:1].isupper() and word.replace("-", "").isalpha() and not word.isupper()


def _attributive(word: str, following: str) -> bool:
    """A capitalised "-e"/"-en" word before a noun is an adjective ("Angewandte Statik"): two nouns
    never stand side by side in a complement."""
    return word[:1].isupper() and word.isalpha() and word.endswith(("e", "en")) and _noun(following) \
        and following[:1].isupper() and following.isalpha()


def _phrase_end(doc, k: int) -> Optional[int]:
    """End of "Adj* Noun (und Adj* Noun)*" from token ``k`` ("Höhere Studien", "Fremdenwesen und
    Asyl"), a list with commas before its "und" included ("Wissenschaft, Forschung und Wirtschaft");
    None when no capitalised noun is there."""
    end = None
    j = k
    while j < len(doc) and j - k < MAX_COMPLEMENT:
        while j < len(doc) - 1 and (capitalised_adjective(doc[j].text) or _attributive(doc[j].text, doc[j + 1].text)):
            j += 1
        if not _noun(doc[j].text):
            break
        j += 1
        if end is None or doc[j - 2].lower_ == "und" or not _in_list(doc, j):
            end = j  # a noun after a comma counts only once the list's "und" closes it
        if j + 1 < len(doc) and doc[j].lower_ in ("und", ",") and _noun(doc[j + 1].text):
            j += 1
            continue
        break
    return end


def _in_list(doc, j: int) -> bool:
    """Whether the noun before token ``j`` follows a comma of a list ("Wissenschaft, [Forschung] und")."""
    return j >= 2 and doc[j - 2].text == ","


def _place_end(doc, k: int, ents: dict[int, tuple[int, str]]) -> Optional[int]:
    """End of a place starting at token ``k``: an NER place, or a known place's one word."""
    if k >= len(doc):
        return None
    if k in ents and ents[k][1] in PLACE_LABELS:
        return ents[k][0]
    return k + 1 if doc[k].text[:1].isupper() and place_named(doc[k].text) is not None else None


def _complement_end(doc, k: int, takes: frozenset[str], ents: dict[int, tuple[int, str]]) -> Optional[int]:
    """End of the name's part after the head (token ``k`` on), or None when nothing names it."""
    if k >= len(doc):
        return None
    if "seat" in takes:
        seat = _place_end(doc, k, ents)
        if seat is not None:
            return seat
    word = doc[k].lower_
    if ("für" in takes and word == "für") or ("genitive" in takes and word in ("der", "des")):
        end = _phrase_end(doc, k + 1)
        if end is None:
            return None
        seat = _place_end(doc, end, ents)  # "Landesgericht für Strafsachen Wien"
        return seat if seat is not None else end
    return None


def _start(doc, i: int) -> int:
    """Where the name starts: at capitalised adjectives right before the head ("Medizinische
    Universität", "Syrischen Beobachtungsstelle"), not at a sentence's first word."""
    s = i
    while s > 0 and not doc[s - 1].is_sent_start and capitalised_adjective(doc[s - 1].text):
        s -= 1
    return s


def institution_spans(doc) -> list[tuple[int, int, str]]:
    """(start, end, nominative name) of every institution name in ``doc`` (a German sentence)."""
    ents = {e.start: (e.end, e.label_) for e in doc.ents}
    out: list[tuple[int, int, str]] = []
    i = 0
    while i < len(doc):
        start = _start(doc, i)
        article = doc[start - 1].lower_ if start else ""
        head, takes = head_takes(doc[i].text, article in GENITIVE_ARTICLES)
        end = _complement_end(doc, i + 1, takes, ents) if head else None
        if end is None or article in NOT_NAMING:
            i += 1
            continue
        words = [t.text for t in doc[start:i]] + [head if article in GENITIVE_ARTICLES else doc[i].text]
        name = " ".join(nominative_name(article, words) + [doc[i + 1 : end].text])  # the complement as written
        out.append((start, end, name))
        i = end
    return out + genitive_bodies(doc, {k for s, e, _ in out for k in range(s, e)})


def _place_adjective(word: str) -> bool:
    """"Wiener", "Grazer", "Kärntner": the adjective of a place kb knows."""
    if not (word[:1].isupper() and word.endswith("er") and word.isalpha()):
        return False
    stem = word[:-2]
    return any(place_named(form) is not None for form in (stem, stem + "en", stem + "n", stem[:-1] + "en" if stem else ""))


#: Articles and prepositions fused with one before a body noun ("der Landtag", "im Landtag").
DEFINITE = ("der", "die", "das", "den", "dem", "des", "im", "ins", "vom", "zum", "zur", "beim", "am")
#: Words joining a body to another organisation: "Wirtschaftskammer und Gewerkschaft".
JOINERS = ("und", "oder", ",", "sowie")


def _body_noun(word: str, genitive: bool) -> Optional[str]:
    """The nominative of a body noun of ``lexicons/bodies_de.tsv``; a "-s"/"-es" genitive only
    after "des"."""
    if not genitive:
        return word if is_body_noun_de(word) else None
    return next((word[:-cut] for cut in (1, 2) if word.endswith("es"[2 - cut:]) and is_body_noun_de(word[:-cut])), None)


def _organisation_at(doc, k: int, orgs: set[int]) -> bool:
    """Whether token ``k`` is (part of) an organisation NER tagged, or a body noun."""
    return 0 <= k < len(doc) and (k in orgs or is_body_noun_de(doc[k].text))


def _bare_body(doc, i: int, orgs: set[int]) -> bool:
    """A body noun with no article that still names the body: after "laut" ("laut Innenministerium"),
    or joined to another organisation ("Wirtschaftskammer und Gewerkschaft", "ÖGB, Arbeiterkammer")."""
    before, after = doc[i - 1].lower_ if i else "", doc[i + 1].lower_ if i + 1 < len(doc) else ""
    return before == "laut" or (before in JOINERS and _organisation_at(doc, i - 2, orgs)) \
        or (after in JOINERS and _organisation_at(doc, i + 2, orgs))


def genitive_bodies(doc, taken: set[int]) -> list[tuple[int, int, str]]:
    """Public bodies of ``lexicons/bodies_de.tsv`` that ``mentions.body_mentions_de`` (a body noun
    right after an article) leaves: in the genitive after "des" ("des Justizministeriums", name
    "Justizministerium"); after a place adjective ("der Wiener Landtag", "des Wiener Landtags" ->
    "Wiener Landtag"); after an article and a lower-case adjective ("im niederösterreichischen
    Landtag", "im parlamentarischen Untersuchungsausschuss": the noun alone, as the adjective's case
    varies); with no article after "laut" or beside another organisation. None before "für" (a longer
    name) or where a name was read already."""
    orgs = {k for e in doc.ents if e.label_ == "ORG" for k in range(e.start, e.end)}
    out = []
    for i in range(len(doc)):
        if i in taken or (i + 1 < len(doc) and doc[i + 1].lower_ == "für"):
            continue
        word = doc[i].text
        adjective = i >= 2 and _place_adjective(doc[i - 1].text)
        article = doc[i - 2 if adjective else i - 1].lower_ if i else ""
        noun = _body_noun(word, article == "des")
        if noun is None:
            continue
        if adjective and article in DEFINITE:
            out.append((i - 1, i + 1, f"{doc[i - 1].text} {noun}"))
        elif article == "des" and noun != word:
            out.append((i, i + 1, noun))
        elif _after_adjective(doc, i) and noun not in NATIONAL_BODIES_DE and not _country_nominative(doc, i):
            out.append((i, i + 1, noun))
        elif noun == word and _bare_body(doc, i, orgs):
            out.append((i, i + 1, noun))
    return out


def _country_nominative(doc, i: int) -> bool:
    """"das slowenische Innenministerium": ``mentions.body_mentions_de`` names it with the adjective."""
    adj = doc[i - 1].text
    return adj.islower() and adj.endswith("e") and country_of_adjective(adj) is not None


def _after_adjective(doc, i: int) -> bool:
    """"im niederösterreichischen Landtag", "der neuen Staatsanwaltschaft": an article, then one or
    two lower-case adjectives (no "-e" country adjective after a nominative article: that is
    ``body_mentions_de``'s, with the adjective in the name)."""
    k = i - 1
    while k >= 0 and i - k <= 2 and doc[k].text.isalpha() and doc[k].text.islower() and doc[k].text.endswith(("e", "en", "er", "es")):
        k -= 1
    return k < i - 1 and k >= 0 and doc[k].lower_ in DEFINITE
