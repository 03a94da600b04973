"""The command line: one-line errors without tracebacks, JSON to stdout or a file."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from heartline.cli import main

STORY = 'Mia loved Tom.\n\n"I love you, Tom," Mia said.\n'
CONTRACT = {"schema", "story", "characters", "quotes", "relations", "tags"}


def _cli(*args: str) -> subprocess.CompletedProcess:
    """Run the real command in a fresh interpreter (errors here come before the parser loads)."""
    src = str(Path(__file__).resolve().parents[1] / "src")
    env = dict(os.environ, PYTHONPATH=src + os.pathsep + os.environ.get("PYTHONPATH", ""))
    return subprocess.run([sys.executable, "-m", "heartline.cli", *args], capture_output=True,
                          text=True, env=env, timeout=120)


def _one_error_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    assert lines[0].startswith("heartline: error:"), lines[0]
    return lines[0]


@pytest.mark.parametrize("name,data,words", [
    ("empty.txt", b"", "empty"),
    ("blank.txt", b"  \n\n \t\n", "empty"),
    ("picture.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
    ("noise.bin", bytes(range(256)) * 8, "binary"),
])
def test_unreadable_story_is_one_line_and_non_zero_exit(tmp_path, name, data, words) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    proc = _cli("analyze", str(path))
    assert proc.returncode != 0
    line = _one_error_line(proc.stderr)
    assert name in line and words in line
    assert proc.stdout == ""


@pytest.mark.parametrize("make", ["missing", "directory"])
def test_missing_file_or_directory_is_one_line(tmp_path, capsys, make) -> None:
    path = tmp_path / "story.txt"
    if make == "directory":
        path.mkdir()
    assert main(["analyze", str(path)]) != 0
    out, err = capsys.readouterr()
    _one_error_line(err)
    assert out == ""


def test_json_to_stdout_is_only_valid_json_with_the_contract(tmp_path, capsys) -> None:
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    assert main(["analyze", str(story), "--json", "-"]) == 0
    out, _err = capsys.readouterr()
    data = json.loads(out)  # nothing but JSON on stdout
    assert data["schema"] == "heartline/analysis/v2"
    assert CONTRACT <= set(data)
    assert {"source", "title", "words", "scenes"} <= set(data["story"])
    assert {"characters", "relationships"} <= set(data["tags"])
    assert {c["id"] for c in data["characters"]} >= {"mia", "tom"}
    assert ("mia", "tom", "romantic") in {(r["from"], r["to"], r["kind"]) for r in data["relations"]}
    assert data["tags"]["relationships"] == ["Mia/Tom"]


def test_json_to_a_file_and_summary_to_stdout(tmp_path, capsys) -> None:
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    target = tmp_path / "out.json"
    assert main(["analyze", str(story), "--json", str(target)]) == 0
    out, _err = capsys.readouterr()
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["schema"] == "heartline/analysis/v2" and CONTRACT <= set(data)
    assert "Mia" in out  # the human summary still goes to the terminal


def test_quiet_with_json_file_prints_nothing(tmp_path, capsys) -> None:
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    assert main(["analyze", str(story), "-q", "--json", str(tmp_path / "o.json")]) == 0
    assert capsys.readouterr().out == ""
    assert (tmp_path / "o.json").exists()


def test_unwritable_json_target_is_one_line(tmp_path, capsys) -> None:
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    assert main(["analyze", str(story), "--json", str(tmp_path / "no" / "such" / "dir.json")]) != 0
    _one_error_line(capsys.readouterr().err)


def test_version(capsys) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out.startswith("heartline ")


# --------------------------------------------------------------------- formats (issue 3)
def test_analyze_reads_an_ao3_download_and_shows_the_tag_comparison(tmp_path) -> None:
    sys.path.insert(0, str(Path(__file__).parent / "formats"))
    import fixtures

    path = tmp_path / "work.html"
    path.write_bytes(fixtures.ao3_html())
    out = tmp_path / "out.json"
    proc = _cli("analyze", str(path), "--json", str(out))
    assert proc.returncode == 0, proc.stderr
    assert "by inkfox" in proc.stdout
    assert "ok   Mara Lind/Tobin Hale" in proc.stdout and "??   Ada Fenner/Mara Lind" in proc.stdout
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["story"]["format"] == "html" and data["story"]["archive"] == "ao3"
    assert data["story"]["metadata"]["rating"] == "Teen And Up Audiences"


@pytest.mark.parametrize("name,data,words", [
    ("cut.epub", b"PK\x03\x04" + b"\x00" * 40, "damaged EPUB"),
    ("empty.html", b"<html><head><title>x</title></head><body></body></html>", "no story text"),
    ("picture.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "binary"),
    ("zero.epub", b"", "empty"),
])
def test_bad_files_of_every_format_are_one_line(tmp_path, name, data, words) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    proc = _cli("analyze", str(path))
    assert proc.returncode == 2
    assert words in _one_error_line(proc.stderr)


def test_a_file_over_the_size_limit_is_one_line(tmp_path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:  # 52 MB of prose-like text: refused before any decoding
        chunk = b"She walked along the harbour wall and thought of nothing. " * 1000
        for _ in range(52_000_000 // len(chunk) + 1):
            fh.write(chunk)
    proc = _cli("analyze", str(path))
    assert proc.returncode == 2
    assert "over the 50 MB limit" in _one_error_line(proc.stderr)


def test_names_option_renames_characters(tmp_path) -> None:
    story = tmp_path / "s.txt"
    story.write_text(STORY, encoding="utf-8")
    names = tmp_path / "names.yaml"
    names.write_text("Mia Canon:\n  aliases: [Mia]\n", encoding="utf-8")
    proc = _cli("analyze", str(story), "--names", str(names), "--json", "-")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert "Mia Canon" in {c["name"] for c in data["characters"]}
    bad = tmp_path / "bad.yaml"
    bad.write_text("a: [b\n", encoding="utf-8")
    proc = _cli("analyze", str(story), "--names", str(bad))
    assert proc.returncode == 2 and "not valid YAML" in _one_error_line(proc.stderr)
