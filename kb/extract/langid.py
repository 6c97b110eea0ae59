"""Language per sentence (English or German) and per document (en / de / mixed).

News articles in kb's input mix languages: a German article quotes an English statement, an
English wire story carries a German headline. Extraction has to pick the rules (and the
German or English pipeline) per sentence, so language is decided per sentence.

How a sentence is decided:

1. Function words first. Words like "der", "und", "nicht" or "the", "and", "which" almost
   never occur in the other language; when one side has at least two more of them than the
   other, that side wins. This is cheap, and it is what makes short sentences reliable.
2. Otherwise lingua (restricted to English and German, low-accuracy mode so that the
   detector loads in ~0.2 s instead of ~1.3 s; the trigram model is plenty for two clearly
   different languages) decides, but only for sentences with at least
   ``MIN_WORDS`` words and a confidence of at least ``MIN_CONFIDENCE``.
3. Everything else (headline fragments, "Putin.", "2025", "Merz in Washington") is
   *ambiguous* and takes the language of its nearest decided neighbour, not a coin flip. On
   a tie the following sentence wins: datelines, headlines and "Putin." lead-ins introduce
   the text after them. When no sentence of the document is decided, the whole text is
   given to lingua at once; when that is still unsure, ``default`` is used.

A document is ``mixed`` when the minority language has at least ``MIXED_MIN_SENTENCES`` (2)
sentences *and* at least ``MIXED_MIN_SHARE`` (10 %) of the document (of its characters when
sentence lengths are given, else of its sentences). One stray quote never makes a document
mixed; two untranslated English sentences in a short German report do (kb's sample gold
calls such an article mixed). Otherwise the majority wins (ties: the first sentence's).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

#: Sentences with fewer words than this are not trusted to lingua alone.
MIN_WORDS = 3
#: lingua's confidence (0..1, English vs German) needed to decide a sentence on its own.
MIN_CONFIDENCE = 0.9
#: Function-word lead (German count minus English count, or vice versa) that decides alone.
FUNCTION_WORD_LEAD = 2
#: Document rule: the minority language's share and count needed to call a document mixed.
MIXED_MIN_SHARE = 0.1
MIXED_MIN_SENTENCES = 2

# Words that are frequent in one language and (nearly) absent from the other. Words spelled
# the same in both ("in", "an", "was", "will", "war", "die", "so", "also", "hat") are left out.
_DE_WORDS = frozenset(
    """der das und ist nicht ein eine einen einem einer eines mit von zu den dem des im auf
    für sich wird wurde werden sind hat haben auch als bei nach aus über dass daß sie er wir
    ihr sein seine ihre noch nur wie oder aber vom zum zur beim doch schon sehr wenn kein
    keine gegen unter seit bis durch jetzt heute gestern sagte erklärte""".split()
)
_EN_WORDS = frozenset(
    """the and is of to that with for on are were has have by from at this it its which who
    whom been be not but or their they he she we his her would could should after before
    about said told into over than there when while since until against""".split()
)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)


@lru_cache(maxsize=1)
def _detector():  # -> lingua.LanguageDetector
    """Build the English/German detector once per process, on first use (lazy import)."""
    from lingua import Language, LanguageDetectorBuilder

    return (
        LanguageDetectorBuilder.from_languages(Language.ENGLISH, Language.GERMAN)
        .with_low_accuracy_mode()
        .build()
    )


def _function_word_vote(words: list[str]) -> Optional[str]:
    """'de' or 'en' when one language's function words clearly dominate, else None."""
    lower = [w.lower() for w in words]
    de = sum(w in _DE_WORDS for w in lower)
    en = sum(w in _EN_WORDS for w in lower)
    if de - en >= FUNCTION_WORD_LEAD:
        return "de"
    if en - de >= FUNCTION_WORD_LEAD:
        return "en"
    return None


def _lingua_vote(text: str, min_confidence: float = MIN_CONFIDENCE) -> Optional[str]:
    """lingua's answer when it is confident enough, else None."""
    values = _detector().compute_language_confidence_values(text)
    if not values or values[0].value < min_confidence:
        return None
    return "de" if values[0].language.name == "GERMAN" else "en"


def classify_sentence(text: str) -> Optional[str]:
    """'en', 'de', or None when the sentence alone is too short or unclear to say."""
    words = _WORD.findall(text)
    if not words:
        return None
    vote = _function_word_vote(words)
    if vote is not None:
        return vote
    if len(words) < MIN_WORDS:
        return None
    return _lingua_vote(text)


def _smooth(votes: list[Optional[str]]) -> list[Optional[str]]:
    """Fill undecided sentences from the nearest decided neighbour (following one on a tie)."""
    decided = [i for i, v in enumerate(votes) if v is not None]
    if not decided:
        return list(votes)
    out: list[Optional[str]] = []
    for i, vote in enumerate(votes):
        if vote is not None:
            out.append(vote)
            continue
        nearest = min(decided, key=lambda j: (abs(j - i), j < i))
        out.append(votes[nearest])
    return out


