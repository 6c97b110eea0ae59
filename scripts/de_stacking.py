"""Fitting the German vote's stacker (``kb.extract.de.stacker``) on the tuning parts.

Why a separate step: the stacker must learn from member predictions on sentences none of the
members was trained on. The spaCy members never saw the tuning parts (they only chose their
epoch there; a member trained with ``--smartdata`` saw SmartData's training part only); the vote's CRF is trained on every non-held-back sentence,
so for this step a temporary CRF with the same options is trained on the training parts only.
Settings (L2 strength, SmartData's sample weight, threshold, keeping the majority's spans) are chosen by 2-fold cross-
validation on the tuning parts (folds: sentence index parity), summing PER+ORG F1 of GermEval's
and SmartData's tuning parts. Deterministic: no random state anywhere.
"""

from __future__ import annotations

import sys
from itertools import product
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from kb.extract.de.germeval import GermEvalSentence, outer_spans  # noqa: E402
from kb.extract.de.names import reference_names, split_possessives  # noqa: E402
from kb.extract.de.stts import doc_tags  # noqa: E402
from kb.extract.de.stacker import SpanStacker, candidate_features, fit_logistic  # noqa: E402

GRID_L2 = (1.0, 5.0, 20.0)
GRID_SD_WEIGHT = (0.3, 1.0)
GRID_THRESHOLD = (0.2, 0.3, 0.4, 0.5)
GRID_KEEP_MAJORITY = (False, True)
SCORED = ("PER", "ORG")


def member_votes(nlp, vote, words: list[str]):
    """The members' spans (the stashed NER groups, the last NER, the CRF), the CRF's marginals
    and HanTa's tags (None without ``kb_de_stts``)."""
    from spacy.tokens import Doc

    doc = Doc(nlp.vocab, words=words)
    for name, proc in nlp.pipeline:
        if name == "kb_de_vote":
            break
        doc = proc(doc)
    votes = [{(s.start, s.end, s.label_) for s in doc.spans.get(g, [])} for g in vote.groups]
    votes.append({(e.start, e.end, e.label_) for e in doc.ents})
    crf, marginals = vote.crf_tag(words, marginals=True, stts=doc_tags(doc))
    votes.append(crf)
    return split_possessives(votes, words), marginals, doc_tags(doc)


def candidate_rows(nlp, vote, sents: list[GermEvalSentence], part: str, stts: bool = False) -> list[dict]:
    """One row per candidate span: part, sentence index, span, features (with ``stts`` also
    ``stacker.STTS_FEATURES``), whether it is gold."""
    kind = reference_names(vote.names_path).kind
    rows = []
    for sent in sents:
        votes, marginals, tags = member_votes(nlp, vote, sent.words)
        gold = set(outer_spans(sent.tags))
        for span, x in candidate_features(votes, marginals, sent.words, kind, tags if stts else None):
            rows.append({"part": part, "sent": sent.index, "span": span, "x": x, "gold": span in gold})
    return rows


def f1_by_part(rows: list[dict], stacker: SpanStacker, golds: dict[str, dict[int, set]]) -> dict[str, float]:
    """PER+ORG F1 per part of the spans ``stacker`` keeps among ``rows`` (scored against all gold)."""
    by_sent: dict[tuple[str, int], list] = {}
    for r in rows:
        by_sent.setdefault((r["part"], r["sent"]), []).append((r["span"], r["x"]))
    out = {}
    for part, gold in golds.items():
        tp = fp = fn = 0
        for sent, spans in gold.items():
            pred = {s for s in stacker.select(by_sent.get((part, sent), [])) if s[2] in SCORED}
            g = {s for s in spans if s[2] in SCORED}
            tp, fp, fn = tp + len(pred & g), fp + len(pred - g), fn + len(g - pred)
        out[part] = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return out


def fit(rows: list[dict], l2: float, sd_weight: float) -> list[float]:
    weights = [sd_weight if r["part"] == "sd" else 1.0 for r in rows]
    return fit_logistic([r["x"] for r in rows], [r["gold"] for r in rows], weights, l2=l2)


def choose_and_fit(rows: list[dict], golds: dict[str, dict[int, set]], members: int = 3,
                   stts: bool = False) -> tuple[SpanStacker, dict]:
    """2-fold cross-validation over the grid, then a fit on all rows with the best setting
    (``members``: how many members proposed the rows' candidates)."""
    best: tuple[float, tuple] = (-1.0, ())
    for l2, sd_weight in product(GRID_L2, GRID_SD_WEIGHT):
        folds = []
        for fold in (0, 1):
            train = [r for r in rows if r["sent"] % 2 != fold]
            test = [r for r in rows if r["sent"] % 2 == fold]
            part_golds = {p: {i: g for i, g in gold.items() if i % 2 == fold} for p, gold in golds.items()}
            folds.append((fit(train, l2, sd_weight), test, part_golds))
        for threshold, keep_majority in product(GRID_THRESHOLD, GRID_KEEP_MAJORITY):
            scores: dict[str, float] = {}
            for weights, test, part_golds in folds:
                stacker = SpanStacker(weights, threshold, keep_majority, members, stts)
                for part, f in f1_by_part(test, stacker, part_golds).items():
                    scores[part] = scores.get(part, 0.0) + f / 2
            total = sum(scores.values())
            print(f"  l2 {l2:4.1f} sd-weight {sd_weight:.1f} threshold {threshold:.1f} keep-majority "
                  f"{keep_majority!s:5}: " + ", ".join(f"{p} {f:.3f}" for p, f in sorted(scores.items())), flush=True)
            if total > best[0]:
                best = (total, (l2, sd_weight, threshold, keep_majority))
    l2, sd_weight, threshold, keep_majority = best[1]
    stacker = SpanStacker(fit(rows, l2, sd_weight), threshold, keep_majority, members, stts)
    return stacker, {"l2": l2, "sd_weight": sd_weight, "threshold": threshold, "keep_majority": keep_majority}
