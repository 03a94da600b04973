"""The HTML report in headless Chromium: the graph, the evidence on click, phone width, XSS."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from heartline.api import analyze
from heartline.report.html import render_html, render_report
from storybook import INN, INN_HATRED, INN_LINKED, INN_LOOSE, turned

SHARED = Path(__file__).resolve().parents[3] / "shared"

TINY = """Anna Bell loved Tom Reed. She had loved him since the spring fair.

"I love you, Tom," Anna said.

Tom smiled at her. "I love you too, Anna."

Rex Hale hated Tom. "I hate you, Tom Reed," Rex said. Anna was fond of her brother Rex anyway.
"""


def _open_report(open_page, tmp_path, html: str, name: str, width: int = 1280, height: int = 900):
    path = tmp_path / name
    path.write_text(html, encoding="utf-8")
    page, watched = open_page(path.as_uri(), width, height)
    return page, watched, path.as_uri()


def labels_crossed(page) -> list[str]:
    """The names some drawn line runs through (line centres sampled every pixel, on screen)."""
    return page.evaluate("""() => {
      const boxes = [...document.querySelectorAll('.node-label')].map(t => [t.textContent, t.getBoundingClientRect()]);
      const hit = new Set();
      document.querySelectorAll('.edge-line').forEach(p => {
        const m = p.getScreenCTM(), length = p.getTotalLength();
        for (let s = 0; s <= length; s += 1) {
          const q = p.getPointAtLength(s), x = m.a * q.x + m.c * q.y + m.e, y = m.b * q.x + m.d * q.y + m.f;
          for (const [name, b] of boxes) {
            if (x > b.left + 1 && x < b.right - 1 && y > b.top + 1 && y < b.bottom - 1) hit.add(name);
          }
        }
      });
      return [...hit];
    }""")


def _graph(page) -> tuple[set[str], set[tuple[str, str, str]]]:
    nodes = set(page.locator(".node").evaluate_all("gs => gs.map(g => g.dataset.id)"))
    edges = page.locator(".edge").evaluate_all("gs => gs.map(g => [g.dataset.from, g.dataset.to, g.dataset.kind])")
    return nodes, {tuple(e) for e in edges}


@pytest.fixture(scope="module")
def tiny_html(analyse):
    return render_html(analyse(TINY))


def test_tiny_report_graph_and_evidence(open_page, tmp_path, tiny_html, click, screenshots):
    page, watched, url = _open_report(open_page, tmp_path, tiny_html, "tiny.html")
    nodes, edges = _graph(page)
    assert nodes == {"anna_bell", "tom_reed", "rex_hale"}
    assert edges == {("anna_bell", "tom_reed", "romantic"), ("tom_reed", "anna_bell", "romantic"),
                     ("rex_hale", "tom_reed", "hatred"), ("anna_bell", "rex_hale", "affection")}
    assert page.locator("#tags").inner_text().count("Anna Bell/Tom Reed") == 1

    click(page, "rex_hale", "tom_reed")
    detail = page.locator("#detail")
    assert "Rex Hale \u2192 Tom Reed" in detail.locator(".rel-title").inner_text()
    marks = detail.locator("mark.hl").all_inner_texts()
    assert "Rex Hale hated Tom." in marks and any("I hate you" in m for m in marks)
    # The sentence is shown inside its paragraph, the cue word picked out.
    assert "Anna was fond of her brother" in detail.locator(".ev-para").first.inner_text()
    assert detail.locator("strong.cue").first.inner_text().lower() == "hated"
    assert page.locator('.edge[data-from="rex_hale"][data-to="tom_reed"]').get_attribute("class").split() == ["edge", "selected"]

    page.locator('tr.person[data-id="anna_bell"]').click()
    assert detail.locator(".char-title").inner_text() == "Anna Bell"
    assert detail.locator("h4.rel-title").count() == 3  # her two feelings and Tom's for her
    page.screenshot(path=str(screenshots / "report-tiny.png"), full_page=True)
    assert watched.dialogs == [] and watched.errors == []
    assert watched.requests == [url]


def test_tiny_report_on_a_phone(open_page, tmp_path, tiny_html, click, screenshots):
    page, watched, _ = _open_report(open_page, tmp_path, tiny_html, "tiny.html", 390, 844)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing sticks out sideways
    for label in page.locator(".node-label").all():
        box = label.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert labels_crossed(page) == []
    click(page, "anna_bell", "rex_hale")
    assert "fond" in page.locator("#detail mark.hl").first.inner_text()
    page.screenshot(path=str(screenshots / "report-tiny-phone.png"), full_page=True)
    assert watched.errors == []


@pytest.fixture(scope="module")
def valentine():
    story = SHARED / "corpus" / "dev" / "valentine.txt"
    if not story.exists():
        pytest.skip(f"{story} is missing (the development stories live in ../shared)")
    analysis = analyze(story)
    return analysis, render_html(analysis)


def test_valentine_report(open_page, tmp_path, valentine, click, screenshots):
    analysis, html = valentine
    data = analysis.to_json()
    page, watched, url = _open_report(open_page, tmp_path, html, "valentine.html")
    nodes, edges = _graph(page)
    assert len(nodes) == 11 and nodes == {c["id"] for c in data["characters"]}
    names = set(page.locator(".node-label").all_text_contents())
    assert {"Haruno Sakura", "Uchiha Sasuke", "Kakashi", "Kurenai", "Naruto", "Hinata", "Tenten"} <= names
    assert edges == {(r["from"], r["to"], r["kind"]) for r in data["relations"]}
    assert ("haruno_sakura", "uchiha_sasuke", "romantic") in edges
    assert page.locator("tr.person").count() == 11

    pair = next(r for r in data["relations"] if (r["from"], r["to"]) == ("naruto", "hinata"))
    click(page, "naruto", "hinata")
    detail = page.locator("#detail")
    assert detail.locator(".rel-title").inner_text().strip() == "Naruto \u2192 Hinata"
    marks = detail.locator("mark.hl").all_inner_texts()
    assert marks and all("Hinata" in m or "her" in m.lower() for m in marks)
    assert pair["evidence"][0]["text"] in " ".join(detail.locator(".ev-para").all_inner_texts())
    page.screenshot(path=str(screenshots / "report-valentine.png"), full_page=True)

    # Back to the story's main pair for the screenshot people would share.
    click(page, "uchiha_sasuke", "haruno_sakura")
    assert "Uchiha Sasuke \u2192 Haruno Sakura" in detail.locator(".rel-title").inner_text()
    page.screenshot(path=str(screenshots / "report-valentine-top.png"))
    assert watched.dialogs == [] and watched.errors == [] and watched.requests == [url]


def test_valentine_report_on_a_phone(open_page, tmp_path, valentine, screenshots):
    _, html = valentine
    page, watched, _ = _open_report(open_page, tmp_path, html, "valentine.html", 390, 844)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.locator(".node").count() == 11
    assert labels_crossed(page) == []
    page.screenshot(path=str(screenshots / "report-valentine-phone-top.png"))
    page.locator('tr.person[data-id="hinata"]').click()
    assert page.locator("#detail .char-title").inner_text() == "Hinata"
    page.screenshot(path=str(screenshots / "report-valentine-phone.png"))
    assert watched.errors == []


# ------------------------------------------------- people with no feeling, numbering, endings
@pytest.fixture(scope="module")
def inn_html(analyse):
    return render_html(analyse(INN))


def _box(page, selector: str) -> dict:
    return page.locator(selector).bounding_box()


@pytest.mark.parametrize("width, height, shot", [(1280, 900, "report-unlinked.png"),
                                                 (390, 844, "report-unlinked-phone.png")])
def test_characters_without_a_feeling_sit_in_a_row_below_the_graph(open_page, tmp_path, inn_html, screenshots,
                                                                   width, height, shot):
    page, watched, _ = _open_report(open_page, tmp_path, inn_html, "inn.html", width, height)
    centres = {g.get_attribute("data-id"): g.locator(".node-dot").bounding_box()
               for g in page.locator(".node").all()}
    loose = set(page.locator(".node.loose").evaluate_all("gs => gs.map(g => g.dataset.id)"))
    assert loose == INN_LOOSE and set(centres) == INN_LINKED | INN_LOOSE
    lowest_linked = max(centres[i]["y"] + centres[i]["height"] for i in INN_LINKED)
    assert all(centres[i]["y"] > lowest_linked + 20 for i in loose)  # below, under their own caption
    if width > 900:
        assert len({round(centres[i]["y"] + centres[i]["height"] / 2) for i in loose}) == 1  # one row
    # The linked people spread over the picture instead of huddling in one part of it.
    graph = _box(page, "#graph")
    xs = [centres[i]["x"] + centres[i]["width"] / 2 for i in INN_LINKED]
    assert max(xs) - min(xs) > 0.5 * graph["width"]
    assert labels_crossed(page) == []
    for label in page.locator(".node-label").all():
        box = label.bounding_box()
        assert graph["x"] <= box["x"] and box["x"] + box["width"] <= graph["x"] + graph["width"]
    # Every card is its own: no card under another, no blank under the characters table.
    talk, people = _box(page, ".talk-card"), _box(page, ".people-card")
    assert talk["y"] + talk["height"] <= people["y"]
    table = _box(page, "#people")
    assert people["y"] + people["height"] - (table["y"] + table["height"]) < 40
    page.screenshot(path=str(screenshots / shot), full_page=True)
    assert watched.errors == []


def test_the_report_numbers_scenes_as_the_terminal_does(open_page, tmp_path, inn_html, click):
    page, watched, _ = _open_report(open_page, tmp_path, inn_html, "inn.html")
    click(page, "tobin", "doran_vesk")
    item = page.locator("#detail li.evidence", has_text=INN_HATRED)
    assert item.locator(".ev-where").inner_text().startswith("scene 2 ")  # the terminal's [scene 2]
    heads = page.locator(".arc-head .arc-num")
    assert heads.all_inner_texts() == ["1", "2", "3"]
    assert heads.nth(1).get_attribute("title") == "chapter 1, scene 2"
    assert watched.errors == []


def test_a_feeling_that_turns_is_not_still_true_under_its_first_kind(open_page, tmp_path, analyse, click):
    page, watched, _ = _open_report(open_page, tmp_path, render_html(turned(analyse(INN))), "turned.html")
    click(page, "mira_quell", "doran_vesk")
    badges = page.locator("#detail .badges").inner_text()
    assert "ends as dislike" in badges and "still true at the end" not in badges
    edge = page.locator('.edge[data-from="mira_quell"][data-to="doran_vesk"] title').text_content()
    assert "romantic (ends as dislike)" in edge
    assert watched.errors == []


# ---------------------------------------------------------------------- XSS
ATTACKS = ['<script>alert(1)</script>', '"><img src=x onerror="alert(2);window.__pwned=1">',
           '<a href="javascript:alert(3)">click me</a>']


def _hostile_report() -> tuple[str, list[str]]:
    """A report whose every story-given string is an attack: names, aliases, ids,
    evidence, cues, tags, title, scene titles."""
    a, b, c = ATTACKS
    first = f"{a} loved {b}."
    second = f'{c} hated {a}. "<svg onload=alert(4)>" he said. \u2028<iframe src="javascript:alert(5)">'
    text = f"{first}\n\n{second}\n"
    s2 = text.index(second)
    ids = ['a" onclick="alert(6)', "b</script>", "c"]
    data = {
        "schema": "heartline/analysis/v2",
        "story": {"source": "<img src=x onerror=alert(7)>.txt", "title": '</title><script>alert(8)</script>',
                  "words": 20, "scenes": [{"index": 1, "start": 0, "end": len(text), "chapter": 1,
                                           "title": "<img src=x onerror=alert(9)>"}]},
        "characters": [{"id": ids[i], "name": name, "aliases": [name, name + " <b>bold</b>"], "gender": "unknown",
                        "mentions": 3 - i, "centrality": 1 - i / 3} for i, name in enumerate(ATTACKS)],
        "quotes": [],
        "relations": [
            {"from": ids[0], "to": ids[1], "kind": "romantic", "how": "narrated", "current": True, "confidence": 0.8,
             "arc": [{"scene": 1, "kind": "romantic", "how": "narrated", "past": False, "label": "<b>x</b>"}],
             "evidence": [{"text": first, "start": 0, "end": len(first), "scene": 1, "kind": "romantic",
                           "how": "narrated", "cue": "<script>", "past": False}]},
            {"from": ids[2], "to": ids[0], "kind": "hatred", "how": "denied", "current": True, "confidence": 0.6,
             "arc": [], "evidence": [{"text": second, "start": s2, "end": s2 + len(second), "scene": 1,
                                      "kind": "hatred", "how": "denied", "cue": "hated", "past": False}]},
        ],
        "tags": {"characters": ATTACKS, "relationships": [f"{a}/{b}", f"{c} & {a}"]},
    }
    return render_report(data, text), ids


def _assert_nothing_ran(page, watched, *allowed):
    assert watched.dialogs == [], watched.dialogs
    assert watched.requests_outside(*allowed) == []
    assert page.evaluate("window.__pwned") is None
    assert page.locator("img, iframe, script[src], a[href^='javascript']").count() == 0
    assert page.locator("#detail b, #people b, #tags b").count() == 0


def test_hostile_names_and_evidence_render_as_text(open_page, tmp_path, screenshots):
    html, ids = _hostile_report()
    page, watched, url = _open_report(open_page, tmp_path, html, "hostile.html")
    assert watched.errors == []
    assert page.title() == '</title><script>alert(8)</script> · heartline'
    people = page.locator("#people").inner_text()
    for attack in ATTACKS:
        assert attack in people  # shown, literally
    assert ATTACKS[0] + "/" + ATTACKS[1] in page.locator("#tags").inner_text()
    # Select every feeling and every person, so every renderer runs on the attacks.
    for i in range(page.locator(".edge").count()):
        page.locator(".edge").nth(i).focus()
        page.keyboard.press("Enter")
        assert page.locator("#detail mark.hl").count() >= 1
    for row in page.locator("tr.person").all():
        row.click()
    page.locator(".node").first.click()
    assert '<svg onload=alert(4)>' in page.locator("#detail").inner_text()
    page.locator(".node-label").first.hover()
    page.screenshot(path=str(screenshots / "report-xss.png"), full_page=True)
    _assert_nothing_ran(page, watched, url)
    assert json.loads(page.locator("#heartline-data").text_content())["characters"][0]["id"] == ids[0]


def test_hostile_story_through_the_pipeline(open_page, tmp_path, analyse):
    story = ('Tom loved Mia. "I love you, Mia <script>alert(1)</script>," he said.\n\n'
             'Mia hated Rex. "Go away, Rex \\"><img src=x onerror=alert(2)> '
             '<a href=\\"javascript:alert(3)\\">click</a>," she said.\n')
    page, watched, url = _open_report(open_page, tmp_path, render_html(analyse(story)), "pipeline.html")
    for i in range(page.locator(".edge").count()):
        page.locator(".edge").nth(i).focus()
        page.keyboard.press("Enter")
        _assert_nothing_ran(page, watched, url)
    text = page.locator("#detail").inner_text()
    assert "<img src=x onerror=alert(2)>" in text or "<script>alert(1)</script>" in text
