"""The German NER's own components: gazetteer features, the title rule, the CRF's features and
the vote of two spaCy NER models and a CRF."""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from pathlib import Path
from typing import Callable, Iterable, Optional

from ...errors import ModelError
from .germeval import outer_spans
from .lexicon import match_role_entry
from .stacker import SpanStacker, majority_vote
from .stts import doc_tags, stts_features
from .wordlists import check_available, lexical_features
from .names import (
    MAX_GAZETTEER_TOKENS, MODEL_DIR, NAMES_FILE, ReferenceNames, fold_name, reference_names, split_possessives,
)


CAPITALISED = re.compile(r"^[A-ZÄÖÜ][\w'’.-]*$")


#: Capitalised words that follow a role word but are not names ("Präsident Frankreichs" is
#: handled by NER; these are the common function words and titles).
NOT_NAME_WORDS = frozenset(
    "Der Die Das Des Dem Den Ein Eine Und Oder Von Vom Zu Zur Zum Im In Am An Auf Für Mit Bei "
    "Nach Aus Über Unter Seit Bis Sie Er Es Wir Ihr Dr Dr. Prof Prof. Herr Frau a.D. "
    "Januar Februar März April Mai Juni Juli August September Oktober November Dezember".split()
)


class FeatureMarker:
    """Writes per-token features the NER embeds: gazetteer class and word cluster.

    ``lemma_`` gets the gazetteer class (ROLE, FIRST, LAST, FIRSTLAST or "-"); ``tag_`` the
    word's Brown-cluster bit path and ``morph`` its first 6 bits (coarser, so rarer words
    still share a feature). Brown clusters come from spaCy's German lookup tables
    (spacy-lookups-data, MIT), learnt on a large German corpus: they are what lets a model
    trained on 1.5k sentences know that "Stoltenberg" clusters with "Müller" and "Merkel".
    The blank German pipeline has no tagger, morphologizer or lemmatizer, so these slots
    are free; ``kb_de_title_person`` clears them after NER.
    """

    def __init__(self, first: Iterable[str] = (), last: Iterable[str] = (), clusters: Optional[dict[str, str]] = None) -> None:
        self.first = frozenset(first)
        self.last = frozenset(last)
        self.clusters: dict[str, str] = dict(clusters or {})

    def marker(self, text: str) -> str:
        if match_role_entry(text) is not None:
            return "ROLE"
        f, l = text in self.first, text in self.last
        return "FIRSTLAST" if f and l else "FIRST" if f else "LAST" if l else "-"

    def cluster(self, text: str) -> str:
        """Bit path of the word's cluster (exact, then lower-case, then title case), or "-"."""
        for form in (text, text.lower(), text.title()):
            path = self.clusters.get(form)
            if path:
                return path
        return "-"

    def __call__(self, doc):
        for tok in doc:
            tok.lemma_ = self.marker(tok.text) if tok.text[:1].isupper() else "-"
            path = self.cluster(tok.text)
            tok.tag_ = "C" + path
            tok.set_morph("P=" + path[:6])
        return doc

    def to_disk(self, path, exclude=()):
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        data = {"first": sorted(self.first), "last": sorted(self.last)}
        (path / "gazetteer.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        with gzip.open(path / "clusters.json.gz", "wt", encoding="utf-8") as fh:
            json.dump(self.clusters, fh, ensure_ascii=False, separators=(",", ":"))

    def from_disk(self, path, exclude=()):
        path = Path(path)
        data = json.loads((path / "gazetteer.json").read_text(encoding="utf-8"))
        self.first, self.last = frozenset(data["first"]), frozenset(data["last"])
        clusters = path / "clusters.json.gz"
        if clusters.exists():
            with gzip.open(clusters, "rt", encoding="utf-8") as fh:
                self.clusters = json.load(fh)
        return self


#: Token attribute that carries the corpus flag the spaCy members embed (``mark_corpus``): the
#: blank German pipeline has no tagger, so POS is free, and unlike DEP it does not make spaCy
#: treat the doc as parsed (the sentencizer refuses to write sentence starts then).
CORPUS_ATTR = "POS"

#: The flag's value per training corpus. GermEval's is "unset", which is what every token has
#: at run time: kb tags in GermEval's annotation style without writing anything.
CORPUS_FLAGS = {"ge": "", "sd": "X"}


def mark_corpus(doc, corpus: str):
    """Write ``corpus``' flag on every token of a training doc (``CORPUS_ATTR``).

    Why: feature augmentation for the CNN members (Daumé III 2007, as ``domain_features`` does
    for the CRF). Plainly adding SmartData to the spaCy members cost GermEval 0.01-0.03 because
    the corpora disagree on what a name is; with the flag embedded beside every token's other
    features the network can learn SmartData's habits as a function of the flag and keep
    GermEval's for the unflagged tokens it sees at run time.
    """
    flag = CORPUS_FLAGS[corpus]
    if flag:
        for tok in doc:
            tok.pos_ = flag
    return doc


def title_person_spans(doc) -> list[tuple[int, int]]:
    """Token spans of capitalised names right after a role word, not overlapping entities."""
    taken = {i for ent in doc.ents for i in range(ent.start, ent.end)}
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(doc) - 1:
        if match_role_entry(doc[i].text) is None:
            i += 1
            continue
        j = i + 1
        while (
            j < len(doc)
            and j - i <= 3
            and j not in taken
            and CAPITALISED.match(doc[j].text)
            and doc[j].text not in NOT_NAME_WORDS
            and match_role_entry(doc[j].text) is None
        ):
            j += 1
        # one capitalised word ending in -s is usually a genitive ("Präsident Frankreichs")
        if j > i + 2 or (j == i + 2 and not doc[i + 1].text.endswith("s")):
            spans.append((i + 1, j))
        i = max(j, i + 1)
    return spans


def add_title_persons(doc):
    """Add PER entities from ``title_person_spans`` and clear the feature markers."""
    from spacy.tokens import Span

    new = [Span(doc, s, e, label="PER") for s, e in title_person_spans(doc)]
    if new:
        doc.ents = list(doc.ents) + new
    for tok in doc:
        tok.lemma_ = ""
        tok.tag_ = ""
        tok.set_morph(None)
        tok.pos_ = ""
    return doc


_SHAPE_UPPER = re.compile(r"[A-ZÄÖÜ]")


_SHAPE_LOWER = re.compile(r"[a-zäöüß]")


def _short_shape(word: str) -> str:
    """"Merkel" -> "Xx", "EU-Kommission" -> "X-Xx", "2014" -> "d": runs collapsed."""
    shape = re.sub(r"\d", "d", _SHAPE_LOWER.sub("x", _SHAPE_UPPER.sub("X", word)))
    return re.sub(r"(.)\1+", r"\1", shape)


def _crf_token(word: str, cluster: Callable[[str], Optional[str]]) -> dict[str, object]:
    """Hand-crafted features of one token: spelling, affixes, word-cluster prefixes, role flag."""
    path = cluster(word)
    f: dict[str, object] = {
        "w": word, "lw": word.lower(), "sh": _short_shape(word), "title": word[:1].isupper(),
        "upper": word.isupper() and len(word) > 1, "dig": any(ch.isdigit() for ch in word),
        "hyph": "-" in word, "len": min(len(word), 10),
    }
    for k in (1, 2, 3, 4):
        f[f"p{k}"], f[f"s{k}"] = word[:k], word[-k:].lower()
    if path:
        for k in (4, 6, 10, 14):
            f[f"c{k}"] = path[:k]
        f["c"] = path
    else:
        f["nocl"] = True
    if "-" in word.strip("-"):  # "SPD-Chef": the parts' own clusters
        parts = word.split("-")
        first, last = cluster(parts[0]), cluster(parts[-1])
        f.update(h0=parts[0], hl=parts[-1].lower(), h0c=first[:6] if first else "-", hlc=last[:6] if last else "-")
    if word[:1].isupper() and match_role_entry(word) is not None:
        f["role"] = True
    return f


_CRF_CONTEXT = ("lw", "sh", "title", "s3", "c6", "c10", "role", "nocl")


class NameFeatures:
    """CRF features from kb's reference names: gazetteer membership as evidence, not a rule.

    Per token: ``gF``/``gL`` when the word is the first / last word of at least two reference
    person names ("Robert", "Fico"), ``gM`` = B-/I- + kind when the token lies in an exact
    reference name (persons of 2-4 words, parties, states); the same for the neighbours at
    -1/+1. The CRF learns how far to trust them (on GermEval's tuning part the CRF went from
    0.642 to 0.649 PER+ORG F1 and the vote from 0.711 to 0.715; held back: vote 0.668 -> 0.680).
    """

    def __init__(self, names: ReferenceNames, min_count: int = 2) -> None:
        self.names = names
        firsts: Counter[str] = Counter()
        lasts: Counter[str] = Counter()
        for name in names.persons:
            toks = name.split()
            firsts[toks[0]] += 1
            lasts[toks[-1]] += 1
        self.first = frozenset(w for w, c in firsts.items() if c >= min_count)
        self.last = frozenset(w for w, c in lasts.items() if c >= min_count)

    def matches(self, words: list[str]) -> list[Optional[str]]:
        """B-/I-KIND per token for the longest exact reference name starting at each word."""
        tags: list[Optional[str]] = [None] * len(words)
        i = 0
        while i < len(words):
            hit = None
            if words[i][:1].isupper():
                for size in range(min(MAX_GAZETTEER_TOKENS, len(words) - i), 0, -1):
                    kind = self.names.kind(" ".join(words[i : i + size]))
                    if kind and (size > 1 or kind != "PER"):
                        hit = (size, kind)
                        break
            if hit is None:
                i += 1
                continue
            for j in range(i, i + hit[0]):
                tags[j] = ("B-" if j == i else "I-") + hit[1]
            i += hit[0]
        return tags

    def __call__(self, words: list[str]) -> list[dict[str, object]]:
        own: list[dict[str, object]] = []
        for word, tag in zip(words, self.matches(words)):
            f: dict[str, object] = {}
            if word[:1].isupper():
                key = fold_name(word)
                if key in self.first:
                    f["gF"] = True
                if key in self.last:
                    f["gL"] = True
            if tag:
                f["gM"] = tag
            own.append(f)
        out = []
        for i in range(len(words)):
            f = dict(own[i])
            for d in (-1, 1):
                if 0 <= i + d < len(words):
                    f.update({f"{d}:{k}": v for k, v in own[i + d].items()})
            out.append(f)
        return out


def crf_features(words: list[str], cluster: Callable[[str], Optional[str]],
                 names: Optional[NameFeatures] = None,
                 stts: Optional[list[str]] = None, lexical: bool = False) -> list[dict[str, object]]:
    """Per-token CRF features: the token's own plus two neighbours each side and word bigrams,
    with ``names`` the reference-name features (``NameFeatures``), with ``stts`` (HanTa's
    tag per word) the part-of-speech features (``stts.stts_features``) and with ``lexical`` the
    word-list features (``wordlists.lexical_features``: Wiktionary noun classes, word frequency).

    Why a CRF beside the neural NER: with ~1.7k training sentences its sparse features make
    different errors from the CNN; a 2-of-3 vote of both spaCy models and the CRF lifted
    PER+ORG F1 on the tuning part from 0.670/0.674 (best single model) to 0.711.
    """
    base = [_crf_token(w, cluster) for w in words]
    extra = names(words) if names is not None else [{} for _ in words]
    if stts is not None:
        extra = [{**e, **p} for e, p in zip(extra, stts_features(words, stts))]
    if lexical:
        extra = [{**e, **p} for e, p in zip(extra, lexical_features(words))]
    out = []
    for i in range(len(words)):
        f: dict[str, object] = {"bias": 1.0, **base[i]}
        if i == 0:
            f["BOS"] = True
        if i == len(words) - 1:
            f["EOS"] = True
        for d in (-2, -1, 1, 2):
            j = i + d
            if not 0 <= j < len(words):
                f[f"{d}:pad"] = True
                continue
            f.update({f"{d}:{k}": base[j][k] for k in _CRF_CONTEXT if k in base[j]})
        if i > 0:
            f["-1|0"] = base[i - 1]["lw"] + "|" + base[i]["lw"]  # type: ignore[operator]
        if i < len(words) - 1:
            f["0|+1"] = base[i]["lw"] + "|" + base[i + 1]["lw"]  # type: ignore[operator]
        f.update(extra[i])
        out.append(f)
    return out


#: Prefix of the shared copy of every CRF feature under domain augmentation.
GENERAL_DOMAIN = "g"


def domain_features(feats: list[dict[str, object]], domain: Optional[str]) -> list[dict[str, object]]:
    """Feature augmentation (Daumé III, "Frustratingly easy domain adaptation", 2007): each
    feature once as a shared copy (``g:``) and once as a copy of its corpus (``ge:`` / ``sd:``).

    Why: GermEval and SmartData disagree on what a name is (SmartData tags "Bundeswehr",
    "türkische Polizei", company descriptions); one CRF trained on both learnt a blend that
    cost GermEval 0.04. With a copy per corpus the shared weights learn what both agree on and
    each corpus' copy its own habits; kb tags with the shared + GermEval copies, so SmartData
    teaches names and contexts without its annotation style. ``domain`` None: shared copy only.
    """
    out = []
    for f in feats:
        g = {f"{GENERAL_DOMAIN}:{k}": v for k, v in f.items()}
        if domain:
            g.update({f"{domain}:{k}": v for k, v in f.items()})
        out.append(g)
    return out


def bio_tags(n: int, spans: Iterable[tuple[int, int, str]]) -> list[str]:
    """BIO tags for ``n`` tokens from (start, end, label) spans."""
    tags = ["O"] * n
    for start, end, label in spans:
        tags[start] = "B-" + label
        for k in range(start + 1, end):
            tags[k] = "I-" + label
    return tags


def bio_spans(tags: list[str]) -> set[tuple[int, int, str]]:
    """(start, end, label) spans from BIO tags; a stray I- starts a span."""
    return set(outer_spans(tags))


class EntityStash:
    """Moves the entities an NER model just set into ``doc.spans[group]`` and clears doc.ents,
    so the next NER model in the pipeline predicts on its own and the vote sees both."""

    def __init__(self, group: str) -> None:
        self.group = group

    def __call__(self, doc):
        doc.spans[self.group] = list(doc.ents)
        doc.ents = []
        return doc


class FlaggedReading:
    """Runs ``member``, an NER model already in the pipeline, once more over the doc with
    ``corpus``' flag (``mark_corpus``) on every token, and keeps what it finds in
    ``doc.spans[group]`` for the vote; doc.ents and the flag are as before afterwards.

    Why: a member trained with the corpus flag tags in either corpus' style. Read with
    SmartData's flag it finds names it misses with GermEval's (company names, brands), so a
    second reading gives the stacker one more proposer at the cost of one more pass of that
    member, with no second copy of its weights in the artefact.
    """

    def __init__(self, nlp, member: str, group: str, corpus: str) -> None:
        self.nlp = nlp
        self.member = member
        self.group = group
        self.corpus = corpus

    def _read(self, docs: list) -> list:
        kept = [list(doc.ents) for doc in docs]
        for doc in docs:
            doc.ents = []  # the NER keeps entities already set: it must read afresh
            mark_corpus(doc, self.corpus)
        ner = self.nlp.get_pipe(self.member)
        docs = list(ner.pipe(docs)) if len(docs) > 1 and hasattr(ner, "pipe") else [ner(doc) for doc in docs]
        for doc, ents in zip(docs, kept):
            doc.spans[self.group] = list(doc.ents)
            doc.ents = ents
            for tok in doc:
                tok.pos_ = ""
        return docs

    def __call__(self, doc):
        return self._read([doc])[0]

    def pipe(self, docs, batch_size: int = 128):
        batch: list = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from self._read(batch)
                batch = []
        if batch:
            yield from self._read(batch)


class EnsembleVote:
    """Sets doc.ents to the spans at least ``min_votes`` of its members agree on, or, with a
    fitted ``stack.json``, to the spans ``SpanStacker`` chooses among the members' proposals.

    Members: the entities stashed in ``groups`` (an NER model's, or a second reading of one,
    ``FlaggedReading``), the entities currently on the doc (the last NER model) and a linear-chain CRF (python-crfsuite, ``crf.crfsuite`` next to this file).
    ``crf.json`` says whether the CRF was trained with ``NameFeatures`` (their names come from
    ``reference_names.tsv.gz`` in the model directory) and with which corpus' copy of
    ``domain_features`` it tags (none for a CRF trained without them).
    """

    def __init__(self, nlp, groups: list[str], min_votes: int) -> None:
        self.nlp = nlp
        self.groups = list(groups)
        self.min_votes = min_votes
        self.crf_bytes: bytes = b""
        self.name_features = False
        #: None: a plain CRF; else it was trained with ``domain_features`` and tags with this
        #: corpus' copy ("ge": GermEval's annotation style)
        self.domain: Optional[str] = None
        #: None: the majority vote; else a logistic regression over the members' candidate
        #: spans chooses the entities (``stack.json``, ``kb.extract.de.stacker``)
        self.stacker: Optional[SpanStacker] = None
        self.names_path: Path = MODEL_DIR / NAMES_FILE
        #: the CRF was trained with HanTa's part-of-speech features (``stts.stts_features``):
        #: it reads the tags ``kb_de_stts`` left on the doc
        self.stts = False
        #: the CRF was trained with the word-list features (``wordlists.lexical_features``):
        #: it needs the ``german-nouns`` and ``wordfreq`` packages at run time
        self.lexical = False
        self._tagger = None
        self._names: Optional[NameFeatures] = None

    def _cluster(self) -> Callable[[str], Optional[str]]:
        feats = self.nlp.get_pipe("kb_de_features") if "kb_de_features" in self.nlp.pipe_names else FeatureMarker()
        return lambda word: (lambda path: None if path == "-" else path)(feats.cluster(word))

    def names(self) -> Optional[NameFeatures]:
        """The name features the CRF was trained with, or None when it was trained without."""
        if not self.name_features:
            return None
        if self._names is None:
            names = reference_names(self.names_path)
            if not names.persons:
                raise ModelError(
                    f"the German CRF was trained with reference-name features but {self.names_path} is "
                    "missing: rebuild it with scripts/train_de_ner.py --names"
                )
            self._names = NameFeatures(names)
        return self._names

    def crf_spans(self, words: list[str], stts: Optional[list[str]] = None) -> set[tuple[int, int, str]]:
        return self.crf_tag(words, stts=stts)[0]

    def crf_tag(self, words: list[str], marginals: bool = False, stts: Optional[list[str]] = None,
                ) -> tuple[set[tuple[int, int, str]], list[dict[str, float]]]:
        """The CRF's spans and, with ``marginals``, each token's tag probabilities (for the stacker).
        ``stts``: HanTa's tag per word (``stts.doc_tags``), needed when the CRF learnt them."""
        if not self.crf_bytes or not words:
            return set(), []
        if self.stts and stts is None:
            raise ModelError(
                "the German CRF was trained with part-of-speech features but the doc has no tags: "
                "the pipeline needs kb_de_stts before kb_de_vote (rebuild it with scripts/train_de_ner.py)"
            )
        if self._tagger is None:
            try:
                import pycrfsuite
            except ImportError as exc:
                raise ModelError(
                    "the German NER artefact votes with a CRF: pip install python-crfsuite "
                    "(a kb dependency) or point KB_DE_MODEL at a single-model pipeline"
                ) from exc
            self._tagger = pycrfsuite.Tagger()
            self._tagger.open_inmemory(self.crf_bytes)
        feats = crf_features(words, self._cluster(), self.names(), stts if self.stts else None, self.lexical)
        if self.domain:
            feats = domain_features(feats, self.domain)
        self._tagger.set(feats)
        spans = bio_spans(self._tagger.tag())
        if not marginals:
            return spans, []
        labels = self._tagger.labels()
        return spans, [{lab: self._tagger.marginal(lab, t) for lab in labels} for t in range(len(words))]

    def __call__(self, doc):
        from spacy.tokens import Span

        words = [t.text for t in doc]
        votes = [{(s.start, s.end, s.label_) for s in doc.spans.get(g, [])} for g in self.groups]
        votes.append({(e.start, e.end, e.label_) for e in doc.ents})
        stts = doc_tags(doc)
        crf, marginals = self.crf_tag(words, marginals=self.stacker is not None, stts=stts)
        votes.append(crf)
        votes = split_possessives(votes, words)  # members may disagree on the owner only
        if self.stacker is not None and len(votes) == self.stacker.members:
            kind = reference_names(self.names_path).kind
            chosen = self.stacker.choose(votes, marginals, words, kind, stts)
        else:
            chosen = majority_vote(votes, self.min_votes)
        doc.ents = [Span(doc, a, b, label=lab) for a, b, lab in chosen]
        for g in self.groups:
            doc.spans.pop(g, None)
        return doc

    def to_disk(self, path, exclude=()):
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / "crf.crfsuite").write_bytes(self.crf_bytes)
        meta = {"name_features": self.name_features, "domain": self.domain}
        if self.stts:  # written only when set: a 0.5.0 crf.json stays byte for byte as it was
            meta["stts"] = True
        if self.lexical:
            meta["lexical"] = True
        (path / "crf.json").write_text(json.dumps(meta), encoding="utf-8")
        stack = path / "stack.json"
        if self.stacker is not None:
            stack.write_text(json.dumps(self.stacker.to_json()), encoding="utf-8")
        elif stack.exists():
            stack.unlink()

    def from_disk(self, path, exclude=()):
        path = Path(path)
        crf = path / "crf.crfsuite"
        self.crf_bytes = crf.read_bytes() if crf.exists() else b""
        meta = path / "crf.json"
        data = json.loads(meta.read_text(encoding="utf-8")) if meta.exists() else {}
        self.name_features = bool(data.get("name_features"))
        self.domain = data.get("domain") or None
        self.stts = bool(data.get("stts"))
        self.lexical = bool(data.get("lexical"))
        if self.lexical:
            check_available()  # a missing package fails at model load, not mid-build
        stack = path / "stack.json"
        self.stacker = SpanStacker.from_json(json.loads(stack.read_text(encoding="utf-8"))) if stack.exists() else None
        self.names_path = path.parent / NAMES_FILE
        self._tagger = None
        self._names = None
        return self
