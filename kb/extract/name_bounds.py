"""Where an English person's name starts and ends inside a span NER or a rule tagged as one.

The small NER model and the capitalised-word rules take words next to a name into it: a party
or faction ("Conservative Jane Roe", "Blairite John Doe"), an occupation or rank ("Farmer Jane
Roe", "Colonel John Doe"), a sentence adverb ("Yet Jane Roe"), letters after it ("Jane Roe QC",
"John Doe MP"), the words after a spaced dash ("Jane Roe - the woman who …"), a possessed
thing ("Mr Roe's Pension Plan"). A user reading the tables cannot believe such names, and the
same person is then stored twice. ``person_bounds`` cuts a token span down to the name;
it says None when no person's name is in it at all: a plural common noun ("Labour MPs"), a
constituency ("Leeds North West", "Bolton West MP"), a possessive fragment ("'s Pension"), a
name with digits ("Perm 35").

The word lists are kb's own data, reused: the role lexicon and the title grammar (roles and
the reference's position labels), the party lists (``lexicon.party_name``), demonyms, and
``lexicons/name_affixes_en.tsv`` for the occupations, ranks and post-nominal letters the role
data lacks. Only English text is cut here (German names are the German pipeline's).
"""

from __future__ import annotations

from typing import Optional

from ..roletitles import grammar
from .lexicon import lexicon, name_affixes, party_name
from .roles import NOT_NAME_WORDS

NAME_PARTICLES = {"van", "von", "de", "der", "den", "da", "di", "du", "la", "le", "bin", "ibn", "al", "el", "ten", "ter"}
#: Titles and honorifics before a name: a person ("Mr Ferguson", "Comptroller Alan Hevesi").
PERSON_TITLES = {
    "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "lord", "lady", "baroness", "baron",
    "earl", "admiral", "colonel", "col", "captain", "capt", "comptroller", "administrator",
    "chancellor", "judge", "justice", "rev", "reverend", "sheikh", "senator", "sen", "rep", "governor", "gov",
    "president", "king", "queen", "prince", "princess", "pope", "herr", "frau",
    "presidents", "senators", "governors", "ministers", "chancellors", "kings", "queens", "generals",
}
#: Honorifics: a name that starts with one is a person's, whatever NER said ("Ms Bowers" as ORG).
HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady"}
TITLE_WORDS = {"mr", "mrs", "ms", "dr", "prof", "sir", "dame", "lord", "lady", "mr.", "mrs.", "ms.", "dr.", "prof."}

_POSSESSIVES = ("'s", "’s")
#: Dashes that end a name when spaced ("Jane Roe - the"); a long dash ends it always.
_HYPHENS = ("-", "--")
_LONG_DASHES = ("–", "—")
#: Compass words of constituency and district names ("Leeds North West", "Bristol Central").
_COMPASS = {"north", "south", "east", "west"}
#: Post-nominal letters that name a seat ("Bolton West MP"): after a compass word they end a
#: constituency, not a person's name.
_SEAT_LETTERS = {"MP", "MPs", "MSP", "MEP", "MLA", "TD"}
#: Titles whose plural after a word names a group of people, no person ("Law Lords").
_GROUP_HEADS = (PERSON_TITLES | {"minister", "mp", "msp", "mep", "councillor"}) - {"rep", "sen", "gov", "col", "capt"}


def _role_word(word: str) -> bool:
    """A one-word role of the role lexicon or a head of the title grammar, in the singular or
    the plural ("minister", "analyst", "MPs")."""
    lex, heads = lexicon(), grammar().heads
    for w in (word, word[:-1] if word.endswith("s") and len(word) > 2 else ""):
        if w and (lex.lookup([w], 0)[1] is not None or w in heads):
            return True
    return False


def not_name_word(tok) -> bool:
    """A capitalised word before a name that is no part of it: a title, a role, an occupation or
    rank, a party or faction word, a sentence adverb ("Yet Jane Roe"). A list, not the part of
    speech: given names the tagger reads as function words ("Per", "Will") are names."""
    word = tok.lower_.rstrip(".")
    if word in NOT_NAME_WORDS or word in PERSON_TITLES or word in TITLE_WORDS or word in name_affixes()[0]:
        return True
    return party_name(tok.text) is not None or _role_word(word)


def is_postnominal(tok) -> bool:
    """Letters after a name: an honour, a post or a professional rank ("QC", "MP", "OBE")."""
    return tok.text in name_affixes()[1]


def is_honour(tok) -> bool:
    """Letters only a person carries after the name ("OBE", "QC"), unlike "AM" or "PC"."""
    return tok.text in name_affixes()[2]


def _is_name_start(tok) -> bool:
    return tok.text[:1].isupper() and tok.is_alpha or tok.text[:1].isupper() and "'" in tok.text


