"""Issue 17, reader-insert: an untagged quote opening a paragraph that calls by name the one
who spoke just before is the answer of the one that turn was said to (``speakers.answered_calls``):
in a reader-insert fic the reader's untagged "Hi, Zorah." is the reader's, not said by whoever
the scene last named.  Every name here is invented and appears in no development story."""
from __future__ import annotations

_OPENING = ('Late Bloom | Ludo Pemberly x Reader\n\n━━━━━━━━━━━━━━━\n\n'
            'The florist opens at eight, and you are always the first one in. You unlock the door, you flip the '
            'sign, you put the kettle on. Ludo Pemberly is already there anyway, trimming stems at the back bench.'
            '\n\n"Morning, Sprout," he says, without looking up.\n\n'
            '"Morning," you say, and you tie your apron. You have never told him how you take your tea, and there '
            'is a mug of it waiting for you by the till.\n\n'
            'Zorah Kettering comes in at nine, which is late, and drops her bag on the counter you just cleaned.'
            '\n\n"Oh," Zorah mutters at the sight of you. "You\'re on the till again."\n\n')
_AFTER = ('"Ludo." Her tone warms at once. "Would you carry the buckets out for me?"\n\n'
          'Ludo says "sure" and follows her out. You watch them go, and you tell yourself you do not mind.\n\n'
          '"(Y/N)," Ludo calls from the yard. "Bring the twine?"\n')


def _said(analysis, opening: str):
    ids = {c.name: c.id for c in analysis.characters}
    return next(q for q in analysis.quotes if q.text.startswith(opening)), ids


def test_an_untagged_call_answers_the_one_who_spoke(analyse) -> None:
    analysis = analyse(_OPENING + '"Hi, Zorah."\n\n' + _AFTER)
    said, ids = _said(analysis, "Hi, Zorah")
    assert said.speaker == "reader"  # the scorer alone gave it to Ludo
    assert said.addressee == ids["Zorah Kettering"]


def test_a_tagged_call_keeps_its_tag(analyse) -> None:
    analysis = analyse(_OPENING + '"Hi, Zorah," Ludo says from the back.\n\n' + _AFTER)
    said, ids = _said(analysis, "Hi, Zorah")
    assert said.speaker != "reader" and said.addressee == ids["Zorah Kettering"]
