"""Sentence splitting that works before we know a sentence's language.

kb decides the language per sentence (an English sentence inside a German article is read as
English), so sentences must exist before any language-specific pipeline runs. This splitter is
rule-based and language-neutral: line breaks are hard boundaries (scraped pages put headlines,
paragraphs and page chrome on their own lines); within a line it splits after ``.``, ``!``,
``?`` (and closing quotes/brackets) followed by space and an upper-case letter, a digit or an
opening quote, except after known abbreviations, initials and German ordinal dates
("am 6. Mai"). It also repairs boundaries that scraping glued together ("upon.Most",
"Putin.speaking") without breaking domains ("Lenta.ru") or acronyms ("U.S.").

Time is linear in the length of a line: a page or a book scraped onto one line must not stall
a build, so each boundary looks back only at the word before it (and the word before that).
"""

from __future__ import annotations

import re
from typing import Iterator

from ..model import Sentence

# Abbreviations after which a full stop does not end a sentence (lower-cased, no dot).
ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof sr jr st mt gen col lt sgt capt cmdr adm gov sen rep rev hon pres
    no nos vol fig inc ltd co corp bros dept univ est approx ca vs etc al cf e.g i.e
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue wed thu fri sat sun
    u.s u.k u.n e.u a.m p.m b c fl
    z.b bzw bspw ca evtl ggf inkl insb usw vgl sog dt abs nr str hr fr dipl ing
    """.split()
)

_BOUNDARY = re.compile(
    r"""(?<=[.!?…])      # a sentence-final mark
        ["'”’»«)\]]*     # closing quotes or brackets that belong to the sentence
        \s+              # whitespace
        (?=["'“‘„«»(\[]?[A-ZÄÖÜÀ-ÖØ-Þ0-9])  # next sentence starts upper-case or with a digit
    """,
    re.VERBOSE,
)
# Glued boundaries from scraping: "upon.Most" / "Putin.speaking" (word of 3+ letters, a full
# stop, then a word of 4+ letters that is not part of a domain or an acronym).
_GLUED = re.compile(r"(?<=[a-zäöüß]{3}[.!?])(?=[A-ZÄÖÜ][a-zäöüß]{3,}\b(?![./]))|(?<=[A-Za-zäöüß]{4}[.!?])(?=[a-zäöüß]{5,}\b(?![./]))")
_GERMAN_MONTH = re.compile(r"\s*(Jan|Feb|Mär|Maer|Apr|Mai|Jun|Jul|Aug|Sep|Okt|Nov|Dez)[a-zä]*\b")
_GERMAN_ORDINAL_CONTEXT = re.compile(r"\b(der|die|das|dem|den|des|am|im|zum|zur|vom|beim|seinem|ihrem|seine|ihre|sein|ihr)\s+$")
#: Look-behind is done on the reversed line: a ``match`` at a position reads backwards from
#: it and stops at the first character that does not fit, so each boundary costs the length of
#: the word before it, not the length of the line before it.
_WORD_CHARS_REVERSED = re.compile(r"[\w.]*")
_SPACE_REVERSED = re.compile(r"\s*")
#: Longest word _GERMAN_ORDINAL_CONTEXT accepts ("seinem"), plus one character for its ``\b``.
_ORDINAL_CONTEXT_REACH = 7


def _is_false_boundary(line: str, reversed_line: str, mark: int, after: int) -> bool:
    """Whether the boundary after the sentence mark at ``line[mark]`` is not a sentence end.

    ``after`` is where the next sentence would start. Only the word before the mark (and, for
    German ordinals, the word before that) is read: positions into the line, never slices of
    everything before or after the boundary, so a long line splits in linear time.
    """
    n = len(line)
    word_start = n - _WORD_CHARS_REVERSED.match(reversed_line, n - mark).end()
    if word_start == mark:
        return False
    word = line[word_start:mark]
    lowered = word.lower().rstrip(".")
    if lowered in ABBREVIATIONS:
        return True
    if len(word) == 1 and word.isalpha() and word.isupper():  # an initial: "J. K. Rowling"
        return True
    if word.isdigit() and len(word) <= 2 and _GERMAN_MONTH.match(line, after):
        return True  # German ordinal day: "am 6. Mai", "14. Februar"
    if word.isdigit() and len(word) <= 3 and _ordinal_context(line, reversed_line, word_start):
        return True  # German ordinal: "der 14. Generalsekretär", "zum 3. Mal"
    return False


def _ordinal_context(line: str, reversed_line: str, word_start: int) -> bool:
    """An article or preposition, then whitespace, right before ``word_start``."""
    n = len(line)
    space_start = n - _SPACE_REVERSED.match(reversed_line, n - word_start).end()
    if space_start == word_start:
        return False
    window = max(0, space_start - _ORDINAL_CONTEXT_REACH)
    return _GERMAN_ORDINAL_CONTEXT.search(line, window, word_start) is not None


def _split_line(line: str) -> Iterator[tuple[int, int]]:
    """Yield (start, end) of sentences within one line (offsets into the line)."""
    cuts = [0]
    for m in _GLUED.finditer(line):
        cuts.append(m.start())
    reversed_line = line[::-1]
    for m in _BOUNDARY.finditer(line):
        if not _is_false_boundary(line, reversed_line, m.start() - 1, m.end()):
            cuts.append(m.end())
    cuts = sorted(set(cuts)) + [len(line)]
    for a, b in zip(cuts, cuts[1:]):
        seg = line[a:b]
        stripped = seg.strip()
        if not stripped:
            continue
        lead = len(seg) - len(seg.lstrip())
        yield a + lead, a + lead + len(stripped)


def split_sentences(text: str) -> list[Sentence]:
    """Split a document into sentences with document character offsets."""
    sentences: list[Sentence] = []
    pos = 0
    for line in text.split("\n"):
        for a, b in _split_line(line):
            sentences.append(Sentence(index=len(sentences), start=pos + a, end=pos + b, text=line[a:b]))
        pos += len(line) + 1
    return sentences
