"""GEXF and GraphML: well-formed, directed, every attribute present and typed."""
from __future__ import annotations

import pytest
from lxml import etree

from heartline.report.graph_export import GEXF_NS, GRAPHML_NS, to_gexf, to_graphml

ANALYSIS = {
    "schema": "heartline/analysis/v2",
    "story": {"source": "x.txt", "title": "A & B <draft>", "words": 10, "scenes": []},
    "characters": [
        {"id": "anna", "name": "Anna Bell", "aliases": ["Anna", "Anna Bell"], "gender": "female",
         "mentions": 12, "centrality": 1.0},
        {"id": "tom", "name": "Tom \"T\" <Reed>", "aliases": ["Tom"], "gender": "male", "mentions": 6,
         "centrality": 0.5},
        {"id": "rex", "name": "Rex\x0b", "aliases": [], "gender": "unknown", "mentions": 2, "centrality": 0.1667},
    ],
    "relations": [
        {"from": "anna", "to": "tom", "kind": "romantic", "how": "stated", "current": True,
         "confidence": 0.97, "arc": [], "evidence": []},
        {"from": "tom", "to": "anna", "kind": "romantic", "how": "denied", "current": True,
         "confidence": 0.6, "arc": [], "evidence": []},
        {"from": "rex", "to": "tom", "kind": "hatred", "how": "implied", "current": False,
         "confidence": 0.3, "arc": [], "evidence": []},
    ],
    "tags": {"characters": [], "relationships": []},
}


def test_gexf_structure():
    root = etree.fromstring(to_gexf(ANALYSIS).encode("utf-8"))
    ns = {"g": GEXF_NS}
    graph = root.find("g:graph", ns)
    assert root.get("version") == "1.2" and graph.get("defaultedgetype") == "directed"
    edge_attrs = {a.get("title"): a.get("type") for a in graph.findall("g:attributes[@class='edge']/g:attribute", ns)}
    assert edge_attrs == {"type": "string", "kind": "string", "how": "string", "current": "boolean",
                          "confidence": "double", "count": "integer"}
    node_attrs = {a.get("title") for a in graph.findall("g:attributes[@class='node']/g:attribute", ns)}
    assert {"name", "gender", "centrality", "mentions"} <= node_attrs
    nodes = {n.get("id"): n for n in graph.findall("g:nodes/g:node", ns)}
    assert set(nodes) == {"anna", "tom", "rex"}
    assert nodes["tom"].get("label") == 'Tom "T" <Reed>'
    assert nodes["rex"].get("label") == "Rex"  # a character XML cannot hold is dropped
    edges = graph.findall("g:edges/g:edge", ns)
    assert [(e.get("source"), e.get("target")) for e in edges] == [("anna", "tom"), ("tom", "anna"), ("rex", "tom")]
    last = {v.get("for"): v.get("value") for v in edges[2].findall("g:attvalues/g:attvalue", ns)}
    assert last == {"type": "feeling", "kind": "hatred", "how": "implied", "current": "false", "confidence": "0.3",
                    "count": "0"}
    assert edges[0].get("weight") == "0.97"


def test_graphml_structure():
    root = etree.fromstring(to_graphml(ANALYSIS).encode("utf-8"))
    ns = {"m": GRAPHML_NS}
    keys = {(k.get("for"), k.get("attr.name")): (k.get("id"), k.get("attr.type")) for k in root.findall("m:key", ns)}
    for name, kind in (("kind", "string"), ("how", "string"), ("current", "boolean"), ("confidence", "double")):
        assert keys[("edge", name)][1] == kind
    assert keys[("node", "mentions")][1] == "int" and keys[("node", "centrality")][1] == "double"
    graph = root.find("m:graph", ns)
    assert graph.get("edgedefault") == "directed"
    edges = graph.findall("m:edge", ns)
    assert len(edges) == 3
    values = {d.get("key"): d.text for d in edges[1].findall("m:data", ns)}
    assert values["edge_how"] == "denied" and values["edge_current"] == "true" and values["edge_confidence"] == "0.6"


def test_relations_to_unknown_characters_are_left_out():
    broken = {**ANALYSIS, "relations": ANALYSIS["relations"] + [
        {"from": "anna", "to": "ghost", "kind": "affection", "how": "stated", "current": True, "confidence": 0.5}]}
    assert to_gexf(broken).count("<edge ") == 3
    assert to_graphml(broken).count("<edge ") == 3


@pytest.mark.parametrize("writer, reader", [(to_gexf, "read_gexf"), (to_graphml, "read_graphml")])
def test_networkx_reads_them(tmp_path, writer, reader):
    nx = pytest.importorskip("networkx", reason="networkx is not a heartline dependency; install it to run this")
    path = tmp_path / "graph.xml"
    path.write_text(writer(ANALYSIS), encoding="utf-8")
    graph = getattr(nx, reader)(path)
    assert graph.is_directed() and graph.number_of_nodes() == 3 and graph.number_of_edges() == 3
    edge = graph.edges["rex", "tom"]
    assert edge["kind"] == "hatred" and edge["how"] == "implied" and edge["current"] is False
    assert edge["confidence"] == pytest.approx(0.3)
