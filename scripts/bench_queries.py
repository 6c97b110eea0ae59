"""Benchmark: every canned query of metadata.yml through Datasette's HTTP API on a big kb.db.

Generates a synthetic kb.db (default 100k documents, 10 evidence rows each = 1M evidence rows)
with kb's own store code (``open_db`` migrations, kb's id functions, ``bulk_insert`` below,
``store.refresh_all_aggregates``, ``kb.serve.prepare``), skewed like news (a few persons in a
quarter of all documents, most in one or two), and caches it per (documents, evidence per
document, seed, generator version) under --cache-dir: later runs reuse it, run the migrations it
has not seen (``open_db``) and bring its views and indexes up to the current migrations. Serves it with the argv of
``kb.serve.datasette_args`` on a loopback port and times a bounded number of requests per canned
query and parameter class ("heavy": the most-mentioned persons, the biggest organisations, bare
roles; "typical": random persons, organisations, positions; "all": empty filters). Prints
p50/p95/max per query and class, per query overall, and the ratio of p95 to the p95 of a trivial
query (``select 1``) through the same server, measured in the same run. Target: p95 <= 100 ms.

Example: python scripts/bench_queries.py --documents 5000 --requests 20
"""

from __future__ import annotations

import argparse
import json
import random
import re
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any, Iterable, Iterator

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlite_utils  # noqa: E402
import yaml  # noqa: E402

from kb import serve as kb_serve  # noqa: E402
from kb.store import (  # noqa: E402
    MIGRATIONS,
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


def bulk_insert(db: sqlite_utils.Database, table: str, rows: Iterable[dict[str, Any]], chunk: int = 5000) -> int:
    """Append rows to a kb table with executemany, no per-row introspection; return the count.

    For building large benchmark databases fast (this script and bench_store.py): no per-document replacement,
    no consolidation, so only for rows that are new. Unknown columns are an error, not dropped.
    """
    columns = [c.name for c in db[table].columns]
    known = set(columns)
    count = 0
    batch: list[dict[str, Any]] = []

    def flush() -> None:
        if not batch:
            return
        extra = set().union(*batch) - known
        if extra:
            raise ValueError(f"{table} has no column(s) {sorted(extra)}: use the schema's column names")
        cols = [c for c in columns if any(c in r for r in batch)]
        sql = f"INSERT INTO [{table}] ({', '.join(f'[{c}]' for c in cols)}) VALUES ({', '.join('?' for _ in cols)})"
        db.conn.executemany(sql, ([r.get(c) for c in cols] for r in batch))
        batch.clear()

    for row in rows:
        batch.append(row)
        count += 1
        if len(batch) >= chunk:
            flush()
    flush()
    return count



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
                               "end": s_start + len(person["name"]), "label": "PERSON", "published": published}
            yield "mentions", {"id": f"{doc_id}:{org_at}:{org_at + len(position['org_name'])}:organization",
                               "document_id": doc_id, "sentence_id": sid, "entity_type": "organization",
                               "entity_id": position["organization_id"], "text": position["org_name"],
                               "name": position["org_name"], "start": org_at,
                               "end": org_at + len(position["org_name"]), "label": "ORG", "published": published}
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


#: Bump when the synthetic data changes: cached databases of another version are rebuilt.
GENERATOR_VERSION = 2

#: Rows per transaction while generating (documents; each brings per_doc sentences/evidence).
DOCS_PER_TRANSACTION = 1000

#: The large per-document tables: their secondary indexes are dropped while generating and
#: recreated afterwards from the schema's own statements (one sort per index, not 1M B-tree inserts).
BULK_TABLES = ("documents", "sentences", "mentions", "evidence")


def _secondary_indexes(db, tables: tuple[str, ...]) -> list[tuple[str, str]]:
    """(name, CREATE INDEX sql) of the explicit indexes on ``tables`` (not the pk autoindexes)."""
    marks = ",".join("?" for _ in tables)
    return [(r[0], r[1]) for r in db.execute(
        f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({marks})",
        list(tables))]


