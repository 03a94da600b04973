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


# --------------------------------------------------------------------- titles, surnames, places
def test_sir_with_a_full_name_and_mr_with_the_surname_are_two_people(run) -> None:
    text = ("Sir Oswin Carrow sat in the library. Mr Carrow arrived at noon. "
            "Sir Oswin Carrow frowned at Mr Carrow. Mr Carrow bowed. Sir Oswin Carrow sighed.")
    cast = cast_of(run, text)
    assert len(cast) == 2, cast
    sir = next(aliases for aliases in cast.values() if "Sir Oswin Carrow" in aliases)
    assert "Mr Carrow" not in sir
    assert ("Mr Carrow",) in cast.values()


def test_mrs_with_a_surname_is_not_mrs_with_a_husbands_full_name(run) -> None:
    # (a man's given name after "Mrs": his full name, so his wife; a "Mrs" before a given name no list
    # holds as a man's is the woman's own name: tests/stages/test_names6.py)
    text = ("Mrs Wrenfield poured the tea. Mrs Walter Wrenfield laughed at the joke. "
            "Mrs Wrenfield sighed. Mrs Walter Wrenfield smiled.")
    assert cast_of(run, text) == {"Mrs Wrenfield": ("Mrs Wrenfield",),
                                  "Mrs Walter Wrenfield": ("Mrs Walter Wrenfield",)}


def test_bare_title_joins_the_one_person_holding_it(run) -> None:
    text = ("Colonel Corbish rode into town. The Colonel tied his horse. Mia watched the Colonel. "
            "Colonel Corbish waved.")
    assert cast_of(run, text) == {"Colonel Corbish": ("Colonel", "Colonel Corbish"), "Mia": ("Mia",)}


def test_bare_title_shared_by_two_people_joins_neither(run) -> None:
    text = ("Colonel Corbish rode into town. Colonel Brisco rode too. The Colonel tied his horse. "
            "Mia watched the Colonel.")
    cast = cast_of(run, text)
    assert cast["Colonel Corbish"] == ("Colonel Corbish",)
    assert cast["Colonel Brisco"] == ("Colonel Brisco",)


@pytest.mark.parametrize("text,full,short", [
    ("Abigail Pellow walked to town. Mia waved. Abby laughed at Mia. Abby smiled.",
     "Abigail Pellow", "Abby"),
    ("James Halden walked to town. Jamie laughed at Mia. Jamie smiled.", "James Halden", "Jamie"),
])
def test_diminutive_joins_the_one_full_name_with_its_formal_form(run, text, full, short) -> None:
    cast = cast_of(run, text)
    assert short in cast[full]
    assert short not in cast


def test_diminutive_stays_apart_when_two_people_bear_the_formal_name(run) -> None:
    text = ('Abigail Pellow walked to town. "Hello," said Abigail Vantry. Abby laughed at Mia. '
            "Abby smiled.")
    cast = cast_of(run, text)
    assert cast["Abby"] == ("Abby",)
    assert "Abby" not in cast["Abigail Pellow"] + cast["Abigail Vantry"]


def test_miss_with_the_surname_joins_the_one_woman_of_that_name(run) -> None:
    text = "Orla Quillet walked in. Miss Quillet sat down. Miss Quillet laughed. Tom waved."
    assert cast_of(run, text) == {"Orla Quillet": ("Miss Quillet", "Orla Quillet"),
                                  "Tom": ("Tom",)}


def test_bare_surname_often_beside_the_given_name_is_another_person(run, who) -> None:
    # "Dorran" and "Jorvik" talk together again and again; "Dorran Jorvik" is written once
    text = ("Dorran and Jorvik sat by the fire. Dorran looked at Jorvik. Jorvik shook his head at "
            "Dorran. Later Dorran handed Jorvik a cup. Jorvik thanked Dorran. "
            "Mia read a letter from Dorran Jorvik.")
    result = run(text)
    thorne, garrick = who(result, "Jorvik"), who(result, "Dorran")
    assert thorne is not None and garrick is not None
    assert thorne != garrick


def test_leading_common_word_is_not_part_of_the_name(run) -> None:
    text = ("Poor Maren sat alone. The poor girl wept. A poor man passed. The poor dog barked. "
            "Maren sighed. Poor Maren!")
    assert cast_of(run, text) == {"Maren": ("Maren",)}


