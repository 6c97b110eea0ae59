"""Evaluate kb.extract.dates on gold TIMEX3 values (MEANTIME English) and GUM dates.

Usage: python scripts/eval_timex.py [MEANTIME_DIR] [--gum GUM_DIR] [--errors] [--dateparser]

MEANTIME: for every gold TIMEX3 of type DATE that has a text extent (the document creation time
excluded), ``normalise(text, anchor=DCT)`` is compared with the gold value. Gold values kb cannot
represent (weeks "2007-W12", quarters "2009-Q1", seasons, "PRESENT_REF", decades "197",
"XXXX-09-10") are counted and reported on their own; accuracy is given on the representable ones
and over all. Coverage = share of gold for which normalise returned anything. A baseline (a
plain 4-digit-year regex) is measured in the same run. A second table scores ``find_dates`` on
the running text of each document's annotated sentences (MEANTIME annotates the first six or
so; relaxed overlap with gold DATE extents), which is what the extractor really sees: it shows
false alarms on counts, prices and durations.

GUM (news, interviews, biographies): ``<date when="...">`` elements in xml/*.xml, anchored on the
``dateCreated`` of the document's ``<text>``; from/to intervals are not scored.

Exits 0 with "skipped: <why>" when the data is absent. MEANTIME's stock-market sub-corpus is
withheld for independent testing and is not read here.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kb.extract.dates import find_dates, normalise  # noqa: E402
from kb.settings import SHARED_DIR  # noqa: E402

REPRESENTABLE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
PRECISION = {4: "year", 7: "month", 10: "day"}


@dataclass
class Gold:
    text: str
    value: str
    anchor: Optional[str]
    start: int = -1  # offsets in the detokenised document text
    end: int = -1


@dataclass
class Doc:
    name: str
    text: str
    anchor: Optional[str]
    dates: list[Gold] = field(default_factory=list)
    other_timex: list[tuple[int, int]] = field(default_factory=list)  # DURATION/SET/TIME
    dct: Optional[Gold] = None  # the dateline, scored as a date in running text only


_NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", "%", ")", "]", "'s", "n't", "'"}


def _detokenise(tokens: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """Join tokens as written text ("April 27 , 2005" -> "April 27, 2005"), with offsets."""
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    prev = ""
    for tok in tokens:
        if out and tok not in _NO_SPACE_BEFORE and prev not in ("(", "[", "$"):
            out.append(" ")
            pos += 1
        spans.append((pos, pos + len(tok)))
        out.append(tok)
        pos += len(tok)
        prev = tok
    return "".join(out), spans


def _valid_anchor(value: Optional[str]) -> Optional[str]:
    return value if value and re.match(r"^\d{4}-\d{2}-\d{2}$", value) else None


def _annotated_sentences(tree) -> set[int]:
    """MEANTIME annotates only the first sentences of each article: score only those."""
    sentence_of = {t.get("t_id"): int(t.get("sentence", "0")) for t in tree.iter("token")}
    markables = tree.find("Markables")
    if markables is None:
        return set(sentence_of.values())
    return {sentence_of[a.get("t_id")] for a in markables.iter("token_anchor")
            if a.get("t_id") in sentence_of}


def load_meantime(root: Path) -> list[Doc]:
    """MEANTIME CAT XML documents with their DCT and gold DATE timexes."""
    from lxml import etree

    layer = root / "intra-doc_annotation"
    files = sorted((layer if layer.exists() else root).glob("**/*.xml"))
    docs = []
    for f in files:
        tree = etree.parse(str(f))
        annotated = _annotated_sentences(tree)
        ids, toks = [], []
        for t in tree.iter("token"):
            if int(t.get("sentence", "0")) in annotated:
                ids.append(t.get("t_id"))
                toks.append(t.text or "")
        text, spans = _detokenise(toks)
        index = {tid: i for i, tid in enumerate(ids)}
        doc = Doc(f.stem, text, None)
        pending = []
        for tx in tree.iter("TIMEX3"):
            anchors = [index[a.get("t_id")] for a in tx.findall("token_anchor")
                       if a.get("t_id") in index]
            if anchors:
                s, e = spans[min(anchors)][0], spans[max(anchors)][1]
            if tx.get("functionInDocument") == "CREATION_TIME":
                doc.anchor = _valid_anchor(tx.get("value"))
                if anchors:  # the dateline is a date in the text too
                    doc.dct = Gold(text[s:e], tx.get("value"), None, s, e)
                continue
            if not anchors:
                continue
            if tx.get("type") == "DATE" and tx.get("value"):
                pending.append(Gold(text[s:e], tx.get("value"), None, s, e))
            else:
                doc.other_timex.append((s, e))
        for g in pending:
            g.anchor = doc.anchor
        doc.dates = pending
        docs.append(doc)
    return docs


def load_gum(root: Path) -> list[Gold]:
    """GUM documents: <date when=...> elements, anchored on the text's dateCreated."""
    from lxml import etree

    golds = []
    for f in sorted((root / "xml").glob("*.xml")):
        tree = etree.parse(str(f), etree.XMLParser(recover=True))
        text_el = next(tree.iter("text"), None)
        created = text_el.get("dateCreated", "") if text_el is not None else ""
        anchor = _valid_anchor(created[:10])
        for d in tree.iter("date"):
            when = d.get("when")
            if not when:
                continue  # from/to intervals and notBefore ranges: no single value
            words = [line.split("\t")[0] for line in "".join(d.itertext()).splitlines()
                     if line.strip()]
            text, _ = _detokenise(words)
            golds.append(Gold(text, when, anchor))
    return golds


