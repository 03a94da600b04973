"""Stages ``coref`` and ``speech_coref``: which character each pronoun and epithet means."""
from __future__ import annotations

import pytest


def test_subject_pronoun_after_a_named_object_of_the_other_gender(run, resolves_to) -> None:
    result = run("Tom saw Mia. She smiled.")
    assert resolves_to(result, "She") == "mia"


@pytest.mark.parametrize("text", [
    "Rex entered. Tom looked at him.",
    "Tom entered the room. Rex followed. Tom looked at him.",
    "Tom and Rex talked. Tom looked at him.",
])
def test_object_pronoun_is_not_the_subject_of_its_own_clause(run, resolves_to, text) -> None:
    assert resolves_to(run(text), "him") == "rex"


def test_object_pronoun_binding_for_her(run, resolves_to) -> None:
    assert resolves_to(run("Mia and Ann talked. Mia smiled at her."), "her") == "ann"


def test_reflexive_is_the_subject(run, resolves_to) -> None:
    assert resolves_to(run("Tom looked at himself in the mirror."), "himself") == "tom"


def test_possessive_and_subject_pronouns_follow_the_lone_subject(run, resolves_to) -> None:
    result = run("Tom rubbed his eyes. He yawned.")
    assert resolves_to(result, "his") == "tom"
    assert resolves_to(result, "He") == "tom"


def test_pronouns_of_two_genders_go_to_the_right_people(run, resolves_to) -> None:
    result = run("Mia smiled at Tom. She was happy to see him. He grinned at her.")
    assert [resolves_to(result, p) for p in ("She", "him", "He", "her")] == ["mia", "tom", "tom", "mia"]


def test_epithet_goes_to_the_person_just_seen(run, resolves_to) -> None:
    result = run("Tom walked in. The tall boy smiled at Mia.")
    assert resolves_to(result, "The tall boy") == "tom"


def test_pronoun_after_a_scene_break_when_there_is_one_person(run, resolves_to) -> None:
    result = run("Tom left the house.\n\n* * *\n\nHe walked for hours.")
    assert resolves_to(result, "He") == "tom"


def test_first_and_second_person_in_speech_are_speaker_and_addressee(run, resolves_to) -> None:
    result = run('"I love you, Tom," Mia said.')
    assert resolves_to(result, "I") == "mia"
    assert resolves_to(result, "you") == "tom"


def test_third_person_in_speech_is_someone_talked_about(run, resolves_to) -> None:
    result = run('Mia came in late. Tom frowned.\n\n"She is always late," Tom said.')
    assert resolves_to(result, "She") == "mia"


def test_third_person_in_speech_is_neither_speaker_nor_addressee(run, resolves_to) -> None:
    result = run('Rex left early. Mia and Ann sat down.\n\n"He is rude," Mia told Ann.')
    assert resolves_to(result, "He") == "rex"


def test_narration_coref_leaves_speech_pronouns_to_speech_coref(run) -> None:
    result = run('"I love you, Tom," Mia said.')
    inside = [m.index for m in result["mentions"].items if m.quote is not None and m.kind == "pronoun"]
    assert inside and not any(i in result["coref"].links for i in inside)
    assert all(i in result["links"].links for i in inside)


_ANSWERED = ('Ann sat by the window. Mia came in.\n\n"Hello, Ann," Mia said.\n\n'
             '"You are late," she said. She frowned at the clock.')


def test_speech_tag_pronoun_fixed_by_turn_taking_carries_into_the_narration(run, resolves_to) -> None:
    # the narration alone would give "she" to Mia, the last subject; the conversation says Ann
    # answers, and the sentence after the tag goes on about Ann
    result = run(_ANSWERED)
    assert [q.speaker for q in result["speakers"]] == ["mia", "ann"]
    assert resolves_to(result, "she") == "ann"
    assert resolves_to(result, "She") == "ann"


def test_speech_tag_pronoun_fixed_by_the_rules_speakers_carries_into_the_narration(run, resolves_to,
                                                                                   monkeypatch) -> None:
    monkeypatch.setenv("HEARTLINE_SPEAKERS", "rules")
    result = run(_ANSWERED)
    assert [q.speaker for q in result["speakers"]] == ["mia", "ann"]
    assert resolves_to(result, "she") == "ann"
    assert resolves_to(result, "She") == "ann"


