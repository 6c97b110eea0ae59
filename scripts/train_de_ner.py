"""Train kb's small German NER (PER/ORG/LOC/OTH) on the GermEval 2014 dev split.

Why: no pretrained German spaCy pipeline is installable here, so kb builds its own.

Data use (nothing else is ever read):
- GermEval 2014 ``dev.tsv`` only (the official test split is withheld and never used).
- ~20 % of its sentences are held back for ``scripts/eval_germeval.py``:
  ``kb.extract.de.germeval.is_heldout`` (sha1 of the sentence position, no seed involved).
- Of the remaining ~80 %, ~12 % (sha1 with another salt) is a *tuning* part used only to
  pick the best epoch (early stopping); the rest is trained on.
- Optional gazetteer (``--gazetteer``, off by default): first names and surnames of the
  people in ``../shared/reference/wikidata-subset.jsonl.gz`` (Wikidata labels, CC0), used as
  a token feature, never as an answer. Measured on the held-back part it did not help
  (PER+ORG F1 0.613 with it, 0.625 without), so the shipped model is built without it.

- German Brown word clusters from spaCy's lookup tables (``pip install spacy-lookups-data``,
  the ``train`` extra; or ``--clusters PATH``): unlabelled-text knowledge without vectors. On
  the tuning part they lifted F1 (all labels) from 0.55 to ~0.65.

Model: ``spacy.blank("de")`` + ``kb_de_features`` + ``ner`` with its own small CNN tok2vec
(hash embeddings of NORM, PREFIX, SUFFIX, SHAPE, the gazetteer class and the word cluster at
two granularities; width 96, depth 4), then ``sentencizer`` and the ``kb_de_title_person``
rule. Fixed seed: same data, same model. 1-1.5 min per epoch on 2 busy cores.

The shipped artefact is a 2-of-3 span vote, built in three steps (seed 0):
1. tuning run, default features (no ``--epochs``): train on the training part, early-stop on
   the tuning part; best epoch 22; ~16-22 min.
2. tuning run with ``--char-embed`` (``kb.HashCharEmbed.v1``: hash features + character
   embedding, nM=32, nC=6); best epoch 10; ~8-15 min.
3. ``--assemble BASE CHAR``: BASE's pipeline + CHAR's NER (``ner_char``) + a linear-chain CRF
   (python-crfsuite; word, shape, prefixes/suffixes 1-4, cluster prefixes 4/6/10/14, role
   flag, ±2 neighbours, word bigrams; c1 0.02 / c2 0.01 chosen on the tuning part among c1 in
   {0, 0.02, 0.1, 0.3}) trained here in ~30-60 s; ``kb_de_vote`` keeps spans 2 of the 3
   agree on. Since 0.3.0 the CRF is trained on every non-held-back sentence (``--crf-data
   all``, the default; the tuning part only chose c1/c2); ``--retrain-crf`` redoes just this.
4. ``--names``: ``reference_names.tsv.gz`` (persons, parties, states of kb's Wikidata
   reference, CC0) for the load-time ``kb_de_repair`` component.
Tuning part, PER+ORG F1: BASE 0.670, CHAR 0.674, CRF 0.642, vote 0.711 (all types 0.686 /
0.651 / 0.675 / 0.715). Held-back (``eval_germeval.py``): BASE 0.625, CHAR 0.601, vote 0.668;
CRF on all non-held-back sentences: CRF 0.670 -> 0.677, vote 0.676, vote + kb_de_repair 0.679.

Tried and not shipped:
- final fit, ``--epochs 22`` on every non-held-back sentence (tuning part included, +13 %
  data, 14 min): held-back PER+ORG F1 0.604 (P 0.594 / R 0.616), all types 0.585, vs 0.625 /
  0.606 for BASE. More data did not show; the run-to-run spread of a last-epoch model
  without early stopping is larger than the gain.
- CRF word-frequency features (no gain); a union of spaCy and CRF spans (tuning 0.673).
- reference-name CRF features (``--crf-names``: first/last-name membership and exact name
  matches, ``NameFeatures``): tuning part CRF 0.642 -> 0.638-0.649 and vote 0.711 -> 0.703-0.715
  depending on L-BFGS iterations (200/1000) and feature order: no gain beyond the noise.
- a vote on boundaries alone (label by majority): tuning 0.692-0.707 vs 0.711.

SmartData (``--smartdata``; ``scripts/smartdata_de.py``, CC BY 4.0): its non-held-back documents
join the training data (spaCy runs: its tuning documents join early stopping; the CRF: all of
them). Plainly added it costs GermEval (README: SmartData held-back PER+ORG 0.536 -> 0.649 but
GermEval 0.679 -> 0.649-0.667 for every vote built with it), so since 0.4.0 only the CRF uses
it, through feature augmentation (``--crf-domains``: a shared and a per-corpus copy of every
feature, tagging with the shared + GermEval copies), and a stacker replaces the 2-of-3 vote.
``--add-member`` scores larger votes; ``--checkpoint`` saves each best epoch.

Version 0.4.0 (the shipped artefact; the spaCy members are 0.3.0's), two more steps:
5. ``--retrain-crf --smartdata --crf-domains``: the CRF on 1,719 GermEval + 5,004 SmartData
   sentences (news, RSS, tweets) with per-corpus feature copies; ~6 min.
6. ``--fit-stacker --smartdata``: ``kb.extract.de.stacker`` fitted on the tuning parts with a
   temporary CRF trained on the training parts (``scripts/de_stacking.py``); ~8 min.
Held-back PER+ORG F1 GermEval / SmartData (``eval_germeval.py``, as kb loads it): 0.3.0
0.679 / 0.535; step 5 alone (2-of-3 vote) 0.691 / 0.553; steps 5+6: see the model README.
Tried for 0.4.0 and not kept (CRF trained on the training parts, tuning-part PER+ORG F1 of the
CRF GermEval / SmartData, vs 0.649 / 0.466 without): an organisation-head flag for the words
before a name ("Konzern", "-unternehmen", "Agentur": 0.652 / 0.464); the 51k Wikidata
organisation names as CRF features (B/I of an exact match, also for ±1: 0.635 / 0.484); the
stacker with the SmartData-copy CRF's marginals as features (held back GermEval 0.665-0.703
vs 0.703-0.722: it learns SmartData's style); keeping a span all three members bound alike
with its most probable label (tuning 0.675 -> 0.671 / 0.490 -> 0.478).

Version 0.5.0: ``--corpus-flag`` (with ``--smartdata``, spaCy runs) is feature augmentation for the
CNN members: each token embeds its corpus flag (``features.mark_corpus``: SmartData's on SmartData's
training sentences, unset on GermEval's, on the tuning parts and at run time). Held back, ``ner_char``
alone: GermEval-only 0.602 / 0.499 (GermEval / SmartData PER+ORG), plain GE+SD 0.618 / 0.583
(session 4), flagged 0.663 / 0.543. Shipped: 0.4.0's ``ner`` + the flagged ``ner_char`` + CRF +
stacker (7. the flagged run, 8. ``--assemble kb/extract/de/model CHAR --smartdata --crf-domains``,
9. ``--fit-stacker --smartdata``): 0.716 / 0.602. Not shipped: the flagged ``ner`` too (0.709 / 0.617,
but lower German news-tenures full tenures and organisations; README), nor with ``--tune-on
germeval`` (early stopping on GermEval's tuning part only: 0.701 / 0.612).

After 0.5.0 (session 8, not shipped; figures in the README): ``--add-reading VOTE`` (``ner_char`` read a
second time with SmartData's flag as a fourth member: 0.683 / 0.613), ``--add-member`` with another
seed of the flagged ``ner_char`` (0.705 / 0.623 for seed 1), ``--mention-copies K`` (mention
replacement; two such members added: 0.743 / 0.618, but German news-tenures persons and organisations
fell by one entity each, and the German pipeline runs at about half the speed).

After 0.5.0 (session 9, not shipped; figures in the README): HanTa part-of-speech tags (``pip install
hanta``; ``kb.extract.de.stts``, the ``kb_de_stts`` component) as a CRF feature (``--crf-stts``), an
embedding in ``ner_char`` (``--stts-embed``) and stacker features (``--stacker-stts``): GermEval up to
0.742, SmartData no more than 0.609; ``--crf-tag-domain sd`` (the CRF tags with SmartData's copy) trades
GermEval for SmartData.

After 0.5.0 (session 10, figures in the README): ``--crf-lex``, CRF features from German word lists
read at run time (``kb.extract.de.wordlists``: ``german-nouns``' Wiktionary noun classes, ``wordfreq``'s
Zipf band).

Session 12 (issue #15): ``--silver-gnad [PATH]`` self-training (``scripts/de_silver.py``): the sentences
of 10kGNAD articles no dev set can hold that all members of ``--silver-tagger`` (default: the artefact
at ``--out`` before this run) tag alike join the CRF as a third corpus with its own feature copy
(``gn:``); ``--silver-cache FILE`` keeps them, so ``--fit-stacker`` (whose temporary CRF learns them
too) and a rebuild read the same sentences. A model built with it is **CC BY-NC-SA 4.0** (10kGNAD's
licence, written into meta.json); without the option the CC BY 4.0 model is rebuilt as before.

Example: .venv/bin/python scripts/train_de_ner.py --out /tmp/de_ner_base --seed 0
         .venv/bin/python scripts/train_de_ner.py --names
         .venv/bin/python scripts/train_de_ner.py --retrain-crf
         .venv/bin/python scripts/train_de_ner.py --out /tmp/de_ner_char --seed 0 --char-embed
         .venv/bin/python scripts/train_de_ner.py --assemble /tmp/de_ner_base /tmp/de_ner_char
         .venv/bin/python scripts/train_de_ner.py --retrain-crf --smartdata --crf-domains
         .venv/bin/python scripts/train_de_ner.py --fit-stacker --smartdata
         .venv/bin/python scripts/train_de_ner.py --seed 0 --char-embed --smartdata --corpus-flag \
             --checkpoint --max-epochs 10 --patience 3 --out /tmp/de_ner_char_flag
         .venv/bin/python scripts/train_de_ner.py --assemble kb/extract/de/model /tmp/de_ner_char_flag \
             --smartdata --crf-domains
         .venv/bin/python scripts/train_de_ner.py --fit-stacker --smartdata
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import importlib.util
import json
import random
import re
import shutil
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Callable, Optional

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))  # smartdata_de, de_stacking: also when imported, not run

from kb.extract.de.features import (  # noqa: E402
    CORPUS_ATTR, FeatureMarker, NameFeatures, bio_tags, crf_features, domain_features, mark_corpus,
)
from kb.extract.de.germeval import (  # noqa: E402
    LABELS,
    GermEvalSentence,
    is_heldout,
    outer_spans,
    read_germeval,
)
from kb.extract.de.names import NAMES_FILE, reference_names  # noqa: E402
from kb.extract.de.ner import MODEL_DIR, register_components  # noqa: E402
from kb.settings import SHARED_DIR  # noqa: E402
from smartdata_de import DEFAULT_SMARTDATA, read_smartdata, training_sentences  # noqa: E402

DEFAULT_DATA = SHARED_DIR / "eval" / "germeval2014-de" / "dev.tsv"
DEFAULT_REFERENCE = SHARED_DIR / "reference" / "wikidata-subset.jsonl.gz"

#: The CRF's feature copy for self-training sentences (``--silver-gnad``): a corpus of its own.
SILVER_DOMAIN = "gn"
#: A model trained on 10kGNAD's silver sentences carries 10kGNAD's licence.
SILVER_LICENCE = "CC BY-NC-SA 4.0"
DEFAULT_GNAD = SHARED_DIR / "eval" / "news-corpus" / "gnad.jsonl"

WIDTH = 96
NER_MODEL = {
    "@architectures": "spacy.TransitionBasedParser.v2",
    "state_type": "ner",
    "extra_state_tokens": False,
    "hidden_width": 64,
    "maxout_pieces": 2,
    "use_upper": True,
    "nO": None,
    "tok2vec": {
        "@architectures": "spacy.Tok2Vec.v2",
        "embed": {
            "@architectures": "spacy.MultiHashEmbed.v2",
            "width": WIDTH,
            "attrs": ["NORM", "PREFIX", "SUFFIX", "SHAPE", "LEMMA", "TAG", "MORPH"],
            "rows": [5000, 1000, 2500, 2500, 50, 2000, 500],
            "include_static_vectors": False,
        },
        "encode": {
            "@architectures": "spacy.MaxoutWindowEncoder.v2",
            "width": WIDTH,
            "depth": 4,
            "window_size": 1,
            "maxout_pieces": 3,
        },
    },
}


def with_corpus_flag(model: dict, rows: int = 16) -> dict:
    """NER config whose embedding also reads the corpus flag (``features.CORPUS_ATTR``).

    Why: SmartData teaches the members names and contexts, the flag carries its annotation
    style (``features.mark_corpus``); at run time every token has GermEval's value."""
    model = json.loads(json.dumps(model))
    embed = model["tok2vec"]["embed"]
    embed["attrs"] = list(embed["attrs"]) + [CORPUS_ATTR]
    embed["rows"] = list(embed["rows"]) + [rows]
    return model


