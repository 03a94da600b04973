"""How much of a story's feeling the cues already name (``pair_features.cue_coverage``)."""
from __future__ import annotations

from heartline.model import Relation
from heartline.stages.pair_features import FEATURES, PairRecord, cue_coverage


def _pair(source: str, target: str) -> PairRecord:
    return PairRecord(source, target, tuple([0.5] * len(FEATURES)), ())


def _cue(source: str, target: str, current: bool = True) -> Relation:
    return Relation(source, target, "affection", "stated", current, 0.8, (), ())


def _coverage(records, relations) -> dict[tuple[str, str], float]:
    return {(r.source, r.target): r.feature("cued_story") for r in cue_coverage(records, relations)}


def test_a_silent_pair_reads_the_cues_per_person_and_a_cued_pair_reads_nothing() -> None:
    people = ("wenlock", "brisby", "quennell", "orrel")
    records = tuple(_pair(a, b) for a in people for b in people if a != b)
    # two current cue relations among four people weighed: 0.5 per person
    got = _coverage(records, (_cue("wenlock", "brisby"), _cue("quennell", "orrel")))
    assert got[("wenlock", "brisby")] == 0.0
    assert got[("brisby", "wenlock")] == 0.5
    assert got[("orrel", "wenlock")] == 0.5
    # the other features are left as they were
    out = cue_coverage(records, ())
    assert all(v == 0.5 for i, v in enumerate(out[0].values) if FEATURES[i] != "cued_story")


def test_past_feelings_and_people_the_judge_never_weighs_do_not_count() -> None:
    records = (_pair("wenlock", "brisby"), _pair("brisby", "wenlock"))
    got = _coverage(records, (_cue("wenlock", "brisby", current=False), _cue("wenlock", "a_stranger")))
    assert got == {("wenlock", "brisby"): 0.0, ("brisby", "wenlock"): 0.0}
    # no people, no division by zero
    assert cue_coverage((), (_cue("wenlock", "brisby"),)) == ()
