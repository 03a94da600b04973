"""Speakers the speech tag describes but who are no character ("said the old man")."""
from __future__ import annotations

import pytest

from heartline.stages.speakers import described_id, description_key


def quotes(run, text: str) -> list[tuple[str, str | None, str]]:
    return [(q.text, q.speaker, q.speaker_description) for q in run(text)["speakers"]]


def test_description_key_leaves_out_articles_and_case() -> None:
    assert description_key("The old man") == description_key("an old man") == "old man"
    assert described_id(2, "the old man") == described_id(2, "An old man") != described_id(3, "the old man")


@pytest.mark.parametrize("text, described", [
    ('Orla Vane walked to the well.\n\n"The water is low this year," said the old ferryman.', "the old ferryman"),
    ('Orla Vane walked to the well.\n\n"The water is low this year," his mother replied.', "his mother"),
    ('Orla Vane walked to the well. The stranger said, "The water is low this year."', "the stranger"),
])
def test_a_described_tag_subject_speaks_as_a_description(run, text, described) -> None:
    got = quotes(run, text)
    assert got[-1][1] is None
    assert got[-1][2] == described


def test_a_character_tag_keeps_its_speaker_and_no_description(run) -> None:
    got = quotes(run, 'Orla Vane walked to the well.\n\n"The water is low," said Orla.')
    assert got == [("The water is low,", "orla_vane", "")]


def test_a_voice_or_a_note_is_no_described_speaker(run) -> None:
    got = quotes(run, 'Orla Vane walked to the well.\n\n"Beware," said the note.')
    assert got[0][2] == ""


def test_a_pronoun_tag_after_a_described_speaker_is_that_speaker(run) -> None:
    text = ('Orla Vane waited at the ferry.\n\n'
            '"Are you crossing tonight?" asked the old ferryman, lifting his lantern.\n\n'
            '"If you will take me," Orla said.\n\n'
            '"Two coins," he said.')
    got = quotes(run, text)
    assert got[0][1:] == (None, "the old ferryman")
    assert got[1][1] == "orla_vane"
    assert got[2][1:] == (None, "the old ferryman")


def test_the_analysis_json_carries_the_description(analyse) -> None:
    analysis = analyse('Orla Vane walked to the well.\n\n"The water is low this year," said the old ferryman.')
    row = analysis.to_json()["quotes"][0]
    assert row["speaker"] is None and row["speaker_description"] == "the old ferryman"


def test_the_same_description_in_the_narration_carries_a_later_pronoun_tag(run) -> None:
    text = ('Orla Vane waited at the ferry.\n\n'
            '"Crossing tonight?" asked the old ferryman.\n\n'
            '"If you will take me," Orla said.\n\n'
            'The old ferryman spat into the river and looked at the sky for a long while.\n\n'
            '"Two coins," he said.')
    got = quotes(run, text)
    assert got[-1][1:] == (None, "the old ferryman")


def test_descriptions_in_two_scenes_are_two_speakers(run) -> None:
    from heartline.stages.speakers import describe_speakers

    text = ('Orla Vane waited at the ferry.\n\n"Crossing tonight?" asked the old ferryman.\n\n* * *\n\n'
            'Orla Vane came back at dawn.\n\n"Crossing again?" asked the old ferryman.')
    r = run(text)
    found = describe_speakers(r["document"], r["quote_spans"], r["mentions"], r["coref"])
    assert len(set(found.links.values())) == 2


def test_a_capitalised_title_is_left_to_the_characters(run) -> None:
    got = quotes(run, 'Orla Vane bowed.\n\n"Rise," said the High Warden.')
    assert got[0][2] == ""


