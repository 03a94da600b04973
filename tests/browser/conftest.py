"""Headless Chromium for the browser tests, a live app server, and what a page does.

Chromium is Debian's (/usr/bin/chromium, or $HEARTLINE_CHROMIUM), driven by Playwright;
the tests skip with the reason when it is missing (CI installs it: scripts/setup-browser).
Screenshots go to artifacts/screenshots/ at the repository root (docs/report.md).
"""
from __future__ import annotations

import os
import socket
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
CHROMIUM = Path(os.environ.get("HEARTLINE_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                 "--disable-default-apps", "--disable-extensions", "--disable-domain-reliability",
                 "--metrics-recording-only", "--no-default-browser-check"]


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium (scripts/setup-browser) to run browser tests")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (test extra)")
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


@dataclass
class Watched:
    """Everything a page tried that it should not: dialogs, requests, script errors."""

    dialogs: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def requests_outside(self, *allowed_prefixes: str) -> list[str]:
        return [u for u in self.requests if not u.startswith(allowed_prefixes)]


@pytest.fixture
def open_page(browser):
    """``open_page(url, width, height)`` -> (page, Watched); every page closed after the test."""
    contexts = []

    def _open(url: str, width: int = 1280, height: int = 900):
        context = browser.new_context(viewport={"width": width, "height": height}, accept_downloads=True)
        contexts.append(context)
        page = context.new_page()
        watched = Watched()

        def on_dialog(dialog):
            watched.dialogs.append(f"{dialog.type}: {dialog.message}")
            dialog.dismiss()
        page.on("dialog", on_dialog)
        page.on("request", lambda request: watched.requests.append(request.url))
        page.on("pageerror", lambda exc: watched.errors.append(str(exc)))
        page.on("console", lambda msg: watched.errors.append(msg.text) if msg.type == "error" else None)
        if url:
            page.goto(url)
        return page, watched

    yield _open
    for context in contexts:
        context.close()


def click_edge(page, source: str, target: str) -> None:
    """Click the drawn line from ``source`` to ``target`` where it shows, as a user would: the
    point nearest its middle that no other edge or label covers (the middle of a curved line's
    box is not on the line, so ask the path; where another pair's line crosses the middle,
    a user clicks beside the crossing)."""
    edge = page.locator(f'.edge[data-from="{source}"][data-to="{target}"] .edge-line')
    edge.scroll_into_view_if_needed()
    point = edge.evaluate("""p => {
        const l = p.getTotalLength(), m = p.getScreenCTM(), g = p.closest('.edge');
        const at = f => { const q = p.getPointAtLength(l * f);
            return {x: m.a * q.x + m.c * q.y + m.e, y: m.b * q.x + m.d * q.y + m.f}; };
        for (const f of [0.5, 0.45, 0.55, 0.4, 0.6, 0.35, 0.65, 0.3, 0.7, 0.25, 0.75]) {
            const pt = at(f), top = document.elementFromPoint(pt.x, pt.y);
            if (top && top.closest('.edge') === g) return pt;
        }
        return at(0.5); }""")
    page.mouse.click(point["x"], point["y"])


@pytest.fixture(scope="session")
def click():
    return click_edge


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serving(app):
    """``app`` served by uvicorn on 127.0.0.1 in a thread; yields its base URL."""
    uvicorn = pytest.importorskip("uvicorn")
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def live_app():
    """The web app served by uvicorn on 127.0.0.1 in a thread; yields its base URL."""
    from heartline.web.app import create_app

    with serving(create_app(max_upload_bytes=2_000_000, allowed_hosts=["127.0.0.1", "localhost"])) as url:
        yield url


@contextmanager
def other_site(pages: dict[str, str]):
    """Another origin on this computer: a plain HTTP server on another loopback port that
    serves ``pages`` (path -> HTML).  Yields its base URL."""
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's name)
            body = pages.get(self.path.split("?")[0])
            self.send_response(200 if body is not None else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write((body or "not here").encode("utf-8"))

        def log_message(self, *args):  # keep the test output quiet
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def serve_app():
    """``with serve_app(app) as url``: an app of the test's own making, served on loopback."""
    return serving


@pytest.fixture(scope="session")
def site_elsewhere():
    """``with site_elsewhere({path: html}) as url``: pages on another loopback origin."""
    return other_site
