"""Issue 17, letters: a greeting that calls its reader by a name the cast lacks leaves the
letter's addressee unknown, rather than the one who happens to stand beside the writer in the
narration before it.  Every name and sentence here is invented."""
from __future__ import annotations

import pytest

from heartline.api import default_pipeline
from heartline.formats.text import story_from_text
from heartline.stages import speakers
from heartline.stages.quotes import greeting_names

_SCENE = (
    "Corvin Thimbleby came in with the lamp and set it on the chart table. \"You're up late,\" he said.\n\n"
    "\"I'm always up late,\" said Ysolde Penhallow. Corvin shrugged and went out again, and Ysolde "
    "took up her pen.\n\n"
    "~~~\n\n"
    "*Wick,*\n\n"
    "*You will never read this. I have loved you since the harbour, and I will love you when they hang me. "
    "I think of you every night.*\n\n"
    "*Ysolde*\n\n"
    "~~~\n\n"
    "She creased it twice and locked it away. Corvin knocked again at dawn. \"Breakfast,\" he said.\n"
)


def _letters(res):
    return [q for q in res["speakers"] if q.kind == "letter"]


def test_greeting_names_reads_the_greeting_lines() -> None:
    text = "Dear Diary,\n\nToday was long.\n"
    assert greeting_names(text, 0, len("Dear Diary,\n")) == ["Diary"]
    assert greeting_names("*Wick,*\n\nYou will never read this.", 0, len("*Wick,*\n")) == ["Wick"]
    assert greeting_names("You will never read this.", 0, 0) == []


def test_a_greeting_to_someone_unknown_is_no_guess(run) -> None:
    res = run(_SCENE)
    letters = _letters(res)
    assert letters, "the letter is not found"
    assert all(q.addressee is None for q in letters)
    # nobody of the cast is its reader, so its love goes to no one there
    assert not any(e.kind == "romantic" and "love" in e.cue.lower() for e in res["evidence"])


def test_without_the_rule_the_letter_goes_to_the_one_beside(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(speakers, "GREETED_UNKNOWN", False)
    letters = _letters(default_pipeline().run(story=story_from_text(_SCENE, title="Test")))
    assert letters and any(q.addressee is not None for q in letters)