@pytest.mark.parametrize("text,name", [
    ("Mrs. April baked bread in April. Tom ate the bread. Mrs. April smiled.", "Mrs. April"),
    ("Mrs. August baked bread in August. Tom ate the bread. Mrs. August smiled.", "Mrs. August"),
    ("Mrs. June baked bread in June. Tom ate the bread. Mrs. June smiled.", "Mrs. June"),
])
def test_titled_month_name_is_a_person(run, text, name) -> None:
    cast = run(text)["cast"].characters
    assert sorted(c.name for c in cast) == sorted([name, "Tom"])
    assert next(c for c in cast if c.name == name).gender == "female"


def test_hyphenated_surname_is_one_name_and_joins_its_full_name(run) -> None:
    text = ('Tom and Mia walked on. "Wait for me, Mia," Tom said. Mia Stone-Hart laughed. '
            '"Stone-Hart is my name," she said. Stone-Hart waved.')
    assert cast_of(run, text) == {"Mia Stone-Hart": ("Mia", "Mia Stone-Hart", "Stone-Hart"),
                                  "Tom": ("Tom",)}


def test_hyphenated_double_given_name_is_one_character(run) -> None:
    assert cast_of(run, "Mary-Beth waved at Tom. Mary-Beth laughed.") == {
        "Mary-Beth": ("Mary-Beth",), "Tom": ("Tom",)}


def test_plural_family_name_is_not_a_person(run) -> None:
    text = ("Tom visited the Pellows. The Pellows were kind. Mrs Pellow poured tea. "
            "Tom thanked Mrs Pellow.")
    result = run(text)
    assert sorted(c.name for c in result["cast"].characters) == ["Mrs Pellow", "Tom"]
    assert "pellows" in result["cast"].rejected


@pytest.mark.parametrize("text", [
    "Tom visited the Pellows. The Pellows were kind. Tom liked the Pellows.",
    "Tom and Mia Pellow talked. The Pellows were kind. Tom liked the Pellows.",
])
def test_plural_family_name_is_not_a_person_without_a_singular_bare_name(run, text) -> None:
    assert all("Pellows" not in c.name for c in run(text)["cast"].characters)


def test_place_named_hall_is_never_a_person_even_as_a_subject(run) -> None:
    text = ("Brackley Hall stood on the hill. Brackley Hall watched Tom. Brackley Hall waited for Mia. "
            "Brackley Hall said nothing. Brackley Hall answered the storm. Brackley Hall whispered to "
            "Tom. Brackley Hall replied with silence. Tom loved Brackley Hall.")
    result = run(text)
    assert sorted(c.name for c in result["cast"].characters) == ["Mia", "Tom"]
    assert "brackley hall" in result["cast"].rejected



# --------------------------------------------------------------------- styles, ranks and offices
def test_her_majesty_is_the_one_queen(run) -> None:
    text = "Queen Alys walked into the hall. Mia bowed low. Her Majesty smiled at Mia."
    assert cast_of(run, text) == {"Queen Alys": ("Her Majesty", "Queen Alys"), "Mia": ("Mia",)}


def test_his_majesty_is_the_king_and_her_majesty_the_queen(run) -> None:
    text = ("King Oren and Queen Alys sat at the high table. Mia poured the wine. "
            "His Majesty laughed at the jest. Her Majesty frowned.")
    cast = cast_of(run, text)
    assert cast["King Oren"] == ("His Majesty", "King Oren")
    assert cast["Queen Alys"] == ("Her Majesty", "Queen Alys")


_PRINCE = ("Prince Tomas rode in from the south. Mia met him at the gate. The Prince Regent was tired. "
           "The Prince Regent went to bed. Later the Prince Regent slept.")


def test_title_only_name_under_a_rank_joins_the_one_person_named_with_that_rank(run) -> None:
    cast = run(_PRINCE)["cast"].characters
    assert sorted(sorted(c.aliases) for c in cast) == [["Mia"], ["Prince Regent", "Prince Tomas"]]


def test_joined_title_only_name_is_not_the_display_name_however_often_used(run) -> None:
    # "Prince Regent" is said three times, "Prince Tomas" once: the person is still Prince Tomas
    prince = [c for c in run(_PRINCE)["cast"].characters if "Prince Regent" in c.aliases]
    assert [c.name for c in prince] == ["Prince Tomas"]


