"""No other site can make the app change anything: cross-origin requests, bodies that are not
JSON and forms without the session's token are refused (403) and nothing is written."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from heartline.web.app import create_app
from heartline.web.jobs import JobRunner
from webforms import form_token

STORY = "Vela Orne loved Corin Dask.\n\n\"I love you, Corin,\" Vela said.\n"
OWN = "http://testserver"  # the TestClient's origin
ELSEWHERE = {"origin": "http://evil.example"}
OTHER_PORT = {"origin": "http://testserver:9000", "sec-fetch-site": "same-site"}
RENAME = {"story": "s.txt", "action": "rename", "from": "Vela Orne", "to": "PWNED"}


def _never(story, progress=None):
    raise AssertionError("a refused request started an analysis")


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "s.txt").write_text(STORY, encoding="utf-8")
    return tmp_path


@pytest.fixture
def client(folder):
    with TestClient(create_app(stories=folder, runner=JobRunner(analyse=_never))) as c:
        yield c


def _written(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name != "s.txt")


@pytest.mark.parametrize("headers", [ELSEWHERE, OTHER_PORT, {"origin": "null"},
                                     {"sec-fetch-site": "cross-site"},
                                     {"origin": OWN, "sec-fetch-site": "cross-site"}])
def test_a_cross_origin_form_post_writes_nothing(client, folder, headers):
    # Even with the session's own token: the origin alone is enough to refuse.
    data = {**RENAME, "csrf_token": form_token(client, "/corrections")}
    response = client.post("/corrections", data=data, headers=headers)
    assert response.status_code == 403 and "another site" in response.text
    assert _written(folder) == []


@pytest.mark.parametrize("headers", [{}, ELSEWHERE])
def test_a_text_plain_json_post_writes_nothing(client, folder, headers):
    import json
    response = client.post("/api/corrections", content=json.dumps(RENAME),
                           headers={"content-type": "text/plain", **headers})
    assert response.status_code == 403
    assert response.json()["detail"].startswith("refused:") and "\n" not in response.json()["detail"]
    assert _written(folder) == []


def test_a_form_without_the_sessions_token_writes_nothing(client, folder):
    assert client.post("/corrections", data=RENAME).status_code == 403  # no token at all
    token = form_token(client, "/corrections")
    stranger = TestClient(client.app)  # another browser: its own session cookie
    form_token(stranger, "/corrections")
    assert stranger.post("/corrections", data={**RENAME, "csrf_token": token}).status_code == 403
    assert client.post("/corrections", data={**RENAME, "csrf_token": "0" * 64}).status_code == 403
    # The token of a server since restarted is no good either.
    with TestClient(create_app(stories=folder)) as restarted:
        restarted.cookies = client.cookies
        assert restarted.post("/corrections", data={**RENAME, "csrf_token": token}).status_code == 403
    assert _written(folder) == []


def test_same_origin_requests_still_work(client, folder):
    same = {"origin": OWN, "sec-fetch-site": "same-origin"}
    api = client.post("/api/corrections", json=RENAME, headers=same)
    assert api.status_code == 200, api.text
    form = client.post("/corrections", headers=same, data={
        "story": "s.txt", "action": "not_character", "name": "Corin Dask",
        "csrf_token": form_token(client, "/corrections")})
    assert form.status_code == 200, form.text
    text = (folder / "s.txt.heartline.yaml").read_text(encoding="utf-8")
    assert "PWNED" in text and "not_character: Corin Dask" in text
    # A program (no Origin, no Sec-Fetch-Site) may use the JSON API as before.
    assert client.post("/api/corrections", json={**RENAME, "to": "Vela"}).status_code == 200


def test_the_session_cookie_cannot_be_read_by_script_or_sent_by_other_sites(client):
    cookie = client.get("/corrections").headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie and "path=/" in cookie
    assert client.get("/corrections").headers.get("set-cookie") is None  # one session, kept


@pytest.mark.parametrize("path, kwargs", [
    ("/analyze", {"data": {"text": STORY}}),
    ("/api/analyze", {"content": STORY.encode(), "headers": {"content-type": "text/plain"}}),
    ("/api/jobs", {"json": {"text": STORY}}),
    ("/api/ask", {"json": {"job": "0" * 32, "question": "who?"}}),
])
def test_no_other_site_can_start_an_analysis_or_ask(client, path, kwargs):
    headers = {**kwargs.pop("headers", {}), **ELSEWHERE}
    response = client.post(path, headers=headers, **kwargs)
    assert response.status_code == 403
    assert client.get("/api/health").json()["jobs"] == {"queued": 0, "running": 0, "done": 0, "failed": 0}


def test_the_analyse_form_needs_its_token(client):
    assert client.post("/analyze", data={"text": STORY}).status_code == 403
    assert client.post("/analyze", content=STORY.encode(), headers={"content-type": "text/plain"}).status_code == 403
    assert client.post("/api/ask", content=b'{"job": "x", "question": "y"}',
                       headers={"content-type": "text/plain"}).status_code == 403
    assert client.get("/api/health").json()["jobs"]["queued"] == 0


def test_reading_is_not_refused(client):
    # GETs change nothing; another site still cannot read the answer (no CORS headers).
    response = client.get("/api/health", headers=ELSEWHERE)
    assert response.status_code == 200 and "access-control-allow-origin" not in response.headers
