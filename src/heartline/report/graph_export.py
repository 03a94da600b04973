"""The relationship graph as GEXF (Gephi) and GraphML (networkx, yEd, igraph).

One node a character (name, gender, centrality, mentions, aliases); directed edges of
two types (attribute ``type``): ``feeling``, one a relation (kind, how, current,
confidence; weight = confidence), and ``talks_to``, one a speaker → addressee pair of
the conversation graph (``count`` quotes; weight = count).  The GEXF is dynamic: nodes
and edges carry spells of the chapters (numbered from 1, as in the JSON) where their evidence or
quotes lie, for Gephi's timeline; ``chapter_graphml`` gives one GraphML per chapter.
Written from the ``heartline/analysis/v2`` dict with the standard library's
ElementTree; no graph library needed to write, any can read.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Mapping
from functools import partial
from pathlib import Path
from typing import Any

from .. import __version__
from ..errors import HeartlineError

GEXF_NS = "http://www.gexf.net/1.2draft"
GEXF_VIZ_NS = "http://www.gexf.net/1.2draft/viz"
GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"

# (name, GEXF type, GraphML type) of each attribute, in output order.
NODE_ATTRIBUTES = (("name", "string", "string"), ("gender", "string", "string"),
                   ("centrality", "double", "double"), ("mentions", "integer", "int"),
                   ("aliases", "string", "string"))
EDGE_ATTRIBUTES = (("type", "string", "string"), ("kind", "string", "string"), ("how", "string", "string"),
                   ("current", "boolean", "boolean"), ("confidence", "double", "double"),
                   ("count", "integer", "int"))
TALK_RGB = (120, 120, 120)

# Same colours as the HTML report, for Gephi's viz extension.
KIND_RGB = {"romantic": (214, 51, 108), "affection": (230, 119, 0),
            "dislike": (28, 126, 214), "hatred": (103, 65, 217)}

# XML 1.0 cannot hold these at all, not even escaped.
_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _clean(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        value = "; ".join(str(v) for v in value)
    return _NOT_XML.sub("", str(value))


def _node_values(c: Mapping[str, Any]) -> dict[str, Any]:
    return {"name": c["name"], "gender": c.get("gender", "unknown"), "centrality": c.get("centrality", 0.0),
            "mentions": c.get("mentions", 0), "aliases": c.get("aliases", [])}


def _chapter_of_scene(analysis: Mapping[str, Any]) -> dict[int, int]:
    return {s["index"]: s.get("chapter", 1) for s in analysis.get("story", {}).get("scenes", [])}


def _edges(analysis: Mapping[str, Any], chapter: int | None = None) -> list[dict[str, Any]]:
    """Feeling edges, then talks_to edges, each with the chapters it shows in (and, with
    ``chapter``, only those that show in it, counted there)."""
    known = {c["id"] for c in analysis.get("characters", [])}
    chapter_of = _chapter_of_scene(analysis)
    quotes = analysis.get("quotes", [])
    edges: list[dict[str, Any]] = []
    for r in analysis.get("relations", []):
        if r["from"] not in known or r["to"] not in known:
            continue
        chapters = [chapter_of.get(e.get("scene", 1), 1) for e in r.get("evidence", [])]
        edges.append({"from": r["from"], "to": r["to"], "type": "feeling", "kind": r["kind"], "how": r["how"],
                      "current": r["current"], "confidence": r["confidence"], "count": len(chapters),
                      "weight": float(r["confidence"]), "chapters": chapters})
    for c in analysis.get("conversations", []):
        if c["from"] not in known or c["to"] not in known:
            continue
        chapters = [chapter_of.get(quotes[i].get("scene", 1), 1) for i in c.get("quotes", []) if i < len(quotes)]
        edges.append({"from": c["from"], "to": c["to"], "type": "talks_to", "kind": "", "how": "",
                      "current": True, "confidence": 1.0, "count": c["count"], "weight": float(c["count"]),
                      "chapters": chapters})
    if chapter is None:
        return edges
    local = []
    for e in edges:
        n = e["chapters"].count(chapter)
        if n:
            local.append({**e, "count": n, "weight": float(n) if e["type"] == "talks_to" else e["weight"]})
    return local


def _spells(chapters: list[int]) -> list[tuple[int, int]]:
    """Runs of consecutive chapters, as inclusive (start, end)."""
    runs: list[tuple[int, int]] = []
    for ch in sorted(set(chapters)):
        if runs and ch == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], ch)
        else:
            runs.append((ch, ch))
    return runs


def _node_chapters(edges: list[dict[str, Any]]) -> dict[str, list[int]]:
    seen: dict[str, list[int]] = {}
    for e in edges:
        for end in (e["from"], e["to"]):
            seen.setdefault(end, []).extend(e["chapters"])
    return seen


def _title(analysis: Mapping[str, Any]) -> str:
    story = analysis.get("story", {})
    return story.get("title") or Path(str(story.get("source", ""))).name


def to_gexf(analysis: Mapping[str, Any]) -> str:
    """GEXF 1.2 (the version Gephi and networkx both read), directed."""
    ET.register_namespace("", GEXF_NS)
    ET.register_namespace("viz", GEXF_VIZ_NS)
    g = f"{{{GEXF_NS}}}"
    root = ET.Element(g + "gexf", {"version": "1.2"})
    meta = ET.SubElement(root, g + "meta")
    ET.SubElement(meta, g + "creator").text = f"heartline {__version__}"
    ET.SubElement(meta, g + "description").text = _clean(_title(analysis))
    graph = ET.SubElement(root, g + "graph", {"defaultedgetype": "directed", "mode": "dynamic",
                                               "timeformat": "integer"})
    all_edges = _edges(analysis)
    node_chapters = _node_chapters(all_edges)
    for cls, attrs in (("node", NODE_ATTRIBUTES), ("edge", EDGE_ATTRIBUTES)):
        block = ET.SubElement(graph, g + "attributes", {"class": cls, "mode": "static"})
        for name, gexf_type, _ in attrs:
            ET.SubElement(block, g + "attribute", {"id": name, "title": name, "type": gexf_type})

    nodes = ET.SubElement(graph, g + "nodes")
    for c in analysis.get("characters", []):
        node = ET.SubElement(nodes, g + "node", {"id": _clean(c["id"]), "label": _clean(c["name"])})
        values = ET.SubElement(node, g + "attvalues")
        for name, value in _node_values(c).items():
            ET.SubElement(values, g + "attvalue", {"for": name, "value": _clean(value)})
        _add_spells(node, g, node_chapters.get(c["id"], []))
        size = 4 + 16 * float(c.get("centrality", 0.0))
        ET.SubElement(node, f"{{{GEXF_VIZ_NS}}}size", {"value": f"{size:.2f}"})

    edges = ET.SubElement(graph, g + "edges")
    for i, r in enumerate(all_edges):
        edge = ET.SubElement(edges, g + "edge", {
            "id": str(i), "source": _clean(r["from"]), "target": _clean(r["to"]),
            "label": _clean(r["kind"] or r["type"]), "weight": f"{r['weight']:g}"})
        values = ET.SubElement(edge, g + "attvalues")
        for name, *_ in EDGE_ATTRIBUTES:
            ET.SubElement(values, g + "attvalue", {"for": name, "value": _clean(r[name])})
        _add_spells(edge, g, r["chapters"])
        red, green, blue = KIND_RGB.get(r["kind"], TALK_RGB)
        ET.SubElement(edge, f"{{{GEXF_VIZ_NS}}}color",
                      {"r": str(red), "g": str(green), "b": str(blue), "a": "1.0" if r["current"] else "0.4"})
    return _serialise(root)


def _add_spells(element: ET.Element, g: str, chapters: list[int]) -> None:
    """When (by chapter) a node or edge shows; none means always (nothing dated)."""
    if not chapters:
        return
    spells = ET.SubElement(element, g + "spells")
    for start, end in _spells(chapters):
        ET.SubElement(spells, g + "spell", {"start": str(start), "end": str(end)})


def to_graphml(analysis: Mapping[str, Any], chapter: int | None = None) -> str:
    """GraphML, directed, with typed keys for every attribute.  With ``chapter``, only the
    edges with evidence or quotes in that chapter (``count`` counted there)."""
    ET.register_namespace("", GRAPHML_NS)
    g = f"{{{GRAPHML_NS}}}"
    root = ET.Element(g + "graphml")
    for domain, attrs in (("node", NODE_ATTRIBUTES), ("edge", EDGE_ATTRIBUTES)):
        for name, _, graphml_type in attrs:
            ET.SubElement(root, g + "key", {"id": f"{domain}_{name}", "for": domain,
                                            "attr.name": name, "attr.type": graphml_type})
    ET.SubElement(root, g + "key", {"id": "edge_weight", "for": "edge", "attr.name": "weight",
                                    "attr.type": "double"})
    graph_id = "heartline" if chapter is None else f"heartline-chapter-{chapter}"
    graph = ET.SubElement(root, g + "graph", {"id": graph_id, "edgedefault": "directed"})
    for c in analysis.get("characters", []):
        node = ET.SubElement(graph, g + "node", {"id": _clean(c["id"])})
        for name, value in _node_values(c).items():
            ET.SubElement(node, g + "data", {"key": f"node_{name}"}).text = _clean(value)
    for i, r in enumerate(_edges(analysis, chapter)):
        edge = ET.SubElement(graph, g + "edge", {"id": f"e{i}", "source": _clean(r["from"]),
                                                 "target": _clean(r["to"])})
        for name, *_ in EDGE_ATTRIBUTES:
            ET.SubElement(edge, g + "data", {"key": f"edge_{name}"}).text = _clean(r[name])
        ET.SubElement(edge, g + "data", {"key": "edge_weight"}).text = f"{r['weight']:g}"
    return _serialise(root)


def _serialise(root: ET.Element) -> str:
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def chapters_of(analysis: Mapping[str, Any]) -> list[int]:
    return sorted({s.get("chapter", 1) for s in analysis.get("story", {}).get("scenes", [])}) or [1]


def write_graphml_per_chapter(analysis: Mapping[str, Any], directory: str | Path) -> list[Path]:
    """One GraphML a chapter, ``chapter-01.graphml`` ... (the JSON's chapter numbers, from 1)."""
    out = Path(directory)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise HeartlineError(f"cannot create {out}: {exc.strerror or exc}") from None
    chapters = chapters_of(analysis)
    width = max(2, len(str(len(chapters))))
    written = []
    for ch in chapters:
        path = out / f"chapter-{ch:0{width}d}.graphml"
        write_graph(analysis, path, partial(to_graphml, chapter=ch))
        written.append(path)
    return written


def write_graph(analysis: Mapping[str, Any], path: str | Path, writer: Callable[[Mapping[str, Any]], str]) -> None:
    try:
        Path(path).write_text(writer(analysis), encoding="utf-8")
    except OSError as exc:
        raise HeartlineError(f"cannot write {path}: {exc.strerror or exc}") from None