@pytest.mark.parametrize("later_scene,holder", [
    # named again in the later scene: the Colonel is the one just named
    ("At dawn Colonel Dray saddled up. Mia watched the Colonel ride away.", "colonel_dray"),
    # not named again: the one last named with the title, in the scene before
    ("The Colonel rode out again at dawn. Mia watched him go.", "colonel_pike"),
], ids=["named-again", "not-named-again"])
def test_bare_title_shared_by_two_goes_in_a_later_scene_to_the_one_last_named_with_it(
        run, mention, later_scene, holder) -> None:
    text = ("Colonel Dray rode into town. Colonel Pike rode too. The Colonel tied his horse.\n\n* * *\n\n"
            + later_scene)
    result = run(text)
    links = result["cast"].name_links
    # in the scene where both are named, "the Colonel" could be either: it joins neither
    assert links[mention(result, "Colonel", 0).index] not in ("colonel_dray", "colonel_pike")
    assert links[mention(result, "Colonel", 1).index] == holder


def test_possessive_after_a_nearer_name_is_no_gender_vote_for_the_subject(run) -> None:
    # "his" belongs to Tom Reed, named between: it says nothing about Ann Vale
    text = "Ann Vale met Tom Reed on the bridge, a lantern in his hands."
    genders = {c.id: c.gender for c in run(text)["cast"].characters}
    assert genders == {"ann_vale": "female", "tom_reed": "male"}


def test_the_realm_after_a_rulers_title_is_no_person(run) -> None:
    text = ("Queen Alys of Dunmarsh sat on her throne. The Crown of Dunmarsh was old. "
            "Tom said that Dunmarsh had no ships.")
    assert "Dunmarsh" not in cast_of(run, text)


def test_a_name_in_speech_shows_its_gender_by_its_own_possessive(run) -> None:
    text = '"Your uncle was the same," Mia said to Ann. "Bram never combed his hair in his life."'
    cast = {c.name: c for c in run(text)["cast"].characters}
    assert cast["Bram"].gender == "male"  # from the names alone, before any pronoun is resolved


# --- issue 15: titles, stacked titles and offices before a name ---------------------------------

def test_stacked_titles_leave_the_person_a_two_word_full_name(run) -> None:
    text = ("Detective Inspector Oren Vasque knocked. Inspector Vasque waited on the step. "
            "Vasque knocked again, and the Inspector sighed.")
    cast = cast_of(run, text)
    assert len(cast) == 1, cast
    assert "Inspector Vasque" in next(iter(cast.values()))


def test_an_office_before_a_name_is_a_title(run) -> None:
    text = ("Director Imka Solberg read the report. Director Solberg frowned. "
            "Solberg put it down and the Director left.")
    cast = cast_of(run, text)
    assert len(cast) == 1, cast


def test_mr_joins_the_one_full_name_titled_only_by_rank(run) -> None:
    text = ("Commander Pavo Renk took the bridge. Mr. Renk, said the ensign, the tea is here. "
            "Mr. Renk drank it. Commander Pavo Renk smiled.")
    cast = cast_of(run, text)
    assert len(cast) == 1, cast


def test_miss_and_lady_with_one_given_name_are_one_woman(run) -> None:
    text = ("Lady Verel Ashmond walked in the garden. Lady Verel picked a rose. "
            "Miss Verel, called the gardener. Verel turned.")
    cast = cast_of(run, text)
    assert len(cast) == 1, cast


# --- issue 15: short and pet forms of a name ------------------------------------------------------

@pytest.mark.parametrize("short,long", [
    ("Wol", "Wolburga"), ("Linnie", "Linnavel"), ("Tessie", "Tess"), ("Mags", "Magrethe"),
    ("Dita", "Ardita"), ("Jali", "Anjali"), ("Thren", "Ithrennë"), ("Teddy", "Tedric")])
def test_short_and_pet_forms(short, long) -> None:
    from heartline.stages.characters import short_form_of
    assert short_form_of(short, long)


@pytest.mark.parametrize("short,long", [
    ("Ian", "Sebastian"), ("Ann", "Joann"), ("Mia", "Mia"), ("Tom", "Atom"), ("Bo", "Abbo")])
def test_not_short_forms(short, long) -> None:
    from heartline.stages.characters import short_form_of
    assert not short_form_of(short, long)


