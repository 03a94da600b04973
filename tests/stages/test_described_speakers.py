"""Speakers the speech tag describes but who are no character ("said the old man")."""
from __future__ import annotations

import pytest

from heartline.stages.speakers import described_id, description_key


def quotes(run, text: str) -> list[tuple[str, str | None, str]]:
    return [(q.text, q.speaker, q.speaker_description) for q in run(text)["speakers"]]


def test_description_key_leaves_out_articles_and_case() -> None:
    assert description_key("The old man") == description_key("an old man") == "old man"
    assert described_id(2, "the old man") == described_id(2, "An old man") != described_id(3, "the old man")


@pytest.mark.parametrize("text, described", [
    ('Orla Vane walked to the well.\n\n"The water is low this year," said the old ferryman.', "the old ferryman"),
    ('Orla Vane walked to the well.\n\n"The water is low this year," his mother replied.', "his mother"),
    ('Orla Vane walked to the well. The stranger said, "The water is low this year."', "the stranger"),
])
def test_a_described_tag_subject_speaks_as_a_description(run, text, described) -> None:
    got = quotes(run, text)
    assert got[-1][1] is None
    assert got[-1][2] == described


def test_a_character_tag_keeps_its_speaker_and_no_description(run) -> None:
    got = quotes(run, 'Orla Vane walked to the well.\n\n"The water is low," said Orla.')
    assert got == [("The water is low,", "orla_vane", "")]


def test_a_voice_or_a_note_is_no_described_speaker(run) -> None:
    got = quotes(run, 'Orla Vane walked to the well.\n\n"Beware," said the note.')
    assert got[0][2] == ""


def test_a_pronoun_tag_after_a_described_speaker_is_that_speaker(run) -> None:
    text = ('Orla Vane waited at the ferry.\n\n'
            '"Are you crossing tonight?" asked the old ferryman, lifting his lantern.\n\n'
            '"If you will take me," Orla said.\n\n'
            '"Two coins," he said.')
    got = quotes(run, text)
    assert got[0][1:] == (None, "the old ferryman")
    assert got[1][1] == "orla_vane"
    assert got[2][1:] == (None, "the old ferryman")


def test_the_analysis_json_carries_the_description(analyse) -> None:
    analysis = analyse('Orla Vane walked to the well.\n\n"The water is low this year," said the old ferryman.')
    row = analysis.to_json()["quotes"][0]
    assert row["speaker"] is None and row["speaker_description"] == "the old ferryman"
