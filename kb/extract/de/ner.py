"""The German NER pipeline kb builds itself: its components, loading, and GermEval reading.

No pretrained German spaCy pipeline is installable here, so kb ships a small NER model it
trains on GermEval 2014 (``scripts/train_de_ner.py``; artefact in ``de/model``) and
falls back to ``spacy.blank("de")`` + rules when the artefact is missing.

Pipeline (``load_german``):

``kb_de_features``  writes one gazetteer/lexicon class per token into ``Token.lemma_``
                    (ROLE, FIRST, LAST, FIRSTLAST, ORG, LOC or "-") so that the NER's hash
                    embedding can use it as a fifth feature; without pretrained vectors this is
                    how the model learns "capitalised word after Bundeskanzler is a person" and
                    "known first name". (The blank German pipeline has no lemmatizer, so the
                    slot is free; ``kb_de_title_person`` clears it again after NER.)
``ner``             PER / ORG / LOC / OTH (GermEval outer level; *deriv/*part are not names).
``kb_de_stash``     moves ``ner``'s entities to ``doc.spans["kb_ner"]`` and clears doc.ents.
``ner_char``        a second NER (same features + a character embedding) predicting afresh.
``kb_de_vote``      keeps the spans that 2 of 3 members agree on: ``ner``, ``ner_char`` and a
                    linear-chain CRF over hand-crafted features (``crf_features``). On the
                    held-back GermEval part the vote lifted PER+ORG F1 from 0.625 to 0.668
                    (0.676 with the CRF of artefact 0.3.0). A span running over an English
                    possessive ("Slovakia's Robert Fico") is cut where another member cuts it.
``sentencizer``     punctuation-based sentence splitter.
``kb_de_title_person``  rule: a capitalised name right after a role word ("Präsident",
                    "NATO-Generalsekretär", "Ministerin") that NER left unlabelled is a PER.
``kb_de_repair``    added at load time (``finish_pipeline``), for the English material German
                    pages carry: English passages (``langid.english_stretches``) are re-read by
                    an English pipeline (given to ``load_german``, never imported here); a
                    non-PER name right after a role word is a PER;
                    spans that exactly match one kind of reference name (persons, parties,
                    states: ``reference_names.tsv.gz``) take that type, and untagged full
                    reference person names are added. Held-back PER+ORG F1 0.676 -> 0.679.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from collections import Counter
from typing import Callable, Iterable, Optional

from ...errors import ModelError
from ...settings import get_settings
from ..langid import english_stretches
from .lexicon import country_name, match_role_entry

log = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
MODEL_DIR = HERE / "model"

#: Labels kept from GermEval's outer column. ``*deriv`` ("deutsche") are adjectives and
#: ``*part`` ("EU-Kommission" = ORGpart) are words that contain a name but are not one:
#: neither is a span kb could link to an entity, so both are trained as O.
LABELS = ("PER", "ORG", "LOC", "OTH")

# ---------------------------------------------------------------------------------------
# GermEval 2014 reading and the deterministic split
# ---------------------------------------------------------------------------------------


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


# ---------------------------------------------------------------------------------------
# Pipeline components
# ---------------------------------------------------------------------------------------

_CAPITALISED = re.compile(r"^[A-ZÄÖÜ][\w'’.-]*$")
#: Capitalised words that follow a role word but are not names ("Präsident Frankreichs" is
#: handled by NER; these are the common function words and titles).
_NOT_NAME_WORDS = frozenset(
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
            and _CAPITALISED.match(doc[j].text)
            and doc[j].text not in _NOT_NAME_WORDS
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
    return doc


# ---------------------------------------------------------------------------------------
# Ensemble: two spaCy NER models and a CRF vote
# ---------------------------------------------------------------------------------------

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

    def __init__(self, names: "ReferenceNames", min_count: int = 2) -> None:
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
                 names: Optional[NameFeatures] = None) -> list[dict[str, object]]:
    """Per-token CRF features: the token's own plus two neighbours each side and word bigrams,
    and with ``names`` the reference-name features (``NameFeatures``).

    Why a CRF beside the neural NER: with ~1.7k training sentences its sparse features make
    different errors from the CNN; a 2-of-3 vote of both spaCy models and the CRF lifted
    PER+ORG F1 on the tuning part from 0.670/0.674 (best single model) to 0.711.
    """
    base = [_crf_token(w, cluster) for w in words]
    extra = names(words) if names is not None else [{} for _ in words]
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


def majority_vote(votes: list[set[tuple[int, int, str]]], min_votes: int) -> list[tuple[int, int, str]]:
    """Spans proposed (same boundaries and label) by at least ``min_votes`` systems.

    Overlaps are resolved by vote count, then by position, so the result is a valid doc.ents.
    """
    counts = Counter(span for vote in votes for span in vote)
    ranked = sorted((s for s, n in counts.items() if n >= min_votes), key=lambda s: (-counts[s], s))
    chosen: list[tuple[int, int, str]] = []
    taken: set[int] = set()
    for start, end, label in ranked:
        if not taken.intersection(range(start, end)):
            chosen.append((start, end, label))
            taken.update(range(start, end))
    return sorted(chosen)


class EntityStash:
    """Moves the entities an NER model just set into ``doc.spans[group]`` and clears doc.ents,
    so the next NER model in the pipeline predicts on its own and the vote sees both."""

    def __init__(self, group: str) -> None:
        self.group = group

    def __call__(self, doc):
        doc.spans[self.group] = list(doc.ents)
        doc.ents = []
        return doc


#: Name of the reference-name list inside a model directory (``train_de_ner.py --names``).
NAMES_FILE = "reference_names.tsv.gz"


class EnsembleVote:
    """Sets doc.ents to the spans at least ``min_votes`` of its members agree on.

    Members: the entities stashed in ``groups``, the entities currently on the doc (the last
    NER model) and a linear-chain CRF (python-crfsuite, ``crf.crfsuite`` next to this file).
    ``crf.json`` says whether the CRF was trained with ``NameFeatures``; their names come from
    ``reference_names.tsv.gz`` in the model directory.
    """

    def __init__(self, nlp, groups: list[str], min_votes: int) -> None:
        self.nlp = nlp
        self.groups = list(groups)
        self.min_votes = min_votes
        self.crf_bytes: bytes = b""
        self.name_features = False
        self.names_path: Path = MODEL_DIR / NAMES_FILE
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

    def crf_spans(self, words: list[str]) -> set[tuple[int, int, str]]:
        if not self.crf_bytes or not words:
            return set()
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
        return bio_spans(self._tagger.tag(crf_features(words, self._cluster(), self.names())))

    def __call__(self, doc):
        from spacy.tokens import Span

        words = [t.text for t in doc]
        votes = [{(s.start, s.end, s.label_) for s in doc.spans.get(g, [])} for g in self.groups]
        votes.append({(e.start, e.end, e.label_) for e in doc.ents})
        votes.append(self.crf_spans(words))
        votes = split_possessives(votes, words)  # members may disagree on the owner only
        doc.ents = [Span(doc, a, b, label=lab) for a, b, lab in majority_vote(votes, self.min_votes)]
        for g in self.groups:
            doc.spans.pop(g, None)
        return doc

    def to_disk(self, path, exclude=()):
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / "crf.crfsuite").write_bytes(self.crf_bytes)
        (path / "crf.json").write_text(json.dumps({"name_features": self.name_features}), encoding="utf-8")

    def from_disk(self, path, exclude=()):
        path = Path(path)
        crf = path / "crf.crfsuite"
        self.crf_bytes = crf.read_bytes() if crf.exists() else b""
        meta = path / "crf.json"
        self.name_features = bool(json.loads(meta.read_text(encoding="utf-8")).get("name_features")) if meta.exists() else False
        self.names_path = path.parent / NAMES_FILE
        self._tagger = None
        self._names = None
        return self


# ---------------------------------------------------------------------------------------
# Repair: English material, role titles and reference names after the vote
# ---------------------------------------------------------------------------------------

REFERENCE_NAMES = MODEL_DIR / NAMES_FILE
POSSESSIVE_CLITICS = frozenset({"'s", "’s"})
#: English NER labels -> kb's German labels; NORP ("Dutch") and numbers are not names.
EN_TO_DE_LABELS = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "EVENT": "OTH",
                   "WORK_OF_ART": "OTH", "LAW": "OTH", "PRODUCT": "OTH", "LANGUAGE": "OTH"}
#: Longest capitalised run looked up as a reference person name when no member tagged it.
MAX_GAZETTEER_TOKENS = 4


def fold_name(text: str) -> str:
    """Accent-, case- and space-insensitive key: "Viktor  Orbán" == "viktor orban"."""
    import unicodedata

    text = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).lower().split())


@dataclass(frozen=True)
class ReferenceNames:
    """Exact names from kb's reference data by kind: persons, organisations (parties,
    alliances), places (states, regions). A name listed under two kinds says nothing."""

    persons: frozenset[str] = frozenset()
    orgs: frozenset[str] = frozenset()
    places: frozenset[str] = frozenset()

    def kind(self, text: str) -> Optional[str]:
        """"PER", "ORG", "LOC" for a name of exactly one kind, else None."""
        key = fold_name(text)
        kinds = [k for k, names in (("PER", self.persons), ("ORG", self.orgs), ("LOC", self.places)) if key in names]
        return kinds[0] if len(kinds) == 1 else None


@lru_cache(maxsize=4)
def reference_names(path: Path = REFERENCE_NAMES) -> ReferenceNames:
    """Read ``kind<TAB>folded name`` lines (written by ``train_de_ner.py --names``); empty if absent."""
    if not Path(path).exists():
        return ReferenceNames()
    groups: dict[str, set[str]] = {"PER": set(), "ORG": set(), "LOC": set()}
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            kind, _, name = line.rstrip("\n").partition("\t")
            if kind in groups and name:
                groups[kind].add(name)
    return ReferenceNames(frozenset(groups["PER"]), frozenset(groups["ORG"]), frozenset(groups["LOC"]))


def _is_possessive_at(words: list[str], k: int, start: int) -> bool:
    return words[k] in POSSESSIVE_CLITICS or (k > start and words[k].endswith(("'s", "’s")))


def split_possessives(votes: list[set[tuple[int, int, str]]], words: list[str]) -> list[set[tuple[int, int, str]]]:
    """Cut members' spans at an English possessive that another member already cuts at.

    "Slovakia 's Robert Fico" as one ORG is an English construction a German model does not
    know; when another member has a span starting right after the clitic ("Robert Fico"),
    the long span is cut there and keeps its label, so the members can agree. Without such
    evidence the span stays: names themselves hold possessives ("Germany 's Next Topmodel",
    "Miller 's" shops), and those are one name.
    """
    starts = {s for vote in votes for s, _e, _l in vote}
    out = []
    for vote in votes:
        cut_vote = set()
        for start, end, label in vote:
            cut = start
            for k in range(start, end - 1):
                if _is_possessive_at(words, k, start) and k + 1 in starts:
                    cut = k + 1
            cut_vote.add((cut, end, label))
        out.append(cut_vote)
    return out


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
        _CAPITALISED.match(text) and not any(len(part) > 1 and part.isupper() for part in text.split("-"))
        and text not in _NOT_NAME_WORDS and match_role_entry(text) is None
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


class EntityRepair:
    """Last German component: fixes the entities the NER models get wrong on news text.

    In order (the vote already cut spans at English possessives): re-read English passages with the English
    pipeline, type names after role words as persons, type exact reference names (persons,
    parties) and add untagged full reference person names. Each step is a small rule with its
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
        doc.ents = [Span(doc, a, b, label=lab) for a, b, lab in majority_vote([spans], 1)]
        return doc


