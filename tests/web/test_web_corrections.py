"""Corrections made in the web app land in the file beside the story: the next CLI run applies them."""
from __future__ import annotations

import json

from fastapi.testclient import TestClient

from heartline.cli import main
from heartline.web.app import create_app
from webforms import form_token

STORY = '''Anna Bell loved Tom Reed.

"Hello, Anna," Tom said. Annie Bell smiled at him.
'''


def test_a_merge_made_in_the_app_shows_up_in_the_next_cli_run(tmp_path, capsys) -> None:
    story = tmp_path / "fics" / "story.txt"
    story.parent.mkdir()
    story.write_text(STORY, encoding="utf-8")
    client = TestClient(create_app(stories=story.parent))
    reply = client.post("/api/corrections", json={"story": "story.txt", "action": "merge",
                                                  "names": ["Anna Bell", "Annie Bell"]})
    assert reply.status_code == 200, reply.text
    assert reply.json()["added"] == {"merge": ["Anna Bell", "Annie Bell"]}
    listed = client.get("/api/corrections", params={"story": "story.txt"}).json()
    assert listed["corrections"] == [{"merge": ["Anna Bell", "Annie Bell"]}]

    capsys.readouterr()
    assert main(["analyze", str(story), "-q", "--json", "-"]) == 0
    data = json.loads(capsys.readouterr().out)
    anna = next(c for c in data["characters"] if c["name"] == "Anna Bell")
    assert "Annie Bell" in anna["aliases"] and anna["corrected"]
    assert all(c["name"] != "Annie Bell" for c in data["characters"])
    assert data["corrections"]["applied"][0]["action"] == "merge"


def test_the_cli_says_on_stderr_which_corrections_file_it_applied(tmp_path, capsys) -> None:
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    client = TestClient(create_app(stories=tmp_path))
    assert client.post("/api/corrections", json={"story": "story.txt", "action": "rename",
                                                 "from": "Tom Reed", "to": "Tomas Reed"}).status_code == 200
    capsys.readouterr()
    assert main(["analyze", str(story), "-q"]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err == [f"heartline: using 1 correction from {story}.heartline.yaml"]
    (tmp_path / "other.txt").write_text(STORY, encoding="utf-8")
    assert main(["analyze", str(tmp_path / "other.txt"), "-q"]) == 0
    assert capsys.readouterr().err == ""  # no corrections file: nothing to say


def test_answers_name_files_inside_the_stories_folder_not_on_disk(tmp_path) -> None:
    (tmp_path / "fics").mkdir()
    (tmp_path / "fics" / "s.txt").write_text(STORY, encoding="utf-8")
    client = TestClient(create_app(stories=tmp_path))
    posted = client.post("/api/corrections", json={"story": "fics/s.txt", "action": "not_character",
                                                   "name": "Tom Reed"})
    listed = client.get("/api/corrections", params={"story": "fics/s.txt"})
    assert posted.json()["file"] == listed.json()["file"] == "fics/s.txt.heartline.yaml"
    assert listed.json()["story"] == "fics/s.txt"
    page = client.get("/corrections").text
    for body in (posted.text, listed.text, page):
        assert str(tmp_path) not in body


def test_the_form_records_a_correction(tmp_path) -> None:
    (tmp_path / "s.txt").write_text(STORY, encoding="utf-8")
    client = TestClient(create_app(stories=tmp_path))
    assert "Record the correction" in client.get("/corrections").text
    page = client.post("/corrections", data={"story": "s.txt", "action": "not_character", "name": "Tom Reed",
                                             "csrf_token": form_token(client, "/corrections")})
    assert page.status_code == 200 and "Recorded in <code>s.txt.heartline.yaml</code>" in page.text
    assert (tmp_path / "s.txt.heartline.yaml").read_text(encoding="utf-8").endswith("- not_character: Tom Reed\n")


def test_the_app_writes_only_beside_stories_in_its_folder(tmp_path) -> None:
    inside = tmp_path / "fics"
    inside.mkdir()
    (tmp_path / "secret.txt").write_text("x", encoding="utf-8")
    client = TestClient(create_app(stories=inside))
    for story in ("../secret.txt", "missing.txt", str(tmp_path / "secret.txt"), ""):
        reply = client.post("/api/corrections", json={"story": story, "action": "not_character", "name": "X"})
        assert reply.status_code == 422 and reply.json()["detail"]
    assert not (tmp_path / "secret.txt.heartline.yaml").exists()
    off = TestClient(create_app())
    assert off.post("/api/corrections", json={"story": "s.txt", "action": "merge", "names": ["A", "B"]}
                    ).json()["detail"].startswith("corrections are off")
