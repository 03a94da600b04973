"""The HTML report: one self-contained file, readable offline, safe for any story.

Built from the ``heartline/analysis/v2`` dict and the story text (for the paragraphs
around each piece of evidence).  The page is static markup plus one inline script
and one inline stylesheet shipped in ``assets/``; no library, no network.  Story text
only ever reaches the page as JSON data that the script puts in with ``textContent``,
and a Content-Security-Policy that allows nothing but the page's own inline code
(by hash) backs that up.
"""
from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from .. import __version__
from ..errors import HeartlineError
from ..layout import paragraph_spans
from .ending import ending_of
from .layout import force_layout

# The graph shows the people in a relation (at most MAX_GRAPH_NODES) and fills up to
# GRAPH_FILL with the most mentioned others, so a novel's hundred walk-ons do not
# bury the picture; the table lists everyone.
MAX_GRAPH_NODES = 30
GRAPH_FILL = 12
# Aspect ratios of the two precomputed layouts: wide screens and phones.
WIDE_ASPECT = 1.25
TALL_ASPECT = 0.65
# Longest paragraph quoted around a piece of evidence (characters either side of it).
CONTEXT_CHARS = 600


@dataclass(frozen=True)
class ReportLink:
    """A link shown in the report's header (the web app adds "Download JSON")."""

    label: str
    href: str


def _asset(name: str) -> str:
    return resources.files("heartline.report").joinpath("assets").joinpath(name).read_text(encoding="utf-8")


