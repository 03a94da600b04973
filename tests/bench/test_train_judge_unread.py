"""bench/train_judge.py fits the polarity model with UNREAD_FEATURES held at 0: the warmth of the
experiencer's own quotes hangs on the speaker model's credits, so the judge gives it no weight."""
from __future__ import annotations

from bench.train_judge import UNREAD_FEATURES, StoryData, train
from heartline.learn import LinearModel
from heartline.stages.pair_features import FEATURES, PairRecord


def _record(source: str, target: str, warm: float, speaks: float) -> PairRecord:
    values = [0.0] * len(FEATURES)
    values[FEATURES.index("bias")] = 1.0
    values[FEATURES.index("read_warm_max")] = warm
    for name in UNREAD_FEATURES:
        values[FEATURES.index(name)] = speaks
    return PairRecord(source, target, tuple(values), ())


def test_unread_features_get_no_weight_though_they_separate_the_pairs() -> None:
    # FIXTURE_steady: invented pairs where the speaker-linked warmth alone tells the classes apart
    records, labels = [], []
    for i in range(12):
        warm = i % 2 == 0
        records.append(_record(f"maelwyn_{i}", f"ostrava_{i}", 0.3 + 0.01 * i, 2.0 if warm else 0.0))
        labels.append(1 if warm else 0)
    story = StoryData("brackenfold_letters", {"cast": "complete"}, [], tuple(records), (), labels,
                      ["affection" if lab == 1 else None for lab in labels])
    model = LinearModel.from_json(train([story], {"warm": 0.35, "cold": 0.45})["polarity"])
    for name in UNREAD_FEATURES:
        column = model.features.index(name)
        assert all(row[column] == 0.0 for row in model.weights)
    # so a pair's probabilities do not move with them
    low, high = _record("maelwyn_x", "ostrava_x", 0.5, 0.0), _record("maelwyn_x", "ostrava_x", 0.5, 3.0)
    columns = [FEATURES.index(f) for f in model.features]
    p = model.probabilities([[r.values[i] for i in columns] for r in (low, high)])
    assert abs(p[0][1] - p[1][1]) < 1e-12
