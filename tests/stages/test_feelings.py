"""Stage ``feelings``: evidence -> one relation per ordered pair, with end state and arc.

The first half feeds hand-made evidence to the aggregation (no parser involved); the
second half reads small stories end to end.
"""
from __future__ import annotations

import pytest

from heartline.model import Document, Evidence, Story
from heartline.stages.feelings import aggregate_feelings, min_support


def _doc(words: int = 50) -> Document:
    story = Story(source="<t>", text=" ".join(["word"] * words))
    return Document(story=story, scenes=(), tokens=(), sentences=(), paragraphs=())


def ev(start: int, kind: str = "romantic", how: str = "narrated", *, scene: int = 0, past: bool = False,
       negated: bool = False, question: bool = False, weight: float = 1.0,
       exp: str = "tom", tgt: str = "mia") -> Evidence:
    return Evidence(experiencer=exp, target=tgt, kind=kind, how=how, start=start, end=start + 5,
                    text="...", scene=scene, cue="cue", past=past, negated=negated,
                    question=question, weight=weight)


def rel(evidence, words: int = 50):
    out = aggregate_feelings(_doc(words), tuple(evidence))
    assert len(out) <= 1
    return out[0] if out else None


# --------------------------------------------------------------------- aggregation
def test_one_narrated_sentence_is_a_current_relation() -> None:
    r = rel([ev(0)])
    assert (r.source, r.target, r.kind, r.how, r.current) == ("tom", "mia", "romantic", "narrated", True)
    assert 0 < r.confidence < 1
    assert rel([ev(0), ev(50)]).confidence > r.confidence  # more evidence, more confidence
    assert r.arc == ()  # a single state is no arc


def test_denial_then_confession_is_stated_with_an_arc() -> None:
    r = rel([ev(0, how="denied", negated=True, weight=0.7), ev(100, how="stated", scene=2, weight=0.56)])
    assert (r.kind, r.how, r.current) == ("romantic", "stated", True)
    assert [a.label for a in r.arc] == ["denied", "romantic stated"]
    assert [a.scene for a in r.arc] == [0, 2]


def test_owner_denies_what_others_see() -> None:
    r = rel([ev(0, how="claimed"), ev(100, how="denied", negated=True)])
    assert (r.kind, r.how, r.current) == ("romantic", "denied", True)


def test_an_uncontradicted_denial_is_no_feeling() -> None:
    assert rel([ev(0, how="denied", negated=True)]) is None


def test_negated_narration_alone_is_no_feeling() -> None:
    assert rel([ev(0, negated=True)]) is None


def test_a_bare_question_alone_is_no_feeling() -> None:
    assert rel([ev(0, how="claimed", question=True, weight=0.3)]) is None


def test_past_only_feeling_is_kept_but_not_current() -> None:
    r = rel([ev(0, past=True)])
    assert (r.kind, r.current) == ("romantic", False)


def test_later_feeling_wins_over_an_earlier_one() -> None:
    r = rel([ev(0, "romantic"), ev(100, "hatred", scene=1)])
    assert (r.kind, r.current) == ("hatred", True)
    assert [a.label for a in r.arc] == ["romantic narrated", "hatred narrated"]


def test_past_romance_then_present_hatred() -> None:
    r = rel([ev(0, past=True), ev(100, "hatred")])
    assert (r.kind, r.current) == ("hatred", True)


def test_weak_single_cue_is_not_reported() -> None:
    assert rel([ev(0, "dislike", "implied", weight=0.4)]) is None


def test_stated_beats_implied_as_how() -> None:
    r = rel([ev(0, how="stated"), ev(100, how="implied", weight=0.6)])
    assert r.how == "stated"


def test_each_ordered_pair_is_its_own_relation() -> None:
    out = aggregate_feelings(_doc(), (ev(0), ev(10, exp="mia", tgt="tom", kind="affection")))
    assert {(r.source, r.target, r.kind) for r in out} == {("tom", "mia", "romantic"),
                                                           ("mia", "tom", "affection")}


def test_long_texts_need_more_support() -> None:
    assert min_support(3_000) == 0.5
    assert min_support(200_000) > min_support(20_000) > min_support(3_000)
    one = [ev(0, weight=0.6)]
    assert rel(one, words=3_000) is not None
    assert rel(one, words=300_000) is None