def char_embed_model(nM: int = 32, nC: int = 6, stts: bool = False) -> dict:
    """NER config whose embedding adds a character embedding (``kb.HashCharEmbed.v1``) and, with
    ``stts``, an embedding of HanTa's part-of-speech tag (``kb.HashCharSttsEmbed.v1``)."""
    model = json.loads(json.dumps(NER_MODEL))
    embed = model["tok2vec"]["embed"]
    model["tok2vec"]["embed"] = {
        "@architectures": "kb.HashCharSttsEmbed.v1" if stts else "kb.HashCharEmbed.v1",
        "width": embed["width"], "attrs": embed["attrs"], "rows": embed["rows"], "nM": nM, "nC": nC,
    }
    return model


def is_tuning(index: int, percent: int = 12) -> bool:
    """Early-stopping part of the training sentences (never the held-back part)."""
    return int(hashlib.sha1(f"germeval-tune:{index}".encode()).hexdigest()[:8], 16) % 100 < percent


_NAME_TOKEN = re.compile(r"^[A-ZÄÖÜÀ-Þ][a-zäöüßà-ÿ]+(?:-[A-ZÄÖÜ][a-zäöüßà-ÿ]+)?$")


def build_gazetteer(path: Path, min_count: int = 2) -> tuple[set[str], set[str]]:
    """First names and surnames from person labels (en/de/mul + aliases) in the reference.

    Only Latin-script capitalised words seen in at least ``min_count`` labels: rare tokens
    are mostly transliteration noise and would only bloat the artefact.
    """
    first: Counter[str] = Counter()
    last: Counter[str] = Counter()
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if '"Q5"' not in line:
                continue
            item = json.loads(line)
            names = [v["value"] for lang, v in item.get("labels", {}).items() if lang in ("en", "de", "mul")]
            names += [a["value"] for lang, al in item.get("aliases", {}).items() if lang in ("en", "de") for a in al]
            for name in set(names):
                toks = name.replace(",", " ").split()
                if len(toks) < 2:
                    continue
                if _NAME_TOKEN.match(toks[0]):
                    first[toks[0]] += 1
                if _NAME_TOKEN.match(toks[-1]):
                    last[toks[-1]] += 1
    return ({w for w, c in first.items() if c >= min_count}, {w for w, c in last.items() if c >= min_count})


