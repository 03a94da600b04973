"""Exports over time and the conversation graph: GEXF spells by chapter, one GraphML a chapter,
talks_to edges beside the feeling edges."""
from __future__ import annotations

from lxml import etree

from heartline.report.graph_export import GEXF_NS, GRAPHML_NS, to_gexf, write_graphml_per_chapter

ANALYSIS = {
    "schema": "heartline/analysis/v2",
    "story": {"source": "x.txt", "title": "T", "words": 10, "scenes": [
        {"index": 1, "start": 0, "end": 5, "chapter": 1, "title": "One"},
        {"index": 2, "start": 5, "end": 9, "chapter": 2, "title": "Two"},
        {"index": 3, "start": 9, "end": 12, "chapter": 3, "title": "Three"}]},
    "characters": [
        {"id": "ann", "name": "Ann", "aliases": ["Ann"], "gender": "female", "mentions": 5, "centrality": 1.0},
        {"id": "tom", "name": "Tom", "aliases": ["Tom"], "gender": "male", "mentions": 3, "centrality": 0.6},
        {"id": "cy", "name": "Cy", "aliases": ["Cy"], "gender": "unknown", "mentions": 1, "centrality": 0.2},
    ],
    "quotes": [
        {"text": "Hi", "start": 0, "end": 2, "speaker": "tom", "addressee": "ann", "scene": 1, "kind": "speech"},
        {"text": "Go", "start": 9, "end": 11, "speaker": "tom", "addressee": "ann", "scene": 3, "kind": "speech"},
    ],
    "relations": [
        {"from": "ann", "to": "tom", "kind": "romantic", "how": "stated", "current": True, "confidence": 0.9,
         "arc": [], "evidence": [{"scene": 1}, {"scene": 2}, {"scene": 2}]},
    ],
    "conversations": [{"from": "tom", "to": "ann", "count": 2, "quotes": [0, 1]}],
    "tags": {"characters": [], "relationships": []},
}
NS = {"g": GEXF_NS}


def _values(el, ns) -> dict:
    return {v.get("for"): v.get("value") for v in el.findall("g:attvalues/g:attvalue", ns)}


def test_gexf_is_dynamic_with_chapter_spells() -> None:
    graph = etree.fromstring(to_gexf(ANALYSIS).encode()).find("g:graph", NS)
    assert graph.get("mode") == "dynamic" and graph.get("timeformat") == "integer"
    edges = graph.findall("g:edges/g:edge", NS)
    feeling, talk = edges
    assert _values(feeling, NS)["type"] == "feeling" and _values(feeling, NS)["count"] == "3"
    assert [(s.get("start"), s.get("end")) for s in feeling.findall("g:spells/g:spell", NS)] == [("1", "2")]
    assert _values(talk, NS)["type"] == "talks_to" and talk.get("weight") == "2"
    assert [(s.get("start"), s.get("end")) for s in talk.findall("g:spells/g:spell", NS)] == [("1", "1"), ("3", "3")]
    nodes = {n.get("id"): n for n in graph.findall("g:nodes/g:node", NS)}
    assert [(s.get("start"), s.get("end")) for s in nodes["ann"].findall("g:spells/g:spell", NS)] == [("1", "3")]
    assert nodes["cy"].find("g:spells", NS) is None  # nothing dates Cy: always there


def test_one_graphml_per_chapter(tmp_path) -> None:
    paths = write_graphml_per_chapter(ANALYSIS, tmp_path / "chapters")
    assert [p.name for p in paths] == ["chapter-01.graphml", "chapter-02.graphml", "chapter-03.graphml"]
    ns = {"m": GRAPHML_NS}

    def edges(path):
        root = etree.parse(str(path)).getroot()
        out = []
        for e in root.findall("m:graph/m:edge", ns):
            data = {d.get("key"): d.text for d in e.findall("m:data", ns)}
            out.append((e.get("source"), e.get("target"), data["edge_type"], data["edge_count"]))
        return out

    assert edges(paths[0]) == [("ann", "tom", "feeling", "1"), ("tom", "ann", "talks_to", "1")]
    assert edges(paths[1]) == [("ann", "tom", "feeling", "2")]
    assert edges(paths[2]) == [("tom", "ann", "talks_to", "1")]
    root = etree.parse(str(paths[1])).getroot()
    assert len(root.findall("m:graph/m:node", ns)) == 3  # every character, so chapters line up
