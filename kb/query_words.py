"""SQL functions that let canned queries take a user's wording (registered on Datasette's connections).

A journalist types "NATO secretary general", "secretary-general", "Q7184" or "Apple"; kb stores
the role "secretary general" of the organisation "NATO" and the organisation "Apple Inc.". The
canned queries of metadata.yml match such wording with a few deterministic functions, so the
rules live here once (built on :func:`kb.names.name_key` and the reference's own lookup form
:func:`kb.link.names.norm`) and every lookup stays an indexed one:

- ``kb_name_key(text)``: kb's name key (case, accents and punctuation folded: "Secretary-General"
  -> "secretary general");
- ``kb_ref_norm(text)``: the key ``ref_names.norm`` is stored under (aliases of linked entities);
- ``kb_role_org_splits(text)``: the ways a wording splits into a role and an organisation, as
  a JSON array of ``[role_key, org_key]`` pairs read with ``json_each``.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Callable, Optional

from .link.names import norm
from .names import name_key

__all__ = ["FUNCTIONS", "register_functions", "role_org_splits"]

#: Words that join a role and its organisation ("secretary general *of the* NATO", "NATO*'s*").
_JOINERS_AFTER_ROLE = ("of the", "of", "at the", "at", "for the", "for", "in the", "in", "the")
_JOINERS_AFTER_ORG = ("s",)  # the possessive: name_key turns "NATO's" into "nato s"


def _key(text: Optional[str]) -> Optional[str]:
    return None if text is None else name_key(str(text))


def _ref_norm(text: Optional[str]) -> Optional[str]:
    return None if text is None else norm(str(text))


def _strip_prefix(words: list[str], joiners: tuple[str, ...]) -> list[str]:
    """Drop one leading joiner phrase (the longest that matches)."""
    for joiner in joiners:
        parts = joiner.split()
        if words[: len(parts)] == parts and len(words) > len(parts):
            return words[len(parts):]
    return words


def _strip_suffix(words: list[str], joiners: tuple[str, ...]) -> list[str]:
    for joiner in joiners:
        parts = joiner.split()
        if len(words) > len(parts) and words[-len(parts):] == parts:
            return words[: -len(parts)]
    return words


def role_org_splits(text: Optional[str]) -> list[tuple[str, str]]:
    """Every way ``text`` reads as a role and an organisation, in either order.

    "NATO secretary general" -> ("nato secretary", "general"), ("secretary general", "nato"), ...
    ("secretary general of the Netherlands" -> ("secretary general", "netherlands")). The role
    part is a contiguous run of words at one end, the organisation the rest, so word order
    inside each part is kept: "general secretary" never becomes "secretary general". A query
    matches a split only when both parts name something kb has (the role of a post whose
    organisation bears that name), so the wrong splits find nothing.
    """
    words = (_key(text) or "").split()
    splits: list[tuple[str, str]] = []
    for i in range(1, len(words)):
        head, tail = words[:i], words[i:]
        # role first: "secretary general of NATO"
        org = _strip_prefix(tail, _JOINERS_AFTER_ROLE)
        splits.append((" ".join(head), " ".join(org)))
        # organisation first: "NATO's secretary general", "the Dutch ... " (article dropped)
        org = _strip_suffix(_strip_prefix(head, ("the",)), _JOINERS_AFTER_ORG)
        splits.append((" ".join(tail), " ".join(org)))
    return list(dict.fromkeys(s for s in splits if s[0] and s[1]))


def _splits_json(text: Optional[str]) -> str:
    return json.dumps(role_org_splits(text))


#: name -> (number of arguments, function); all deterministic, so SQLite computes a call on a
#: constant argument (a query parameter) once per statement and may use them in indexes.
FUNCTIONS: dict[str, tuple[int, Callable]] = {
    "kb_name_key": (1, _key),
    "kb_ref_norm": (1, _ref_norm),
    "kb_role_org_splits": (1, _splits_json),
}


def register_functions(conn: sqlite3.Connection) -> None:
    """Add kb's wording functions to a connection (Datasette's, or a test's own)."""
    for name, (n_args, fn) in FUNCTIONS.items():
        conn.create_function(name, n_args, fn, deterministic=True)
