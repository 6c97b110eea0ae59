"""The one reader of kb's commented TSV word lists, for every stage that keeps its words as data.

Each stage keeps its vocabulary in its own ``lexicons/`` folder (extract: role words, demonyms;
link: party nicknames, gendered styles), but the files share one format: ``#`` lines are
comments, blank lines are skipped, the first other line is the header, cells are tab-separated.
Reading them in one place keeps that format one thing. Nothing here knows about any stage.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=None)
def read_table(path: Path) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """(header, data rows) of a commented TSV file, rows in file order (some rules try their
    entries in order). Cached: each list is read once per process."""
    with path.open(encoding="utf-8") as fh:
        lines = [ln for ln in fh if ln.strip() and not ln.startswith("#")]
    parsed = list(csv.reader(lines, delimiter="\t"))
    return tuple(parsed[0]), tuple(tuple(row) for row in parsed[1:])


def read_groups(path: Path) -> dict[str, frozenset[str]]:
    """``list<TAB>word`` rows grouped by list: several small word classes in one file (cells
    stripped)."""
    out: dict[str, set[str]] = {}
    for row in read_table(path)[1]:
        out.setdefault(row[0].strip(), set()).add(row[1].strip())
    return {name: frozenset(words) for name, words in out.items()}
