"""The web app in headless Chromium: upload a file, paste text, read the report, download the JSON."""
from __future__ import annotations

import json

STORY = """Anna Bell loved Tom Reed. She had loved him since the spring fair.

"I love you, Tom," Anna said.

Tom smiled at her. "I love you too, Anna."

Rex Hale hated Tom. "I hate you, Tom Reed," Rex said. Anna was fond of her brother Rex anyway.
"""

HOSTILE = ('<script>alert(1)</script>\n\n'
           'Tom loved Mia. "I love you, Mia <script>alert(2)</script>," he said.\n\n'
           'Mia hated Rex. "Go away, Rex \\"><img src=x onerror=alert(3)> '
           '<a href=\\"javascript:alert(4)\\">click</a>," she said.\n')


def test_upload_flow(live_app, open_page, tmp_path, click, screenshots):
    story = tmp_path / "spring_fair.txt"
    story.write_text(STORY, encoding="utf-8")
    page, watched = open_page(live_app + "/", 1280, 900)
    page.screenshot(path=str(screenshots / "app-home.png"), full_page=True)
    page.set_input_files("#file", str(story))
    page.get_by_role("button", name="Analyse").click()
    # The progress page reloads itself until the report is ready.
    page.wait_for_url("**/report", timeout=180_000)
    assert page.locator("#title").inner_text() == "Spring Fair"
    assert page.locator(".node").count() == 3 and page.locator(".edge").count() == 4

    click(page, "anna_bell", "tom_reed")
    detail = page.locator("#detail")
    assert detail.locator(".rel-title").inner_text().strip() == "Anna Bell \u2192 Tom Reed"
    assert "Anna Bell loved Tom Reed." in detail.locator("mark.hl").all_inner_texts()
    page.screenshot(path=str(screenshots / "app-report.png"), full_page=True)

    with page.expect_download() as download:
        page.get_by_role("link", name="Download JSON").click()
    data = json.loads(download.value.path().read_text(encoding="utf-8"))
    assert data["schema"] == "heartline/analysis/v2" and data["story"]["source"] == "spring_fair.txt"
    assert download.value.suggested_filename.endswith(".heartline.json")

    assert watched.dialogs == [] and watched.errors == []
    assert watched.requests_outside(live_app + "/") == []


def test_paste_flow_with_hostile_text(live_app, open_page, screenshots):
    page, watched = open_page(live_app + "/", 390, 844)
    page.fill("#text", HOSTILE)
    page.fill("#title", '"><img src=x onerror=alert(5)>')
    page.get_by_role("button", name="Analyse").click()
    page.wait_for_url("**/report", timeout=180_000)
    assert page.locator("#title").inner_text() == '"><img src=x onerror=alert(5)>'
    for i in range(page.locator(".edge").count()):
        page.locator(".edge").nth(i).focus()
        page.keyboard.press("Enter")
    shown = page.locator("#detail").inner_text() + page.locator("#arcs").inner_text()
    assert "<script>alert(2)</script>" in shown or "<img src=x onerror=alert(3)>" in shown
    page.screenshot(path=str(screenshots / "app-report-phone.png"))
    assert watched.dialogs == [] and watched.errors == []
    assert watched.requests_outside(live_app + "/") == []
    assert page.locator("img, iframe, a[href^='javascript']").count() == 0


def test_too_large_upload_is_refused_in_the_page(live_app, open_page, tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"word " * 500_000)  # 2.5 MB, over the test server's 2 MB
    page, watched = open_page(live_app + "/", 1280, 900)
    page.set_input_files("#file", str(big))
    with page.expect_response(lambda r: r.url.endswith("/analyze")) as response:
        page.get_by_role("button", name="Analyse").click()
    assert response.value.status == 413
    assert "the limit is 2 MB" in page.locator("main").inner_text()