def test_a_same_paragraph_pronoun_tag_is_the_rules_reading_for_the_scorer(run) -> None:
    from heartline.stages.speaker_features import speaker_records
    from heartline.stages.speakers import describe_speakers, rule_speakers, with_described

    text = 'Ann sat with Mia by the fire.\n\n"Thanks," she said, and Mia nodded. "Do not wait," she added.'
    r = run(text)
    found = describe_speakers(r["document"], r["quote_spans"], r["mentions"], r["coref"])
    mentions, coref = with_described(r["mentions"], r["cast"], r["coref"], found)
    rules = rule_speakers(r["document"], r["quote_spans"], mentions, r["cast"], coref)
    assert [q.speaker for q in rules] == ["ann", "ann"]
    records = speaker_records(r["document"], r["quote_spans"], mentions, r["cast"], coref, rules)
    second = {rec.candidate: rec for rec in records if rec.quote == 1}
    assert second["ann"].feature("tag_subject") == 1.0
    assert second["ann"].feature("pronoun_tag_same_para_speaker") == 1.0


def test_a_pronoun_tag_offers_no_candidate_of_the_other_gender(run) -> None:
    from heartline.stages.speaker_features import speaker_records
    from heartline.stages.speakers import describe_speakers, rule_speakers, with_described

    text = ('Tom Reed and Ann Vale walked home.\n\n"Stay," Ann said. Tom smiled at her, and Ann laughed.'
            ' "I cannot," he said.')
    r = run(text)
    found = describe_speakers(r["document"], r["quote_spans"], r["mentions"], r["coref"])
    mentions, coref = with_described(r["mentions"], r["cast"], r["coref"], found)
    rules = rule_speakers(r["document"], r["quote_spans"], mentions, r["cast"], coref)
    records = speaker_records(r["document"], r["quote_spans"], mentions, r["cast"], coref, rules, drop_unfit=True)
    assert {rec.candidate for rec in records if rec.quote == 1} == {"tom_reed"}
    assert [q.speaker for q in r["speakers"]] == ["ann_vale", "tom_reed"]


def _described(run, text: str) -> list[tuple[str, str]]:
    from heartline.stages.speakers import describe_speakers

    r = run(text)
    found = describe_speakers(r["document"], r["quote_spans"], r["mentions"], r["coref"])
    return [(m.text, found.links[m.index]) for m in found.mentions]


_TRAIN = 'Orla Vane sat alone on the night train to the coast.\n\n'


def test_a_person_the_narration_describes_before_talk_speaks_as_that_description(run, monkeypatch) -> None:
    monkeypatch.setenv("HEARTLINE_SPEAKERS", "rules")
    text = _TRAIN + ('The girl across the aisle looked up from her book.\n\n"Are you going to the sea too?"\n\n'
                     '"I am," Orla said.')
    assert _described(run, text) == [("The girl", described_id(0, "girl"))]
    got = quotes(run, text)
    assert got[0][1:] == (None, "the girl")
    assert got[1][1] == "orla_vane"


def test_one_scene_s_descriptions_with_one_head_noun_are_one_speaker(run) -> None:
    text = _TRAIN + 'The young girl across the aisle looked up. The girl smiled.\n\n"Are you going to the sea too?"'
    assert {cid for _, cid in _described(run, text)} == {described_id(0, "girl")}


@pytest.mark.parametrize("narration", [
    "The girls across the aisle looked up from their books.",  # several people: no one speaker
    "Her neighbour across the aisle looked up from a book.",  # described through someone else
    "Each woman across the aisle looked up from a book.",  # no article: anyone of them
])
def test_no_described_speaker_from_a_plural_a_possessive_or_no_article(run, narration) -> None:
    assert _described(run, _TRAIN + narration + '\n\n"Are you going to the sea too?"') == []


def test_a_description_far_from_talk_is_no_speaker(run) -> None:
    text = ('The gatekeeper slept in his hut all through the winter.\n\nSnow fell on the road for a week.\n\n'
            'Orla Vane rode past on the third day.\n\n"Open up," Orla said.')
    assert _described(run, text) == []


