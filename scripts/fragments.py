#!/usr/bin/env python
"""Fragments: one real organisation or person stored as several rows of kb.db.

Usage: python scripts/fragments.py --db kb.db
       python scripts/fragments.py INPUT.jsonl [--limit N] [--template REF.db] [--keep DB]

Lists the groups of ``organizations`` rows that share a QID or an organisation key
(``kb.names.org_key``: "Apple Inc." = "Apple" = "Apple's"), and of ``persons`` rows that share a QID
or a full normalised name (``kb.names.name_key``). Person rows that kb keeps apart on purpose are
not counted: one-word names (kept per document, ``@doc``) and numbered namesakes (``~2``: two
people of one name whose posts differ). With an INPUT, the first ``--limit`` documents are built
first with kb's own CLI into a fresh database (a copy of ``--template``, e.g. a database holding
only the imported reference, when given). Prints the groups and one summary line:
``fragments: organizations N groups (M rows), persons N groups (M rows)``.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from itertools import islice
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlite_utils  # noqa: E402

from kb.names import name_key, org_key  # noqa: E402


def _groups(rows: list[tuple[str, str, str]], key) -> list[list[tuple[str, str, str]]]:
    """Rows (id, name, qid) joined into groups that share a QID or a key (union-find)."""
    parent = {r[0]: r[0] for r in rows}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    by: dict[tuple[str, str], str] = {}
    for rid, name, qid in rows:
        for k in ([("qid", qid)] if qid else []) + [("key", key(name or ""))]:
            if k[1] in ("", None):
                continue
            if k in by:
                parent[find(rid)] = find(by[k])
            else:
                by[k] = rid
    members: dict[str, list] = defaultdict(list)
    for r in rows:
        members[find(r[0])].append(r)
    return sorted((sorted(g) for g in members.values() if len(g) > 1), key=lambda g: (-len(g), g[0][1] or ""))


def _kept_apart(person_id: str) -> bool:
    """Rows kb keeps apart by design: one-word names per document, numbered namesakes."""
    return "@" in person_id or "~" in person_id


def fragments(db: sqlite_utils.Database) -> dict[str, list[list[tuple[str, str, str]]]]:
    """{"organizations": groups, "persons": groups}: rows of one entity stored more than once."""
    orgs = [tuple(r) for r in db.execute("SELECT id, name, qid FROM organizations")]
    persons = [tuple(r) for r in db.execute("SELECT id, name, qid FROM persons") if not _kept_apart(r[0])]
    return {"organizations": _groups(orgs, org_key), "persons": _groups(persons, name_key)}


def build(input_path: Path, limit: int, db_path: Path, template: Path | None) -> None:
    """Build the first ``limit`` documents of a JSONL file with kb's CLI into ``db_path``."""
    if template is not None:
        shutil.copy(template, db_path)
    part = db_path.with_suffix(".input.jsonl")
    with open(input_path, encoding="utf-8") as src, open(part, "w", encoding="utf-8") as dst:
        dst.writelines(islice(src, limit))
    proc = subprocess.run([sys.executable, "-m", "kb", "build", str(part), "--db", str(db_path)],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"kb build failed:\n{proc.stdout}\n{proc.stderr}")


def report(found: dict[str, list]) -> str:
    lines = []
    for kind, groups in found.items():
        for g in groups:
            lines.append(f"{kind}: " + " | ".join(f"{name} [{rid}]" for rid, name, _ in g))
    summary = ", ".join(f"{kind} {len(groups)} groups ({sum(len(g) for g in groups)} rows)"
                        for kind, groups in found.items())
    lines.append(f"fragments: {summary}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("input", nargs="?", help="JSONL documents to build first")
    ap.add_argument("--db", help="an existing kb.db to inspect (no build)")
    ap.add_argument("--limit", type=int, default=200, help="documents of INPUT to build (default 200)")
    ap.add_argument("--template", help="copy this database first (e.g. one holding the imported reference)")
    ap.add_argument("--keep", help="build into this path and keep it")
    args = ap.parse_args(argv)
    if args.db:
        print(report(fragments(sqlite_utils.Database(args.db))))
        return 0
    if not args.input:
        ap.error("give INPUT.jsonl or --db")
    with tempfile.TemporaryDirectory(prefix="kb-fragments-") as tmp:
        db_path = Path(args.keep) if args.keep else Path(tmp) / "kb.db"
        build(Path(args.input), args.limit, db_path, Path(args.template) if args.template else None)
        print(report(fragments(sqlite_utils.Database(db_path))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
