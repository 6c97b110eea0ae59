"""Evaluate kb's German NER on the held-back ~20 % of GermEval 2014 dev (exact span match).

Why: the German model is trained by kb itself on the other ~80 % (``train_de_ner.py``); this
reports how well it finds names on sentences it never saw, beside two baselines measured in
the same run on the same sentences:

- ``caps``: every run of capitalised tokens that does not start the sentence, labelled PER
  (what a tagger-less heuristic gives; German capitalises every noun, so precision is low);
- ``rules``: the blank pipeline kb falls back to without the artefact (title rule only);
- ``model`` is the artefact as kb loads it (``finish_pipeline``: + ``kb_de_repair``), beside
  ``no-repair`` (without that last component) and ``ner-only`` (also without the title rule);
- ``--compare DIR`` (repeatable): earlier trained pipelines, e.g. the previously shipped
  artefact, scored beside the new one so a retrained model is judged in one run.

Scores: precision / recall / F1 for PER, ORG, PER+ORG (each span must match label and
boundaries; other labels are ignored) and all four types (PER/ORG/LOC/OTH). GermEval's
``*deriv`` and ``*part`` spans are not gold names (see ``kb.extract.de.germeval.LABELS``).
Only the held-back part is read for scoring; the official test split is never used.

SmartData (``../shared/eval/smartdata-de``, when present; ``--smartdata PATH``, ``--no-smartdata``):
the same scores on the held-back ~20 % of SmartData train's news and RSS documents
(``scripts/smartdata_de.py``: sha1 of the document id), printed after GermEval's, with the
rows prefixed ``sd-``. SmartData's withheld test split is never used.

SmartData has documents, and kb reads whole documents: after the sentence-level rows, ``sd-doc``
scores the artefact as kb runs a German document, each sentence parsed on its own and then the
document-level label consistency (``kb.extract.de.consistency``) applied over the sentences of
one document (``sd-doc-types``: its one-type-per-name step only, ``sd-doc-propagate``: its
propagation of organisation names only). GermEval has no documents (sentences only), so its rows
are sentence-level only.

Example: .venv/bin/python scripts/eval_germeval.py --model kb/extract/de/model
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Callable, Iterable

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from kb.extract.de.consistency import (  # noqa: E402
    company_keys, consistent_spans, document_names, majority_labels, propagate,
)
from kb.extract.de.germeval import GermEvalSentence, is_heldout, outer_spans, read_germeval  # noqa: E402
from kb.extract.de.ner import MODEL_DIR, blank_german, finish_pipeline, register_components  # noqa: E402
from kb.settings import SHARED_DIR  # noqa: E402
from smartdata_de import DEFAULT_SMARTDATA, read_smartdata, training_sentences  # noqa: E402

DEFAULT_DATA = SHARED_DIR / "eval" / "germeval2014-de" / "dev.tsv"
Spans = set[tuple[int, int, int, str]]  # (sentence, start token, end token, label)
GROUPS = {"PER": {"PER"}, "ORG": {"ORG"}, "PER+ORG": {"PER", "ORG"}, "all": {"PER", "ORG", "LOC", "OTH"}}


def prf(pred: Spans, gold: Spans, labels: set[str]) -> tuple[float, float, float, int]:
    """Precision, recall, F1 and gold count over spans whose label is in ``labels``."""
    p = {s for s in pred if s[3] in labels}
    g = {s for s in gold if s[3] in labels}
    tp = len(p & g)
    precision = tp / len(p) if p else 0.0
    recall = tp / len(g) if g else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1, len(g)


def gold_spans(sents: Iterable[GermEvalSentence]) -> Spans:
    return {(s.index, a, b, lab) for s in sents for a, b, lab in outer_spans(s.tags)}


def pipeline_spans(nlp, sents: list[GermEvalSentence]) -> Spans:
    """Run every pipeline component on GermEval's own tokenisation (no re-tokenising)."""
    return {(s.index, a, b, lab) for s, spans in zip(sents, sentence_spans(nlp, sents)) for a, b, lab in spans}


def sentence_spans(nlp, sents: list[GermEvalSentence]) -> list[set[tuple[int, int, str]]]:
    """Each sentence's entities, every component run on the sentence's own tokens."""
    from spacy.tokens import Doc

    out = []
    for s in sents:
        doc = Doc(nlp.vocab, words=s.words)
        for _, proc in nlp.pipeline:
            doc = proc(doc)
        out.append({(e.start, e.end, e.label_) for e in doc.ents})
    return out


def document_spans(sents: list, spans: list[set[tuple[int, int, str]]], step: Callable) -> Spans:
    """The sentences' spans after ``step`` (words and spans of one document's sentences -> their new
    spans) applied per SmartData document: as kb runs a German document."""
    groups: dict[str, list[int]] = {}
    for k, s in enumerate(sents):
        groups.setdefault(getattr(s, "doc_id", ""), []).append(k)
    out: Spans = set()
    for members in groups.values():
        new = step([sents[k].words for k in members], [spans[k] for k in members])
        out |= {(sents[k].index, a, b, lab) for k, sent in zip(members, new) for a, b, lab in sent}
    return out


