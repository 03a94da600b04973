"""The web app through its HTTP interface (FastAPI's TestClient; no browser, no socket)."""
from __future__ import annotations

import json
import re
import tempfile
import threading

import pytest
from fastapi.testclient import TestClient

from heartline.api import analyze_story
from heartline.errors import InputError
from heartline.web.app import create_app
from heartline.web.jobs import JobRunner
from heartline.web.uploads import safe_name
from webforms import form_token

STORY = """Anna Bell loved Tom Reed. She had loved him since the spring fair.

"I love you, Tom," Anna said.

Rex Hale hated Tom. "I hate you, Tom Reed," Rex said.
"""
LIMIT = 50_000


@pytest.fixture(scope="module")
def client():
    with TestClient(create_app(max_upload_bytes=LIMIT)) as c:
        yield c


@pytest.fixture(scope="module")
def analysed(client):
    """The story analysed once through the API, reused by the tests that only read it."""
    response = client.post("/api/analyze", json={"text": STORY, "title": "Fair"})
    assert response.status_code == 200, response.text
    return response.json()


def test_health(client):
    body = client.get("/api/health").json()
    assert body["status"] == "ok" and set(body["jobs"]) == {"queued", "running", "done", "failed"}


def test_openapi_describes_the_api(client):
    spec = client.get("/openapi.json").json()
    assert {"/api/analyze", "/api/health", "/api/jobs", "/api/jobs/{job_id}"} <= set(spec["paths"])
    body = spec["paths"]["/api/analyze"]["post"]["requestBody"]["content"]
    assert {"multipart/form-data", "application/json", "text/plain"} <= set(body)
    # FastAPI's /docs page loads its code from a CDN, so it is switched off.
    assert client.get("/docs").status_code == 404


def test_analyze_json_body(analysed):
    assert analysed["schema"] == "heartline/analysis/v2"
    assert analysed["story"]["title"] == "Fair"
    assert ("anna_bell", "tom_reed", "romantic") in {(r["from"], r["to"], r["kind"]) for r in analysed["relations"]}


def test_analyze_upload_and_plain_text_agree(client, analysed):
    uploaded = client.post("/api/analyze", files={"file": ("../../etc/fair.txt", STORY.encode(), "text/plain")})
    assert uploaded.status_code == 200, uploaded.text
    assert uploaded.json()["story"]["source"] == "fair.txt"  # a label only, its path parts dropped
    plain = client.post("/api/analyze", content=STORY.encode(), headers={"content-type": "text/plain"})
    assert plain.status_code == 200
    for body in (uploaded.json(), plain.json()):
        assert body["relations"] == analysed["relations"]


@pytest.mark.parametrize("kwargs, message", [
    ({"json": {"text": "   "}}, "empty"),
    ({"json": {"words": "x"}}, '"text"'),
    ({"content": b"{", "headers": {"content-type": "application/json"}}, "not valid JSON"),
    ({"data": {"title": "x"}, "files": {"file": ("", b"", "text/plain")}}, "no story given"),
    ({"files": {"file": ("notes.txt", b"", "text/plain")}}, "notes.txt: the file is empty"),
    ({"content": b"", "headers": {"content-type": "text/plain"}}, "the file is empty"),
    ({"content": b"x", "headers": {"content-type": "image/png"}}, "cannot read a story sent as image/png"),
])
def test_bad_input_is_a_one_line_422(client, kwargs, message):
    response = client.post("/api/analyze", **kwargs)
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert message in detail and "\n" not in detail


def test_too_large_by_content_length_is_413(client):
    response = client.post("/api/analyze", files={"file": ("big.txt", b"a " * LIMIT, "text/plain")})
    assert response.status_code == 413
    assert response.json() == {"detail": "the upload is too large: the limit is 0.05 MB"}


def test_too_large_without_content_length_is_413(client):
    def chunks():  # a streamed body: no Content-Length, so the server has to count
        for _ in range(40):
            yield b"word " * 400
    response = client.post("/api/analyze", content=chunks(), headers={"content-type": "text/plain"})
    assert response.status_code == 413


def test_too_large_form_post_gets_an_html_page(client):
    response = client.post("/analyze", data={"text": "a " * LIMIT, "csrf_token": form_token(client)})
    assert response.status_code == 413
    assert "text/html" in response.headers["content-type"] and "limit is 0.05 MB" in response.text


