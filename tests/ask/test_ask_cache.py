"""The analysis cache: keyed by version, file name and bytes; safe against bad entries."""
from __future__ import annotations

import json

import pytest

from askdata import tiny_analysis
from heartline.ask import cache
from heartline.ask.cache import cache_key, cached_analysis, default_cache_dir
from heartline.errors import InputError


class CountingAnalyser:
    def __init__(self):
        self.calls = 0

    def __call__(self, data: bytes, source: str):
        self.calls += 1
        return tiny_analysis()


def test_second_read_comes_from_the_cache(tmp_path) -> None:
    story = tmp_path / "story.txt"
    story.write_text("Anna loved Tom.", encoding="utf-8")
    analyse = CountingAnalyser()
    first, hit1 = cached_analysis(story, cache_dir=tmp_path / "c", analyse=analyse)
    second, hit2 = cached_analysis(story, cache_dir=tmp_path / "c", analyse=analyse)
    assert (hit1, hit2, analyse.calls) == (False, True, 1)
    assert second["relations"] == first["relations"]
    assert second["story"]["source"] == str(story)


def test_changed_bytes_miss_the_cache(tmp_path) -> None:
    story = tmp_path / "story.txt"
    analyse = CountingAnalyser()
    story.write_text("Anna loved Tom.", encoding="utf-8")
    cached_analysis(story, cache_dir=tmp_path / "c", analyse=analyse)
    story.write_text("Anna hated Tom.", encoding="utf-8")
    _, hit = cached_analysis(story, cache_dir=tmp_path / "c", analyse=analyse)
    assert not hit and analyse.calls == 2


def test_key_depends_on_version_name_and_bytes() -> None:
    base = cache_key(b"text", "a.txt", version="1.0")
    assert base == cache_key(b"text", "/elsewhere/a.txt", version="1.0")  # the directory does not matter
    assert len({base, cache_key(b"text", "a.txt", version="1.1"), cache_key(b"text", "b.txt", version="1.0"),
                cache_key(b"texts", "a.txt", version="1.0")}) == 4


def test_a_corrupt_entry_is_analysed_again(tmp_path) -> None:
    story = tmp_path / "story.txt"
    story.write_text("Anna loved Tom.", encoding="utf-8")
    analyse = CountingAnalyser()
    cached_analysis(story, cache_dir=tmp_path / "c", analyse=analyse)
    [entry] = (tmp_path / "c").glob("*.json")
    entry.write_text("{not json", encoding="utf-8")
    _, hit = cached_analysis(story, cache_dir=tmp_path / "c", analyse=analyse)
    assert not hit and analyse.calls == 2
    assert json.loads(entry.read_text(encoding="utf-8"))["schema"] == "heartline/analysis/v2"


def test_an_unwritable_cache_still_answers(tmp_path, capsys) -> None:
    story = tmp_path / "story.txt"
    story.write_text("Anna loved Tom.", encoding="utf-8")
    blocker = tmp_path / "file"
    blocker.write_text("x")
    analysis, hit = cached_analysis(story, cache_dir=blocker / "sub", analyse=CountingAnalyser())
    assert not hit and analysis["relations"]
    assert "cannot cache" in capsys.readouterr().err


def test_a_missing_story_is_an_input_error(tmp_path) -> None:
    with pytest.raises(InputError):
        cached_analysis(tmp_path / "nope.txt", cache_dir=tmp_path / "c", analyse=CountingAnalyser())


def test_default_dir_follows_xdg(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert default_cache_dir() == tmp_path / "heartline" / "analysis"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert default_cache_dir() == tmp_path / "home" / ".cache" / "heartline" / "analysis"


def test_version_is_part_of_the_key(monkeypatch, tmp_path) -> None:
    story = tmp_path / "story.txt"
    story.write_text("Anna loved Tom.", encoding="utf-8")
    analyse = CountingAnalyser()
    cached_analysis(story, cache_dir=tmp_path / "c", analyse=analyse)
    monkeypatch.setattr(cache, "__version__", "99.0")
    monkeypatch.setattr(cache.cache_key, "__defaults__", ("99.0",))
    _, hit = cached_analysis(story, cache_dir=tmp_path / "c", analyse=analyse)
    assert not hit and analyse.calls == 2
