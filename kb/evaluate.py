"""Score kb's facts against a gold file with the matching rules of GOLD-FORMAT.md (version 1).

- Persons match by QID when both sides have one, else by normalised name (case, accents,
  hyphens and a leading title removed); a surname alone matches the full name in the same doc.
- Organisations match by QID when both sides have one, else by normalised name or a gold alias.
- Tenures match on (person, role): the role matches when, normalised, it equals the gold role or
  an alias, or contains one of them as whole words. Matched tenures are scored field by field
  (org, start, end, status, ordinal); a full tenure is right when person, role, org, start and
  end all are.
Matching is one-to-one (each gold item takes at most one prediction) and optimal: as many pairs
as possible, then the strongest (a prediction that also has the gold's org and dates is preferred
over one that only matches person and role); documents by ``id``.

Strict link precision judges every kb link on a matched entity against the gold QID. When the
gold's QIDs were looked up in one reference file only (news-tenures: the politicians subset), a
link to an entry of another file (an organisation of ``wikidata-orgs``) cannot be judged: the
gold says null because it never saw that entry. ``judged_qids`` (the QIDs of that file) adds a
second, separately labelled row that judges only the links it can, and lists the others.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Optional

from .errors import EvaluationError

TITLES = (
    "mr", "mrs", "ms", "dr", "prof", "sir", "dame", "lord", "lady", "baroness", "baron", "president", "prime minister", "chancellor",
    "minister", "secretary general", "general", "senator", "governor", "king", "queen", "pope",
    "herr", "frau", "bundeskanzler", "bundeskanzlerin", "präsident", "prasident",
)


def norm(text: Optional[str]) -> str:
    """Lower case, accents folded, hyphens and punctuation as spaces, leading 'the' dropped."""
    if not text:
        return ""
    t = unicodedata.normalize("NFKD", text)
    t = "".join(c for c in t if not unicodedata.combining(c)).replace("ß", "ss").casefold()
    t = re.sub(r"[’'`]s\b", "s", t)
    t = re.sub(r"[^\w]+", " ", t).strip()
    t = re.sub(r"^the ", "", t)
    return t


def norm_person(name: Optional[str]) -> str:
    t = norm(name)
    for title in sorted(TITLES, key=len, reverse=True):
        if t.startswith(title + " ") and len(t) > len(title) + 1:
            t = t[len(title) + 1 :]
            break
    return t


def person_match(pred: dict, gold: dict) -> int:
    """2: QID or full name match; 1: surname-only match; 0: no match."""
    pq, gq = pred.get("qid") or pred.get("person_qid"), gold.get("qid") or gold.get("person_qid")
    if pq and gq:
        return 2 if pq == gq else 0
    pn = norm_person(pred.get("name") or pred.get("person"))
    gn = norm_person(gold.get("name") or gold.get("person"))
    if not pn or not gn:
        return 0
    if pn == gn:
        return 2
    ptoks, gtoks = pn.split(), gn.split()
    if (len(ptoks) == 1 and ptoks[0] == gtoks[-1]) or (len(gtoks) == 1 and gtoks[0] == ptoks[-1]):
        return 1
    return 0


def org_match(pred_name: Optional[str], pred_qid: Optional[str], gold: dict) -> bool:
    if pred_qid and gold.get("qid"):
        return pred_qid == gold["qid"]
    names = {norm(gold.get("name"))} | {norm(a) for a in gold.get("aliases") or []}
    return norm(pred_name) in names - {""}


def org_strength(pred: dict, gold: dict) -> int:
    """How well a predicted organisation matches a gold one (0 = not at all): the same QID or the
    gold's own name beats an alias. Why: "SPÖ", "Salzburger SPÖ" and "Grazer SPÖ" may all match
    a gold SPÖ that lists the branches as aliases; the pairing must take the SPÖ itself, not
    whichever the list order happens to offer first."""
    if not org_match(pred.get("name"), pred.get("qid"), gold):
        return 0
    if pred.get("qid") and pred.get("qid") == gold.get("qid"):
        return 3
    return 2 if norm(pred.get("name")) == norm(gold.get("name")) else 1


def role_match(pred_role: Optional[str], gold: dict) -> bool:
    pr = norm(pred_role)
    if not pr:
        return False
    for alias in [gold.get("role")] + list(gold.get("role_aliases") or []):
        a = norm(alias)
        if a and (pr == a or re.search(rf"(^| ){re.escape(a)}( |$)", pr)):
            return True
    return False


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


@dataclass
class Accuracy:
    right: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.total += 1
        self.right += int(ok)

    @property
    def value(self) -> float:
        return self.right / self.total if self.total else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {"right": self.right, "total": self.total, "accuracy": round(self.value, 4)}


@dataclass
class LinkScore:
    """Strict link precision: every kb link on a matched entity is judged against the gold QID.

    The dev gold looked every entity up in the reference, so a gold ``qid`` of null means "not
    in the reference": a kb link there is wrong. Recall counts every gold entity with a QID
    (also those the extraction missed)."""

    right: int = 0
    linked: int = 0  # kb links on matched entities
    gold: int = 0  # gold entities with a QID

    @property
    def precision(self) -> float:
        return self.right / self.linked if self.linked else 0.0

    @property
    def recall(self) -> float:
        return self.right / self.gold if self.gold else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {"right": self.right, "linked": self.linked, "gold": self.gold,
                "precision": round(self.precision, 4), "recall": round(self.recall, 4)}


def reference_qids(path: str | Path) -> frozenset[str]:
    """The QIDs of a reference dump file (the one the gold's QIDs were checked against)."""
    from .link.reference import ImportReport, iter_entities

    return frozenset(e["id"] for e in iter_entities(Path(path), ImportReport()))


@dataclass
class Report:
    scores: dict[str, Score] = field(default_factory=lambda: {k: Score() for k in ("persons", "organizations", "tenures", "full_tenures")})
    accuracy: dict[str, Accuracy] = field(default_factory=dict)
    links: dict[str, LinkScore] = field(default_factory=lambda: {k: LinkScore() for k in ("person", "organization")})
    #: the same, judging only links the gold could judge (``judged_qids`` given): a link to a
    #: QID of the gold's reference, or on an entity whose gold QID is set
    judged_links: dict[str, LinkScore] = field(default_factory=dict)
    #: links to entries outside the gold's reference where the gold QID is null: for a person
    #: to judge by hand
    unjudged_links: list[str] = field(default_factory=list)
    wrong_links: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)
    documents: int = 0
    missing_documents: list[str] = field(default_factory=list)

    def acc(self, name: str) -> Accuracy:
        return self.accuracy.setdefault(name, Accuracy())

    def as_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "missing_documents": self.missing_documents,
            "scores": {k: v.as_dict() for k, v in self.scores.items()},
            "accuracy": {k: v.as_dict() for k, v in self.accuracy.items()},
            "strict_links": {k: v.as_dict() for k, v in self.links.items()},
            **({"strict_links_judged": {k: v.as_dict() for k, v in self.judged_links.items()},
                "unjudged_links": self.unjudged_links} if self.judged_links else {}),
            "wrong_links": self.wrong_links,
            "misses": self.misses,
            "spurious": self.spurious,
        }


