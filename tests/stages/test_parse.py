"""The parse stage: the same document whatever the number of processes."""
from __future__ import annotations

import pytest

from heartline.formats.text import story_from_text
from heartline.stages import parse as parse_stage
from heartline.layout import segment_scenes

STORY = "\n\n".join(
    f'"Is it raining, {name}?" asked Ann. {name} looked at the window and said that it was. '
    f"She sighed, and they went out together anyway." for name in
    ["Tom", "Mia", "Rex", "Joe", "Kit", "Lea", "Sam", "Ida"]) + "\n"


def _document(monkeypatch, processes: int):
    monkeypatch.setenv("HEARTLINE_PROCESSES", str(processes))
    monkeypatch.setattr(parse_stage, "PARALLEL_MIN_CHARS", 0)  # a short text takes the parallel path too
    monkeypatch.setattr(parse_stage, "_BATCH", 2)  # eight paragraphs make four batches to share out
    story = story_from_text(STORY, title="Test")
    return parse_stage.parse(story, segment_scenes(story.text))


def test_two_processes_give_the_same_document_as_one(monkeypatch):
    one = _document(monkeypatch, 1)
    two = _document(monkeypatch, 2)
    assert len(one.tokens) > 100 and len(one.paragraphs) == 8
    assert two.tokens == one.tokens
    assert two.sentences == one.sentences
    assert two.paragraphs == one.paragraphs


def test_blocks_are_whole_batches_covering_every_paragraph(monkeypatch):
    monkeypatch.setattr(parse_stage, "_BATCH", 10)
    assert parse_stage._blocks(95, 2) == [(0, 50), (50, 95)]
    assert parse_stage._blocks(95, 3) == [(0, 30), (30, 70), (70, 95)]
    assert parse_stage._blocks(7, 4) == [(0, 7)]  # one batch cannot be shared


def test_the_number_of_processes_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("HEARTLINE_PROCESSES", "3")
    assert parse_stage.parse_processes() == 3
    monkeypatch.setenv("HEARTLINE_PROCESSES", "0")
    assert parse_stage.parse_processes() == 1
    monkeypatch.setenv("HEARTLINE_PROCESSES", "many")
    from heartline.errors import HeartlineError

    with pytest.raises(HeartlineError, match="HEARTLINE_PROCESSES"):
        parse_stage.parse_processes()


def test_excluded_spans_are_not_parsed() -> None:
    from heartline.api import default_pipeline
    from heartline.formats.text import story_from_text

    text = "Mia waited by the wall.\n\nA/N: Tom Reed is my favourite!\n\nTom came up the steps.\n"
    story = story_from_text(text)
    assert story.excluded
    document = default_pipeline(("parse",)).run(story=story)["document"]
    parsed = [text[s:e] for s, e in document.paragraphs]
    assert parsed == ["Mia waited by the wall.", "Tom came up the steps."]
