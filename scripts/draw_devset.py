#!/usr/bin/env python
"""Draw a fresh sample of unlabelled news to annotate by hand as a new dev set.

Usage: python scripts/draw_devset.py OUT_DIR [--corpus bbc.jsonl|gnad.jsonl] [--n 14] [--seed 1010]
       [--per-category 7] [--exclude DEV.jsonl ...] [--prefix DEV10B_]

Why: rules written from a dev set's errors move that set and little else (session 10: the English
and German rules that lifted their analysis halves by +0.09 and +0.18 F1 left two freshly annotated
samples exactly where they were). The only honest check of a rule is text nobody looked at while
writing it, so a rule author draws (or is given) a new sample, someone else annotates it in
news-tenures' format and conventions, and its figures are taken before and after. The sample and
its gold hold article text: keep them outside the repository (the corpus licences are
non-commercial; the repo holds no article text).

How: articles of 150-900 words (news-tenures' range) with at least three role words, shuffled with
``--seed`` and taken in order, at most ``--per-category`` per corpus category, skipping the ids of
``--exclude`` files (earlier dev sets; a leading prefix such as ``DEV10_`` is ignored) and
near-duplicates (more than half of the 8-word shingles shared with an excluded or an earlier pick).
Writes ``OUT_DIR/dev.jsonl`` with news-tenures' fields (``published`` null, ``title`` the headline,
or for 10kGNAD, which has none, the first sentence). The default corpus is
``../shared/eval/news-corpus/bbc.jsonl``; a missing corpus prints "skipped: ..." and exits 0.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kb.settings import SHARED_DIR  # noqa: E402

CORPUS_DIR = SHARED_DIR / "eval" / "news-corpus"
#: Words that make an article likely to state posts (a sampling filter, not an extraction rule).
ROLE_WORDS = {
    "en": re.compile(r"\b(chief executive|chairman|chairwoman|minister|secretary|leader|MPs?|president|appointed|"
                     r"resign\w*|former|director|governor|chancellor|head of|boss|spokes\w+)\b"),
    "de": re.compile(r"Bürgermeister|Landeshauptmann|Landesrat|Minister|Kanzler|Chef|Vorsitzende|Obmann|"
                     r"Präsident|Geschäftsführer|Vorstand|Trainer|Sprecher|ehemalig|designiert"),
}
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"\u201d]?\s")
_NOT_AN_END = re.compile(r"(\b\d{1,2}|\b[A-Z])[.]$")  # "Am 28. Juni", "J. Smith"


def shingles(text: str, k: int = 8) -> set[str]:
    """The text's k-word shingles: two stories that share more than half are one story."""
    words = text.lower().split()
    return {" ".join(words[i:i + k]) for i in range(len(words) - k + 1)}


def near_duplicate(s: set[str], others: list[set[str]]) -> bool:
    return bool(s) and any(len(s & o) > 0.5 * len(s) for o in others)


def first_sentence(text: str) -> str:
    """10kGNAD has no headlines: news-tenures uses the first sentence (the teaser)."""
    for m in _SENTENCE_END.finditer(text):
        if not _NOT_AN_END.search(text[:m.start()]):
            return text[:m.end()].rstrip()
    return text


def eligible(doc: dict, lang: str) -> bool:
    n = len(doc["text"].split())
    return 150 <= n <= 900 and len(ROLE_WORDS[lang].findall(doc["text"])) >= 3


def draw(docs: list[dict], lang: str, n: int, seed: int, per_category: int,
         excluded: list[dict]) -> list[dict]:
    """The sample, in the corpus order of ids; deterministic for a seed."""
    skip_ids = {re.sub(r"^DEV\w*?_(?=(bbc|gnad)_)", "", d["id"]) for d in excluded}
    seen = [shingles(d["text"]) for d in excluded]
    pool = sorted((d for d in docs if eligible(d, lang) and d["id"] not in skip_ids), key=lambda d: d["id"])
    random.Random(seed).shuffle(pool)
    picked: list[dict] = []
    per: Counter = Counter()
    for doc in pool:
        if per[doc.get("category")] >= per_category:
            continue
        s = shingles(doc["text"])
        if near_duplicate(s, seen):
            continue
        picked.append(doc)
        seen.append(s)
        per[doc.get("category")] += 1
        if len(picked) == n:
            break
    return sorted(picked, key=lambda d: d["id"])


def dev_row(doc: dict, lang: str, prefix: str) -> dict:
    return {"id": prefix + doc["id"], "text": doc["text"], "published": None, "lang": lang,
            "title": doc.get("title") or first_sentence(doc["text"]), "source": doc.get("source"),
            "category": doc.get("category")}


def read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--corpus", type=Path, default=CORPUS_DIR / "bbc.jsonl")
    ap.add_argument("--n", type=int, default=14)
    ap.add_argument("--seed", type=int, default=1010)
    ap.add_argument("--per-category", type=int, default=7)
    ap.add_argument("--exclude", type=Path, nargs="*", default=[])
    ap.add_argument("--prefix", default="DEV_")
    args = ap.parse_args(argv)
    if not args.corpus.exists():
        print(f"skipped: {args.corpus} not present (../shared is optional)")
        return 0
    docs = read_jsonl(args.corpus)
    lang = "de" if docs and docs[0]["id"].startswith("gnad") else "en"
    excluded = [d for path in args.exclude for d in read_jsonl(path)]
    sample = draw(docs, lang, args.n, args.seed, args.per_category, excluded)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    with open(args.out_dir / "dev.jsonl", "w", encoding="utf-8") as f:
        for doc in sample:
            f.write(json.dumps(dev_row(doc, lang, args.prefix), ensure_ascii=False) + "\n")
    for doc in sample:
        print(doc["id"], doc.get("category"), len(doc["text"].split()), "words")
    print(f"{len(sample)} articles -> {args.out_dir / 'dev.jsonl'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
