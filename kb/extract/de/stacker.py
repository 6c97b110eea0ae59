"""Choosing the German NER's entities among its members' proposals: the 2-of-3 majority vote
and the stacker, a logistic regression that scores each candidate span the members (three,
or four with a second reading of a member) propose and keeps the best non-overlapping ones
above a threshold.

Why: a 2-of-3 vote throws away what the members know about their own confidence. The CRF's
marginal probability of a span, how many members agree on its boundaries and label, its
length and whether kb's reference names list it say more; a regression over these, fitted
on the tuning parts (sentences none of the members was trained on), keeps a well-supported
span one member found and drops a shaky one two members agree on.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from typing import Callable, Optional

from ...errors import ModelError

Span = tuple[int, int, str]
Marginals = list[dict[str, float]]

LABELS = ("PER", "ORG", "LOC", "OTH")


def member_names(n_members: int) -> tuple[str, ...]:
    """Names of the members' vote features, in the order the vote lists them: the stashed NER
    groups, the last NER model, the CRF ("first", "second", "crf" for the three of 0.4.0/0.5.0;
    "first", "second", "third", "crf" with a fourth)."""
    ordinals = ("first", "second", "third", "fourth", "fifth")[: n_members - 1]
    return (*ordinals, "crf")


#: Candidate features from HanTa's part-of-speech tags (``stts``), appended when the stacker
#: was fitted with them: the share of the span's words tagged proper noun (NE) or foreign
#: material (FM), and whether its last word (a German noun phrase's head) is a common noun.
STTS_FEATURES = ("pos_proper_share", "pos_common_head")


def feature_names(n_members: int = 3, stts: bool = False) -> tuple[str, ...]:
    """Names of the candidate features for ``n_members`` members, in order (the fitted weights
    follow this order). With three members they are 0.4.0's and 0.5.0's features exactly;
    ``stts`` appends ``STTS_FEATURES``."""
    return (
        "bias", *(f"vote_{m}" for m in member_names(n_members)),
        *(f"votes_{k}" for k in range(2, n_members + 1)), "same_boundaries", "overlapping",
        "crf_marginal", "crf_log_marginal",
        *(f"label_{lab}" for lab in LABELS),
        *(f"marginal_{lab}" for lab in LABELS),
        *(f"votes_{lab}" for lab in LABELS),
        "one_token", "three_plus_tokens", "sentence_start", "reference_same_kind", "reference_other_kind", "acronym",
        *(STTS_FEATURES if stts else ()),
    )


#: The three-member features (``feature_names(3)``).
FEATURES = feature_names(3)


def majority_vote(votes: list[set[Span]], min_votes: int) -> list[Span]:
    """Spans proposed (same boundaries and label) by at least ``min_votes`` systems.

    Overlaps are resolved by vote count, then by position, so the result is a valid doc.ents.
    """
    counts = Counter(span for vote in votes for span in vote)
    ranked = sorted((s for s, n in counts.items() if n >= min_votes), key=lambda s: (-counts[s], s))
    chosen: list[Span] = []
    taken: set[int] = set()
    for start, end, label in ranked:
        if not taken.intersection(range(start, end)):
            chosen.append((start, end, label))
            taken.update(range(start, end))
    return sorted(chosen)


def span_marginal(marginals: Optional[Marginals], start: int, end: int, label: str) -> float:
    """The CRF's lowest token marginal along the span's B-/I- tags and the tag after it ending
    the span: a cheap lower bound on the span's probability."""
    if not marginals:
        return 0.0
    probs = [marginals[start].get("B-" + label, 0.0)]
    probs += [marginals[t].get("I-" + label, 0.0) for t in range(start + 1, end)]
    if end < len(marginals):
        probs.append(1.0 - marginals[end].get("I-" + label, 0.0))
    return min(probs)


def candidate_features(votes: list[set[Span]], marginals: Optional[Marginals], words: list[str],
                       kind: Callable[[str], Optional[str]],
                       stts: Optional[list[str]] = None) -> list[tuple[Span, list[float]]]:
    """Every span any member (the NER models, then the CRF last) proposes, with its features
    (``feature_names(len(votes), stts is not None)``); ``kind`` gives a text's reference-name
    kind or None; ``stts`` HanTa's STTS tag per word."""
    out = []
    k = len(votes)
    for start, end, label in sorted(set().union(*votes)):
        own = [float((start, end, label) in vote) for vote in votes]
        n = sum(own)
        same = sum(any(s[:2] == (start, end) for s in vote) for vote in votes) / k
        over = sum(any(s[0] < end and start < s[1] and s[:2] != (start, end) for s in vote) for vote in votes) / k
        m = span_marginal(marginals, start, end, label)
        ref = kind(" ".join(words[start:end]))
        x = [1.0, *own, *(float(n == j) for j in range(2, k + 1)), same, over, m, math.log(m + 1e-4) / 9]
        x += [float(label == lab) for lab in LABELS]
        x += [m * (label == lab) for lab in LABELS]
        x += [n / k * (label == lab) for lab in LABELS]
        x += [float(end - start == 1), float(end - start >= 3), float(start == 0), float(ref == label),
              float(ref is not None and ref != label), float(words[start].isupper() and len(words[start]) > 1)]
        if stts is not None:
            tags = stts[start:end]
            x += [sum(t in ("NE", "FM") for t in tags) / len(tags), float(tags[-1].startswith("NN"))]
        out.append(((start, end, label), x))
    return out