_KIN = ('Mr. Aldwin Talley came home late from the mill. {other} had gone up to bed an hour before. '
        'He sat down by the fire and pulled off his boots.\n\n"You are late again," said his wife from the stairs.')


def test_a_kin_description_is_the_one_of_the_possessors_family_name(run) -> None:
    got = quotes(run, _KIN.format(other="Mrs. Talley"))
    assert got[-1][1:] == ("mrs_talley", "")


@pytest.mark.parametrize("other", ["Wenna Crale", "Mr. Edric Talley"])
def test_a_kin_description_with_no_one_of_that_family_name_and_gender_stays_described(run, other) -> None:
    got = quotes(run, _KIN.format(other=other))
    assert got[-1][1:] == (None, "his wife")


def test_a_resolved_kin_description_keeps_no_described_speaker(run) -> None:
    from heartline.stages.speakers import DESCRIBED, describe_speakers

    r = run(_KIN.format(other="Mrs. Talley"))
    found = describe_speakers(r["document"], r["quote_spans"], r["mentions"], r["coref"])
    assert "mrs_talley" in found.links.values()
    assert not any(v.startswith(DESCRIBED) for v in found.links.values()) and not found.text


_TITLED = ('Dr. Aldwin Talley unlocked the surgery at nine. {other} was already waiting on the bench.\n\n'
           '"Come in and sit down," said the doctor.')


def test_a_title_description_is_the_one_character_of_that_title(run) -> None:
    got = quotes(run, _TITLED.format(other="Wenna Crale"))
    assert got[-1][1:] == ("aldwin_talley", "")


def test_a_title_two_characters_hold_stays_described(run) -> None:
    got = quotes(run, _TITLED.format(other="Dr. Wenna Crale"))
    assert got[-1][1:] == (None, "the doctor")


# Invented: a woman and a man by name, then a tag that describes its speaker ("said the girl").
_GIRL = ('Ann Vale and Tom Reed waited by the gate. Tom Reed checked the lock.\n\n'
         '"The key is gone," said the girl.')


def test_a_described_tag_marks_the_named_candidates_of_its_gender(run) -> None:
    from heartline.stages.speaker_features import speaker_records
    from heartline.stages.speakers import DESCRIBED, describe_speakers, rule_speakers, with_described

    r = run(_GIRL)
    found = describe_speakers(r["document"], r["quote_spans"], r["mentions"], r["coref"])
    mentions, coref = with_described(r["mentions"], r["cast"], r["coref"], found)
    rules = rule_speakers(r["document"], r["quote_spans"], mentions, r["cast"], coref)
    records = speaker_records(r["document"], r["quote_spans"], mentions, r["cast"], coref, rules)
    by = {rec.candidate: rec for rec in records if rec.quote == 0}
    assert by["ann_vale"].feature("described_gender_fits") == 1.0  # a woman: she may be "the girl"
    assert by["tom_reed"].feature("described_gender_fits") == 0.0  # a man is not
    assert [c for c in by if c.startswith(DESCRIBED) and by[c].feature("described_gender_fits")] == []


def test_a_named_tag_marks_no_candidate_as_a_description_s(run) -> None:
    from heartline.stages.speaker_features import speaker_records

    r = run(_GIRL.replace("said the girl", "said Ann"))
    records = speaker_records(r["document"], r["quote_spans"], r["mentions"], r["cast"], r["coref"], r["speakers"])
    assert records and all(rec.feature("described_gender_fits") == 0.0 for rec in records)


_FERRY = 'Orla Vane and Tobin Marsh reached the river at dusk.\n\n{narration}\n\n"Two coins each," {tag}.'


def _tag_pronoun_link(run, text: str) -> str | None:
    """Whom the speakers stage gives the narration's last he/she (the speech tag's pronoun)."""
    from heartline.stages.speakers import describe_speakers

    r = run(text)
    found = describe_speakers(r["document"], r["quote_spans"], r["mentions"], r["coref"])
    tag = [m for m in r["mentions"].items if m.kind == "pronoun" and m.quote is None][-1]
    return found.links.get(tag.index)


