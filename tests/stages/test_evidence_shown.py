"""Stage ``evidence``: feelings shown, not named (issue 15, recall): the ``BEHAVIOUR_ROWS`` --
touch, care, protection, a pledge to follow, a guarding threat.  Each is ``implied``, its cue the row's id,
the one who acts the experiencer.  Invented names."""
from __future__ import annotations

import pytest

from heartline.stages.evidence import BEHAVIOUR_ROWS

INTRO = "Ilsa Varr met Tobin Cray at the fair. "


def evidence(run, text: str, exp: str = "ilsa_varr", tgt: str = "tobin_cray"):
    return [e for e in run(INTRO + text)["evidence"] if (e.experiencer, e.target) == (exp, tgt)]


@pytest.mark.parametrize("sentence,cue,kind", [
    ("Ilsa Varr squeezed Tobin Cray's shoulder.", "touch:part", "affection"),
    ("Ilsa Varr stroked Tobin Cray's hair until he slept.", "touch:part", "affection"),
    ("Ilsa Varr kissed the top of Tobin Cray's head.", "touch:part", "affection"),
    ("Ilsa Varr put a hand on Tobin Cray's arm.", "touch:hand-on", "affection"),
    ("Ilsa Varr laid her hand on the back of Tobin Cray's neck.", "touch:hand-on", "affection"),
    ("Ilsa Varr leaned her head against Tobin Cray's shoulder.", "touch:lean", "affection"),
    ("Ilsa Varr held on to Tobin Cray in the crowd.", "touch:cling", "affection"),
    ("Ilsa Varr brought Tobin Cray a bowl of broth.", "care:gift", "affection"),
    ("Ilsa Varr knitted a scarf for Tobin Cray.", "care:gift", "affection"),
    ("Ilsa Varr carried Tobin Cray up to bed.", "care:tend", "affection"),
    ("Ilsa Varr stepped between Tobin Cray and the hound.", "protect:between", "affection"),
    ("Ilsa Varr rescued Tobin Cray from the flood.", "protect:save", "affection"),
    ("Ilsa Varr would follow Tobin Cray to the ends of the earth.", "pledge:follow", "affection"),
    ("Ilsa Varr poisoned Tobin Cray at the harvest supper.", "harm:scheme", "dislike"),
    ("Ilsa Varr framed Tobin Cray for the theft of the seal.", "harm:scheme", "dislike"),
    ("Ilsa Varr plotted against Tobin Cray all winter.", "harm:plot-against", "dislike"),
])
def test_behaviour_rows(run, sentence, cue, kind) -> None:
    found = evidence(run, sentence)
    assert [(e.cue, e.kind, e.how) for e in found] == [(cue, kind, "implied")], found


def test_acts_told_in_a_quote_are_still_implied(run) -> None:
    found = evidence(run, '"Ilsa Varr brought Tobin Cray a bowl of soup every night," said Mara Lind.')
    assert [(e.cue, e.how) for e in found] == [("care:gift", "implied")], found


@pytest.mark.parametrize("sentence", [
    "Ilsa Varr handed Tobin Cray the ledger.",  # a thing handed over is no care
    "Ilsa Varr put a hand on her own knee while Tobin Cray talked.",  # her own knee
    "Ilsa Varr followed Tobin Cray to the station.",  # an errand, not a pledge
    "Ilsa Varr carried Tobin Cray's bags.",  # a task
    "Ilsa Varr held the lamp to Tobin Cray's face.",  # "hold" needs its "on"
    "Ilsa Varr stood between the cart and the wall while Tobin Cray watched.",  # nobody shielded
    "Ilsa Varr poisoned the rats in the cellar while Tobin Cray watched.",  # no person harmed
    "Ilsa Varr turned against the wind while Tobin Cray watched.",  # "against" no person
    '"Do that again and I will feed you to the pigs, Tobin Cray," said Ilsa Varr.',  # a threat
])
def test_acts_that_show_nothing(run, sentence) -> None:
    assert evidence(run, sentence) == []