def _match(golds: list[dict], preds: list[dict], fn) -> list[tuple[dict, Optional[dict]]]:
    """One-to-one matching that pairs as many items as possible and, among those pairings, the
    strongest: ``fn`` returns a strength (0 = no match).

    Why not greedy: taking, gold by gold, the first prediction of the best strength lets an
    early gold item take a prediction a later one needed (a party "member" tenure taking the
    gold "member of parliament" and leaving the MP tenure spurious), so a scorer's figures
    would depend on list order. A maximum-cardinality, maximum-weight bipartite matching
    (networkx, exact) does not."""
    import networkx as nx

    graph = nx.Graph()
    for gi, g in enumerate(golds):
        for pi, p in enumerate(preds):
            strength = fn(p, g)
            if strength > 0:
                graph.add_edge(("g", gi), ("p", pi), weight=strength)
    partner: dict[int, int] = {}
    for a, b in nx.max_weight_matching(graph, maxcardinality=True):
        (_, gi), (_, pi) = (a, b) if a[0] == "g" else (b, a)
        partner[gi] = pi
    return [(g, preds[partner[gi]] if gi in partner else None) for gi, g in enumerate(golds)]


def _unlinked(item: dict) -> dict:
    return {k: v for k, v in item.items() if k not in ("qid", "person_qid")}