def hash_char_embed(width: int, attrs: list[str], rows: list[int], nM: int, nC: int):
    """Token embedding = hash embeddings of several attributes + a character embedding.

    Why: spaCy's ``CharacterEmbed`` takes one attribute only, which would drop kb's word
    clusters; German capitalises every noun, so spelling inside the word (endings like
    "-ung", "-mann", "-AG") carries signal the 1-char PREFIX / 3-char SUFFIX hashes miss.
    Both parts are concatenated and mixed by a maxout layer to ``width``.
    """
    from spacy.ml import _character_embed
    from spacy.ml.models.tok2vec import MultiHashEmbed
    from thinc.api import Maxout, chain, concatenate, list2ragged, ragged2list, with_array

    chars = chain(_character_embed.CharacterEmbed(nM=nM, nC=nC), list2ragged())
    hashes = chain(MultiHashEmbed(width=width, attrs=attrs, rows=rows, include_static_vectors=False), list2ragged())
    mix = with_array(Maxout(width, nM * nC + width, nP=3, normalize=True, dropout=0.0))
    return chain(concatenate(chars, hashes), mix, ragged2list())


def register_components() -> None:
    """Register kb's German components with spaCy (idempotent; needed before nlp.from_disk)."""
    from spacy.language import Language
    from spacy.util import registry

    if "kb.HashCharEmbed.v1" not in registry.architectures:
        registry.architectures.register("kb.HashCharEmbed.v1", func=hash_char_embed)

    if "kb_de_features" not in Language.factories:

        @Language.factory("kb_de_features")
        def _make_features(nlp, name):  # noqa: ARG001 - spaCy factory signature
            return FeatureMarker()

    if "kb_de_stash" not in Language.factories:

        @Language.factory("kb_de_stash", default_config={"group": "kb_ner"})
        def _make_stash(nlp, name, group: str):  # noqa: ARG001 - spaCy factory signature
            return EntityStash(group)

    if "kb_de_vote" not in Language.factories:

        @Language.factory("kb_de_vote", default_config={"groups": ["kb_ner"], "min_votes": 2})
        def _make_vote(nlp, name, groups: list[str], min_votes: int):  # noqa: ARG001
            return EnsembleVote(nlp, groups, min_votes)

    if "kb_de_title_person" not in Language.factories:
        Language.component("kb_de_title_person", func=add_title_persons)

    if "kb_de_repair" not in Language.factories:

        @Language.factory("kb_de_repair", default_config={"names_path": "", "english": True})
        def _make_repair(nlp, name, names_path: str, english: bool):  # noqa: ARG001
            return EntityRepair(Path(names_path) if names_path else None, english)