def test_the_narration_read_again_after_an_overruled_tag_keeps_the_trained_scorer(run, monkeypatch) -> None:
    from heartline.stages import coref

    monkeypatch.setenv("HEARTLINE_SPEAKERS", "rules")  # the speakers that overrule the tag's "she" (above)
    result = run(_ANSWERED)
    marker = object()
    used = []
    real = coref._resolve_once

    def spy(*args, **kwargs):
        used.append(kwargs.get("scorer"))
        return real(*args, **{**kwargs, "scorer": None})

    monkeypatch.setattr(coref, "pronoun_scorer", lambda: marker)
    monkeypatch.setattr(coref, "_resolve_once", spy)
    coref.resolve_speech(result["document"], result["mentions"], result["cast"], result["coref"],
                         result["speakers"], result["quote_spans"])
    assert used == [marker]  # read again, and by the same scorer as the coref stage's second pass


# --------------------------------------------------------------------- offices
def test_office_is_the_person_last_named_with_the_title(run, resolves_to) -> None:
    # the nearest subject before "the captain" is Tom Fenner, who holds no office
    text = ("Captain Reed inspected the wall at dusk. Tom Fenner and Rob Kerr were on watch. "
            "Tom Fenner saluted. Later the captain slept by the fire.")
    assert resolves_to(run(text), "the captain") == "captain_reed"


def test_office_passes_to_a_new_holder_once_they_are_named_with_it(run, resolves_to) -> None:
    # after the handover "the captain" is Fenner, though Reed is the one just talked about
    text = ("Captain Reed held the gate for ten years, and Mia trusted the captain. In the spring "
            "Reed handed his sword to Captain Fenner. Reed rode away without a word. Mia saluted the captain.")
    result = run(text)
    assert resolves_to(result, "the captain", 0) == "captain_reed"
    assert resolves_to(result, "the captain", 1) == "captain_fenner"


def test_office_talked_about_before_its_holder_is_met_is_the_first_holder_shown_later(
        run, resolves_to) -> None:
    text = ('"The captain wants you at dawn," Mia told Ann. Ann nodded and went to bed.\n\n* * *\n\n'
            "Ann went down to the yard at first light. Captain Fenner was waiting by the well. "
            "He nodded to Ann.")
    assert resolves_to(run(text), "The captain") == "captain_fenner"


def test_an_office_nobody_holds_is_the_person_introduced_next(run, resolves_to) -> None:
    text = "The steward found me in the hall. Rob Fenner was old and slow. He bowed."
    assert resolves_to(run(text), "The steward") == "rob_fenner"


def test_an_office_nobody_holds_or_introduces_is_left_unresolved(run, resolves_to) -> None:
    text = "Tom sat by the fire all evening. Mia read to him. Later the steward came in and bowed."
    assert resolves_to(run(text), "the steward") is None


def test_an_office_is_not_given_to_someone_met_before(run, resolves_to) -> None:
    # a figure of speech: the next sentence's subject was named long before, so it is no introduction
    text = ("Rob Fenner sat in the kitchen. Tom came in. When the ship struck, the captain abandoned his post. "
            "Rob Fenner, on the contrary, stayed calm.")
    assert resolves_to(run(text), "the captain") is None


def test_a_surname_that_is_an_office_holds_no_office(run, resolves_to) -> None:
    text = "Miss King came to the ball with Tom. Later the king rode by and everyone bowed."
    assert resolves_to(run(text), "the king") != "miss_king"


def test_an_office_styled_with_a_courtesy_title_is_still_the_office(run, resolves_to) -> None:
    text = ('Ann Vale came in with her ledgers. "Mistress Chancellor, you are late," Tom said to Ann Vale.\n\n'
            "Later the chancellor counted the coins alone.")
    assert resolves_to(run(text), "the chancellor") == "ann_vale"


def test_a_speech_tags_pronoun_is_not_the_one_its_speech_calls_by_name(run, mention) -> None:
    # the last subject is Tom, but Tom is called by name: the one saying it is Rex, already in
    # the narration's own reading (before the speakers stage corrects any tag pronoun)
    result = run('Rex sat by the fire. Tom came in and shut the door.\n\n"Hullo, Tom," he said.')
    assert result["coref"].links.get(mention(result, "he").index) == "rex"
    assert [q.speaker for q in result["speakers"]] == ["rex"]


