"""Benchmark ``kb.store.save_extraction``: milliseconds per document, CPU and wall.

Usage: python scripts/bench_store.py [EVAL_DIR] [--docs 200] [--copies 2] [--reference]
                                     [--cache FILE] [--snapshot FILE] [--compare FILE]
       python scripts/bench_store.py --popular 20000

``--popular N`` times instead one document's write about a post that already has N evidence
rows (N documents about one person and post, a few with a conflicting start), against the
same write about a post with one evidence row (the baseline, same run): a store whose
per-document cost grows with the post shows a ratio far above 1. Needs no data.

Extracts (and links) ``--docs`` MEANTIME+GUM documents once, then times only the store:
every document is saved ``--copies`` times under new ids into a fresh kb.db (later copies
meet entities and tenures already stored, as a news archive does). The baseline, measured in
the same run, is a plain ``executemany`` insert of the same number of evidence rows into a
scratch table, one transaction per document: the floor of any per-document write.

``--reference`` links against the Wikidata subset (imported once into the cache folder) so
that linked entities and link candidates are written too. ``--cache`` keeps the linked
extractions (pickle) so that two code versions store exactly the same input; ``--snapshot``
writes the resulting ``fact_snapshot`` and ``--compare`` checks it against a saved one
(exit 1 when they differ). Exits 0 printing "skipped: <why>" when the data is absent.
"""

from __future__ import annotations

import argparse
import copy
import pickle
import sys
import tempfile
import time
from pathlib import Path
from typing import Optional

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from kb.settings import SHARED_DIR  # noqa: E402
from bench_queries import bulk_insert  # noqa: E402


def linked_extractions(eval_dir: Path, n: int, work: Path, reference: bool) -> list:
    """Extract and link ``n`` documents once (the part this benchmark does not time)."""
    from bench_build import gum_texts, meantime_texts, write_corpus
    from kb import store
    from kb.session import link_extraction, make_linker
    from kb.extract.pipeline import Extractor
    from kb.ingest import iter_documents

    texts = meantime_texts(eval_dir / "meantime-en") + gum_texts(eval_dir / "gum-wikinews")
    write_corpus(texts, n, work / "corpus", n_files=1)
    ref_db = store.open_db(work / "ref.db")
    if reference and not ref_db["ref_entities"].count:
        from kb.link.reference import import_reference

        import_reference(ref_db, [SHARED_DIR / "reference" / "wikidata-subset.jsonl.gz"])
    linker = make_linker(ref_db, online=False) if reference else None
    docs = [d for d in iter_documents([str(work / "corpus")]) if not hasattr(d, "reason")]
    extractions = list(Extractor(lang="en").extract(docs))
    return [link_extraction(linker, e) for e in extractions]


def renamed(linked, copy_no: int):
    """The same linked extraction under a new document id (a new document to the store)."""
    if copy_no == 0:
        return linked
    out = copy.deepcopy(linked)
    doc = out.extraction.document
    doc.id = f"{doc.id}-c{copy_no}"
    doc.content_hash = f"{doc.content_hash}:{copy_no}"
    return out


def time_store(items: list, db_path: Path) -> tuple[float, float]:
    """CPU and wall seconds of ``save_extraction`` over ``items`` into a fresh database."""
    from kb import store

    db = store.open_db(db_path)
    cpu = wall = 0.0
    for item in items:
        c0, w0 = time.process_time(), time.perf_counter()
        store.save_extraction(db, item)
        cpu += time.process_time() - c0
        wall += time.perf_counter() - w0
    db.conn.close()
    return cpu, wall


def time_baseline(items: list, db_path: Path) -> tuple[float, float]:
    """CPU and wall seconds of a plain executemany of each document's evidence rows."""
    from kb import store

    db = store.open_db(db_path)
    db.conn.execute("CREATE TABLE scratch (id TEXT PRIMARY KEY, document_id TEXT, sentence TEXT, a INT, b INT)")
    cpu = wall = 0.0
    for item in items:
        ext = item.extraction
        rows = [(f"{ext.document.id}:{i}", ext.document.id, str(t.sentence), i, i) for i, t in enumerate(ext.tenures)]
        c0, w0 = time.process_time(), time.perf_counter()
        with db.atomic():
            db.conn.executemany("INSERT INTO scratch VALUES (?, ?, ?, ?, ?)", rows)
        cpu += time.process_time() - c0
        wall += time.perf_counter() - w0
    db.conn.close()
    return cpu, wall


def popular_document(doc_id: str, person: str, start: str):
    """A one-sentence linked document: PERSON, chair of Acme Corp since START (fictional)."""
    from kb.model import (DateValue, Document, Entity, Extraction, Link, LinkedExtraction, Mention, Sentence,
                          Span, Tenure)

    text = f"{person}, chair of Acme Corp since {start}, spoke on Monday."
    org_at = text.index("Acme Corp")
    sentence = Sentence(0, 0, len(text), text)
    entities = [Entity(person, "person", [Mention(person, "person", 0, len(person), 0, person, "PERSON")]),
                Entity("Acme Corp", "organization",
                       [Mention("Acme Corp", "organization", org_at, org_at + 9, 0, "Acme Corp", "ORG")])]
    tenure = Tenure(person, "chair", "Acme Corp", start=DateValue(start, "year"), status="current", sentence=0,
                    person_span=Span(0, len(person)), extractor="bench", confidence=0.9)
    doc = Document(id=doc_id, text=text, published=f"2024-{1 + len(doc_id) % 12:02d}-01", content_hash=doc_id)
    links = {("person", person): Link(qid="Q4242" if person == "Ann Example" else "Q4343", score=1.0, method="exact"),
             ("organization", "Acme Corp"): Link(qid="Q5", score=1.0, method="exact")}
    return LinkedExtraction(Extraction(doc, [sentence], entities, [tenure], "en", "bench"), links)


