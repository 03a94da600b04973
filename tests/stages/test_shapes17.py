"""Issue 17: reader-insert fics, point-of-view sections, chat lines as fans type them,
and family love that is not romance.  Every name here is invented."""
from __future__ import annotations

from functools import lru_cache

import pytest

from heartline.api import analyze_story
from heartline.ask.names import NameIndex
from heartline.formats.text import story_from_text

READER = 'Second Shift | Dario Vance x Reader\n\npairing: Dario Vance x Reader\nwarnings: fluff\n\n━━━━━━━━━━━━━━━\n\nThe bakery is cold when you unlock it, and Dario Vance is already inside, flour to his elbows.\n\n"Morning, Sparrow," he says, without looking up.\n\n"You can\'t keep calling me that," you say, and you hang your coat on the hook.\n\n"I can, actually." He slides a warm roll across the counter to you. You have never once asked for it. You eat it anyway.\n\nSoline Brackwater comes in at seven, shaking rain off her umbrella. She has been your best friend since primary school, and she has never once knocked.\n\n"(Y/N)! Did he say it yet?"\n\n"Say what?" you ask.\n\n"Y/N, please. He looks at you like you hung the moon."\n\nYou throw a tea towel at her. You like Dario. You have liked him for a year, and you are not going to say so in front of Soline.\n\nAt closing, Dario walks you to the door. You can hear the rain on the glass.\n\n"[Y/N]," he says, very quietly. "I love you. I have loved you since the day you burned the croissants."\n\nYou stare at him. Your face is hot. "I love you too, you idiot."\n\n"Good night, (L/N)," says Soline from the street, grinning like she planned it.\n'

POV = '— CORIN —\n\nI had been awake since four, which is how I knew Wenna was lying when she said she\'d slept. Her lamp had been on all night. I could see the light under her door.\n\n"You look terrible," I told her at breakfast.\n\n"Thank you, Corin," Wenna said. "Lovely as always."\n\nI poured her coffee anyway. I always do. I don\'t know what I would do if she moved out, and I am not going to find out.\n\n***\n\n— WENNA —\n\nI hate mornings. I hate the kettle, and I hate the light, and I especially hate the way Corin looks at me over his mug as if I\'m a puzzle he has nearly finished.\n\n"You look terrible," he says, every day.\n\nI love him. I have loved him since the winter the pipes froze, and I will never tell him.\n\n***\n\n— CORIN —\n\nShe was gone when I came back from the shop. Her keys were on the hook. I stood in the hall for a long time and held the bag of oranges and did not know what to do with my hands.\n'

CHAT = "Junie Prowse had been fernfrog_ since year nine, and nobody in the group chat had ever called her anything else. Isak Brennard was the only one who still typed her real name.\n\nTobi 🌙: is anyone awake\n✨fernfrog_✨: unfortunately\nTobi 🌙: isak just texted me a picture of his cat again\n✨fernfrog_✨: i hate isak\nTobi 🌙: sure jan\nDO NOT REPLY 🚫: i can see you both typing\nTobi 🌙: who even is this\n✨fernfrog_✨: it's isak. i saved him like that\nDO NOT REPLY 🚫: junie. ok but what if i like like you\n✨fernfrog_✨: i like like you too you absolute disaster\nTobi 🌙: FINALLY\n"

FAMILY = 'Fenwick Ashdale had two rules about his sister: never lend Yusra money, and never let her drive.\n\nYusra broke the second rule on a Tuesday. She pulled up outside his flat in a borrowed van, grinning, and honked until he came down.\n\n"You\'re unbelievable," Fenwick said, climbing in.\n\n"You love me," Yusra said.\n\n"I love you, you daft thing. That\'s not the same as trusting you with a gearbox."\n\nShe laughed and pulled out into traffic. Fenwick held the door handle and watched her hum along to the radio. He adored her. He always had, since the day their mum brought her home from the hospital, red-faced and furious.\n\nAt the garden centre, Yusra\'s friend Teodora Vance waved from the till. Teodora had been in love with Fenwick since school, and everyone but Fenwick knew it.\n\n"Hi, Fen," Teodora said, blushing.\n\n"Hi," said Fenwick, and did not notice the blush at all.\n\nYusra rolled her eyes at him. "My little brother," she told Teodora, "is an idiot. But I love him."\n'


@lru_cache(maxsize=None)
def _analysis(text: str, source: str = "story.txt"):
    return analyze_story(story_from_text(text, source=source))


def _ids(analysis) -> dict[str, str]:
    return {c.name: c.id for c in analysis.characters}


def _rel(analysis) -> dict[tuple[str, str], str]:
    return {(r.source, r.target): r.kind for r in analysis.relations if r.current}


# ------------------------------------------------------------------ 1. reader-insert
def test_the_reader_is_one_character_with_every_placeholder_as_written() -> None:
    analysis = _analysis(READER)
    reader = next(c for c in analysis.characters if c.name == "Reader")
    assert {"Y/N", "(Y/N)", "[Y/N]", "(L/N)", "you"} <= set(reader.aliases)
    names = {c.name for c in analysis.characters}
    assert not names & {"Y", "N", "L", "L/N"}