def _judge_links(doc: str, kind: str, golds: list[dict], preds: list[dict], match, report: Report,
                 judged_qids: Optional[frozenset[str]] = None) -> None:
    """Strict link precision: pair entities by name alone (a wrong QID must not unpair them),
    then judge every kb link against the gold QID (null gold QID: the link is wrong).

    With ``judged_qids``, the judged row counts a link only when the gold could judge it: its
    QID is one of the gold's reference, or the gold gives a QID (then any other is wrong)."""
    links = report.links[kind]
    judged = report.judged_links.setdefault(kind, LinkScore()) if judged_qids is not None else None
    n_gold = sum(1 for g in golds if g.get("qid"))
    links.gold += n_gold
    if judged is not None:
        judged.gold += n_gold
    plain = [_unlinked(p) for p in preds]
    position = {id(x): i for i, x in enumerate(plain)}
    # _match returns one pair per gold item, in the gold order
    for gold, (_, p) in zip(golds, _match([_unlinked(g) for g in golds], plain, match)):
        if p is None:
            continue
        pred = preds[position[id(p)]]
        if not pred.get("qid"):
            continue
        links.linked += 1
        right = pred["qid"] == gold.get("qid")
        if judged is not None:
            if gold.get("qid") or pred["qid"] in judged_qids:
                judged.linked += 1
                judged.right += int(right)
            else:
                report.unjudged_links.append(f"{doc}: {kind} {gold['name']!r} -> {pred['qid']} ({pred.get('name')!r}; "
                                             "gold null, the QID is not in the gold's reference)")
        if right:
            links.right += 1
        else:
            report.wrong_links.append(f"{doc}: {kind} {gold['name']!r} -> {pred['qid']} ({pred.get('name')!r}; "
                                      f"gold {gold.get('qid')})")


def _score_entities(doc: str, kind: str, golds: list[dict], preds: list[dict], match, report: Report,
                    judged_qids: Optional[frozenset[str]] = None):
    """Match one document's persons or organisations; count tp/fp/fn; return matched pairs."""
    _judge_links(doc, kind, golds, preds, match, report, judged_qids)
    pairs = _match(golds, preds, match)
    matched_ids = {id(p) for _, p in pairs if p is not None}
    s = report.scores[f"{kind}s" if kind == "person" else "organizations"]
    for g, p in pairs:
        if p is None:
            s.fn += 1
            report.misses.append(f"{doc}: {kind} {g['name']}")
            continue
        s.tp += 1
        if g.get("qid"):
            report.acc(f"{kind}_link").add(p.get("qid") == g["qid"])
    for p in preds:
        if id(p) not in matched_ids:
            s.fp += 1
            report.spurious.append(f"{doc}: {kind} {p.get('name')}")
    return [(g, p) for g, p in pairs if p is not None]


def evaluate_document(gold: dict, pred: dict, report: Report, judged_qids: Optional[frozenset[str]] = None) -> None:
    doc = gold["id"]
    for g, p in _score_entities(doc, "person", gold["persons"], pred.get("persons", []), person_match, report,
                                judged_qids):
        if g.get("birth_date"):
            report.acc("birth_date").add(p.get("birth_date") == g["birth_date"])
    _score_entities(doc, "organization", gold["organizations"], pred.get("organizations", []), org_strength,
                    report, judged_qids)
    gold_orgs = gold["organizations"]
    pairs = pair_tenures(gold, pred)
    matched_preds = [p for _, p in pairs if p is not None]
    s, full = report.scores["tenures"], report.scores["full_tenures"]
    for g, p in pairs:
        label = f"{doc}: tenure {g['person']} / {g['role']} / {g.get('org')}"
        if p is None:
            s.fn += 1
            full.fn += 1
            report.misses.append(label)
            continue
        s.tp += 1
        org_ok = tenure_org_ok(p, g, gold_orgs)
        start_ok = p.get("start") == g.get("start")
        end_ok = p.get("end") == g.get("end")
        report.acc("tenure_org").add(org_ok)
        report.acc("tenure_start").add(start_ok)
        report.acc("tenure_end").add(end_ok)
        report.acc("tenure_status").add(p.get("status") == g.get("status"))
        report.acc("tenure_ordinal").add(p.get("ordinal") == g.get("ordinal"))
        if g.get("position_qid"):
            report.acc("position_link").add(p.get("position_qid") == g["position_qid"])
        if org_ok and start_ok and end_ok:
            full.tp += 1
        else:
            full.fn += 1
            full.fp += 1
            report.misses.append(
                f"{label}: predicted org={p.get('org')!r} start={p.get('start')!r} end={p.get('end')!r} "
                f"(gold start={g.get('start')!r} end={g.get('end')!r})"
            )
    for p in pred.get("tenures", []):
        if not any(p is m for m in matched_preds):
            s.fp += 1
            full.fp += 1
            report.spurious.append(f"{doc}: tenure {p.get('person')} / {p.get('role')} / {p.get('org')}")


def tenure_strength(p: dict, g: dict, gold_orgs: list[dict]) -> int:
    """How well predicted tenure ``p`` matches gold tenure ``g`` (0 = no match). Person and role
    decide whether two tenures match (as GOLD-FORMAT.md says); among matching predictions, one
    that also has the gold's exact role, org, dates and status is the better partner (weights
    below 100 only break ties between equal matches)."""
    if not role_match(p.get("role"), g):
        return 0
    person = person_match({"name": p.get("person"), "qid": p.get("person_qid")},
                          {"name": g.get("person"), "qid": g.get("person_qid")})
    if not person:
        return 0
    exact_role = norm(p.get("role")) in {norm(r) for r in [g.get("role"), *(g.get("role_aliases") or [])]}
    return (person * 100 + 16 * tenure_org_ok(p, g, gold_orgs) + 8 * exact_role
            + 4 * (p.get("start") == g.get("start")) + 2 * (p.get("end") == g.get("end"))
            + (p.get("status") == g.get("status")))


