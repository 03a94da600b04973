"""bench/speed.py: the repeated text and the report arithmetic (no timing is asserted)."""
from __future__ import annotations

from pathlib import Path

import pytest

from bench.speed import render, scaling, story_text


def test_a_text_repeated_holds_its_body_that_many_times(tmp_path: Path):
    path = tmp_path / "story.txt"
    path.write_text("Ann met Tom.\n\nThey talked.\n", encoding="utf-8")
    assert story_text(path, 1) == "Ann met Tom.\n\nThey talked.\n"
    doubled = story_text(path, 2)
    assert doubled.count("Ann met Tom.") == 2 and doubled.split().count("talked.") == 2


def _row(text, copies, parser, heartline, words=1000):
    timing = lambda s: {"seconds": s, "cpu_seconds": s, "rss_mb": 300.0, "children_rss_mb": 0.0}
    row = {"text": text, "copies": copies, "words": words * copies,
           "parser": timing(parser), "heartline-1": timing(heartline)}
    row["heartline-1"]["stages"] = {"scenes": 0.1, "parse": parser, "coref": heartline - parser - 0.1, "tags": 0.1}
    return row


def test_scaling_is_relative_to_one_copy_and_isolates_what_follows_the_parse():
    result = {"scale_text": "t", "rows": [_row("t", 1, 10, 12), _row("t", 2, 20, 26), _row("t", 4, 40, 56),
                                          _row("other", 1, 5, 5)]}
    # after the parse: 12 - 10 = 2 s, then 6 s and 16 s (coref and tags; scenes goes with the parse)
    assert scaling(result) == pytest.approx([(1, 1.0, 1.0, 1.0), (2, 26 / 12, 2.0, 3.0), (4, 56 / 12, 4.0, 8.0)])


def test_the_report_prints_ratios_and_words_per_second():
    row = _row("t", 1, 10, 15)
    row["heartline-N"] = {"seconds": 8.0, "cpu_seconds": 5.0, "rss_mb": 320.0, "children_rss_mb": 250.0}
    result = {"scale_text": "t", "rows": [row], "processes": 2, "cpus": 2, "python": "3.11",
              "repeat": 1, "load_before": 0.5}
    out = render(result)
    assert " 1.50 " in out and " 0.80 " in out and "100" in out  # 15/10, 8/10, 1000 words / 10 s