def sentence_langs(texts: list[str], default: str = "en") -> list[str]:
    """'en' or 'de' for each sentence of one document, in order (see module doc for how)."""
    votes = _smooth([classify_sentence(t) for t in texts])
    if votes and all(v is None for v in votes):
        whole = " ".join(texts)
        fallback = _function_word_vote(_WORD.findall(whole)) or (
            _lingua_vote(whole) if _WORD.search(whole) else None
        )
        votes = [fallback] * len(texts)
    return [v if v is not None else default for v in votes]


def document_lang(langs: list[str], weights: Optional[list[int]] = None) -> str:
    """'en', 'de' or 'mixed' from the per-sentence languages (rule in the module doc).

    ``weights`` (e.g. sentence lengths in characters) make the share a share of text, so a
    run of one-word fragments does not outweigh a long paragraph.
    """
    if not langs:
        return "en"
    w = weights if weights is not None and len(weights) == len(langs) else [1] * len(langs)
    total = sum(w) or 1
    count = {lang: langs.count(lang) for lang in ("en", "de")}
    share = {lang: sum(x for l, x in zip(langs, w) if l == lang) / total for lang in ("en", "de")}
    minority = min(("en", "de"), key=lambda l: (share[l], count[l]))
    if count[minority] >= MIXED_MIN_SENTENCES and share[minority] >= MIXED_MIN_SHARE:
        return "mixed"
    if share["en"] == share["de"]:
        return langs[0] if langs[0] in count else "en"
    return max(share, key=share.__getitem__)


# ---------------------------------------------------------------------------------------
# English stretches inside a German sentence
# ---------------------------------------------------------------------------------------

#: English possessive clitics: "Slovakia's" is English grammar even when the sentence is German.
POSSESSIVES = frozenset({"'s", "’s"})
#: Lowercase words ending in -ing that are German ("gering"), not English gerunds.
_GERMAN_ING = frozenset({"gering", "wenig", "ring", "swing", "camping", "marketing", "training", "meeting",
                         "doping", "leasing", "timing", "ranking", "casting", "shopping", "briefing"})
_UMLAUT = re.compile("[äöüß]")
#: English cue words a stretch needs before its names are re-read by the English pipeline.
MIN_EN_CUES = 2
#: Longest name run (capitalised words) taken into a stretch at its edges.
MAX_NAME_RUN = 4


def _is_possessive(word: str) -> bool:
    """"'s" as a token, or glued to a capitalised word ("Britain's")."""
    return word in POSSESSIVES or word[:1].isupper() and word.endswith(("'s", "’s")) and len(word) > 2


@lru_cache(maxsize=100_000)
def _is_en_cue(word: str) -> bool:
    """An English function word, possessive or gerund: words German text does not use."""
    if word.lower() in _EN_WORDS or _is_possessive(word):
        return True
    return word.islower() and len(word) >= 5 and word.endswith("ing") and word not in _GERMAN_ING


@lru_cache(maxsize=100_000)
def _is_de_cue(word: str) -> bool:
    low = word.lower()
    return low in _DE_WORDS or _UMLAUT.search(low) is not None


def _is_name_word(word: str) -> bool:
    return word[:1].isupper() and not _is_de_cue(word)


def english_stretches(words: list[str]) -> list[tuple[int, int]]:
    """Token ranges [start, end) of English passages inside a (German) sentence.

    Why: real pages leave English sentences untranslated or glue them to German ones
    ("… Slovakia's Robert Fico hat sich … eingesetzt"), so a sentence-level language decision
    cannot route them. A passage is a run of tokens without German cue words (German function
    words, umlauts) holding at least ``MIN_EN_CUES`` English cues (function words,
    possessive 's, gerunds), or one possessive 's before a name ("Britain's Keir Starmer"). It is cut to span from its first to its last cue, widened by the
    capitalised name runs touching those ends ("of Hungary's Viktor Orban", "to Bloomberg
    TV"): names are language-neutral and belong to the clause they sit in.
    """
    out: list[tuple[int, int]] = []
    i = 0
    n = len(words)
    while i < n:
        if _is_de_cue(words[i]):
            i += 1
            continue
        j = i
        while j < n and not _is_de_cue(words[j]):
            j += 1
        cues = [k for k in range(i, j) if _is_en_cue(words[k])]
        possessive = any(_is_possessive(words[k]) and k + 1 < j and _is_name_word(words[k + 1]) for k in cues)
        if len(cues) >= MIN_EN_CUES or possessive:
            start, end = cues[0], cues[-1] + 1
            while start > i and cues[0] - start < MAX_NAME_RUN and _is_name_word(words[start - 1]):
                start -= 1
            while end < j and end - cues[-1] <= MAX_NAME_RUN and (_is_name_word(words[end]) or words[end] in POSSESSIVES):
                end += 1
            out.append((start, end))
        i = j
    return out
