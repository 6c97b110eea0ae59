"""List person and organisation names of a kb build that a reader would not believe as names.

A name is suspicious when it shows one of the faults kb's name cleaning is meant to remove
(issue 18, "Names you can believe"): a leading word that is a party, occupation, rank or title
("Conservative Michael Howard", "Farmer Jane Roe"), a trailing post-nominal ("Jane Roe MP"), a
spaced or long dash inside ("Jane Roe - the"), a lower-case word after the name, a possessive
fragment ("'s Pension", "Roe's Facility"), a plural common noun ("Labour MPs") or a
constituency-like place ("Leeds North West") stored as a person. The checks are independent of
kb's own rules (plain patterns over the stored names), so a before/after pair of builds
measures what the cleaning changed.

Usage: python scripts/suspicious_names.py DB [DB2] [--list]
With two databases it prints the counts side by side (before -> after) and, with --list, the
names of each class that only one of them holds.
"""

from __future__ import annotations

import argparse
import re
import sqlite3
from collections import defaultdict

#: Leading words that are no part of a person's name: parties, occupations, ranks, titles.
_LEADING = {
    "conservative", "tory", "labour", "liberal", "democrat", "republican", "blairite", "brownite", "lib",
    "backbencher", "farmer", "guardsman", "constable", "colonel", "sergeant", "dj", "msp", "mp", "mep",
    "general", "captain", "commander", "chancellor", "minister", "secretary", "president", "chairman",
    "rabbi", "judge", "lawyer", "analyst", "economist", "welshman", "scotsman", "yet", "only", "former",
}
_POSTNOMINAL = re.compile(r"\s(MP|MSP|MEP|MLA|AM|QC|KC|TD|OBE|CBE|MBE|KBE|DBE|JP|PC|FRS)$")
_DASH = re.compile(r"\s[-–—]\s|[–—]")
_LOWER_TAIL = re.compile(r"\s(?!(?:van|von|de|der|den|da|di|du|la|le|bin|ibn|al|el|ten|ter|of|y|dos|das|del)$)"
                         r"[a-z][a-z]*$")
_POSSESSIVE = re.compile(r"^['’]s\b|['’]s\s")
_PLURAL = re.compile(r"\b(MPs|MSPs|MEPs|Tories|Lords|Peers|Ministers|Officials|Democrats|Republicans)$")
_PLACE = re.compile(r"\b(North|South|East|West)(\s(North|South|East|West))?(\s(MP|MSP))?$|\bCentral$")


def classes(name: str, kind: str) -> list[str]:
    """The suspicious classes a stored name falls in (empty for a believable one)."""
    out = []
    first = name.split()[0].lower() if name.split() else ""
    if kind == "person" and first in _LEADING and len(name.split()) > 1:
        out.append("leading word")
    if kind == "person" and _POSTNOMINAL.search(name):
        out.append("post-nominal")
    if _DASH.search(name):
        out.append("dash")
    if kind == "person" and _LOWER_TAIL.search(name):
        out.append("lower-case tail")
    if _POSSESSIVE.search(name):
        out.append("possessive")
    if kind == "person" and _PLURAL.search(name):
        out.append("plural noun")
    if kind == "person" and _PLACE.search(name) and len(name.split()) > 1:
        out.append("place")
    if kind == "person" and name in ("Labour", "Tories", "Conservatives", "Lib Dems"):
        out.append("party as person")
    return out


def suspicious(db: str) -> dict[tuple[str, str], set[str]]:
    """(kind, class) -> suspicious names of one build."""
    out: dict[tuple[str, str], set[str]] = defaultdict(set)
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    for kind, table in (("person", "persons"), ("organization", "organizations")):
        for (name,) in conn.execute(f"SELECT name FROM {table}"):
            for c in classes(name, kind):
                out[(kind, c)].add(name)
    conn.close()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dbs", nargs="+")
    ap.add_argument("--list", action="store_true", help="print the names (only those that differ with two builds)")
    args = ap.parse_args()
    runs = [suspicious(db) for db in args.dbs[:2]]
    keys = sorted(set().union(*runs))
    for key in keys:
        counts = " -> ".join(str(len(r.get(key, ()))) for r in runs)
        print(f"{key[0]:12} {key[1]:16} {counts}")
        if args.list:
            if len(runs) == 1:
                names = sorted(runs[0].get(key, ()))
            else:
                names = sorted(runs[0].get(key, set()) ^ runs[1].get(key, set()))
            for n in names:
                mark = "" if len(runs) == 1 else ("- " if n in runs[0].get(key, ()) else "+ ")
                print(f"    {mark}{n}")
    totals = " -> ".join(str(len(set().union(*r.values()) if r else 0)) for r in runs)
    print(f"{'total':29} {totals}")


if __name__ == "__main__":
    main()
