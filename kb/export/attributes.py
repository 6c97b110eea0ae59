"""Attribute hygiene that every graph writer checks before writing a byte.

Each client fails differently on bad values: networkx raises on ``None``, reads lists as
dynamic triples, and Gephi refuses data columns called ``id`` or ``label``. So values are
str/int/float/bool only, each attribute keeps one type everywhere, unknown numbers are left
out (no sentinel) and unknown text is ``""``. ``kb.graph`` builds graphs that way; the check
here makes a graph built elsewhere (or edited by a user) fail with a message naming the
element and key instead of producing a file Gephi rejects.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional

import networkx as nx

from ..errors import ExportError

#: Keys the writers put into the element itself (never into attvalues / data columns).
NODE_RESERVED = frozenset({"label"})
EDGE_RESERVED = frozenset({"label", "weight", "start", "end"})
#: Keys no client accepts as a data column name (Gephi: "column already exists").
FORBIDDEN_KEYS = frozenset({"id"})

_GEXF_TYPES = {bool: "boolean", int: "integer", float: "double", str: "string"}


def attribute_types(items: Iterable[tuple[Any, dict[str, Any]]], what: str, reserved: frozenset[str]) -> dict[str, str]:
    """Attribute name -> GEXF type over all nodes or edges; ExportError on unusable values.

    Every writer calls this first, so a graph built elsewhere (or edited by a user) fails with
    a message naming the element and key instead of producing a file Gephi rejects. It runs
    over every value of a 500k-edge graph, hence the flat loop.
    """
    types: dict[str, str] = {}
    gexf_types, forbidden, isfinite = _GEXF_TYPES, FORBIDDEN_KEYS, math.isfinite
    for ident, data in items:
        for key, value in data.items():
            kind = gexf_types.get(type(value))
            if kind is None or key in forbidden or (kind == "double" and not isfinite(value)):
                _refuse(what, ident, key, value)
            if key in reserved:
                continue
            known = types.get(key)
            if known is None:
                if not isinstance(key, str):
                    _refuse(what, ident, key, value)
                types[key] = kind
            elif known != kind:
                raise ExportError(
                    f"{what} attribute {key!r} is {known} elsewhere but {kind} on {ident!r}: "
                    "give it one type everywhere"
                )
    return types


def _refuse(what: str, ident: Any, key: Any, value: Any) -> None:
    if key in FORBIDDEN_KEYS or not isinstance(key, str):
        raise ExportError(f"{what} {ident!r} has a data key {key!r}: rename it (Gephi reserves 'id')")
    raise ExportError(
        f"{what} {ident!r} attribute {key!r} is {value!r}: use str/int/float/bool "
        "(leave unknown numbers out, use '' for unknown text)"
    )


def value_type(value: Any) -> Optional[str]:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return _GEXF_TYPES.get(type(value))


def node_items(graph: nx.Graph) -> Iterable[tuple[Any, dict[str, Any]]]:
    return graph.nodes(data=True)


def edge_items(graph: nx.Graph) -> Iterator[tuple[Any, dict[str, Any]]]:
    if graph.is_multigraph():
        for u, v, k, data in graph.edges(keys=True, data=True):
            yield (u, v, k), data
    else:
        for u, v, data in graph.edges(data=True):
            yield (u, v), data


def check_graph(graph: nx.Graph) -> tuple[dict[str, str], dict[str, str]]:
    return (
        attribute_types(node_items(graph), "node", NODE_RESERVED),
        attribute_types(edge_items(graph), "edge", EDGE_RESERVED),
    )


def writable(path: Path) -> Path:
    path = Path(path)
    if path.parent and not path.parent.exists():
        raise ExportError(f"cannot write {path}: folder {path.parent} does not exist (create it first)")
    return path



def format_value(value: Any) -> str:
    """A value as text: booleans lower case (XML Schema), floats round-trip exactly."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return str(value)
