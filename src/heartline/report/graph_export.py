"""The relationship graph as GEXF (Gephi) and GraphML (networkx, yEd, igraph).

One node a character (name, gender, centrality, mentions, aliases), one directed
edge a relation (kind, how, current, confidence; the edge weight is the
confidence).  Written from the ``heartline/analysis/v1`` dict with the standard
library's ElementTree; no graph library needed to write, any can read.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any, Callable, Mapping

from .. import __version__
from ..errors import HeartlineError

GEXF_NS = "http://www.gexf.net/1.2draft"
GEXF_VIZ_NS = "http://www.gexf.net/1.2draft/viz"
GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"

# (name, GEXF type, GraphML type) of each attribute, in output order.
NODE_ATTRIBUTES = (("name", "string", "string"), ("gender", "string", "string"),
                   ("centrality", "double", "double"), ("mentions", "integer", "int"),
                   ("aliases", "string", "string"))
EDGE_ATTRIBUTES = (("kind", "string", "string"), ("how", "string", "string"),
                   ("current", "boolean", "boolean"), ("confidence", "double", "double"))

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


def _edges(analysis: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    known = {c["id"] for c in analysis.get("characters", [])}
    return [r for r in analysis.get("relations", []) if r["from"] in known and r["to"] in known]


def _title(analysis: Mapping[str, Any]) -> str:
    story = analysis.get("story", {})
    return story.get("title") or Path(str(story.get("source", ""))).name


def to_gexf(analysis: Mapping[str, Any]) -> str:
    """GEXF 1.2 (the version Gephi and networkx both read), directed."""
    ET.register_namespace("", GEXF_NS)
    ET.register_namespace("viz", GEXF_VIZ_NS)
    g = "{%s}" % GEXF_NS
    root = ET.Element(g + "gexf", {"version": "1.2"})
    meta = ET.SubElement(root, g + "meta")
    ET.SubElement(meta, g + "creator").text = f"heartline {__version__}"
    ET.SubElement(meta, g + "description").text = _clean(_title(analysis))
    graph = ET.SubElement(root, g + "graph", {"defaultedgetype": "directed", "mode": "static"})
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
        size = 4 + 16 * float(c.get("centrality", 0.0))
        ET.SubElement(node, "{%s}size" % GEXF_VIZ_NS, {"value": f"{size:.2f}"})

    edges = ET.SubElement(graph, g + "edges")
    for i, r in enumerate(_edges(analysis)):
        edge = ET.SubElement(edges, g + "edge", {
            "id": str(i), "source": _clean(r["from"]), "target": _clean(r["to"]),
            "label": _clean(r["kind"]), "weight": f"{float(r['confidence']):g}"})
        values = ET.SubElement(edge, g + "attvalues")
        for name, *_ in EDGE_ATTRIBUTES:
            ET.SubElement(values, g + "attvalue", {"for": name, "value": _clean(r[name])})
        red, green, blue = KIND_RGB.get(r["kind"], (80, 80, 80))
        ET.SubElement(edge, "{%s}color" % GEXF_VIZ_NS,
                      {"r": str(red), "g": str(green), "b": str(blue), "a": "1.0" if r["current"] else "0.4"})
    return _serialise(root)


def to_graphml(analysis: Mapping[str, Any]) -> str:
    """GraphML, directed, with typed keys for every attribute."""
    ET.register_namespace("", GRAPHML_NS)
    g = "{%s}" % GRAPHML_NS
    root = ET.Element(g + "graphml")
    for domain, attrs in (("node", NODE_ATTRIBUTES), ("edge", EDGE_ATTRIBUTES)):
        for name, _, graphml_type in attrs:
            ET.SubElement(root, g + "key", {"id": f"{domain}_{name}", "for": domain,
                                            "attr.name": name, "attr.type": graphml_type})
    ET.SubElement(root, g + "key", {"id": "edge_weight", "for": "edge", "attr.name": "weight",
                                    "attr.type": "double"})
    graph = ET.SubElement(root, g + "graph", {"id": "heartline", "edgedefault": "directed"})
    for c in analysis.get("characters", []):
        node = ET.SubElement(graph, g + "node", {"id": _clean(c["id"])})
        for name, value in _node_values(c).items():
            ET.SubElement(node, g + "data", {"key": f"node_{name}"}).text = _clean(value)
    for i, r in enumerate(_edges(analysis)):
        edge = ET.SubElement(graph, g + "edge", {"id": f"e{i}", "source": _clean(r["from"]),
                                                 "target": _clean(r["to"])})
        for name, *_ in EDGE_ATTRIBUTES:
            ET.SubElement(edge, g + "data", {"key": f"edge_{name}"}).text = _clean(r[name])
        ET.SubElement(edge, g + "data", {"key": "edge_weight"}).text = f"{float(r['confidence']):g}"
    return _serialise(root)


def _serialise(root: ET.Element) -> str:
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def write_graph(analysis: Mapping[str, Any], path: str | Path, writer: Callable[[Mapping[str, Any]], str]) -> None:
    try:
        Path(path).write_text(writer(analysis), encoding="utf-8")
    except OSError as exc:
        raise HeartlineError(f"cannot write {path}: {exc.strerror or exc}") from None
