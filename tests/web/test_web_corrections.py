"""Corrections made in the web app land in the file beside the story: the next CLI run applies them."""
from __future__ import annotations

import json

from fastapi.testclient import TestClient

from heartline.cli import main
from heartline.web.app import create_app

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


def test_the_form_records_a_correction(tmp_path) -> None:
    (tmp_path / "s.txt").write_text(STORY, encoding="utf-8")
    client = TestClient(create_app(stories=tmp_path))
    assert "Record the correction" in client.get("/corrections").text
    page = client.post("/corrections", data={"story": "s.txt", "action": "not_character", "name": "Tom Reed"})
    assert page.status_code == 200
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
