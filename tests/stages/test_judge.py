"""The feeling judge: pair feature records, the shipped model, and how it joins the rules."""
from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest

from heartline.learn import LinearModel, fit
from heartline.stages.evidence import SHOWN_ONLY
from heartline.stages.judge import MODEL_FILE, decide, judge, load_model, scorer_name
from heartline.stages.pair_features import FEATURES, MIN_SHARED, MODEL_FEATURES, PairRecord, tone

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"

# Two friends who share a good deal of the story without a single feeling word.
_FRIENDS = """Mia Pellow and Tom Ashby fixed the boat all summer.

Mia handed Tom the hammer. Tom held the plank steady while Mia worked, and they laughed at the gulls.

"Pass me the rope, Tom," Mia said. Tom passed it and grinned at her.

When the storm came, Tom stayed with Mia at the harbour and helped her tie the boat down.

Tom kept the best seat on the wall for Mia and saved her the last of the bread.

Mia brought Tom a flask of tea and they shared it on the wall, watching the water go quiet.

Mia and Tom sat in the sun, happy and glad, and laughed at nothing at all.
"""


def _records(run, text):
    return {(r.source, r.target): r for r in run(text)["pair_features"]}


def test_shipped_model_loads_offline_and_matches_the_features() -> None:
    model = load_model()
    assert model is not None, f"{MODEL_FILE} is missing from the package"
    assert tuple(model["polarity"]["features"]) == MODEL_FEATURES
    # each kind model reads a few of the record's features, by name
    assert set(model["warm_kind"]["features"]) <= set(FEATURES) and "bias" in model["warm_kind"]["features"]
    assert set(model["thresholds"]) == {"warm", "cold"}
    assert model["card"]["data_sha256"] and model["card"]["held_out"]["fics"]["stories"] >= 2


def test_the_shipped_judge_asks_a_warm_moment_of_a_judged_warm_pair() -> None:
    assert 0.0 < load_model()["floor"]["warm_reading"] < 1.0


def _pair(source: str, target: str, reading: float, feature: str = "read_warm_max") -> PairRecord:
    """A pair record whose only non-zero feature is ``feature`` (the best unit read warm, by default)."""
    values = [0.0] * len(FEATURES)
    values[FEATURES.index(feature)] = reading
    return PairRecord(source, target, tuple(values), ())


_CLASSES = {"warm_kind": ("affection", "romantic"), "cold_kind": ("dislike", "hatred")}


def test_a_judged_warm_feeling_needs_one_warm_reading_in_its_direction() -> None:
    import numpy as np
    # Ivo's side has a unit read warm (0.7); Lena's best is 0.1: both equally warm by the polarity model
    records = (_pair("ivo", "lena", 0.7), _pair("lena", "ivo", 0.1))
    polar = np.array([[0.2, 0.7, 0.1], [0.2, 0.7, 0.1]])
    kinds = np.array([[0.6, 0.4], [0.6, 0.4]])
    classes = _CLASSES
    thresholds = {"warm": 0.3, "cold": 0.5}
    floored = decide(records, (polar, kinds, kinds), thresholds, classes, 0.4)
    assert [(rec.source, sign, kind) for rec, sign, kind, _ in floored] == [("ivo", 1, "affection")]
    assert len(decide(records, (polar, kinds, kinds), thresholds, classes)) == 2  # no floor, both stand
    # a cold verdict is not floored by warm readings
    cold = np.array([[0.2, 0.1, 0.7], [0.2, 0.1, 0.7]])
    assert len(decide(records, (cold, kinds, kinds), thresholds, classes, 0.9)) == 2


def _cold_pair(source: str, target: str, read_cold_max: float) -> PairRecord:
    return _pair(source, target, read_cold_max, "read_cold_max")


def test_a_judged_hostile_feeling_needs_one_cold_reading_unless_the_model_is_sure() -> None:
    import numpy as np
    # Wenna -> Ossian has a unit read cold (0.5); Ossian -> Wenna's best is 0.1; Wenna -> Brisco's best
    # is 0.1 too, but the polarity model is sure of it (0.8)
    records = (_cold_pair("wenna", "ossian", 0.5), _cold_pair("ossian", "wenna", 0.1), _cold_pair("wenna", "brisco", 0.1))
    cold = np.array([[0.4, 0.1, 0.5], [0.4, 0.1, 0.5], [0.1, 0.1, 0.8]])
    kinds = np.array([[0.6, 0.4]] * 3)
    classes = _CLASSES
    thresholds = {"warm": 0.3, "cold": 0.35}
    floored = decide(records, (cold, kinds, kinds), thresholds, classes, cold_floor=(0.3, 0.6))
    assert [(rec.source, rec.target, sign) for rec, sign, _, _ in floored] == [("wenna", "ossian", -1), ("wenna", "brisco", -1)]
    assert len(decide(records, (cold, kinds, kinds), thresholds, classes)) == 3  # no floor, all stand