def test_a_short_form_joins_the_one_full_name_it_shortens(run) -> None:
    text = ("Wolburga Tenn lit the stove. Later Wol poured the tea and Wol laughed. "
            "Mirel Oast watched Wol from the door.")
    cast = cast_of(run, text)
    assert cast["Wolburga Tenn"] == ("Wol", "Wolburga Tenn"), cast
    assert len(cast) == 2


def test_a_short_form_of_two_names_stays_apart(run) -> None:
    text = ("Wolburga Tenn lit the stove. Wolfric Oast sat down. Wol laughed. Wol left.")
    cast = cast_of(run, text)
    assert ("Wol",) in cast.values(), cast


def test_a_word_of_kin_is_no_short_form(run) -> None:
    text = "Granville Oast read the paper. Gran knitted by the fire. Gran hummed a tune."
    cast = cast_of(run, text)
    assert ("Gran",) in cast.values(), cast


def test_doc_is_the_one_doctor(run) -> None:
    text = ("Dr. Ivo Marrish checked the bandage. Doc, said Tenna, will I live? "
            "Doc laughed and Doc packed his bag.")
    cast = cast_of(run, text)
    doctor = next(a for a in cast.values() if "Dr. Ivo Marrish" in a)
    assert "Doc" in doctor, cast


# --- issue 15: Mrs with a surname, middle names ------------------------------------------------

def test_mrs_joins_the_one_woman_of_that_surname_named_in_full(run) -> None:
    text = ("Odeline Pellin kept her shop. Mrs Pellin sold bread, and she counted it twice. "
            "Mrs Pellin smiled. Tom Reed bought a loaf from Mrs Pellin.")
    cast = cast_of(run, text)
    assert len(cast) == 2, cast


def test_mrs_stays_apart_from_a_daughter_called_by_her_given_name(run) -> None:
    text = ("Odeline Pellin kept the shop. Odeline laughed. Odeline ran out. "
            "Mrs Pellin sold bread, and she counted it twice. Mrs Pellin smiled.")
    cast = cast_of(run, text)
    assert ("Mrs Pellin",) in cast.values(), cast


def test_a_middle_name_joins_the_two_word_full_name(run) -> None:
    text = ("Gerd Anton Holloway signed the form. Gerd Holloway sat down. "
            "Mr. Holloway coughed, and Gerd Holloway looked up.")
    cast = cast_of(run, text)
    assert len(cast) == 1, cast


# --- issue 15: section headings are not speakers -----------------------------------------------

def test_a_heading_line_is_not_a_person(run) -> None:
    text = ("THE THIRD SPRING\n\nOrla Vantry walked to the well. She drew water.\n\n"
            "TUESDAY\n\nOrla Vantry walked back. She was tired.\n\n"
            "EXT. THE WELL - NIGHT\n\nOrla Vantry sat down.")
    cast = cast_of(run, text)
    assert list(cast) == ["Orla Vantry"], cast


# --- clustering: one person, one character (issue 15) -------------------------------------

_HEADER = "Rating: General Audiences\nFandom: Original Work\n{tags}\n\n* * *\n\n"


def test_relationship_tag_links_given_name_and_titled_surname(run) -> None:
    text = _HEADER.format(tags="Relationships: Corvin Tesk/Ysolde Oakhollow") + (
        '"Miss Oakhollow," said Corvin, "you are late." Ysolde laughed at him. '
        "Ysolde sat down by the fire. Corvin poured the tea for Miss Oakhollow.")
    cast = cast_of(run, text)
    assert cast["Ysolde Oakhollow"] == ("Miss Oakhollow", "Ysolde")


def test_stage_name_tag_gives_both_names_to_one_person(run) -> None:
    text = _HEADER.format(tags="Characters: Vireo | Pak Jiwan, Lark | Moon Sohee") + (
        '"Ready?" said Vireo. Jiwan had practised all night. Sohee laughed at him. '
        '"Always," said Lark. Jiwan bowed.')
    cast = cast_of(run, text)
    assert set(cast) == {"Pak Jiwan", "Moon Sohee"}
    assert cast["Pak Jiwan"] == ("Jiwan", "Vireo")
    assert cast["Moon Sohee"] == ("Lark", "Sohee")


