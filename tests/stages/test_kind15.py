"""The kind of a warm feeling: the kind model reviews the rule cues' kind (``judge.review_kinds``)."""
from __future__ import annotations

import numpy as np

from heartline.model import Evidence, Relation
from heartline.stages.judge import judge, review_kinds
from heartline.stages.pair_features import FEATURES, PairRecord

CLASSES = ("affection", "romantic")


def _record(source: str = "ann", target: str = "ben", **values: float) -> PairRecord:
    row = tuple(values.get(f, 1.0 if f == "bias" else 0.0) for f in FEATURES)
    return PairRecord(source, target, row, ())


def _relation(kind: str, source: str = "ann", target: str = "ben", current: bool = True) -> Relation:
    cue = Evidence(source, target, kind, "stated", 0, 10, "I love you.", 0, "love", weight=1.0)
    return Relation(source, target, kind, "stated", current, 0.8, (), (cue,))


def test_a_confident_kind_model_turns_the_rules_kind() -> None:
    probs = np.array([[0.8, 0.2]])  # affection much likelier than romantic
    out = review_kinds((_relation("romantic"),), (_record(),), probs, CLASSES, 0.5)
    assert out[0].kind == "affection"
    assert all(e.kind == "affection" for e in out[0].evidence)


def test_below_the_margin_the_rules_kind_stands() -> None:
    probs = np.array([[0.7, 0.3]])  # 0.4 apart: not enough at a 0.5 margin
    out = review_kinds((_relation("romantic"),), (_record(),), probs, CLASSES, 0.5)
    assert out[0].kind == "romantic"


def test_hostile_past_and_unrecorded_relations_are_left_alone() -> None:
    probs = np.array([[0.0, 1.0]])
    hostile = _relation("dislike")
    past = _relation("affection", current=False)
    stranger = _relation("affection", source="cai", target="dee")
    out = review_kinds((hostile, past, stranger), (_record(),), probs, CLASSES, 0.0)
    assert out == [hostile, past, stranger]


def test_kin_keep_affection_under_review() -> None:
    probs = np.array([[0.0, 1.0]])  # the model says romantic, but the two are kin
    out = review_kinds((_relation("affection"),), (_record(kin_stated=1.0),), probs, CLASSES, 0.0)
    assert out[0].kind == "affection"


def _model(review: float | None, warm_bias: float) -> dict:
    """A judge that finds no new pair and whose kind model leans on ``declared_platonic``."""
    def part(features, classes, weights):
        return {"features": list(features), "classes": list(classes), "mean": [0.0] * len(features),
                "scale": [1.0] * len(features), "weights": weights}
    model = {
        "polarity": part(("bias",), ("none", "warm", "cold"), [[5.0], [0.0], [0.0]]),
        "warm_kind": part(("bias", "declared_platonic"), CLASSES, [[0.0, warm_bias], [0.0, -warm_bias]]),
        "cold_kind": part(("bias",), ("dislike", "hatred"), [[0.0], [0.0]]),
        "thresholds": {"warm": 0.5, "cold": 0.5},
    }
    if review is not None:
        model["review"] = {"warm_margin": review}
    return model


def test_the_judge_reviews_only_where_the_model_asks() -> None:
    records = (_record(declared_platonic=1.0),)
    rules = (_relation("romantic"),)
    # declared "A & B": the kind model says affection by far
    assert judge(records, rules, (), None, _model(0.5, 3.0))[0].kind == "affection"
    assert judge(records, rules, (), None, _model(None, 3.0))[0].kind == "romantic"
    # an undeclared pair: the model is unsure, the cue's kind stands
    assert judge((_record(),), rules, (), None, _model(0.5, 3.0))[0].kind == "romantic"
