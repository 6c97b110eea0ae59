#!/usr/bin/env python
"""Fragments: one real organisation or person stored as several rows of kb.db.

Usage: python scripts/fragments.py --db kb.db [--compare OTHER.db]
       python scripts/fragments.py INPUT.jsonl [--limit N] [--template REF.db] [--keep DB] [--both-orders]

Lists the groups of ``organizations`` rows that share a QID or an organisation key
(``kb.names.org_key``: "Apple Inc." = "Apple" = "Apple's"), and of ``persons`` rows that share a QID
or a full normalised name (``kb.names.name_key``). Person rows that kb keeps apart on purpose are
not counted: one-word names (kept per document, ``@doc``) and numbered namesakes (``~2``: two
people of one name whose posts differ). With an INPUT, the first ``--limit`` documents are built
first with kb's own CLI into a fresh database (a copy of ``--template``, e.g. a database holding
only the imported reference, when given). Prints the groups and one summary line:
``fragments: organizations N groups (M rows), persons N groups (M rows)``.

The order documents are built in must not matter. ``--both-orders`` builds the documents a
second time in reverse order; ``--compare`` reads a second database (e.g. the same documents
built in another order). Each database gets a line of totals, with the posts that one name
holds under several person rows ("Steve Jobs listed three times as CEO"), and one line says how
many persons, organisations and tenures (holder, post and dates) only one of the two holds;
these lines come before the groups, so the summary line stays the last.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
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


def repeated_posts(db: sqlite_utils.Database) -> tuple[int, int]:
    """(posts, person rows): posts (role and organisation key) that one normalised person name
    holds under more than one person row, and those rows. One-word names are kept per document
    (``@doc``) on purpose and not counted."""
    holders: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for pid, name, role, org in db.execute(
            "SELECT t.person_id, p.name, t.role, o.name FROM tenures t JOIN persons p ON p.id = t.person_id "
            "LEFT JOIN organizations o ON o.id = t.organization_id"):
        if "@" not in pid:
            holders[(name_key(name or ""), role, org_key(org) if org else "-")].add(pid)
    repeated = [ids for ids in holders.values() if len(ids) > 1]
    return len(repeated), sum(len(ids) for ids in repeated)


def totals(db: sqlite_utils.Database) -> str:
    """One line of row counts and repeated posts."""
    n = {t: db.execute(f"SELECT count(*) FROM [{t}]").fetchone()[0] for t in ("persons", "organizations", "tenures")}
    posts, rows = repeated_posts(db)
    return (f"persons {n['persons']}, organizations {n['organizations']}, tenures {n['tenures']}, "
            f"same name listed several times with the same post: {posts} posts ({rows} person rows)")


def _facts(db: sqlite_utils.Database) -> dict[str, Counter]:
    """What a database holds, by content: person and organisation ids, and tenures as
    (holder, post, start, end), so that tenure ids (hashes of the first claim) do not count."""
    return {
        "persons": Counter(r[0] for r in db.execute("SELECT id FROM persons")),
        "organizations": Counter(r[0] for r in db.execute("SELECT id FROM organizations")),
        "tenures": Counter(tuple(r) for r in db.execute('SELECT person_id, position_id, start, "end" FROM tenures')),
    }


def _unnumbered(facts: dict[str, Counter]) -> dict[str, Counter]:
    """The facts with numbered namesakes (``person:x~2``) under their name's id: which of two
    namesakes a build numbers depends on the order they came in, not what they hold."""
    def base(pid: str) -> str:
        return pid.split("~", 1)[0] if pid.startswith("person:") else pid

    out = {kind: Counter() for kind in facts}
    for pid, n in facts["persons"].items():
        out["persons"][base(pid)] += n
    out["organizations"] = facts["organizations"]
    for (pid, *rest), n in facts["tenures"].items():
        out["tenures"][(base(pid), *rest)] += n
    return out


def order_difference(a: sqlite_utils.Database, b: sqlite_utils.Database) -> str:
    """One line: the rows only one of two builds of the same documents holds (and how many of
    them remain when numbered namesakes are compared by name)."""
    fa, fb = _facts(a), _facts(b)
    ua, ub = _unnumbered(fa), _unnumbered(fb)

    def differ(x: Counter, y: Counter) -> int:
        return sum(((x - y) + (y - x)).values())

    parts = [f"{kind} {differ(fa[kind], fb[kind])} ({differ(ua[kind], ub[kind])})" for kind in fa]
    return ("rows in only one of the two builds (in brackets: numbered namesakes compared by name): "
            + ", ".join(parts))


def build(input_path: Path, limit: int, db_path: Path, template: Path | None, reverse: bool = False) -> None:
    """Build the first ``limit`` documents of a JSONL file with kb's CLI into ``db_path`` (in
    reverse order with ``reverse``)."""
    if template is not None:
        shutil.copy(template, db_path)
    part = db_path.with_suffix(".input.jsonl")
    with open(input_path, encoding="utf-8") as src, open(part, "w", encoding="utf-8") as dst:
        lines = list(islice(src, limit))
        dst.writelines(reversed(lines) if reverse else lines)
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
    ap.add_argument("--both-orders", action="store_true",
                    help="build INPUT a second time in reverse order and compare the two builds")
    ap.add_argument("--compare", help="with --db: a second database of the same documents to compare with")
    args = ap.parse_args(argv)
    if args.db:
        db = sqlite_utils.Database(args.db)
        _print_orders(db, sqlite_utils.Database(args.compare) if args.compare else None, "this", "other")
        print(report(fragments(db)))
        return 0
    if not args.input:
        ap.error("give INPUT.jsonl or --db")
    template = Path(args.template) if args.template else None
    with tempfile.TemporaryDirectory(prefix="kb-fragments-") as tmp:
        db_path = Path(args.keep) if args.keep else Path(tmp) / "kb.db"
        build(Path(args.input), args.limit, db_path, template)
        db = sqlite_utils.Database(db_path)
        other = None
        if args.both_orders:
            build(Path(args.input), args.limit, Path(tmp) / "reverse.db", template, reverse=True)
            other = sqlite_utils.Database(Path(tmp) / "reverse.db")
        _print_orders(db, other, "forward", "reverse")
        print(report(fragments(db)))
    return 0


def _print_orders(db: sqlite_utils.Database, other: sqlite_utils.Database | None, name: str, other_name: str) -> None:
    print(f"{name}: {totals(db)}")
    if other is not None:
        print(f"{other_name}: {totals(other)}")
        print(order_difference(db, other))


if __name__ == "__main__":
    sys.exit(main())