DEFAULT_INDEX = SHARED_DIR / "reference" / "entity-index.tsv.gz"
_ORG_WORDS = re.compile(r"(?i)\b(organi[sz]ation|union|co-?operation|council|alliance|league|community|treaty)\b")
_LATIN = re.compile(r"^[A-Za-zÀ-ɏ .'’-]+$")


def _entity_kinds(index: Path) -> dict[str, str]:
    """QID -> PER / ORG / LOC from the reference index's own classification (kinds column)."""
    out: dict[str, str] = {}
    with gzip.open(index, "rt", encoding="utf-8") as fh:
        next(fh, None)
        for line in fh:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 3:
                continue
            qid, kinds, label = cols[0], cols[1], cols[2]
            if kinds == "person":
                out[qid] = "PER"
            elif "political party" in kinds:
                out[qid] = "ORG"
            elif "jurisdiction" in kinds or "state" in kinds:
                out[qid] = "ORG" if _ORG_WORDS.search(label) else "LOC"
    return out


def build_reference_names(subset: Path, index: Path, out: Path) -> dict[str, int]:
    """Write ``kind<TAB>folded name`` for the reference's persons, parties and places.

    Labels and aliases in en/de/mul; person names need two or more words (one word alone is
    too ambiguous to type a span), all names Latin script. Used by ``kb_de_repair`` as exact
    matches only. Source: Wikidata via kb's reference subset (CC0).
    """
    from kb.extract.de.names import fold_name

    kinds = _entity_kinds(index)
    rows: set[tuple[str, str]] = set()
    with gzip.open(subset, "rt", encoding="utf-8") as fh:
        for line in fh:
            item = json.loads(line)
            kind = kinds.get(item.get("id", ""))
            if kind is None:
                continue
            names = [v["value"] for lang, v in item.get("labels", {}).items() if lang in ("en", "de", "mul")]
            names += [a["value"] for lang, al in item.get("aliases", {}).items() if lang in ("en", "de", "mul") for a in al]
            for name in names:
                if not _LATIN.match(name) or (kind == "PER" and len(name.split()) < 2) or len(name) < 2:
                    continue
                rows.add((kind, fold_name(name)))
    out.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(out, "wt", encoding="utf-8", compresslevel=9) as fh:
        for kind, name in sorted(rows):
            fh.write(f"{kind}\t{name}\n")
    return dict(Counter(kind for kind, _ in rows))


def default_clusters() -> Optional[Path]:
    """spacy-lookups-data's German Brown clusters, when that package is installed."""
    spec = importlib.util.find_spec("spacy_lookups_data")
    if spec is None or spec.origin is None:
        return None
    path = Path(spec.origin).parent / "data" / "de_lexeme_cluster.json.gz"
    return path if path.exists() else None


def load_clusters(path: Path, min_logprob: float = -16.0) -> dict[str, str]:
    """Word -> Brown-cluster bit path, for words at least as frequent as ``min_logprob``.

    The cut keeps ~210k of the table's 1M words (81 % of GermEval tokens vs 84 % for all),
    so the artefact stays small. The probabilities sit next to the clusters. Without
    spacy-lookups-data the shipped model's own table (the same cut) is read as it is.
    """
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        clusters = json.load(fh)
    if all(isinstance(v, str) for v in list(clusters.values())[:100]):
        return clusters  # a model's kb_de_features/clusters.json.gz: bit paths, already cut
    probs_path = path.with_name(path.name.replace("cluster", "prob"))
    probs: dict[str, float] = {}
    if probs_path.exists():
        with gzip.open(probs_path, "rt", encoding="utf-8") as fh:
            probs = json.load(fh)
    out = {}
    for word, cid in clusters.items():
        bits = bin(int(cid))[3:]  # drop "0b1": the root of the cluster tree
        if bits and probs.get(word, 0.0) >= min_logprob:
            out[word] = bits
    return out


def mention_replaced(sents: list[GermEvalSentence], copies: int, seed: int) -> list[GermEvalSentence]:
    """``copies`` new versions of every sentence with a PER or ORG name, each such name replaced
    by another name of that type from the same sentences (mention replacement, Dai & Adel 2020).

    Why: the members learn names partly by heart; the same contexts with other names teach them
    the contexts ("Vorstandschef von X"), and names in new contexts. The names come from the
    same corpus, so nothing of another licence enters the model. Deterministic: a seeded
    generator over the sentences in order, the name pools sorted.
    """
    from dataclasses import replace

    pools: dict[str, list[tuple[str, ...]]] = {}
    for sent in sents:
        for a, b, lab in outer_spans(sent.tags):
            if lab in ("PER", "ORG"):
                pools.setdefault(lab, []).append(tuple(sent.words[a:b]))
    pools = {lab: sorted(set(names)) for lab, names in pools.items()}
    rng = random.Random(f"mentions:{seed}")
    out = []
    for _copy in range(copies):
        for sent in sents:
            spans = [s for s in outer_spans(sent.tags) if s[2] in pools]
            if not spans:
                continue
            words, tags = list(sent.words), list(sent.tags)
            for a, b, lab in reversed(spans):  # right to left: earlier offsets stay valid
                name = list(rng.choice(pools[lab]))
                words[a:b] = name
                tags[a:b] = [f"B-{lab}"] + [f"I-{lab}"] * (len(name) - 1)
            out.append(replace(sent, words=words, tags=tags))
    return out


def make_example(nlp, sent: GermEvalSentence, features: FeatureMarker, corpus: str = "ge"):
    """Example whose predicted doc carries the feature markers (and ``corpus``' flag, read only
    by a member built with ``--corpus-flag``) and whose gold is outer spans."""
    from spacy.tokens import Doc, Span
    from spacy.training import Example

    doc = features(Doc(nlp.vocab, words=sent.words))
    if "kb_de_stts" in nlp.pipe_names:  # HanTa's tags, as kb_de_stts leaves them at run time
        doc = nlp.get_pipe("kb_de_stts")(doc)
    doc = mark_corpus(doc, corpus)
    gold = Doc(nlp.vocab, words=sent.words)
    gold.ents = [Span(gold, s, e, label=lab) for s, e, lab in outer_spans(sent.tags)]
    return Example(doc, gold)


def span_f1(nlp, examples) -> float:
    """Micro F1 (exact spans, all labels) of the current NER on examples."""
    ner = nlp.get_pipe("ner")
    tp = fp = fn = 0
    for eg in examples:
        pred = ner(eg.predicted.copy())
        p = {(e.start, e.end, e.label_) for e in pred.ents}
        g = {(e.start, e.end, e.label_) for e in eg.reference.ents}
        tp, fp, fn = tp + len(p & g), fp + len(p - g), fn + len(g - p)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def build_pipeline(first: set[str], last: set[str], clusters: dict[str, str], char_embed: bool = False,
                   corpus_flag: bool = False, stts: bool = False):
    """Blank German (+ ``kb_de_stts`` with ``stts``) + features + NER (untrained) + sentencizer + title rule."""
    import spacy

    register_components()
    nlp = spacy.blank("de")
    if stts:
        nlp.add_pipe("kb_de_stts")
    feats = nlp.add_pipe("kb_de_features")
    feats.first, feats.last, feats.clusters = frozenset(first), frozenset(last), clusters
    model = char_embed_model(stts=stts) if char_embed else NER_MODEL
    ner = nlp.add_pipe("ner", config={"model": with_corpus_flag(model) if corpus_flag else model})
    for label in LABELS:
        ner.add_label(label)
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("kb_de_title_person")
    return nlp, feats