@dataclass
class SpanStacker:
    """Fitted weights over ``FEATURES``, the probability a span needs to be kept, and whether
    spans 2 of the 3 members agree on still fill the tokens no kept span covers.

    Why ``keep_majority``: the regression is fitted on ~1k candidate spans; it learnt to doubt
    one-word names a member labels differently ("erinnerte sich Rutte": two members say LOC,
    the CRF PER), and dropping such a name loses the mention a rule needs. Keeping the
    majority's span where the stacker keeps nothing is never worse than the plain vote there
    (tuning parts, PER+ORG F1: GermEval 0.675 -> 0.707, SmartData 0.490 -> 0.492).
    """

    weights: list[float]
    threshold: float
    keep_majority: bool = False
    #: how many members' proposals it was fitted on (the vote features' count)
    members: int = 3
    #: fitted with HanTa's part-of-speech features (``STTS_FEATURES``)
    stts: bool = False

    def probability(self, x: list[float]) -> float:
        z = sum(w * v for w, v in zip(self.weights, x))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def choose(self, votes: list[set[Span]], marginals: Optional[Marginals], words: list[str],
               kind: Callable[[str], Optional[str]], stts: Optional[list[str]] = None) -> list[Span]:
        """The entities among the members' proposals (``select`` over ``candidate_features``);
        ``stts``: HanTa's tags of the words, needed when the stacker was fitted with them."""
        if self.stts and stts is None:
            raise ModelError("the German stacker reads part-of-speech tags: the pipeline needs kb_de_stts before "
                             "kb_de_vote (rebuild it with scripts/train_de_ner.py)")
        return self.select(candidate_features(votes, marginals, words, kind, stts if self.stts else None))

    def select(self, candidates: list[tuple[Span, list[float]]]) -> list[Span]:
        """Non-overlapping candidates at or above the threshold, most probable first; then,
        with ``keep_majority``, the spans 2 or more members agree on where nothing was kept
        (ranked as ``majority_vote`` ranks them)."""
        scored = sorted(((self.probability(x), span) for span, x in candidates), key=lambda t: (-t[0], t[1]))
        chosen: list[Span] = []
        taken: set[int] = set()
        for p, (start, end, label) in scored:
            if p >= self.threshold and not taken.intersection(range(start, end)):
                chosen.append((start, end, label))
                taken.update(range(start, end))
        if self.keep_majority:
            n_votes = {span: sum(x[1:1 + self.members]) for span, x in candidates}
            for start, end, label in sorted((s for s, n in n_votes.items() if n >= 2), key=lambda s: (-n_votes[s], s)):
                if not taken.intersection(range(start, end)):
                    chosen.append((start, end, label))
                    taken.update(range(start, end))
        return sorted(chosen)

    def to_json(self) -> dict:
        data = {"features": list(feature_names(self.members, self.stts)), "weights": self.weights, "threshold": self.threshold,
                "keep_majority": self.keep_majority}
        if self.members != 3:
            data["members"] = self.members
        return data

    @classmethod
    def from_json(cls, data: Optional[dict]) -> Optional["SpanStacker"]:
        """The stacker saved by ``to_json``; None when absent or fitted on other features."""
        members = int(data.get("members", 3)) if data else 3
        stts = bool(data) and STTS_FEATURES[0] in data.get("features", [])  # type: ignore[union-attr]
        names = feature_names(members, stts)
        if not data or list(data.get("features", [])) != list(names) or len(data.get("weights", [])) != len(names):
            return None
        return cls([float(w) for w in data["weights"]], float(data["threshold"]), bool(data.get("keep_majority")),
                   members, stts)


def fit_logistic(rows: list[list[float]], labels: list[bool], sample_weights: list[float], l2: float = 1.0,
                 iterations: int = 3000, rate: float = 0.5) -> list[float]:
    """L2-regularised logistic regression by full-batch gradient descent (numpy; deterministic:
    no random start, a fixed number of steps). Small on purpose: ~20 features, a few thousand rows."""
    import numpy as np

    X = np.array(rows, dtype=float)
    y = np.array(labels, dtype=float)
    w = np.array(sample_weights, dtype=float)
    beta = np.zeros(X.shape[1])
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-(X @ beta)))
        beta -= rate * (X.T @ ((p - y) * w) + l2 * beta) / w.sum()
    return [float(b) for b in beta]
