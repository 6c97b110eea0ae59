"""The extract stage: Documents in, Extractions out. The only stage that touches spaCy.

Each document is split into sentences (``sentences.py``), each sentence gets a language
(``langid.py``), and each sentence is parsed by the pipeline of its language, batched through
``nlp.pipe``. Working per sentence is what lets one article mix German and English, keeps
offsets trivial (a token's document offset is ``sentence.start + token.idx``), and bounds the
cost of huge or garbage documents. ``facts.py`` then turns the parsed sentences into entities
and tenures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Iterator, Optional

from ..model import Document, Extraction, Sentence
from ..settings import get_settings
from .nlp import load_pipeline, pipeline_version
from .sentences import split_sentences

#: Sentences longer than this (no punctuation for pages on end) are cut at whitespace.
MAX_SENTENCE_CHARS = 3000


@dataclass
class ParsedDocument:
    """A document's sentences and the spaCy Doc of each (``docs[i]`` parses ``sentences[i]``)."""

    document: Document
    sentences: list[Sentence]
    docs: list  # list[spacy.tokens.Doc]
    lang: str = "en"  # document language: en, de or mixed


def _cap_sentences(sentences: list[Sentence]) -> list[Sentence]:
    out: list[Sentence] = []
    for s in sentences:
        if len(s.text) <= MAX_SENTENCE_CHARS:
            out.append(Sentence(len(out), s.start, s.end, s.text, s.lang))
            continue
        pos = 0
        while pos < len(s.text):
            cut = min(len(s.text), pos + MAX_SENTENCE_CHARS)
            if cut < len(s.text):
                space = s.text.rfind(" ", pos + 1, cut)
                cut = space if space > pos else cut
            chunk = s.text[pos:cut]
            lead = len(chunk) - len(chunk.lstrip())
            if chunk.strip():
                start = s.start + pos + lead
                out.append(Sentence(len(out), start, start + len(chunk.strip()), chunk.strip(), s.lang))
            pos = cut
    return out


_GERMAN_HINT = re.compile(r"[äöüßÄÖÜ]|\b(der|die|das|und|ist|nicht|mit|sich|dem|den|des|auch|wird|sind)\b")


def assign_languages(sentences: list[Sentence], lang: Optional[str]) -> str:
    """Set ``Sentence.lang`` for every sentence; return the document language.

    An explicit ``lang`` (en/de) applies to all sentences. Otherwise each sentence is
    identified (lingua, in ``langid.py``); documents with no sign of German skip the detector.
    """
    if lang in ("en", "de"):
        for s in sentences:
            s.lang = lang
        return lang
    if not any(_GERMAN_HINT.search(s.text) for s in sentences):
        for s in sentences:
            s.lang = "en"
        return "en"
    try:
        from .langid import document_lang, sentence_langs
    except ImportError:  # language identification not installed: treat as English
        for s in sentences:
            s.lang = "en"
        return "en"
    langs = sentence_langs([s.text for s in sentences])
    for s, l in zip(sentences, langs):
        s.lang = l
    return document_lang(langs, [len(s.text) for s in sentences])


class Extractor:
    """Loads the pipelines once and turns Documents into Extractions, in batches."""

    def __init__(self, model: Optional[str] = None, lang: Optional[str] = None, batch_size: Optional[int] = None):
        self.model = model
        self.lang = lang if lang in ("en", "de") else None
        self.batch_size = batch_size or get_settings().batch_size
        self._nlps: dict[str, object] = {}

    def nlp(self, lang: str):
        if lang not in self._nlps:
            model = self.model if (lang == "en" or self.lang == lang) else None
            self._nlps[lang] = load_pipeline(lang, model)
        return self._nlps[lang]

    @property
    def version(self) -> str:
        """Pipeline version string stored with each document (decides re-extraction)."""
        parts = [pipeline_version(self.nlp("en"))]
        if self.lang != "en":
            parts.append(pipeline_version(self.nlp("de")))
        return "|".join(parts)

    def parse(self, documents: Iterable[Document]) -> Iterator[ParsedDocument]:
        """Split, identify languages and parse, batching sentences across documents."""
        batch: list[tuple[Document, list[Sentence], str]] = []
        n_sents = 0
        for doc in documents:
            sentences = _cap_sentences(split_sentences(doc.text))
            doc_lang = assign_languages(sentences, doc.lang or self.lang)
            batch.append((doc, sentences, doc_lang))
            n_sents += len(sentences)
            if n_sents >= self.batch_size * 8:
                yield from self._parse_batch(batch)
                batch, n_sents = [], 0
        if batch:
            yield from self._parse_batch(batch)

    def _parse_batch(self, batch) -> Iterator[ParsedDocument]:
        parsed: dict[tuple[int, int], object] = {}
        for lang in ("en", "de"):
            keys = [(i, s.index) for i, (_, sents, _) in enumerate(batch) for s in sents if s.lang == lang]
            if not keys:
                continue
            texts = (batch[i][1][j].text for i, j in keys)
            for key, sdoc in zip(keys, self.nlp(lang).pipe(texts, batch_size=self.batch_size)):
                parsed[key] = sdoc
        for i, (doc, sents, doc_lang) in enumerate(batch):
            yield ParsedDocument(doc, sents, [parsed[(i, s.index)] for s in sents], doc_lang)

    def extract(self, documents: Iterable[Document], on_error=None) -> Iterator[Extraction]:
        """Yield one Extraction per document. With ``on_error(document, exc)``, a document whose
        rules fail is reported and skipped instead of ending the iteration."""
        from .facts import document_places, extract_facts

        version = self.version
        for pd in self.parse(documents):
            try:
                entities, tenures = extract_facts(pd)
                places = document_places(pd)
            except Exception as exc:
                if on_error is None:
                    raise
                on_error(pd.document, exc)
                continue
            yield Extraction(pd.document, pd.sentences, entities, tenures, pd.lang, version,
                             places=places)