# --------------------------------------------------------------------- stories
def relations(run, text: str) -> dict[tuple[str, str], object]:
    """The rules scorer's relations (this stage's own product; the judge's come after)."""
    return {(r.source, r.target): r for r in run(text)["rule_relations"]}


def test_narrated_love_story(run) -> None:
    r = relations(run, "Mia loved Tom.")[("mia", "tom")]
    assert (r.kind, r.how, r.current) == ("romantic", "narrated", True)
    assert [e.text for e in r.evidence] == ["Mia loved Tom."]


def test_stated_love_story(run) -> None:
    r = relations(run, '"I love you, Tom," Mia said.')[("mia", "tom")]
    assert (r.kind, r.how, r.current) == ("romantic", "stated", True)


def test_claimed_love_story(run) -> None:
    r = relations(run, '"Mia really likes you," Ann told Tom.')[("mia", "tom")]
    assert (r.kind, r.how) == ("romantic", "claimed")


def test_denial_early_confession_late(run) -> None:
    text = ('"I don\'t like Mia," Tom said.\n\n'
            "The summer passed. Tom and Mia worked on the farm together every day.\n\n"
            '"I think I might like you too, Mia," Tom said.')
    r = relations(run, text)[("tom", "mia")]
    assert (r.kind, r.how, r.current) == ("romantic", "stated", True)
    assert [a.label for a in r.arc] == ["denied", "romantic stated"]


def test_feeling_that_is_over_is_past(run) -> None:
    rs = relations(run, "Years ago Tom had liked Ann, but that was over.")
    r = rs[("tom", "ann")]
    assert (r.kind, r.current) == ("romantic", False)


def test_hatred_story(run) -> None:
    r = relations(run, "Tom hated Rex.")[("tom", "rex")]
    assert (r.kind, r.current) == ("hatred", True)


def test_annoying_in_point_of_view_is_dislike(run) -> None:
    text = "Tom waited by the gate. He saw Ann coming. She was so annoying."
    r = relations(run, text)[("tom", "ann")]
    assert (r.kind, r.current) == ("dislike", True)


def test_love_turned_to_hatred(run) -> None:
    r = relations(run, "Mia loved Tom. Then Tom betrayed her. Now Mia hated Tom.")[("mia", "tom")]
    assert (r.kind, r.current) == ("hatred", True)
    assert [a.label for a in r.arc] == ["romantic narrated", "hatred narrated"]


def test_negated_love_is_no_relation(run) -> None:
    assert ("mia", "tom") not in relations(run, "Mia did not love Tom.")


def test_question_is_no_relation(run) -> None:
    assert ("mia", "tom") not in relations(run, "Did Mia love Tom?")


def test_used_to_then_not_anymore_is_not_current(run) -> None:
    r = relations(run, "Tom used to like Ann. He does not like her anymore.").get(("tom", "ann"))
    assert r is None or not r.current


def test_always_hated_and_still_does_is_current(run) -> None:
    r = relations(run, "Tom had always hated Rex. He still did.")[("tom", "rex")]
    assert (r.kind, r.current) == ("hatred", True)


def test_love_for_a_brother_is_not_romance(run) -> None:
    r = relations(run, "Mia loved her brother Tom.")[("mia", "tom")]
    assert r.kind == "affection"


# --------------------------------------------------------------------- supposed feelings, endings
def test_conditional_marriage_is_no_relation(analyse) -> None:
    text = '"If I were to marry you, I would be miserable," Tom said to Mia.'
    assert [(r.source, r.target) for r in analyse(text).relations
            if (r.source, r.target) == ("tom", "mia")] == []


def test_rhetorical_negative_question_keeps_a_past_feeling(run) -> None:
    rs = relations(run, "Tom met Ann at the fair. Hadn't he loved Ann before? Tom remembered it well.")
    r = rs[("tom", "ann")]
    assert r.kind == "romantic"
    assert not r.current


