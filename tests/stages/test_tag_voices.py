"""A voice as a speech tag's subject ('"…," cried his mother's voice', '"…," called the voice of the old
porter'): the voice's owner is the speaker (speakers._TAG_VOICES; speaker_features._voice_verb)."""
from __future__ import annotations

import pytest

from heartline.stages import speaker_features, speakers
from heartline.stages.lexicon import speech_particle
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


# Two-word speech verbs in tags (lexicon.PHRASAL_SPEECH): '"…," broke in the ferryman', '"…," he went on'.

@pytest.mark.parametrize("tag, speaker", [
    ("broke in the old ferryman", "the old ferryman"),
    ("the old ferryman went on", "the old ferryman"),
    ("the old ferryman put in", "the old ferryman"),
])
def test_a_two_word_speech_verb_names_its_described_speaker(run, tag, speaker) -> None:
    text = f'Pellam Varde waited on the jetty in the rain.\n\n"The tide will not wait for us," {tag}.'
    assert speaker in _described(run, text)


def test_two_word_speech_verbs_off_with_their_switch(run, monkeypatch) -> None:
    monkeypatch.setattr(speaker_features, "PHRASAL_TAGS", False)
    text = 'Pellam Varde waited on the jetty in the rain.\n\n"The tide will not wait for us," broke in the old ferryman.'
    assert "the old ferryman" not in _described(run, text)


def test_a_verb_without_its_particle_is_no_speech_verb(run) -> None:
    r = run('Marrick went to the jetty.\n\n"Then," Marrick went on, "we wait for the tide."')
    toks = r["document"].tokens
    went = [t for t in toks if t.text == "went"]
    assert speech_particle(went[0], toks) is None
    assert speech_particle(went[1], toks) is not None
