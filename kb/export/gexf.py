"""GEXF 1.2 for Gephi (and Gephi Lite), streamed line by line with a timeline.

``mode="dynamic"``, ``timeformat="date"`` and start/end attributes per the spec: a holds edge
spans its tenure. networkx's own writer adds a ``networkx_key`` attribute, pops an edge
``type`` key as the edge direction and builds the whole tree in memory, which is slow and
large at 500k edges; this writer streams instead.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any, Callable, TextIO

import networkx as nx

from ..prefixdate import first_day
from .attributes import check_graph, edge_items, format_value, node_items, writable

GEXF_NS = "http://www.gexf.net/1.2draft"
GEXF_VIZ_NS = "http://www.gexf.net/1.2draft/viz"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
GEXF_SCHEMA_LOCATION = f"{GEXF_NS} http://www.gexf.net/1.2draft/gexf.xsd"

# XML 1.0 forbids most C0 control characters even as character references.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ATTR_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;",
                               "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})
_NEEDS_ESCAPE = re.compile('[&<>"\n\r\t\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]')


def _xml_attr(value: Any) -> str:
    """A value as an XML attribute, quotes included; control characters XML forbids dropped."""
    return '"' + _escape(value) + '"'


def _escape(value: Any) -> str:
    """Attribute text without quotes. Most values need no escaping: test before rewriting."""
    text = value if type(value) is str else format_value(value)
    if _NEEDS_ESCAPE.search(text) is None:
        return text
    return _XML_INVALID.sub("", text).translate(_ATTR_ESCAPES)





def write_gexf(graph: nx.Graph, path: str | Path) -> None:
    """Write GEXF 1.2 that Gephi imports with a timeline (edges' start/end as dates).

    Streams line by line, so a 500k-edge graph needs no XML tree in memory.
    """
    node_types, edge_types = check_graph(graph)
    path = writable(Path(path))
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        _write_gexf_head(out, graph, node_types, edge_types)
        _write_gexf_nodes(out, graph, node_types)
        _write_gexf_edges(out, graph, edge_types)
        out.write("  </graph>\n</gexf>\n")


def _write_gexf_head(out: TextIO, graph: nx.Graph, node_types: dict[str, str], edge_types: dict[str, str]) -> None:
    dynamic = any("start" in d or "end" in d for _, d in edge_items(graph)) or any(
        "start" in d or "end" in d for _, d in node_items(graph)
    )
    desc = "kb knowledge base graph" + (f", open tenures closed at {graph.graph['as_of']}" if graph.graph.get("as_of") else "")
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(f'<gexf xmlns="{GEXF_NS}" xmlns:viz="{GEXF_VIZ_NS}" xmlns:xsi="{XSI_NS}" '
              f'xsi:schemaLocation="{GEXF_SCHEMA_LOCATION}" version="1.2">\n')
    out.write(f'  <meta lastmodifieddate="{date.today().isoformat()}">\n'
              f"    <creator>kb</creator>\n    <description>{_xml_text(desc)}</description>\n  </meta>\n")
    mode = ' mode="dynamic" timeformat="date"' if dynamic else ' mode="static"'
    edge_default = "directed" if graph.is_directed() else "undirected"
    out.write(f'  <graph defaultedgetype="{edge_default}"{mode}>\n')
    for cls, types in (("node", node_types), ("edge", edge_types)):
        out.write(f'    <attributes class="{cls}" mode="static">\n')
        for name, kind in types.items():
            out.write(f"      <attribute id={_xml_attr(name)} title={_xml_attr(name)} type=\"{kind}\"/>\n")
        out.write("    </attributes>\n")


def _xml_text(text: str) -> str:
    return _XML_INVALID.sub("", text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _escaper() -> Callable[[Any], str]:
    """_escape with a memo for strings: statuses, precisions, dates, roles and node ids repeat
    across hundreds of thousands of edges, and a dict hit is cheaper than a regex scan."""
    cache: dict[str, str] = {}

    def escape(value: Any) -> str:
        if type(value) is not str:
            return _escape(value)
        text = cache.get(value)
        if text is None:
            text = _escape(value)
            if len(cache) < 1_000_000:
                cache[value] = text
        return text

    return escape


def _attvalues(data: dict[str, Any], prefixes: dict[str, str], escape: Callable[[Any], str]) -> str:
    """<attvalues> of one element; ``prefixes`` maps declared keys to '<attvalue for="k" value="'."""
    parts = [prefixes[key] + escape(value) + '"/>' for key, value in data.items() if key in prefixes]
    return "<attvalues>" + "".join(parts) + "</attvalues>" if parts else ""


def _prefixes(types: dict[str, str]) -> dict[str, str]:
    return {key: f"<attvalue for={_xml_attr(key)} value=\"" for key in types}


def _write_gexf_nodes(out: TextIO, graph: nx.Graph, types: dict[str, str]) -> None:
    out.write(f'    <nodes count="{graph.number_of_nodes()}">\n')
    prefixes, esc = _prefixes(types), _escaper()
    for node, data in graph.nodes(data=True):
        label = data.get("label", node)
        span = "".join(f" {k}={_xml_attr(first_day(str(data[k])) or data[k])}" for k in ("start", "end") if k in data)
        out.write(f"      <node id={_xml_attr(str(node))} label={_xml_attr(str(label))}{span}>"
                  f"{_attvalues(data, prefixes, esc)}</node>\n")
    out.write("    </nodes>\n")


def _write_gexf_edges(out: TextIO, graph: nx.Graph, types: dict[str, str]) -> None:
    out.write(f'    <edges count="{graph.number_of_edges()}">\n')
    prefixes, esc = _prefixes(types), _escaper()
    seen: set[str] = set()
    for number, (ident, data) in enumerate(edge_items(graph)):
        source, target = ident[0], ident[1]
        edge_id = str(ident[2]) if len(ident) == 3 else f"e{number}"
        if edge_id in seen:  # GEXF edge ids are unique per graph, multigraph keys per pair
            edge_id = f"{edge_id}#{number}"
        seen.add(edge_id)
        extra = "".join(
            f' {key}="{esc(data[key])}"' for key in ("label", "weight", "start", "end") if key in data
        )
        out.write(f'      <edge id="{_escape(edge_id)}" source="{esc(str(source))}" '
                  f'target="{esc(str(target))}"{extra}>{_attvalues(data, prefixes, esc)}</edge>\n')
    out.write("    </edges>\n")

