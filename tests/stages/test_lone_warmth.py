"""The judge's bar for one-sided warmth (``judge.decide``'s ``lone``, ``LONE_BACK`` / ``LONE_WARM``)."""
from __future__ import annotations

import numpy as np

from heartline.stages.judge import LONE_BACK, LONE_WARM, decide
from heartline.stages.pair_features import FEATURES, PairRecord

_CLASSES = {"warm_kind": ("affection", "romantic"), "cold_kind": ("dislike", "hatred")}
_THRESHOLDS = {"warm": 0.3, "cold": 0.5}


def _pair(source: str, target: str, declared: bool = False) -> PairRecord:
    values = [0.0] * len(FEATURES)
    values[FEATURES.index("read_warm_max")] = 0.7
    values[FEATURES.index("declared_romantic")] = float(declared)
    return PairRecord(source, target, tuple(values), ())


def _warm(records, polar) -> list[tuple[str, str]]:
    kinds = np.array([[0.6, 0.4]] * len(records))
    return [(rec.source, rec.target) for rec, sign, _, _ in
            decide(records, (np.array(polar), kinds, kinds), _THRESHOLDS, _CLASSES, lone=(LONE_BACK, LONE_WARM))
            if sign > 0]


def test_warmth_the_other_direction_does_not_return_needs_more() -> None:
    # Wenlock -> Brisby warm 0.4 (over 0.3), but Brisby -> Wenlock only 0.1: one-sided, under LONE_WARM
    records = (_pair("wenlock", "brisby"), _pair("brisby", "wenlock"))
    assert _warm(records, [[0.5, 0.4, 0.1], [0.85, 0.1, 0.05]]) == []
    # the same warmth returned (0.35 the other way) stands, both ways
    assert _warm(records, [[0.5, 0.4, 0.1], [0.55, 0.35, 0.1]]) == [("wenlock", "brisby"), ("brisby", "wenlock")]
    # one-sided but plainly warm (0.6) stands alone
    assert _warm(records, [[0.3, 0.6, 0.1], [0.85, 0.1, 0.05]]) == [("wenlock", "brisby")]
    # without the bar the one-sided 0.4 stands
    kinds = np.array([[0.6, 0.4]] * 2)
    plain = decide(records, (np.array([[0.5, 0.4, 0.1], [0.85, 0.1, 0.05]]), kinds, kinds), _THRESHOLDS, _CLASSES)
    assert [(rec.source, sign) for rec, sign, _, _ in plain] == [("wenlock", 1)]


def test_a_pair_with_no_record_the_other_way_is_one_sided() -> None:
    assert _warm((_pair("wenlock", "brisby"),), [[0.5, 0.4, 0.1]]) == []


def test_the_bar_leaves_cold_verdicts_and_declared_pairings_alone() -> None:
    records = (_pair("wenlock", "brisby"), _pair("brisby", "wenlock"))
    kinds = np.array([[0.6, 0.4]] * 2)
    cold = decide(records, (np.array([[0.3, 0.1, 0.6], [0.9, 0.05, 0.05]]), kinds, kinds), _THRESHOLDS, _CLASSES,
                  lone=(LONE_BACK, LONE_WARM))
    assert [(rec.source, sign) for rec, sign, _, _ in cold] == [("wenlock", -1)]
    declared = (_pair("wenlock", "brisby", declared=True), _pair("brisby", "wenlock"))
    assert _warm(declared, [[0.5, 0.4, 0.1], [0.85, 0.1, 0.05]]) == [("wenlock", "brisby")]