def train(nlp, train_egs, tune_egs, seed: int, max_epochs: int, patience: int,
          on_best: Optional[Callable[[int], None]] = None) -> tuple[float, int]:
    """Train the NER with early stopping on the tuning part; keep the best epoch's weights.

    ``on_best(epoch)`` runs after each new best epoch (``--checkpoint`` saves the pipeline
    there, so a long run stopped early still leaves its best model on disk)."""
    from spacy.training import Example  # noqa: F401 - imported for side effects of registry
    from spacy.util import compounding, fix_random_seed, minibatch

    fix_random_seed(seed)
    rng = random.Random(seed)
    with nlp.select_pipes(enable=["ner"]):
        optimizer = nlp.initialize(lambda: train_egs)
        ner = nlp.get_pipe("ner")
        best, best_epoch, best_bytes = -1.0, 0, ner.model.to_bytes()
        for epoch in range(1, max_epochs + 1):
            order = list(train_egs)
            rng.shuffle(order)
            losses: dict[str, float] = {}
            for batch in minibatch(order, size=compounding(8.0, 64.0, 1.001)):
                nlp.update(batch, drop=0.25, sgd=optimizer, losses=losses)
            score = span_f1(nlp, tune_egs) if tune_egs else float(epoch)  # no tuning part: last epoch
            if score > best:
                best, best_epoch, best_bytes = score, epoch, ner.model.to_bytes()
                if on_best is not None:
                    on_best(epoch)
            shown = f"tune F1 {score:.3f}" if tune_egs else "(final fit)"
            print(f"epoch {epoch:2d} loss {losses.get('ner', 0):8.1f} {shown}", flush=True)
            if epoch - best_epoch >= patience:
                break
        ner.model.from_bytes(best_bytes)
    return best, best_epoch


def hanta_tags(sents: list[GermEvalSentence]) -> list[list[str]]:
    """HanTa's STTS tag per word of every sentence, tagged as ``kb_de_stts`` tags a doc
    at run time (``stts.tag_words``); ~1-2k words/s."""
    from kb.extract.de.stts import load_hanta, tag_words

    tagger = load_hanta()
    return [tag_words(tagger, list(s.words)) for s in sents]


def train_crf(sents: list[GermEvalSentence], cluster, c1: float = 0.02, c2: float = 0.01,
              names: Optional[NameFeatures] = None, domains: Optional[list[str]] = None,
              stts: Optional[list[list[str]]] = None, lexical: bool = False) -> bytes:
    """Linear-chain CRF (python-crfsuite, L-BFGS, 200 iterations) on ``sents``; model bytes.

    c1/c2 chosen on the tuning part (0.02/0.01 best of c1 in {0, 0.02, 0.1, 0.3}). With
    ``names`` the reference-name features are added (``kb.extract.de.features.NameFeatures``);
    with ``domains`` (one corpus name per sentence) every feature gets a shared and a
    per-corpus copy (``domain_features``); with ``stts`` (HanTa's tags per sentence,
    ``hanta_tags``) the part-of-speech features (``kb.extract.de.stts.stts_features``); with
    ``lexical`` the word-list features (``kb.extract.de.wordlists.lexical_features``).
    L-BFGS on a fixed sentence order is deterministic: same data, same CRF.
    """
    import tempfile

    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for k, sent in enumerate(sents):
        feats = crf_features(sent.words, cluster, names, stts[k] if stts is not None else None, lexical)
        if domains is not None:
            feats = domain_features(feats, domains[k])
        trainer.append(feats, bio_tags(len(sent.words), outer_spans(sent.tags)))
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": 200, "feature.possible_transitions": True})
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "crf.crfsuite"
        trainer.train(str(path))
        return path.read_bytes()


def assemble(base: Path, second: Path, sents: list[GermEvalSentence], out: Path, crf_data: str = "all",
             crf_names: bool = False, extra: Optional[list[GermEvalSentence]] = None,
             crf_domains: bool = False, crf_stts: bool = False, tag_domain: str = "ge",
             crf_lex: bool = False, silver: Optional[list[GermEvalSentence]] = None,
             silver_domain: str = SILVER_DOMAIN) -> int:
    """Ensemble artefact: ``base`` pipeline + ``second``'s NER + a CRF, 2-of-3 span vote.

    Both spaCy models must come from tuning runs of this script (same feature marker) or be
    assembled artefacts, whose ``ner`` (BASE) or ``ner_char`` (SECOND) is reused: so one member
    can be replaced, e.g. ``--assemble kb/extract/de/model NEW_CHAR_RUN`` keeps the shipped
    ``ner``. The CRF is trained here (``crf_sentences``: by default on every non-held-back
    sentence). ``out`` may be ``base`` itself: everything is read before it is written.
    """
    import spacy

    register_components()
    nlp = spacy.load(base)
    other = spacy.load(second)
    for name in [n for n in nlp.pipe_names if n.startswith(("kb_de_stash", "ner_char", "kb_de_vote", "ner_"))]:
        nlp.remove_pipe(name)  # BASE is an assembled artefact: keep its features, ner and rules only
    names_bytes = (out / NAMES_FILE).read_bytes() if (out / NAMES_FILE).exists() else b""
    cards = {name: (base / name).read_bytes() for name in ("README.md", "LICENSE") if (base / name).exists()}
    nlp.add_pipe("kb_de_stash", name="kb_de_stash", after="ner", config={"group": "kb_ner"})
    # SECOND is a tuning run (its "ner") or an assembled artefact (its "ner_char" is reused)
    second_name = "ner_char" if "ner_char" in other.pipe_names else "ner"
    nlp.add_pipe(second_name, name="ner_char", source=other, after="kb_de_stash")
    if "kb_de_stts" in other.pipe_names and "kb_de_stts" not in nlp.pipe_names:  # SECOND embeds HanTa's tags
        nlp.add_pipe("kb_de_stts", first=True)
    vote = nlp.add_pipe("kb_de_vote", after="ner_char", config={"groups": ["kb_ner"], "min_votes": 2})
    train_part, names, seconds = fit_vote_crf(nlp, vote, out, sents, crf_data, crf_names, extra, crf_domains,
                                              crf_stts, tag_domain, crf_lex, silver, silver_domain)
    print(f"CRF trained on {len(train_part)} sentences, name features {names is not None} ({seconds:.0f}s)")
    nlp.meta.update({"name": "kb_germeval_ner_vote", "version": VOTE_VERSION,
                     "license": SILVER_LICENCE if silver else "CC BY 4.0"})
    if out.exists():
        shutil.rmtree(out)
    nlp.to_disk(out)
    if names_bytes:
        (out / NAMES_FILE).write_bytes(names_bytes)
    for name, data in cards.items():
        (out / name).write_bytes(data)
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    print(f"saved {out} ({size / 1e6:.1f} MB): pipeline {nlp.pipe_names}")
    return 0


