"""Benchmark the linker: cold start, mentions linked per second (first and second pass), memory.

Two mention streams, both in documents of 20 entities, both measured in wall time AND CPU time
(``time.process_time``: the machine is shared, so wall time is inflated by other processes):

- ``uniform``: names drawn uniformly from the reference (persons, items; 30% of the persons as a
  bare surname) plus 20% unknown names. Nearly every name is new, so the first pass is dominated
  by SQL candidate lookups: the worst case.
- ``news``: the same kinds of names, but drawn from a pool with Zipf-distributed frequencies,
  as in a news corpus (a few names in many documents, a long tail seen once). This is the
  realistic setting for a build; its first pass is what a build over fresh data pays.

The second pass re-links the same documents with warm caches (a long build's steady state).
Baseline measured in the same run: one exact-name SQL lookup per mention (the cheapest possible
linker over the same tables, no scoring).
Each stream is run ``--repeat`` times (interleaved) and the best run is reported.
Usage: python scripts/bench_link.py [--db kb.db] [--reference PATH] [--mentions N] [--repeat 3]
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kb.link import Linker  # noqa: E402
from kb.link.names import norm  # noqa: E402
from kb.link.reference import has_reference, import_reference  # noqa: E402
from kb.model import Document, Entity, Extraction, Mention  # noqa: E402
from kb.settings import SHARED_DIR  # noqa: E402
from kb.store import open_db  # noqa: E402

TARGET = 20_000  # mentions/s


def _pools(db) -> tuple[list[str], list[str]]:
    persons = [r[0] for r in db.execute("SELECT label FROM ref_entities WHERE kind='person' AND label IS NOT NULL")]
    items = [r[0] for r in db.execute("SELECT label FROM ref_entities WHERE kind='item' AND label IS NOT NULL")]
    return persons, items


def _draw(rng: random.Random, persons: list[str], items: list[str]) -> tuple[str, str]:
    roll = rng.random()
    if roll < 0.6:
        name = rng.choice(persons)
        return ("person", name if rng.random() < 0.7 else name.split()[-1])
    if roll < 0.8:
        return ("organization", rng.choice(items))
    return ("person", f"Unknown Person{rng.randrange(10**6)}")


def sample_names(db, n: int, seed: int = 7) -> list[tuple[str, str]]:
    """Uniform stream: nearly every mention a name not seen before."""
    rng = random.Random(seed)
    persons, items = _pools(db)
    return [_draw(rng, persons, items) for _ in range(n)]


def sample_news(db, n: int, seed: int = 7, pool: int = 5000, s: float = 1.1) -> list[tuple[str, str]]:
    """Zipf stream: the k-th most frequent name of a ``pool`` occurs ~ 1/k**s times."""
    rng = random.Random(seed)
    persons, items = _pools(db)
    names = [_draw(rng, persons, items) for _ in range(pool)]
    weights = [1.0 / (k ** s) for k in range(1, pool + 1)]
    return rng.choices(names, weights=weights, k=n)


def documents(names: list[tuple[str, str]], per_doc: int = 20) -> list[Extraction]:
    docs = []
    for i in range(0, len(names), per_doc):
        chunk = names[i:i + per_doc]
        text = ". ".join(n for _, n in chunk)
        ents, pos = {}, 0
        for etype, name in chunk:
            ent = ents.setdefault((etype, name), Entity(name=name, type=etype))
            ent.mentions.append(Mention(name, etype, pos, pos + len(name), 0, name=name))
            pos += len(name) + 2
        docs.append(Extraction(document=Document(id=str(i), text=text), entities=list(ents.values())))
    return docs


def _timed(fn) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process)."""
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


def _rate(n: int, seconds: float) -> str:
    return f"{n / seconds:>9,.0f}/s" if seconds > 0 else "      inf/s"