def blank_german():
    """spacy.blank("de") + sentencizer + the title rule: German without a trained model."""
    import spacy

    register_components()
    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("kb_de_title_person")
    return nlp


#: Tag appended to the pipeline version when ``finish_pipeline`` adds the repair, so that
#: documents extracted without it are re-extracted.
REPAIR_VERSION = "r1"


def finish_pipeline(nlp, english: bool = True, model_dir: Optional[Path] = None,
                    load_english: Optional[Callable[[], object]] = None):
    """Append ``kb_de_repair`` (see ``EntityRepair``) unless the pipeline already has it.

    Added at load time rather than saved in the artefact: the repair is rules and reference
    names, not trained weights, so it improves without retraining the NER models. The names
    are the model directory's ``reference_names.tsv.gz`` when it has one, else the shipped ones.
    ``load_english`` returns the English pipeline that re-reads English passages.
    """
    if "kb_de_repair" not in nlp.pipe_names:
        names = Path(model_dir) / NAMES_FILE if model_dir is not None else None
        config = {"english": english, "names_path": str(names) if names is not None and names.exists() else ""}
        nlp.add_pipe("kb_de_repair", last=True, config=config)
        nlp.meta["version"] = _repaired_version(nlp.meta)
    nlp.get_pipe("kb_de_repair").load_english = load_english
    return nlp


