"""Build the sample articles into a fresh kb.db and score it against their gold file.

Usage: python scripts/eval_gold.py [ARTICLES_DIR] [GOLD.jsonl] [--reference DUMP] [--db PATH]

Prints `kb evaluate`'s table (precision/recall/F1 for persons, organisations, tenures and full
tenures; link, date and status accuracies) and the misses, so the figures land in CI logs.
Prints "skipped: ..." and exits 0 when the data is absent.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kb.settings import REFERENCE_FILES, SHARED_DIR  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", nargs="?", default=str(SHARED_DIR / "samples" / "articles"))
    parser.add_argument("gold", nargs="?", default=str(SHARED_DIR / "samples" / "gold.jsonl"))
    parser.add_argument("--reference", nargs="+", default=[str(SHARED_DIR / "reference" / name) for name in REFERENCE_FILES],
                        help="reference files to import (default: the dumps and index files in ../shared/reference)")
    parser.add_argument("--db", help="Keep the database here (default: a temporary file).")
    args = parser.parse_args()
    if not Path(args.articles).exists() or not Path(args.gold).exists():
        print(f"skipped: {args.articles} or {args.gold} not present")
        return 0
    import kb
    from kb.evaluate import evaluate, format_report, read_jsonl
    from kb.export import iter_facts

    with tempfile.TemporaryDirectory() as tmp:
        db_path = args.db or str(Path(tmp) / "kb.db")
        db = kb.open_db(db_path)
        present = [path for path in args.reference if Path(path).exists()]
        if present:
            from kb.link.reference import import_reference

            t0 = time.perf_counter()
            rep = import_reference(db, present)
            print(f"reference: {rep.entities} entities in {time.perf_counter() - t0:.1f} s")
        else:
            print(f"reference: none of {args.reference} present (entities stay unlinked)")
        t0 = time.perf_counter()
        report = kb.build([args.articles], db=db)
        print(f"build: {report.built} documents in {time.perf_counter() - t0:.1f} s, {report.failed} failed")
        result = evaluate(read_jsonl(args.gold), list(iter_facts(db)))
        print(format_report(result, verbose=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
