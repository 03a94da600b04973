"""bench/judge_gates.py: a gate's held-out scores against the baseline (invented stories)."""
from __future__ import annotations

from pathlib import Path

from bench.judge_gates import load_gate, render


def test_render_lists_only_the_stories_a_gate_moved_and_counts_them() -> None:
    base = {"quillmoor_wedding": ("complete", 0.5, 0.6), "brasswick_lanterns": ("complete", 0.7, 0.8),
            "a_long_novel": ("partial", 0.4, 0.5)}
    got = dict(base, quillmoor_wedding=("complete", 0.5, 0.7), brasswick_lanterns=("complete", 0.6, 0.7))
    text = render("gate", got, base).splitlines()
    assert text[0] == "gate: fics 0.550 / 0.700, novels 0.400 / 0.500 (strict / lenient)"
    assert [line.split()[0] for line in text[1:-1]] == ["brasswick_lanterns", "quillmoor_wedding"]
    assert text[-1].strip() == "lenient up 1, down 1"


def test_render_without_a_baseline_is_one_line() -> None:
    assert render("base", {"quillmoor_wedding": ("complete", 0.5, 0.6)}) == \
        "base: fics 0.500 / 0.600, novels 0.000 / 0.000 (strict / lenient)"


def test_load_gate_finds_the_function_in_a_file(tmp_path: Path) -> None:
    path = tmp_path / "my_gates.py"
    path.write_text("def keep_none(story, relations, probs):\n    return ()\n", encoding="utf-8")
    gate = load_gate(f"{path}:keep_none")
    assert gate(None, ("a relation",), ()) == ()