@pytest.mark.parametrize("text", [
    "Tom loved Ann. They walked by the river every day. The years went by. "
    "Years later Tom no longer loved Ann.",
    "Tom loved Ann. They walked by the river every day. The years went by. "
    "Years later Tom did not love Ann anymore.",
    "Tom loved Ann. They walked by the river every day. The years went by. Years later Tom did not love Ann.",
    "Tom had loved Ann once. They walked by the river. The years went by. Tom never cared for Ann again.",
])
def test_narrated_negation_at_the_end_ends_the_feeling(run, text) -> None:
    r = relations(run, text).get(("tom", "ann"))
    assert r is None or not r.current


def test_denial_claim_then_admission_arc(run) -> None:
    text = ('Tom, Ann and Rex sat by the fire.\n\n"I don\'t love Ann," Tom said to Rex.\n\n'
            "The winter passed. Tom and Ann worked at the mill every day.\n\n"
            '"Tom loves Ann," Rex said to Mia.\n\n'
            "In the spring Tom found Ann by the river.\n\n"
            '"I love you, Ann," Tom said.')
    r = relations(run, text)[("tom", "ann")]
    labels = [a.label for a in r.arc]
    assert labels[0] == "denied"
    assert labels[-1] == "romantic stated"
    assert (r.kind, r.how, r.current) == ("romantic", "stated", True)


# --------------------------------------------------------------------- repeated cues
def test_repeated_identical_cues_add_less() -> None:
    thanks = [ev(i * 1000, "affection", "stated", weight=0.5) for i in range(16)]
    assert rel(thanks, words=60_000) is None
    # the same number of different cues still adds up
    from dataclasses import replace
    varied = [replace(e, cue=f"cue{i}") for i, e in enumerate(thanks)]
    assert rel(varied, words=60_000) is not None


def _long_story(lines: str, times: int) -> str:
    filler = "The rain fell softly on the grey roofs of the quiet old town. " * 100  # 1,200 words
    return "".join(filler + lines for _ in range(times))


def test_many_polite_thanks_in_a_long_text_are_no_relation(run) -> None:
    text = _long_story('\n\nMia met Mrs Pellow in the lane.\n\n"Thank you, Mrs Pellow," Mia said.\n\n', 16)
    assert len(text.split()) > 20_000
    result = run(text)
    assert len(result["evidence"]) >= 10  # the thanks are read, but do not make a relation
    assert ("mia", "mrs_pellow") not in relations(run, text)


def test_one_sincere_confession_in_a_short_text_is_reported(run) -> None:
    r = relations(run, '"I love you, Tom," Mia said.')[("mia", "tom")]
    assert (r.kind, r.how, r.current) == ("romantic", "stated", True)


# -------------------------------------------------------- kindness answering a friendship
def _pairs(evidence, words: int = 50) -> dict[tuple[str, str], str]:
    return {(r.source, r.target): r.kind for r in aggregate_feelings(_doc(words), tuple(evidence))}


def test_a_small_kindness_answering_a_friendship_is_believed() -> None:
    friendship = ev(10, "affection", "narrated", exp="mia", tgt="ann", weight=0.8)
    touch = ev(20, "affection", "implied", exp="ann", tgt="mia", weight=0.3)
    assert _pairs([friendship, touch]) == {("mia", "ann"): "affection", ("ann", "mia"): "affection"}


def test_a_small_kindness_alone_is_not_enough() -> None:
    assert _pairs([ev(20, "affection", "implied", exp="ann", tgt="mia", weight=0.3)]) == {}


def test_a_small_romantic_gesture_is_not_lifted_by_friendship() -> None:
    friendship = ev(10, "affection", "narrated", exp="mia", tgt="ann", weight=0.8)
    kiss = ev(20, "romantic", "implied", exp="ann", tgt="mia", weight=0.3)
    assert ("ann", "mia") not in _pairs([friendship, kiss])


def test_a_romance_beside_friendlier_words_names_the_kind() -> None:
    # "I love you" early, then warmer-weighted friendly words later: the romance cue is specific
    r = rel([ev(0, "romantic", "stated", weight=1.0), ev(100, "affection", "stated", weight=1.0)])
    assert r.kind == "romantic"


def test_a_stray_weak_romance_cue_does_not_rename_a_friendship() -> None:
    r = rel([ev(0, "romantic", "implied", weight=0.3), ev(100, "affection", "stated", weight=1.0)])
    assert r.kind == "affection"
