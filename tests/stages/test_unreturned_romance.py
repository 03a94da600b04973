"""A romance its owner never says, met by affection the other way, is affection
(``judge.unreturned_romance``)."""
from __future__ import annotations

from heartline.model import Evidence, Relation
from heartline.stages.judge import unreturned_romance
from heartline.stages.pair_features import FEATURES, PairRecord


def _record(source: str, target: str, declared: bool = False) -> PairRecord:
    row = tuple(1.0 if f == "bias" or (declared and f == "declared_romantic") else 0.0 for f in FEATURES)
    return PairRecord(source, target, row, ())


def _relation(source: str, target: str, kind: str, how: str, current: bool = True) -> Relation:
    cue = Evidence(source, target, kind, how, 0, 24, "Brannoc loves Ysolt, surely.", 0, "loves", weight=0.7)
    return Relation(source, target, kind, how, current, 0.7, (), (cue,))


def test_a_claimed_romance_met_by_affection_becomes_affection() -> None:
    rels = [_relation("brannoc", "ysolt", "romantic", "claimed"), _relation("ysolt", "brannoc", "affection", "stated")]
    out = unreturned_romance(rels, (_record("brannoc", "ysolt"), _record("ysolt", "brannoc")))
    assert [r.kind for r in out] == ["affection", "affection"]
    assert all(e.kind == "affection" for e in out[0].evidence)


def test_a_romance_its_owner_states_stands() -> None:
    rels = [_relation("brannoc", "ysolt", "romantic", "stated"), _relation("ysolt", "brannoc", "affection", "stated")]
    out = unreturned_romance(rels, ())
    assert [r.kind for r in out] == ["romantic", "affection"]


def test_a_returned_or_unanswered_romance_stands() -> None:
    returned = [_relation("brannoc", "ysolt", "romantic", "implied"), _relation("ysolt", "brannoc", "romantic", "implied")]
    assert [r.kind for r in unreturned_romance(returned, ())] == ["romantic", "romantic"]
    alone = [_relation("brannoc", "ysolt", "romantic", "claimed")]
    assert [r.kind for r in unreturned_romance(alone, ())] == ["romantic"]
    # affection felt in the past is no answer today
    past = [_relation("brannoc", "ysolt", "romantic", "claimed"),
            _relation("ysolt", "brannoc", "affection", "stated", current=False)]
    assert [r.kind for r in unreturned_romance(past, ())] == ["romantic", "affection"]


def test_a_declared_pairing_keeps_its_romance() -> None:
    rels = [_relation("brannoc", "ysolt", "romantic", "implied"), _relation("ysolt", "brannoc", "affection", "stated")]
    out = unreturned_romance(rels, (_record("brannoc", "ysolt", declared=True),))
    assert [r.kind for r in out] == ["romantic", "affection"]
