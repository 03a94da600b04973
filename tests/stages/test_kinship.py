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


# The author's header declares the pairings: one romantic, one platonic, one over.
_DECLARED = """Title: Lamps
Relationships: Mara Lind/Tobin Hale, Tobin Hale & Ada Fenner, past Ada Fenner/Mara Lind, Mara Lind/Quennel Varro

Mara Lind mended nets with Tobin Hale on the quay. Tobin Hale handed Mara the twine.

Ada Fenner brought Tobin a flask, and Tobin and Ada drank it on the wall.

Tobin thanked Ada Fenner, and Ada shrugged at Tobin.

Mara Lind watched Ada Fenner cross the square. Ada did not look at Mara.

Tobin walked Mara home, and Mara laughed at his jokes all the way.
"""

# A partner noun names the one it means.
_COUPLE = """Odile waited by the fountain. Odile's girlfriend, Brisca, was late again.

Brisca ran up, breathless, and Odile rolled her eyes at her.

"You're hopeless," Odile told Brisca, and gave her half her sandwich.

Brisca and Odile walked to the market together, arguing about the match.
"""


def test_declared_tags_name_romantic_and_platonic_pairs(run) -> None:
    kin = run(_DECLARED)["kinship"]
    assert kin.declares
    assert kin.declared("tobin_hale", "mara_lind") == "romantic"
    assert kin.declared("mara_lind", "tobin_hale") == "romantic"
    assert kin.declared("ada_fenner", "tobin_hale") == "platonic"
    assert kin.declared("ada_fenner", "mara_lind") == ""  # "past A/B": over, so no pairing now
    assert kin.declared_romantic == tuple(sorted(kin.declared_romantic))


def test_declared_features_sit_on_both_directions(run) -> None:
    recs = {(r.source, r.target): r for r in run(_DECLARED)["pair_features"]}
    for pair in (("mara_lind", "tobin_hale"), ("tobin_hale", "mara_lind")):
        assert recs[pair].feature("declared_romantic") == 1.0
        assert recs[pair].feature("declared_platonic") == 0.0
        assert recs[pair].feature("declared_story") == 1.0
    assert recs[("ada_fenner", "tobin_hale")].feature("declared_platonic") == 1.0


def test_a_story_without_a_header_declares_nothing(run) -> None:
    kin = run(_FRIENDS)["kinship"]
    assert not kin.declares and kin.declared_romantic == () and kin.declared_platonic == ()
    recs = run(_FRIENDS)["pair_features"]
    assert all(r.feature("declared_story") == 0.0 for r in recs)


def test_a_partner_noun_makes_a_couple(run) -> None:
    results = run(_COUPLE)
    kin = results["kinship"]
    assert kin.are_couple("brisca", "odile") and kin.are_couple("odile", "brisca")
    assert not kin.are_friends("brisca", "odile")
    recs = {(r.source, r.target): r for r in results["pair_features"]}
    assert recs[("odile", "brisca")].feature("couple_stated") == 1.0
    # a best friend is not a couple
    assert not run(_FRIENDS)["kinship"].are_couple("zuri", "ivo")