def test_mrs_with_a_tagged_mans_surname_stays_apart(run) -> None:
    text = _HEADER.format(tags="Relationships: Tom Quarrender/Ysolde Oakhollow") + (
        "Tom walked to the shop. Mrs Quarrender waved at him. Ysolde laughed. Mrs Quarrender "
        "frowned at her.")
    cast = cast_of(run, text)
    assert "Mrs Quarrender" not in cast.get("Tom Quarrender", ())


@pytest.mark.parametrize("text,full,short", [
    ('"Hello," said Dorothea Thistlewood. Dot laughed at Tom. Dot smiled.', "Dorothea Thistlewood", "Dot"),
    ('"Hello," said Caspian Oddfellow. Kaz laughed at Mia. Kaz smiled.', "Caspian Oddfellow", "Kaz"),
    ('"Hello," said Brianna Holt. Bree laughed at Tom. Bree smiled.', "Brianna Holt", "Bree"),
])
def test_pet_form_by_table_or_by_sound_joins_its_full_name(run, text, full, short) -> None:
    cast = cast_of(run, text)
    assert short in cast[full]
    assert short not in cast


def test_pet_form_is_no_short_form_of_an_unrelated_name_after_sound_folding() -> None:
    from heartline.stages.characters import short_form_of
    assert short_form_of("Kaz", "Caspian")
    assert not short_form_of("Laz", "Larkspur")  # "Laz" is no "La-" + "s"


def test_womans_titled_given_name_joins_the_bare_given_name(run) -> None:
    text = "Miss Orlaith came in. Orlaith laughed at her own joke. Orlaith smiled at Tom."
    cast = cast_of(run, text)
    assert ("Miss Orlaith", "Orlaith") in cast.values()
    # a surname under "Miss" is not the bare name of the father
    text = "Miss Vantry came in. Vantry laughed at his own joke. Vantry smiled at Tom."
    assert ("Miss Vantry", "Vantry") not in cast_of(run, text).values()


def test_two_full_names_of_one_family_with_a_short_given_name_are_one_person(run) -> None:
    text = ("Lorenzo Ostrow was born in May. Years later, Ren Ostrow came home. Ren laughed at Mia. "
            "Ren sat down.")
    cast = cast_of(run, text)
    assert "Ren Ostrow" in cast["Lorenzo Ostrow"] and "Ren Ostrow" not in cast


def test_two_common_given_names_of_one_family_stay_two_people(run) -> None:
    text = ("Mr Henry Vastow died in May. Harry Vastow was four years old. Harry laughed at Mia. "
            "Harry sat down.")
    cast = cast_of(run, text)
    assert "Harry Vastow" not in cast.get("Henry Vastow", ())


@pytest.mark.parametrize("text,one,other", [
    ('Bibi—Bryony Osei, chief pilot—leaned on the hatch. "Move," said Bibi. Osei laughed at Tom.',
     "Bibi", "Osei"),
    ("Wei Lan (courtesy name Shuren) bowed. Later Wei Shuren smiled at Tom. Wei Lan sat down.",
     "Wei Lan", "Wei Shuren"),
    ('Zephrine Oakhollow, known as Moth to her friends, came in. "Hi," said Moth. Zephrine laughed at Tom.',
     "Zephrine Oakhollow", "Moth"),
])
def test_names_the_text_sets_side_by_side_as_one_persons_merge(run, text, one, other) -> None:
    cast = cast_of(run, text)
    assert any(one in aliases and other in aliases for aliases in cast.values()), cast


def test_two_single_names_across_a_dash_stay_two_people(run) -> None:
    text = 'Tom—Mia was already there—waved. "Hi," said Tom. Mia laughed at him.'
    cast = cast_of(run, text)
    assert not any("Tom" in aliases and "Mia" in aliases for aliases in cast.values())


def test_name_after_a_describing_word_joins_the_one_person_holding_it(run) -> None:
    text = ('"Hello," said Tamsel Pollard. Old Tam laughed at Mia. Tam sat down. '
            "Old Tam smiled at Mia.")
    cast = cast_of(run, text)
    assert any("Old Tam" in a and "Tamsel Pollard" in a for a in cast.values()), cast


def test_two_describing_words_before_one_name_are_two_people(run) -> None:
    text = ("Young Tam laughed at Old Tam. Old Tam frowned at Young Tam. Tamsel Pollard waved. "
            "Young Tam sat down.")
    cast = cast_of(run, text)
    assert not any("Old Tam" in a and "Young Tam" in a for a in cast.values()), cast