def _repaired_version(meta: dict) -> str:
    return f"{meta.get('version', '0')}-{REPAIR_VERSION}"


_warned = False


def _model_path() -> Optional[Path]:
    """The configured German model (KB_DE_MODEL) or the committed artefact, if present."""
    configured = get_settings().de_model
    if configured:
        path = Path(configured)
        if not (path / "config.cfg").exists():
            raise ModelError(
                f"German model {configured!r} (KB_DE_MODEL) is not a spaCy pipeline directory: "
                "point it at the output of scripts/train_de_ner.py or unset it"
            )
        return path
    return MODEL_DIR if (MODEL_DIR / "config.cfg").exists() else None


def german_meta() -> Optional[dict]:
    """The meta (lang, name, version) :func:`load_german` will report, read without loading it:
    a build's pipeline version needs it even when no sentence turns out to be German, and
    loading the vote's three models costs seconds. None when only loading can tell (no trained
    model: the blank pipeline is cheap to build)."""
    import srsly

    path = _model_path()
    if path is None or not (path / "meta.json").exists():
        return None
    meta = dict(srsly.read_json(path / "meta.json"))
    if "kb_de_repair" not in meta.get("pipeline", []):  # as finish_pipeline does
        meta["version"] = _repaired_version(meta)
    return meta


@lru_cache(maxsize=1)
def load_german(load_english: Optional[Callable[[], object]] = None):
    """kb's German pipeline: the trained artefact when present, else blank + rules (warned once).

    ``load_english`` returns the English pipeline that re-reads English passages inside German
    sentences (``nlp.load_pipeline`` passes kb's default one); it is called on the first such
    passage only. The caller gives it so this module never imports the English loader.
    """
    import spacy

    global _warned
    register_components()
    path = _model_path()
    if path is None:
        if not _warned:
            _warned = True
            log.warning(
                "German NER is rule-only: %s is missing (run scripts/train_de_ner.py to build it)",
                MODEL_DIR,
            )
        return finish_pipeline(blank_german(), load_english=load_english)
    try:
        return finish_pipeline(spacy.load(path), model_dir=path, load_english=load_english)
    except (OSError, ValueError) as exc:
        raise ModelError(
            f"German model at {path} could not be loaded ({exc}); rebuild it with "
            "scripts/train_de_ner.py or unset KB_DE_MODEL"
        ) from exc
