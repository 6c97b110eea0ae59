#!/usr/bin/env python
"""Tenures of the sample articles against their gold file (a quick check, not kb.evaluate).

Usage: python scripts/eval_samples.py [GOLD] [ARTICLES_DIR] [--lang en|all]

Defaults: ../shared/samples/gold.jsonl and ../shared/samples/articles (kb.settings.SHARED_DIR);
prints "skipped: <why>" and exits 0 when they are absent. Matching follows GOLD-FORMAT.md in
short: persons by normalised name (a surname matches the full name), a tenure on (person, role)
where the role equals the gold role or an alias or contains one as whole words; then org,
start, end and status are compared field by field. The samples are a check only: rules are
written from how news text works, never for these sentences.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kb.settings import SHARED_DIR  # noqa: E402


def norm(text):
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).lower().replace("-", " ")
    return re.sub(r"\s+", " ", re.sub(r"^the ", "", text)).strip()


def person_match(pred, gold):
    p, g = norm(pred), norm(gold)
    return p == g or p.split()[-1:] == g.split()[-1:]


def role_match(pred, gold):
    p = f" {norm(pred)} "
    names = [gold["role"]] + gold.get("role_aliases", [])
    return any(f" {norm(n)} " in p for n in names)


def org_match(pred, gold_org, orgs):
    if gold_org is None:
        return pred is None
    if pred is None:
        return False
    names = {norm(gold_org)}
    for o in orgs:
        if o["name"] == gold_org:
            names |= {norm(a) for a in o.get("aliases", [])}
    return norm(pred) in names


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("gold", nargs="?", default=str(SHARED_DIR / "samples" / "gold.jsonl"))
    ap.add_argument("articles", nargs="?", default=str(SHARED_DIR / "samples" / "articles"))
    ap.add_argument("--lang", default="en", help="en: English records only; all: every record")
    args = ap.parse_args(argv)
    gold_path, art_dir = Path(args.gold), Path(args.articles)
    if not gold_path.exists() or not art_dir.exists():
        print(f"skipped: {gold_path} or {art_dir} not found")
        return 0
    from kb.extract.pipeline import Extractor
    from kb.model import Document

    records = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    records = [r for r in records if args.lang == "all" or r["lang"] == args.lang]
    docs = [Document(id=r["id"], text=(art_dir / f"{r['id']}.txt").read_text(encoding="utf-8"),
                     published=r.get("published"), lang=r["lang"] if r["lang"] in ("en", "de") else None) for r in records]
    totals = {"gold": 0, "pred": 0, "matched": 0, "org": 0, "start": 0, "end": 0, "status": 0, "full": 0}
    for rec, ex in zip(records, Extractor().extract(docs)):
        totals["gold"] += len(rec["tenures"])
        totals["pred"] += len(ex.tenures)
        used = set()
        for g in rec["tenures"]:
            hit = next((i for i, t in enumerate(ex.tenures) if i not in used and person_match(t.person, g["person"])
                        and role_match(t.role, g)), None)
            if hit is None:
                print(f"  MISS {rec['id']}: {g['person']} / {g['role']} / {g['org']}")
                continue
            used.add(hit)
            t = ex.tenures[hit]
            ok = {"org": org_match(t.org, g["org"], rec["organizations"]),
                  "start": (t.start.value if t.start else None) == g["start"],
                  "end": (t.end.value if t.end else None) == g["end"],
                  "status": t.status == g["status"]}
            totals["matched"] += 1
            for k, v in ok.items():
                totals[k] += v
            totals["full"] += all(ok[k] for k in ("org", "start", "end"))
            bad = [k for k, v in ok.items() if not v]
            print(f"  {'OK  ' if not bad else 'PART'} {rec['id']}: {t.person} / {t.role} / {t.org} {bad or ''}")
        for i, t in enumerate(ex.tenures):
            if i not in used:
                print(f"  EXTRA {rec['id']}: {t.person} / {t.role} / {t.org} ({t.extractor})")
    p = totals["matched"] / totals["pred"] if totals["pred"] else 0.0
    r = totals["matched"] / totals["gold"] if totals["gold"] else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    print(f"tenures (person+role): P={p:.3f} R={r:.3f} F1={f:.3f}  gold={totals['gold']} pred={totals['pred']}")
    m = totals["matched"] or 1
    print("of matched: " + " ".join(f"{k}={totals[k] / m:.2f}" for k in ("org", "start", "end", "status", "full")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
