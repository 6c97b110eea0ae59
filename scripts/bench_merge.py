"""Benchmark the driver-side merge of a distributed build, at two corpus sizes, projected to 1M.

Usage: python scripts/bench_merge.py [EVAL_DIR] [--base 100] [--sizes 1000 4000]

Extracts --base MEANTIME+GUM documents once (``kb.distributed.run_partition``, as a Dask
worker would), then writes partition files of each size by repeating those records under new
ids and content hashes (so every merged document is new, while persons and organisations recur
as they do in a news archive), and times ``kb.distributed.merge_files`` into a fresh kb.db.
The merge is the part of a distributed build that does not scale out (SQLite has one writer),
so its cost per document, and how that cost grows with the database, bounds the cluster's
speed. Exits 0 printing "skipped: <why>" when the data is absent.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import sys
import tempfile
import time
from pathlib import Path
from typing import Optional

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from kb.settings import SHARED_DIR  # noqa: E402


def base_records(eval_dir: Path, n: int, work: Path) -> tuple[list[dict], str]:
    """Extraction records of ``n`` documents, and the pipeline version that made them."""
    from bench_build import gum_texts, meantime_texts, write_corpus
    from kb.distributed import run_partition
    from kb.extract.pipeline import Extractor

    texts = meantime_texts(eval_dir / "meantime-en") + gum_texts(eval_dir / "gum-wikinews")
    write_corpus(texts, n, work / "corpus", n_files=1)
    version = Extractor(lang="en").version
    spec = {"model": None, "lang": "en", "published": None, "version": version, "link_db": None}
    result = run_partition(0, [str(p) for p in sorted((work / "corpus").glob("*.jsonl"))], str(work), spec, frozenset())
    lines = Path(result["path"]).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines], version


def replicate(records: list[dict], size: int, path: Path) -> Path:
    """A partition file of ``size`` document records: copies under new ids and hashes."""
    docs = [r for r in records if r["k"] == "doc"]
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(size):
            rec = json.loads(json.dumps(docs[i % len(docs)]))
            doc = rec["extraction"]["document"]
            copy = i // len(docs)
            doc["id"] = f"{doc['id']}-c{copy}"
            doc["content_hash"] = hashlib.sha256(f"{doc['content_hash']}:{copy}".encode()).hexdigest()
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return path


def time_merge(path: Path, db: Path, version: str) -> tuple[float, int]:
    from kb.distributed import merge_files

    start = time.perf_counter()
    report = merge_files([path], db, version)
    return time.perf_counter() - start, report.built


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("eval_dir", nargs="?", default=str(SHARED_DIR / "eval"))
    ap.add_argument("--base", type=int, default=100, help="documents really extracted")
    ap.add_argument("--sizes", type=int, nargs=2, default=[1000, 4000], help="two merge sizes")
    args = ap.parse_args(argv)
    root = Path(args.eval_dir)
    if not (root / "meantime-en").exists() or not (root / "gum-wikinews").exists():
        print(f"skipped: MEANTIME/GUM not present under {root}")
        return 0
    work = Path(tempfile.mkdtemp(prefix="kb-merge-"))
    records, version = base_records(root, args.base, work)
    from bench_build import load, machine

    print(f"machine: {machine()}; load average: {load()}")
    per_doc = []
    for size in args.sizes:
        part = replicate(records, size, work / f"part-{size}.jsonl")
        db = work / f"merge-{size}.db"
        seconds, built = time_merge(part, db, version)
        ms = 1000 * seconds / built
        per_doc.append(ms)
        mb = part.stat().st_size / 1e6
        print(f"merge {built:6d} documents: {seconds:7.1f} s, {ms:5.1f} ms/document, {built / seconds:6.1f} docs/s; "
              f"partition file {mb:.1f} MB ({1000 * mb / built:.1f} kB/doc), kb.db {db.stat().st_size / 1e6:.1f} MB")
    (n1, n2), (c1, c2) = args.sizes, per_doc
    growth = max(0.0, (c2 - c1) / math.log(n2 / n1))  # ms per doc per e-fold of the database
    c_1m = c2 + growth * math.log(1_000_000 / n2)
    hours = 1_000_000 * (c1 + c_1m) / 2 / 1000 / 3600
    print(f"projection to 1M articles (cost per document growing with log(size), {growth:.2f} ms per e-fold): "
          f"{c_1m:.1f} ms/document at 1M, about {hours:.1f} h of merge on one core, "
          f"partition files about {(work / f'part-{n2}.jsonl').stat().st_size / n2 / 1e3:.1f} GB per 1M documents")
    import shutil

    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
