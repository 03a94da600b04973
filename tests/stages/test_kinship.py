"""Kinship: the pairs a story says are family (or friends), and what the judge makes of it."""
from __future__ import annotations

from heartline.stages.judge import family_kind
from heartline.stages.kinship import Kinship
from heartline.stages.pair_features import FEATURES, PairRecord

# Siblings: the kinship is said once, early; the love is said much later, in talk.
_SIBLINGS = """Ysolde hauled the sledge up the hill. Ysolde's brother, Tobin, trudged behind with the rope.

Tobin and Ysolde reached the top as the sun went down, and Ysolde laughed at the snow in his hair.

They sat on the sledge together and watched the lights come on in the village below.

Ysolde handed Tobin the flask and Tobin drank and handed it back.

"I love you, you daft thing," Tobin said to Ysolde, and shoved her off down the slope.

Ysolde shrieked all the way down, and Tobin ran after her, grinning.
"""

_FRIENDS = """Ivo waited at the gate. Ivo's best friend, Zuri, was late again.

Zuri ran up, breathless, and Ivo rolled his eyes at her.

"You're hopeless," Ivo told Zuri, and gave her half his sandwich.

Zuri and Ivo walked to school together, arguing about the match.
"""


def test_kin_said_anywhere_makes_a_kin_pair(run) -> None:
    kin = run(_SIBLINGS)["kinship"]
    assert isinstance(kin, Kinship)
    assert kin.are_kin("tobin", "ysolde") and kin.are_kin("ysolde", "tobin")
    assert kin.kin == tuple(sorted(kin.kin))  # sorted, deterministic


def test_the_kin_feature_is_on_both_directions(run) -> None:
    recs = {(r.source, r.target): r for r in run(_SIBLINGS)["pair_features"]}
    assert recs[("tobin", "ysolde")].feature("kin_stated") == 1.0
    assert recs[("ysolde", "tobin")].feature("kin_stated") == 1.0


def test_a_brothers_love_is_never_romantic(run) -> None:
    results = run(_SIBLINGS)
    between = [r for r in results["relations"] if {r.source, r.target} == {"tobin", "ysolde"}]
    assert between, "the siblings' warmth is found"
    assert all(r.kind != "romantic" for r in between)


def test_a_best_friend_is_a_friend_not_kin(run) -> None:
    kin = run(_FRIENDS)["kinship"]
    assert kin.are_friends("zuri", "ivo")
    assert not kin.are_kin("zuri", "ivo")


def _record(**values: float) -> PairRecord:
    row = tuple(values.get(f, 1.0 if f == "bias" else 0.0) for f in FEATURES)
    return PairRecord("ann", "ben", row, ())


def test_family_kind_turns_romance_between_kin_into_affection() -> None:
    assert family_kind(_record(kin_stated=1.0), "romantic") == "affection"
    # a romantic cue of the pair's own (the evidence stage keeps one only for "in love with")
    assert family_kind(_record(kin_stated=1.0, rule_romantic=0.7), "romantic") == "romantic"
    assert family_kind(_record(), "romantic") == "romantic"
    assert family_kind(_record(kin_stated=1.0), "dislike") == "dislike"