def test_the_judge_floors_hostile_feelings_for_a_model_saved_without_a_cold_floor() -> None:
    from heartline.stages.judge import COLD_FLOOR, cold_floor
    assert cold_floor({"floor": {}}) == COLD_FLOOR and 0.0 < COLD_FLOOR[0] < COLD_FLOOR[1] <= 1.0
    assert cold_floor({"floor": {"cold_reading": 0.25, "cold_sure": 0.7}}) == (0.25, 0.7)


def test_one_strongly_warm_moment_carries_a_pair_below_the_warm_threshold() -> None:
    import numpy as np
    # both under the warm threshold (0.2 < 0.3); Orla has one unit read plainly warm (0.85), Bram's best is 0.5
    records = (_pair("orla", "bram", 0.85), _pair("bram", "orla", 0.5), _pair("orla", "cass", 0.85))
    polar = np.array([[0.7, 0.2, 0.1], [0.7, 0.2, 0.1], [0.9, 0.05, 0.05]])
    kinds = np.array([[0.6, 0.4]] * 3)
    classes = _CLASSES
    thresholds = {"warm": 0.3, "cold": 0.5}
    assert decide(records, (polar, kinds, kinds), thresholds, classes, 0.4) == []
    carried = decide(records, (polar, kinds, kinds), thresholds, classes, 0.4, strong=(0.8, 0.15, 6))
    # Bram's moment is not strong enough; Cass's pair is too unlikely warm (0.05 < 0.15)
    assert [(rec.source, rec.target, sign) for rec, sign, _, _ in carried] == [("orla", "bram", 1)]
    # a pair the polarity model holds colder than warm is not carried
    colder = np.array([[0.5, 0.2, 0.3]] * 3)
    assert decide(records, (colder, kinds, kinds), thresholds, classes, 0.4, strong=(0.8, 0.15, 6)) == []


def test_a_strong_moment_among_many_units_carries_nothing() -> None:
    import numpy as np
    values = list(_pair("orla", "bram", 0.85).values)
    values[FEATURES.index("read_units")] = math.log1p(40)  # a novel's pair: forty units, the best warm by chance
    many = (PairRecord("orla", "bram", tuple(values), ()),)
    polar = np.array([[0.7, 0.2, 0.1]])
    kinds = np.array([[0.6, 0.4]])
    classes = _CLASSES
    assert decide(many, (polar, kinds, kinds), {"warm": 0.3, "cold": 0.5}, classes, 0.4, strong=(0.8, 0.15, 6)) == []


def test_the_shipped_judge_names_its_strong_moment_route() -> None:
    from heartline.stages.judge import strong_reading
    reading, warm, units = strong_reading(load_model())
    assert 0.4 < reading < 1.0 and 0.0 < warm < load_model()["thresholds"]["warm"] and units >= 1
    assert strong_reading({"floor": {"warm_reading": 0.4}}) is None


def test_tone_reads_warm_and_cold_sentences() -> None:
    assert tone("She smiled and hugged him, glad he was safe.") > 0.3
    assert tone("He sneered at her and slammed the door in fury.") < -0.3


def test_feature_records_count_what_two_people_share(run) -> None:
    recs = _records(run, _FRIENDS)
    mia_tom = recs[("mia_pellow", "tom_ashby")]
    assert mia_tom.feature("cooc_sentences") > 1.5  # several sentences hold both
    assert mia_tom.feature("talk_to") > 0  # Mia speaks to Tom
    assert mia_tom.feature("tone_warm") > 0
    assert mia_tom.feature("care_words") > 0  # "helped", "laughed", "grinned"
    assert mia_tom.feature("rule_romantic") == 0
    # the other direction is its own record, with talk the other way round
    assert recs[("tom_ashby", "mia_pellow")].feature("talk_from") > 0


def test_a_single_shared_sentence_is_not_weighed(run) -> None:
    assert MIN_SHARED >= 2
    assert _records(run, "Tom Thursby walked home with Ada Fenner and said nothing.") == {}


def test_the_judge_finds_warmth_shown_only_by_behaviour(run) -> None:
    results = run(_FRIENDS)
    assert not results["rule_relations"]  # no cue names a feeling
    found = {(r.source, r.target): r for r in results["relations"]}
    r = found[("mia_pellow", "tom_ashby")]
    assert r.kind in ("affection", "romantic") and r.how == "implied" and r.current
    # the acts under the threshold (the evidence stage's behaviour rows: "brought Tom a flask of
    # tea"), else the sentences the sentence reader read as warm (else the warmest by tone)
    assert r.evidence and all(e.cue in ("judge:warm-reading", "judge:warm-moment") or e.cue in SHOWN_ONLY
                              for e in r.evidence)
    assert all(e.text in _FRIENDS for e in r.evidence)


def test_the_cues_relations_stand_as_the_rules_read_them(run) -> None:
    text = "Mia loved Tom. Then Tom betrayed her. Now Mia hated Tom. Mia glared at Tom across the hall."
    results = run(text)
    assert {(r.source, r.target, r.kind, r.current) for r in results["rule_relations"]} <= {
        (r.source, r.target, r.kind, r.current) for r in results["relations"]}


