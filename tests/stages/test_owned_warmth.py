"""Warmth the experiencer owns (issue 15): a judged warm feeling needs a unit of the experiencer's
own read warm -- their words, a sentence they are the subject of -- not only warm scenes shared with
the target (``pair_features.owns``, ``read_warm_owned``, ``judge.decide``'s ``owned_reading``)."""
from __future__ import annotations

import numpy as np

from heartline.model import Evidence, Relation
from heartline.stages.judge import decide, judge
from heartline.stages.pair_features import (ATTENTION_FEATURES, FEATURES, KIN_FEATURES, KIND_FEATURES,
                                            LATE_FEATURES, MODEL_FEATURES, OWNED_FEATURES, PairRecord, owns,
                                            reader_values, with_readings)
from heartline.stages.sentence_reader import Reading


def _reading(features: str, warm: float, unit: str = "sentence", start: int = 0) -> Reading:
    return Reading("ilsabet", "corvin", start, start + 10, 0, unit, tuple(sorted(features.split())), warm=warm)


def test_the_experiencer_owns_their_words_and_the_sentences_they_lead() -> None:
    assert owns(_reading("Q:speaker=E Q:to=T", 0.5, "quote"))  # "I missed you," Ilsabet told Corvin
    assert owns(_reading("E:nsubj E:nsubj:watch T:dobj ET:watch", 0.5))  # Ilsabet watched him go
    assert owns(_reading("E:narrator T:dobj", 0.5))  # I kept his letter
    assert owns(_reading("E:conj T:nsubj", 0.5))  # Corvin and Ilsabet were married in June
    # Corvin handed her the map: his act, her name only its receiver
    assert not owns(_reading("E:dative E:dative:hand T:nsubj TE:hand", 0.5))
    # "Ilsabet is a dear," Corvin said: his words about her
    assert not owns(_reading("Q:speaker=T Q:about=E", 0.5, "quote"))
    # Ilsabet looked on while he kissed someone else: a subject, so hers (the reader weighs whose warmth)
    assert owns(_reading("E:nsubj E:nsubj:look T:dobj O:nsubj", 0.5))


def test_the_owned_warmth_is_the_best_owned_reading() -> None:
    readings = (_reading("E:dative T:nsubj TE:give", 0.9, start=0),  # the target's gift: warm, not hers
                _reading("E:nsubj E:nsubj:smile", 0.3, start=20),
                _reading("Q:speaker=E Q:to=T", 0.6, "quote", start=40))
    values, _ = reader_values(readings)[("ilsabet", "corvin")]
    assert values["read_warm_max"] == 0.9
    assert values["read_warm_owned"] == 0.6
    only_theirs = reader_values(readings[:1])[("ilsabet", "corvin")][0]
    assert only_theirs["read_warm_owned"] == 0.0


def test_no_model_reads_the_owned_warmth() -> None:
    # the floor reads it; the shipped polarity model (trained on MODEL_FEATURES) keeps working
    assert set(OWNED_FEATURES) <= set(FEATURES) and not set(OWNED_FEATURES) & set(MODEL_FEATURES)


def test_a_record_kept_without_the_owned_feature_is_completed() -> None:
    # a training cache keeps records made before OWNED_FEATURES existed: with_readings fills them in
    old_length = len(FEATURES) - len(OWNED_FEATURES) - len(LATE_FEATURES)
    values = [0.0] * old_length
    values[old_length - 1] = 7.0  # the last attention feature
    old = PairRecord("ilsabet", "corvin", tuple(values), ())
    readings = (_reading("Q:speaker=E Q:to=T", 0.6, "quote"),)
    (new,) = with_readings((old,), readings)
    assert len(new.values) == len(FEATURES)
    assert new.feature("read_warm_owned") == 0.6 and new.feature(ATTENTION_FEATURES[-1]) == 7.0
    (again,) = with_readings((new,), readings)
    assert again.values == new.values


def _pair(source: str, target: str, warm_max: float, owned: float) -> PairRecord:
    values = [0.0] * len(FEATURES)
    values[FEATURES.index("bias")] = 1.0  # so the _linear models' bias weights decide (warm 0.87 below)
    values[FEATURES.index("read_warm_max")] = warm_max
    values[FEATURES.index("read_warm_owned")] = owned
    return PairRecord(source, target, tuple(values), ())


_CLASSES = {"warm_kind": ("affection", "romantic"), "cold_kind": ("dislike", "hatred")}
_THRESHOLDS = {"warm": 0.3, "cold": 0.5}