def test_his_grace_and_her_grace_go_to_the_unnamed_duke_and_duchess(run) -> None:
    text = ("The Duke rode in at dusk. The Duchess waited at the gate. Mia poured the wine. "
            "His Grace laughed at the jest. Her Grace frowned at Mia. The Duke sat down. The Duchess sighed.")
    cast = cast_of(run, text)
    assert not any("His Grace" in a and "Her Grace" in a for a in cast.values()), cast
    assert any("His Grace" in a and "Duke" in a for a in cast.values()), cast


# --- issue 15 (round 2): nicknames the text gives, a married title, a teasing "-chan" -----------

def test_a_nickname_given_to_him_joins_the_person_last_named_in_full(run) -> None:
    text = ("Mr. Velloran Quist taught us chemistry. He gave me a detention today. I hate him. "
            "Pim and I call him Wrenkle. 'Late again,' said Wrenkle.")
    cast = cast_of(run, text)
    assert any("Wrenkle" in a and "Mr. Velloran Quist" in a for a in cast.values()), cast


def test_a_nickname_given_to_her_never_joins_a_man(run) -> None:
    text = ("Mr. Velloran Quist taught us chemistry. He gave me a detention today. "
            "Pim and I call her Wrenkle. 'Late again,' said Wrenkle.")
    cast = cast_of(run, text)
    assert not any("Wrenkle" in a and "Mr. Velloran Quist" in a for a in cast.values()), cast


def test_a_kin_word_called_out_is_no_nickname(run) -> None:
    text = ("Mr. Velloran Quist taught us chemistry. I once called him Mum by mistake. "
            "Mum laughed about it at dinner.")
    cast = cast_of(run, text)
    assert not any("Mum" in a and "Mr. Velloran Quist" in a for a in cast.values()), cast


def test_a_short_form_of_a_family_name_is_the_man_not_his_mother(run) -> None:
    text = ("Tomas Brookfield wrote home. Mrs Brookfield read the letter aloud to the vicar. "
            '"Brook, you great ox," Pibble said to him. Brook laughed.')
    cast = cast_of(run, text)
    assert any("Brook" in a and "Tomas Brookfield" in a for a in cast.values()), cast
    assert not any("Brook" in a and "Mrs Brookfield" in a for a in cast.values()), cast


def test_a_teasing_chan_does_not_make_a_boy_a_girl(run) -> None:
    text = ('Ishiyama Renji served. "Nice, Ishi-chan!" said Ogino. "Ishi-chan, again!" '
            '"Ishi-chan is showing off," said Ogino. Ishiyama Renji grinned at his own hands. '
            '"Shut up," Ishi-chan said to him.')
    cast = cast_of(run, text)
    assert any("Ishi-chan" in a and "Ishiyama Renji" in a for a in cast.values()), cast


@pytest.mark.parametrize("text,word", [
    ('"Keep your Thursdays free," said Quenna to Brann. Thursdays were theirs. Brann laughed at Quenna.', "Thursdays"),
    ("Quenna and Brann were wed at Candlemas. Candlemas came cold that year. Brann kissed Quenna.", "Candlemas"),
])
def test_a_day_or_feast_is_never_a_character(run, text, word) -> None:
    cast = cast_of(run, text)
    assert not any(word in a for a in cast.values()), cast


def test_a_titled_surname_is_the_one_of_that_family_the_story_names_most(run) -> None:
    text = ("Idrena Penwarden came to the school with a letter: she is Morvoren Penwarden's daughter. "
            "Idrena worked hard. Idrena read late. Idrena slept little. "
            '"Miss Penwarden, go to bed," said Cassia. Idrena laughed at Cassia.')
    cast = cast_of(run, text)
    assert any("Miss Penwarden" in a and "Idrena Penwarden" in a for a in cast.values()), cast


def test_mr_with_the_surname_is_not_a_woman_named_in_full(run) -> None:
    # the given name is in no table: only "her" beside the bare "Ysolde" shows she is a woman
    text = ("Ysolde Vask came down to breakfast. Ysolde rubbed her eyes. "
            "Mr. Vask read his paper. Ysolde shook her head. Mr. Vask did not look up. "
            "Ysolde folded her napkin and left the room.")
    cast = {c.name: c for c in run(text)["cast"].characters}
    assert set(cast) == {"Ysolde Vask", "Mr. Vask"}
    assert cast["Ysolde Vask"].gender == "female"
    assert cast["Mr. Vask"].gender == "male"


