"""``heartline ask`` end to end in subprocesses: one question, JSON, errors, and questions
piped through standard input.  The story is analysed once; later runs use the cache."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

STORY = """Anna Bell loved Tom Reed. Rex Stone hated Tom Reed.

"I love you, Tom," Anna said.

"I know you do," Tom said. Rex scowled at them both.
"""


def _run(args: list[str], stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "heartline.cli", "ask", *args], input=stdin,
                          capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def story(tmp_path_factory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("ask_cli")
    path = root / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    cache = root / "cache"
    first = _run([str(path), "does Anna love Tom?", "--cache-dir", str(cache)])
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("Yes. Anna Bell is in love with Tom Reed")
    assert '[scene 1, chapter 1, offset 0] Anna Bell -> Tom Reed, romantic, narrated: "Anna Bell loved Tom Reed."' \
        in first.stdout
    return path, cache


def test_json_answer_on_stdout(story) -> None:
    path, cache = story
    done = _run([str(path), "who", "hates", "Tom?", "--json", "-", "--cache-dir", str(cache)])  # unquoted words
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["question"] == "who hates Tom?"
    assert data["verdict"] is None and data["characters"] == ["Tom Reed", "Rex Stone"]
    assert data["relations"][0]["from"] == "rex_stone" and data["relations"][0]["kind"] == "hatred"
    assert data["evidence"][0]["text"] == "Rex Stone hated Tom Reed."


def test_the_cache_is_what_answers(story) -> None:
    path, cache = story
    [entry] = cache.glob("*.json")
    saved = entry.read_text(encoding="utf-8")
    try:
        # Rename a character inside the cached analysis: only a cache hit can know the new name.
        entry.write_text(saved.replace('"Rex Stone"', '"Rex Cached"'), encoding="utf-8")
        done = _run([str(path), "who hates Tom?", "--cache-dir", str(cache)])
        assert done.returncode == 0, done.stderr
        assert "Rex Cached" in done.stdout
    finally:
        entry.write_text(saved, encoding="utf-8")


def test_unknown_name_is_one_line_and_exit_2(story) -> None:
    path, cache = story
    done = _run([str(path), "does Ana love Tom?", "--cache-dir", str(cache)])
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.strip() == "No character called 'Ana'; did you mean Anna Bell?"


def test_out_of_grammar_lists_the_forms_and_exits_2(story) -> None:
    path, cache = story
    done = _run([str(path), "what colour is the sky?", "--cache-dir", str(cache)])
    assert done.returncode == 2
    assert "who does X like?" in done.stderr


def test_questions_piped_through_stdin(story) -> None:
    path, cache = story
    done = _run([str(path), "--cache-dir", str(cache)],
                stdin="does Anna love Tom?\n\ndoes he love her back?\nwho is Kakshi?\nquit\nwho is Tom?\n")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "> does Anna love Tom?\nYes." in out
    back = out.split("> does he love her back?\n")[1].split("\n> ")[0]
    assert "Tom Reed" in back and "Anna Bell" in back  # the pair before, turned round
    assert "No character called 'Kakshi'" in out
    assert "who is Tom?" not in out  # nothing after "quit"


def test_piped_questions_as_json_lines(story) -> None:
    path, cache = story
    done = _run([str(path), "--json", "-", "--cache-dir", str(cache)], stdin="who loves Tom?\nwho is Rex?\n")
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert [d["question"] for d in lines] == ["who loves Tom?", "who is Rex?"]
    assert lines[0]["characters"] == ["Tom Reed", "Anna Bell"]
    assert lines[1]["characters"][0] == "Rex Stone"


def test_missing_story_is_a_one_line_error(tmp_path) -> None:
    done = _run([str(tmp_path / "nope.txt"), "who is Tom?", "--cache-dir", str(tmp_path)])
    assert done.returncode == 2
    assert done.stderr.startswith("heartline: error:") and "Traceback" not in done.stderr