def test_a_described_subject_of_no_known_gender_just_before_takes_the_tag_pronoun(run) -> None:
    text = _FERRY.format(narration="The ferryman stood on the jetty, coiling a rope.", tag="he told them")
    assert _tag_pronoun_link(run, text) == described_id(0, "ferryman")


def test_a_him_between_keeps_the_tag_pronoun_off_the_description(run) -> None:
    text = _FERRY.format(narration="The ferryman stood on the jetty and waved him aboard.", tag="he said")
    assert _tag_pronoun_link(run, text) != described_id(0, "ferryman")


def test_a_description_of_no_known_gender_farther_back_takes_no_tag_pronoun(run) -> None:
    text = _FERRY.format(narration="The ferryman stood on the jetty. Orla paid and climbed into the boat.",
                         tag="he said")
    assert _tag_pronoun_link(run, text) != described_id(0, "ferryman")


def test_a_child_just_before_takes_no_tag_pronoun(run) -> None:
    text = ('Orla Vane sat up with the sick boy all night.\n\nThe child slept at last in the cot by the stove.\n\n'
            '"Hush now," she whispered.')
    assert _tag_pronoun_link(run, text) != described_id(0, "child")


# Invented: a described speaker, then narration whose he may pass on to someone a person noun brings in.
_FERRY_HILL = ('Orla Vane waited at the ferry.\n\n"Crossing tonight?" asked the old ferryman.\n\n'
          '{middle}He walked slowly up the hill and sat down on the wall.')


def _pronoun_links(run, text: str) -> list[str | None]:
    """The described speaker (or None) each narration he/she of ``text`` is given by ``describe_speakers``."""
    from heartline.stages.speakers import describe_speakers

    r = run(text)
    found = describe_speakers(r["document"], r["quote_spans"], r["mentions"], r["coref"])
    return [found.links.get(m.index) for m in r["mentions"].items
            if m.kind == "pronoun" and m.quote is None and m.text.lower() in ("he", "she")]


def test_a_he_after_the_described_speaker_is_that_speaker(run) -> None:
    links = _pronoun_links(run, _FERRY_HILL.format(middle=""))
    assert links and links[-1] is not None and "ferryman" in links[-1]


@pytest.mark.parametrize("middle", [
    "The boy had listened to every word.\n\n",
    "There was a young clerk who had listened to every word.\n\n",
])
def test_a_person_noun_between_stops_the_chain_to_a_described_speaker(run, middle) -> None:
    # "the boy" (a subject) and "a young clerk" (brought in by "there was") are the newest people the he may
    # stand for: it is not handed to the ferryman, whom coreference could not give it either
    links = _pronoun_links(run, _FERRY_HILL.format(middle=middle))
    assert links and links[-1] is None


_TINKER = ('Tam Rusk mended the fence by the road.\n\n"Any pots to mend?" asked the old tinker.\n\n'
           '"Not today," said Tam.\n\n{middle}')


def _narration_pronouns(run, text: str) -> list[tuple[str, str | None, str | None]]:
    """(word, described person, final character link) of each narration he/his of ``text``: the described
    person as ``describe_speakers`` follows a he/she to them, or ``described_owners`` a his/her."""
    from heartline.stages.speakers import describe_speakers, described_owners

    r = run(text)
    found = describe_speakers(r["document"], r["quote_spans"], r["mentions"], r["coref"])
    owned = described_owners(r["document"], r["mentions"], found)
    return [(m.text, found.links.get(m.index) or owned.get(m.index), r["links"].links.get(m.index))
            for m in r["mentions"].items
            if m.kind == "pronoun" and m.quote is None and m.text.lower() in ("he", "his")]


