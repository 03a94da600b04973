"""Which files a batch picks up."""
from __future__ import annotations

import pytest

from heartline.corpus.discover import discover, looks_like_story
from heartline.errors import InputError


@pytest.fixture
def tree(tmp_path):
    for name in ["b.txt", "a.md", "sub/c.html", "sub/deep/d.epub", "README.md", "SOURCES.tsv", "notes.json",
                 ".hidden/e.txt", "sub/.f.txt", "LICENSE.txt", "image.png"]:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x", encoding="utf-8")
    return tmp_path


def test_directory_is_walked_for_stories_only_in_sorted_order(tree):
    found = [p.relative_to(tree).as_posix() for p in discover([str(tree)])]
    assert found == ["a.md", "b.txt", "sub/c.html", "sub/deep/d.epub"]


def test_glob_with_double_star_and_repeats_once(tree):
    found = discover([str(tree / "**" / "*.txt"), str(tree / "b.txt")])
    assert [p.name for p in found] == ["b.txt"]


def test_a_file_named_directly_is_kept_whatever_it_is(tree):
    assert [p.name for p in discover([str(tree / "notes.json")])] == ["notes.json"]


def test_paths_are_absolute(tree, monkeypatch):
    monkeypatch.chdir(tree)
    assert all(p.is_absolute() for p in discover(["sub"]))


def test_missing_target_or_nothing_found_is_an_input_error(tree):
    with pytest.raises(InputError, match="no such file"):
        discover([str(tree / "absent")])
    with pytest.raises(InputError, match="no story files"):
        discover([str(tree / "*.png")])


def test_looks_like_story():
    from pathlib import Path

    assert looks_like_story(Path("Chapter.TXT"))
    assert not looks_like_story(Path("readme.txt"))
    assert not looks_like_story(Path("data.csv"))
