"""Stage ``declared_tags``: the author's relationship tags checked against the reading."""
from __future__ import annotations

from heartline.api import analyze_story
from heartline.formats.text import story_from_text
from heartline.model import Character
from heartline.stages.declared import match_character

HEADER = """Title: Lamps
Relationships: Mara Lind/Tobin Hale, Tobin Hale & Ada Fenner, Mara Lind & Ada Fenner, Ysolde Grey/Mara Lind

Mara Lind loved Tobin Hale. "I love you, Tobin," Mara said.

Ada Fenner hated Mara. "I hate you," Ada told her.

Tobin Hale walked home with Ada Fenner and said nothing.
"""


def _checks():
    analysis = analyze_story(story_from_text(HEADER, source="lamps.txt"))
    return {c.tag: c for c in analysis.tags.compared}


def test_each_declared_tag_gets_a_status() -> None:
    checks = _checks()
    assert checks["Mara Lind/Tobin Hale"].status == "agree"
    assert checks["Mara Lind & Ada Fenner"].status == "kind_differs"  # the text shows hatred
    assert checks["Tobin Hale & Ada Fenner"].status == "unsupported"
    assert checks["Ysolde Grey/Mara Lind"].status == "unknown_name"
    assert "Ysolde Grey" in checks["Ysolde Grey/Mara Lind"].note


def test_names_match_aliases_in_either_order_and_drop_disambiguation() -> None:
    cast = (Character("sasha", "Sasha Ivanova", ("Sasha", "Sasha Ivanova"), "female", 10),
            Character("mr_ivanov", "Mr. Ivanov", ("Mr. Ivanov",), "male", 3))
    assert match_character("Ivanova Sasha", cast).id == "sasha"
    assert match_character("Sasha (Harbour Lights)", cast).id == "sasha"
    assert match_character("Mr Ivanov", cast).id == "mr_ivanov"
    assert match_character("Pyotr", cast) is None


def test_no_declared_tags_no_comparison(analyse) -> None:
    assert analyse('Mia loved Tom. "I love you," Mia said.').tags.compared == ()
