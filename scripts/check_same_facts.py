"""Does a change keep kb's behaviour? Build fixed corpora, export facts, compare byte for byte.

Refactors must not change what kb extracts. This script builds three corpora from ../shared
with the real CLI (``python -m kb``, so ``PYTHONPATH`` picks the checkout under test), exports
``kb export facts`` and either saves the exports (``--save DIR``) or compares them with saved
ones (``--compare DIR``), printing one line per corpus and the first differing lines:

- the samples (``samples/articles``), with the politicians reference imported;
- ``eval/news-tenures/dev.jsonl`` (English and German real news);
- the first 200 Re-DocRED dev documents, joined into text as ``eval_redocred.py`` does.

The reference is imported once into a template database (cached beside ``DIR``) and copied
for each corpus. Exit status 1 when any corpus differs. Example:

    python scripts/check_same_facts.py --save /tmp/facts-before   # on the old commit
    python scripts/check_same_facts.py --compare /tmp/facts-before
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = Path(os.environ.get("KB_SHARED_DIR", HERE.parent.parent / "shared"))
REFERENCE = SHARED / "reference" / "wikidata-subset.jsonl.gz"


def _kb(*args: str) -> None:
    """Run the kb CLI of the checkout under test; stop with its output when it fails."""
    proc = subprocess.run([sys.executable, "-m", "kb", *args], capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"kb {' '.join(args)} failed:\n{proc.stdout}\n{proc.stderr}")


def _redocred_jsonl(out: Path, limit: int) -> Path:
    """The first ``limit`` Re-DocRED dev documents as kb JSONL (text joined like the evaluator)."""
    sys.path.insert(0, str(HERE))
    from eval_redocred import build_text  # the evaluator's own joining, so texts match its runs

    docs = json.loads((SHARED / "eval" / "re-docred" / "dev_revised.json").read_text(encoding="utf-8"))
    with out.open("w", encoding="utf-8") as fh:
        for i, doc in enumerate(docs[:limit]):
            text, _ = build_text(doc["sents"])
            fh.write(json.dumps({"id": f"redocred-{i}", "text": text, "lang": "en"}) + "\n")
    return out


def corpora(work: Path, redocred: int) -> dict[str, list[str]]:
    """Corpus name -> build inputs (those whose data is present)."""
    found: dict[str, list[str]] = {}
    if (SHARED / "samples" / "articles").is_dir():
        found["samples"] = [str(SHARED / "samples" / "articles")]
    if (SHARED / "eval" / "news-tenures" / "dev.jsonl").is_file():
        found["news-tenures"] = [str(SHARED / "eval" / "news-tenures" / "dev.jsonl")]
    if (SHARED / "eval" / "re-docred" / "dev_revised.json").is_file():
        found["redocred"] = [str(_redocred_jsonl(work / "redocred.jsonl", redocred))]
    return found


def _template(cache: Path) -> Path:
    """A database holding only the imported reference, built once per reference file."""
    stamp = f"{REFERENCE.stat().st_size}-{int(REFERENCE.stat().st_mtime)}" if REFERENCE.exists() else "none"
    db = cache / f"reference-{stamp}.db"
    if not db.exists():
        cache.mkdir(parents=True, exist_ok=True)
        tmp = db.with_suffix(".tmp.db")
        if REFERENCE.exists():
            _kb("reference", "import", str(REFERENCE), "--db", str(tmp))
        else:
            _kb("build", "--help")
        shutil.move(str(tmp), db) if tmp.exists() else db.touch()
    return db


def export_all(out: Path, redocred: int, cache: Path) -> dict[str, Path]:
    """Build each corpus into a copy of the reference template and export its facts to ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    template = _template(cache)
    results = {}
    with tempfile.TemporaryDirectory(prefix="kb-same-facts-") as tmp:
        work = Path(tmp)
        for name, inputs in corpora(work, redocred).items():
            db = work / f"{name}.db"
            if template.stat().st_size:
                shutil.copy(template, db)
            _kb("build", *inputs, "--db", str(db))
            _kb("export", "facts", "--db", str(db), "-o", str(out / f"{name}.jsonl"))
            results[name] = out / f"{name}.jsonl"
    return results


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    mode = ap.add_mutually_exclusive_group(required=True)
    mode.add_argument("--save", type=Path, help="write the exports to this folder")
    mode.add_argument("--compare", type=Path, help="compare with exports saved in this folder")
    ap.add_argument("--redocred", type=int, default=200, help="Re-DocRED dev documents (default 200)")
    args = ap.parse_args(argv)
    target = args.save or args.compare
    cache = target.parent / ".kb-same-facts-cache"
    if args.save:
        for name, path in export_all(args.save, args.redocred, cache).items():
            print(f"{name}: saved {path} ({path.stat().st_size} bytes)")
        return 0
    with tempfile.TemporaryDirectory(prefix="kb-same-facts-now-") as tmp:
        now = export_all(Path(tmp), args.redocred, cache)
        differ = 0
        for name, path in now.items():
            before = args.compare / f"{name}.jsonl"
            if not before.exists():
                print(f"{name}: no saved export at {before}")
                differ += 1
                continue
            a, b = before.read_bytes(), path.read_bytes()
            if a == b:
                print(f"{name}: identical ({len(a)} bytes)")
                continue
            differ += 1
            diff = difflib.unified_diff(a.decode().splitlines(), b.decode().splitlines(), "before", "now", n=0, lineterm="")
            print(f"{name}: DIFFERENT")
            for line in list(diff)[:12]:
                print("   ", line[:400])
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