def test_a_bare_surname_goes_to_mr_not_to_the_woman_named_in_full(run) -> None:
    text = ("Ysolde Vask came down to breakfast. Ysolde rubbed her eyes. "
            "Mr. Vask read his paper. Ysolde shook her head. Mr. Vask did not look up. "
            "Vask turned a page. Ysolde folded her napkin and left the room.")
    assert cast_of(run, text) == {"Ysolde Vask": ("Ysolde", "Ysolde Vask"), "Mr. Vask": ("Mr. Vask", "Vask")}


def test_miss_with_the_surname_is_not_a_man_named_in_full(run) -> None:
    text = ("Orrin Pell rode into town. Orrin rubbed his eyes. "
            "Miss Pell met them at the gate. Orrin shook his head. Miss Pell smiled. "
            "Orrin tipped his hat and dismounted.")
    cast = {c.name: c for c in run(text)["cast"].characters}
    assert set(cast) == {"Orrin Pell", "Miss Pell"}
    assert cast["Orrin Pell"].gender == "male"


def test_miss_and_the_family_name_is_the_eldest_not_the_sister_called_by_her_given_name(run) -> None:
    # "the Miss Vantreens" are several; "Miss Orla" is a younger one, so "Miss Vantreen" is not her
    text = ("The Miss Vantreens came to the ball. Orla Vantreen wore blue. Miss Vantreen wore grey and "
            "spoke to nobody. \"Miss Orla, will you dance?\" asked Tam Reddick. Orla laughed. "
            "Miss Vantreen frowned at her sister. Orla danced with Tam.")
    cast = cast_of(run, text)
    orla = next(aliases for name, aliases in cast.items() if "Orla" in aliases)
    assert "Miss Vantreen" not in orla
    assert "Miss Orla" in orla
    assert any("Miss Vantreen" in aliases for aliases in cast.values())


def test_an_only_daughter_may_be_miss_and_her_given_name_and_miss_and_the_family_name(run) -> None:
    # no plural family in the text: "Miss Orla" and "Miss Vantreen" are the one daughter
    text = ("Orla Vantreen came to the ball. Miss Vantreen wore grey. \"Miss Orla, will you dance?\" "
            "asked Tam Reddick. Orla laughed. Miss Vantreen danced with Tam.")
    cast = cast_of(run, text)
    orla = next(aliases for name, aliases in cast.items() if "Orla" in aliases)
    assert "Miss Vantreen" in orla


def test_a_short_form_said_under_miss_joins_the_full_name(run) -> None:
    text = ("\"I shall walk,\" said Petrusine Bellcombe, and she went to the harbour. \"Good morning, Miss "
            "Trusie,\" said the porter. Trusie smiled at him. Trusie shook her head.")
    cast = cast_of(run, text)
    assert set(cast["Petrusine Bellcombe"]) >= {"Petrusine Bellcombe", "Miss Trusie", "Trusie"}


def test_an_office_said_alone_is_the_person_the_text_names_with_it(run) -> None:
    text = ("The governor came aboard at noon.\n\nHis name was Pettigrew. He was very polite.\n\n"
            "\"Good day, Governor,\" said Odette Quennick. Pettigrew nodded to her.")
    cast = cast_of(run, text)
    assert "Governor" in cast["Pettigrew"]
    text = ("Staff on duty:\n - Dr. Orla Fenwick, Director\n - Tam Reddick, cook\n\n"
            "\"Is the Director in?\" asked Tam Reddick. Orla Fenwick laughed. \"Director!\" he called.")
    cast = cast_of(run, text)
    fenwick = next(aliases for name, aliases in cast.items() if "Orla Fenwick" in aliases)
    assert "Director" in fenwick


def test_an_office_after_a_name_in_a_quote_is_said_to_someone_else(run) -> None:
    # "…think well of Odette Quennick, Governor," is said to the governor about Odette
    text = ("\"I tried to think well of Odette Quennick, Governor,\" the cook said. The Governor frowned. "
            "\"Governor, sit down,\" said Tam Reddick. Odette Quennick was dead.")
    cast = cast_of(run, text)
    assert all("Governor" not in aliases for name, aliases in cast.items() if "Odette Quennick" in aliases)


