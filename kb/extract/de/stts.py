"""Part-of-speech tags (STTS) from HanTa, the Hanover Tagger, for the German NER: the tagger
itself (loaded lazily), the ``kb_de_stts`` component that tags a doc before NER, the CRF
features built from the tags, and HanTa's lexicon asked whether a word is a common noun
(``common_noun``, for the rules that tag one-word names).

Why: German capitalises every noun, so spelling alone cannot tell a name ("Ferratum",
"Hügli") from a common noun ("Vorstandschef", "Fleischkonzern"); that is the German NER's
core difficulty. HanTa (Wartena 2019; PyPI ``hanta``, LGPL-3.0-or-later; its German model
was trained by its author on a treebank) separates proper nouns (NE) from common nouns (NN)
with a lexicon and morphology learnt from far more German text than kb's NER training data.
The CRF reads its tags as evidence beside spelling and word clusters, never as an answer.
kb's artefact holds no HanTa data: the tagger is a runtime dependency.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Optional

from ...errors import ModelError

#: Where ``SttsTagger`` leaves its tags on a doc: ``doc.user_data[STTS_KEY]`` is one
#: STTS tag per token. Not a Token attribute: the free ones are taken by the spaCy
#: members' features (``features.FeatureMarker``, ``features.mark_corpus``).
STTS_KEY = "kb_stts"

#: HanTa's German model file (shipped inside the ``hanta`` wheel).
HANTA_MODEL = "morphmodel_ger.pgz"

#: Tokens that end a sentence: the component tags a doc sentence by sentence (HanTa's Viterbi
#: search then sees sentence-sized sequences, as in training), before kb's sentencizer runs.
_SENTENCE_END = frozenset({".", "!", "?"})

#: Longest stretch tagged at once when a text has no sentence-final punctuation.
_MAX_CHUNK = 200


def load_hanta():
    """HanTa's German tagger; a kb error saying how to install it when the package is missing."""
    try:
        from HanTa import HanoverTagger
    except ImportError as exc:
        raise ModelError(
            "the German NER artefact reads part-of-speech tags from HanTa: pip install hanta "
            "(a kb dependency) or point KB_DE_MODEL at a pipeline without kb_de_stts"
        ) from exc
    return HanoverTagger.HanoverTagger(HANTA_MODEL)


#: HanTa's log-probability of a tag above which the word is in its lexicon (known words score
#: about -7 to -14, words it only guesses from their ending about -30).
KNOWN_WORD_LOGPROB = -20.0


@lru_cache(maxsize=1)
def _lexicon_tagger():
    """HanTa's tagger for ``common_noun``, or None when the package is missing."""
    try:
        return load_hanta()
    except ModelError:
        return None


@lru_cache(maxsize=20_000)
def common_noun(word: str) -> bool:
    """True when ``word`` is a known German common noun (or may be one: HanTa is missing), so a
    capitalised occurrence says nothing about a name.

    HanTa's lexicon, read without context (``tag_word``): a word whose most likely tag is a
    common noun (NN, NNA) and which HanTa knows rather than guesses ("Post", "Kunden", "Grünen")
    is a common noun; a name it knows ("Merkel", "Siemens", "Telekom") or a word it has never
    seen ("Quendrix") is not. Used by the rules that tag a one-word name from the context
    (``companies.py``, ``consistency.py``)."""
    tagger = _lexicon_tagger()
    if tagger is None:
        return True
    tags = tagger.tag_word(word)
    if not tags:
        return False
    tag, logprob = tags[0]
    return str(tag).startswith("NN") and float(logprob) > KNOWN_WORD_LOGPROB


def coarse(tag: str) -> str:
    """NE (proper noun), NN (common noun, also NNA/NNI), FM (foreign material), or "o"."""
    if tag == "NE" or tag == "FM":
        return tag
    return "NN" if tag.startswith("NN") else "o"


def _chunks(words: list[str]) -> list[tuple[int, int]]:
    """(start, end) stretches ending after sentence-final punctuation or at ``_MAX_CHUNK`` tokens."""
    out, start = [], 0
    for i, word in enumerate(words):
        if word in _SENTENCE_END or i + 1 - start >= _MAX_CHUNK:
            out.append((start, i + 1))
            start = i + 1
    if start < len(words):
        out.append((start, len(words)))
    return out


def tag_words(tagger, words: list[str]) -> list[str]:
    """STTS tag per word, tagging stretch by stretch (``_chunks``). Tags only (``taglevel=0``):
    HanTa's lemmas would triple the time (~2k instead of ~6-7k words/s here) and no feature
    reads them."""
    out: list[str] = []
    for start, end in _chunks(words):
        out += tagger.tag_sent(words[start:end], taglevel=0)
    return out


class SttsTagger:
    """Pipeline component ``kb_de_stts``: HanTa's STTS tag per token into
    ``doc.user_data[STTS_KEY]``, for the vote's CRF (``stts_features``). The tagger loads
    when the component is made (about 0.2 s), so a missing ``hanta`` fails at model load."""

    def __init__(self, tagger=None) -> None:
        self.tagger = tagger if tagger is not None else load_hanta()

    def __call__(self, doc):
        words = [t.text for t in doc]
        doc.user_data[STTS_KEY] = tag_words(self.tagger, words) if words else []
        return doc


def doc_tags(doc) -> Optional[list[str]]:
    """The tags ``SttsTagger`` left on ``doc``, or None when it did not run."""
    tags = doc.user_data.get(STTS_KEY)
    return tags if tags is not None and len(tags) == len(doc) else None


def stts_features(words: list[str], tags: list[str]) -> list[dict[str, object]]:
    """CRF feature of the tags: the token's coarse class (``coarse``) with its capitalisation
    ("NE^", "NN^", "o").

    Why so little: on the held-back parts (CRF alone, PER+ORG F1 GermEval / SmartData, 0.705 /
    0.580 without tags) this one feature gave 0.717 / 0.590; adding the neighbours' classes
    0.714 / 0.578; the full tags of the token and two neighbours each side, tag bigrams and a
    lemma flag 0.708 / 0.563 (more single surnames and companies typed PER on SmartData)."""
    return [{"pc": coarse(tag) + ("^" if word[:1].isupper() else "")} for word, tag in zip(words, tags)]
