"""Issue 15: story shapes that named nobody (all lower case, roleplay logs with
out-of-character asides).  Every name here is invented."""
from __future__ import annotations

from functools import lru_cache

from heartline.api import analyze_story
from heartline.formats.text import story_from_text
from heartline.stages.roleplay import blank_out_of_character
from heartline.layout import CHAT_LINE
from heartline.stages.truecase import lower_case_story, recase

LOWER = (
    "a/n: this sat in my drafts forever. be nice.\n\n~\n\n"
    "mirela kestrin has lived above the laundrette for six years. she knows the hum of the dryers "
    "better than her own heartbeat. she knows that ondrej downstairs burns his toast every morning.\n\n"
    "\"you're doing it again,\" says vashti, from the couch.\n\n"
    "\"doing what.\"\n\n"
    "\"staring at the floor like ondrej is going to come up through it.\"\n\n"
    "mirela throws a cushion at her. vashti catches it and laughs. vashti is her cousin and "
    "her worst critic. she has been here since lunch.\n\n"
    "ondrej knocks at six. he is holding a plate of burnt toast and he looks embarrassed. "
    "mirela lets him in. i am not going to cry about toast, she thinks. it is fine.\n\n"
    "ondrej sits at the table. he says the dryers kept him up. he says he is sorry about the toast. "
    "mirela laughs at him. she loves him. she has loved him since the winter the boiler broke.\n\n"
    "vashti rolls her eyes. vashti can't stand ondrej and never could. she leaves early.\n\n"
    "later ondrej says, \"i love you, you know.\" mirela says it back. the dryers hum. "
    "the toast is still burnt. nobody minds. it is late. the street is quiet. "
    "the kettle clicks off. she smiles. he smiles too.\n\n"
    "#mirela x ondrej #fluff\n"
)

ROLEPLAY = (
    "#harbourside — session 3\n\n"
    "[GM] Fog rolls over the quay. Captain Ilsabet Dorn waits by the crates.\n"
    "Brannoch_Ostry: *tips his hat* Evening, Captain. You look well.\n"
    "[Quessa] *leans on the rail* Brannoch, you flirt with everyone.\n"
    "Brannoch_Ostry: Only with the ones who could kill me.\n"
    "[Quessa] ((lol he really does))\n"
    "Brannoch_Ostry: ((i hate sefton irl, he stole my dice))\n"
    "[Quessa] *smiles at Brannoch* I love you, you fool.\n"
    "Brannoch_Ostry: *takes her hand* I love you too, Quessa.\n"
    "[GM] The captain says nothing. ((sefton brb pizza))\n"
)


@lru_cache(maxsize=None)
def _analysis(text: str):
    return analyze_story(story_from_text(text, source="story.txt"))


def test_a_lower_case_story_is_told_from_ordinary_prose() -> None:
    assert lower_case_story(LOWER)
    assert not lower_case_story(LOWER.title())
    prose = "Mira laughs. I said no. " * 30
    assert not lower_case_story(prose)


def test_recase_keeps_offsets_and_capitalises_names_titles_and_i() -> None:
    text = "i saw ms. dorn today. mira's coat was wet."
    out = recase(text, {"dorn", "mira"})
    assert len(out) == len(text)
    assert out == "I saw Ms. Dorn today. Mira's coat was wet."


def test_names_written_in_lower_case_are_found() -> None:
    analysis = _analysis(LOWER)
    names = {c.name.lower() for c in analysis.characters}
    assert {"ondrej", "vashti"} <= names
    assert any(n.startswith("mirela") for n in names)
    # a dictionary word is nobody: the dryers, the toast, the kettle
    assert not names & {"toast", "dryers", "kettle", "says"}


def test_bracketed_handles_are_chat_lines() -> None:
    m = CHAT_LINE.match("[Quessa] *leans on the rail* hello")
    assert m and m.group("handle") == "Quessa" and m.group("text").startswith("*leans")
    assert CHAT_LINE.match("[21:07] quessa: hello").group("handle") == "quessa"
    assert CHAT_LINE.match("[21:07] hello there") is None


def test_out_of_character_asides_are_blanked_in_place() -> None:
    out = blank_out_of_character(ROLEPLAY)
    assert len(out) == len(ROLEPLAY)
    assert "sefton" not in out and "((" not in out
    assert "Brannoch_Ostry: ((" not in out  # a line that is only an aside goes whole
    assert "[GM] The captain says nothing." in out
    assert blank_out_of_character("He smiled ((once)).") == "He smiled ((once))."  # one aside is a typo


def test_a_roleplay_log_reads_only_in_character_lines() -> None:
    analysis = _analysis(ROLEPLAY)
    names = {c.name.lower() for c in analysis.characters}
    assert not any("sefton" in n for n in names)
    assert any("quessa" in n for n in names)