#: Parts of speech of a lower-case word that starts the clause after a name ("Jane Roe - the
#: woman who", "Roe - can he"): no part of a name. A lower-case noun may be ("Ko Joo - yeon").
_CLAUSE_POS = {"DET", "AUX", "VERB", "ADV", "PRON", "ADP", "CCONJ", "SCONJ", "PART", "NUM"}


def _clause_word(tok) -> bool:
    """A lower-case English word that ends the name before it (a function word or a verb)."""
    return tok.text[:1].islower() and tok.is_alpha and tok.lower_ not in NAME_PARTICLES \
        and (tok.is_stop or tok.pos_ in _CLAUSE_POS)


def _cut_possessive(doc, start: int, end: int) -> Optional[int]:
    """End of the name before a possessive inside the span ("Roe 's Pension Plan" -> "Roe"),
    None when the span opens with one ("'s Citizen's Pension")."""
    if doc[start].lower_ in _POSSESSIVES:
        return None
    for k in range(start + 1, end):
        if doc[k].lower_ in _POSSESSIVES:
            return k
    return end


def cut_dash(doc, start: int, end: int) -> int:
    """End of the name (a person's or an organisation's) before a dash that ends it: a long
    dash, a spaced hyphen before a function word or verb ("Jane Roe - the", not "Ko Joo -
    yeon"), or a spaced hyphen between two names of two words each ("Jane Roe - Acme United").
    A spaced hyphen inside one name stays: tokenised corpora write "Jean - Pierre Roe" and
    "Louise Roe - Smith" so."""
    for k in range(start + 1, end):
        text = doc[k].text
        if text in _LONG_DASHES:
            return k
        if text not in _HYPHENS or not (doc[k - 1].whitespace_ and doc[k].whitespace_):
            continue
        if k + 1 >= end or _clause_word(doc[k + 1]):
            return k
        if k - start >= 2 and end - k - 1 >= 2:
            return k
    return end


def _trailing(doc, start: int, end: int) -> tuple[int, Optional[str]]:
    """End of the name without trailing post-nominals, lower-case function words and verbs and
    punctuation, and the last post-nominal dropped ("Jane Roe QC" -> "Jane Roe", "QC")."""
    letters = None
    while end - start > 1:
        tok = doc[end - 1]
        if is_postnominal(tok):
            letters = tok.text
        elif not (_clause_word(tok) and doc[end - 2].whitespace_  # "Halla-aho": glued by a hyphen, the name's
                  or tok.text in (",", "-", "--") or tok.lower_ in _POSSESSIVES):
            break
        end -= 1
    return end, letters


def _leading(doc, start: int, end: int) -> int:
    """Start of the name after leading words that are no part of it, while a capitalised name
    is left ("Conservative Jane Roe", "Farmer John Doe", "MPs - Jane Roe")."""
    while end - start > 1:
        tok = doc[start]
        nxt = start + 1
        while nxt < end - 1 and doc[nxt].text in _HYPHENS + _LONG_DASHES:
            nxt += 1
        demonym = tok.text in lexicon().demonyms and end - nxt >= 2  # "Welsh Jane Roe", never "Dawn French"
        if (not_name_word(tok) or demonym) and _is_name_start(doc[nxt]):
            start = nxt
        elif tok.text in _HYPHENS + _LONG_DASHES:
            start = nxt
        else:
            break
    return start


def _place(doc, start: int, end: int, letters: Optional[str]) -> bool:
    """A constituency or district read as a person: two compass words at the end ("Leeds North
    West"), "Central" at the end ("Leeds Central"), or one compass word before a seat's letters
    ("Bolton West MP")."""
    words = [t.lower_ for t in doc[start:end]]
    if len(words) < 2:
        return False
    if words[-1] in _COMPASS and words[-2] in _COMPASS or words[-1] == "central":
        return True
    return words[-1] in _COMPASS and letters in _SEAT_LETTERS


def person_bounds(doc, start: int, end: int) -> Optional[tuple[int, int]]:
    """The person's name inside tokens ``start:end`` of an English doc, or None when the span
    names no person (see the module docstring)."""
    cut = _cut_possessive(doc, start, end)
    if cut is None:
        return None
    end = cut_dash(doc, start, cut)
    end, letters = _trailing(doc, start, end)
    if _place(doc, start, end, letters):
        return None
    start = _leading(doc, start, end)
    toks = doc[start:end]
    if not any(_is_name_start(t) for t in toks):
        return None
    if any(ch.isdigit() for ch in toks.text):
        return None  # "Perm 35", "Area 51": a place or thing numbered, no person
    if all(not_name_word(t) or t.text in _HYPHENS for t in toks):
        return None  # "Labour MPs", "Backbenchers": words that say what people are, no name
    if end - start > 1 and doc[end - 1].lower_[:-1] in _GROUP_HEADS and doc[end - 1].lower_.endswith("s"):
        return None  # "Law Lords", "Tory Ministers": a plural title heads a group of people
    return start, end