def test_a_possessive_in_a_described_subject_s_clause_is_that_person_s(run) -> None:
    got = _narration_pronouns(run, _TINKER.format(middle="The old tinker shouldered his pack."))
    assert got and got[-1][0] == "his" and got[-1][1] is not None and "tinker" in got[-1][1]
    assert got[-1][2] is None  # the links give the tinker's pack to no character


def test_a_possessive_in_a_named_subject_s_clause_stays_with_coreference(run) -> None:
    got = _narration_pronouns(run, _TINKER.format(middle="Tam shouldered his pack."))
    assert got and got[-1][0] == "his" and got[-1][1] is None and got[-1][2] == "tam_rusk"


def test_the_links_leave_a_he_followed_to_a_described_speaker_to_no_character(run) -> None:
    got = _narration_pronouns(run, _TINKER.format(middle="The old tinker nodded. He walked slowly up the hill."))
    assert got and got[-1][0] == "He" and got[-1][1] is not None and "tinker" in got[-1][1]
    assert got[-1][2] is None


def test_a_character_named_since_the_description_keeps_coreference_s_he(run) -> None:
    # the description may be a named character's: once coreference's pick for the he is named between the
    # description and the he, the he stays with coreference; a pick not named since is left out
    from dataclasses import replace

    from heartline.stages.coref import described_pronouns

    def left_out(middle: str) -> bool:
        r = run(_TINKER.format(middle=middle))
        he = [m for m in r["mentions"].items if m.text == "He" and m.quote is None][-1]
        coref = replace(r["coref"], links={**r["coref"].links, he.index: "tam_rusk"})
        return he.index in described_pronouns(r["document"], r["mentions"], coref, r["quote_spans"])

    assert not left_out("The old tinker bowed to Tam. He walked slowly up the hill.")
    assert left_out("The old tinker bowed low. He walked slowly up the hill.")



def test_the_links_follow_a_described_person_far_from_talk_where_the_speakers_do_not(run) -> None:
    # the speakers stage seeds described people only near talk; the links, which give no one a speech, read
    # them anywhere in a story: the he is the sailor's, not Tam's
    from heartline.stages.speakers import describe_speakers

    text = ('Tam Rusk mended the fence by the road.\n\nThe old sailor limped past the gate. He whistled a tune.\n\n'
            'The sun went down over the hills.\n\n"Done," said Tam.')
    r = run(text)
    he = [m for m in r["mentions"].items if m.text == "He" and m.quote is None][-1]
    assert r["coref"].links.get(he.index) == "tam_rusk"
    assert r["links"].links.get(he.index) is None
    near_talk_only = describe_speakers(r["document"], r["quote_spans"], r["mentions"], r["coref"])
    assert he.index not in near_talk_only.links


def test_narration_subjects_walk_the_subjects_only_outside_quotes_and_uncovered(run) -> None:
    from heartline.stages.speakers import _narration_subjects
    from heartline.tokens import is_subject

    text = ('Orla Vane crossed the yard. The ferryman nodded.\n\n'
            '"The tide turns soon," the ferryman said. "We sail at dawn."')
    r = run(text)
    document, spans = r["document"], r["quote_spans"]

    def covered(tok) -> bool:  # as a character's mention would cover her name
        return tok.text in ("Orla", "Vane")

    got = [t.text for t in _narration_subjects(document, spans, covered)]
    inside = [(q.start, q.end) for q in spans]
    every = [t.text for t in document.tokens if is_subject(t) and not covered(t)
             and not any(s <= t.start < e for s, e in inside)]
    assert got == every  # the document's subject memo gives what a walk over every token gives
    assert got == ["ferryman", "ferryman"]  # not the quotes' "tide" / "We", not the covered name


# Invented: a described person whose noun tells no sex ("the pilot"), shown a man or a woman by the his / her of
# clauses the description is the subject of (``speakers._own_clause_genders``).
_PILOT = ('Ysolde Hadrik waited on the quay at dusk.\n\n'
          '"The tide turns within the hour," said the pilot.\n\n'
          '{narration}\n\n'
          '"Then we sail at once," she said.')


