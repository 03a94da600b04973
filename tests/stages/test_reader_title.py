"""A reader-insert that names its pairing only in its title ("Yevra Quillane x Reader")."""
from __future__ import annotations

from heartline.api import analyze_story, default_pipeline
from heartline.formats.text import story_from_text
from heartline.stages.reader import declared_relationships

_BODY = """You push the tavern door open and shake the rain out of your hair.

"Evening, (Y/N)," Yevra calls from the bar. Her grin is crooked. "You look half drowned."

"Hello to you too," you say, and you drop onto the stool in front of her.

She slides a mug of cider toward you without being asked. It is your favourite, in the cup she keeps for you.

Across the room, Brannoch Tolliver snorts into his ale. You ignore him. You always ignore him.

"Don't mind him, (Y/N)," Yevra says softly. "He's a sore loser."

"I know," you say. You love this place. You love the way she remembers everything.

Yevra watches you drink, and her cheeks go a little pink. "I missed you, you know."

"I missed you too," you admit, and your heart does something stupid in your chest.

You laugh, and she laughs, and the rain keeps falling.
"""


def _title(title: str) -> tuple[str, ...]:
    return declared_relationships(story_from_text("You wait.\n", title=title))


def test_a_title_that_pairs_someone_with_the_reader_declares_the_pairing() -> None:
    assert _title("Corsair Lights | Yevra Quillane x Reader") == ("Yevra Quillane x Reader",)
    assert _title("Yevra x f!Reader (part 2)") == ("Yevra x f!Reader",)
    assert _title("Saffi x (Y/N) — a drabble") == ("Saffi x (Y/N)",)


def test_a_title_that_pairs_no_reader_declares_nothing() -> None:
    assert _title("Sun x Moon") == ()
    assert _title("Corsair Lights") == ()


def test_the_headers_own_tags_come_first() -> None:
    story = story_from_text("Yevra x Reader\n\npairing: Yevra/Brannoch\nrating: G\n\nYou wait.\n")
    assert declared_relationships(story) == ("Yevra/Brannoch",)


def test_the_titles_pairing_reaches_the_judge_and_the_tag_check() -> None:
    story = story_from_text("Corsair Lights | Yevra Quillane x Reader\n\n" + _BODY)
    assert story.title == "Corsair Lights | Yevra Quillane x Reader"
    kin = default_pipeline().run(story=story)["kinship"]
    assert kin.declares and kin.declared("reader", "yevra") == "romantic"
    checks = {t.tag: t.status for t in analyze_story(story).tags.compared}
    assert checks == {"Yevra Quillane x Reader": "agree"}
    untitled = default_pipeline().run(story=story_from_text("Corsair Lights\n\n" + _BODY))["kinship"]
    assert not untitled.declares


_DRABBLE = """The bell tower stairs are cold under your feet. Saffi is already at the top, her coat buttoned wrong.

"You came," Saffi says, and she smiles at you like the river is calm for once.

You sit beside her on the iron step. She hands you a flask of cocoa and tucks her scarf around your neck.

"I always come," you say.

Saffi laughs softly and leans her head on your shoulder. Below you the bell sways and sways.

"Stay till morning?" she asks.

You nod, and she takes your hand, and you stay.
"""


def test_a_declared_reader_makes_a_short_drabble_a_reader_insert() -> None:
    # a dozen "you"s and no placeholder: too few to show a reader-insert alone, not with the title
    titled = default_pipeline().run(story=story_from_text("Bell Hour | Saffi Ormsby x Reader\n\n" + _DRABBLE))
    assert "reader" in {c.id for c in titled["cast"].characters}
    assert any(r.source == "reader" and r.target.startswith("saffi") for r in titled["relations"])
    plain = default_pipeline().run(story=story_from_text("Bell Hour\n\n" + _DRABBLE))
    assert "reader" not in {c.id for c in plain["cast"].characters}
