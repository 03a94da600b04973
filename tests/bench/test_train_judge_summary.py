"""bench/train_judge.py's summary: the mean of per-story F1 and the pooled (micro) F1 beside it."""
from __future__ import annotations

import pytest

from bench.train_judge import HeldOutRow, render_rows, summary
from heartline.eval import PRF


def _row(name: str, cast: str, judge_lenient: PRF) -> HeldOutRow:
    rules = PRF(1, 2, 1, 4)
    counts = {"rules_strict": rules, "rules_lenient": rules, "judge_strict": judge_lenient,
              "judge_lenient": judge_lenient}
    return HeldOutRow(name, cast, rules.f1, rules.f1, judge_lenient.f1, judge_lenient.f1, counts)


def test_pooled_sums_the_counts_where_the_mean_averages_the_stories() -> None:
    # a small story found whole and a large one half found: the mean weighs them alike, pooling does not
    rows = [_row("quillmoor_wedding", "complete", PRF(1, 1, 1, 1)),
            _row("brasswick_lanterns", "complete", PRF(4, 4, 4, 8)),
            _row("a_long_novel", "partial", PRF(0, 3, 0, 3))]
    fics = summary(rows, "complete")
    assert fics["stories"] == 2
    assert fics["judge_lenient"] == pytest.approx((1.0 + 2 / 3) / 2)
    assert fics["pooled_judge_lenient"] == pytest.approx(PRF(5, 5, 5, 9).f1)
    assert fics["pooled_rules_lenient"] == pytest.approx(PRF(2, 4, 2, 8).f1)
    assert summary(rows, "partial")["pooled_judge_strict"] == 0.0
    assert "fics (pooled): rules 0.333 / 0.333, judge held out 0.714 / 0.714" in \
        render_rows(rows, fics, summary(rows, "partial"), {"warm": 0.3, "cold": 0.4})


def test_pooling_nothing_is_zero_not_an_error() -> None:
    assert PRF.pooled([]).f1 == 0.0


def test_dropped_others_are_a_seeded_draw_of_other_stories() -> None:
    from bench.train_judge import dropped_others
    names = ["quillmoor_wedding", "brasswick_lanterns", "zellwick_abbey", "quorrin_gate", "vossmere_docks"]
    drawn = dropped_others(names, 2, seed=3)
    assert set(drawn) == set(names)
    assert all(len(d) == 2 and n not in d and d <= set(names) for n, d in drawn.items())
    # the same seed draws the same stories whatever order they come in; none dropped at k 0
    assert dropped_others(list(reversed(names)), 2, seed=3) == drawn
    assert all(not d for d in dropped_others(names, 0, seed=3).values())
    assert any(dropped_others(names, 2, seed=s) != drawn for s in range(4, 8))
