"""Benchmark `kb build` against bare spaCy on the same texts, in one run.

Usage: python scripts/bench_build.py [EVAL_DIR] [--docs 2000] [--workers 2] [--lang en]

Builds a corpus from the MEANTIME and GUM texts in ../shared/eval (read in place, written to a
temporary folder, never to the repository), repeated to --docs documents, each starting with a
"Document N." line so that every content hash differs. Prints, with the machine and its load:

* bare ``nlp.pipe`` words/s (same model as spaCy loads it, less the lemmatizer that kb never
  runs; same texts, whole documents, model load excluded);
* with --kb-pipeline, also ``nlp.pipe`` with the pipeline as kb loads it (kb's attribute ruler
  in place of spaCy's): what kb's own stages add beyond parsing;
* ``kb build`` words/s (a real `kb build` process, wall time including start-up and model
  load) and its ratio to bare spaCy (target >= 0.80);
* ``kb build --workers N`` / 1 worker (target >= 1.7 for 2 workers on 2 cores), with bare spaCy
  ``n_process=N`` / 1 for comparison (unless --no-bare-parallel);
* an unchanged re-run / the first run (target <= 0.03);
* peak RSS of each build (the process tree summed; target <= 2 GB for 10k documents);
* whether the 1-worker and N-worker builds stored identical facts.

Exits 0 printing "skipped: <why>" when the data is absent.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Optional

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kb.settings import REPO_ROOT, SHARED_DIR, get_settings  # noqa: E402


# ------------------------------------------------------------------------------- corpus


def meantime_texts(root: Path) -> list[str]:
    """MEANTIME CAT XML: every token, one line per sentence."""
    from lxml import etree

    texts = []
    for f in sorted((root / "intra-doc_annotation").glob("**/*.xml")):
        sentences: dict[int, list[str]] = {}
        for t in etree.parse(str(f)).iter("token"):
            sentences.setdefault(int(t.get("sentence", "0")), []).append(t.text or "")
        texts.append("\n".join(" ".join(toks) for _, toks in sorted(sentences.items())))
    return texts


def gum_texts(root: Path) -> list[str]:
    """GUM XML (one token per line, first column): paragraphs from <p>/<head> blocks."""
    texts = []
    for f in sorted((root / "xml").glob("*.xml")):
        paragraphs, current = [], []
        for line in f.read_text(encoding="utf-8").splitlines():
            if "\t" in line:
                current.append(line.split("\t", 1)[0])
            elif line.startswith(("</p>", "</head>")) and current:
                paragraphs.append(" ".join(current))
                current = []
        if current:
            paragraphs.append(" ".join(current))
        texts.append("\n\n".join(paragraphs))
    return [t for t in texts if t.strip()]


def write_corpus(texts: list[str], n_docs: int, folder: Path, n_files: int = 8) -> tuple[list[str], int]:
    """``n_docs`` JSONL documents over ``n_files`` files; returns the texts and their words."""
    folder.mkdir(parents=True, exist_ok=True)
    docs = [f"Document {i}.\n\n{texts[i % len(texts)]}" for i in range(n_docs)]
    per_file = -(-n_docs // n_files)
    for k in range(0, n_docs, per_file):
        with open(folder / f"part-{k // per_file:02d}.jsonl", "w", encoding="utf-8") as fh:
            for i in range(k, min(n_docs, k + per_file)):
                fh.write(json.dumps({"id": f"bench-{i}", "text": docs[i], "published": "2024-05-01"}) + "\n")
    return docs, sum(len(d.split()) for d in docs)


# ------------------------------------------------------------------------------- measuring


def machine() -> str:
    model = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return f"{os.cpu_count()} cores ({usable} usable), {model}, Python {platform.python_version()}"


def load() -> str:
    try:
        return " ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "n/a"


class PeakRss:
    """Samples the RSS of a process and its children (summed) every 0.1 s."""

    def __init__(self, pid: int):
        import psutil

        self.proc = psutil.Process(pid)
        self.peak_tree = self.peak_one = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        import psutil

        while not self._stop.is_set():
            try:
                procs = [self.proc] + self.proc.children(recursive=True)
                rss = [p.memory_info().rss for p in procs]
                self.peak_tree = max(self.peak_tree, sum(rss))
                self.peak_one = max(self.peak_one, max(rss))
            except psutil.Error:
                pass
            self._stop.wait(0.1)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def kb_build(corpus: Path, db: Path, workers: int, lang: str) -> tuple[float, float, PeakRss, str]:
    """Wall and CPU seconds of a real `kb build` process (its worker processes included), its
    peak RSS, and its summary line. CPU time is what a shared, busy machine distorts least."""
    cmd = [sys.executable, "-m", "kb", "build", str(corpus), "--db", str(db), "--quiet", "--workers", str(workers)]
    if lang != "auto":
        cmd += ["--lang", lang]
    start, cpu = time.perf_counter(), _children_cpu()
    proc = subprocess.Popen(cmd, cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    rss = PeakRss(proc.pid)
    out, err = proc.communicate()
    seconds, cpu = time.perf_counter() - start, _children_cpu() - cpu
    rss.stop()
    if proc.returncode != 0:
        raise SystemExit(f"kb build failed:\n{err}")
    return seconds, cpu, rss, out.strip().splitlines()[-1]


def stock_pipeline():
    """The English model exactly as spaCy loads it, less the components kb never runs (the
    lemmatizer): kb's own replacements (its attribute ruler) are not in the baseline."""
    import spacy

    from kb.extract.nlp import UNUSED_COMPONENTS, find_english_model

    name = find_english_model()
    if name is None:
        raise SystemExit("no English spaCy model installed: make install")
    return spacy.load(name, exclude=UNUSED_COMPONENTS["en"])


