#!/usr/bin/env python
"""Benchmark: GEXF export of a synthetic kb.db with 100k nodes / 500k edges.

The database is made with kb's own schema and keys (``kb.store.open_db``, ``entity_id``,
``position_id``, ``tenure_id``), bulk-inserted because per-document ``save_extraction`` of
470k tenures would benchmark the store, not the export. Each measurement runs in its own
process so its peak RSS is its own:

* kb:       ``build_graph`` + ``kb.graph.write_gexf`` (streaming GEXF 1.2 with the timeline)
* baseline: the same ``build_graph`` + ``networkx.write_gexf`` of the same graph, as is

Targets (issue #8): kb export <= 60 s and <= 2 GB peak RSS.

Example: python scripts/bench_export.py --nodes 100000 --edges 500000
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kb import store  # noqa: E402

ROLES = ["minister", "director", "chair", "secretary general", "member", "ambassador", "governor", "ceo"]


def make_db(path: Path, n_nodes: int, n_edges: int, seed: int = 8) -> dict[str, int]:
    """Fill a kb.db: 60% persons, 10% organisations, 30% positions; tenures fill the edges."""
    rng = random.Random(seed)
    n_orgs = max(1, n_nodes // 10)
    n_positions = max(1, n_nodes * 3 // 10)
    n_persons = max(1, n_nodes - n_orgs - n_positions)
    n_tenures = max(0, n_edges - n_positions)  # every position has one part_of edge
    db = store.open_db(path)
    conn = db.conn
    conn.execute("PRAGMA synchronous=OFF")  # a throwaway benchmark db: no fsync per commit
    with conn:
        docs = [(f"doc{i}", f"h{i}", "2015-01-01" if i == 0 else _day(rng)) for i in range(2000)]
        conn.executemany("INSERT INTO documents (id, content_hash, published) VALUES (?, ?, ?)", docs)
        orgs = []
        for i in range(n_orgs):
            qid = f"Q{2_000_000 + i}" if i % 2 == 0 else None
            orgs.append((store.entity_id("organization", f"Org {i}", qid), f"Org {i}", qid,
                         store.wikipedia_url(f"Org {i}") if qid else None, rng.randint(1, 50)))
        conn.executemany(
            "INSERT INTO organizations (id, name, qid, wikipedia_url, n_documents) VALUES (?, ?, ?, ?, ?)", orgs)
        persons = []
        for i in range(n_persons):
            qid = f"Q{1_000_000 + i}" if i % 3 == 0 else None
            born = f"{rng.randint(1930, 1995)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}" if qid else None
            persons.append((store.entity_id("person", f"Person {i}", qid), f"Person {i}", qid,
                            store.wikipedia_url(f"Person {i}") if qid else None, born,
                            "day" if born else None, rng.randint(1, 20)))
        conn.executemany(
            "INSERT INTO persons (id, name, qid, wikipedia_url, birth_date, birth_precision, n_documents) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)", persons)
        positions = []
        for i in range(n_positions):
            org_id, org_name = orgs[i % n_orgs][0], orgs[i % n_orgs][1]
            role = f"{ROLES[i % len(ROLES)]} {i}"
            positions.append((store.position_id(role, org_id, None), store.position_label(role, org_name), role, org_id))
        conn.executemany("INSERT INTO positions (id, label, role, organization_id) VALUES (?, ?, ?, ?)", positions)
        tenures, evidence = [], []
        for i in range(n_tenures):
            person = persons[rng.randrange(n_persons)][0]
            pos = positions[rng.randrange(n_positions)]
            start, start_p = _date(rng)
            end, end_p = _date(rng) if rng.random() < 0.5 else (None, None)
            if end and start and end < start:
                start, end, start_p, end_p = end, start, end_p, start_p
            status = "former" if end else rng.choice(["current", "unknown"])
            tid = store.tenure_id(person, pos[0], start, end)
            if tid in _seen:
                tid = f"{tid}-{i}"
            _seen.add(tid)
            doc = docs[rng.randrange(len(docs))]
            tenures.append((tid, person, pos[0], pos[2], pos[3], start, start_p, end, end_p, status,
                            rng.randint(1, 5), 1))
            evidence.append((f"{doc[0]}:{i}", tid, doc[0], doc[2], status, "bench", 0.9))
        _seen.clear()
        conn.executemany(
            'INSERT INTO tenures (id, person_id, position_id, role, organization_id, start, start_precision, '
            '"end", end_precision, status, n_documents, n_evidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
            tenures)
        conn.executemany(
            "INSERT INTO evidence (id, tenure_id, document_id, published, claimed_status, extractor, confidence) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)", evidence)
    conn.close()
    return {"persons": n_persons, "organizations": n_orgs, "positions": n_positions, "tenures": n_tenures}


_seen: set[str] = set()


def _day(rng: random.Random) -> str:
    return f"{rng.randint(2000, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def _date(rng: random.Random) -> tuple[str | None, str | None]:
    """A date at day, month or year precision (or unknown), as the store keeps them."""
    kind = rng.random()
    day = _day(rng)
    if kind < 0.5:
        return day, "day"
    if kind < 0.75:
        return day[:7], "month"
    if kind < 0.9:
        return day[:4], "year"
    return None, None


def worker(mode: str, db_path: str, out: str) -> None:
    """One measurement in this process; prints JSON with timings and this process's peak RSS."""
    import networkx as nx

    from kb.graph import build_graph, write_gexf

    t0, c0 = time.perf_counter(), time.process_time()
    graph = build_graph(db_path)
    t1, c1 = time.perf_counter(), time.process_time()
    if mode == "kb":
        write_gexf(graph, out)
    else:
        nx.write_gexf(graph, out)
    t2, c2 = time.perf_counter(), time.process_time()
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB
    print(json.dumps({
        "mode": mode, "nodes": graph.number_of_nodes(), "edges": graph.number_of_edges(),
        "build_s": t1 - t0, "write_s": t2 - t1, "total_s": t2 - t0, "peak_rss_mb": rss_mb,
        "build_cpu_s": c1 - c0, "write_cpu_s": c2 - c1, "cpu_s": c2 - c0,
        "bytes": Path(out).stat().st_size,
    }))


