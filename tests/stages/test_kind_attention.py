"""The kind of a warm feeling from what the shared scenes show (issue 15): romance shown in a
paragraph both are named in, a guidance bond's nouns, each other's first partner
(``pair_features.ATTENTION_FEATURES``), and the romance floor of the kind decision
(``judge.warm_kind``)."""
from __future__ import annotations

import numpy as np

from heartline.stages.judge import decide, romance_floor, warm_kind
from heartline.stages.pair_features import ATTENTION_FEATURES, FEATURES, MODEL_FEATURES, PairRecord

CLASSES = ("affection", "romantic")

# The blush and the one who caused it sit in two sentences of one paragraph; no sentence names both.
_BLUSHING = """Tavi Quennet waited by the fountain for an hour.

Tavi's cheeks flushed and burned. Ruel Corvell was walking across the square.

Ruel Corvell sat down beside Tavi Quennet on the rim of the fountain.

Later Tavi Quennet walked home, and Ruel Corvell went to the bakery.
"""

# The same people, the same scenes, no romance shown on the body.
_WAITING = """Tavi Quennet waited by the fountain for an hour.

Tavi's boots were wet. Ruel Corvell was walking across the square.

Ruel Corvell sat down beside Tavi Quennet on the rim of the fountain.

Later Tavi Quennet walked home, and Ruel Corvell went to the bakery.
"""

_LESSON = """Master Ormund Varn corrected his pupil Lisbeta Maro's stance twice before noon.

Lisbeta Maro bowed to Master Ormund Varn, and the master nodded to his pupil.

Ormund Varn walked Lisbeta Maro to the gate at dusk.
"""


def _records(run, text):
    return {(r.source, r.target): r for r in run(text)["pair_features"]}


def test_attention_features_are_read_by_no_polarity_model() -> None:
    # the shipped polarity model reads MODEL_FEATURES: the new features only feed the kind model
    assert not set(ATTENTION_FEATURES) & set(MODEL_FEATURES)
    assert set(ATTENTION_FEATURES) <= set(FEATURES)


def test_romance_shown_in_a_shared_paragraph_counts_across_sentences(run) -> None:
    blushing = _records(run, _BLUSHING)[("tavi_quennet", "ruel_corvell")]
    waiting = _records(run, _WAITING)[("tavi_quennet", "ruel_corvell")]
    assert blushing.feature("romance_scene") > 0
    assert blushing.feature("romance_words") == 0  # no single sentence holds both and the blush
    assert waiting.feature("romance_scene") == 0


def test_guidance_nouns_in_shared_sentences(run) -> None:
    recs = _records(run, _LESSON)
    assert recs[("lisbeta_maro", "ormund_varn")].feature("mentor_words") > 0
    assert _records(run, _WAITING)[("tavi_quennet", "ruel_corvell")].feature("mentor_words") == 0


def test_each_others_first_partner(run) -> None:
    rec = _records(run, _LESSON)[("lisbeta_maro", "ormund_varn")]
    assert rec.feature("partner_mutual") == rec.feature("partner_rank_source") * rec.feature("partner_rank_target")
    assert rec.feature("partner_mutual") == 1.0  # the only two people: each the other's first


def test_the_romance_floor_turns_a_likely_romance_romantic() -> None:
    probs = np.array([0.6, 0.4])
    assert warm_kind(probs, CLASSES) == "affection"  # no floor: the likelier kind
    assert warm_kind(probs, CLASSES, 0.35) == "romantic"
    assert warm_kind(probs, CLASSES, 0.45) == "affection"
    assert romance_floor({"review": {"romance_floor": 0.4}}) == 0.4
    assert romance_floor({"review": {"warm_margin": 0.5}}) is None


def test_decide_applies_the_floor_to_judged_warm_pairs() -> None:
    row = tuple(1.0 if f in ("bias", "read_warm_max") else 0.0 for f in FEATURES)
    rec = PairRecord("ann", "ben", row, ())
    probs = (np.array([[0.1, 0.8, 0.1]]), np.array([[0.6, 0.4]]), np.array([[0.5, 0.5]]))
    classes = {"warm_kind": CLASSES, "cold_kind": ("dislike", "hatred")}
    thresholds = {"warm": 0.5, "cold": 0.5}
    assert decide((rec,), probs, thresholds, classes)[0][2] == "affection"
    assert decide((rec,), probs, thresholds, classes, romance_floor=0.35)[0][2] == "romantic"
