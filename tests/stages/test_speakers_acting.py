"""Stage ``speakers``: the one acting before a quote when the tagger gives them no subject's part
(a voice's owner; a name misread as an adverbial)."""
from __future__ import annotations

from heartline.stages import speakers

HEARD = ('Quillan and Perpetua had gone in an hour before to cook. Ysolde and Bram sat on the porch steps until dark.\n\n'
         '"It is cold," said Ysolde.\n\n'
         '"Go in, then," said Bram.\n\n'
         'Upstairs a window slammed; then Perpetua laughed, and next Quillan\'s voice saying, '
         '"Supper is ready, love."')


def credits(run, text: str) -> list[tuple[str, str | None, str | None]]:
    return [(q.text, q.speaker, q.addressee) for q in run(text)["speakers"]]


def test_the_owner_of_a_voice_saying_the_words_speaks(run) -> None:
    assert credits(run, HEARD)[-1][:2] == ("Supper is ready, love.", "quillan")


def test_a_voice_only_heard_takes_no_turn_in_the_talk_going_on(run, monkeypatch) -> None:
    # Quillan is not in the porch talk: his words are not addressed by its turns (to Bram, who spoke last)
    assert run(HEARD)["speakers"][-1].addressed != "turn"
    monkeypatch.setattr(speakers, "_NEWCOMER_NOT_TURN", False)
    assert run(HEARD + "\n")["speakers"][-1].addressed == "turn"


def test_a_name_read_as_an_adverbial_before_its_verb_speaks(run) -> None:
    # the tagger reads a "-day" name after "At breakfast" as a time ("Aunt Merriday": npadvmod)
    text = ('Aunt Merriday had come for the weekend. Bram and Ysolde came down late.\n\n'
            'At breakfast Aunt Merriday looked at them both and said, "I knew it."')
    assert credits(run, text)[-1][:2] == ("I knew it.", "aunt_merriday")