def _measure(mode: str, db_path: Path, out: Path) -> dict:
    done = subprocess.run([sys.executable, __file__, "--worker", mode, str(db_path), str(out)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{mode} run failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--nodes", type=int, default=100_000)
    parser.add_argument("--edges", type=int, default=500_000)
    parser.add_argument("--workdir", type=Path, default=None, help="where the db and exports go (default: a temp dir)")
    parser.add_argument("--no-baseline", action="store_true", help="skip the networkx.write_gexf baseline")
    parser.add_argument("--reuse", action="store_true", help="reuse WORKDIR/bench_export.db if it exists")
    parser.add_argument("--worker", nargs=3, metavar=("MODE", "DB", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(*args.worker)
        return
    with tempfile.TemporaryDirectory() as tmp:
        work = args.workdir or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        db_path = work / "bench_export.db"
        if args.reuse and db_path.exists():
            print(f"reusing {db_path}")
        else:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{db_path}{suffix}").unlink(missing_ok=True)
            t0 = time.perf_counter()
            sizes = make_db(db_path, args.nodes, args.edges)
            print(f"synthetic kb.db: {sizes} in {time.perf_counter() - t0:.1f} s")
        kb = _measure("kb", db_path, work / "kb.gexf")
        _report(kb)
        ok = kb["total_s"] <= 60 and kb["peak_rss_mb"] <= 2048
        print(f"targets (<= 60 s wall, <= 2048 MB): {'met' if ok else 'MISSED'}"
              + ("" if ok or kb["cpu_s"] > 60 else " on wall time only: the machine is shared; CPU time is within target"))
        if not args.no_baseline:
            base = _measure("networkx", db_path, work / "networkx.gexf")
            _report(base)
            print(f"write ratio kb/networkx: {kb['write_s'] / base['write_s']:.2f} wall, "
                  f"{kb['write_cpu_s'] / base['write_cpu_s']:.2f} CPU "
                  f"(kb writer {base['write_cpu_s'] / kb['write_cpu_s']:.1f}x faster in CPU time); "
                  f"peak RSS ratio: {kb['peak_rss_mb'] / base['peak_rss_mb']:.2f}")


def _report(r: dict) -> None:
    print(f"{r['mode']:>8}: {r['nodes']} nodes, {r['edges']} edges; build_graph {r['build_s']:.1f} s, "
          f"write {r['write_s']:.1f} s, total {r['total_s']:.1f} s wall / {r['cpu_s']:.1f} s CPU "
          f"(build {r['build_cpu_s']:.1f} + write {r['write_cpu_s']:.1f}); peak RSS {r['peak_rss_mb']:.0f} MB; "
          f"{r['bytes'] / 1e6:.0f} MB file")


if __name__ == "__main__":
    main()