def test_uploads_never_touch_the_disk(monkeypatch):
    """A file well over Starlette's 1 MB spooling threshold stays in memory."""
    def no_disk(*args, **kwargs):
        raise AssertionError("an upload was written to disk")
    monkeypatch.setattr(tempfile, "TemporaryFile", no_disk)
    monkeypatch.setattr(tempfile, "NamedTemporaryFile", no_disk)
    monkeypatch.setattr(tempfile, "mkstemp", no_disk)
    seen = []

    def fake(story, progress=None):
        seen.append(len(story.text))
        raise InputError("stop here")
    with TestClient(create_app(max_upload_bytes=3_000_000, runner=JobRunner(analyse=fake))) as c:
        big = ("All work and no play. " * 100 + "\n\n") * 1000  # about 2.2 MB
        response = c.post("/api/analyze", files={"file": ("big.txt", big.encode(), "text/plain")})
    assert response.status_code == 422 and response.json()["detail"] == "stop here"
    assert seen and seen[0] > 2_000_000


def test_form_flow_ends_on_the_report(client):
    response = client.post("/analyze", data={"text": STORY, "title": "Fair", "csrf_token": form_token(client)},
                           follow_redirects=False)
    assert response.status_code == 303
    job_url = response.headers["location"]
    assert re.fullmatch(r"/jobs/[0-9a-f]{32}", job_url)
    job_id = job_url.rsplit("/", 1)[1]
    status = None
    for _ in range(600):  # the analysis runs in a worker thread; wait for it, however long
        status = client.get(f"/api/jobs/{job_id}").json()
        if status["state"] in ("done", "failed"):
            break
        threading.Event().wait(0.05)
    assert status["state"] == "done", status
    page = client.get(job_url)  # follows the redirect to the report
    assert page.url.path == f"/jobs/{job_id}/report"
    assert 'id="heartline-data"' in page.text and f'href="/api/jobs/{job_id}/analysis.json"' in page.text
    download = client.get(status["analysis"])
    assert download.headers["content-disposition"] == 'attachment; filename="fair.heartline.json"'
    assert download.json()["schema"] == "heartline/analysis/v2"


def test_long_analysis_shows_progress_and_does_not_block(monkeypatch):
    release, reached = threading.Event(), threading.Event()

    def slow(story, progress=None):
        progress("parse", 1, 2)
        reached.set()
        assert release.wait(30), "the test never released the analysis"
        return analyze_story(story)

    with TestClient(create_app(runner=JobRunner(analyse=slow))) as c:
        job = c.post("/api/jobs", json={"text": STORY}).json()
        assert reached.wait(30)
        # While the analysis is stuck half-way, the server answers other requests.
        assert c.get("/api/health").json()["jobs"]["running"] == 1
        status = c.get(f"/api/jobs/{job['id']}").json()
        assert status["state"] == "running" and status["stage"] == "parse" and 0.3 < status["progress"] < 0.6
        page = c.get(f"/jobs/{job['id']}")
        assert '<meta http-equiv="refresh"' in page.text and "<progress" in page.text
        release.set()
        c.app.state.runner.future(job["id"]).result(timeout=60)
        assert c.get(f"/api/jobs/{job['id']}").json()["state"] == "done"


def test_unreadable_bytes_are_refused_before_a_job_starts(client):
    job = client.post("/api/jobs", content=b"\x00\x01\x02\xff" * 100,
                      headers={"content-type": "text/plain"})
    assert job.status_code == 422 and "\n" not in job.json()["detail"]


def test_failed_analysis_is_reported():
    def failing(story, progress=None):
        raise InputError("no story text found")
    with TestClient(create_app(runner=JobRunner(analyse=failing))) as c:
        job = c.post("/api/jobs", json={"text": STORY}).json()
        c.app.state.runner.future(job["id"]).result(timeout=30)
        status = c.get(f"/api/jobs/{job['id']}").json()
        page = c.get(f"/jobs/{job['id']}")
        sync = c.post("/api/analyze", json={"text": STORY})
    assert status["state"] == "failed" and status["error"] == "no story text found" and status["report"] is None
    assert page.status_code == 422 and "no story text found" in page.text
    assert sync.status_code == 422 and sync.json() == {"detail": "no story text found"}


def test_unknown_and_malformed_job_ids(client):
    assert client.get("/api/jobs/" + "0" * 32).status_code == 404
    assert client.get("/jobs/" + "0" * 32).status_code == 404
    assert client.get("/api/jobs/..%2F..%2Fetc%2Fpasswd").status_code in (404, 422)
    assert client.get("/jobs/not-a-job/report").status_code == 422


