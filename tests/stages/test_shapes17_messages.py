"""Issue 17: fan-fiction shapes.  A person who lives only in a chat fic's lower-case
messages, and a roleplay line that calls someone by name after an *action*.  Every name
here is invented and appears in no development story."""
from __future__ import annotations

from functools import lru_cache

from heartline.api import analyze_story
from heartline.formats.text import story_from_text
from heartline.stages.roleplay import after_action

CHAT = (
    "Pelham Voss had shared a flat with Lisbet Garr since first year.\n\n"
    "**pelham.v:** is anyone awake\n"
    "**lisbet.g:** unfortunately\n"
    "**pelham.v:** i miss ysolde so much. ysolde says the train is late again\n"
    "**lisbet.g:** you talk to ysolde every night\n"
    "**pelham.v:** i would walk to york for ysolde. i love ysolde\n"
    "**lisbet.g:** disgusting. go to sleep\n\n"
    "Pelham did not go to sleep. Lisbet could hear him typing through the wall, and she "
    "smiled at the ceiling, and did not tell him to stop.\n"
)

# the same story, where the prose writes the name with its capital
CHAT_NAMED = CHAT.replace(
    "and did not tell him to stop.", "and did not tell him to stop. Ysolde would visit in May.")


@lru_cache(maxsize=None)
def _analysis(text: str):
    return analyze_story(story_from_text(text, source="story.txt"))


def test_a_name_that_lives_only_in_lower_case_messages_is_a_person() -> None:
    analysis = _analysis(CHAT)
    names = {c.name for c in analysis.characters}
    assert "Ysolde" in names
    assert any(r.source == "pelham_voss" and r.target == "ysolde" and r.kind in ("romantic", "affection")
               for r in analysis.relations)


def test_recasing_keeps_every_offset_and_leaves_ordinary_words_alone() -> None:
    from heartline.api import default_pipeline

    results = default_pipeline().run(story=story_from_text(CHAT, source="story.txt"))
    text = results["document"].story.text
    assert len(text) == len(CHAT)
    assert "for Ysolde. I love Ysolde" not in text  # the pronoun stays as typed
    assert "i love Ysolde" in text
    assert "**pelham.v:**" in text and "**lisbet.g:**" in text  # handles as typed
    assert "unfortunately" in text and "disgusting. go to sleep" in text  # no sentence capitals


def test_a_name_the_prose_capitalises_is_left_as_typed_in_the_messages() -> None:
    from heartline.api import default_pipeline

    results = default_pipeline().run(story=story_from_text(CHAT_NAMED, source="story.txt"))
    assert results["document"].story.text == CHAT_NAMED  # mentions reads "ysolde" already
    assert "Ysolde" in {c.name for c in results["characters"]}


ROLEPLAY = (
    "#emberfall — session 2\n\n"
    "[GM] Smoke hangs over the mill. Baron Ostric Vale waits by the wheel.\n"
    "Harl_the_Red: *draws his axe, boots on the wet stone* Ostric Vale. You burned my farm.\n"
    "[GM] **Vale:** \"A farm. How dull of you to mind.\"\n"
    "[Sefrin] *stays behind Harl* Careful. He wants you angry.\n"
    "Harl_the_Red: *does not look back* I know what he wants.\n"
    "[Sefrin] ((harl's player is SO into this lol))\n"
    "Harl_the_Red: ((shh))\n"
)


def test_an_action_before_a_name_opens_the_speech_like_a_tag() -> None:
    assert after_action("*draws his axe, boots on the wet stone*")
    assert after_action("No. *turns away*")
    assert after_action("Wait, *pause*")
    assert not after_action("")  # the edge of the line is tested elsewhere
    assert not after_action("*sighs* and then")
    assert not after_action("I told *you*")  # emphasis inside speech is no action


def test_a_roleplay_line_calls_the_name_after_its_action() -> None:
    analysis = _analysis(ROLEPLAY)
    line = next(q for q in analysis.quotes if "You burned my farm" in q.text)
    assert line.speaker == "harl_the_red" or line.speaker.startswith("harl")
    assert line.addressee == "ostric_vale" and line.addressed == "vocative"


LONE = (
    "**Week 2**\n\n"
    "**ottar.k:** anyone seen my charger\n"
    "**brisk_wren:** no\n"
    "**ottar.k:** it was right here\n"
    "**brisk_wren:** skill issue\n\n"
    "Ottar Kell found the charger under the sofa an hour later. His phone lit up on the table "
    "while he was still on his knees.\n\n"
    "**brisk_wren:** tell Ottar I said sorry about the charger\n\n"
    "He read it twice. It was not meant for him.\n\n"
    "Note: nobody ever admitted to moving it.\n"
)


def test_a_lone_message_of_a_handle_that_chats_elsewhere_is_a_message() -> None:
    from heartline.api import default_pipeline

    results = default_pipeline().run(story=story_from_text(LONE, source="story.txt"))
    lines = [q for q in results["quote_spans"] if q.kind == "line"]
    texts = [LONE[q.start:q.end] for q in lines]
    assert "tell Ottar I said sorry about the charger" in texts  # read on a phone in the prose
    assert len(lines) == 5
    assert not any("nobody ever admitted" in t for t in texts)  # a lone "Note:" is no handle of the chat


def test_a_lower_case_name_that_is_also_a_word_is_known_by_being_called() -> None:
    from heartline.api import default_pipeline
    from heartline.pipeline import Pipeline

    text = (
        "odile has fixed the boiler twice this month. the boiler does not care.\n\n"
        "\"the boiler is a liar, marten,\" says odile. \"it was fine all week, marten.\"\n\n"
        "\"you say that every time,\" comes the answer from the hall. \"the boiler and i have an understanding.\"\n\n"
        "odile laughs. she makes tea. she makes it badly. it is late and the street is quiet. "
        "the kettle clicks. the radio hums. nobody minds. odile sits down. the boiler knocks. "
        "the tea is cold. the night is long. the cat sleeps. the clock ticks. i am tired. "
        "she yawns. it is very late now. the lights are off. the house is still.\n"
    )
    parsed = Pipeline(default_pipeline().stages[:2]).run(story=story_from_text(text, source="story.txt"))
    recased = parsed["document"].story.text
    assert "a liar, Marten," in recased and "all week, Marten." in recased
    assert "the boiler" in recased  # a word after a determiner stays a word
