"""GermEval 2014 reading and kb's deterministic held-back split (training and evaluation of the
German NER; ``scripts/train_de_ner.py``, ``scripts/eval_germeval.py``)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from ...errors import ModelError


#: Labels kept from GermEval's outer column. ``*deriv`` ("deutsche") are adjectives and
#: ``*part`` ("EU-Kommission" = ORGpart) are words that contain a name but are not one:
#: neither is a span kb could link to an entity, so both are trained as O.
LABELS = ("PER", "ORG", "LOC", "OTH")


@dataclass
class GermEvalSentence:
    """One GermEval sentence: its 0-based position in the file, words and outer BIO tags."""

    index: int
    words: list[str]
    tags: list[str]


def read_germeval(path: Path) -> list[GermEvalSentence]:
    """Read a GermEval TSV (index, token, outer tag, nested tag; blank line between sentences)."""
    sentences: list[GermEvalSentence] = []
    words: list[str] = []
    tags: list[str] = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        if not line.strip():
            if words:
                sentences.append(GermEvalSentence(len(sentences), words, tags))
                words, tags = [], []
            continue
        cols = line.split("\t")
        if len(cols) < 3:
            raise ModelError(f"{path}: line {line!r} is not GermEval TSV (index, token, tag, nested tag)")
        words.append(cols[1])
        tags.append(cols[2])
    if words:
        sentences.append(GermEvalSentence(len(sentences), words, tags))
    return sentences


def is_heldout(index: int, percent: int = 20) -> bool:
    """True for the ~20 % of GermEval dev sentences kb never trains on.

    Decided by sha1("germeval-dev:<0-based sentence position>") so it is stable across runs
    and machines and independent of any seed. The official test split is never used.
    """
    digest = hashlib.sha1(f"germeval-dev:{index}".encode()).hexdigest()
    return int(digest[:8], 16) % 100 < percent


def outer_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """(start token, end token exclusive, label) for PER/ORG/LOC/OTH spans; deriv/part dropped."""
    spans: list[tuple[int, int, str]] = []
    start: Optional[int] = None
    label = ""
    for i, tag in enumerate(list(tags) + ["O"]):
        prefix, _, lab = tag.partition("-")
        continues = prefix == "I" and lab == label and start is not None
        if start is not None and not continues:
            if label in LABELS:
                spans.append((start, i, label))
            start = None
        if prefix == "B" or (prefix == "I" and not continues):
            start, label = i, lab
    return spans