def _types_only(sentences: list[list[str]], spans: list[set[tuple[int, int, str]]]) -> list:
    return majority_labels(sentences, spans, company_keys(sentences, spans))


def _propagation_only(sentences: list[list[str]], spans: list[set[tuple[int, int, str]]]) -> list:
    names = document_names(sentences, spans)
    names.update({key: "ORG" for key in company_keys(sentences, spans)})
    return propagate(sentences, spans, names)


#: The document-level rows: the consistency step and each of its two halves alone.
DOCUMENT_STEPS = {"doc": consistent_spans, "doc-types": _types_only, "doc-propagate": _propagation_only}


def caps_spans(sents: list[GermEvalSentence]) -> Spans:
    """Baseline: maximal runs of capitalised words after the first token, labelled PER."""
    out: Spans = set()
    for s in sents:
        i = 1
        while i < len(s.words):
            if s.words[i][:1].isupper():
                j = i
                while j < len(s.words) and s.words[j][:1].isupper():
                    j += 1
                out.add((s.index, i, j, "PER"))
                i = j
            else:
                i += 1
    return out


def report(name: str, pred: Spans, gold: Spans, show: Callable[[str], None] = print) -> dict[str, float]:
    scores = {}
    for group, labels in GROUPS.items():
        p, r, f, n = prf(pred, gold, labels)
        scores[group] = f
        show(f"{name:8s} {group:8s} P {p:.3f}  R {r:.3f}  F1 {f:.3f}  (gold {n})")
    return scores


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="GermEval 2014 dev.tsv")
    ap.add_argument("--model", type=Path, default=MODEL_DIR, help="trained pipeline directory")
    ap.add_argument(
        "--compare", type=Path, action="append", default=[],
        help="another trained pipeline directory to score in the same run (repeatable)",
    )
    ap.add_argument("--smartdata", type=Path, default=DEFAULT_SMARTDATA, help="SmartData v1-train.json.gz")
    ap.add_argument("--no-smartdata", action="store_true", help="score GermEval's held-back part only")
    args = ap.parse_args(argv)
    if not args.data.exists():
        print(f"skipped: {args.data} not present (../shared is optional)")
        return 0
    held = [s for s in read_germeval(args.data) if is_heldout(s.index)]
    sets = [("", held)]
    if not args.no_smartdata and args.smartdata.exists():
        sets.append(("sd-", training_sentences(read_smartdata(args.smartdata), "heldout")))
    elif not args.no_smartdata:
        print(f"skipped SmartData: {args.smartdata} not present")
    models = None
    for prefix, sents in sets:
        gold = gold_spans(sents)
        what = "SmartData held-back news/RSS" if prefix else "held-back"
        print(f"{what} sentences: {len(sents)}, gold spans: {len(gold)}")
        report(f"{prefix}caps", caps_spans(sents), gold)
        report(f"{prefix}rules", pipeline_spans(blank_german(), sents), gold)
        if not (args.model / "config.cfg").exists():
            print(f"skipped model: {args.model} has no trained pipeline (run scripts/train_de_ner.py)")
            return 0
        models = models or load_models(args.model, args.compare)
        score_models(models, sents, gold, prefix, documents=bool(prefix))
    return 0


def load_models(model: Path, compare: list[Path]) -> list[tuple[str, object]]:
    """(row name, pipeline) for each ``--compare`` pipeline and the artefact as kb loads it."""
    import spacy

    register_components()
    out = []
    for i, other in enumerate(compare, 1):
        if (other / "config.cfg").exists():
            print(f"compare{i}: {other}")
            out.append((f"compare{i}", finish_pipeline(spacy.load(other), model_dir=other)))
        else:
            print(f"skipped compare{i}: {other} has no trained pipeline")
    out.append(("model", finish_pipeline(spacy.load(model), model_dir=model)))  # as kb loads it: with kb_de_repair
    return out


def score_models(models: list[tuple[str, object]], sents: list[GermEvalSentence], gold: Spans, prefix: str,
                 documents: bool = False) -> None:
    """Report every model on ``sents``; the artefact also without kb_de_repair and title rule, and
    with ``documents`` also document by document (``DOCUMENT_STEPS``)."""
    for name, nlp in models:
        per_sentence = sentence_spans(nlp, sents)
        report(prefix + name, {(s.index, a, b, lab) for s, sp in zip(sents, per_sentence) for a, b, lab in sp}, gold)
    if documents:
        for name, step in DOCUMENT_STEPS.items():
            report(prefix + name, document_spans(sents, per_sentence, step), gold)
    nlp = models[-1][1]
    with nlp.select_pipes(disable=["kb_de_repair"]):
        report(prefix + "no-repair", pipeline_spans(nlp, sents), gold)
    with nlp.select_pipes(disable=["kb_de_repair", "kb_de_title_person"]):
        report(prefix + "ner-only", pipeline_spans(nlp, sents), gold)


if __name__ == "__main__":
    raise SystemExit(main())