def run_setting(path: Path, names: list[tuple[str, str]]) -> dict[str, tuple[float, float]]:
    """Link the stream twice with a fresh Linker: (wall, CPU) seconds of each pass, the baseline
    and the cold start."""
    docs = documents(names)
    db = open_db(path)
    started = time.perf_counter()
    linker = Linker.from_db(db)
    cold = time.perf_counter() - started

    def link_all() -> None:
        for ext in docs:
            linker.link(ext)

    def baseline() -> None:
        for ext in docs:
            for ent in ext.entities:
                db.execute("SELECT qid FROM ref_names WHERE norm = ? LIMIT 1", [norm(ent.name)]).fetchone()

    out = {"first": _timed(link_all), "second": _timed(link_all), "baseline": _timed(baseline),
           "cold": (cold, cold)}
    db.close()
    return out


def report(label: str, names: list[tuple[str, str]], runs: list[dict[str, tuple[float, float]]]) -> tuple[float, float]:
    """Print the best of the runs (least disturbed by other processes); return CPU rates
    (first pass, second pass)."""
    best = {k: (min(r[k][0] for r in runs), min(r[k][1] for r in runs)) for k in runs[0]}
    n = sum(len(d.entities) for d in documents(names))  # distinct (type, name) per document = links
    print(f"\n== {label}: {len(names) // 20} documents, {n} entity mentions, {len(set(names))} distinct names "
          f"(best of {len(runs)} runs)")
    print(f"   cold start Linker.from_db  : {best['cold'][0] * 1000:.1f} ms wall (target <= 500 ms)")
    print(f"   {'':27}   {'wall':>11}   {'CPU':>11}")
    for what, key in (("first pass (cold caches)", "first"), ("second pass (warm caches)", "second"),
                      ("baseline exact SQL lookup", "baseline")):
        print(f"   {what:27} : {_rate(n, best[key][0])}   {_rate(n, best[key][1])}")
    print(f"   ratio kb/baseline (CPU)     : first pass {best['baseline'][1] / best['first'][1]:.2f}x, "
          f"second pass {best['baseline'][1] / best['second'][1]:.2f}x of baseline speed")
    return n / best["first"][1], n / best["second"][1]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db")
    ap.add_argument("--reference", default=str(SHARED_DIR / "reference" / "wikidata-subset.jsonl.gz"))
    ap.add_argument("--mentions", type=int, default=20000)
    ap.add_argument("--repeat", type=int, default=3, help="runs per stream; the best is reported")
    args = ap.parse_args(argv)
    if args.db:
        path = Path(args.db)
    else:
        if not Path(args.reference).exists():
            print(f"skipped: {args.reference} absent")
            return 0
        path = Path(tempfile.mkdtemp()) / "kb.db"
        rep = import_reference(open_db(path), [args.reference])
        print(f"imported {rep.entities} entities in {rep.seconds:.1f} s")
    db = open_db(path)
    if not has_reference(db):
        print("skipped: no reference data in the database")
        return 0
    uniform = sample_names(db, args.mentions)
    news = sample_news(db, args.mentions)
    db.close()

    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    u_runs, n_runs = [], []
    for _ in range(args.repeat):  # interleaved, so that a burst of load hits both streams alike
        u_runs.append(run_setting(path, uniform))
        n_runs.append(run_setting(path, news))
    u_first, u_second = report("uniform (worst case: nearly all names new)", uniform, u_runs)
    n_first, n_second = report("news (Zipf-distributed names, realistic)", news, n_runs)
    rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"\nmemory: peak RSS {rss1 / 1024:.0f} MB (growth while linking {(rss1 - rss0) / 1024:.0f} MB; "
          "includes touched pages of the memory-mapped database)")
    print(f"target >= {TARGET:,}/s (CPU rates; wall is inflated on a shared machine):")
    for what, rate in (("news second pass", n_second), ("news first pass", n_first),
                       ("uniform second pass", u_second), ("uniform first pass", u_first)):
        print(f"   {what:20} {rate:>9,.0f}/s  {'met' if rate >= TARGET else 'NOT met'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