def add_member(model_dir: Path, member: Path, out: Path, min_votes: int = 2) -> int:
    """Copy an assembled vote artefact with ``member``'s NER as one more voter (no training).

    Why: a vote of more members (e.g. a GermEval-only ``ner`` beside models trained with
    SmartData) can be scored by ``eval_germeval.py`` as kb loads it. The new NER runs before
    ``ner_char`` and stashes its spans in its own group; the CRF is kept as it is.
    """
    import spacy

    register_components()
    nlp = spacy.load(model_dir)
    other = spacy.load(member)
    old = nlp.get_pipe("kb_de_vote")
    k = len(old.groups) + 1
    nlp.add_pipe("ner", name=f"ner_{k}", source=other, before="ner_char")
    nlp.add_pipe("kb_de_stash", name=f"kb_de_stash_{k}", after=f"ner_{k}", config={"group": f"kb_ner_{k}"})
    groups = list(old.groups) + [f"kb_ner_{k}"]
    nlp.remove_pipe("kb_de_vote")
    vote = nlp.add_pipe("kb_de_vote", after="ner_char", config={"groups": groups, "min_votes": min_votes})
    vote.crf_bytes, vote.name_features, vote.domain = old.crf_bytes, old.name_features, old.domain
    if out.exists() and out != model_dir:
        shutil.rmtree(out)
    nlp.to_disk(out)
    for name in (NAMES_FILE, "README.md", "LICENSE"):
        if (model_dir / name).exists() and out != model_dir:
            shutil.copy(model_dir / name, out / name)
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    print(f"saved {out} ({size / 1e6:.1f} MB): pipeline {nlp.pipe_names}, {len(groups) + 2} voters, {min_votes} needed")
    return 0


def add_reading(model_dir: Path, out: Path, member: str = "ner_char", corpus: str = "sd") -> int:
    """Copy an assembled vote artefact with a second reading of its ``member`` under
    ``corpus``' flag (``features.FlaggedReading``) as one more member (no training).

    Why: the flagged ``ner_char`` tags SmartData's style when read with SmartData's flag
    (held back alone: SmartData 0.543 -> 0.597); as a fourth proposer it widens what the
    stacker can choose from without a second copy of its weights. The new reading runs right
    before ``member`` and stashes its spans in group ``kb_ner_<corpus>``; the CRF is kept; the
    stacker is dropped (its features change with the members): run ``--fit-stacker`` next.
    """
    import spacy

    register_components()
    nlp = spacy.load(model_dir)
    old = nlp.get_pipe("kb_de_vote")
    group = f"kb_ner_{corpus}"
    nlp.add_pipe("kb_de_reread", name=f"{member}_{corpus}", before=member,
                 config={"member": member, "group": group, "corpus": corpus})
    groups = list(old.groups) + [group]
    nlp.remove_pipe("kb_de_vote")
    vote = nlp.add_pipe("kb_de_vote", after=member, config={"groups": groups, "min_votes": old.min_votes})
    vote.crf_bytes, vote.name_features, vote.domain = old.crf_bytes, old.name_features, old.domain
    copies = {name: (model_dir / name).read_bytes() for name in (NAMES_FILE, "README.md", "LICENSE")
              if (model_dir / name).exists()}
    if out.exists():
        shutil.rmtree(out)
    nlp.to_disk(out)
    for name, data in copies.items():
        (out / name).write_bytes(data)
    print(f"saved {out}: pipeline {nlp.pipe_names}, members {groups} + the last NER + CRF; now --fit-stacker")
    return 0


#: Artefact version: 0.2.0 the first vote; 0.3.0 its CRF trained on every non-held-back sentence;
#: 0.4.0 the CRF also on SmartData with per-corpus feature copies, and the stacker; 0.5.0 the spaCy
#: members also on SmartData with a per-token corpus flag (``--corpus-flag``), CRF and stacker refitted.
VOTE_VERSION = "0.5.0"


def _name_features(model_dir: Path) -> Optional[NameFeatures]:
    """NameFeatures from the model directory's reference names, or None (warned) when absent."""
    names = reference_names(model_dir / NAMES_FILE)
    if not names.persons:
        print(f"warning: no {model_dir / NAMES_FILE} (run --names first): CRF without name features")
        return None
    return NameFeatures(names)


def crf_sentences(sents: list[GermEvalSentence], crf_data: str) -> list[GermEvalSentence]:
    """The CRF's training sentences: "train" = the training part only; "all" = every sentence
    that is not held back (training + tuning part).

    Why "all" is the default: the CRF has no early stopping, its c1/c2 were chosen on the
    tuning part already, so the tuning part is only more data. Held-back PER+ORG F1 of the
    vote: 0.668 with "train", 0.676 with "all" (CRF alone 0.670 -> 0.677).
    """
    if crf_data == "all":
        return [s for s in sents if not is_heldout(s.index)]
    return [s for s in sents if not is_heldout(s.index) and not is_tuning(s.index)]


def retrain_crf(model_dir: Path, sents: list[GermEvalSentence], crf_data: str = "all", crf_names: bool = False,
                extra: Optional[list[GermEvalSentence]] = None, crf_domains: bool = False,
                crf_stts: bool = False, tag_domain: str = "ge", crf_lex: bool = False,
                silver: Optional[list[GermEvalSentence]] = None, silver_domain: str = SILVER_DOMAIN) -> int:
    """Retrain only the vote's CRF of an assembled artefact (the spaCy models stay as they are).

    Why: the CRF trains in about a minute while each spaCy model takes 15-20; feature work on
    the CRF (e.g. the reference-name features) is rebuilt with this alone. Same sentences
    as ``--assemble`` (``--crf-data``).
    """
    import spacy

    register_components()
    nlp = spacy.load(model_dir)
    vote = nlp.get_pipe("kb_de_vote")
    had_stts = "kb_de_stts" in nlp.pipe_names
    train_part, names, seconds = fit_vote_crf(nlp, vote, model_dir, sents, crf_data, crf_names, extra, crf_domains,
                                              crf_stts, tag_domain, crf_lex, silver, silver_domain)
    if not had_stts and crf_stts:  # the pipeline gained kb_de_stts: config.cfg and meta.json change
        nlp.meta["version"] = VOTE_VERSION
        nlp.to_disk(model_dir)
    vote.to_disk(model_dir / "kb_de_vote")
    import srsly  # spaCy's own JSON writer: meta.json keeps spaCy's layout

    meta_path = model_dir / "meta.json"
    meta = srsly.read_json(meta_path)
    meta["version"] = VOTE_VERSION
    meta["license"] = SILVER_LICENCE if silver else "CC BY 4.0"
    srsly.write_json(meta_path, meta)
    print(f"CRF retrained on {len(train_part)} sentences, name features {names is not None} "
          f"({seconds:.0f}s) -> {model_dir / 'kb_de_vote'}")
    return 0


