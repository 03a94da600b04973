"""Stages ``characters`` and ``people``: which names are people, merged per person, with gender."""
from __future__ import annotations

import pytest


def cast_of(run, text: str) -> dict[str, tuple[str, ...]]:
    """Character name -> aliases, from the cast stage."""
    return {c.name: tuple(sorted(c.aliases)) for c in run(text)["cast"].characters}


def final(run, text: str) -> dict[str, object]:
    """Character id -> final Character, after coreference."""
    return {c.id: c for c in run(text)["characters"]}


def test_titled_and_bare_surname_merge(run) -> None:
    text = "Mr. Alder opened the door. Alder smiled at the guests. Then Alder sat down."
    cast = run(text)["cast"].characters
    assert len(cast) == 1
    c = cast[0]
    assert c.name == "Mr. Alder"
    assert set(c.aliases) == {"Mr. Alder", "Alder"}
    assert c.gender == "male"
    assert c.mentions == 3


def test_family_name_first_given_name_and_honorific_merge(run) -> None:
    text = 'Stone Mia entered the room. Mia sat down. "Mia-chan!" Tom called.'
    assert cast_of(run, text) == {"Stone Mia": ("Mia", "Mia-chan", "Stone Mia"), "Tom": ("Tom",)}


def test_given_name_joins_the_one_full_name_holding_it(run) -> None:
    text = "Tom Reed walked in. Tom waved at Mia. Mia waved back."
    assert cast_of(run, text) == {"Tom Reed": ("Tom", "Tom Reed"), "Mia": ("Mia",)}


def test_mrs_and_miss_with_the_same_surname_stay_apart(run) -> None:
    text = "Mrs Hart poured the tea. Miss Hart laughed at the joke. Mrs Hart sighed."
    cast = run(text)["cast"].characters
    assert sorted(c.name for c in cast) == ["Miss Hart", "Mrs Hart"]
    assert all(c.gender == "female" for c in cast)


def test_two_full_names_sharing_a_given_name_stay_apart(run) -> None:
    text = "Mia Stone and Mia Hart sat together. Mia Stone laughed. Mia Hart smiled."
    assert sorted(cast_of(run, text)) == ["Mia Hart", "Mia Stone"]


@pytest.mark.parametrize("text,place", [
    ("Mia walked down Willow Street. Tom waited on Willow Street too.", "Willow Street"),
    ("Tom waited at the Harper mansion. The Harper mansion was quiet. Mia knocked.", "Harper"),
    ("Rain fell on Oakford. Mia lived in Oakford. Tom visited Oakford.", "Oakford"),
])
def test_places_and_family_names_used_as_modifiers_are_not_characters(run, text, place) -> None:
    result = run(text)
    names = [c.name for c in result["cast"].characters]
    assert all(place not in n for n in names), names
    assert place.lower() in result["cast"].rejected
    assert {"Mia", "Tom"} <= set(names)


def test_family_modifier_does_not_hide_the_person_bearing_the_name(run) -> None:
    text = "Mia Harper walked to the Harper mansion. Mia Harper knocked. Tom opened the door."
    assert sorted(cast_of(run, text)) == ["Mia Harper", "Tom"]


def test_sentence_initial_adverbs_are_not_characters(run) -> None:
    text = "Suddenly Mia laughed. Later Tom smiled. Perhaps Mia knew."
    assert sorted(cast_of(run, text)) == ["Mia", "Tom"]


@pytest.mark.parametrize("text,cid,gender", [
    ("Mia brushed her hair. She sang.", "mia", "female"),
    ("Tom rubbed his eyes. He yawned.", "tom", "male"),
    ("Mia smiled. She laughed. She waved.", "mia", "female"),
])
def test_gender_from_pronouns(run, text, cid, gender) -> None:
    assert final(run, text)[cid].gender == gender


def test_gender_from_a_single_pronoun_when_nobody_else_is_there(run) -> None:
    assert final(run, "Mia smiled. She laughed.")["mia"].gender == "female"


def test_gender_from_pronouns_with_two_people(run) -> None:
    chars = final(run, "Mia smiled at Tom. She was happy to see him. He grinned at her.")
    assert (chars["mia"].gender, chars["tom"].gender) == ("female", "male")


def test_title_gender_is_not_taken_from_a_namesake(run) -> None:
    text = "Mr. Alder and Mrs. Alder arrived. Mr. Alder sat down. Mrs. Alder smiled."
    genders = {c.name: c.gender for c in run(text)["cast"].characters}
    assert genders == {"Mr. Alder": "male", "Mrs. Alder": "female"}


def test_hyphenated_given_name_is_one_character(run) -> None:
    assert sorted(cast_of(run, "Anne-Marie waved at Tom. Anne-Marie laughed.")) == ["Anne-Marie", "Tom"]


def test_ids_are_unique_slugs_and_centrality_is_relative(run) -> None:
    text = "Tom saw Mia. Tom waved. Tom laughed. Mia smiled."
    chars = run(text)["characters"]
    ids = [c.id for c in chars]
    assert len(ids) == len(set(ids))
    assert all(i == i.lower() and " " not in i for i in ids)
    by_id = {c.id: c for c in chars}
    assert by_id["tom"].centrality == 1.0
    assert 0 < by_id["mia"].centrality < 1.0
    assert chars[0].id == "tom"  # most mentioned first


def test_every_name_mention_links_to_its_character(run) -> None:
    text = "Mr. Alder opened the door. Alder smiled at Mia."
    result = run(text)
    cast = result["cast"]
    by_text = {m.text: cast.name_links.get(m.index) for m in result["mentions"].items if m.kind == "name"}
    assert by_text == {"Mr. Alder": "mr_alder", "Alder": "mr_alder", "Mia": "mia"}