def build_db(path: Path, documents: int, per_doc: int, seed: int) -> None:
    """Write the synthetic kb.db with kb's schema (``open_db`` migrations) and store helpers.

    Fast path for generation only: synchronous=OFF and a big page cache, one transaction per
    ``DOCS_PER_TRANSACTION`` documents, and the big tables' indexes built after the rows (the
    very statements of the schema, so the result is a normal kb.db). ``kb serve``'s own
    preparation (full-text indexes) runs at the end, then ANALYZE.
    """
    world = World(documents, seed)
    db = open_db(path)
    db.execute("PRAGMA synchronous=OFF")
    db.execute("PRAGMA cache_size=-262144")
    db.execute("PRAGMA temp_store=MEMORY")
    indexes = _secondary_indexes(db, BULK_TABLES)
    for name, _sql in indexes:
        db.execute(f"DROP INDEX [{name}]")
    buffers: dict[str, list[dict[str, Any]]] = {"documents": [], "sentences": [], "mentions": [], "evidence": []}

    def flush() -> None:
        with db.conn:
            for table, rows in buffers.items():
                bulk_insert(db, table, rows)
                rows.clear()

    for table, row in generate_rows(world, documents, per_doc):
        buffers[table].append(row)
        if table == "documents" and len(buffers["documents"]) >= DOCS_PER_TRANSACTION:
            flush()
    flush()
    with db.conn:
        bulk_insert(db, "persons", ({**p, "wikipedia_url": wikipedia_url(p["wikipedia_title"]),
                                     "link_score": 1.0 if p["qid"] else None,
                                     "link_method": "exact" if p["qid"] else None} for p in world.persons))
        bulk_insert(db, "organizations", world.orgs)
        bulk_insert(db, "positions", ({k: v for k, v in p.items() if k != "org_name"} for p in world.positions))
        bulk_insert(db, "tenures", world.tenures.values())
        bulk_insert(db, "ref_claims", reference_claims(world))
    with db.conn:
        for _name, sql in indexes:
            db.execute(sql)
    refresh_all_aggregates(db)
    db.close()
    kb_serve.prepare(path)  # what `kb serve` does first: schema up to date, full-text indexes
    db = open_db(path, create=False)
    db.execute("ANALYZE")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()


def _schema_objects(conn: sqlite3.Connection) -> dict[str, tuple[str, str]]:
    """name -> (type, normalised sql) of the views and explicit indexes of a database."""
    return {r[0]: (r[1], " ".join(r[2].split())) for r in conn.execute(
        "SELECT name, type, sql FROM sqlite_master WHERE type IN ('view', 'index') AND sql IS NOT NULL "
        "AND name NOT LIKE '%_fts%'")}


def sync_views_and_indexes(path: Path) -> list[str]:
    """Bring a cached database's views and indexes to the current migrations (edited in place).

    The data of a cached database stays valid while the migration's views and indexes change
    during tuning; this drops what differs and creates what is missing, then analyzes new
    indexes. Returns the names it (re)created.
    """
    wanted_db = sqlite3.connect(":memory:")
    for migration in MIGRATIONS:
        wanted_db.executescript(migration)
    wanted = _schema_objects(wanted_db)
    raw = {r[0]: r[1] for r in wanted_db.execute("SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL")}
    wanted_db.close()
    conn = sqlite3.connect(str(path))
    have = _schema_objects(conn)
    changed = []
    with conn:
        for name, (kind, sql) in have.items():
            if wanted.get(name) != (kind, sql):
                conn.execute(f"DROP {kind.upper()} [{name}]")
        for name, (kind, sql) in wanted.items():
            if have.get(name) != (kind, sql):
                conn.execute(raw[name])
                changed.append(name)
    for name in changed:
        if wanted[name][0] == "index":
            conn.execute(f"ANALYZE [{name}]")
    conn.commit()
    conn.close()
    return changed


def cached_db_path(cache_dir: Path, documents: int, per_doc: int, seed: int) -> Path:
    """Where the synthetic database for these parameters is cached between runs."""
    return cache_dir / f"kb-bench-v{GENERATOR_VERSION}-d{documents}-e{per_doc}-s{seed}" / "kb.db"


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