def _baseline(text: str, anchor: Optional[str]) -> Optional[str]:
    m = re.search(r"\b(1[5-9]\d\d|20\d\d)\b", text)
    return m.group(1) if m else None


def _ours(text: str, anchor: Optional[str]) -> Optional[str]:
    dv = normalise(text, anchor=anchor, lang="en")
    return dv.value if dv else None


def _dateparser_system() -> Callable[[str, Optional[str]], Optional[str]]:
    """dateparser as a second baseline, its answer cut to the period it reports."""
    from datetime import datetime

    from dateparser.date import DateDataParser

    parser = DateDataParser(languages=["en"])
    cut = {"year": 4, "month": 7, "day": 10, "week": 10, "time": 10}

    def run(text: str, anchor: Optional[str]) -> Optional[str]:
        settings = {"RELATIVE_BASE": datetime.fromisoformat(anchor)} if anchor else {}
        try:
            data = DateDataParser(languages=["en"], settings=settings).get_date_data(text) \
                if settings else parser.get_date_data(text)
        except Exception:  # dateparser raises on odd input; count as no answer
            return None
        if data is None or data.date_obj is None:
            return None
        return data.date_obj.date().isoformat()[: cut.get(data.period or "day", 10)]

    return run


def score_values(golds: list[Gold], system: Callable[[str, Optional[str]], Optional[str]]
                 ) -> dict:
    """Accuracy on representable gold, per precision, coverage and the unrepresentable count."""
    c: Counter = Counter()
    per = defaultdict(Counter)
    errors = []
    for g in golds:
        got = system(g.text, g.anchor)
        rep = bool(REPRESENTABLE.match(g.value))
        c["all"] += 1
        c["answered"] += got is not None
        c["correct_all"] += got == g.value
        if not rep:
            c["unrepresentable"] += 1
            c["unrep_answered"] += got is not None
            continue
        prec = PRECISION[len(g.value)]
        c["rep"] += 1
        per[prec]["n"] += 1
        per[prec]["correct"] += got == g.value
        per[prec]["answered"] += got is not None
        c["rep_answered"] += got is not None
        c["rep_correct"] += got == g.value
        if got != g.value:
            errors.append((g.value, got, g.text, g.anchor))
    return {"c": c, "per": per, "errors": errors}


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.3f}" if b else "n/a"


def print_values(title: str, res: dict, base: dict) -> None:
    c, per = res["c"], res["per"]
    print(f"== {title}: value accuracy of normalise(text, anchor=DCT)")
    print(f"gold DATE timexes: {c['all']}  representable (year/month/day): {c['rep']}  "
          f"not representable: {c['unrepresentable']} (kb answered {c['unrep_answered']} of them)")
    print(f"{'':22}{'n':>5}{'accuracy':>10}{'coverage':>10}{'baseline':>10}")
    bc, bper = base["c"], base["per"]
    print(f"{'representable':22}{c['rep']:>5}{_ratio(c['rep_correct'], c['rep']):>10}"
          f"{_ratio(c['rep_answered'], c['rep']):>10}{_ratio(bc['rep_correct'], bc['rep']):>10}")
    for prec in ("year", "month", "day"):
        n = per[prec]["n"]
        print(f"{'  ' + prec:22}{n:>5}{_ratio(per[prec]['correct'], n):>10}"
              f"{_ratio(per[prec]['answered'], n):>10}{_ratio(bper[prec]['correct'], n):>10}")
    print(f"{'all (incl. unrepr.)':22}{c['all']:>5}{_ratio(c['correct_all'], c['all']):>10}"
          f"{_ratio(c['answered'], c['all']):>10}{_ratio(bc['correct_all'], bc['all']):>10}")
    if c["rep"]:
        ratio = (c["rep_correct"] / c["rep"]) / max(bc["rep_correct"] / bc["rep"], 1e-9)
        print(f"accuracy ratio kb / year-regex baseline (representable): {ratio:.2f}")