def test_the_name_called_later_in_the_same_paragraph_also_rules_the_tag_out(run, mention) -> None:
    result = run('Rex sat by the fire. Tom came in and shut the door.\n\n"Bless me," he said. "Is it raining, Tom?"')
    assert result["coref"].links.get(mention(result, "he").index) == "rex"


def test_called_beside_tags_collects_the_vocatives_of_each_paragraph(run) -> None:
    from heartline.stages.coref import called_beside_tags

    r = run('"Hush, Tom," Mia said.\n\n"Is Rex here?" Tom asked.')
    called = called_beside_tags(r["document"], r["mentions"], r["cast"], r["quote_spans"])
    assert called == {0: frozenset({"tom"})}  # Rex is talked about, not called




def test_speech_referent_is_the_latest_fitting_person_neither_speaker_nor_addressee() -> None:
    from heartline.stages.coref import speech_referent
    gender = {"odile": "female", "brisk": "unknown", "yarrow": "female", "tam": "male"}
    recent = ["odile", "yarrow", "brisk", "tam"]  # oldest first
    assert speech_referent(recent, {"tam"}, gender, "female") == "brisk"  # unknown gender: no objection
    assert speech_referent(recent, {"brisk", "yarrow"}, gender, "female") == "odile"
    assert speech_referent(recent, {"odile", "yarrow", "brisk"}, gender, "female") is None
    assert speech_referent(recent, set(), gender, "male") == "tam"


@pytest.mark.parametrize("text", [
    # the last one seen is Ralph, but he is the one the pronoun's own verb takes as object
    "Walter was sitting by the stove, holding his cup. His loud boots annoyed Ralph. He beckoned Walter outside.",
    'Walter was sitting by the stove, holding his cup. His loud boots annoyed Ralph.\n\n"A cold night," said he to Walter.',
])
def test_a_subject_pronoun_is_not_the_name_its_own_verb_takes_as_object(run, mention, text) -> None:
    result = run(text)
    pronoun = "He" if "He beckoned" in text else "he"
    assert result["coref"].links.get(mention(result, pronoun).index) == "ralph"


def test_clause_objects_reads_objects_and_prepositional_objects_of_the_pronouns_verb(run, mention) -> None:
    from heartline.stages.coref import clause_objects
    from heartline.tokens import TokenIndex

    r = run("Ralph, Walter and Edgar met at noon.\n\nHe handed Walter the map and waved at Edgar by the door.")
    tokens = TokenIndex(r["document"])
    he = mention(r, "He")
    got = clause_objects(he, tokens.at(he.start), tokens, r["coref"].links, r["mentions"].items)
    assert got == {"walter"}  # Edgar hangs from "waved", another verb: the pronoun may still be him


@pytest.mark.parametrize("quote, addressed, he", [
    # an addressee found from the scene, when the quote speaks to someone ("you"), is the one
    # spoken to: "he" is someone else
    ('"He never pays you back, you know," Mia said.', "scene", "rex"),
    # with no "you", talk in the scene may be about the person near it
    ('"He never pays his debts," Mia said.', "scene", "dan"),
    # one found only from who answers may be the very person the quote spoke of
    ('"He never pays you back, you know," Mia said.', "answer", "dan"),
])
def test_he_in_speech_is_not_a_scene_guessed_addressee_spoken_to(run, mention, quote, addressed, he) -> None:
    from dataclasses import replace

    from heartline.stages import coref

    result = run("Rex left early. Dan sat down by Mia.\n\n" + quote)
    speakers = tuple(replace(q, speaker="mia", addressee="dan", addressed=addressed)
                     for q in result["speakers"])
    links = coref.resolve_speech(result["document"], result["mentions"], result["cast"], result["coref"],
                                 speakers, result["quote_spans"]).links
    assert links.get(mention(result, "He").index) == he