#: Parameter classes: "heavy" = the most-mentioned persons, the biggest organisations, a bare
#: role (hundreds of positions); "typical" = random persons (by name or QID), organisations,
#: position labels; "all" = empty filters where a query lists everything.
CLASSES = ("heavy", "typical", "all")


def _random_date(rng: random.Random) -> str:
    year = rng.randint(1995, 2025)
    return rng.choice([f"{year}", f"{year}-{rng.randint(1, 12):02d}", f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"])


def parameter_sets(db_path: Path, n: int, seed: int) -> dict[str, list[dict[str, str]]]:
    """n parameter sets per class (see CLASSES), drawn from the database itself."""
    db = open_db(db_path, create=False)
    rng = random.Random(seed)
    top_persons = [r[0] for r in db.execute("SELECT name FROM persons ORDER BY n_documents DESC LIMIT 3")]
    top_orgs = [r[0] for r in db.execute("SELECT name FROM organizations ORDER BY n_documents DESC LIMIT 3")]
    names = [r[0] for r in db.execute("SELECT name FROM persons ORDER BY random() LIMIT 100")]
    qids = [r[0] for r in db.execute("SELECT qid FROM persons WHERE qid IS NOT NULL ORDER BY random() LIMIT 100")]
    orgs = [r[0] for r in db.execute("SELECT name FROM organizations ORDER BY random() LIMIT 100")]
    labels = [r[0] for r in db.execute("SELECT label FROM positions ORDER BY random() LIMIT 100")]
    pos_qids = [r[0] for r in db.execute("SELECT qid FROM positions WHERE qid IS NOT NULL ORDER BY random() LIMIT 100")]
    db.close()
    categories = ["", "agrees", "contradicts", "new in the news"]
    sets: dict[str, list[dict[str, str]]] = {c: [] for c in CLASSES}
    for i in range(n):
        person = top_persons[i % len(top_persons)]
        sets["heavy"].append({"person": person, "organization": top_orgs[i % len(top_orgs)],
                              "position": ROLES[i % len(ROLES)], "date": _random_date(rng),
                              "category": categories[i % 4], "q": person.split()[-1]})
        person = rng.choice(names) if i % 2 else rng.choice(qids)
        sets["typical"].append({"person": person, "organization": rng.choice(orgs),
                                "position": rng.choice(labels) if i % 2 else rng.choice(pos_qids),
                                "date": _random_date(rng), "category": categories[i % 4],
                                "q": rng.choice(names)})
        sets["all"].append({"person": "", "organization": "", "position": "", "date": _random_date(rng),
                            "category": categories[i % 4], "q": ""})
    return sets


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def query_urls(base: str, db_name: str, name: str, sql: str, sets: list[dict[str, str]]) -> list[str]:
    params = sorted(set(re.findall(r"(?<!:):(\w+)", sql)))
    return [f"{base}/{db_name}/{name}.json?" + urllib.parse.urlencode({**{k: s[k] for k in params}, "_shape": "array"})
            for s in sets]


def time_queries(base: str, db_name: str, queries: dict[str, Any],
                 sets: dict[str, list[dict[str, str]]]) -> dict[tuple[str, str], dict]:
    """(query, class) -> times, mean rows, errors. Classes interleave so load spikes spread out."""
    results: dict[tuple[str, str], dict] = {}
    url = f"{base}/{db_name}.json?sql=select+1&_shape=array"
    get(url)
    results[("__baseline__ select 1", "-")] = {"times": [get(url)[0] for _ in sets["heavy"]], "rows": 1, "errors": 0}
    for name, query in queries.items():
        urls = {c: query_urls(base, db_name, name, query["sql"], sets[c]) for c in CLASSES}
        get(urls["typical"][0])  # warm-up
        samples: dict[str, list] = {c: [] for c in CLASSES}
        for i in range(len(sets["heavy"])):
            for c in CLASSES:
                samples[c].append(get(urls[c][i]))
        for c in CLASSES:
            results[(name, c)] = {"times": [x[0] for x in samples[c]], "rows": statistics.mean(x[2] for x in samples[c]),
                                  "errors": sum(1 for x in samples[c] if x[1] != 200)}
    return results


def serve_and_time(db_path: Path, requests: int, seed: int, only: set[str]) -> dict[tuple[str, str], dict]:
    queries = yaml.safe_load(kb_serve.metadata_path().read_text(encoding="utf-8"))["databases"]["kb"]["queries"]
    if only:
        queries = {k: v for k, v in queries.items() if k in only}
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


def report(results: dict[tuple[str, str], dict], target_ms: float) -> int:
    """Print p50/p95 per query and class plus per query overall; return how many queries miss."""
    base_p95 = percentile(results[("__baseline__ select 1", "-")]["times"], 0.95) * 1000
    print(f"{'query':28} {'class':8} {'n':>4} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'rows':>7} {'err':>4} {'p95/base':>9}  target")
    slow = 0
    names = list(dict.fromkeys(q for q, _ in results))
    for name in names:
        rows = [(c, r) for (q, c), r in results.items() if q == name]
        if len(rows) > 1:
            rows.append(("overall", {"times": [t for _, r in rows for t in r["times"]],
                                     "rows": statistics.mean(r["rows"] for _, r in rows),
                                     "errors": sum(r["errors"] for _, r in rows)}))
        for cls, r in rows:
            ms = [t * 1000 for t in r["times"]]
            p95 = percentile(ms, 0.95)
            ok = name.startswith("__") or (p95 <= target_ms and r["errors"] == 0)
            if cls == "overall" or name.startswith("__"):
                slow += not ok
            print(f"{name:28} {cls:8} {len(ms):>4} {statistics.median(ms):>8.1f} {p95:>8.1f} {max(ms):>8.1f} "
                  f"{r['rows']:>7.1f} {r['errors']:>4} {p95 / base_p95:>9.1f}  {'ok' if ok else 'SLOW'}")
    print(f"baseline p95 {base_p95:.1f} ms; queries over the {target_ms:.0f} ms p95 target: {slow}")
    return slow


def prepare_db(args: argparse.Namespace) -> Path:
    """The cached synthetic kb.db for these parameters: built once, reused (views synced) after."""
    db_path = args.db or cached_db_path(args.cache_dir, args.documents, args.evidence_per_doc, args.seed)
    done = db_path.with_name(db_path.name + ".complete")
    if args.rebuild or not done.exists():
        db_path.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm", ".complete"):
            Path(f"{db_path}{suffix}").unlink(missing_ok=True)
        started = time.perf_counter()
        build_db(db_path, args.documents, args.evidence_per_doc, args.seed)
        done.write_text(f"built in {time.perf_counter() - started:.1f} s\n", encoding="utf-8")
        print(f"generated {db_path} in {time.perf_counter() - started:.1f} s")
    else:
        # migrations first (new tables and columns, with their backfill), then the current
        # views and indexes of every migration re-synced (they change while tuning)
        open_db(db_path, create=False).close()
        changed = sync_views_and_indexes(db_path)
        print(f"reusing {db_path} ({done.read_text(encoding='utf-8').strip()}); "
              f"views/indexes re-created: {', '.join(changed) or 'none'}")
    return db_path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--evidence-per-doc", type=int, default=10)
    parser.add_argument("--requests", type=int, default=20, help="timed requests per canned query and parameter class")
    parser.add_argument("--cache-dir", type=Path, default=Path(tempfile.gettempdir()) / "kb-bench",
                        help="synthetic databases are cached here per (documents, evidence-per-doc, seed)")
    parser.add_argument("--db", type=Path, default=None, help="use this path instead of the cache")
    parser.add_argument("--rebuild", action="store_true", help="regenerate even if a cached database exists")
    parser.add_argument("--only", default="", help="comma-separated canned query names to time (default: all)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--target-ms", type=float, default=TARGET_P95_MS)
    args = parser.parse_args(argv)
    # a terminated run still stops its Datasette (the finally in serve_and_time)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    db_path = prepare_db(args)
    db = open_db(db_path, create=False)
    print("rows:", json.dumps({t: db[t].count for t in ("documents", "sentences", "persons", "organizations",
                                                         "positions", "mentions", "tenures", "evidence", "ref_claims")}))
    db.close()
    only = {x for x in args.only.split(",") if x}
    slow = report(serve_and_time(db_path, args.requests, args.seed, only), args.target_ms)
    return 0 if slow == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
