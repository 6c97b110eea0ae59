"""Benchmark: every canned query of metadata.yml through Datasette's HTTP API on a big kb.db.

Generates a synthetic kb.db (default 100k documents, 10 evidence rows each = 1M evidence rows)
with kb's own store code (``open_db`` migrations, kb's id functions, ``store.bulk_insert``,
``store.refresh_all_aggregates``, ``search.enable_search``), serves it with the argv of
``kb.serve.datasette_args`` on a loopback port, and times a bounded number of requests per canned
query. Prints p50/p95/max per query and the ratio of its p95 to the p95 of a trivial query
(``select 1``) through the same server, measured in the same run. Target: p95 <= 100 ms.

Example: python scripts/bench_queries.py --documents 5000 --requests 20
"""

from __future__ import annotations

import argparse
import json
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any, Iterator

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import yaml  # noqa: E402

from kb import serve as kb_serve  # noqa: E402
from kb.search import enable_search  # noqa: E402
from kb.store import (  # noqa: E402
    bulk_insert,
    entity_id,
    open_db,
    position_id,
    position_label,
    refresh_all_aggregates,
    tenure_id,
    wikipedia_url,
)

FIRST = ["Anna", "Piet", "Lena", "Karl", "Mara", "Jonas", "Sofia", "Henrik", "Ines", "Tomas",
         "Clara", "Ruben", "Eva", "Lukas", "Nora", "Felix", "Greta", "Oskar", "Maja", "Emil"]
LAST = ["Berg", "Jansen", "Fischer", "Weber", "Holm", "Lindqvist", "Moreau", "Novak", "Costa",
        "Keller", "Dahl", "Varga", "Rossi", "Brandt", "Olsen", "Meyer", "Kovac", "Silva", "Aalto", "Nagy"]
ROLES = ["prime minister", "foreign minister", "finance minister", "president", "secretary general",
         "chair", "chief executive", "governor", "mayor", "speaker", "defence minister", "ambassador"]
TARGET_P95_MS = 100.0


# --------------------------------------------------------------------------------------------
# Synthetic kb.db
# --------------------------------------------------------------------------------------------