def test_a_judged_warm_feeling_needs_a_warm_unit_of_the_experiencer() -> None:
    # both read warm at 0.8 somewhere; only Ilsabet's side has a unit of her own read warm
    records = (_pair("ilsabet", "corvin", 0.8, 0.7), _pair("corvin", "ilsabet", 0.8, 0.1))
    polar = np.array([[0.2, 0.7, 0.1]] * 2)
    kinds = np.array([[0.6, 0.4]] * 2)
    floored = decide(records, (polar, kinds, kinds), _THRESHOLDS, _CLASSES, 0.4, owned_reading=0.4)
    assert [(rec.source, sign) for rec, sign, _, _ in floored] == [("ilsabet", 1)]
    # without the floor (a model saved before it) both stand
    assert len(decide(records, (polar, kinds, kinds), _THRESHOLDS, _CLASSES, 0.4)) == 2
    # a cold verdict is not floored by warm readings
    cold = np.array([[0.2, 0.1, 0.7]] * 2)
    assert len(decide(records, (cold, kinds, kinds), _THRESHOLDS, _CLASSES, 0.4, owned_reading=0.9)) == 2


def _linear(classes: tuple[str, ...], bias: list[float]) -> dict:
    return {"features": ["bias"], "classes": list(classes), "mean": [0.0], "scale": [1.0],
            "weights": [[b] for b in bias]}


def test_the_judge_reads_the_floor_from_its_model(monkeypatch) -> None:
    # (a returned warmth the model is sure of waives the floors: judge.RETURNED_WARM, tested below)
    monkeypatch.setattr("heartline.stages.judge.RETURNED_WARM", (1.1, 1.1))
    model = {"polarity": _linear(("none", "warm", "cold"), [0.0, 2.0, -2.0]),
             "warm_kind": _linear(("affection", "romantic"), [1.0, 0.0]),
             "cold_kind": _linear(("dislike", "hatred"), [1.0, 0.0]),
             "thresholds": dict(_THRESHOLDS), "floor": {"warm_reading": 0.4}}
    records = (_pair("ilsabet", "corvin", 0.8, 0.1),)
    # Corvin's cue answers her, so judge.UNRETURNED_OWNED (a floor of its own) leaves her feeling alone
    cue = Evidence("corvin", "ilsabet", "affection", "stated", 0, 9, "I like her.", 0, "like", weight=0.7)
    answer = (Relation("corvin", "ilsabet", "affection", "stated", True, 0.7, (), (cue,)),)
    judged = {(r.source, r.target) for r in judge(records, answer, (), None, model)}
    assert judged == {("ilsabet", "corvin"), ("corvin", "ilsabet")}
    model["floor"]["warm_owned"] = 0.4
    assert [(r.source, r.target) for r in judge(records, answer, (), None, model)] == [("corvin", "ilsabet")]


def test_a_warmth_returned_and_sure_waives_the_reading_floors(monkeypatch) -> None:
    # Corvin's cue says he likes her; the model holds her warm at 0.8 though no moment of hers reads
    # warm enough (the floor 0.4): a sure warmth answered by the other's is the other side of one bond
    model = {"polarity": _linear(("none", "warm", "cold"), [0.0, 2.0, -2.0]),
             "warm_kind": _linear(("affection", "romantic"), [1.0, 0.0]),
             "cold_kind": _linear(("dislike", "hatred"), [1.0, 0.0]),
             "thresholds": dict(_THRESHOLDS), "floor": {"warm_reading": 0.4, "warm_owned": 0.4}}
    records = (_pair("ilsabet", "corvin", 0.8, 0.1),)
    cue = Evidence("corvin", "ilsabet", "affection", "stated", 0, 9, "I like her.", 0, "like", weight=0.7)
    answer = (Relation("corvin", "ilsabet", "affection", "stated", True, 0.7, (), (cue,)),)
    judged = {(r.source, r.target) for r in judge(records, answer, (), None, model)}
    assert judged == {("ilsabet", "corvin"), ("corvin", "ilsabet")}
    # unanswered, the floors stand
    assert judge(records, (), (), None, model) == ()
    # answered, but the model not sure enough of her: the floors stand
    monkeypatch.setattr("heartline.stages.judge.RETURNED_WARM", (0.99, 0.75))
    assert [(r.source, r.target) for r in judge(records, answer, (), None, model)] == [("corvin", "ilsabet")]


def test_a_retrained_judge_carries_the_owned_floor() -> None:
    # the floor reaches the shipped judge when bench/train_judge.py retrains it (a model saved
    # before the floor existed reads as no floor: test_the_judge_reads_the_floor_from_its_model)
    from bench import train_judge
    floor = train_judge.train([], {"warm": 0.3, "cold": 0.35})["floor"]
    assert floor["warm_owned"] == train_judge.WARM_OWNED_FLOOR
    assert 0.0 < floor["warm_owned"] <= 1.0
