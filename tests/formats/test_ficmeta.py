"""FanFicFare's --json-meta file read beside a story: the author's tags verbatim and in order."""
from __future__ import annotations

import json

import pytest

from heartline.errors import InputError
from heartline.formats import read_story

# Written for this test in the shape FanFicFare's --json-meta gives for an AO3 work.
FFF_META = {
    "title": "Lanterns Over the Harbour",
    "author": "quietquill",
    "authorId": "quietquill",
    "authorUrl": "https://archiveofourown.org/users/quietquill",
    "storyId": "123456",
    "storyUrl": "https://archiveofourown.org/works/123456",
    "site": "archiveofourown.org",
    "siteabbrev": "ao3",
    "category": "Original Work",
    "fandoms": ["Original Work"],
    "characters": ["Tom Reed", "Anna Bell", "Mia Stone"],
    "ships": ["Tom Reed/Anna Bell", "Anna Bell & Mia Stone", "Mia Stone/Tom Reed"],
    "freeformtags": ["Slow Burn", "fluff and angst", "Mutual Pining"],
    "ao3categories": ["F/M"],
    "genre": "Slow Burn, fluff and angst, Mutual Pining, F/M",
    "warnings": ["No Archive Warnings Apply"],
    "rating": "Teen And Up Audiences",
    "status": "Completed",
    "language": "English",
    "description": "<p>Two lighthouse keepers &amp; one storm.</p>",
    "numChapters": "1",
    "numWords": "42",
    "datePublished": "2024-02-14",
    "dateUpdated": "2024-02-14",
    "dateCreated": "2024-03-01 10:00:00",
    "series": "",
}

TEXT = "Anna Bell loved Tom Reed.\n\n\"I love you, Tom,\" Anna said.\n"


@pytest.fixture()
def story(tmp_path):
    path = tmp_path / "lanterns.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def test_same_stem_json_is_merged_verbatim_in_order(story) -> None:
    story.with_suffix(".json").write_text(json.dumps(FFF_META), encoding="utf-8")
    s = read_story(story)
    assert s.title == "Lanterns Over the Harbour"
    assert s.info.archive == "fanficfare"
    assert s.info.relationships == ("Tom Reed/Anna Bell", "Anna Bell & Mia Stone", "Mia Stone/Tom Reed")
    assert s.info.characters == ("Tom Reed", "Anna Bell", "Mia Stone")
    assert s.info.additional_tags == ("Slow Burn", "fluff and angst", "Mutual Pining")  # never normalised
    assert s.info.fandoms == ("Original Work",) and s.info.categories == ("F/M",)
    assert s.info.rating == "Teen And Up Audiences" and s.info.url.endswith("/works/123456")
    assert s.info.summary == "Two lighthouse keepers & one storm."
    assert ("Status", "Completed") in s.info.extra and ("Words", "42") in s.info.extra
    assert s.text.startswith("Anna Bell loved")  # the metadata is never read as story


def test_comma_separated_lists_are_split_in_order(story, tmp_path) -> None:
    meta = {k: v for k, v in FFF_META.items() if k not in ("freeformtags", "fandoms")}
    meta["ships"] = "Tom Reed/Anna Bell, Anna Bell & Mia Stone"
    path = tmp_path / "other-name.json"
    path.write_text(json.dumps(meta), encoding="utf-8")
    s = read_story(story, meta=path)
    assert s.info.relationships == ("Tom Reed/Anna Bell", "Anna Bell & Mia Stone")
    assert s.info.additional_tags == ("Slow Burn", "fluff and angst", "Mutual Pining", "F/M")  # from genre
    assert s.info.fandoms == ("Original Work",)  # from category


def test_a_json_that_is_not_fanficfare_is_left_alone(story) -> None:
    story.with_suffix(".json").write_text(json.dumps({"schema": "heartline/analysis/v2", "title": "x"}),
                                          encoding="utf-8")
    assert read_story(story).info.is_empty


def test_an_explicit_meta_file_must_be_fanficfare(story, tmp_path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match="not valid JSON"):
        read_story(story, meta=bad)
    bad.write_text(json.dumps({"title": "x"}), encoding="utf-8")
    with pytest.raises(InputError, match="not FanFicFare JSON metadata"):
        read_story(story, meta=bad)
    with pytest.raises(InputError, match="no such metadata file"):
        read_story(story, meta=tmp_path / "missing.json")


def test_declared_tags_are_compared_with_heartlines(story, analyse_file) -> None:
    story.with_suffix(".json").write_text(json.dumps(FFF_META), encoding="utf-8")
    data = analyse_file(story)
    assert data["story"]["declared_tags"]["relationships"] == FFF_META["ships"]
    statuses = {c["tag"]: c["status"] for c in data["tags"]["compared"]}
    assert statuses["Tom Reed/Anna Bell"] == "agree"
    assert statuses["Mia Stone/Tom Reed"] == "unknown_name"  # Mia is never in the text


@pytest.fixture(scope="module")
def analyse_file():
    from heartline.api import analyze

    return lambda path: analyze(path).to_json()
