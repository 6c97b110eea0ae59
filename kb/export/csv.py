"""nodes.csv and edges.csv in Gephi's spreadsheet-import layout (Id/Label, Source/Target)."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import networkx as nx

from ..errors import ExportError
from .attributes import check_graph, edge_items, format_value


def write_csv(graph: nx.Graph, directory: str | Path) -> tuple[Path, Path]:
    """nodes.csv and edges.csv in Gephi's spreadsheet-import layout (Id/Label, Source/Target).

    Unknown values are empty cells; ``start``/``end`` columns can be merged into a time
    interval in Gephi's Data Laboratory.
    """
    node_types, edge_types = check_graph(graph)
    folder = Path(directory)
    if folder.exists() and not folder.is_dir():
        raise ExportError(f"{folder} is a file: csv export needs a folder (-o DIR)")
    folder.mkdir(parents=True, exist_ok=True)
    nodes_path, edges_path = folder / "nodes.csv", folder / "edges.csv"
    node_cols = ["type"] + sorted(k for k in node_types if k != "type")
    with open(nodes_path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["Id", "Label"] + node_cols)
        for node, data in graph.nodes(data=True):
            writer.writerow([node, data.get("label", node)] + [_cell(data.get(c)) for c in node_cols])
    edge_cols = ["relation"] + sorted(k for k in edge_types if k != "relation") + ["start", "end"]
    direction = "Directed" if graph.is_directed() else "Undirected"
    with open(edges_path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["Source", "Target", "Type", "Id", "Label", "Weight"] + edge_cols)
        for number, (ident, data) in enumerate(edge_items(graph)):
            edge_id = str(ident[2]) if len(ident) == 3 else f"e{number}"
            writer.writerow([ident[0], ident[1], direction, edge_id, _cell(data.get("label")),
                             _cell(data.get("weight"))] + [_cell(data.get(c)) for c in edge_cols])
    return nodes_path, edges_path


def _cell(value: Any) -> str:
    return "" if value is None else format_value(value)