def test_dialogue_to_the_reader_is_addressed_to_the_reader() -> None:
    analysis = _analysis(READER)
    ids = _ids(analysis)
    said = [q for q in analysis.quotes if "I love you. I have loved you" in q.text]
    assert said and said[0].speaker == ids["Dario Vance"] and said[0].addressee == "reader"
    rel = _rel(analysis)
    assert rel[(ids["Dario Vance"], "reader")] == "romantic"
    assert rel[("reader", ids["Dario Vance"])] == "romantic"


def test_x_reader_tag_is_compared_with_the_reading() -> None:
    analysis = _analysis(READER)
    assert "Dario Vance/Reader" in analysis.tags.relationships
    check = next(t for t in analysis.tags.compared if t.tag == "Dario Vance x Reader")
    assert check.status == "agree"


@pytest.mark.parametrize("typed", ["Y/N", "(Y/N)", "the reader", "Reader", "you"])
def test_ask_understands_the_reader(typed: str) -> None:
    analysis = _analysis(READER)
    index = NameIndex([{"id": c.id, "name": c.name, "aliases": list(c.aliases)} for c in analysis.characters])
    assert index.resolve(typed).id == "reader"


def test_a_third_person_story_has_no_reader() -> None:
    assert "Reader" not in {c.name for c in _analysis(FAMILY).characters}


# ------------------------------------------------------------------ 2. point of view
@pytest.mark.parametrize("first,second", [
    ("— CORIN —", "— WENNA —"), ("Corin's POV", "POV: Wenna"), ("~Corin~", "~Wenna~"), ("Corin", "Wenna")])
def test_each_point_of_view_section_has_its_own_narrator(first: str, second: str) -> None:
    text = POV.replace("— CORIN —", first).replace("— WENNA —", second)
    analysis = _analysis(text)
    ids = _ids(analysis)
    assert set(ids) == {"Corin", "Wenna"}  # no merged "the narrator"
    assert _rel(analysis)[(ids["Wenna"], ids["Corin"])] == "romantic"  # Wenna's "I love him"
    said = [q for q in analysis.quotes if q.text.startswith("You look terrible") and q.addressee]
    assert said[0].speaker == ids["Corin"]


def test_a_story_without_headers_keeps_one_narrator() -> None:
    text = POV.replace("— CORIN —\n\n", "").replace("— WENNA —\n\n", "")
    assert sum("I" in c.aliases for c in _analysis(text).characters) <= 1


# ------------------------------------------------------------------ 3. chat as typed
def test_decorated_prefixes_are_speakers_and_prose_links_handles() -> None:
    analysis = _analysis(CHAT)
    by_alias = {a: c.name for c in analysis.characters for a in c.aliases}
    assert by_alias["fernfrog_"] == "Junie Prowse"  # "Junie Prowse had been fernfrog_"
    names = {c.name for c in analysis.characters}
    assert {"Tobi", "DO NOT REPLY", "Isak Brennard"} <= names  # as typed, not "Do Not Reply"
    speakers = {q.speaker for q in analysis.quotes}
    assert speakers >= {_ids(analysis)[n] for n in ("Tobi", "DO NOT REPLY", "Junie Prowse")}


def test_lower_case_chat_feelings_are_read() -> None:
    analysis = _analysis(CHAT)
    ids = _ids(analysis)
    rel = _rel(analysis)
    assert rel[(ids["Junie Prowse"], ids["Isak Brennard"])] in ("hatred", "dislike")  # "i hate isak"
    assert rel[(ids["Junie Prowse"], ids["DO NOT REPLY"])] == "romantic"  # "i like like you too"


# ------------------------------------------------------------------ 4. family
def test_sibling_love_is_family_love_never_a_romantic_tag() -> None:
    analysis = _analysis(FAMILY)
    ids = _ids(analysis)
    fen, yus = ids["Fenwick Ashdale"], ids["Yusra"]
    rel = _rel(analysis)
    assert rel[(fen, yus)] == "affection"  # "I love you, you daft thing" / "He adored her"
    assert rel.get((yus, fen), "affection") == "affection"
    tags = analysis.tags.relationships + analysis.tags.additional
    assert not any("/" in t and "Yusra" in t and "Fenwick" in t for t in tags)
    assert rel[(ids["Teodora Vance"], fen)] == "romantic"  # "in love with" stays romance


def test_heartline_ask_answers_about_the_reader_end_to_end(tmp_path) -> None:
    """The Done-when of issue 17: ``heartline ask STORY "does Dario like Y/N?"`` answers from a
    reader-insert fic, in a subprocess as a user runs it."""
    import subprocess
    import sys
    path = tmp_path / "second_shift.txt"
    path.write_text(READER, encoding="utf-8")
    for question, opening in (("does Dario like Y/N?", "Yes. Dario Vance is in love with Reader"),
                              ("does the reader love Dario?", "Yes. Reader is in love with Dario Vance")):
        done = subprocess.run([sys.executable, "-m", "heartline.cli", "ask", str(path), question,
                               "--cache-dir", str(tmp_path / "cache")],
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        assert done.stdout.startswith(opening), done.stdout
        assert "I love you" in done.stdout or "You like Dario" in done.stdout