@pytest.mark.parametrize("path", ["/api/jobs/" + "AB" * 16, "/api/jobs/" + "AB" * 16 + "/analysis.json",
                                  "/api/jobs/x"])
def test_a_malformed_job_id_is_a_one_line_error_like_any_other(client, path):
    response = client.get(path)
    assert response.status_code == 422
    assert response.json() == {"detail": "no such job: a job id is 32 lower-case hex digits (0-9, a-f)"}


def test_a_malformed_job_id_on_a_page_is_a_page(client):
    page = client.get("/jobs/" + "AB" * 16)
    assert page.status_code == 422 and "text/html" in page.headers["content-type"]
    assert "a job id is 32 lower-case hex digits" in page.text and "string_pattern_mismatch" not in page.text


def test_pages_are_escaped_and_locked_down(client):
    home = client.get("/")
    assert home.status_code == 200 and 'enctype="multipart/form-data"' in home.text
    csp = home.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src" not in csp and "form-action 'self'" in csp
    assert home.headers["x-content-type-options"] == "nosniff"
    # Not no-referrer: under it a browser sends "Origin: null" with the app's own forms.
    assert home.headers["referrer-policy"] == "same-origin"
    error = client.post("/analyze", data={"text": "", "csrf_token": form_token(client)})
    assert error.status_code == 422 and "no story given" in error.text
    empty = client.post("/analyze", data={"csrf_token": form_token(client)},
                        files={"file": ("blank.txt", b"", "text/plain")})
    assert empty.status_code == 422 and "blank.txt: the file is empty" in empty.text


def test_hostile_title_is_escaped_on_the_progress_page():
    release = threading.Event()

    def stuck(story, progress=None):
        release.wait(30)
        raise InputError("stopped")
    with TestClient(create_app(runner=JobRunner(analyse=stuck))) as c:
        job = c.post("/api/jobs", json={"text": "x y z", "title": "<script>alert(1)</script>"}).json()
        page = c.get(f"/jobs/{job['id']}").text
        release.set()
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_allowed_hosts_refuse_other_names():
    with TestClient(create_app(allowed_hosts=["127.0.0.1", "localhost"]), base_url="http://127.0.0.1") as c:
        assert c.get("/api/health").status_code == 200
        assert c.get("/api/health", headers={"host": "rebound.example"}).status_code == 400


@pytest.mark.parametrize("given, kept", [
    ("../../etc/passwd", "passwd"), ("C:\\Users\\x\\story.txt", "story.txt"), ("", "upload.txt"),
    ("..", "upload.txt"), ("a<b>\"c\".txt", "a_b__c_.txt"),
])
def test_safe_name(given, kept):
    assert safe_name(given) == kept


def test_serve_registers_with_loopback_default():
    from heartline.cli import build_parser
    args = build_parser().parse_args(["serve"])
    assert args.host == "127.0.0.1" and args.port == 8000
    assert json.loads(json.dumps(vars(args), default=str))["max_upload_mb"] == 10


def _finished_job(client) -> str:
    job = client.post("/api/jobs", json={"text": STORY, "title": "Fair"}).json()
    for _ in range(600):
        status = client.get(f"/api/jobs/{job['id']}").json()
        if status["state"] in ("done", "failed"):
            break
        threading.Event().wait(0.05)
    assert status["state"] == "done", status
    return job["id"]


def test_ask_api_answers_about_a_finished_analysis(client):
    job_id = _finished_job(client)
    answer = client.post("/api/ask", json={"job": job_id, "question": "does Anna love Tom?"}).json()
    assert answer["verdict"] == "yes" and answer["characters"] == ["Anna Bell", "Tom Reed"]
    assert answer["evidence"] and all("text" in e for e in answer["evidence"])
    assert client.post("/api/ask", json={"job": "0" * 32, "question": "x"}).status_code == 404
    assert client.post("/api/ask", json={"question": "who?"}).status_code == 422
    assert "/api/ask" in client.get("/openapi.json").json()["paths"]


def test_ask_page_escapes_the_question_and_the_answer(client):
    job_id = _finished_job(client)
    page = client.get(f"/jobs/{job_id}/ask", params={"q": "does <script>alert(1)</script> like Tom?"})
    assert page.status_code == 200
    assert "<script>alert(1)</script>" not in page.text and "&lt;script&gt;" in page.text
    page = client.get(f"/jobs/{job_id}/ask", params={"q": "who does Rex hate?"})
    assert "Tom Reed" in page.text
