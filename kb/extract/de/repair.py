"""``kb_de_repair``, the last German component: English passages re-read by an English pipeline,
names after role words typed as persons, reference names typed and added."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Callable, Optional

from ..langid import english_stretches
from .companies import company_names
from .known_orgs import known_orgs
from .lineups import lineup_names
from .features import CAPITALISED, NOT_NAME_WORDS
from .lexicon import country_name, match_role_entry
from .names import MAX_GAZETTEER_TOKENS, REFERENCE_NAMES, ReferenceNames, fold_name, reference_names
from .particle_names import particle_names
from .stacker import majority_vote


log = logging.getLogger(__name__)


#: English NER labels -> kb's German labels; NORP ("Dutch") and numbers are not names.
EN_TO_DE_LABELS = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "EVENT": "OTH",
                   "WORK_OF_ART": "OTH", "LAW": "OTH", "PRODUCT": "OTH", "LANGUAGE": "OTH"}


def english_reread(doc, spans: set[tuple[int, int, str]], english=None,
                   words: Optional[list[str]] = None,
                   load_english: Optional[Callable[[], object]] = None) -> set[tuple[int, int, str]]:
    """Replace the German NER's spans inside English passages by the English pipeline's.

    The German models were trained on German; on "… with the notable exceptions of Hungary's
    Viktor Orban" or "speaking to Bloomberg TV" they guess ("Bloomberg" as PER). kb's English
    model reads those passages far better, so its entities win there. ``english`` is that
    pipeline; without it ``load_english`` is asked for one, only when a passage needs it
    (loading costs seconds). No pipeline, or one without NER: the spans stay as they are.
    """
    stretches = english_stretches(words if words is not None else [t.text for t in doc])
    if not stretches:
        return spans
    english = english if english is not None else _english_ner(load_english)
    if english is None:
        return spans
    out = set(spans)
    for a, b in stretches:
        lo, hi = doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text)
        found: set[tuple[int, int, str]] = set()
        for ent in english(doc.text[lo:hi]).ents:
            label = EN_TO_DE_LABELS.get(ent.label_)
            span = doc.char_span(lo + ent.start_char, lo + ent.end_char, alignment_mode="contract")
            if label and span is not None and len(span):
                found.add((span.start, span.end, label))
        taken = {i for s, e, _ in found for i in range(s, e)}
        out = {s for s in out if not (a <= s[0] and s[1] <= b) and taken.isdisjoint(range(s[0], s[1]))}
        out |= found
    return out


def _english_ner(load_english: Optional[Callable[[], object]]):
    """The pipeline ``load_english`` gives when it has an NER, else None (blank English cannot
    re-read); a missing English model only loses the re-read."""
    if load_english is None:
        return None
    try:
        nlp = load_english()
    except Exception as exc:  # a missing English model only loses the re-read
        log.debug("no English pipeline for re-reading English passages: %s", exc)
        return None
    return nlp if nlp is not None and "ner" in nlp.pipe_names else None


def _name_word(text: str) -> bool:
    """A capitalised word without acronyms: how personal names look (not "NATO-Rat", "der")."""
    return bool(
        CAPITALISED.match(text) and not any(len(part) > 1 and part.isupper() for part in text.split("-"))
        and text not in NOT_NAME_WORDS and match_role_entry(text) is None
    )


def _name_like(doc, start: int, end: int) -> bool:
    return all(_name_word(t.text) for t in doc[start:end])


def title_types(doc, spans: set[tuple[int, int, str]], names: ReferenceNames) -> set[tuple[int, int, str]]:
    """A name right after a role word is a person: "Präsident Putin" tagged LOC becomes PER.

    Not for one word ending in -s ("Präsident Frankreichs", a genitive), nor for a known
    place or organisation ("Bürgermeister Berlins", "Vorsitzender SPD").
    """
    out = set()
    for start, end, label in spans:
        after_role = start > 0 and match_role_entry(doc[start - 1].text) is not None
        if (
            label != "PER" and after_role and _name_like(doc, start, end)
            and not (end - start == 1 and doc[start].text.endswith("s"))
            and country_name(doc[start:end].text) is None
            and names.kind(doc[start:end].text) in (None, "PER")
        ):
            label = "PER"
        out.add((start, end, label))
    return out


def gazetteer_types(doc, spans: set[tuple[int, int, str]], names: ReferenceNames,
                    words: Optional[list[str]] = None) -> set[tuple[int, int, str]]:
    """Type spans that exactly match one kind of reference name; add missed full person names.

    "Robert Fico" tagged ORG is a person because the reference lists exactly that person; a
    party name tagged PER is an ORG; a state tagged ORG ("Slovakia") is a place. New spans only for untagged runs of 2-4 name-like words
    that are a reference person's full name (one word is too ambiguous: "Paris", "Berlin").
    """
    out = set()
    for start, end, label in spans:
        label = names.kind(doc[start:end].text) or label
        out.add((start, end, label))
    if not names.persons:
        return out
    taken = {i for s, e, _ in out for i in range(s, e)}
    words = words if words is not None else [t.text for t in doc]
    free = [i not in taken and _name_word(w) for i, w in enumerate(words)]
    i = 0
    while i < len(doc):
        j = i
        while j < len(doc) and j - i < MAX_GAZETTEER_TOKENS and free[j]:
            j += 1
        for end in range(j, i + 1, -1):  # longest match first, at least two words
            if names.kind(doc[i:end].text) == "PER":
                out.add((i, end, "PER"))
                i = end - 1
                break
        i += 1
    return out


#: Words that open a place name, never a person's: "St. Pölten", "Sankt Margarethen".
SAINT_WORDS = frozenset({"St.", "Sankt"})


def saint_places(doc, spans: set[tuple[int, int, str]]) -> set[tuple[int, int, str]]:
    """A span that begins with "St."/"Sankt" is a place: the German models read "St. Margarethen"
    as a person (a capitalised word after an abbreviation looks like a first name)."""
    return {(a, b, "LOC" if lab == "PER" and doc[a].text in SAINT_WORDS and b - a > 1 else lab) for a, b, lab in spans}


class EntityRepair:
    """Last German component: fixes the entities the NER models get wrong on news text.

    In order (the vote already cut spans at English possessives): re-read English passages with the English
    pipeline, type names after role words as persons, type exact reference names (persons,
    parties) and add untagged full reference person names, tag reference persons whose names hold a
    particle whole ("Alexander Van der Bellen", ``particle_names``), then type "St. X" as a place, then tag the
    company names the context shows (``companies.company_names``) and the well-known organisations
    of ``known_orgs_de.tsv`` (``known_orgs.known_orgs``), and the players of a line-up (``lineups``). Each step is a small rule with its
    own reason (see the functions); together they make the German path robust to the English
    material real German pages carry.
    """

    def __init__(self, names_path: Optional[Path] = None, english: bool = True) -> None:
        self.names_path = Path(names_path) if names_path else REFERENCE_NAMES
        self.english = english
        #: the English pipeline that re-reads English passages; None = the one ``load_english``
        #: gives. The Extractor sets its own (``--model``) here.
        self.english_nlp = None
        #: returns kb's default English pipeline (set by ``load_german``; None: no re-read)
        self.load_english: Optional[Callable[[], object]] = None

    @property
    def names(self) -> ReferenceNames:
        return reference_names(self.names_path)

    def __call__(self, doc):
        from spacy.tokens import Span

        words = [t.text for t in doc]  # once: creating Token objects is most of this component's cost
        spans = {(e.start, e.end, e.label_) for e in doc.ents}
        if self.english:
            spans = english_reread(doc, spans, english=self.english_nlp, words=words, load_english=self.load_english)
        names = self.names
        spans = gazetteer_types(doc, title_types(doc, spans, names), names, words)
        spans = saint_places(doc, particle_names(words, spans, names.persons, _name_word, fold_name))
        spans = lineup_names(words, known_orgs(words, company_names(words, spans)), _name_word)
        doc.ents = [Span(doc, a, b, label=lab) for a, b, lab in majority_vote([spans], 1)]
        return doc