class World:
    """Deterministic synthetic persons, organisations and positions (fictional names, Q-ids)."""

    def __init__(self, documents: int, seed: int) -> None:
        self.rng = random.Random(seed)
        self.n_persons = max(50, documents // 2)
        self.n_orgs = max(10, documents // 50)
        self.persons = [self._person(i) for i in range(self.n_persons)]
        self.orgs = [self._org(i) for i in range(self.n_orgs)]
        self.positions = [self._position(i) for i in range(self.n_orgs * 4)]

    def _person(self, i: int) -> dict[str, Any]:
        name = f"{FIRST[i % 20]} {LAST[(i // 20) % 20]}" + (f" {i // 400}" if i >= 400 else "")
        qid = f"Q{80_000_000 + i}" if i % 10 < 7 else None
        return {"id": entity_id("person", name, qid), "name": name, "qid": qid,
                "wikipedia_title": name if qid and i % 2 == 0 else None}

    def _org(self, i: int) -> dict[str, Any]:
        name = f"{LAST[i % 20]} {['Union', 'Council', 'Bank', 'Party', 'Republic'][i // 20 % 5]} {i}"
        qid = f"Q{81_000_000 + i}" if i % 3 else None
        return {"id": entity_id("organization", name, qid), "name": name, "qid": qid}

    def _position(self, i: int) -> dict[str, Any]:
        org = self.orgs[i // 4]
        role = ROLES[(i * 5 + i // 4) % len(ROLES)]
        qid = f"Q{82_000_000 + i}" if i % 2 == 0 else None
        return {"id": position_id(role, org["id"], qid), "label": position_label(role, org["name"]),
                "role": role, "organization_id": org["id"], "qid": qid, "org_name": org["name"]}

    def pick_person(self) -> int:
        """Zipf-like: a few persons are in many documents, most in a few."""
        return int(self.n_persons * self.rng.random() ** 3)

    def home_position(self, p: int) -> int:
        return (p * 7919) % len(self.positions)

    def tenure_dates(self, p: int, pos: int) -> tuple[str, str | None]:
        year = 1995 + (p * 7 + pos) % 28
        full = f"{year}-{1 + (p + pos) % 12:02d}-{1 + (p * 3 + pos) % 28:02d}"
        end = f"{year + 4}-{1 + pos % 12:02d}-15" if (p + pos) % 2 == 0 else None
        return full, end


def _cut(value: str | None, precision: str) -> tuple[str | None, str | None]:
    if value is None:
        return None, None
    return value[: {"year": 4, "month": 7, "day": 10}[precision]], precision


def generate_rows(world: World, documents: int, per_doc: int) -> Iterator[tuple[str, dict[str, Any]]]:
    """(table, row) pairs for documents, sentences, mentions and evidence; tenures collected."""
    rng = world.rng
    world.tenures = {}
    for d in range(documents):
        doc_id = f"synthetic-{d:06d}"
        published = f"{2000 + d % 26}-{1 + d % 12:02d}-{1 + d % 28:02d}"
        sentences, pieces, offset = [], [], 0
        for k in range(per_doc):
            p = world.pick_person()
            pos = world.home_position(p) if rng.random() < 0.8 else rng.randrange(len(world.positions))
            person, position = world.persons[p], world.positions[pos]
            start_full, end_full = world.tenure_dates(p, pos)
            if rng.random() < 0.02:  # an article that gets the start year wrong: a conflict
                start_full = f"{int(start_full[:4]) + 1}{start_full[4:]}"
            precision = rng.choice(["year", "month", "day"])
            start, start_p = _cut(start_full, precision)
            end, end_p = _cut(end_full, precision)
            status = "former" if end and end < published[: len(end)] else rng.choice(["current", "unknown"])
            role_text = position["role"]
            text = f"{person['name']} served as {role_text} of {position['org_name']} from {start} to {end or 'today'}."
            s_start = offset
            sentences.append((k, s_start, text))
            pieces.append(text)
            offset += len(text) + 1
            tid = tenure_id(person["id"], position["id"], start, end)
            world.tenures.setdefault(tid, {
                "id": tid, "person_id": person["id"], "position_id": position["id"], "role": position["role"],
                "organization_id": position["organization_id"], "start": start, "start_precision": start_p,
                "end": end, "end_precision": end_p, "status": status,
            })
            sid = f"{doc_id}:{k}"
            role_at = s_start + text.index(role_text)
            org_at = s_start + text.index(position["org_name"])
            yield "sentences", {"id": sid, "document_id": doc_id, "idx": k, "start": s_start,
                                "end": s_start + len(text), "lang": "en", "text": text}
            yield "mentions", {"id": f"{doc_id}:{s_start}:{s_start + len(person['name'])}:person", "document_id": doc_id,
                               "sentence_id": sid, "entity_type": "person", "entity_id": person["id"],
                               "text": person["name"], "name": person["name"], "start": s_start,
                               "end": s_start + len(person["name"]), "label": "PERSON"}
            yield "mentions", {"id": f"{doc_id}:{org_at}:{org_at + len(position['org_name'])}:organization",
                               "document_id": doc_id, "sentence_id": sid, "entity_type": "organization",
                               "entity_id": position["organization_id"], "text": position["org_name"],
                               "name": position["org_name"], "start": org_at,
                               "end": org_at + len(position["org_name"]), "label": "ORG"}
            yield "evidence", {"id": f"{doc_id}:{k}", "tenure_id": tid, "document_id": doc_id, "sentence_id": sid,
                               "sentence": text, "published": published, "person_start": s_start,
                               "person_end": s_start + len(person["name"]), "role_text": role_text,
                               "role_start": role_at, "role_end": role_at + len(role_text),
                               "org_start": org_at, "org_end": org_at + len(position["org_name"]),
                               "claimed_start": start, "claimed_start_precision": start_p,
                               "claimed_end": end, "claimed_end_precision": end_p, "claimed_status": status,
                               "extractor": "bench:synthetic", "confidence": 0.8}
        text = " ".join(pieces)
        yield "documents", {"id": doc_id, "content_hash": f"synthetic{d}", "source": f"{doc_id}.txt",
                            "title": f"Synthetic story {d}", "published": published, "lang": "en",
                            "n_chars": len(text), "text": text, "pipeline": "bench", "built_at": published}


def build_db(path: Path, documents: int, per_doc: int, seed: int) -> None:
    """Write the synthetic kb.db with kb's schema and store helpers."""
    world = World(documents, seed)
    db = open_db(path)
    buffers: dict[str, list[dict[str, Any]]] = {"documents": [], "sentences": [], "mentions": [], "evidence": []}
    with db.conn:
        for table, row in generate_rows(world, documents, per_doc):
            buffers[table].append(row)
            if len(buffers[table]) >= 20000:
                bulk_insert(db, table, buffers[table])
                buffers[table].clear()
        for table, rows in buffers.items():
            bulk_insert(db, table, rows)
        bulk_insert(db, "persons", ({**p, "wikipedia_url": wikipedia_url(p["wikipedia_title"]),
                                     "link_score": 1.0 if p["qid"] else None,
                                     "link_method": "exact" if p["qid"] else None} for p in world.persons))
        bulk_insert(db, "organizations", world.orgs)
        bulk_insert(db, "positions", ({k: v for k, v in p.items() if k != "org_name"} for p in world.positions))
        bulk_insert(db, "tenures", world.tenures.values())
        bulk_insert(db, "ref_claims", reference_claims(world))
    refresh_all_aggregates(db)
    enable_search(db)
    db.execute("ANALYZE")
    db.close()


def reference_claims(world: World) -> Iterator[dict[str, Any]]:
    """P39 rows for linked persons' home positions; every fifth one disagrees on the start."""
    for p, person in enumerate(world.persons):
        position = world.positions[world.home_position(p)]
        if not person["qid"] or not position["qid"] or p % 4 == 0:
            continue
        start, end = world.tenure_dates(p, world.home_position(p))
        if p % 5 == 0:
            start = f"{int(start[:4]) - 3}{start[4:]}"
        yield {"qid": person["qid"], "property": "P39", "value": position["qid"],
               "start": start, "start_precision": "day", "end": end, "end_precision": "day" if end else None}


# --------------------------------------------------------------------------------------------
# Timing through Datasette
# --------------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url: str) -> tuple[float, int, int]:
    """(seconds, status, rows) of one request."""
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=60) as resp:
            body, status = resp.read(), resp.status
    except urllib.error.HTTPError as err:
        body, status = err.read(), err.code
    seconds = time.perf_counter() - started
    try:
        rows = len(json.loads(body)) if status == 200 else 0
    except ValueError:
        rows = 0
    return seconds, status, rows


def parameter_sets(db_path: Path, n: int, seed: int) -> list[dict[str, str]]:
    """Realistic parameters: popular and random persons, organisations, roles, dates."""
    db = open_db(db_path, create=False)
    rng = random.Random(seed)
    popular = [r[0] for r in db.execute("SELECT name FROM persons ORDER BY n_documents DESC LIMIT 5")]
    anyone = [r[0] for r in db.execute("SELECT name FROM persons ORDER BY random() LIMIT 50")]
    qids = [r[0] for r in db.execute("SELECT qid FROM persons WHERE qid IS NOT NULL ORDER BY random() LIMIT 20")]
    orgs = [r[0] for r in db.execute("SELECT name FROM organizations ORDER BY random() LIMIT 20")]
    labels = [r[0] for r in db.execute("SELECT label FROM positions ORDER BY random() LIMIT 20")]
    db.close()
    sets = []
    for i in range(n):
        person = popular[i % len(popular)] if i % 3 == 0 else rng.choice(anyone + qids)
        sets.append({
            "person": person, "organization": rng.choice(orgs),
            "position": rng.choice(labels + ROLES), "date": f"{rng.randint(1995, 2025)}-{rng.randint(1, 12):02d}-01",
            "category": rng.choice(["", "confirmed", "contradiction", "missing in reference"]),
            "q": person.split()[-1] if i % 2 else person,
        })
    return sets


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def time_queries(base: str, db_name: str, queries: dict[str, Any], sets: list[dict[str, str]]) -> dict[str, dict]:
    results = {}
    trivial = {"__baseline__ select 1": f"{base}/{db_name}.json?sql=select+1&_shape=array"}
    for name, url in trivial.items():
        get(url)
        times = [get(url)[0] for _ in sets]
        results[name] = {"times": times, "rows": 1, "errors": 0}
    for name, query in queries.items():
        names = sorted(set(re.findall(r"(?<!:):(\w+)", query["sql"])))
        urls = [f"{base}/{db_name}/{name}.json?" + urllib.parse.urlencode({**{k: s[k] for k in names}, "_shape": "array"})
                for s in sets]
        get(urls[0])  # warm-up
        samples = [get(u) for u in urls]
        results[name] = {"times": [s[0] for s in samples], "rows": statistics.mean(s[2] for s in samples),
                         "errors": sum(1 for s in samples if s[1] != 200)}
    return results


def serve_and_time(db_path: Path, requests: int, seed: int) -> dict[str, dict]:
    queries = yaml.safe_load(kb_serve.metadata_path().read_text(encoding="utf-8"))["databases"]["kb"]["queries"]
    sets = parameter_sets(db_path, requests, seed)
    port = free_port()
    log = open(db_path.with_name("bench-datasette.log"), "w")
    proc = subprocess.Popen(kb_serve.datasette_args(db_path, port=port), stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if get(base + "/-/versions.json")[1] == 200:
                    break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("datasette did not start: see " + log.name)
            time.sleep(0.3)
        return time_queries(base, db_path.stem, queries, sets)
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        log.close()


def report(results: dict[str, dict], target_ms: float) -> int:
    base_p95 = percentile(results["__baseline__ select 1"]["times"], 0.95) * 1000
    print(f"{'query':34} {'n':>4} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'rows':>7} {'err':>4} {'p95/base':>9}  target")
    slow = 0
    for name, r in results.items():
        ms = [t * 1000 for t in r["times"]]
        p95 = percentile(ms, 0.95)
        ok = name.startswith("__") or (p95 <= target_ms and r["errors"] == 0)
        slow += not ok
        print(f"{name:34} {len(ms):>4} {statistics.median(ms):>8.1f} {p95:>8.1f} {max(ms):>8.1f} "
              f"{r['rows']:>7.1f} {r['errors']:>4} {p95 / base_p95:>9.1f}  {'ok' if ok else 'SLOW'}")
    print(f"baseline p95 {base_p95:.1f} ms; queries over the {target_ms:.0f} ms p95 target: {slow}")
    return slow


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--evidence-per-doc", type=int, default=10)
    parser.add_argument("--requests", type=int, default=30, help="timed requests per canned query")
    parser.add_argument("--db", type=Path, default=None, help="where to write the synthetic kb.db (default: a temp dir)")
    parser.add_argument("--reuse", action="store_true", help="reuse --db if it exists instead of regenerating")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--target-ms", type=float, default=TARGET_P95_MS)
    args = parser.parse_args(argv)
    db_path = args.db or Path(tempfile.mkdtemp(prefix="kb-bench-")) / "kb.db"
    if not (args.reuse and db_path.exists()):
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db_path}{suffix}").unlink(missing_ok=True)
        started = time.perf_counter()
        build_db(db_path, args.documents, args.evidence_per_doc, args.seed)
        print(f"generated {db_path} in {time.perf_counter() - started:.1f} s")
    db = open_db(db_path, create=False)
    print("rows:", json.dumps({t: db[t].count for t in ("documents", "sentences", "persons", "organizations",
                                                         "positions", "mentions", "tenures", "evidence", "ref_claims")}))
    db.close()
    slow = report(serve_and_time(db_path, args.requests, args.seed), args.target_ms)
    return 0 if slow == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
