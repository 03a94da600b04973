"""bench/judge_errors.py: each error of the judge gets one cause (invented pairs)."""
from __future__ import annotations

from bench.judge_errors import causes


def test_false_relations_are_told_apart_by_direction_polarity_and_who_decided() -> None:
    gold = {("zabrine", "oksel"): "romantic", ("brundt", "zabrine"): "dislike"}
    found = {("oksel", "zabrine"): "affection",  # the reverse of a one-sided love, judged
             ("zabrine", "brundt"): "affection",  # reverse too: the gold holds brundt -> zabrine only
             ("brundt", "zabrine"): "affection",  # warm where the gold is hostile, by the cues
             ("brundt", "oksel"): "affection"}  # related neither way
    got = dict((pair, cause) for cause, pair in causes(found, gold, ruled={("brundt", "zabrine")}, weighed=set(found)))
    assert got == {("oksel", "zabrine"): "FP-judge-reverse", ("zabrine", "brundt"): "FP-judge-reverse",
                   ("brundt", "zabrine"): "FP-rule-polarity", ("brundt", "oksel"): "FP-judge-unrelated",
                   ("zabrine", "oksel"): "FN-reverse-found"}


def test_a_miss_says_whether_the_judge_ever_weighed_the_pair() -> None:
    gold = {("tolliver", "bex"): "affection", ("bex", "tolliver"): "affection", ("tolliver", "yevrah"): "hatred"}
    got = causes({}, gold, ruled=set(), weighed={("tolliver", "bex")}, ruled_kind={("tolliver", "yevrah"): "affection"})
    assert sorted(got) == [("FN-below", ("tolliver", "bex")), ("FN-no-record", ("bex", "tolliver")),
                           ("FN-rule-polarity", ("tolliver", "yevrah"))]


def test_a_prediction_on_an_optional_gold_pair_is_no_error() -> None:
    assert causes({("tolliver", "bex"): "romantic"}, {}, set(), set(), neutral=frozenset({("tolliver", "bex")})) == []


def test_a_wrong_kind_is_an_error_only_when_kinds_are_asked_for() -> None:
    gold = {("tolliver", "bex"): "romantic", ("bex", "tolliver"): "romantic", ("yevrah", "bex"): "dislike"}
    found = {("tolliver", "bex"): "affection", ("bex", "tolliver"): "romantic", ("yevrah", "bex"): "hatred"}
    weighed = set(found)
    assert causes(found, gold, ruled={("yevrah", "bex")}, weighed=weighed) == []
    got = causes(found, gold, ruled={("yevrah", "bex")}, weighed=weighed, kinds=True)
    assert sorted(got) == [("KIND-judge-romantic-as-affection", ("tolliver", "bex")),
                           ("KIND-rule-dislike-as-hatred", ("yevrah", "bex"))]