def _described_pilot(run, text: str):
    from heartline.stages.speakers import describe_speakers

    r = run(text)
    return describe_speakers(r["document"], r["quote_spans"], r["mentions"], r["coref"]), r


@pytest.mark.parametrize("narration, gender", [
    ("The pilot buttoned his coat. The pilot lit his pipe.", "male"),
    ("The pilot buttoned her coat. The pilot lit her pipe.", "female"),
    ("The pilot buttoned his coat.", "unknown"),  # one his may be another's: two at least
    ("The pilot buttoned his coat. The pilot lit her pipe.", "unknown"),  # they disagree
])
def test_a_described_person_s_gender_is_read_from_the_possessives_of_their_own_clauses(run, narration,
                                                                                       gender) -> None:
    found, _ = _described_pilot(run, _PILOT.format(narration=narration))
    assert found.genders[described_id(0, "pilot")] == gender


def test_a_possessive_inside_the_description_gives_it_no_gender(run) -> None:
    text = ('Ysolde Hadrik waited on the quay at dusk.\n\n"The tide turns within the hour," said her pilot.\n\n'
            'Her pilot buttoned the coat. Her pilot lit the pipe.')
    found, _ = _described_pilot(run, text)
    assert found.genders[described_id(0, "her pilot")] == "unknown"


def test_a_described_man_takes_no_she_said_just_after_him(run) -> None:
    text = _PILOT.format(narration="The pilot buttoned his coat and lit his pipe on the quay.\n\n"
                                   "The pilot stood at the rail.")
    found, r = _described_pilot(run, text)
    she = [m for m in r["mentions"].items if m.kind == "pronoun" and m.quote is None and m.text == "she"][-1]
    assert found.genders[described_id(0, "pilot")] == "male"
    assert found.links.get(she.index) != described_id(0, "pilot")


# Invented: a description the narration says of a name (apposition or "be") before the tag that uses it.
_APPOSED = ('Orla Vane waited at the ferry. {tie}\n\n'
            '"Crossing tonight?" asked the old ferryman.\n\n'
            '"If you will take me," Orla said.')


@pytest.mark.parametrize("tie", [
    "Haddo Yarrick, the old ferryman, lit his lantern.",
    "The old ferryman, Haddo Yarrick, lit his lantern.",
    "Haddo Yarrick was an old ferryman with a crooked back.",
])
def test_a_description_the_narration_says_of_a_name_is_that_character(run, tie) -> None:
    got = quotes(run, _APPOSED.format(tie=tie))
    assert got[0][1:] == ("haddo_yarrick", "")


@pytest.mark.parametrize("tie", [
    "Haddo Yarrick lit his lantern.",  # no tie: the ferryman may be anyone
    "Haddo Yarrick, the old ferryman, lit his lantern. Bram Yarrick was an old ferryman too.",  # two tied
    '"Haddo Yarrick is the old ferryman," Orla said.',  # a tie said in talk is only what a speaker says
])
def test_a_description_tied_to_no_one_or_to_two_stays_described(run, tie) -> None:
    got = quotes(run, _APPOSED.format(tie=tie))
    assert got[-2][1:] == (None, "the old ferryman")


def test_a_he_followed_to_a_description_tied_to_a_name_is_that_name_s(run) -> None:
    from heartline.stages.coref import described_pronouns

    text = _APPOSED.replace("ferryman", "man").format(tie="Haddo Yarrick, the old man, lit his lantern.") + \
        '\n\nHe walked slowly down to the boat.'
    r = run(text)
    he = [m for m in r["mentions"].items if m.text == "He" and m.quote is None][-1]
    assert described_pronouns(r["document"], r["mentions"], r["coref"], r["quote_spans"]).get(he.index) \
        == "haddo_yarrick"
    assert r["coref"].links.get(he.index) == "haddo_yarrick"
