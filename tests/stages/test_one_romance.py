"""One romance at a time: a person read as in love with two people keeps the likelier
romance only (``judge.one_romance``)."""
from __future__ import annotations

import numpy as np

from heartline.model import Evidence, Relation
from heartline.stages.judge import ONE_ROMANCE_MARGIN, decide, declared_only, one_romance
from heartline.stages.pair_features import FEATURES, PairRecord

CLASSES = ("affection", "romantic")


def _record(source: str, target: str, share: float = 1.0) -> PairRecord:
    row = tuple(1.0 if f == "bias" else share if f == "share_target" else 0.0 for f in FEATURES)
    return PairRecord(source, target, row, ())


def _relation(source: str, target: str, kind: str = "romantic", current: bool = True) -> Relation:
    cue = Evidence(source, target, kind, "stated", 0, 12, "I like you.", 0, "like", weight=0.7)
    return Relation(source, target, kind, "stated", current, 0.7, (), (cue,))


def test_the_weaker_of_two_romances_becomes_affection() -> None:
    records = (_record("orla", "piet"), _record("orla", "quin"))
    probs = np.array([[0.1, 0.9], [0.5, 0.5]])
    out = one_romance([_relation("orla", "piet"), _relation("orla", "quin")], records, probs, CLASSES,
                      ONE_ROMANCE_MARGIN)
    assert [r.kind for r in out] == ["romantic", "affection"]
    assert all(e.kind == "affection" for e in out[1].evidence)


def test_two_romances_about_as_likely_both_stand() -> None:
    records = (_record("orla", "piet"), _record("orla", "quin"))
    probs = np.array([[0.2, 0.8], [0.25, 0.75]])
    out = one_romance([_relation("orla", "piet"), _relation("orla", "quin")], records, probs, CLASSES,
                      ONE_ROMANCE_MARGIN)
    assert [r.kind for r in out] == ["romantic", "romantic"]


def test_a_minor_name_does_not_outweigh_a_lead() -> None:
    # the kind model is surer of the romance with someone the story barely names
    records = (_record("orla", "piet", share=1.0), _record("orla", "quin", share=0.04))
    probs = np.array([[0.4, 0.6], [0.1, 0.9]])
    out = one_romance([_relation("orla", "piet"), _relation("orla", "quin")], records, probs, CLASSES,
                      ONE_ROMANCE_MARGIN)
    assert [r.kind for r in out] == ["romantic", "affection"]


def test_only_one_persons_current_romances_compete() -> None:
    records = (_record("orla", "piet"), _record("quin", "piet"), _record("orla", "ulmo"))
    probs = np.array([[0.1, 0.9], [0.5, 0.5], [0.5, 0.5]])
    rels = [_relation("orla", "piet"), _relation("quin", "piet"), _relation("orla", "ulmo", current=False),
            _relation("orla", "vespa")]  # no record: not weighed
    out = one_romance(rels, records, probs, CLASSES, ONE_ROMANCE_MARGIN)
    assert [r.kind for r in out] == ["romantic"] * 4


def test_a_declared_pairing_outweighs_a_likelier_romance_of_words() -> None:
    declared = tuple(1.0 if f == "bias" else 0.5 if f == "share_target" else 1.0 if f == "declared_romantic" else 0.0
                     for f in FEATURES)
    records = (_record("orla", "piet", share=0.5), PairRecord("orla", "quin", declared, ()))
    probs = np.array([[0.05, 0.95], [0.4, 0.6]])
    out = one_romance([_relation("orla", "piet"), _relation("orla", "quin")], records, probs, CLASSES,
                      ONE_ROMANCE_MARGIN)
    assert [r.kind for r in out] == ["affection", "romantic"]


def _decided(declared: float, p_warm: float, p_cold: float) -> list[tuple[str, int, str]]:
    row = tuple(1.0 if f == "bias" else declared if f == "declared_romantic" else 0.0 for f in FEATURES)
    records = (PairRecord("orla", "piet", row, ()),)
    probs = (np.array([[1.0 - p_warm - p_cold, p_warm, p_cold]]), np.array([[0.9, 0.1]]),
             np.array([[0.5, 0.5]]))
    classes = {"warm_kind": CLASSES, "cold_kind": ("dislike", "hatred")}
    out = decide(records, probs, {"warm": 0.3, "cold": 0.6}, classes, warm_reading=0.4)
    return [(rec.target, sign, kind) for rec, sign, kind, _ in out]


def test_a_pairing_the_author_declares_is_romantic_unless_hostile() -> None:
    assert _decided(0.0, 0.1, 0.05) == []
    assert _decided(1.0, 0.1, 0.05) == [("piet", 1, "romantic")]
    # warm enough but no moment read warm: the reading floor keeps an undeclared pair out
    assert _decided(0.0, 0.8, 0.0) == []
    assert _decided(1.0, 0.8, 0.0) == [("piet", 1, "romantic")]
    assert _decided(1.0, 0.1, 0.7) == [("piet", -1, "dislike")]


def test_a_romance_by_the_tag_alone_takes_none_from_one_the_story_shows() -> None:
    declared = tuple(1.0 if f in ("bias", "share_target", "declared_romantic") else 0.0 for f in FEATURES)
    records = (_record("orla", "piet"), PairRecord("orla", "quin", declared, ()))
    probs = np.array([[0.4, 0.6], [0.1, 0.9]])
    rels = [_relation("orla", "piet"), _relation("orla", "quin")]
    shown = one_romance(rels, records, probs, CLASSES, ONE_ROMANCE_MARGIN)
    assert [r.kind for r in shown] == ["affection", "romantic"]
    tag_only = one_romance(rels, records, probs, CLASSES, ONE_ROMANCE_MARGIN, frozenset({("orla", "quin")}))
    assert [r.kind for r in tag_only] == ["romantic", "romantic"]
    # and a tag-only romance much weaker than a shown one gives way
    weak = np.array([[0.0, 1.0], [0.9, 0.1]])
    out = one_romance(rels, records, weak, CLASSES, ONE_ROMANCE_MARGIN, frozenset({("orla", "quin")}))
    assert [r.kind for r in out] == ["romantic", "affection"]


def test_declared_only_names_the_pairs_romantic_by_the_tag_alone() -> None:
    def row(reading: float) -> tuple[float, ...]:
        return tuple(1.0 if f in ("bias", "declared_romantic") else reading if f == "read_warm_max" else 0.0
                     for f in FEATURES)
    records = (PairRecord("orla", "piet", row(0.9), ()), PairRecord("orla", "quin", row(0.1), ()),
               PairRecord("piet", "orla", row(0.9), ()))
    probs = (np.array([[0.2, 0.8, 0.0], [0.2, 0.8, 0.0], [0.9, 0.1, 0.0]]),)
    assert declared_only(records, probs, {"warm": 0.3, "cold": 0.6}, 0.4) == {("orla", "quin"), ("piet", "orla")}