def popular_db(path: Path, n: int) -> None:
    """A kb.db where Ann Example's post has ``n`` evidence rows from ``n`` documents (copies of
    one stored document's rows, bulk-inserted, then the aggregates rebuilt), 2% claiming 2011."""
    from kb import store

    db = store.open_db(path)
    store.save_extraction(db, popular_document("seed", "Ann Example", "2010"))
    store.save_extraction(db, popular_document("other", "Bo Sample", "2010"))
    tables = {t: [dict(zip([c[0] for c in cur.description], r)) for r in cur.fetchall()]
              for t in ("evidence", "mentions", "sentences", "documents")
              for cur in [db.execute(f"SELECT * FROM {t} WHERE {'id' if t == 'documents' else 'document_id'} = 'seed'")]}
    rows: dict[str, list] = {t: [] for t in tables}
    for i in range(n - 1):
        doc_id = f"bulk{i:07d}"
        for table, seed_rows in tables.items():
            for r in seed_rows:
                r = dict(r, id=str(r["id"]).replace("seed", doc_id))
                r["document_id" if table != "documents" else "id"] = doc_id
                if table == "evidence" and i % 50 == 0:
                    r["claimed_start"] = "2011"
                if table == "sentences":
                    r["id"] = f"{doc_id}:0"
                if table in ("evidence", "mentions"):
                    r["sentence_id"] = f"{doc_id}:0"
                rows[table].append(r)
    with db.conn:
        for table, batch in rows.items():
            bulk_insert(db, table, batch)
    store.refresh_all_aggregates(db)
    db.conn.close()


def time_popular(n: int, writes: int = 20) -> int:
    """ms per document written about a post with ``n`` evidence rows vs one with 1 row."""
    from kb import store

    work = Path(tempfile.mkdtemp(prefix="kb-popular-"))
    popular_db(work / "kb.db", n)
    db = store.open_db(work / "kb.db")
    results = {}
    for person in ("Bo Sample", "Ann Example"):  # Bo's post has one row: the baseline
        started = time.perf_counter()
        for i in range(writes):
            store.save_extraction(db, popular_document(f"new-{person[:3]}-{i}", person, "2010"))
        results[person] = 1000 * (time.perf_counter() - started) / writes
    db.conn.close()
    print(f"post with 1 evidence row: {results['Bo Sample']:.1f} ms/doc (baseline)")
    print(f"post with {n} evidence rows: {results['Ann Example']:.1f} ms/doc")
    print(f"ratio popular/baseline: {results['Ann Example'] / max(results['Bo Sample'], 1e-9):.1f}x")
    return 0


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("eval_dir", nargs="?", default=str(SHARED_DIR / "eval"))
    ap.add_argument("--docs", type=int, default=200, help="documents extracted (once)")
    ap.add_argument("--copies", type=int, default=2, help="times each document is stored")
    ap.add_argument("--reference", action="store_true", help="link against the Wikidata subset")
    ap.add_argument("--cache", help="pickle of linked extractions (written if absent)")
    ap.add_argument("--snapshot", help="write the fact snapshot (pickle) here")
    ap.add_argument("--compare", help="compare the fact snapshot with this saved one")
    ap.add_argument("--popular", type=int, default=0,
                    help="instead: time writes about a post with this many evidence rows (no data needed)")
    args = ap.parse_args(argv)
    if args.popular:
        return time_popular(args.popular)
    root = Path(args.eval_dir)
    if not (root / "meantime-en").exists() or not (root / "gum-wikinews").exists():
        print(f"skipped: MEANTIME/GUM not present under {root}")
        return 0
    work = Path(tempfile.mkdtemp(prefix="kb-store-"))
    cache = Path(args.cache) if args.cache else None
    if cache and cache.exists():
        base = pickle.loads(cache.read_bytes())
    else:
        base = linked_extractions(root, args.docs, cache.parent if cache else work, args.reference)
        if cache:
            cache.write_bytes(pickle.dumps(base))
    items = [renamed(x, c) for c in range(args.copies) for x in base]
    n = len(items)
    b_cpu, b_wall = time_baseline(items, work / "baseline.db")
    s_cpu, s_wall = time_store(items, work / "kb.db")
    n_ev = sum(len(x.extraction.tenures) for x in items)
    print(f"documents stored: {n} ({len(base)} extracted x {args.copies}), evidence claims: {n_ev}")
    print(f"save_extraction: {1000 * s_cpu / n:.2f} ms/doc CPU, {1000 * s_wall / n:.2f} ms/doc wall")
    print(f"baseline executemany: {1000 * b_cpu / n:.2f} ms/doc CPU, {1000 * b_wall / n:.2f} ms/doc wall")
    print(f"ratio save_extraction/baseline: {s_cpu / max(b_cpu, 1e-9):.1f}x CPU, {s_wall / max(b_wall, 1e-9):.1f}x wall")
    return _check_snapshot(work / "kb.db", args.snapshot, args.compare)


def _check_snapshot(db_path: Path, out: Optional[str], against: Optional[str]) -> int:
    """Write and/or compare the fact snapshot: the faster store must build the same kb."""
    if not out and not against:
        return 0
    from kb.build import fact_snapshot

    snap = fact_snapshot(db_path)
    if out:
        Path(out).write_bytes(pickle.dumps(snap))
    if against:
        saved = pickle.loads(Path(against).read_bytes())
        diff = [t for t in set(saved) | set(snap) if saved.get(t) != snap.get(t)]
        print("snapshot: identical" if not diff else f"snapshot: DIFFERS in {sorted(diff)}")
        return 1 if diff else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