def bare_spacy(docs: list[str], n_process: int = 1, nlp=None) -> tuple[float, float]:
    """Wall and CPU seconds for nlp.pipe over the documents (model loaded before the clocks
    start; CPU includes the n_process children). ``nlp`` defaults to :func:`stock_pipeline`."""
    nlp = nlp or stock_pipeline()
    batch = get_settings().batch_size
    start, cpu = time.perf_counter(), time.process_time() + _children_cpu()
    for _ in nlp.pipe(docs, batch_size=batch, n_process=n_process):
        pass
    return time.perf_counter() - start, time.process_time() + _children_cpu() - cpu


def gb(n: int) -> str:
    return f"{n / 1e9:.2f} GB"


# ------------------------------------------------------------------------------- main


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("eval_dir", nargs="?", default=str(SHARED_DIR / "eval"))
    ap.add_argument("--docs", type=int, default=2000, help="documents in the corpus (default 2000)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--lang", default="en", choices=["en", "de", "auto"])
    ap.add_argument("--no-bare-parallel", action="store_true", help="skip bare spaCy with n_process=N")
    ap.add_argument("--kb-pipeline", action="store_true",
                    help="also time nlp.pipe with the pipeline as kb loads it (kb's own overhead)")
    ap.add_argument("--keep", help="write the corpus and dbs here and keep them")
    ap.add_argument("--rss-only", action="store_true",
                    help="only build once with --workers and print words/s and peak RSS (for big --docs)")
    args = ap.parse_args(argv)

    root = Path(args.eval_dir)
    if not (root / "meantime-en").exists() or not (root / "gum-wikinews").exists():
        print(f"skipped: MEANTIME/GUM not present under {root}")
        return 0
    texts = meantime_texts(root / "meantime-en") + gum_texts(root / "gum-wikinews")
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="kb-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    docs, words = write_corpus(texts, args.docs, work / "corpus")
    print(f"machine: {machine()}; load average at start: {load()}")
    print(f"corpus: {args.docs} documents, {words:,} words ({len(texts)} distinct MEANTIME+GUM texts), --lang {args.lang}")

    if args.rss_only:
        t, _, rss, line = kb_build(work / "corpus", work / "rss.db", args.workers, args.lang)
        print(f"kb build, {args.workers} worker(s): {words / t:9,.0f} words/s  ({t:.1f} s wall)  "
              f"peak RSS {gb(rss.peak_tree)} (tree), {gb(rss.peak_one)} largest process   (target <= 2 GB for 10k documents)")
        print(f"  {line}")
        _cleanup(work, args.keep)
        return 0
    bare, bare_cpu = bare_spacy(docs)
    print(f"bare spaCy nlp.pipe:           {words / bare:9,.0f} words/s  ({bare:.1f} s wall, {bare_cpu:.1f} s CPU)")
    if args.kb_pipeline:
        from kb.extract.nlp import load_pipeline

        own, own_cpu = bare_spacy(docs, nlp=load_pipeline("en", None))
        print(f"nlp.pipe, pipeline as kb loads it: {words / own:5,.0f} words/s  ({own:.1f} s wall, {own_cpu:.1f} s CPU; "
              f"{bare / own:.2f}x bare spaCy)")
    t1, c1, rss1, line1 = kb_build(work / "corpus", work / "w1.db", 1, args.lang)
    print(f"kb build, 1 worker:            {words / t1:9,.0f} words/s  ({t1:.1f} s wall, {c1:.1f} s CPU)  "
          f"peak RSS {gb(rss1.peak_tree)}")
    print(f"  {line1}")
    print(f"  ratio kb / bare spaCy:       {bare / t1:.2f} by wall time, {bare_cpu / c1:.2f} by CPU time   (target >= 0.80)")
    if args.kb_pipeline:
        print(f"  ratio kb / pipeline as kb loads it: {own / t1:.2f} by wall time, {own_cpu / c1:.2f} by CPU time")
    tn, cn, rssn, _ = kb_build(work / "corpus", work / "wn.db", args.workers, args.lang)
    print(f"kb build, {args.workers} workers:           {words / tn:9,.0f} words/s  ({tn:.1f} s wall)  "
          f"peak RSS {gb(rssn.peak_tree)} (tree, shared pages counted per process), {gb(rssn.peak_one)} largest process")
    print(f"  {args.workers} workers / 1 worker:        {t1 / tn:.2f}   (target >= 1.7 for 2 workers)")
    if not args.no_bare_parallel:
        barep, _ = bare_spacy(docs, n_process=args.workers)
        print(f"  bare spaCy n_process={args.workers} / 1:   {bare / barep:.2f}   ({words / barep:,.0f} words/s)")
    tr, _, _, line_r = kb_build(work / "corpus", work / "w1.db", 1, args.lang)
    print(f"unchanged re-run:              {tr:.1f} s; re-run / first run: {tr / t1:.3f}   (target <= 0.03)")
    print(f"  {line_r}")
    from kb.build import fact_snapshot

    same = fact_snapshot(work / "w1.db") == fact_snapshot(work / "wn.db")
    print(f"1-worker and {args.workers}-worker builds store the same facts: {'yes' if same else 'NO'}")
    print(f"load average at end: {load()} (on a busy machine wall-time ratios are not reliable: "
          "re-measure when it is quiet)")
    _cleanup(work, args.keep)
    return 0


def _cleanup(work: Path, keep: Optional[str]) -> None:
    if not keep:
        import shutil

        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