def pair_tenures(gold: dict, pred: dict) -> list[tuple[dict, Optional[dict]]]:
    """One document's gold tenures, each with its predicted partner or None (``_match``)."""
    return _match(gold["tenures"], pred.get("tenures", []),
                  lambda p, g: tenure_strength(p, g, gold["organizations"]))


def tenure_org_ok(pred: dict, gold: dict, gold_orgs: list[dict]) -> bool:
    if gold.get("org") is None:
        return pred.get("org") is None
    target = next((o for o in gold_orgs if o["name"] == gold["org"]), {"name": gold["org"], "qid": gold.get("org_qid")})
    return org_match(pred.get("org"), pred.get("org_qid"), target)


def read_jsonl(path: str | Path) -> list[dict]:
    out = []
    try:
        with open(path, encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    out.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise EvaluationError(f"{path}:{n} is not valid JSON ({exc.msg}): fix or remove that line") from exc
    except OSError as exc:
        raise EvaluationError(f"cannot read {path}: {exc.strerror}; check the path") from exc
    return out


def evaluate(gold: Iterable[dict], predictions: Iterable[dict],
             judged_qids: Optional[frozenset[str]] = None) -> Report:
    """Score predictions against gold; ``judged_qids``: the QIDs of the reference the gold's
    QIDs were looked up in (adds the judged strict-links row, see the module docstring)."""
    report = Report()
    preds = {p["id"]: p for p in predictions}
    for g in gold:
        for key in ("id", "persons", "organizations", "tenures"):
            if key not in g:
                raise EvaluationError(f"gold record lacks {key!r}: see GOLD-FORMAT.md")
        report.documents += 1
        pred = preds.get(g["id"])
        if pred is None:
            report.missing_documents.append(g["id"])
            pred = {"persons": [], "organizations": [], "tenures": []}
        evaluate_document(g, pred, report, judged_qids)
    return report


def format_report(report: Report, verbose: bool = False) -> str:
    lines = [f"documents: {report.documents}" + (f" (not in predictions: {', '.join(report.missing_documents)})" if report.missing_documents else "")]
    lines.append(f"{'category':<16}{'P':>8}{'R':>8}{'F1':>8}{'tp':>6}{'fp':>6}{'fn':>6}")
    for name, s in report.scores.items():
        lines.append(f"{name:<16}{s.precision:>8.3f}{s.recall:>8.3f}{s.f1:>8.3f}{s.tp:>6}{s.fp:>6}{s.fn:>6}")
    lines.append(f"{'accuracy':<20}{'value':>8}{'right':>7}{'total':>7}")
    for name, a in report.accuracy.items():
        lines.append(f"{name:<20}{a.value:>8.3f}{a.right:>7}{a.total:>7}")
    lines.append(f"{'strict links':<20}{'P':>8}{'R':>8}{'right':>7}{'linked':>7}{'gold':>6}")
    for name, k in report.links.items():
        lines.append(f"{name:<20}{k.precision:>8.3f}{k.recall:>8.3f}{k.right:>7}{k.linked:>7}{k.gold:>6}")
    if report.judged_links:
        lines.append(f"{'strict links judged':<20}{'P':>8}{'R':>8}{'right':>7}{'linked':>7}{'gold':>6}"
                     "   (only links the gold can judge: QID in the gold's reference, or gold QID set)")
        for name, k in report.judged_links.items():
            label = f"{name} judged"
            lines.append(f"{label:<20}{k.precision:>8.3f}{k.recall:>8.3f}{k.right:>7}{k.linked:>7}{k.gold:>6}")
        lines.append(f"  not judgeable: {len(report.unjudged_links)} links to entries outside the gold's reference")
    if verbose:
        lines.append("wrong links (matched entities whose kb QID is not the gold QID):")
        lines.extend(f"  x {w}" for w in report.wrong_links)
        if report.judged_links:
            lines.append("not judgeable (the gold's reference lacks the QID; judge by hand):")
            lines.extend(f"  ? {w}" for w in report.unjudged_links)
        lines.append("misses:")
        lines.extend(f"  - {m}" for m in report.misses)
        lines.append("spurious:")
        lines.extend(f"  + {m}" for m in report.spurious)
    return "\n".join(lines)
