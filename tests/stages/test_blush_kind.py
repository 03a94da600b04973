"""A blush for the other makes a warm feeling romance (``judge.blush_kind``), unless the two are kin."""
from __future__ import annotations

import math

from heartline.model import Evidence, Relation
from heartline.stages.judge import BLUSH_ROMANCE, blush_kind
from heartline.stages.pair_features import FEATURES, PairRecord


def _record(source: str, target: str, blushes: float = 0.0, kin: bool = False) -> PairRecord:
    values = {"bias": 1.0, "blush_for": math.log1p(blushes), "kin_stated": float(kin)}
    return PairRecord(source, target, tuple(values.get(f, 0.0) for f in FEATURES), ())


def _relation(source: str, target: str, kind: str = "affection", current: bool = True) -> Relation:
    cue = Evidence(source, target, kind, "implied", 0, 20, "Orla brought him tea.", 0, "care:gift", weight=0.3)
    return Relation(source, target, kind, "implied", current, 0.5, (), (cue,))


def test_a_whole_blush_makes_affection_romance() -> None:
    out = blush_kind([_relation("orla", "piet")], (_record("orla", "piet", blushes=1.0),))
    assert out[0].kind == "romantic"
    assert out[0].evidence[0].kind == "romantic"


def test_a_shared_blush_kin_a_past_feeling_and_the_other_direction_stay_as_read() -> None:
    assert 0.5 < BLUSH_ROMANCE  # a blush shared between two people near it is not enough
    records = (_record("orla", "piet", blushes=0.5), _record("orla", "quin", blushes=1.0, kin=True),
               _record("orla", "ulmo", blushes=2.0), _record("piet", "orla"))
    rels = [_relation("orla", "piet"), _relation("orla", "quin"), _relation("orla", "ulmo", current=False),
            _relation("piet", "orla")]
    assert [r.kind for r in blush_kind(rels, records)] == ["affection"] * 4


def test_hostility_is_left_alone() -> None:
    out = blush_kind([_relation("orla", "piet", kind="dislike")], (_record("orla", "piet", blushes=1.0),))
    assert out[0].kind == "dislike"