def fit_vote_crf(nlp, vote, names_dir: Path, sents, crf_data: str, crf_names: bool,
                 extra: Optional[list[GermEvalSentence]] = None, crf_domains: bool = False, crf_stts: bool = False,
                 tag_domain: str = "ge", crf_lex: bool = False, silver: Optional[list[GermEvalSentence]] = None,
                 silver_domain: str = SILVER_DOMAIN):
    """Train the vote's CRF on the chosen sentences (plus ``extra``: SmartData's with
    ``--smartdata``), with the pipeline's word clusters (and the reference names of
    ``names_dir`` as features with ``crf_names``; with ``crf_domains`` a shared and a
    per-corpus copy of every feature, tagging with the copy of ``tag_domain``, GermEval's by
    default; with ``crf_stts`` HanTa's part-of-speech features, and ``kb_de_stts`` first in the
    pipeline; with ``crf_lex`` the word-list features of ``kb.extract.de.wordlists``; ``silver``:
    self-training sentences, ``de_silver``, a corpus of their own, ``silver_domain``, under
    ``crf_domains``); shared by ``--assemble`` and ``--retrain-crf`` so both fit it the same way.
    Returns (sentences, names, seconds)."""
    feats = nlp.get_pipe("kb_de_features")
    cluster = lambda w: (lambda p: None if p == "-" else p)(feats.cluster(w))  # noqa: E731
    names = _name_features(names_dir) if crf_names else None
    germeval, extra, silver = crf_sentences(sents, crf_data), list(extra or []), list(silver or [])
    train_part = germeval + extra + silver
    domains = ["ge"] * len(germeval) + ["sd"] * len(extra) + [silver_domain] * len(silver) if crf_domains else None
    t0 = time.time()
    stts = hanta_tags(train_part) if crf_stts else None
    if crf_stts and "kb_de_stts" not in nlp.pipe_names:
        nlp.add_pipe("kb_de_stts", first=True)
    vote.crf_bytes = train_crf(train_part, cluster, names=names, domains=domains, stts=stts, lexical=crf_lex)
    vote.name_features = names is not None
    vote.domain = tag_domain if crf_domains else None
    vote.stts = crf_stts
    vote.lexical = crf_lex
    return train_part, names, time.time() - t0


def fit_stacker(model_dir: Path, sents: list[GermEvalSentence], sd_train: list, sd_tune: list,
                stts: bool = False, silver: Optional[list[GermEvalSentence]] = None,
                silver_domain: str = SILVER_DOMAIN) -> int:
    """Fit the vote's stacker (``scripts/de_stacking.py``) and save it in ``kb_de_vote/stack.json``.

    A temporary CRF with the artefact's own CRF options is trained on the training parts only
    (GermEval's and, with ``--smartdata``, SmartData's), so that all three members predict the
    tuning parts unseen; the artefact's CRF itself is not changed. With ``stts`` the stacker
    also reads HanTa's tags (``stacker.STTS_FEATURES``; the pipeline gains ``kb_de_stts``).
    ``silver``: the artefact's CRF was trained with these self-training sentences; the temporary
    CRF is too (they hold no tuning-part text).
    """
    import spacy

    from de_stacking import candidate_rows, choose_and_fit

    register_components()
    nlp = spacy.load(model_dir)
    vote = nlp.get_pipe("kb_de_vote")
    if stts and "kb_de_stts" not in nlp.pipe_names:
        nlp.add_pipe("kb_de_stts", first=True)
    t0 = time.time()
    fit_vote_crf(nlp, vote, model_dir, sents, "train", vote.name_features, sd_train, vote.domain is not None,
                 vote.stts, vote.domain or "ge", vote.lexical, silver, silver_domain)  # tags with the artefact's corpus copy
    vote._tagger = None
    print(f"temporary CRF on the training parts ({time.time() - t0:.0f}s)", flush=True)
    ge_tune = [s for s in sents if not is_heldout(s.index) and is_tuning(s.index)]
    rows = candidate_rows(nlp, vote, ge_tune, "ge", stts) + candidate_rows(nlp, vote, sd_tune, "sd", stts)
    golds = {"ge": {s.index: set(outer_spans(s.tags)) for s in ge_tune}}
    if sd_tune:
        golds["sd"] = {s.index: set(outer_spans(s.tags)) for s in sd_tune}
    stacker, settings = choose_and_fit(rows, golds, len(vote.groups) + 2, stts)
    artefact = spacy.load(model_dir)
    final = artefact.get_pipe("kb_de_vote")
    final.stacker = stacker
    if stts and "kb_de_stts" not in artefact.pipe_names:  # config.cfg and meta.json change too
        artefact.add_pipe("kb_de_stts", first=True)
        artefact.meta["version"] = VOTE_VERSION
        artefact.to_disk(model_dir)
    final.to_disk(model_dir / "kb_de_vote")
    print(f"stacker: {len(rows)} candidate spans, settings {settings} -> {model_dir / 'kb_de_vote' / 'stack.json'}")
    return 0


def smartdata_parts(path: Optional[Path], sources: str) -> tuple[list, list]:
    """SmartData (train part, tuning part) sentences of the chosen sources, or two empty lists.

    Split by document (``smartdata_de.is_smartdata_tuning``), not by GermEval's ``is_tuning``
    of a sentence position: a document's sentences share names, so a sentence split would
    leak them into early stopping.
    """
    if path is None:
        return [], []
    if not Path(path).exists():
        raise SystemExit(f"error: {path} not found: pass --smartdata PATH to SmartData v1-train.json.gz")
    keep = set(sources.split(","))
    sents = [s for s in read_smartdata(Path(path)) if s.source in keep]
    return training_sentences(sents, "train"), training_sentences(sents, "tune")


def silver_part(args) -> list[GermEvalSentence]:
    """The self-training sentences ``--silver-gnad`` asks for (``de_silver``), or none.

    The tagger defaults to the artefact at ``--out`` as it is before this run changes it; for a
    rebuild give the artefact that tagged them (``--silver-tagger``) or their ``--silver-cache``."""
    if args.silver_gnad is None:
        return []
    from de_silver import silver_sentences

    return silver_sentences(Path(args.silver_gnad), args.silver_tagger or args.out, args.silver_cache, args.silver_every)


def save_checkpoint(nlp, out: Path, epoch: int) -> None:
    """Write the whole pipeline (disabled components re-enabled for the write) to ``out``."""
    disabled = list(nlp.disabled)
    for name in disabled:
        nlp.enable_pipe(name)
    nlp.meta.update({"name": "kb_germeval_ner", "version": "0.1.0", "license": "CC BY 4.0", "epoch": epoch})
    nlp.to_disk(out)
    for name in disabled:
        nlp.disable_pipe(name)


