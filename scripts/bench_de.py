"""German extraction speed: ``load_german()`` beside the English model on comparable text.

Why: German sentences go through kb's own pipeline; this shows what that costs relative to
the English pipeline (the baseline, measured in the same run on English text of similar
sentence length) so a slow German model is noticed.

Text: GermEval 2014 dev sentences (German) and WikiGold sentences (English Wikipedia), both
joined back into plain text with spaces and cut to the same number of words. Each pipeline
is timed with ``nlp.pipe`` after one warm-up pass; the best of ``--repeat`` runs counts.
Prints words/s for each, the German/English ratio, the German load time, and the time of the
load-time ``kb_de_repair`` component alone (what the English re-read and reference-name checks
cost) per sentence and as a share of the German pipeline's time.

Example: .venv/bin/python scripts/bench_de.py --words 20000
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from kb.extract.de.germeval import read_germeval  # noqa: E402
from kb.extract.de.ner import load_german  # noqa: E402
from kb.settings import SHARED_DIR, get_settings  # noqa: E402

DEFAULT_DE = SHARED_DIR / "eval" / "germeval2014-de" / "dev.tsv"
DEFAULT_EN = SHARED_DIR / "eval" / "wikigold" / "wikigold.conll.txt"


def german_texts(path: Path) -> list[str]:
    return [" ".join(s.words) for s in read_germeval(path)]


def english_texts(path: Path) -> list[str]:
    """Sentences of a CoNLL file (token<space>tag per line), DOCSTART lines dropped."""
    out: list[str] = []
    words: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("-DOCSTART-"):
            if words:
                out.append(" ".join(words))
                words = []
            continue
        words.append(line.rsplit(" ", 1)[0])
    if words:
        out.append(" ".join(words))
    return out


def cut(texts: list[str], n_words: int) -> list[str]:
    """The first sentences totalling about ``n_words`` words."""
    out, total = [], 0
    for t in texts:
        if total >= n_words:
            break
        out.append(t)
        total += len(t.split())
    return out


def words_per_second(nlp, texts: list[str], repeat: int) -> float:
    n_words = sum(len(t.split()) for t in texts)
    list(nlp.pipe(texts[:50]))  # warm-up
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        for _doc in nlp.pipe(texts, batch_size=64):
            pass
        best = min(best, time.perf_counter() - t0)
    return n_words / best


def repair_seconds(nlp, texts: list[str], repeat: int) -> float:
    """Best time of ``kb_de_repair`` alone over docs parsed without it (0 when absent).

    Timed apart rather than as pipeline-with minus pipeline-without: on a shared machine the
    difference of two long runs is mostly the other jobs' noise.
    """
    if "kb_de_repair" not in nlp.pipe_names:
        return 0.0
    repair = nlp.get_pipe("kb_de_repair")
    with nlp.select_pipes(disable=["kb_de_repair"]):
        docs = list(nlp.pipe(texts, batch_size=64))
    for doc in docs[:50]:
        repair(doc.copy())  # warm-up: reference names, English pipeline
    best = float("inf")
    for _ in range(repeat):
        copies = [d.copy() for d in docs]
        t0 = time.perf_counter()
        for doc in copies:
            repair(doc)
        best = min(best, time.perf_counter() - t0)
    return best


def english_pipeline():
    import importlib.util

    import spacy

    for name in get_settings().en_models:
        if importlib.util.find_spec(name.strip()):
            return name.strip(), spacy.load(name.strip())
    return None, None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--de-data", type=Path, default=DEFAULT_DE)
    ap.add_argument("--en-data", type=Path, default=DEFAULT_EN)
    ap.add_argument("--words", type=int, default=20000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    for path in (args.de_data, args.en_data):
        if not path.exists():
            print(f"skipped: {path} not present (../shared is optional)")
            return 0
    t0 = time.perf_counter()
    import spacy  # noqa: F401 - timed apart: every pipeline pays it once per process

    import_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    de_nlp = load_german()
    load_s = time.perf_counter() - t0
    en_name, en_nlp = english_pipeline()
    if en_nlp is None:
        print("skipped: no English spaCy model installed (the baseline)")
        return 0
    de = cut(german_texts(args.de_data), args.words)
    en = cut(english_texts(args.en_data), args.words)
    de_wps = words_per_second(de_nlp, de, args.repeat)
    repair_s = repair_seconds(de_nlp, de, args.repeat)
    en_wps = words_per_second(en_nlp, en, args.repeat)
    avg = lambda ts: sum(len(t.split()) for t in ts) / len(ts)  # noqa: E731
    print(f"German  load_german() {de_nlp.pipe_names}: load {load_s:.2f}s (after importing spaCy: {import_s:.2f}s)")
    print(f"German  {len(de)} sentences ({avg(de):.1f} words each): {de_wps:,.0f} words/s")
    n_words = sum(len(t.split()) for t in de)
    print(f"German  kb_de_repair alone: {repair_s * 1000 / len(de):.2f} ms per sentence, "
          f"{repair_s * de_wps / n_words:.0%} of the pipeline's time")
    print(f"English {en_name} {en_nlp.pipe_names}: {len(en)} sentences ({avg(en):.1f} words each): {en_wps:,.0f} words/s")
    print(f"ratio German/English: {de_wps / en_wps:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
