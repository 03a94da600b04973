"""The coreference metrics on the worked example of Pradhan et al. (2014), "Scoring
Coreference Partitions of Predicted Mentions: A Reference Implementation", section 3:
key {a b c} {d e f g}, response {a b} {c d} {f g h i} (h and i are not in the key,
e is not in the response)."""
from __future__ import annotations

import itertools

import pytest

from bench.metrics import PRF, b_cubed, ceaf_e, conll_f1, max_assignment, muc, span_prf

KEY = [frozenset("abc"), frozenset("defg")]
RESPONSE = [frozenset("ab"), frozenset("cd"), frozenset("fghi")]


def test_muc_on_the_worked_example():
    s = muc(RESPONSE, KEY)
    assert (s.recall, s.precision) == pytest.approx((2 / 5, 2 / 5))


def test_b_cubed_on_the_worked_example():
    s = b_cubed(RESPONSE, KEY)
    assert s.recall == pytest.approx(35 / 84)  # (2/3 + 2/3 + 1/3 + 1/4 + 0 + 2/4 + 2/4) / 7
    assert s.precision == pytest.approx(4 / 8)


def test_ceaf_e_on_the_worked_example():
    s = ceaf_e(RESPONSE, KEY)
    # best alignment {abc}-{ab} (phi4 0.8) and {defg}-{fghi} (0.5)
    assert s.recall == pytest.approx(1.3 / 2)
    assert s.precision == pytest.approx(1.3 / 3)


def test_conll_average_is_the_mean_of_the_three():
    m, b, c, avg = conll_f1(RESPONSE, KEY)
    assert avg == pytest.approx((m.f1 + b.f1 + c.f1) / 3)
    assert avg == pytest.approx((0.4 + 2 * (35 / 84) * 0.5 / (35 / 84 + 0.5) + 2 * 0.65 * (1.3 / 3) / (0.65 + 1.3 / 3)) / 3)


def test_a_perfect_response_scores_one_and_singletons_count_for_b_cubed_only():
    key = [frozenset("ab"), frozenset("c")]
    for metric in (b_cubed, ceaf_e):
        assert metric(key, key).f1 == pytest.approx(1.0)
    assert muc(key, key).f1 == pytest.approx(1.0)
    assert muc([frozenset("a"), frozenset("b")], [frozenset("a"), frozenset("b")]).f1 == 0.0  # no links at all


def test_an_empty_response_scores_zero():
    assert b_cubed([], KEY).f1 == 0.0
    assert ceaf_e([], KEY) == PRF(0, 0, 0, 2)


@pytest.mark.parametrize("weights", [
    [[0.8, 0.4, 0.0], [0.0, 1 / 3, 0.5]],
    [[1, 2, 3], [2, 4, 6], [3, 6, 9]],
    [[5, 1], [4, 3], [0, 9]],
    [[7]],
])
def test_max_assignment_finds_the_best_total(weights):
    pairs = max_assignment(weights)
    rows, cols = len(weights), len(weights[0])
    assert len(pairs) == min(rows, cols)
    assert len({r for r, _ in pairs}) == len({c for _, c in pairs}) == len(pairs)
    k = min(rows, cols)
    best = max(sum(weights[r][c] for r, c in zip(rs, cs))
               for rs in itertools.combinations(range(rows), k)
               for cs in itertools.permutations(range(cols), k))
    assert sum(weights[r][c] for r, c in pairs) == pytest.approx(best)


def test_span_prf_and_pooling():
    a = span_prf({(0, 3), (4, 7)}, {(0, 3), (8, 9), (10, 12)})
    assert (a.precision, a.recall) == pytest.approx((1 / 2, 1 / 3))
    pooled = a + span_prf({(1, 2)}, {(1, 2)})
    assert (pooled.precision, pooled.recall) == pytest.approx((2 / 3, 2 / 4))
