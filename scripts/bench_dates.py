"""Speed of ``kb.extract.dates.find_dates`` on real news sentences, against a trivial baseline.

Why: the role/tenure rules call ``find_dates`` once per sentence of every document, so its
speed bounds the build (target >= 2M characters/s, most sentences holding no date at all).

Text: every sentence of the MEANTIME English documents (anchored on their creation time) and
of the GUM Wikinews/biography documents (anchored on ``dateCreated``), read in place from
../shared/eval and joined from tokens; with ``--de``, also GermEval 2014 dev sentences
(``lang="de"``, no anchor). ``--text-source PATH`` instead reads a plain text file, one
sentence per line (no anchor). Prints "skipped: <why>" and exits 0 when no text is found.

Baseline, measured in the same run over the same sentences: one ``re.findall(r"\\d{4}")`` per
sentence, the cheapest thing that could be called a date finder. The ratio says how many
times slower than that ``find_dates`` is. Best of ``--repeat`` runs counts.

Example: .venv/bin/python scripts/bench_dates.py --repeat 5
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path
from typing import Callable, Iterable, Optional

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

from eval_timex import _detokenise, _valid_anchor  # noqa: E402
from kb.extract.dates import find_dates  # noqa: E402
from kb.settings import SHARED_DIR  # noqa: E402

#: (sentence, anchor, lang)
Item = tuple[str, Optional[str], str]


def meantime_sentences(root: Path) -> list[Item]:
    """All sentences of the MEANTIME CAT XML files, each with its document's creation time."""
    from lxml import etree

    layer = root / "intra-doc_annotation"
    out: list[Item] = []
    for f in sorted(layer.glob("**/*.xml")) if layer.exists() else []:
        tree = etree.parse(str(f))
        anchor = next((_valid_anchor(t.get("value")) for t in tree.iter("TIMEX3")
                       if t.get("functionInDocument") == "CREATION_TIME"), None)
        sentences: dict[str, list[str]] = {}
        for t in tree.iter("token"):
            sentences.setdefault(t.get("sentence", "0"), []).append(t.text or "")
        out += [(_detokenise(toks)[0], anchor, "en") for toks in sentences.values()]
    return out


def gum_sentences(root: Path) -> list[Item]:
    """All ``<s>`` sentences of the GUM XML files (first column = token), with dateCreated."""
    from lxml import etree

    out: list[Item] = []
    for f in sorted((root / "xml").glob("*.xml")) if (root / "xml").exists() else []:
        tree = etree.parse(str(f), etree.XMLParser(recover=True))
        text_el = next(tree.iter("text"), None)
        anchor = _valid_anchor((text_el.get("dateCreated", "") if text_el is not None else "")[:10])
        for s in tree.iter("s"):
            words = [line.split("\t")[0] for line in "".join(s.itertext()).splitlines()
                     if line.strip()]
            if words:
                out.append((_detokenise(words)[0], anchor, "en"))
    return out


def germeval_sentences(path: Path) -> list[Item]:
    """GermEval 2014 TSV (index, token, tags; '#' comment lines; blank line between sentences)."""
    out: list[Item] = []
    words: list[str] = []
    if not path.exists():
        return out
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip():
            if words:
                out.append((_detokenise(words)[0], None, "de"))
            words = []
        elif not line.startswith("#"):
            parts = line.split("\t")
            if len(parts) > 1:
                words.append(parts[1])
    return out


def file_sentences(path: Path) -> list[Item]:
    return [(line, None, "en") for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def load_items(text_source: Optional[Path], with_de: bool) -> list[Item]:
    """The sentences to time: a given file, or the shared MEANTIME + GUM (+ GermEval) text."""
    if text_source is not None:
        return file_sentences(text_source) if text_source.exists() else []
    ev = SHARED_DIR / "eval"
    items = meantime_sentences(ev / "meantime-en") + gum_sentences(ev / "gum-wikinews")
    if with_de:
        items += germeval_sentences(ev / "germeval2014-de" / "dev.tsv")
    return items


def best_times(runs: list[Callable[[], object]], repeat: int) -> list[float]:
    """Best CPU time of this process for each run (the target is per core; wall time on a
    shared machine mostly measures the other processes), the runs interleaved so that
    cache and frequency effects of the load hit both alike (the ratio is the robust figure)."""
    best = [float("inf")] * len(runs)
    for _ in range(repeat):
        for i, run in enumerate(runs):
            t0 = time.process_time()
            run()
            best[i] = min(best[i], time.process_time() - t0)
    return best


def run_find_dates(items: Iterable[Item]) -> int:
    return sum(len(find_dates(text, anchor=anchor, lang=lang)) for text, anchor, lang in items)


def run_baseline(items: Iterable[Item]) -> int:
    rx = re.compile(r"\d{4}")
    return sum(len(rx.findall(text)) for text, _anchor, _lang in items)


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--text-source", type=Path, default=None,
                    help="plain text file, one sentence per line (default: shared MEANTIME+GUM)")
    ap.add_argument("--de", action="store_true", help="add GermEval 2014 dev (German) sentences")
    ap.add_argument("--repeat", type=int, default=5, help="timed runs; the best counts")
    args = ap.parse_args(argv)
    items = load_items(args.text_source, args.de)
    if not items:
        print(f"skipped: no sentences found ({args.text_source or SHARED_DIR / 'eval'})")
        return 0
    chars = sum(len(t) for t, _a, _l in items)
    with_date = sum(1 for t, a, lang in items if find_dates(t, anchor=a, lang=lang))  # warm-up
    n_mentions = run_find_dates(items)
    t_ours, t_base = best_times([lambda: run_find_dates(items), lambda: run_baseline(items)],
                                args.repeat)
    print(f"sentences: {len(items)}  characters: {chars}  "
          f"with a date mention: {with_date} ({with_date / len(items):.1%})  mentions: {n_mentions}")
    print(f"{'(per CPU second)':28}{'chars/s':>14}{'sentences/s':>14}{'seconds':>10}")
    for name, t in (("find_dates", t_ours), ("baseline re.findall(\\d{4})", t_base)):
        print(f"{name:28}{chars / t:>14,.0f}{len(items) / t:>14,.0f}{t:>10.3f}")
    print(f"ratio find_dates / baseline time: {t_ours / t_base:.1f}x slower "
          f"(find_dates at {chars / t_ours / 1e6:.2f}M chars/s; target >= 2M)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
