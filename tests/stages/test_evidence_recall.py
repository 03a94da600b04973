"""Stage ``evidence``: the recall rows of issue 15 (longing, regard, care shown, scorn shown,
harm done to what someone owns).  Invented names."""
from __future__ import annotations

import pytest

INTRO = "Tamsin Orley met Bram Haddow at the fair. "


def evidence(run, text: str, exp: str = "tamsin_orley", tgt: str = "bram_haddow"):
    return [e for e in run(text)["evidence"] if (e.experiencer, e.target) == (exp, tgt)]


@pytest.mark.parametrize("sentence,kind,how", [
    ("Tamsin Orley longed for Bram Haddow all winter.", "romantic", "narrated"),
    ("Tamsin Orley felt a longing for Bram Haddow.", "romantic", "narrated"),
    ("Tamsin Orley worshipped Bram Haddow.", "affection", "narrated"),
    ("Tamsin Orley had great admiration for Bram Haddow.", "affection", "narrated"),
    ("Tamsin Orley worried about Bram Haddow.", "affection", "implied"),
    ("Tamsin Orley was worried about Bram Haddow.", "affection", "implied"),
    ("Tamsin Orley was fiercely protective of Bram Haddow.", "affection", "narrated"),
    ("Tamsin Orley shielded Bram Haddow from the blast.", "affection", "implied"),
    ("Tamsin Orley sneered at Bram Haddow.", "dislike", "implied"),
    ("Tamsin Orley mocked Bram Haddow.", "dislike", "implied"),
    ("Tamsin Orley was wary of Bram Haddow.", "dislike", "narrated"),
    ("Tamsin Orley was cruel to Bram Haddow.", "dislike", "implied"),
    ("Tamsin Orley made no secret of her distrust of Bram Haddow.", "dislike", "narrated"),
])
def test_recall_rows(run, sentence, kind, how) -> None:
    found = evidence(run, INTRO + sentence)
    assert [(e.kind, e.how) for e in found] == [(kind, how)], found


def test_longing_said_of_someone_by_a_third_is_no_evidence(run) -> None:
    """ "she's been longing for him", said by someone else, is gossip's idiom."""
    text = INTRO + '"Tamsin Orley longs for Bram Haddow," said Ila Wenlock.'
    assert evidence(run, text) == []


@pytest.mark.parametrize("sentence", [
    "Tamsin Orley sabotaged Bram Haddow's kite.",
    "Tamsin Orley sabotaged Bram Haddow.",
    "Tamsin Orley wrecked Bram Haddow's bicycle on purpose.",
])
def test_harm_to_someone_or_what_they_own(run, sentence) -> None:
    found = evidence(run, INTRO + sentence)
    assert [(e.kind, e.how) for e in found] == [("dislike", "implied")], found


def test_harm_to_a_thing_of_nobody_is_no_evidence(run) -> None:
    assert evidence(run, INTRO + "Tamsin Orley wrecked the cart while Bram Haddow watched.") == []
    # fond hyperbole: "ruining my life" is not read
    assert evidence(run, INTRO + "Tamsin Orley was ruining Bram Haddow's life, one muffin at a time.") == []


def test_worry_about_a_thing_is_no_evidence(run) -> None:
    assert evidence(run, INTRO + "Tamsin Orley worried about the harvest with Bram Haddow.") == []


@pytest.mark.parametrize("sentence,past", [
    ("Tamsin Orley had loathed Bram Haddow since the Corvey hearing ended.", False),  # parsed as a clause's "since"
    ("Tamsin Orley had hated Bram Haddow, but that was over.", True),
])
def test_a_feeling_held_since_then_is_not_past(run, sentence, past) -> None:
    found = evidence(run, INTRO + sentence)
    assert [(e.kind, e.past) for e in found] == [("hatred", past)], found
