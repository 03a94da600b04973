"""A warm feeling the judge finds that nothing answers needs its owner's own warm moment
(``judge.returned_or_owned``, ``UNRETURNED_OWNED``)."""
from __future__ import annotations

from heartline.model import Evidence, Relation
from heartline.stages.judge import UNRETURNED_OWNED, returned_or_owned
from heartline.stages.pair_features import FEATURES, PairRecord


def _record(source: str, target: str, owned: float, declared: float = 0.0) -> PairRecord:
    values = [0.0] * len(FEATURES)
    values[FEATURES.index("bias")] = 1.0
    values[FEATURES.index("read_warm_owned")] = owned
    values[FEATURES.index("declared_romantic")] = declared
    return PairRecord(source, target, tuple(values), ())


def _relation(source: str, target: str, kind: str = "affection", current: bool = True) -> Relation:
    cue = Evidence(source, target, kind, "implied", 0, 30, "Wenlock carried the crate for her.", 0, "judge:warm-reading")
    return Relation(source, target, kind, "implied", current, 0.6, (), (cue,))


LUKEWARM = UNRETURNED_OWNED - 0.1
PLAIN = UNRETURNED_OWNED + 0.1


def test_an_unanswered_warmth_with_a_lukewarm_owned_moment_goes() -> None:
    records = (_record("wenlock", "fausta", LUKEWARM), _record("fausta", "wenlock", 0.0))
    assert returned_or_owned([_relation("wenlock", "fausta")], (), records, UNRETURNED_OWNED) == []


def test_a_plain_owned_moment_keeps_it() -> None:
    records = (_record("wenlock", "fausta", PLAIN),)
    kept = [_relation("wenlock", "fausta")]
    assert returned_or_owned(kept, (), records, UNRETURNED_OWNED) == kept


def test_an_answer_either_judged_or_the_cues_keeps_it() -> None:
    records = (_record("wenlock", "fausta", LUKEWARM), _record("fausta", "wenlock", LUKEWARM))
    both = [_relation("wenlock", "fausta"), _relation("fausta", "wenlock")]
    assert returned_or_owned(both, (), records, UNRETURNED_OWNED) == both
    one = [_relation("wenlock", "fausta")]
    assert returned_or_owned(one, (_relation("fausta", "wenlock", "dislike"),), records, UNRETURNED_OWNED) == one
    # a feeling the cues show only in the past answers nothing now
    past = (_relation("fausta", "wenlock", current=False),)
    assert returned_or_owned(one, past, records, UNRETURNED_OWNED) == []


def test_a_declared_pairing_and_a_hostile_verdict_are_exempt() -> None:
    records = (_record("wenlock", "fausta", LUKEWARM, declared=1.0), _record("fausta", "wenlock", LUKEWARM))
    declared = [_relation("wenlock", "fausta", "romantic")]
    assert returned_or_owned(declared, (), records, UNRETURNED_OWNED) == declared
    hostile = [_relation("fausta", "wenlock", "dislike")]
    assert returned_or_owned(hostile, (), records, UNRETURNED_OWNED) == hostile