def _csp_hash(code: str) -> str:
    digest = hashlib.sha256(code.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def embed_json(data: Any) -> str:
    """JSON that is safe inside ``<script type="application/json">``: nothing in it can
    close the element or start markup, and the line separators JavaScript once
    rejected are escaped too."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"),
                          ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escaped)
    return text


_LINE_WRAP = re.compile(r"(?<!\n)\n(?!\n)")


class _Paragraphs:
    """The paragraphs that hold evidence, each stored once, and where a span lies in one."""

    def __init__(self, text: str):
        self.text = text
        self.spans = paragraph_spans(text)
        self.starts = [s for s, _ in self.spans]
        self.kept: list[str] = []
        self.kept_index: dict[tuple[int, int], int] = {}

    def locate(self, start: int, end: int) -> tuple[int, int, int]:
        """(paragraph number, start and end of the span within it)."""
        start, end = max(0, min(start, len(self.text))), max(0, min(end, len(self.text)))
        i = bisect_right(self.starts, start) - 1
        if 0 <= i < len(self.spans) and self.spans[i][0] <= start < max(self.spans[i][1], start + 1):
            p_start, p_end = self.spans[i]
            j = i
            while j + 1 < len(self.spans) and self.spans[j][1] < end:
                j += 1  # a letter or quote may run over several paragraphs
            p_end = max(self.spans[j][1], end)
        else:
            p_start, p_end = start, end
        # Clip a runaway paragraph (a file with no line breaks) to a window round the span.
        p_start = max(p_start, start - CONTEXT_CHARS)
        p_end = min(p_end, end + CONTEXT_CHARS)
        key = (p_start, p_end)
        if key not in self.kept_index:
            self.kept_index[key] = len(self.kept)
            # Unwrap hard-wrapped lines (one character for one, so offsets hold); blank lines stay.
            self.kept.append(_LINE_WRAP.sub(" ", self.text[p_start:p_end]))
        return self.kept_index[key], start - p_start, end - p_start


def story_title(story: Mapping[str, Any]) -> str:
    """The title to show: the story's own, else its file name."""
    source = str(story.get("source", ""))
    name = "" if source.startswith("<") else Path(source).name
    return story.get("title") or name or "Untitled story"


def _graph_ids(characters: Sequence[Mapping[str, Any]], relations: Sequence[Mapping[str, Any]]) -> list[str]:
    related = {r["from"] for r in relations} | {r["to"] for r in relations}
    chosen = [c["id"] for c in characters if c["id"] in related][:MAX_GRAPH_NODES]
    for c in characters:
        if len(chosen) >= GRAPH_FILL:
            break
        if c["id"] not in related:
            chosen.append(c["id"])
    return chosen


def report_data(analysis: Mapping[str, Any], text: str) -> dict[str, Any]:
    """What the page's script needs: the analysis, the graph layouts and, for every
    piece of evidence, its paragraph and where it lies in it.  Quotes are left out
    (the report does not show them) to keep the file small."""
    story = analysis.get("story", {})
    characters = list(analysis.get("characters", []))
    known = {c["id"] for c in characters}
    relations = [r for r in analysis.get("relations", []) if r["from"] in known and r["to"] in known]
    paragraphs = _Paragraphs(text)

    out_relations = []
    for r in relations:
        evidence = []
        for e in r.get("evidence", []):
            para, s, t = paragraphs.locate(e["start"], e["end"])
            evidence.append({**e, "para": para, "at": [s, t]})
        # The end state in words, worked out here so the page and the terminal say the same.
        out_relations.append({**r, "evidence": evidence, "ending": ending_of(r)})

    graph_ids = _graph_ids(characters, relations)
    centrality = {c["id"]: float(c.get("centrality", 0.0)) for c in characters}
    edges = [(r["from"], r["to"], float(r.get("confidence", 0.5))) for r in relations]
    # Only people with a feeling in the graph are laid out; the page puts the others in a
    # row under it ("loose"), so they neither pin its corners nor squeeze the rest.
    shown = set(graph_ids)
    ends = {end for a, b, _ in edges if a in shown and b in shown and a != b for end in (a, b)}
    linked = [i for i in graph_ids if i in ends]
    layouts = {}
    for name, aspect in (("wide", WIDE_ASPECT), ("tall", TALL_ASPECT)):
        layouts[name] = {p.id: [p.x, p.y] for p in force_layout(linked, edges, centrality, aspect)}

    scenes = story.get("scenes", [])
    return {
        "version": __version__,
        "story": {"title": story_title(story),
                  "words": story.get("words", 0),
                  "scenes": [{"index": s["index"], "chapter": s["chapter"], "title": s.get("title", "")}
                             for s in scenes]},
        "characters": characters,
        "graph": {"nodes": graph_ids, "layout": layouts, "loose": [i for i in graph_ids if i not in ends]},
        "relations": out_relations,
        "paragraphs": paragraphs.kept,
        "tags": analysis.get("tags", {"characters": [], "relationships": []}),
    }


def render_report(analysis: Mapping[str, Any], text: str, links: Iterable[ReportLink] = ()) -> str:
    """The report page for an analysis dict (``Analysis.to_json()``) of ``text``."""
    data = report_data(analysis, text)
    script = _asset("report.js")
    style = _asset("report.css")
    csp = ("default-src 'none'; base-uri 'none'; form-action 'none'; img-src data:; "
           f"script-src {_csp_hash(script)}; style-src {_csp_hash(style)}")
    assert not set(csp) & set('"<>&')  # goes into an attribute as it is
    title = html.escape(data["story"]["title"])
    nav = "".join(f'<a class="hl-link" href="{html.escape(link.href)}">{html.escape(link.label)}</a>'
                  for link in links)
    return _PAGE.format(csp=csp, title=title, style=style, nav=nav, talk=conversation_table(analysis),
                        data=embed_json(data), script=script, version=html.escape(__version__))


def conversation_table(analysis: Mapping[str, Any], samples: int = 2) -> str:
    """Who talks to whom, beside the feeling graph: speaker → addressee, how many quotes,
    and the first of them as evidence (escaped here: no script needed)."""
    names = {c["id"]: c["name"] for c in analysis.get("characters", [])}
    quotes = analysis.get("quotes", [])
    rows = []
    for c in analysis.get("conversations", []):
        said = [quotes[i]["text"] for i in c.get("quotes", [])[:samples] if i < len(quotes)]
        rows.append("<tr><td>{}</td><td>{}</td><td class=\"num\">{}</td><td>{}</td></tr>".format(
            html.escape(names.get(c["from"], c["from"])), html.escape(names.get(c["to"], c["to"])), c["count"],
            " ".join(f"<q>{html.escape(t)}</q>" for t in said)))
    if not rows:
        return '<p class="hint">No quote in this story is addressed from one character to another.</p>'
    return ('<div class="table-wrap"><table id="talk" class="people"><thead><tr><th>Speaker</th><th>To</th>'
            '<th>Quotes</th><th>For example</th></tr></thead><tbody>' + "".join(rows) + "</tbody></table></div>")


def render_html(analysis) -> str:
    """The report page for an ``Analysis``."""
    return render_report(analysis.to_json(), analysis.story.text)


def write_html(analysis, path: str | Path) -> None:
    try:
        Path(path).write_text(render_html(analysis), encoding="utf-8")
    except OSError as exc:
        raise HeartlineError(f"cannot write {path}: {exc.strerror or exc}") from None


# Markup only: everything that comes from the story is filled in by the script.
_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="generator" content="heartline {version}">
<title>{title} · heartline</title>
<style>{style}</style>
</head>
<body>
<header class="top">
  <div class="top-inner">
    <p class="brand">heartline <span class="brand-sub">who feels what for whom</span></p>
    <h1 id="title">{title}</h1>
    <p id="stats" class="stats"></p>
    <nav class="links">{nav}</nav>
    <div id="tags" class="tags"></div>
  </div>
</header>
<main>
  <section class="card graph-card" aria-labelledby="graph-h">
    <h2 id="graph-h">Relationships</h2>
    <div id="graph" class="graph" role="img" aria-label="Relationship graph"></div>
    <div id="legend" class="legend"></div>
  </section>
  <aside class="card evidence-card" aria-live="polite">
    <h2 id="detail-h">Evidence</h2>
    <div id="detail"><p class="hint">Click a line in the graph, a row of the timeline or a character to see
    the sentences that show the feeling.</p></div>
  </aside>
  <section class="card arcs-card" aria-labelledby="arcs-h">
    <h2 id="arcs-h">Arcs <span class="sub">each feeling across the story, scene by scene</span></h2>
    <div id="arcs" class="arcs"></div>
  </section>
  <section class="card talk-card" aria-labelledby="talk-h">
    <h2 id="talk-h">Who talks to whom <span class="sub">speaker → addressee, with the quotes</span></h2>
    {talk}
  </section>
  <section class="card people-card" aria-labelledby="people-h">
    <h2 id="people-h">Characters</h2>
    <div class="table-wrap"><table id="people" class="people"></table></div>
  </section>
</main>
<footer class="foot">Made by heartline {version} on this computer.
  This page works offline and sends nothing anywhere.</footer>
<noscript><p class="noscript">This report draws its graph with JavaScript;
  please allow scripts for this file.</p></noscript>
<script type="application/json" id="heartline-data">{data}</script>
<script>{script}</script>
</body>
</html>
"""
