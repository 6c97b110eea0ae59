"""The extract stage: Documents in, Extractions out. The only stage that touches spaCy.

Each document is split into sentences (``sentences.py``), each sentence gets a language
(``langid.py``), and each sentence is parsed by the pipeline of its language, batched through
``nlp.pipe``. Working per sentence is what lets one article mix German and English, keeps
offsets trivial (a token's document offset is ``sentence.start + token.idx``), and bounds the
cost of huge or garbage documents. German sentences are parsed one by one; once a document's
(part's) sentences are parsed, ``de/consistency.py`` gives each name one label over its German
sentences ("Quendrix" tagged ORG once is ORG where it recurs). ``facts.py`` then turns the parsed
sentences into entities and tenures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Iterator, Optional

from ..model import Document, Extraction, Sentence
from ..settings import get_settings
from .de.consistency import harmonise_docs
from .de.ner import german_meta
from .facts import document_adjective_places, document_places, extract_facts
from .langid import document_lang, sentence_langs
from .nlp import load_pipeline, meta_version, pipeline_version
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
    part: int = 0  # huge documents are parsed in parts of at most settings.max_chars
    parts: int = 1


def _parts(sentences: list[Sentence], max_chars: int) -> list[list[Sentence]]:
    """Consecutive groups of sentences of at most ``max_chars`` characters each.

    A 50 MB document would otherwise keep millions of parsed tokens in memory at once; in
    parts, memory is bounded by one part, at the price of coreference across part borders.
    """
    groups: list[list[Sentence]] = [[]]
    size = 0
    for s in sentences:
        if groups[-1] and size + len(s.text) > max_chars:
            groups.append([])
            size = 0
        groups[-1].append(s)
        size += len(s.text)
    return groups


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
    langs = sentence_langs([s.text for s in sentences])
    for s, l in zip(sentences, langs):
        s.lang = l
    return document_lang(langs, [len(s.text) for s in sentences])


#: Languages whose consecutive sentences are parsed as one Doc (see ``_joined``).
WHOLE_RUN_LANGS = ("en",)
#: A run of consecutive same-language sentences parsed as one Doc has at most this many.
MAX_RUN_SENTENCES = 64


def _runs(i: int, sentences: list[Sentence], lang: str) -> Iterator[list[tuple[int, int]]]:
    """Keys ``(i, j)`` of consecutive sentences in ``lang``, in runs of at most MAX_RUN_SENTENCES."""
    run: list[tuple[int, int]] = []
    for j, s in enumerate(sentences):
        if s.lang != lang or len(run) >= MAX_RUN_SENTENCES:
            if run:
                yield run
            run = []
        if s.lang == lang:
            run.append((i, j))
    if run:
        yield run


def _joined(nlp, texts: list[str]):
    """One Doc holding the tokens of several sentences, each sentence start fixed.

    Why: spaCy's per-Doc overhead (the attribute ruler's matcher, ``Language._pipe``, batch
    padding) made one Doc per sentence cost about a fifth more than parsing whole documents.
    The sentences are tokenized as one text joined by single spaces (the tokenizer splits at
    whitespace first, so the tokens are those of each sentence on its own), and each
    sentence's first token is marked as a sentence start, which the parser respects, so no
    dependency arc crosses kb's sentence boundaries.
    """
    if len(texts) == 1:
        doc = nlp.make_doc(texts[0])
        doc.user_data["kb_sentence_tokens"] = [len(doc)]
        return doc
    if any(t != t.strip() or not t for t in texts):  # not kb's stripped sentences: join Docs
        return _joined_docs(nlp, texts)
    import numpy as np
    from spacy.attrs import IDX, SENT_START

    doc = nlp.make_doc(" ".join(texts))
    # which sentence each token belongs to, from token offsets (no Token objects: this runs
    # for every token of the corpus)
    starts = np.cumsum([0] + [len(t) + 1 for t in texts[:-1]])
    sentence_of = np.searchsorted(starts, doc.to_array(IDX).astype(np.int64), side="right") - 1
    counts = np.bincount(sentence_of, minlength=len(texts))
    first = np.ones(len(doc), dtype=bool)
    first[1:] = sentence_of[1:] != sentence_of[:-1]
    doc.from_array([SENT_START], first.astype(np.uint64).reshape(-1, 1))
    doc.user_data["kb_sentence_tokens"] = counts.tolist()
    doc.user_data["kb_joined_by_space"] = True
    return doc


def _joined_docs(nlp, texts: list[str]):
    """``_joined`` for texts that are not stripped sentences: tokenized one by one, then joined."""
    from spacy.tokens import Doc

    docs = [nlp.make_doc(t) for t in texts]
    doc = Doc.from_docs(docs, ensure_whitespace=False)
    offset = 0
    for d in docs:
        if len(d):
            doc[offset].is_sent_start = True
        offset += len(d)
    doc.user_data["kb_sentence_tokens"] = [len(d) for d in docs]
    return doc


def _split_run(doc, n: int) -> list:
    """The per-sentence Docs of a Doc made by ``_joined``, token offsets sentence-relative.

    Rebuilt from arrays of the annotations kb reads (tags, parse, entities, sentence starts),
    which is about five times cheaper than ``Span.as_doc``, and cheap matters: this runs for
    every sentence of every document.
    """
    from spacy.attrs import IDX, LENGTH, SPACY
    from spacy.tokens import Doc

    lengths = doc.user_data.get("kb_sentence_tokens") or [len(doc)]
    if len(lengths) == 1:
        return [doc]
    attrs = _annotated(doc)
    array = doc.to_array(attrs) if attrs else None
    text = doc.text
    offsets = doc.to_array([IDX, LENGTH, SPACY]).tolist()
    words = [text[i:i + size] for i, size, _ in offsets]
    spaces = [bool(sp) for _, _, sp in offsets]
    joined_by_space = doc.user_data.get("kb_joined_by_space", False)
    out, start = [], 0
    for length in lengths:
        sent_spaces = spaces[start:start + length]
        if sent_spaces and joined_by_space:
            sent_spaces[-1] = False  # the space that joined the sentences belongs to neither
        sdoc = Doc(doc.vocab, words=words[start:start + length], spaces=sent_spaces)
        if array is not None and length:
            sdoc.from_array(attrs, _sentence_array(array, attrs, start, length))
        out.append(sdoc)
        start += length
    if len(out) != n:
        raise ValueError(f"a run of {n} sentences came back as {len(out)} Docs")
    return out


def _annotated(doc) -> list[int]:
    """The attribute ids, among those kb reads, that ``doc`` actually carries."""
    from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, MORPH, POS, SENT_START, TAG

    attrs = [a for a, name in ((TAG, "TAG"), (POS, "POS"), (MORPH, "MORPH")) if doc.has_annotation(name)]
    if doc.has_annotation("DEP"):
        attrs += [HEAD, DEP]
    else:
        attrs.append(SENT_START)
    if doc.has_annotation("ENT_IOB"):
        attrs += [ENT_IOB, ENT_TYPE]
    return attrs


def _sentence_array(array, attrs: list[int], start: int, length: int):
    """Rows ``start:start+length`` of a Doc array, made valid as a Doc of their own.

    Heads are relative offsets; one pointing outside the sentence (the parser could not
    respect a boundary) becomes a root. An entity cut by the boundary starts afresh (I → B).
    """
    from spacy.attrs import ENT_IOB, HEAD

    rows = array[start:start + length].copy()
    if HEAD in attrs:
        col = attrs.index(HEAD)
        heads = rows[:, col].astype("int64")
        positions = heads + range(length)
        outside = (positions < 0) | (positions >= length)
        rows[outside, col] = 0
    if ENT_IOB in attrs:
        col = attrs.index(ENT_IOB)
        if rows[0, col] == 1:  # "I" inside an entity that began in the previous sentence
            rows[0, col] = 3  # "B"
    return rows


class Extractor:
    """Loads the pipelines once and turns Documents into Extractions, in batches."""

    def __init__(self, model: Optional[str] = None, lang: Optional[str] = None, batch_size: Optional[int] = None):
        self.model = model
        self.lang = lang if lang in ("en", "de") else None
        self.batch_size = batch_size or get_settings().batch_size
        self._nlps: dict[str, object] = {}

    def _model_for(self, lang: str) -> Optional[str]:
        """``--model`` names the English pipeline, or the German one when ``--lang de``."""
        return self.model if (lang == "en" or self.lang == lang) else None

    def nlp(self, lang: str):
        if lang not in self._nlps:
            self._nlps[lang] = load_pipeline(lang, self._model_for(lang))
            if lang == "de" and "kb_de_repair" in self._nlps[lang].pipe_names:
                # English passages inside German text are re-read by the English pipeline the
                # user chose (--model), else by kb's default one
                chosen = self.model and self.lang != "de"
                self._nlps[lang].get_pipe("kb_de_repair").english_nlp = self.nlp("en") if chosen else None
        return self._nlps[lang]

    @property
    def version(self) -> str:
        """Pipeline version string stored with each document (decides re-extraction)."""
        parts = [pipeline_version(self.nlp("en"))]
        if self.lang != "en":
            parts.append(self._german_version())
        return "|".join(parts)

    def _german_version(self) -> str:
        """The German part of :attr:`version`, without loading kb's German models when their
        metadata says it (a build with no German sentence never loads them)."""
        if "de" not in self._nlps and not self._model_for("de"):
            meta = german_meta()
            if meta is not None:
                return meta_version(meta, "de")
        return pipeline_version(self.nlp("de"))

    def parse(self, documents: Iterable[Document]) -> Iterator[ParsedDocument]:
        """Split, identify languages and parse, batching sentences across documents.

        Documents longer than ``settings.max_chars`` come out as several ParsedDocuments
        (``part``/``parts``) that ``extract`` merges back into one Extraction.
        """
        max_chars = get_settings().max_chars
        batch: list[tuple[Document, list[Sentence], str, int, int]] = []
        n_sents = 0
        for doc in documents:
            sentences = _cap_sentences(split_sentences(doc.text))
            doc_lang = assign_languages(sentences, doc.lang or self.lang)
            groups = _parts(sentences, max_chars) if len(doc.text) > max_chars else [sentences]
            for part, group in enumerate(groups):
                batch.append((doc, group, doc_lang, part, len(groups)))
                n_sents += len(group)
                # about ten documents a batch: measured on 300 news documents, flushing at 32×
                # batch_size sentences was no faster and nearly doubled peak memory (0.54 GB)
                if n_sents >= self.batch_size * 8:
                    yield from self._parse_batch(batch)
                    batch, n_sents = [], 0
        if batch:
            yield from self._parse_batch(batch)

    def _parse_batch(self, batch) -> Iterator[ParsedDocument]:
        parsed: dict[tuple[int, int], object] = {}
        for lang in ("en", "de"):
            runs = [run for i, item in enumerate(batch) for run in _runs(i, item[1], lang)]
            if not runs:
                continue
            nlp = self.nlp(lang)
            if lang in WHOLE_RUN_LANGS:
                texts = (_joined(nlp, [batch[i][1][j].text for i, j in run]) for run in runs)
                for run, rdoc in zip(runs, nlp.pipe(texts, batch_size=self.batch_size)):
                    parsed.update(zip(run, _split_run(rdoc, len(run))))
            else:
                keys = [key for run in runs for key in run]
                texts = (batch[i][1][j].text for i, j in keys)
                parsed.update(zip(keys, nlp.pipe(texts, batch_size=self.batch_size)))
        for i, (doc, sents, doc_lang, part, parts) in enumerate(batch):
            docs = [parsed[(i, j)] for j in range(len(sents))]
            # German sentences are parsed one by one: one name gets one label over the document
            harmonise_docs([d for s, d in zip(sents, docs) if s.lang == "de"])
            yield ParsedDocument(doc, sents, docs, doc_lang, part, parts)

    def extract(self, documents: Iterable[Document], on_error=None) -> Iterator[Extraction]:
        """Yield one Extraction per document. With ``on_error(document, exc)``, a document whose
        rules fail is reported and skipped instead of ending the iteration."""
        version = self.version
        pending: Optional[Extraction] = None
        failed = False
        for pd in self.parse(documents):
            if pd.part == 0:
                pending, failed = None, False
            if failed:
                continue
            try:
                entities, tenures = extract_facts(pd)
                places = document_places(pd)
                adjective_places = document_adjective_places(pd)
            except Exception as exc:
                if on_error is None:
                    raise
                on_error(pd.document, exc)
                failed = True
                continue
            part = Extraction(pd.document, pd.sentences, entities, tenures, pd.lang, version, places=places,
                              adjective_places=adjective_places)
            pending = part if pending is None else _merge_parts(pending, part)
            if pd.part == pd.parts - 1:
                yield pending
                pending = None


def _merge_parts(a: Extraction, b: Extraction) -> Extraction:
    """One Extraction from two consecutive parts of a document: entities of the same name and
    type become one (mentions and aliases joined), tenures and sentences are concatenated."""
    entities = {(e.type, e.name): e for e in a.entities}
    for e in b.entities:
        known = entities.get((e.type, e.name))
        if known is None:
            entities[(e.type, e.name)] = e
            continue
        known.mentions.extend(e.mentions)
        known.aliases.extend(x for x in e.aliases if x not in known.aliases)
        known.birth_date = known.birth_date or e.birth_date
        known.death_date = known.death_date or e.death_date
    places = a.places + [p for p in b.places if p not in a.places]
    adjective_places = a.adjective_places + [p for p in b.adjective_places if p not in a.adjective_places]
    return Extraction(a.document, a.sentences + b.sentences, list(entities.values()), a.tenures + b.tenures,
                      a.lang, a.pipeline, places=places, adjective_places=adjective_places)
