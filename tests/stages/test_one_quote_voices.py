"""One-quote voices: a tag subject that is someone new each time ("said another", "cried one of the
women", "somebody exclaimed") speaks the quote it tags and no other (speakers.ONE_QUOTE)."""
from __future__ import annotations

import pytest

from heartline.stages import speakers
from heartline.stages.speakers import describe_speakers, offered_to, one_quote_of

_MARKET = ('Iselde Pardoe crossed the fish market at dawn.\n\n'
           '"The boats are late again," said one of the gutters.\n\n'
           '"They always are in a fog," said another.\n\n'
           '"Then we wait," Iselde said.')


def _voices(run, text: str) -> dict[str, list[str]]:
    r = run(text)
    found = describe_speakers(r["document"], r["quote_spans"], r["mentions"], r["coref"])
    out: dict[str, list[str]] = {}
    for m in found.mentions:
        out.setdefault(found.links[m.index], []).append(m.text)
    return out


def test_one_quote_ids_name_their_quotes() -> None:
    assert one_quote_of("~2~another@5") == (5,)
    assert one_quote_of("~0~somebody@1+2") == (1, 2)
    assert one_quote_of("~2~old ferryman") is None and one_quote_of(None) is None and one_quote_of("iselde") is None
    assert offered_to("~2~another@5", 5) and not offered_to("~2~another@5", 6)
    assert offered_to("~2~old ferryman", 6) and offered_to("iselde", 6)


def test_each_time_tag_subjects_are_voices_of_their_own_quote(run) -> None:
    voices = _voices(run, _MARKET)
    ids = sorted(cid for cid in voices if one_quote_of(cid) is not None)
    assert [voices[cid] for cid in ids] == [["another"], ["one of the gutters"]]
    assert one_quote_of(ids[0]) == (1,) and one_quote_of(ids[1]) == (0,)


def test_a_voice_speaks_its_own_quote_only(run) -> None:
    got = [(q.speaker, q.speaker_description) for q in run(_MARKET)["speakers"]]
    assert got[0] == (None, "one of the gutters")
    assert got[1] == (None, "another")
    assert got[2][0] == "iselde_pardoe"


def test_an_untagged_turn_after_a_voice_is_not_that_voice(run) -> None:
    # turn-taking alone would give the last line to "another" (the one before the one before)
    text = ('Iselde Pardoe crossed the fish market at dawn.\n\n'
            '"Where are the boats?" Iselde asked.\n\n'
            '"They always are late in a fog," said another.\n\n'
            '"Not this late in the season."\n\n'
            '"Late enough for us."')
    got = [(q.speaker, q.speaker_description) for q in run(text)["speakers"]]
    assert got[1] == (None, "another")
    assert got[3][1] != "another"


def test_a_tag_between_two_quotes_is_one_voice_for_both(run) -> None:
    text = ('Iselde Pardoe stood at the back of the hall.\n\n'
            '"Louder!" somebody shouted, "we cannot hear you at the back!"')
    voices = _voices(run, text)
    assert [one_quote_of(cid) for cid in voices if one_quote_of(cid) is not None] == [(0, 1)]


@pytest.mark.parametrize("tag", ["said the other", "said the little one"])
def test_a_particular_person_is_no_one_quote_voice(run, tag) -> None:
    text = f'Iselde Pardoe crossed the fish market at dawn.\n\n"The boats are late again," {tag}.'
    assert not [cid for cid in _voices(run, text) if one_quote_of(cid) is not None]


def test_off_with_its_switch(run, monkeypatch) -> None:
    monkeypatch.setattr(speakers, "ONE_QUOTE_VOICES", False)
    assert not [cid for cid in _voices(run, _MARKET) if one_quote_of(cid) is not None]


def test_an_inquired_tag_names_its_described_speaker(run) -> None:
    text = 'Iselde Pardoe crossed the fish market at dawn.\n\n"Are the boats in?" inquired the old netmender.'
    got = [(q.speaker, q.speaker_description) for q in run(text)["speakers"]]
    assert got == [(None, "the old netmender")]
