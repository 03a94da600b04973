"""bench/determinism.py: the probe hashes exactly what ``heartline analyze --json -`` prints,
and the comparison names the stories and settings that disagree (no subprocess here)."""
from __future__ import annotations

import hashlib
from pathlib import Path

from bench.determinism import analysis_json, compare_settings, probe

from heartline.cli import main


def test_the_probe_hashes_the_json_the_cli_prints(tmp_path: Path, capsys):
    story = tmp_path / "story.txt"
    story.write_text('Ann loved Tom. "I love you, Tom," Ann said.\n\nTom smiled at her.\n', encoding="utf-8")
    assert main(["analyze", str(story), "-q", "--json", "-"]) == 0
    printed = capsys.readouterr().out
    assert analysis_json(str(story)) == printed
    probe([str(story), str(tmp_path / "missing.txt")])
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"{hashlib.sha256(printed.encode('utf-8')).hexdigest()}\t{story}"
    assert lines[1].startswith("ERROR:") and lines[1].endswith("\t" + str(tmp_path / "missing.txt"))


def test_compare_settings_reports_only_the_stories_that_differ():
    results = {(0, 1): {"a.txt": "h1", "b.txt": "h2"},
               (1, 1): {"a.txt": "h1", "b.txt": "h3"},
               (1, 2): {"a.txt": "h1"}}
    assert compare_settings(results) == {"b.txt": {"h2": [(0, 1)], "h3": [(1, 1)], "MISSING": [(1, 2)]}}