def write_card(out: Path, args, n_train: int, n_tune: int, n_held: int, best: float, epoch: int, gaz: tuple[int, int],
               n_clusters: int) -> None:
    """README + LICENCE next to the weights: where the data came from and how to rebuild."""
    tuning = f"{best:.3f}" if n_tune else "n/a (final fit)"
    gaz_line = (
        f"{gaz[0]} first names and {gaz[1]} surnames from person labels in kb's Wikidata reference "
        "subset (CC0), a token feature only."
        if gaz[0] or gaz[1]
        else "not used (`--gazetteer` adds it; it did not help on the held-back part)."
    )
    rebuild = (" --char-embed" if args.char_embed else "") + (f" --epochs {args.epochs}" if args.epochs else "")
    rebuild += (" --smartdata" if args.smartdata else "") + (" --corpus-flag" if args.corpus_flag else "")
    if args.smartdata and args.smartdata_sources != "news,rss,tweet":
        rebuild += f" --smartdata-sources {args.smartdata_sources}"
    rebuild += " --tune-on germeval" if args.smartdata and args.tune_on == "germeval" else ""
    rebuild += f" --mention-copies {args.mention_copies}" if args.mention_copies else ""
    rebuild += " --stts-embed" if args.stts_embed else ""
    embed = (
        "hash embeddings of NORM/PREFIX/SUFFIX/SHAPE/clusters plus a character embedding (`kb.HashCharEmbed.v1`)"
        if args.char_embed
        else "hash embeddings of NORM/PREFIX/SUFFIX/SHAPE/clusters"
    )
    (out / "README.md").write_text(
        f"""# kb German NER (de_kb_germeval_ner)

Small spaCy pipeline (blank German + kb feature marker + NER + sentencizer + title rule) built
by `scripts/train_de_ner.py` for kb, so that German extraction works without a pretrained
German spaCy model (none is installable here).

- Training data: GermEval 2014 NER **dev** split (2,200 sentences; `../shared/eval/germeval2014-de/dev.tsv`,
  from LSX-UniWue/SuperGLEBer at 5d3c59a9, the GermEval 2014 shared-task files). The official
  test split was never used.
- Split: sentences whose `sha1("germeval-dev:<position>")` falls in the lowest 20 % are held back
  for `scripts/eval_germeval.py` ({n_held} sentences); of the rest, {n_tune} chose the epoch
  (early stopping; 0 = a final fit with `--epochs`) and {n_train} were trained on.
- Labels: PER, ORG, LOC, OTH (GermEval outer level). `*deriv` ("deutsche") and `*part`
  ("EU-Kommission") are trained as O: they are not names kb could link.
- Name gazetteer: {gaz_line}
- Word-cluster feature: {n_clusters} German words' Brown clusters from spaCy's lookup tables
  (`spacy-lookups-data` 1.0.5, `de_lexeme_cluster.json.gz`, MIT; words with log-probability >= -16),
  stored in `kb_de_features/clusters.json.gz`.
- Token features: {embed}; CNN tok2vec width {WIDTH}, depth 4.
- Seed {args.seed}; epochs {epoch}; tuning-part F1 (all labels): {tuning}.
- Rebuild: `.venv/bin/python scripts/train_de_ner.py --seed {args.seed}{rebuild}`.

## Licence
The model is derived from GermEval 2014 (Benikova, Biemann, Reznicek, LREC 2014), licensed
**CC BY 4.0** (https://creativecommons.org/licenses/by/4.0/): attribution to the GermEval 2014
NER shared task / NoSta-D is required when redistributing. Name lists: Wikidata, CC0. Word
clusters: spaCy lookups data (spacy-lookups-data), MIT, Explosion AI.
""",
        encoding="utf-8",
    )
    (out / "LICENSE").write_text(
        "This trained model is a derivative of the GermEval 2014 NER data set\n"
        "(https://sites.google.com/site/germeval2014ner/), licensed under CC BY 4.0\n"
        "(https://creativecommons.org/licenses/by/4.0/). Attribution: Benikova, Biemann, Reznicek,\n"
        "NoSta-D Named Entity Annotation for German: Guidelines and Dataset, LREC 2014.\n"
        "Gazetteer names: Wikidata (CC0 1.0). Word clusters: spacy-lookups-data (MIT, Explosion AI).\n"
        "kb's code: Apache-2.0.\n",
        encoding="utf-8",
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--reference", type=Path, default=DEFAULT_REFERENCE, help="Wikidata subset for the name gazetteer")
    ap.add_argument(
        "--gazetteer", action="store_true",
        help="add the Wikidata first-name/surname feature (off: it did not help on the held-back part)",
    )
    ap.add_argument("--no-gazetteer", action="store_true", help=argparse.SUPPRESS)  # the default; kept for old commands
    ap.add_argument("--clusters", type=Path, default=default_clusters(), help="de_lexeme_cluster.json.gz (spacy-lookups-data)")
    ap.add_argument("--no-clusters", action="store_true", help="train without the word-cluster feature")
    ap.add_argument("--char-embed", action="store_true", help="add a character embedding to the hash embeddings")
    ap.add_argument("--out", type=Path, default=MODEL_DIR)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--max-epochs", type=int, default=40)
    ap.add_argument("--patience", type=int, default=6)
    ap.add_argument(
        "--epochs", type=int, default=0,
        help="train on all non-held-back sentences (tuning part included) for exactly N epochs, "
        "no early stopping; use the best epoch a tuning run reported",
    )
    ap.add_argument(
        "--assemble", type=Path, nargs=2, metavar=("BASE", "SECOND"),
        help="no spaCy training: combine two tuning-run pipelines (e.g. default and --char-embed) "
        "with a CRF trained here into a 2-of-3 voting pipeline at --out",
    )
    ap.add_argument("--index", type=Path, default=DEFAULT_INDEX, help="reference entity-index.tsv.gz (for --names)")
    ap.add_argument(
        "--names", action="store_true",
        help="only (re)write the reference-name list kb_de_repair types spans with "
        "(de/model/reference_names.tsv.gz) from --reference and --index",
    )
    ap.add_argument(
        "--retrain-crf", action="store_true",
        help="retrain only the CRF of the assembled artefact at --out",
    )
    ap.add_argument(
        "--crf-data", choices=("all", "train"), default="all",
        help="CRF sentences for --assemble/--retrain-crf: every non-held-back one (default) or the training part",
    )
    ap.add_argument(
        "--crf-names", action="store_true",
        help="add reference-name features to the CRF (off: no gain on the tuning part)",
    )
    ap.add_argument(
        "--smartdata", type=Path, nargs="?", const=DEFAULT_SMARTDATA, default=None, metavar="PATH",
        help="also train on SmartData train (scripts/smartdata_de.py: its non-held-back documents; "
        "for spaCy runs its tuning documents join the early-stopping part)",
    )
    ap.add_argument("--smartdata-sources", default="news,rss,tweet",
                    help="comma-separated SmartData sources to train on (news, rss, tweet)")
    ap.add_argument(
        "--crf-domains", action="store_true",
        help="with --smartdata: train the CRF with a shared and a per-corpus copy of every feature "
        "(GermEval / SmartData) and tag with GermEval's copy (feature augmentation)",
    )
    ap.add_argument(
        "--crf-tag-domain", choices=("ge", "sd"), default="ge",
        help="with --crf-domains: the corpus copy the CRF tags with (GermEval's annotation style by default)",
    )
    ap.add_argument(
        "--crf-stts", action="store_true",
        help="--assemble/--retrain-crf: give the CRF HanTa's part-of-speech tags as features "
        "(pip install hanta; the pipeline gains kb_de_stts, which tags at run time)",
    )
    ap.add_argument(
        "--crf-lex", action="store_true",
        help="--assemble/--retrain-crf: give the CRF word-list features (Wiktionary noun classes from "
        "german-nouns, word frequency from wordfreq; both packages are then needed at run time)",
    )
    ap.add_argument(
        "--stts-embed", action="store_true",
        help="with --char-embed (spaCy runs): also embed HanTa's part-of-speech tag of every token "
        "(pip install hanta; the pipeline gains kb_de_stts)",
    )
    ap.add_argument(
        "--stacker-stts", action="store_true",
        help="--fit-stacker: the stacker also reads HanTa's part-of-speech tags of each candidate span",
    )
    ap.add_argument(
        "--fit-stacker", action="store_true",
        help="fit the vote's stacker on the tuning parts (GermEval's; SmartData's with --smartdata) "
        "for the assembled artefact at --out",
    )
    ap.add_argument(
        "--corpus-flag", action="store_true",
        help="with --smartdata (spaCy runs): embed a per-token corpus flag, SmartData's on its training "
        "sentences, GermEval's (unset) on GermEval's, the tuning parts and at run time",
    )
    ap.add_argument(
        "--tune-on", choices=("both", "germeval"), default="both",
        help="with --smartdata (spaCy runs): early-stop on both tuning parts (default) or on GermEval's "
        "only (the style kb tags in; SmartData's tuning documents are then unused)",
    )
    ap.add_argument(
        "--mention-copies", type=int, default=0, metavar="K",
        help="spaCy tuning runs: add K copies of every training sentence with a PER/ORG name, each name "
        "replaced by another of its type from the same corpus' training part (mention replacement)",
    )
    ap.add_argument("--checkpoint", action="store_true", help="save the pipeline at --out after every new best epoch")
    ap.add_argument(
        "--add-member", type=Path, nargs=2, metavar=("VOTE", "MEMBER"),
        help="no training: copy the assembled artefact VOTE to --out with MEMBER's ner as one more voter",
    )
    ap.add_argument("--min-votes", type=int, default=2, help="votes a span needs (--add-member)")
    ap.add_argument(
        "--add-reading", type=Path, metavar="VOTE",
        help="no training: copy the assembled artefact VOTE to --out with its ner_char read a second time "
        "under SmartData's corpus flag as one more member (then --fit-stacker)",
    )
    ap.add_argument(
        "--silver-gnad", type=Path, nargs="?", const=DEFAULT_GNAD, default=None, metavar="PATH",
        help="--assemble/--retrain-crf/--fit-stacker: self-training; the CRF also learns from the sentences of "
        "10kGNAD (news-corpus/gnad.jsonl; only articles no dev set can hold) all members of --silver-tagger tag "
        "alike, a third corpus under --crf-domains (scripts/de_silver.py). The model becomes CC BY-NC-SA 4.0",
    )
    ap.add_argument("--silver-tagger", type=Path, default=None,
                    help="artefact whose members tag the silver sentences (default: --out before it changes)")
    ap.add_argument("--silver-cache", type=Path, default=None,
                    help="JSON-lines file of the silver sentences: read when it exists, else written")
    ap.add_argument("--silver-every", type=int, default=4,
                    help="keep every Nth agreed sentence without a name (all with one are kept)")
    ap.add_argument("--silver-domain", choices=(SILVER_DOMAIN, "ge"), default=SILVER_DOMAIN,
                    help="the CRF's corpus copy for the silver sentences: their own (default) or GermEval's")
    args = ap.parse_args(argv)
    if args.add_member:
        return add_member(args.add_member[0], args.add_member[1], args.out, args.min_votes)
    if args.add_reading:
        return add_reading(args.add_reading, args.out)
    if args.names:
        if not args.reference.exists() or not args.index.exists():
            print(f"error: {args.reference} or {args.index} not found: pass --reference/--index", file=sys.stderr)
            return 2
        t0 = time.time()
        target = args.out / NAMES_FILE
        counts = build_reference_names(args.reference, args.index, target)
        print(f"reference names: {counts} -> {target} ({target.stat().st_size / 1e6:.1f} MB, {time.time() - t0:.0f}s)")
        return 0
    if not args.data.exists():
        print(f"error: {args.data} not found: pass --data PATH to GermEval 2014 dev.tsv", file=sys.stderr)
        return 2
    silver = silver_part(args) if args.fit_stacker or args.retrain_crf or args.assemble else []
    if args.fit_stacker:
        sd_train, sd_tune = smartdata_parts(args.smartdata, args.smartdata_sources)
        return fit_stacker(args.out, read_germeval(args.data), sd_train, sd_tune, args.stacker_stts, silver,
                           args.silver_domain)
    if args.retrain_crf or args.assemble:
        sd_train, sd_tune = smartdata_parts(args.smartdata, args.smartdata_sources)
        extra = sd_train + (sd_tune if args.crf_data == "all" else [])
    if args.retrain_crf:
        return retrain_crf(args.out, read_germeval(args.data), args.crf_data, args.crf_names, extra, args.crf_domains,
                           args.crf_stts, args.crf_tag_domain, args.crf_lex, silver, args.silver_domain)
    if args.assemble:
        return assemble(args.assemble[0], args.assemble[1], read_germeval(args.data), args.out, args.crf_data,
                        args.crf_names, extra, args.crf_domains, args.crf_stts, args.crf_tag_domain, args.crf_lex,
                        silver, args.silver_domain)
    t0 = time.time()
    sents = read_germeval(args.data)
    first: set[str] = set()
    last: set[str] = set()
    if args.gazetteer and not args.no_gazetteer and args.reference.exists():
        first, last = build_gazetteer(args.reference)
        print(f"gazetteer: {len(first)} first names, {len(last)} surnames ({time.time() - t0:.1f}s)")
    clusters: dict[str, str] = {}
    if args.clusters is None and (MODEL_DIR / "kb_de_features" / "clusters.json.gz").exists():
        args.clusters = MODEL_DIR / "kb_de_features" / "clusters.json.gz"  # the shipped, already-cut table
    if not args.no_clusters:
        if args.clusters is None or not Path(args.clusters).exists():
            print("error: no word clusters: pip install spacy-lookups-data, pass --clusters or --no-clusters", file=sys.stderr)
            return 2
        clusters = load_clusters(Path(args.clusters))
        print(f"clusters: {len(clusters)} words ({time.time() - t0:.1f}s)")
    if args.corpus_flag and not args.smartdata:
        print("error: --corpus-flag needs --smartdata", file=sys.stderr)
        return 2
    if args.stts_embed and not args.char_embed:
        print("error: --stts-embed needs --char-embed", file=sys.stderr)
        return 2
    nlp, feats = build_pipeline(first, last, clusters, args.char_embed, args.corpus_flag, args.stts_embed)
    sd = "sd" if args.corpus_flag else "ge"  # SmartData's training sentences carry its flag
    pool = [s for s in sents if not is_heldout(s.index)]
    extra_train, extra_tune = smartdata_parts(args.smartdata, args.smartdata_sources)
    if args.epochs:  # final fit: everything but the held-back part, fixed epoch count
        train_egs = [make_example(nlp, s, feats) for s in pool]
        train_egs += [make_example(nlp, s, feats, sd) for s in extra_train + extra_tune]
        tune_egs = []
        args.max_epochs, args.patience = args.epochs, args.epochs
    else:
        ge_train = [s for s in pool if not is_tuning(s.index)]
        train_egs = [make_example(nlp, s, feats) for s in ge_train]
        tune_egs = [make_example(nlp, s, feats) for s in pool if is_tuning(s.index)]
        train_egs += [make_example(nlp, s, feats, sd) for s in extra_train]  # SmartData: split by document
        if args.mention_copies:  # each corpus' names in its own sentences, with its own flag
            train_egs += [make_example(nlp, s, feats) for s in mention_replaced(ge_train, args.mention_copies, args.seed)]
            train_egs += [make_example(nlp, s, feats, sd)
                          for s in mention_replaced(extra_train, args.mention_copies, args.seed)]
        if args.tune_on == "both":
            tune_egs += [make_example(nlp, s, feats) for s in extra_tune]  # as at run time: GermEval's flag
    n_held = len(sents) - len(pool)
    print(f"sentences: {len(train_egs)} train, {len(tune_egs)} tuning, {n_held} held back"
          f" (SmartData: {len(extra_train)} train, {len(extra_tune)} tuning)")
    on_best = (lambda epoch: save_checkpoint(nlp, args.out, epoch)) if args.checkpoint else None
    best, epoch = train(nlp, train_egs, tune_egs, args.seed, args.max_epochs, args.patience, on_best)
    nlp.meta.update({"name": "kb_germeval_ner", "version": "0.1.0", "license": "CC BY 4.0"})
    if args.out.exists():
        shutil.rmtree(args.out)
    nlp.to_disk(args.out)
    write_card(args.out, args, len(train_egs), len(tune_egs), n_held, best, epoch, (len(first), len(last)), len(clusters))
    size = sum(p.stat().st_size for p in args.out.rglob("*") if p.is_file())
    print(f"saved {args.out} ({size / 1e6:.1f} MB); epoch {epoch}, tuning F1 {best if tune_egs else 'n/a'}; {time.time() - t0:.0f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
