"""How late in the story two people still share a unit (issue 16, ``pair_features.LATE_FEATURES``): the
judge asks for the feelings held at the end, and a pair the story shows together to its close holds one
far oftener than a pair whose scenes end early."""
from __future__ import annotations

import math

from heartline.stages.pair_features import (FEATURES, LATE_FEATURES, LATE_SCALE, MODEL_FEATURES, PairRecord,
                                            reader_values, with_readings)
from heartline.stages.sentence_reader import Reading


def _unit(source: str, target: str, start: int) -> Reading:
    return Reading(source, target, start, start + 10, 0, "sentence", ("unit:sentence",))


def test_a_pair_still_together_at_the_end_reads_later_than_one_whose_scenes_end_early() -> None:
    # the story's extent is the end of its last unit of any pair (here 1000)
    readings = (_unit("ilsabet", "corvin", 100), _unit("ilsabet", "corvin", 980),
                _unit("wenna", "corvin", 100), _unit("wenna", "corvin", 200), _unit("wenna", "corvin", 990))
    values = reader_values(readings[:2] + readings[2:4] + (_unit("odo", "ynes", 990),))
    late = values[("ilsabet", "corvin")][0]["read_late"]
    early = values[("wenna", "corvin")][0]["read_late"]
    assert late > early > 0.0
    # each unit weighs exp(-(1 - position) / scale): at 0.98 of the extent nearly 1, at 0.1 nearly 0
    assert math.isclose(late, math.log1p(math.exp(-0.9 / LATE_SCALE) + math.exp(-0.02 / LATE_SCALE)))


def test_the_polarity_model_reads_it_and_a_kept_record_is_completed() -> None:
    assert set(LATE_FEATURES) <= set(MODEL_FEATURES) and FEATURES[-len(LATE_FEATURES):] == LATE_FEATURES
    old = PairRecord("ilsabet", "corvin", (0.0,) * (len(FEATURES) - len(LATE_FEATURES)), ())
    (new,) = with_readings((old,), (_unit("ilsabet", "corvin", 990),))
    assert len(new.values) == len(FEATURES) and new.feature("read_late") > 0.6