def test_one_act_alone_is_under_the_threshold(run) -> None:
    """Behaviour is weak evidence: one touch makes no relation by itself; several do."""
    one = run(INTRO + "Ilsa Varr squeezed Tobin Cray's shoulder.")["rule_relations"]
    assert not [r for r in one if (r.source, r.target) == ("ilsa_varr", "tobin_cray")]
    two = run(INTRO + "Ilsa Varr squeezed Tobin Cray's shoulder. Ilsa Varr brought Tobin Cray a bowl of broth."
              )["rule_relations"]
    assert not [r for r in two if (r.source, r.target) == ("ilsa_varr", "tobin_cray")]
    many = run(INTRO + "Ilsa Varr squeezed Tobin Cray's shoulder. Ilsa Varr brought Tobin Cray a bowl of broth. "
               "Ilsa Varr stepped between Tobin Cray and the hound. Ilsa Varr carried Tobin Cray up to bed."
               )["rule_relations"]
    assert [(r.kind, r.how) for r in many if (r.source, r.target) == ("ilsa_varr", "tobin_cray")] == [
        ("affection", "implied")]


def test_every_row_has_an_id_an_example_and_a_weak_weight() -> None:
    ids = [row.id for row in BEHAVIOUR_ROWS]
    assert len(ids) == len(set(ids))
    for row in BEHAVIOUR_ROWS:
        assert row.example and row.cue.shown == row.id and row.cue.implied
        assert row.cue.weight <= 0.6


@pytest.mark.parametrize("quote", [
    '"If you hurt Tobin Cray, I will drown you in the well," Ilsa Varr said to Mara Lind.',
    '"If you make Tobin Cray cry, I will know," Ilsa Varr said to Mara Lind.',
    '"If you are trifling with Tobin Cray, I will know," Ilsa Varr said to Mara Lind.',
    # ("told": with "said to Mara Lind, and nodded at ..." the cast misses Mara Lind, the addressee
    # falls back to the scene's Tobin Cray, and a quote's he/she is not the one it says "you" to)
    '"If you break his heart, I will know," Ilsa Varr told Mara Lind, and nodded at Tobin Cray.',
])
def test_a_guarding_threat_is_the_speakers_care_for_the_one_guarded(run, quote) -> None:
    found = evidence(run, quote)
    assert [(e.cue, e.kind, e.how, e.weight) for e in found][:1] == [
        ("protect:if-harmed", "affection", "implied", 0.5)], found


def test_a_guarding_threat_is_no_feeling_for_the_one_threatened(run) -> None:
    text = '"If you hurt Tobin Cray, I will drown you in the well," Ilsa Varr said to Mara Lind.'
    assert evidence(run, text, "ilsa_varr", "mara_lind") == []
    # a plain threat, with no one guarded, is nothing at all
    assert evidence(run, '"I will drown you in the well," Ilsa Varr said to Tobin Cray.') == []


def test_behaviour_never_tips_a_pair_over_the_threshold(run) -> None:
    """A thank-you (under the threshold alone) and a touch beside it make no relation: the touch is
    the judge's to weigh."""
    rels = run(INTRO + "Ilsa Varr thanked Tobin Cray. Ilsa Varr squeezed Tobin Cray's shoulder.")["rule_relations"]
    assert not [r for r in rels if (r.source, r.target) == ("ilsa_varr", "tobin_cray")]
    found = evidence(run, "Ilsa Varr thanked Tobin Cray. Ilsa Varr squeezed Tobin Cray's shoulder.")
    assert [e.cue for e in found] == ["thanked", "touch:part"]


def test_a_hostile_act_alone_makes_a_dislike(run) -> None:
    """Harm done on purpose is no manners: unlike one touch, one poisoning counts by itself."""
    rel = run(INTRO + "Ilsa Varr poisoned Tobin Cray at the harvest supper.")["rule_relations"]
    assert [(r.kind, r.how) for r in rel if (r.source, r.target) == ("ilsa_varr", "tobin_cray")] == [
        ("dislike", "implied")]
    assert not [row.id for row in BEHAVIOUR_ROWS if row.id.startswith("harm:") and row.weak]
