"""German cues for whether a name is a person, an organisation, a place or no name: the words
around it, summed over the document, and the retyping of German person mentions they decide.

Why: kb's German NER reads one sentence at a time and types a name by its spelling and its
neighbours; the document often says more. On unlabelled derStandard articles about half of the
one-word person names that no fuller name of the article supports are no persons, and the worst
are German common nouns ("Keil", "Silvester", "Untersuchung", "Brenner"); a "person" that only
ever follows "in" or "nahe" is a place ("in Mina", "nahe Maimana"); a "person" whose name the
article also writes as "X-Chef" or "X-Aktie" is a company. ``kb.extract.entity_types`` does the
same with English cues; this is its German table (the English cues are English words, and the
German pipeline has no tagger or parser: these read plain words).

Each cue is a small function over a sentence's words and a name's token span returning one cue
word or None (``GERMAN_TYPE_CUES``): "person" (support: the name is a person), "place", "org".
``correct_types_de`` counts them per name over the document's German sentences and, for names
the NER tagged PER only: "org" cues and no support -> organisation; place cues on at least half
of the mentions and no support -> dropped; a one-word name that is a German common noun
(``stts.common_noun``) and has no support -> weak (kept only where a rule makes it a post's
holder, like English one-word names without support). A name that is a word of a fuller person
name of the document ("Hofer" of "Norbert Hofer") is always a person. Organisations and places
the NER tagged are left alone: person cues fire on them too ("sagte Mexikos Trainer", "Ecuador
(3)" in a table), so they only support.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Callable, Optional

from ...model import Mention, Sentence
from .companies import LEGAL_FORMS
from .stts import common_noun

Cue = Callable[[list[str], int, int], Optional[str]]

#: Words before a name that make it a person ("Herr Meier", "Frau Kahr").
HONORIFICS_DE = frozenset({"Herr", "Herrn", "Frau", "Hr.", "Fr.", "Dr.", "Prof."})

#: Speech verbs right after or before a name (the inflected forms news uses): "sagte X", "X sagte".
SPEECH_VERBS = frozenset(
    "sagte sagt meinte meint betonte betont erklärte erklärt ergänzte ergänzt kritisierte kritisiert "
    "sprach spricht erzählte erzählt berichtete schilderte räumte".split()
)

#: Prepositions before a name that make it a place when nothing says person ("in Mina", "nahe
#: Maimana"). Not "nach" ("nach Erich Lederer", "dem Vernehmen nach X") nor "bei" ("bei Merkel").
PLACE_PREPOSITIONS = frozenset({"in", "nahe"})

#: Nouns right before a name that make it a place ("die Stadt Flint", "in der Provinz Idlib").
PLACE_NOUNS = frozenset({"Stadt", "Provinz", "Ort", "Dorf", "Gemeinde", "Region", "Hafenstadt", "Grenzstadt",
                         "Hauptstadt", "Bundesstaat", "Ortschaft", "Kleinstadt", "Großstadt"})

#: A one-word name the NER tags a person this often in one document is a name even when it is a
#: German common noun too ("Hofer", 17 times in an interview); common nouns are tagged now and then.
MAX_COMMON_MENTIONS = 3

#: Second parts of compounds "X-Chef", "X-Aktie" that only an organisation X has. Not "-Tochter"
#: ("Trump-Tochter" is a daughter) nor "-Mitarbeiter" (a minister's staff).
ORG_COMPOUND_HEADS = frozenset(
    "chef chefin chefs konzern konzerns aktie aktien aktionär aktionäre konzernchef konzernchefin "
    "vorstand vorstands vorstandschef vorstandschefin zentrale belegschaft".split()
)

#: Separators of a list of names ("Schubert , Bergmann", "Trauner / Schubert", "Auer und Dibon").
LIST_SEPARATORS = frozenset({",", "/", "–", "und"})

#: Dashes after a dateline ("Wien – ...").
DASHES = frozenset({"–", "-", "—"})

_AGE_WORD = re.compile(r"^\d{1,3}-[Jj]ährige[nr]?$")
_AGE_NUMBER = re.compile(r"^\d{1,3}$")


def _word(words: list[str], i: int) -> str:
    return words[i] if 0 <= i < len(words) else ""


def cue_honorific(words: list[str], start: int, end: int) -> Optional[str]:
    """ "Herr Meier", "Frau Kahr", "Dr. Wenzel": a German honorific right before the name."""
    return "person" if _word(words, start - 1) in HONORIFICS_DE else None


def cue_age(words: list[str], start: int, end: int) -> Optional[str]:
    """ "Meier (52)", "der 52-jährige Meier", "Meier, 52,": a person's age."""
    if _word(words, end) == "(" and _AGE_NUMBER.match(_word(words, end + 1)) and _word(words, end + 2) == ")":
        return "person"
    if _AGE_WORD.match(_word(words, start - 1)):
        return "person"
    if _word(words, end) == "," and _AGE_NUMBER.match(_word(words, end + 1)) and _word(words, end + 2) == ",":
        return "person"
    return None