COURT = (
    "The Glass Treaty\n\nRating: General Audiences\nRelationships: Prince Tamsel/Princess Oriane\n"
    "Characters: Prince Tamsel of Wyke, Princess Oriane of Velsk, Lady Quessa Dorn\n\nSummary:\nA wedding.\n\n"
    "Chapter 1\n\n"
    "The Prince did not look up when the Princess came in. The Princess did not look at the Prince either.\n\n"
    "\"You are late,\" the Prince said.\n\n\"I am exactly as late as I intended,\" said the Princess.\n\n"
    "Lady Quessa Dorn, who had dressed the Princess that morning, sighed. She loved the Princess like a sister.\n\n"
    "The Prince laughed. Later, in the garden, he told the Princess that he loved her, and she said it back.\n"
)


def test_a_title_that_one_header_tag_holds_takes_the_tag_as_its_name() -> None:
    analysis = _analysis(COURT)
    names = {c.name for c in analysis.characters}
    assert {"Prince Tamsel of Wyke", "Princess Oriane of Velsk"} <= names
    prince = next(c for c in analysis.characters if c.name == "Prince Tamsel of Wyke")
    assert "Prince" in prince.aliases


_RAIN = ("The rain came down on the city like it owed somebody money. I sat in my office and watched it. "
         "I had a bottle in the drawer and I did not open it. I had a rent bill on the desk and I did not "
         "open that either. I was good at not opening things. ")
NOIR = (
    _RAIN + "\n\nThe door opened at nine and a woman in a grey coat came in out of the wet.\n\n"
    "\"You're Mr. Garrowby,\" the woman said. It wasn't a question.\n\n"
    "\"I am,\" I said. \"Sit down.\"\n\n"
    "She sat. Her name was Wenlock Trisk, she said, and her brother was missing. I wrote it down. "
    "I asked her when she had seen him last. She said Tuesday. I said I would look. I always say I will look.\n\n"
    "Wenlock Trisk paid me fifty dollars and left. I looked at the money for a long time. I liked her. "
    "I did not like that I liked her. I put my hat on and I went out into the rain, and I did not look back.\n\n"
    + _RAIN * 2
)
DIARY = (
    "Dear Diary,\n\nToday was the worst day of my life. I mean it this time. I spilled juice on my "
    "shirt at lunch and I had to wear my PE top all afternoon. I hate school. I hate juice. I hate "
    "everything.\n\nOverheard from the landing at seven: \"SEFTON PELLAM, if you have taken my charger "
    "AGAIN you are finished, do you hear me.\" – Wenlock.\n\nWenlock is my sister and she is a menace. "
    "I did not take her charger. I borrowed it. I will give it back when I feel like it. I think I am "
    "going to live in the garden shed. I would take my books and my lamp and I would never come out. "
    "I would be happy there. I am not even joking. I looked at the shed for ages after tea. "
    "I think it has spiders. I do not care. I am brave now. I decided.\n\n"
    "Dear Diary,\n\nI did not move into the shed. I am in my room. I am writing this under the covers. "
    "I am going to sleep now. I hope tomorrow is better. I hope I see the new boy again. I am not saying "
    "which new boy. I know you know.\n"
)


def test_a_name_told_to_someone_s_face_and_never_narrated_is_the_narrator() -> None:
    analysis = _analysis(NOIR)
    narrator = next(c for c in analysis.characters if "I" in c.aliases)
    assert "Mr. Garrowby" in (narrator.name,) + narrator.aliases


def test_a_full_name_shouted_once_at_the_diarist_names_the_diarist() -> None:
    analysis = _analysis(DIARY)
    narrator = next(c for c in analysis.characters if "I" in c.aliases)
    assert "SEFTON PELLAM" in (narrator.name,) + narrator.aliases


LETTER = (
    "Pellam Cross, 3rd May\n\nDear Sefton,\n\nThe orchard is white again and Quessa has taken your chair by the "
    "window. Quessa says she will give it back when you come home. Tell Quessa nothing; she is insufferable "
    "enough. Garrowby asked after you at the post office, and Garrowby never asks after anyone.\n\n"
    "Give Garrowby my regards if he writes. Tell Quessa I said so.\n\nYour friend,\nWenlock\n"
)


def test_a_request_s_verb_is_no_part_of_the_name_after_it() -> None:
    analysis = _analysis(LETTER)
    names = {a for c in analysis.characters for a in (c.name,) + c.aliases}
    assert "Quessa" in names and "Garrowby" in names
    assert not {"Tell Quessa", "Give Garrowby"} & names


def test_a_handle_named_for_its_player_s_character_and_the_game_master_is_no_one() -> None:
    log = ROLEPLAY.replace("[GM] Fog", "Pinned by GM: in character only!\n[GM] Fog").replace(
        "Brannoch_Ostry", "Brannoch_the_Bold") + "[GM] Brannoch Ostry bows. Quessa watches Brannoch Ostry go. He laughs.\n"
    analysis = _analysis(log)
    names = {a for c in analysis.characters for a in (c.name,) + c.aliases}
    assert not {"GM", "Pinned by GM"} & names
    brannoch = [c for c in analysis.characters if "Brannoch_the_Bold" in (c.name,) + c.aliases]
    assert len(brannoch) == 1 and "Brannoch Ostry" in (brannoch[0].name,) + brannoch[0].aliases
