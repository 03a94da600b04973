"""bench/train_speakers.py --misses: the held-out misses' turn relations and causes, on tiny made-up inputs."""
from __future__ import annotations

from dataclasses import replace

from bench.train_speakers import (
    LAST_TURN,
    NEW_VOICE,
    OTHER_PARTY,
    SAME_PARAGRAPH,
    Doc,
    miss_cause,
    render_misses,
    turn_relations,
)


def test_turn_relations_read_an_exchange_a_third_voice_and_a_new_scene() -> None:
    # (quote, scene, paragraph, gold): Brede, Ulric, Brede again, Brede going on in her paragraph, Ulric,
    # Ulric again after a paragraph of narration, a third voice; then a new scene opening with Brede
    quotes = [(0, 0, 1, "brede"), (1, 0, 2, "ulric"), (2, 0, 3, "brede"), (3, 0, 3, "brede"),
              (4, 0, 4, "ulric"), (5, 0, 6, "ulric"), (6, 0, 7, "corvin"), (7, 1, 9, "brede")]
    assert turn_relations(quotes) == {
        0: NEW_VOICE, 1: NEW_VOICE, 2: OTHER_PARTY, 3: SAME_PARAGRAPH, 4: OTHER_PARTY, 5: LAST_TURN,
        6: NEW_VOICE, 7: NEW_VOICE}


def test_turn_relations_take_a_paragraphs_last_speaker_as_its_turns() -> None:
    # Ulric's paragraph ends with a line of Brede's: that paragraph is Brede's turn, so Brede going on in the
    # next paragraph spoke the last turn, and Corvin after her is the other party (the one before Brede)
    quotes = [(0, 0, 1, "corvin"), (1, 0, 2, "ulric"), (2, 0, 2, "brede"), (3, 0, 3, "brede"), (4, 0, 4, "corvin")]
    assert turn_relations(quotes) == {0: NEW_VOICE, 1: NEW_VOICE, 2: SAME_PARAGRAPH, 3: LAST_TURN, 4: OTHER_PARTY}


def _doc(useful: set[int]) -> Doc:
    # gold quote g is heartline quote g; the characters brede and ~0~clerk map to gold chains, nobody to "Maelis-9"
    return Doc(name="made-up", gold=["Brede-1", "Maelis-9", "Clerk-2", "Brede-1"], matched={0: 0, 1: 1, 2: 2, 3: 3},
               rules={}, to_entity={"brede": "Brede-1", "ulric": "Ulric-3", "~0~clerk": "Clerk-2"},
               records=(), labels=[], useful=useful)


def test_a_miss_is_put_down_to_the_first_cause_that_holds() -> None:
    d = _doc(useful={0, 2})
    assert miss_cause(d, 1, "brede", first_pass_useful=set()) == "gold speaker is no character"
    assert miss_cause(d, 3, "ulric", first_pass_useful=set()) == "gold speaker no candidate"
    assert miss_cause(d, 3, "ulric", first_pass_useful={3}).startswith("gold speaker dropped by the second pass")
    assert miss_cause(d, 0, "~0~clerk", first_pass_useful={0}) == "ranked below a described speaker"
    assert miss_cause(d, 2, "ulric", first_pass_useful={2}) == "ranked below a character"


def test_the_misses_are_counted_most_first() -> None:
    rows = [{"explicit": False, "cause": "ranked below a character", "turn": NEW_VOICE}] * 2 + [
        {"explicit": True, "cause": "gold speaker no candidate", "turn": LAST_TURN}]
    lines = render_misses(rows).splitlines()
    assert lines[0] == "held-out misses: 3"
    assert lines[1].split()[:2] == ["2", "implicit"] and lines[2].split()[:2] == ["1", "explicit"]


def test_a_miss_is_judged_by_the_scoring_map_where_there_is_one() -> None:
    # the labels' exact map leaves ~0~clerk no chain; the scoring map (``Doc.scored``) gives it Clerk-2
    d = Doc(name="made-up", gold=["Clerk-2", "Brede-1"], matched={0: 0, 1: 1}, rules={},
            to_entity={"brede": "Brede-1"}, records=(), labels=[], useful={1},
            scored={"brede": "Brede-1", "~0~clerk": "Clerk-2"})
    assert miss_cause(d, 0, "brede", first_pass_useful=set()) == "gold speaker no candidate"
    assert miss_cause(replace(d, scored={}), 0, "brede", first_pass_useful=set()) == "gold speaker is no character"
