"""Read the DFKI SmartData corpus (German news, RSS, tweets) as GermEval-style sentences.

Why: GermEval's dev split alone (1.7k training sentences) caps kb's German NER; SmartData
(CC BY 4.0, ``../shared/eval/smartdata-de``) adds 674 person and 2,043 organisation
mentions in the news text kb reads. The corpus has character offsets and no tokens, so
this tokenises with spaCy's blank German tokenizer, splits sentences (sentencizer and line
breaks) and maps each mention onto whole tokens, giving ``GermEvalSentence`` objects that
``train_de_ner.py`` trains on and ``eval_germeval.py --smartdata`` scores.

Split, by document (never by sentence: a document's sentences share names):
- ``is_smartdata_heldout``: sha1("smartdata-train:<document id>") in the lowest 20 % is held
  back for evaluation; ``eval_germeval.py`` scores the held-back **news and RSS** documents
  (tweets are not kb's input), exactly like GermEval's held-back 20 %.
- ``is_smartdata_tuning``: of the rest, ~12 % (another salt) is the early-stopping part.
The withheld SmartData test split is not here and never used.

Labels: ``person`` -> PER, ``organization`` and ``organization-company`` -> ORG,
``location*`` -> LOC (GermEval's outer level: the longest of overlapping mentions wins). A
mention that covers only part of a token ("Google" in "Google-Ableger") is dropped: GermEval
calls that ``ORGpart``, which kb trains as O.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from kb.extract.de.features import bio_tags  # noqa: E402
from kb.extract.de.germeval import GermEvalSentence, outer_spans  # noqa: E402
from kb.settings import SHARED_DIR  # noqa: E402

DEFAULT_SMARTDATA = SHARED_DIR / "eval" / "smartdata-de" / "v1-train.json.gz"
#: Sentence indices of SmartData start here so they never collide with GermEval positions.
INDEX_BASE = 1_000_000
NEWS_SOURCES = frozenset({"news", "rss"})


def smartdata_label(kind: str) -> str | None:
    """GermEval label of a SmartData concept type, or None when it is not a name."""
    if kind == "person":
        return "PER"
    if kind in ("organization", "organization-company"):
        return "ORG"
    if kind.startswith("location"):
        return "LOC"
    return None


def _bucket(salt: str, doc_id: str) -> int:
    return int(hashlib.sha1(f"{salt}:{doc_id}".encode()).hexdigest()[:8], 16) % 100


def is_smartdata_heldout(doc_id: str, percent: int = 20) -> bool:
    """True for the ~20 % of SmartData train documents kb never trains on (hash of the id)."""
    return _bucket("smartdata-train", doc_id) < percent


def is_smartdata_tuning(doc_id: str, percent: int = 12) -> bool:
    """Early-stopping part of the non-held-back SmartData documents."""
    return _bucket("smartdata-tune", doc_id) < percent


@dataclass
class SmartDataSentence(GermEvalSentence):
    """A GermEval-style sentence that remembers its SmartData document and source."""

    doc_id: str = ""
    source: str = ""


def read_documents(path: Path) -> Iterator[dict]:
    """The corpus' concatenated JSON objects, first occurrence of each document id only."""
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        raw = fh.read()
    decoder = json.JSONDecoder()
    seen: set[str] = set()
    i = 0
    while i < len(raw):
        while i < len(raw) and raw[i].isspace():
            i += 1
        if i >= len(raw):
            break
        doc, i = decoder.raw_decode(raw, i)
        if doc["id"] not in seen:
            seen.add(doc["id"])
            yield doc


def _mention_spans(doc, mentions: list[dict]) -> list[tuple[int, int, str]]:
    """Token spans of the name mentions, outer level only (longest first, no overlaps)."""
    spans = []
    for m in mentions:
        label = smartdata_label(m.get("type", ""))
        if label is None:
            continue
        span = doc.char_span(m["span"]["start"], m["span"]["end"], alignment_mode="strict")
        if span is None or not span.text.strip():
            continue
        spans.append((span.start, span.end, label))
    spans.sort(key=lambda s: (s[0] - s[1], s[0]))
    taken: set[int] = set()
    out = []
    for start, end, label in spans:
        if not taken.intersection(range(start, end)):
            out.append((start, end, label))
            taken.update(range(start, end))
    return sorted(out)


def read_smartdata(path: Path = DEFAULT_SMARTDATA) -> list[SmartDataSentence]:
    """Every document's sentences with outer BIO tags (PER/ORG/LOC), in file order."""
    import spacy

    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    out: list[SmartDataSentence] = []
    for item in read_documents(path):
        doc = nlp(item["text"]["string"])
        tags = bio_tags(len(doc), _mention_spans(doc, item["conceptMentions"]["array"] or []))
        source = (item.get("refids") or {}).get("map", {}).get("source", "")
        for words, sent_tags in _sentences(doc, tags):
            out.append(SmartDataSentence(INDEX_BASE + len(out), words, sent_tags, item["id"], source))
    return out


def _sentences(doc, tags: list[str]) -> Iterator[tuple[list[str], list[str]]]:
    """Sentences split by the sentencizer and at line breaks, whitespace tokens dropped; a
    split never cuts a name (the cut moves past the name's last token)."""
    words: list[str] = []
    stags: list[str] = []
    for tok, tag in zip(doc, tags):
        inside = tag.startswith("I-")
        if words and not inside and (tok.is_sent_start or (tok.is_space and "\n" in tok.text)):
            yield words, stags
            words, stags = [], []
        if tok.is_space:
            continue
        words.append(tok.text)
        stags.append(tag)
    if words:
        yield words, stags


def training_sentences(sents: list[SmartDataSentence], part: str) -> list[SmartDataSentence]:
    """"train": not held back, not tuning; "tune": the tuning part; "all": not held back;
    "heldout": held-back news and RSS documents (the evaluation part)."""
    if part == "heldout":
        return [s for s in sents if is_smartdata_heldout(s.doc_id) and s.source in NEWS_SOURCES]
    pool = [for_training(s) for s in sents if not is_smartdata_heldout(s.doc_id)]
    if part == "all":
        return pool
    tune = part == "tune"
    return [s for s in pool if is_smartdata_tuning(s.doc_id) == tune]


def for_training(sent: SmartDataSentence) -> SmartDataSentence:
    """The sentence with lower-case LOC spans ("türkische", "beiden Richtungen") set to O.

    Why: SmartData tags nationality adjectives and directions as locations; GermEval calls
    the adjectives LOCderiv, which kb trains as O, so both corpora teach the same thing.
    Lower-case organisations ("dpa") stay: they are names.
    """
    spans = [(a, b, lab) for a, b, lab in outer_spans(sent.tags)
             if lab != "LOC" or sent.words[a][:1].isupper()]
    tags = bio_tags(len(sent.words), spans)
    return SmartDataSentence(sent.index, sent.words, tags, sent.doc_id, sent.source)