def score_running_text(docs: list[Doc]) -> None:
    """find_dates over whole documents vs gold DATE extents (relaxed: any overlap)."""
    tp = fp = fn = fp_other = value_ok = value_n = n_gold = 0
    for doc in docs:
        predicted = []
        for m in find_dates(doc.text, anchor=doc.anchor, lang="en"):
            predicted += [dv for dv in (m.start, m.end) if dv is not None]
        gold = doc.dates + ([doc.dct] if doc.dct else [])
        matched = set()
        for dv in predicted:
            hit = next((i for i, g in enumerate(gold) if dv.start < g.end and g.start < dv.end), None)
            if hit is None:
                fp += 1
                if any(dv.start < e and s < dv.end for s, e in doc.other_timex):
                    fp_other += 1
                continue
            tp += 1
            matched.add(hit)
            if REPRESENTABLE.match(gold[hit].value):
                value_n += 1
                value_ok += dv.value == gold[hit].value
        fn += sum(1 for i in range(len(gold)) if i not in matched)
        n_gold += len(gold)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = (tp + 0.0) / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    print("== find_dates on the annotated sentences vs gold DATE extents (relaxed overlap)")
    print(f"predicted dates: {tp + fp}  gold DATE (datelines included): {n_gold}")
    print(f"precision {p:.3f}  recall {r:.3f}  F1 {f:.3f}  "
          f"(false alarms on gold DURATION/SET/TIME extents: {fp_other} of {fp})")
    print(f"value accuracy of detected representable dates: {_ratio(value_ok, value_n)} "
          f"({value_ok}/{value_n})")


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("meantime", nargs="?", default=str(SHARED_DIR / "eval" / "meantime-en"))
    ap.add_argument("--gum", default=str(SHARED_DIR / "eval" / "gum-wikinews"))
    ap.add_argument("--errors", action="store_true", help="list the value errors")
    ap.add_argument("--dateparser", action="store_true",
                    help="also score dateparser on the same gold (slow), with timings")
    args = ap.parse_args(argv)
    meantime = Path(args.meantime)
    if not meantime.exists():
        print(f"skipped: {meantime} not present")
        return 0
    docs = load_meantime(meantime)
    golds = [g for d in docs for g in d.dates]
    if not golds:
        print(f"skipped: no TIMEX3 DATE annotations under {meantime}")
        return 0
    print(f"MEANTIME: {len(docs)} documents, {sum(d.anchor is not None for d in docs)} with a DCT")
    res = score_values(golds, _ours)
    print_values("MEANTIME", res, score_values(golds, _baseline))
    score_running_text(docs)
    if args.dateparser:
        t0 = time.perf_counter()
        score_values(golds, _ours)  # timed only: the figures were printed above
        t_ours = time.perf_counter() - t0
        t0 = time.perf_counter()
        dp = score_values(golds, _dateparser_system())
        t_dp = time.perf_counter() - t0
        c = dp["c"]
        print(f"dateparser (same gold): representable accuracy "
              f"{_ratio(c['rep_correct'], c['rep'])}, coverage {_ratio(c['rep_answered'], c['rep'])}, "
              f"answered {c['unrep_answered']} of {c['unrepresentable']} unrepresentable; "
              f"time {t_dp:.2f}s vs kb {t_ours:.3f}s (ratio {t_dp / max(t_ours, 1e-9):.0f}x)")
    if args.errors:
        for gold, got, text, anchor in res["errors"]:
            print(f"  gold {gold:<12} got {got!s:<12} {text!r} (anchor {anchor})")
    gum = Path(args.gum)
    if gum.exists():
        ggold = load_gum(gum)
        if ggold:
            gres = score_values(ggold, _ours)
            print_values("GUM wikinews", gres, score_values(ggold, _baseline))
            if args.errors:
                for gold, got, text, anchor in gres["errors"]:
                    print(f"  gold {gold:<12} got {got!s:<12} {text!r} (anchor {anchor})")
    else:
        print(f"GUM: skipped: {gum} not present")
    return 0


if __name__ == "__main__":
    sys.exit(main())