def test_rules_switch_turns_the_judge_off(run, monkeypatch) -> None:
    monkeypatch.setenv("HEARTLINE_JUDGE", "rules")
    assert scorer_name() == "rules"
    results = run(_FRIENDS + "\n")  # a different text: the session cache keys on the text
    assert results["relations"] == results["rule_relations"]


def test_a_bad_switch_value_is_a_clear_error(monkeypatch) -> None:
    from heartline.errors import HeartlineError
    monkeypatch.setenv("HEARTLINE_JUDGE", "neural")
    with pytest.raises(HeartlineError, match="HEARTLINE_JUDGE"):
        scorer_name()


def test_judge_without_records_returns_the_rules() -> None:
    assert judge((), (), (), None, load_model()) == ()


def test_learner_is_deterministic_and_separates_a_toy_problem() -> None:
    rows = [[1.0, x, y] for x in range(5) for y in range(5)]
    labels = [int(x > y) for _, x, y in rows]
    a = fit(rows, labels, ("bias", "x", "y"), ("no", "yes"))
    b = fit(rows, labels, ("bias", "x", "y"), ("no", "yes"))
    assert a == b
    p = a.probabilities([[1.0, 4.0, 0.0], [1.0, 0.0, 4.0]])
    assert p[0][1] > 0.8 and p[1][1] < 0.2
    assert LinearModel.from_json(json.loads(json.dumps(a.to_json()))).features == ("bias", "x", "y")


@pytest.mark.skipif(not (SHARED / "gold").is_dir(), reason="../shared (gold answers) is absent: nothing to train on")
def test_training_command_runs_on_a_tiny_slice(tmp_path) -> None:
    out = tmp_path / "judge.json"
    env = dict(os.environ, PYTHONHASHSEED="0")
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "train_judge.py"), "--shared", str(SHARED),
                           "--only", "untagged_dialogue", "script_format", "--out", str(out)],
                          capture_output=True, text=True, env=env, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "untagged_dialogue" in done.stdout and "held out" in done.stdout
    model = json.loads(out.read_text())
    assert model["card"]["trained_on"] == ["script_format", "untagged_dialogue"]
    assert tuple(model["polarity"]["features"]) == MODEL_FEATURES
    # each kind model reads a few of the record's features, by name
    assert set(model["warm_kind"]["features"]) <= set(FEATURES) and "bias" in model["warm_kind"]["features"]


def test_the_analysis_json_names_the_model_it_used(analyse, monkeypatch) -> None:
    data = analyse(_FRIENDS).to_json()
    card = load_model()["card"]
    assert data["models"]["feeling_judge"] == {"scorer": "trained", "file": MODEL_FILE,
                                               "version": load_model()["version"],
                                               "data_sha256": card["data_sha256"]}
    monkeypatch.setenv("HEARTLINE_JUDGE", "rules")
    from heartline.api import models_used
    assert models_used()["feeling_judge"] == {"scorer": "rules"}
    assert models_used()["speaker_scorer"]["scorer"] == "trained"


def _toy_judge() -> dict:
    return {"warm_kind": {"classes": ["affection", "romantic"]}, "cold_kind": {"classes": ["dislike", "hatred"]},
            "thresholds": {"warm": 0.3, "cold": 0.5}, "floor": {}}


def _past(source: str, target: str, kind: str, current: bool = False):
    from heartline.model import Evidence, Relation
    e = Evidence(source, target, kind, "stated", 0, 10, "I liked him once.", 0, "liked", past=not current)
    return Relation(source, target, kind, "stated", current, 0.5, (), (e,))


def test_a_hostile_verdict_stands_where_the_cues_show_only_a_past_feeling() -> None:
    import numpy as np
    records = (_pair("ivo", "lena", 0.1), _pair("lena", "ivo", 0.1), _pair("ivo", "bram", 0.1))
    cold = np.array([[0.2, 0.1, 0.7]] * 3)
    kinds = np.array([[0.7, 0.3]] * 3)
    rules = (_past("ivo", "lena", "romantic"), _past("lena", "ivo", "affection", current=True),
             _past("ivo", "bram", "romantic"))
    warm = np.array([[0.2, 0.7, 0.1], [0.2, 0.1, 0.7], [0.2, 0.7, 0.1]])
    out = {(r.source, r.target): r for r in judge(records, rules, (), None, _toy_judge(), (cold, kinds, kinds))}
    soured = out[("ivo", "lena")]
    # "I liked him once" opens the arc; the judge's hostility is the end state
    assert (soured.kind, soured.current, soured.how) == ("dislike", True, "implied")
    assert [step.label for step in soured.arc] == ["romantic (past)", "dislike implied"]
    assert soured.evidence[0].cue == "liked"
    # a current rule relation stands as the cues read it, the judge's cold verdict notwithstanding
    assert (out[("lena", "ivo")].kind, out[("lena", "ivo")].current) == ("affection", True)
    # a warm verdict does not reopen a past feeling: that is the warm judge's question, not this one
    out = {(r.source, r.target): r for r in judge(records, rules, (), None, _toy_judge(), (warm, kinds, kinds))}
    assert (out[("ivo", "bram")].kind, out[("ivo", "bram")].current) == ("romantic", False)
    assert len(out) == 3
