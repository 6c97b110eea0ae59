"""Document-level label consistency of the German NER: one name, one label in a document.

Why: kb's German NER reads one sentence at a time, so a rare company name ("Quendrix") the models
tag ORG where the context says so ("das Unternehmen Quendrix", "Quendrix AG") stays untagged in
the next sentence ("Quendrix meldete …"), and one name may be PER in one sentence and ORG in the
next. News names a company several times in one article, first with what it is ("der Konzern X",
"X AG"), then by its bare name. On SmartData's held-back documents this lifts PER+ORG F1 from
0.622 (sentence by sentence) to 0.647 (``scripts/eval_germeval.py``, ``sd-doc``). This step runs after every German sentence
of a document is parsed (``kb.extract.pipeline``) and before mentions are read from ``doc.ents``:

1. ``majority_labels``: mentions of one name (the exact word sequence) with conflicting types
   (PER / ORG) take the type most of its mentions have (a tie changes nothing); a name the
   document shows to be a company (``company_keys``: "X AG", "der Konzern X", and "X" after
   "X Immobilien AG") is ORG wherever it is tagged PER.
2. ``propagate``: a name most of whose mentions are tagged ORG, or a company name, is tagged ORG
   where it recurs untagged, when no entity covers any of those tokens (the models' spans always
   win) and the name looks like one (``eligible``): every word capitalised (camel case allowed),
   no function word ("Die" opens sentences), and a one-word name no German common noun ("Post",
   "Bild", "Union" are words before they are names; ``stts.common_noun``: HanTa's lexicon, a kb
   dependency; without it no one-word name propagates). Persons are not propagated
   (``PROPAGATED_LABELS``).

Plain functions over words and (start, end, label) spans; ``harmonise_docs`` applies them to a
document's spaCy Docs.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Callable, Iterable, Optional

from .companies import LEGAL_FORMS, company_spans
from .stts import common_noun

Span = tuple[int, int, str]
Key = tuple[str, ...]

#: Labels whose conflicts this step settles: the names kb turns into entities.
NAME_LABELS = ("PER", "ORG")
#: Labels propagated to untagged repeats. Not PER: on SmartData's held-back documents persons
#: gained nothing (the models find repeated persons), and on German news-tenures every added
#: surname mention gave kb's pronoun rules ("sie", "Die 52-Jährige") one more, wrong, antecedent.
PROPAGATED_LABELS = ("ORG",)
#: Longest name (in words) propagated: longer spans are rare repeats and risk run-ons.
MAX_NAME_WORDS = 5

#: Function words that open German sentences capitalised ("Die", "Auch"): never part of a
#: propagated name, in any case.
FUNCTION_WORDS = frozenset(
    "der die das des dem den ein eine einer eines einem einen und oder aber auch noch nur so wie als "
    "von vom bei beim mit für in im an am auf aus zu zur zum nach über unter vor seit bis durch gegen "
    "ohne um sich ist sind hat haben wird werden war waren er sie es wir ihr ich man sein seine ihre "
    "dies diese dieser dieses jener jene kein keine nicht doch dann da denn wenn weil dass ob mehr "
    "herr frau dr dr. prof prof.".split()
)

_CAMEL = re.compile(r"[a-zäöü][A-ZÄÖÜ]")


def _name_word(word: str) -> bool:
    """Capitalised or camel case ("touriDat"), alphanumeric start, no function word."""
    return (word[:1].isalnum() and word.lower() not in FUNCTION_WORDS
            and (word[:1].isupper() or bool(_CAMEL.search(word))))


def eligible(key: Key, is_common: Callable[[str], bool] = common_noun) -> bool:
    """A word sequence that may be propagated as a name (see the module docstring)."""
    if not key or len(key) > MAX_NAME_WORDS or not all(_name_word(w) for w in key):
        return False
    if len(key) == 1:
        word = key[0]
        return len(word) > 2 and word not in LEGAL_FORMS and not is_common(word)
    return True


def label_votes(sentences: list[list[str]], spans: list[set[Span]]) -> dict[Key, Counter]:
    """How often each word sequence is tagged with each label in the document (every label
    counts: a name tagged LOC once and ORG once has no majority)."""
    votes: dict[Key, Counter] = {}
    for words, sent in zip(sentences, spans):
        for a, b, label in sent:
            votes.setdefault(tuple(words[a:b]), Counter())[label] += 1
    return votes


def _winner(count: Counter) -> Optional[str]:
    """The label most mentions carry, None on a tie."""
    ranked = count.most_common(2)
    return ranked[0][0] if len(ranked) == 1 or ranked[0][1] > ranked[1][1] else None


def company_keys(sentences: list[list[str]], spans: list[set[Span]],
                 is_common: Callable[[str], bool] = common_noun) -> set[Key]:
    """Names the document itself shows to be companies: what ``companies.company_spans`` finds
    (a legal form after the name, a company noun before it), and of every ORG span ending in a
    legal form the name without it and its first word ("Halvorsen Maritim AG" -> "Halvorsen
    Maritim", "Halvorsen": the short forms news uses after the first mention). Only names that
    ``eligible`` accepts and that the document never tags LOC ("Wien" of "Wien Energie GmbH")."""
    keys: set[Key] = set()
    for words, sent in zip(sentences, spans):
        keys.update(tuple(words[a:b]) for a, b in company_spans(words))
        for a, b, label in sent:
            if label == "ORG" and b - a > 1 and words[b - 1] in LEGAL_FORMS:
                keys.update({tuple(words[a:b - 1]), (words[a],)})
    votes = label_votes(sentences, spans)
    return {k for k in keys if eligible(k, is_common) and not votes.get(k, Counter()).get("LOC")}


def majority_labels(sentences: list[list[str]], spans: list[set[Span]],
                    companies: frozenset[Key] | set[Key] = frozenset()) -> list[set[Span]]:
    """Spans of one name (same words) labelled PER in some sentences and ORG in others take the
    label most of the name's mentions carry (a tie keeps each); a name in ``companies``
    (``company_keys``) is ORG wherever it is tagged PER."""
    winner = {key: w for key, count in label_votes(sentences, spans).items() if (w := _winner(count)) in NAME_LABELS}
    winner.update({key: "ORG" for key in companies})
    return [{(a, b, winner.get(tuple(words[a:b]), label) if label in NAME_LABELS else label) for a, b, label in sent}
            for words, sent in zip(sentences, spans)]


def document_names(sentences: list[list[str]], spans: list[set[Span]],
                   is_common: Callable[[str], bool] = common_noun,
                   labels: tuple[str, ...] = PROPAGATED_LABELS) -> dict[Key, str]:
    """The document's names that may be propagated -> their label: the label most of the name's
    mentions carry, when it is one of ``labels`` (a tie, or a majority of LOC, leaves it out)."""
    out = {}
    for key, count in label_votes(sentences, spans).items():
        label = _winner(count)
        if label in labels and eligible(key, is_common):
            out[key] = label
    return out


def _occurrences(words: list[str], key: Key) -> Iterable[int]:
    n = len(key)
    first = key[0]
    for i in range(len(words) - n + 1):
        if words[i] == first and tuple(words[i:i + n]) == key:
            yield i


def propagate(sentences: list[list[str]], spans: list[set[Span]], names: dict[Key, str]) -> list[set[Span]]:
    """``spans`` plus a span for every untagged occurrence of a document name (longest names
    first) where no span covers any of its tokens: the models' own spans always win."""
    order = sorted(names, key=len, reverse=True)
    out = []
    for words, sent in zip(sentences, spans):
        sent = set(sent)
        taken = {i for a, b, _ in sent for i in range(a, b)}
        for key in order:
            for i in _occurrences(words, key):
                end = i + len(key)
                if taken.isdisjoint(range(i, end)):
                    sent.add((i, end, names[key]))
                    taken.update(range(i, end))
        out.append(sent)
    return out


def consistent_spans(sentences: list[list[str]], spans: list[set[Span]],
                     is_common: Callable[[str], bool] = common_noun) -> list[set[Span]]:
    """The document's spans after both steps: one label per name (``majority_labels`` with the
    document's company names), then the organisation names propagated (``propagate``)."""
    companies = company_keys(sentences, spans, is_common)
    spans = majority_labels(sentences, spans, companies)
    names = document_names(sentences, spans, is_common)
    names.update({key: "ORG" for key in companies})
    return propagate(sentences, spans, names)


def harmonise_docs(docs: list, is_common: Optional[Callable[[str], bool]] = None) -> None:
    """Apply ``consistent_spans`` to the entities of a document's German sentence Docs, in place."""
    from spacy.tokens import Span as SpacySpan

    sentences = [[t.text for t in doc] for doc in docs]
    spans = [{(e.start, e.end, e.label_) for e in doc.ents} for doc in docs]
    new = consistent_spans(sentences, spans, is_common or common_noun)
    for doc, before, after in zip(docs, spans, new):
        if after != before:
            doc.ents = [SpacySpan(doc, a, b, label=lab) for a, b, lab in sorted(after)]