def test_the_name_followed_by_a_full_name_opening_the_next_sentence_is_that_person(run) -> None:
    text = ("Brannoch Ives lit the lamps at dusk. The Lamplighter came up from the quay at nine. "
            "He always did. Idwal Vantle had worked the crossing for thirty years and never once been late. "
            "\"Evening,\" said Brannoch Ives. The Lamplighter nodded and sat down by the fire.")
    cast = cast_of(run, text)
    assert "Lamplighter" in cast["Idwal Vantle"]
    assert "Lamplighter" not in cast["Brannoch Ives"]


def test_the_name_said_beside_the_full_name_stays_another_person(run) -> None:
    # the two are named in one sentence: two people, whatever follows
    text = ("The Lamplighter came up from the quay at nine. Idwal Vantle was waiting for him. "
            "Idwal Vantle paid the Lamplighter in copper. The Lamplighter left.")
    cast = cast_of(run, text)
    assert "Lamplighter" not in cast.get("Idwal Vantle", ())


def test_the_name_pointing_to_two_different_full_names_joins_neither(run) -> None:
    text = ("The Lamplighter came up from the quay. Idwal Vantle had worked the crossing for years. "
            "The Lamplighter sat down. Wenna Orde had brought the bread.")
    cast = cast_of(run, text)
    assert "Lamplighter" not in cast.get("Idwal Vantle", ()) and "Lamplighter" not in cast.get("Wenna Orde", ())


def test_second_nickname_called_after_and_joins_the_person(run) -> None:
    text = ("Captain Ysolde Dunnet stood at the rail.\n\n"
            "She was forty, and grey at the temples. The crew called her Linnet at table and the Heron "
            "on deck. The Heron had never lost a ship.\n\n\"The Heron wants you,\" said Bran Dorrin. "
            "The Heron laughed at him.")
    cast = cast_of(run, text)
    assert "Heron" in cast["Ysolde Dunnet"] or "Heron" in cast.get("Captain Ysolde Dunnet", ())


def test_family_name_first_takes_the_given_names_gender_prior(run) -> None:
    # "Sugawa" ends in -a, but it is the family name ("Sugawa-san"): "Sugawa Renji" is no woman
    text = ("Sugawa Renji came in from the rain. \"Sugawa-san!\" Mori-kun called. Sugawa waved. "
            "Sugawa-san sat down and Mori-kun brought tea. Sugawa laughed.")
    cast = {c.name: c for c in run(text)["cast"].characters}
    assert cast["Sugawa Renji"].gender != "female"


_SAID_A_PLACE = ("Ivo said that Quellmoor, the old port town, slept under the fog. Quellmoor woke at dawn. "
                 "Ysolde met us on the quay and Ivo waved. Ysolde laughed.")
_SAID_A_PLACE_BY_BE = "Quellmoor was a quiet place. Quellmoor slept. Ivo met Quellmoor's mayor. Ysolde laughed."


def test_a_name_said_to_be_a_place_by_an_apposition_is_no_character(run) -> None:
    result = run(_SAID_A_PLACE)
    names = [c.name for c in result["cast"].characters]
    assert "Quellmoor" not in names and {"Ivo", "Ysolde"} <= set(names)
    assert "Quellmoor" not in [c.name for c in run(_SAID_A_PLACE_BY_BE)["cast"].characters]


def test_the_said_place_vote_is_off_with_its_switch_and_spares_a_titled_name(run, monkeypatch) -> None:
    from heartline.stages import characters
    monkeypatch.setattr(characters, "_SAID_PLACE", False)
    # (a text of its own: ``run`` caches results by text)
    assert "Quellmoor" in [c.name for c in run(_SAID_A_PLACE + "\n")["cast"].characters]
    assert "Quellmoor" in [c.name for c in run(_SAID_A_PLACE_BY_BE + "\n")["cast"].characters]
    monkeypatch.setattr(characters, "_SAID_PLACE", True)
    text = "Ivo read the notice of the chapel (Rev. Brannoch Vale) on the wall. Ysolde laughed."
    assert any("Brannoch" in c.name for c in run(text)["cast"].characters)
