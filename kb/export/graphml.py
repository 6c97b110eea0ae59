"""GraphML (static attributes) for Gephi, yEd, Cytoscape and networkx, via networkx's writer
after kb's attribute check (Gephi maps the ``label`` and ``weight`` keys itself)."""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from .attributes import check_graph, value_type, writable


def write_graphml(graph: nx.Graph, path: str | Path) -> None:
    """GraphML via networkx after the same hygiene check (Gephi maps label/weight keys)."""
    check_graph(graph)
    clean = graph.copy()
    clean.graph = {k: v for k, v in graph.graph.items() if value_type(v) is not None}
    nx.write_graphml(clean, str(writable(Path(path))))
