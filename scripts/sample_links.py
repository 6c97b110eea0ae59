"""Draw random person and organisation links from a kb build of real news, for judging by hand.

Builds the BBC corpus (``../shared/eval/news-corpus/bbc.jsonl``: 887 business/politics articles
without gold) into a kb.db with the evaluators' reference (politicians subset, organisations and
their index files), then draws, with a fixed seed, N links of each type — a link is one
(document, linked entity) pair — and prints each with its first evidence sentence and what the
reference says about the QID (label, description, kind, country, birth, inception, posts held),
so a reader can judge it right or wrong. The precision of the linker on news the reference only
partly covers is what this measures: the corpus has no gold.

Usage: python scripts/sample_links.py [--db /tmp/bbc.db] [--n 50] [--seed 20261207] [--workers 1]
An existing --db is reused (delete it to rebuild after a linker change).
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
from pathlib import Path
from typing import Optional

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kb.settings import REFERENCE_FILES, SHARED_DIR  # noqa: E402
from kb.store import open_db  # noqa: E402

_TABLES = {"person": "persons", "organization": "organizations"}


def build(db_path: Path, corpus: Path, workers: int) -> None:
    """Import the reference and build the corpus with the CLI (as a user would)."""
    kb = [sys.executable, "-m", "kb"]
    refs = [str(SHARED_DIR / "reference" / f) for f in REFERENCE_FILES]
    subprocess.run([*kb, "reference", "import", *refs, "--db", str(db_path)], check=True)
    subprocess.run([*kb, "build", str(corpus), "--db", str(db_path), "--quiet", "--workers", str(workers)],
                   check=True)


def links(conn, etype: str) -> list[tuple]:
    """(document, entity id, QID, name, link score, method, evidence sentence) per linked entity
    and document, in a stable order (sampling is then reproducible)."""
    table = _TABLES[etype]
    return conn.execute(
        f"SELECT m.document_id, e.id, e.qid, e.name, e.link_score, e.link_method, "
        f"(SELECT s.text FROM mentions m2 LEFT JOIN sentences s ON s.id = m2.sentence_id "
        f" WHERE m2.document_id = m.document_id AND m2.entity_id = e.id ORDER BY m2.start LIMIT 1) "
        f"FROM mentions m JOIN {table} e ON e.id = m.entity_id "
        f"WHERE m.entity_type = ? AND e.qid IS NOT NULL "
        f"GROUP BY m.document_id, e.id ORDER BY m.document_id, e.id", [etype]).fetchall()


def describe(conn, qid: str) -> str:
    """What the reference holds about a QID, in one line."""
    row = conn.execute("SELECT label, description, birth_date, kind FROM ref_entities WHERE qid = ?", [qid]).fetchone()
    if row is None:
        return "(not in the reference)"
    label, description, birth, kind = row
    parts = [f"{label!r}", kind or ""]
    if description:
        parts.append(description)
    if birth:
        parts.append(f"born {birth}")
    claims = conn.execute("SELECT property, value, start, \"end\" FROM ref_claims WHERE qid = ? AND property IN "
                          "('kb:kind', 'kb:country', 'P571', 'P17', 'P39') ORDER BY property, start", [qid]).fetchall()
    kinds = [v for p, v, _, _ in claims if p == "kb:kind"]
    if kinds:
        parts.append("kind: " + "; ".join(kinds[:3]))
    countries = [v for p, v, _, _ in claims if p in ("kb:country", "P17")]
    if countries:
        parts.append("country: " + ",".join(dict.fromkeys(countries)))
    inception = [v for p, v, _, _ in claims if p == "P571"]
    if inception:
        parts.append(f"inception {inception[0]}")
    posts = []
    for _, pos, start, end in [c for c in claims if c[0] == "P39"][:6]:
        plabel = conn.execute("SELECT coalesce(label, (SELECT name FROM ref_names WHERE qid = ? LIMIT 1)) "
                              "FROM ref_entities WHERE qid = ?", [pos, pos]).fetchone()
        posts.append(f"{plabel[0] if plabel else pos} {start or '?'}–{end or ''}")
    if posts:
        parts.append("posts: " + "; ".join(posts))
    return " | ".join(p for p in parts if p)


def sample(conn, etype: str, n: int, seed: int) -> list[tuple]:
    rows = links(conn, etype)
    rng = random.Random(f"{seed}:{etype}")
    return rng.sample(rows, min(n, len(rows))), len(rows)


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", default="/tmp/kb-sample-links-bbc.db")
    ap.add_argument("--corpus", default=str(SHARED_DIR / "eval" / "news-corpus" / "bbc.jsonl"))
    ap.add_argument("--n", type=int, default=50)
    ap.add_argument("--seed", type=int, default=20261207)
    ap.add_argument("--workers", type=int, default=1)
    args = ap.parse_args(argv)
    db_path, corpus = Path(args.db), Path(args.corpus)
    if not db_path.exists():
        missing = [f for f in REFERENCE_FILES if not (SHARED_DIR / "reference" / f).exists()]
        if not corpus.exists() or missing:
            print(f"skipped: {corpus} or reference files {missing} absent")
            return 0
        build(db_path, corpus, args.workers)
    conn = open_db(db_path).conn
    for etype in ("person", "organization"):
        picked, total = sample(conn, etype, args.n, args.seed)
        print(f"\n== {len(picked)} of {total} {etype} links (document, entity) drawn with seed {args.seed}")
        for i, (doc, _, qid, name, score, method, sentence) in enumerate(picked, 1):
            print(f"\n[{etype[0]}{i:02d}] {name!r} -> {qid}  score={score} method={method}  ({doc})")
            print(f"     reference: {describe(conn, qid)}")
            print(f"     evidence:  {' '.join((sentence or '').split())[:400]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
