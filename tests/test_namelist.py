"""Fandom name lists (``--names``): canonical names for the names a text uses."""
from __future__ import annotations

import pytest

from heartline.errors import InputError
from heartline.namelist import CanonicalName, NameList, load_name_list

STORY = ("Naru waited at the gate. Uzumaki was always late, Sora thought. Uzumaki laughed.\n\n"
         "Uzumaki shrugged. Uzumaki ran.\n\n"
         "\"Naru!\" Sora called. Naru grinned at her. Sora loved Naru, and Naru loved Sora.\n\n"
         "\"I love you, Naru,\" Sora said.\n")


def test_yaml_name_list_forms(tmp_path) -> None:
    path = tmp_path / "names.yaml"
    path.write_text("Uzumaki Naru:\n  aliases: [Naru, Uzumaki]\n  gender: male\n"
                    "Haruka Sora: [Sora]\nPlain Name:\n", encoding="utf-8")
    names = load_name_list(path)
    assert names.entries[0] == CanonicalName("Uzumaki Naru", ("Naru", "Uzumaki"), "male")
    assert names.entries[1] == CanonicalName("Haruka Sora", ("Sora",))
    assert "naru uzumaki" in names.entries[0].forms  # either name order
    assert names.match({"NARU": 3, "Tom": 1}) == names.entries[0]


def test_json_list_form(tmp_path) -> None:
    path = tmp_path / "names.json"
    path.write_text('[{"name": "Anna Bell", "aliases": ["Annie"], "gender": "female"}]', encoding="utf-8")
    assert load_name_list(path).entries == (CanonicalName("Anna Bell", ("Annie",), "female"),)


@pytest.mark.parametrize("content,message", [
    ("a: [b\n", "not valid YAML"),
    ("- just a string\n", "needs a 'name'"),
    ("Anna:\n  gender: robot\n", "unknown gender"),
    ("42\n", "expected a mapping"),
])
def test_bad_name_lists_are_one_line_errors(tmp_path, content, message) -> None:
    path = tmp_path / "names.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        load_name_list(path)


def test_missing_name_list(tmp_path) -> None:
    with pytest.raises(InputError, match="no such file"):
        load_name_list(tmp_path / "nope.yaml")


def test_name_list_merges_and_renames_characters_and_tags() -> None:
    from heartline.api import analyze_text

    plain = analyze_text(STORY)
    assert "Naru" in {c.name for c in plain.characters}
    names = NameList((CanonicalName("Uzumaki Naru", ("Naru", "Uzumaki"), "male"),
                      CanonicalName("Haruka Sora", ("Sora",), "female")))
    analysis = analyze_text(STORY, names=names)
    by_name = {c.name: c for c in analysis.characters}
    assert "Uzumaki" not in by_name and "Naru" not in by_name
    assert by_name["Uzumaki Naru"].gender == "male"
    assert "Naru" in by_name["Uzumaki Naru"].aliases
    assert "Haruka Sora/Uzumaki Naru" in analysis.tags.relationships
