"""Reference names (Wikidata persons, parties, states) shipped with the German model: reading them
and the folding they are matched with, and cutting spans at English possessives."""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Optional




HERE = Path(__file__).resolve().parent


MODEL_DIR = HERE / "model"


#: Name of the reference-name list inside a model directory (``train_de_ner.py --names``).
NAMES_FILE = "reference_names.tsv.gz"


REFERENCE_NAMES = MODEL_DIR / NAMES_FILE


POSSESSIVE_CLITICS = frozenset({"'s", "’s"})


#: Longest capitalised run looked up as a reference person name when no member tagged it.
MAX_GAZETTEER_TOKENS = 4


def fold_name(text: str) -> str:
    """Accent-, case- and space-insensitive key: "Viktor  Orbán" == "viktor orban"."""
    import unicodedata

    text = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).lower().split())


@dataclass(frozen=True)
class ReferenceNames:
    """Exact names from kb's reference data by kind: persons, organisations (parties,
    alliances), places (states, regions). A name listed under two kinds says nothing."""

    persons: frozenset[str] = frozenset()
    orgs: frozenset[str] = frozenset()
    places: frozenset[str] = frozenset()

    def kind(self, text: str) -> Optional[str]:
        """"PER", "ORG", "LOC" for a name of exactly one kind, else None."""
        key = fold_name(text)
        kinds = [k for k, names in (("PER", self.persons), ("ORG", self.orgs), ("LOC", self.places)) if key in names]
        return kinds[0] if len(kinds) == 1 else None


@lru_cache(maxsize=4)
def reference_names(path: Path = REFERENCE_NAMES) -> ReferenceNames:
    """Read ``kind<TAB>folded name`` lines (written by ``train_de_ner.py --names``); empty if absent."""
    if not Path(path).exists():
        return ReferenceNames()
    groups: dict[str, set[str]] = {"PER": set(), "ORG": set(), "LOC": set()}
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            kind, _, name = line.rstrip("\n").partition("\t")
            if kind in groups and name:
                groups[kind].add(name)
    return ReferenceNames(frozenset(groups["PER"]), frozenset(groups["ORG"]), frozenset(groups["LOC"]))


def _is_possessive_at(words: list[str], k: int, start: int) -> bool:
    return words[k] in POSSESSIVE_CLITICS or (k > start and words[k].endswith(("'s", "’s")))


def split_possessives(votes: list[set[tuple[int, int, str]]], words: list[str]) -> list[set[tuple[int, int, str]]]:
    """Cut members' spans at an English possessive that another member already cuts at.

    "Slovakia 's Robert Fico" as one ORG is an English construction a German model does not
    know; when another member has a span starting right after the clitic ("Robert Fico"),
    the long span is cut there and keeps its label, so the members can agree. Without such
    evidence the span stays: names themselves hold possessives ("Germany 's Next Topmodel",
    "Miller 's" shops), and those are one name.
    """
    starts = {s for vote in votes for s, _e, _l in vote}
    out = []
    for vote in votes:
        cut_vote = set()
        for start, end, label in vote:
            cut = start
            for k in range(start, end - 1):
                if _is_possessive_at(words, k, start) and k + 1 in starts:
                    cut = k + 1
            cut_vote.add((cut, end, label))
        out.append(cut_vote)
    return out