def cue_speech(words: list[str], start: int, end: int) -> Optional[str]:
    """ "sagte Meier", "Meier sagte": the name next to a speech verb."""
    return "person" if _word(words, start - 1) in SPEECH_VERBS or _word(words, end) in SPEECH_VERBS else None


def cue_place(words: list[str], start: int, end: int) -> Optional[str]:
    """ "nahe Maimana", "die Stadt Flint", the dateline "Austin – ...": a place ("place"); "in Mina"
    is weaker ("place_in": "setzte sich in Dieter Hecking ... durch"). Not before a possessive
    genitive ("in Tom Hanks Regie-Debüt": a name in -s followed by a capitalised word)."""
    genitive = words[end - 1].endswith("s") and _word(words, end)[:1].isupper()
    before = _word(words, start - 1)
    if start == 0 and _word(words, end) in DASHES or before in PLACE_NOUNS:
        return "place"
    if before in PLACE_PREPOSITIONS and not genitive:
        return "place_in" if before == "in" else "place"
    return None


def cue_speaker(words: list[str], start: int, end: int) -> Optional[str]:
    """ "Hofer: Nein.": the speaker of an interview's answer opens the sentence with a colon."""
    return "person" if start == 0 and _word(words, end) == ":" else None


#: The cue table: every cue is counted.
GERMAN_TYPE_CUES: list[tuple[str, Cue]] = [
    ("honorific", cue_honorific),
    ("age", cue_age),
    ("speech", cue_speech),
    ("place", cue_place),
    ("speaker", cue_speaker),
]


def german_cues(words: list[str], start: int, end: int) -> list[tuple[str, str]]:
    """(cue name, cue) of every cue that fires on the name at ``words[start:end]``."""
    return [(name, cue) for name, func in GERMAN_TYPE_CUES if (cue := func(words, start, end))]


def org_compound_names(sentences: list[list[str]]) -> set[str]:
    """Names the document writes as the first part of an organisation compound ("Henkel-Chef",
    "Henkel-Aktie" -> "Henkel"): that name is an organisation where the NER tagged it a person."""
    out = set()
    for words in sentences:
        for word in words:
            head, _, tail = word.rpartition("-")
            if head and tail.lower() in ORG_COMPOUND_HEADS and head[:1].isupper():
                out.add(head)
    return out


def decide_type_de(name: str, cues: Counter, mentions: int, fuller: set[str], org_names: set[str],
                   is_common: Callable[[str], bool] = common_noun) -> Optional[str]:
    """The type of a name the NER tagged PER: "person", "organization", None (drop it) or "weak"
    (a common noun: kept only where a rule makes it a post's holder, as English one-word names
    without support are: "Teamchef Koller"), from its cue counts over the document (see the
    module docstring)."""
    if cues["person"] or name in fuller:
        return "person"
    if name in org_names or name.split()[-1] in LEGAL_FORMS:
        return "organization"
    placed = cues["place"] + cues["place_in"]
    if placed and 2 * placed >= mentions and (cues["place"] or cues["place_in"] > 1):
        return None
    if len(name.split()) == 1 and mentions <= MAX_COMMON_MENTIONS and is_common(name):
        return "weak"
    return "person"


