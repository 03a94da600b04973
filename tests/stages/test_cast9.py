"""Issue 15 (cast): a name's gender from a noun said of it, in apposition or after "be"."""
from __future__ import annotations

import pytest


def cast_gender(run, text: str) -> dict[str, str]:
    """Character name -> gender, from the cast stage."""
    return {c.name: c.gender for c in run(text)["cast"].characters}


@pytest.mark.parametrize("text,name,gender", [
    ("Brisco was a widower. Brisco lit the lamp at dusk.", "Brisco", "male"),
    ("Brisco, a stooped old woman, held the lamp. Brisco waited.", "Brisco", "female"),
    ("Orlo Vardle came in. Orlo's sister was Ysolt. Ysolt nodded.", "Ysolt", "female"),
    ("Orlo Vardle came in with his niece, Ysolt. Ysolt nodded.", "Ysolt", "female"),
])
def test_gender_from_a_noun_said_of_the_name(run, text, name, gender) -> None:
    assert cast_gender(run, text)[name] == gender


@pytest.mark.parametrize("name,text", [
    # a list, not an apposition: the old woman is somebody else
    ("Pellam", "Pellam, the old woman and Quorin walked in. Pellam sat down."),
    # a negated "be" tells nothing of what Brisco is
    ("Brisco", "Brisco was not a man of letters. Brisco sat down."),
    # a name called out: said to Brisco, not of a girl beside the name
    ("Brisco", '"Sit down by the old woman, Brisco." Brisco sat.'),
])
def test_no_gender_where_the_noun_is_not_said_of_the_name(run, name, text) -> None:
    assert cast_gender(run, text)[name] == "unknown"


def local_votes(run, text: str) -> dict[str, list[float]]:
    from heartline.stages.coref import _local_votes
    r = run(text)
    return _local_votes(r["document"], r["mentions"], r["cast"].name_links, {})


def test_a_lone_name_before_a_pronoun_gets_its_gender_vote(run) -> None:
    assert local_votes(run, "Brisco waited by the door. Orlo Vardle left at dawn. Brisco came in. He sat down by the fire.")["brisco"][0] > 0


def test_no_vote_for_a_name_after_a_pronoun_of_that_gender(run) -> None:
    # the "he" before Brisco is somebody the story already follows, and so is the next one
    votes = local_votes(run, "Brisco waited by the door. Orlo Vardle walked in. He never trusted Brisco. "
                         "He sat down by the fire.")
    assert votes.get("brisco", [0.0, 0.0])[0] == 0