_DISTAL_SCENE = ("Wenna Cobbold sold the mill to Brannoc Mossop, and she left the valley.\n\n"
                 "The winter was long. The river froze twice. The wheel stood still. Snow lay on the roads.\n\n"
                 "Nobody came up the valley. The spring was late. The lambs were born in the sleet.\n\n"
                 "Brannoc Mossop went to the inn. Dara Truscombe poured the tea, and she sat down by the fire.\n\n"
                 '"I cannot abide {ref}," said Brannoc to the ceiling.')


def test_that_woman_in_talk_is_not_someone_on_the_stage(run, resolves_to) -> None:
    # the one held at arm's length is the woman who left, not the one pouring the tea
    assert resolves_to(run(_DISTAL_SCENE.format(ref="that woman")), "that woman") == "wenna_cobbold"
    # a plain "she" is still the woman last seen
    assert resolves_to(run(_DISTAL_SCENE.format(ref="her") + " She poured more tea."), "her") == "dara_truscombe"


def test_a_she_that_tells_of_a_thing_is_no_tag_and_may_be_the_one_called_by_name(run, mention) -> None:
    # "she encouraged it" says nothing of the quote: it is narration, so the name the quote calls
    # stays open to its "she" (a tag's she would not be her: see the test above)
    result = run('Mara Quell fed the hens. Tobin Fask mended the gate.\n\n'
                 '"Yes, Mara." (A pet name from Tobin; she encouraged it.)')
    assert result["coref"].links.get(mention(result, "she").index) == "mara_quell"
    assert result["speakers"][0].tag_pronoun is None


@pytest.mark.parametrize("sentence, verb, tells", [
    ("She encouraged it.", "encouraged", True),
    ("He said nothing.", "said", True),
    ("She said it twice.", "said", False),  # a verb of uttering: "it" may be the quote itself
    ("She told him.", "told", False),
])
def test_tells_a_thing_reads_the_object_of_a_verb_of_saying(run, sentence, verb, tells) -> None:
    from heartline.stages.coref import tells_a_thing
    from heartline.tokens import TokenIndex

    r = run(f"Ysolde Brannick waited.\n\n{sentence}")
    tokens = TokenIndex(r["document"])
    tok = next(t for t in tokens.tokens if t.text == verb)
    assert tells_a_thing(tok, tokens) is tells


def test_the_narration_read_again_takes_the_unfixed_answers_only_where_nothing_differs(run, monkeypatch) -> None:
    # speech_coref walks the narration again with overruled tag pronouns fixed; where a pronoun's inputs
    # (history, its sentence's links) are those of the coref stage's own walk it takes that walk's answer
    # (``unfixed``) instead of scoring again: the links must be those of a walk that scores every one
    from heartline.stages import coref

    scene = ("Wenna fed the goats by the wall. She hummed as she worked. Brannoc mended his net in the yard. "
             "He whistled to her, and she laughed at him. Dara came in from the lane. She set down her basket.\n\n")
    result = run(scene * 24)
    document, mentions, cast, narration = result["document"], result["mentions"], result["cast"], result["coref"]
    gender = dict(narration.genders)
    hes = [m for m in mentions.items if m.key == "he" and m.quote is None and m.index in narration.links]
    assert len(hes) > 20
    scored = []
    real = coref._resolve_pronoun

    def counting(*args, **kwargs):
        scored.append(args[0].index)
        return real(*args, **kwargs)

    monkeypatch.setattr(coref, "_resolve_pronoun", counting)
    for fixed_at in (hes[2], hes[len(hes) // 2], hes[-1]):
        fixed = {fixed_at.index: "dara"}  # a tag's "He" overruled onto someone else: the people after it move
        called = coref.called_beside_tags(document, mentions, cast, result["quote_spans"])
        scored.clear()
        fresh = coref._resolve_once(document, mentions, cast, gender, known_bonus=1.5, unknown_penalty=0.6,
                                    fixed=fixed, called=called, scorer=coref.pronoun_scorer())
        every = len(scored)
        scored.clear()
        reused = coref._resolve_once(document, mentions, cast, gender, known_bonus=1.5, unknown_penalty=0.6,
                                     fixed=fixed, called=called, scorer=coref.pronoun_scorer(),
                                     unfixed=narration.links)
        assert reused == fresh
        assert len(scored) < every  # the unfixed answers were taken somewhere
