"""Benchmark the linker: cold start, mentions linked per second (cold and warm caches), memory.

Baseline measured in the same run: one exact-name SQL lookup per mention (the cheapest possible
linker over the same tables). Names are sampled from the reference itself (persons, items) plus
names it does not have, in documents of 20 entities.
Usage: python scripts/bench_link.py [--db kb.db] [--reference PATH] [--mentions N]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
import resource
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kb.link import Linker  # noqa: E402
from kb.link.names import norm  # noqa: E402
from kb.link.reference import has_reference, import_reference  # noqa: E402
from kb.model import Document, Entity, Extraction, Mention  # noqa: E402
from kb.settings import SHARED_DIR  # noqa: E402
from kb.store import open_db  # noqa: E402


def sample_names(db, n: int, seed: int = 7) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    persons = [r[0] for r in db.execute("SELECT label FROM ref_entities WHERE kind='person' AND label IS NOT NULL")]
    items = [r[0] for r in db.execute("SELECT label FROM ref_entities WHERE kind='item' AND label IS NOT NULL")]
    out = []
    for i in range(n):
        roll = rng.random()
        if roll < 0.6:
            name = rng.choice(persons)
            out.append(("person", name if rng.random() < 0.7 else name.split()[-1]))
        elif roll < 0.8:
            out.append(("organization", rng.choice(items)))
        else:
            out.append(("person", f"Unknown Person{rng.randrange(10**6)}"))
    return out


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


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db")
    ap.add_argument("--reference", default=str(SHARED_DIR / "reference" / "wikidata-subset.jsonl.gz"))
    ap.add_argument("--mentions", type=int, default=20000)
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
    names = sample_names(db, args.mentions)
    docs = documents(names)
    db.close()

    fresh = open_db(path)  # cold start on a fresh connection
    started = time.perf_counter()
    linker = Linker.from_db(fresh)
    cold = time.perf_counter() - started

    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    for ext in docs:
        linker.link(ext)
    first = time.perf_counter() - started
    started = time.perf_counter()
    for ext in docs:
        linker.link(ext)
    warm = time.perf_counter() - started
    rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    started = time.perf_counter()
    for _, name in names:
        fresh.execute("SELECT qid FROM ref_names WHERE norm = ? LIMIT 1", [norm(name)]).fetchone()
    base = time.perf_counter() - started

    n = len(names)
    print(f"cold start Linker.from_db : {cold * 1000:.1f} ms (target <= 500 ms)")
    print(f"first pass (cold caches)  : {n} mentions in {first:.2f} s = {n / first:,.0f} mentions/s")
    print(f"second pass (warm caches) : {n} mentions in {warm:.2f} s = {n / warm:,.0f} mentions/s (target >= 20k/s)")
    print(f"baseline exact SQL lookup : {n} mentions in {base:.2f} s = {n / base:,.0f} mentions/s")
    print(f"ratio kb/baseline         : first pass {base / first:.2f}x, warm {base / warm:.2f}x of baseline speed")
    print(f"memory                    : peak RSS {rss1 / 1024:.0f} MB, growth while linking {(rss1 - rss0) / 1024:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
