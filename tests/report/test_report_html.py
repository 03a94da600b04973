"""The HTML report as a file: self-contained, its data embedded safely, its evidence located.

(What it looks like and does in a browser is tested in tests/browser.)
"""
from __future__ import annotations

import base64
import hashlib
import json
import re

import pytest

from heartline.cli import main
from heartline.report.html import embed_json, render_html, render_report, report_data, ReportLink

STORY = """Anna Bell loved Tom Reed. She had loved him since the spring fair.

"I love you, Tom," Anna said.

Tom smiled at her. "I love you too, Anna."

Rex Hale hated Tom. "I hate you, Tom Reed," Rex said. Anna was fond of her brother Rex anyway.
"""

HOSTILE = """Tom loved Mia. "I love you, Mia <script>alert(1)</script>," he said.

Mia hated Rex. "Go away, Rex \\"><img src=x onerror=alert(2)> <a href=\\"javascript:alert(3)\\">click</a>," she said.
"""


@pytest.fixture(scope="module")
def analysis(analyse):
    return analyse(STORY)


@pytest.fixture(scope="module")
def page(analysis):
    return render_html(analysis)


def _data(page: str) -> dict:
    match = re.search(r'<script type="application/json" id="heartline-data">(.*?)</script>', page, re.S)
    assert match, "no embedded data"
    return json.loads(match.group(1))


def test_one_self_contained_file(page):
    assert page.startswith("<!DOCTYPE html>")
    # Nothing is loaded from anywhere: no external scripts, styles, images, fonts or frames.
    assert not re.search(r"<(link|iframe|img|object|embed)\b", page, re.I)
    assert not re.search(r"<script[^>]*\bsrc=", page, re.I)
    assert not re.search(r"(https?:)?//[a-z0-9.-]+\.[a-z]{2,}/", page.replace("http://www.w3.org/2000/svg", ""), re.I)
    assert "@import" not in page
    assert not re.search(r"url\((?!#)", page)  # only references inside the page (SVG markers)


def test_the_policy_allows_exactly_the_inline_code(page):
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    assert "default-src 'none'" in csp and "connect-src" not in csp and "unsafe-inline" not in csp
    code = re.findall(r"<script>(.*?)</script>", page, re.S)
    style = re.findall(r"<style>(.*?)</style>", page, re.S)
    assert len(code) == 1 and len(style) == 1
    for block, directive in ((code[0], "script-src"), (style[0], "style-src")):
        digest = base64.b64encode(hashlib.sha256(block.encode()).digest()).decode()
        assert f"{directive} 'sha256-{digest}'" in csp


def test_embedded_data_is_the_analysis(analysis, page):
    data = _data(page)
    assert [c["name"] for c in data["characters"]] == [c.name for c in analysis.characters]
    assert {(r["from"], r["to"], r["kind"]) for r in data["relations"]} == {
        ("anna_bell", "tom_reed", "romantic"), ("tom_reed", "anna_bell", "romantic"),
        ("rex_hale", "tom_reed", "hatred"), ("anna_bell", "rex_hale", "affection")}
    assert data["tags"]["relationships"][0] == "Anna Bell/Tom Reed"
    assert set(data["graph"]["nodes"]) == {"anna_bell", "tom_reed", "rex_hale"}
    for layout in data["graph"]["layout"].values():
        assert set(layout) == set(data["graph"]["nodes"])


def test_each_piece_of_evidence_is_found_in_its_paragraph(page):
    data = _data(page)
    pieces = [e for r in data["relations"] for e in r["evidence"]]
    assert pieces
    for e in pieces:
        paragraph = data["paragraphs"][e["para"]]
        start, end = e["at"]
        assert paragraph[start:end].strip() == e["text"]
    # Evidence that shares a paragraph shares its copy.
    rex = next(r for r in data["relations"] if r["from"] == "rex_hale")
    assert len({e["para"] for e in rex["evidence"]}) == 1
    assert data["paragraphs"][rex["evidence"][0]["para"]].startswith("Rex Hale hated Tom.")


def test_embed_json_cannot_close_the_script_element():
    text = embed_json({"s": "</script><script>alert(1)</script><!-- & \u2028\u2029"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert "\u2028" not in text and "\u2029" not in text
    assert json.loads(text)["s"].startswith("</script>")


def test_hostile_story_text_never_reaches_the_markup(analyse):
    analysis = analyse(HOSTILE)
    data = analysis.to_json()
    data["story"]["title"] = '</title><script>alert("t")</script>'
    data["characters"][0]["name"] = '"><img src=x onerror=alert(4)>'
    page = render_report(data, analysis.story.text,
                         links=[ReportLink('<b>x</b>', 'javascript:alert(5)" onclick="alert(6)')])
    assert "<img" not in page and "<b>" not in page and "alert(1)</script>" not in page
    assert '" onclick="' not in page
    assert page.count("<script") == 2  # the data block and the report's own code
    assert "&lt;/title&gt;&lt;script&gt;" in page  # the title, escaped, in <title> and <h1>
    # The hostile sentence is still there, as data, to be shown as text.
    assert any("<script>alert(1)</script>" in e["text"]
               for r in _data(page)["relations"] for e in r["evidence"])


def test_report_without_feelings_still_renders(analyse):
    page = render_html(analyse("Nobody was here. The rain fell on the empty road.\n"))
    data = _data(page)
    assert data["relations"] == [] and data["paragraphs"] == []


def test_report_data_keeps_quotes_out(analysis):
    data = report_data(analysis.to_json(), analysis.story.text)
    assert "quotes" not in data


def test_cli_writes_report_and_graphs(tmp_path, capsys):
    story = tmp_path / "tiny.txt"
    story.write_text(STORY, encoding="utf-8")
    out = {name: tmp_path / name for name in ("r.html", "g.gexf", "g.graphml")}
    code = main(["analyze", str(story), "-q", "--html", str(out["r.html"]), "--gexf", str(out["g.gexf"]),
                 "--graphml", str(out["g.graphml"])])
    assert code == 0
    assert _data(out["r.html"].read_text(encoding="utf-8"))["tags"]["relationships"]
    assert out["g.gexf"].read_text(encoding="utf-8").lstrip().startswith("<?xml")
    assert "anna_bell" in out["g.graphml"].read_text(encoding="utf-8")


def test_cli_unwritable_report_is_one_error_line(tmp_path, capsys):
    story = tmp_path / "tiny.txt"
    story.write_text(STORY, encoding="utf-8")
    code = main(["analyze", str(story), "-q", "--html", str(tmp_path / "missing" / "r.html")])
    err = capsys.readouterr().err
    assert code == 2 and err.startswith("heartline: error: cannot write") and err.count("\n") == 1


def test_characters_without_a_feeling_sit_in_the_row_not_the_layout(analyse):
    from storybook import INN, INN_LINKED, INN_LOOSE
    analysis = analyse(INN)
    graph = report_data(analysis.to_json(), analysis.story.text)["graph"]
    assert set(graph["loose"]) == INN_LOOSE and set(graph["nodes"]) == INN_LINKED | INN_LOOSE
    for layout in graph["layout"].values():
        assert set(layout) == INN_LINKED
        # The linked people have the whole picture to themselves.
        xs, ys = [p[0] for p in layout.values()], [p[1] for p in layout.values()]
        assert (min(xs), max(xs), min(ys), max(ys)) == (0.0, 1.0, 0.0, 1.0)