def _listed(spans: list[tuple[int, int, str]], words: list[str], start: int, end: int) -> bool:
    """The name stands in a list of person names ("Trauner / Schubert"): another person span one
    separator away on either side, or separators and capitalised words on both sides."""
    ends = {b for _, b, _ in spans}
    starts = {a for a, _, _ in spans}
    if start == 0 and _word(words, end) in DASHES:
        return False  # "Indian Wells – Dominic Thiem ...": a dateline, no line-up
    before, after = _word(words, start - 1) in LIST_SEPARATORS, _word(words, end) in LIST_SEPARATORS
    if before and after and _word(words, start - 2)[:1].isupper() and _word(words, end + 1)[:1].isupper():
        return True  # ", Wöber , Auer , Schobesberger ,": a line-up the NER tagged in part
    return before and start - 1 in ends or after and end + 1 in starts


def document_types(sentences: list[list[str]], persons: list[list[tuple[int, int, str]]], fuller: set[str],
                   is_common: Callable[[str], bool] = common_noun) -> dict[str, Optional[str]]:
    """Each person name of the document's German sentences -> its type (``decide_type_de``);
    ``persons`` holds each sentence's NER person spans (start, end, text), ``fuller`` the words
    of the document's person names of two words or more."""
    cues: dict[str, Counter] = defaultdict(Counter)
    counts: Counter = Counter()
    for words, spans in zip(sentences, persons):
        for a, b, text in spans:
            counts[text] += 1
            for _, cue in german_cues(words, a, b):
                cues[text][cue] += 1
            if _listed(spans, words, a, b):
                cues[text]["person"] += 1
    org_names = org_compound_names(sentences)
    return {name: decide_type_de(name, cues[name], n, fuller, org_names, is_common) for name, n in counts.items()}


def _token_span(words_at: list[int], m: Mention) -> Optional[tuple[int, int]]:
    """Token span of a mention from the tokens' document offsets."""
    idx = [i for i, pos in enumerate(words_at) if m.start <= pos < m.end]
    return (idx[0], idx[-1] + 1) if idx else None


def _retypable(m: Mention) -> bool:
    """An NER person mention (kb's rules' persons, "rule:...", have their own evidence)."""
    return m.type == "person" and not m.label.startswith("rule:")


def correct_types_de(parsed: list[tuple[Sentence, object, list[Mention]]],
                     is_common: Callable[[str], bool] = common_noun) -> tuple[set[str], Counter]:
    """Retype or drop the German sentences' NER person mentions (in place) by the document's
    cues (``document_types``); return the weak names (the caller keeps them only as holders) and
    how many mentions became organisations, were dropped or are weak."""
    german = [(sent, doc, mentions) for sent, doc, mentions in parsed if sent.lang == "de"]
    if not german:
        return set(), Counter()
    fuller = {w for _, _, mentions in parsed for m in mentions if m.type == "person" and len(m.text.split()) > 1
              for w in m.text.split()}
    sentences, persons = [], []
    for sent, doc, mentions in german:
        at = [sent.start + t.idx for t in doc]
        sentences.append([t.text for t in doc])
        persons.append([(*span, m.text) for m in mentions if _retypable(m) and (span := _token_span(at, m))])
    decided = document_types(sentences, persons, fuller, is_common)
    changed: Counter = Counter()
    for _, _, mentions in german:
        keep = []
        for m in mentions:
            new = decided.get(m.text, m.type) if _retypable(m) else m.type
            if new is None:
                changed["dropped"] += 1
                continue
            if new == "weak":
                changed["weak"] += 1
            elif new != m.type:
                m.type, m.label = new, f"rule:type_{new}"
                changed[new] += 1
            keep.append(m)
        mentions[:] = keep
    return {name for name, new in decided.items() if new == "weak"}, changed
