"""The corrections file: plain YAML, checked on reading, appended to without losing hand edits."""
from __future__ import annotations

import pytest

from heartline.corrections import (Correction, append_correction, find_corrections, load_corrections,
                                   sidecar_path)
from heartline.errors import InputError

EVERY_KIND = """\
# my fixes
- merge: [Anna Bell, the girl in red]
- split: {alias: Captain Reed, from: Tom Reed}
- not_character: Nell Ash
- rename: {from: Mia Stone, to: Mia Stone-Hart}
- remove_relation: {from: Mia Stone, to: Tom Reed, kind: hatred}
- add_relation: {from: Anna Bell, to: Mia Stone, kind: affection, reason: they share a flat}
"""


def test_every_kind_is_read_in_order(tmp_path) -> None:
    path = tmp_path / "fixes.yaml"
    path.write_text(EVERY_KIND, encoding="utf-8")
    c = load_corrections(path)
    assert [x.action for x in c.items] == ["merge", "split", "not_character", "rename", "remove_relation",
                                           "add_relation"]
    assert c.items[0].get("names") == ("Anna Bell", "the girl in red")
    assert c.items[1].get("from") == "Tom Reed"
    assert c.items[5].get("how") == "implied" and c.items[5].get("reason") == "they share a flat"


@pytest.mark.parametrize("text, message", [
    ("- merge: [Anna]\n", "two or more names"),
    ("- marry: [Anna, Tom]\n", "unknown correction 'marry'"),
    ("- add_relation: {from: A, to: B, kind: romantic}\n", "needs 'reason'"),
    ("- add_relation: {from: A, to: B, kind: fondness, reason: x}\n", "kind must be one of"),
    ("- rename: {from: A, too: B}\n", "unknown field 'too'"),
    ("merge: [A, B]\n", "expected a list"),
    ("- merge: [A, B\n", "not valid YAML"),
])
def test_mistakes_are_one_line_errors(tmp_path, text, message) -> None:
    path = tmp_path / "fixes.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        load_corrections(path)


def test_sidecar_is_found_beside_the_story_only(tmp_path) -> None:
    story = tmp_path / "story.txt"
    story.write_text("Anna loved Tom.", encoding="utf-8")
    assert sidecar_path(story).name == "story.txt.heartline.yaml"
    assert not find_corrections(story)
    sidecar_path(story).write_text("- not_character: Tom\n", encoding="utf-8")
    assert find_corrections(story).items[0].get("name") == "Tom"
    assert not find_corrections("<text>")  # a pasted text has no file beside it


def test_append_keeps_comments_and_hand_edits(tmp_path) -> None:
    path = tmp_path / "story.txt.heartline.yaml"
    path.write_text("# mine, keep this\n- merge: [Anna, Annie]  # she is both\n", encoding="utf-8")
    append_correction(path, Correction("rename", (("from", "Tom"), ("to", "Tom: the Elder"))))
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# mine, keep this\n- merge: [Anna, Annie]  # she is both\n")
    assert [c.action for c in load_corrections(path).items] == ["merge", "rename"]
    assert load_corrections(path).items[1].get("to") == "Tom: the Elder"  # quoted as YAML needs


def test_append_refuses_to_add_to_a_broken_file(tmp_path) -> None:
    path = tmp_path / "story.txt.heartline.yaml"
    path.write_text("- merge: [A\n", encoding="utf-8")
    with pytest.raises(InputError):
        append_correction(path, Correction("not_character", (("name", "X"),)))
    assert path.read_text(encoding="utf-8") == "- merge: [A\n"
