"""``heartline correct`` writes the file that later runs read; the web app writes the same file."""
from __future__ import annotations

import json

import pytest

from heartline.cli import main

STORY = '''Anna Bell loved Tom Reed.

"Hello, Anna," Tom said. Captain Reed frowned at them. Nell Ash smiled.
'''


@pytest.fixture()
def story(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    return path


def analysis(story, capsys, *extra) -> dict:
    capsys.readouterr()
    assert main(["analyze", str(story), "-q", "--json", "-", *extra]) == 0
    return json.loads(capsys.readouterr().out)


def test_correct_then_analyze_applies_it(story, capsys) -> None:
    assert main(["correct", str(story), "not-character", "Nell Ash"]) == 0
    assert main(["correct", str(story), "add-relation", "Tom", "Anna", "--kind", "romantic",
                 "--reason", "he waits for her"]) == 0
    assert main(["correct", str(story), "merge", "Nobody", "Anna"]) == 0
    sidecar = story.with_name("story.txt.heartline.yaml")
    assert "- not_character: Nell Ash" in sidecar.read_text(encoding="utf-8")
    data = analysis(story, capsys)
    assert all(c["name"] != "Nell Ash" for c in data["characters"])
    added = [r for r in data["relations"] if r["from"] == "tom_reed" and r["to"] == "anna_bell"]
    assert added and added[0]["corrected"] and added[0]["reason"] == "he waits for her"
    assert [s["note"] for s in data["corrections"]["stale"]] == ["no character is called Nobody"]


def test_stale_corrections_are_reported_on_stderr(story, capsys) -> None:
    main(["correct", str(story), "rename", "Ghost", "Spirit"])
    capsys.readouterr()
    main(["analyze", str(story), "-q"])
    assert "stale correction (rename): no character is called Ghost" in capsys.readouterr().err


def test_corrections_option_and_check(story, tmp_path, capsys) -> None:
    fixes = tmp_path / "elsewhere.yaml"
    assert main(["correct", str(story), "--corrections", str(fixes), "split", "Captain Reed",
                 "--from", "Tom Reed", "--check", "--json", "-"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["file"] == str(fixes) and out["corrections"] == [{"split": {"alias": "Captain Reed",
                                                                            "from": "Tom Reed"}}]
    assert len(out["applied"]) + len(out["stale"]) == 1
    assert not story.with_name("story.txt.heartline.yaml").exists()
    data = analysis(story, capsys, "--corrections", str(fixes))
    assert data["corrections"]["file"] == str(fixes)


def test_bad_correction_is_one_error_line(story, capsys) -> None:
    assert main(["correct", str(story), "add-relation", "Tom", "Anna", "--kind", "romantic",
                 "--reason", " "]) == 2
    assert capsys.readouterr().err.startswith("heartline: error: add-relation needs a --reason")
    assert main(["correct", str(story.with_name("nope.txt")), "list"]) == 2
