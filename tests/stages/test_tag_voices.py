"""A voice as a speech tag's subject ('"…," cried his mother's voice', '"…," called the voice of the old
porter'): the voice's owner is the speaker (speakers._TAG_VOICES; speaker_features._voice_verb)."""
from __future__ import annotations

import pytest

from heartline.stages import speakers
from heartline.stages.speaker_features import explicit_mentions
from heartline.stages.speakers import describe_speakers


def _described(run, text: str) -> list[str]:
    r = run(text)
    found = describe_speakers(r["document"], r["quote_spans"], r["mentions"], r["coref"])
    return [m.text for m in found.mentions]


@pytest.mark.parametrize("tag, owner", [
    ("cried his grandmother's voice", "his grandmother"),
    ("called the voice of the old porter", "the old porter"),
])
def test_the_owner_of_a_tag_voice_is_the_described_speaker(run, tag, owner) -> None:
    text = f'Pellam Varde climbed the back stairs in the dark.\n\n"Mind the loose board," {tag}.'
    assert owner in _described(run, text)
    got = [(q.speaker, q.speaker_description) for q in run(text)["speakers"]]
    assert got == [(None, owner)]


def test_an_unseen_voice_is_no_described_speaker(run) -> None:
    # measured and dropped: "a voice" as a speaker of its own (it is most often someone who talks on)
    text = 'Pellam Varde climbed the back stairs in the dark.\n\n"Mind the loose board," called a hoarse voice.'
    assert not [w for w in _described(run, text) if "voice" in w]


def test_off_with_its_switch(run, monkeypatch) -> None:
    monkeypatch.setattr(speakers, "TAG_VOICES", False)
    text = 'Pellam Varde climbed the back stairs in the dark.\n\n"Mind the loose board," cried his grandmother\'s voice.'
    assert "his grandmother" not in _described(run, text)


def test_a_characters_voice_makes_the_quote_explicit(run, monkeypatch) -> None:
    text = ('Pellam Varde and Wenna Orle climbed the back stairs in the dark.\n\n'
            '"Mind the loose board," cried Wenna\'s voice from below.')
    r = run(text)
    said = explicit_mentions(r["document"], r["quote_spans"], r["mentions"], r["coref"])
    assert [m.text for m in said.values()] == ["Wenna"]
    monkeypatch.setattr(speakers, "TAG_VOICES", False)
    assert not explicit_mentions(r["document"], r["quote_spans"], r["mentions"], r["coref"])
