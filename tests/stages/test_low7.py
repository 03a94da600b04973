"""Stage ``evidence`` (issue 15, the stories under 0.50 and the novels): greetings kissed on the
cheek, a child's address to a parent, thanks that are manners, care that is put on.  Invented names."""
from __future__ import annotations

import pytest

from heartline.stages.evidence import THANKS_ROWS

INTRO = "Ilsa Varr met Tobin Cray at the fair. "


def evidence(run, text: str, exp: str = "ilsa_varr", tgt: str = "tobin_cray"):
    return [e for e in run(INTRO + text)["evidence"] if (e.experiencer, e.target) == (exp, tgt)]


@pytest.mark.parametrize("sentence", [
    "Ilsa Varr kissed Tobin Cray on both cheeks.",
    "Ilsa Varr kissed Tobin Cray on the forehead and went out.",
])
def test_a_kiss_on_the_cheek_is_a_greeting(run, sentence) -> None:
    found = evidence(run, sentence)
    assert [(e.cue, e.kind, e.how) for e in found] == [("touch:part", "affection", "implied")], found


def test_a_kiss_on_the_mouth_stays_a_kiss(run) -> None:
    found = evidence(run, "Ilsa Varr kissed Tobin Cray on the mouth.")
    assert [e.kind for e in found] == ["romantic"], found


def test_love_said_to_a_father_is_family_love(run) -> None:
    text = ('Tobin Cray came home at dusk. "I love you, Father," said Ilsa Varr to Tobin Cray. '
            '"I have loved you all my life."')
    found = [e for e in evidence(run, text) if not e.negated]
    assert found and {e.kind for e in found} == {"affection"}, found


@pytest.mark.parametrize("quote,weight", [
    ('"Thank you, Tobin," said Ilsa Varr.', 0.5),
    ('"Thank you, sir," said Ilsa Varr to Tobin Cray.', 0.25),
    ('"Thanks, Mr. Cray," said Ilsa Varr.', 0.25),
    ('"Thank you, but I had rather walk," said Ilsa Varr to Tobin Cray.', None),
    ('"No, thank you," said Ilsa Varr to Tobin Cray.', None),
])
def test_thanks_that_are_manners(run, quote, weight) -> None:
    text = 'Tobin Cray held the door. "After you, Ilsa," said Tobin Cray. ' + quote
    found = [e for e in evidence(run, text) if e.cue == "thanks"]
    assert [e.weight for e in found] == ([] if weight is None else [weight]), found


def test_thanks_rows_carry_examples() -> None:
    for row_id, _pattern, weight, example in THANKS_ROWS:
        assert row_id.startswith("thanks:") and 0 <= weight < 0.5 and example


@pytest.mark.parametrize("sentence", [
    "Ilsa Varr pretended to adore Tobin Cray.",
    "Ilsa Varr feigned affection for Tobin Cray.",
    "Ilsa Varr showed a false fondness for Tobin Cray.",
])
def test_care_put_on_is_no_care(run, sentence) -> None:
    found = evidence(run, sentence)
    assert found and all(e.refuted for e in found), found


def test_a_hidden_act_is_not_a_pretence(run) -> None:
    found = evidence(run, "Ilsa Varr hugged Tobin Cray in a hurry and pretended she hadn't.")
    assert found and not any(e.refuted for e in found), found


def test_a_pretended_fondness_makes_no_relation(run) -> None:
    text = ("Ilsa Varr pretended to adore Tobin Cray. Ilsa Varr pretended to love Tobin Cray. "
            "Ilsa Varr feigned affection for Tobin Cray.")
    rels = [r for r in run(INTRO + text)["rule_relations"] if (r.source, r.target) == ("ilsa_varr", "tobin_cray")]
    assert not [r for r in rels if r.current], rels


def test_i_could_kiss_you_is_gladness(run) -> None:
    found = evidence(run, '"I could kiss you, Tobin," said Ilsa Varr, when the key turned.')
    assert [(e.kind, e.weight <= 0.3) for e in found] == [("affection", True)], found


def test_a_kiss_wished_plainly_stays_romance(run) -> None:
    found = evidence(run, '"I want to kiss you, Tobin," said Ilsa Varr.')
    assert found and all(e.kind == "romantic" for e in found), found


def test_not_saying_i_love_him_is_a_denial(run) -> None:
    found = evidence(run, 'Tobin Cray waved and went home.\n\n"I\'m not saying I adore him, mind," said Ilsa Varr.')
    found = [e for e in found if e.cue == "adore"]
    assert [(e.negated, e.how) for e in found] == [(True, "denied")], found


def test_not_saying_what_another_feels_is_no_denial_of_ones_own(run) -> None:
    found = evidence(run, 'Mara Lind came in.\n\n"I\'m not saying Tobin Cray loves you, Mara," said Ilsa Varr.',
                     exp="tobin_cray", tgt="mara_lind")
    assert found and not any(e.negated for e in found), found


def test_a_for_read_as_a_dative_still_names_the_one_pledged_to(run) -> None:
    found = evidence(run, 'Tobin Cray waved and went home.\n\n"I don\'t love him. I would just die for him, which '
                          'is different," said Ilsa Varr.')
    assert any(e.kind == "affection" and not e.negated for e in found), found


@pytest.mark.parametrize("sentence", [
    '"It was never true that Ilsa Varr loved Tobin Cray," said Mara Lind.',
    "It was not true that Ilsa Varr was in love with Tobin Cray.",
    "People said Ilsa Varr adored Tobin Cray, but it was a lie.",
])
def test_a_feeling_called_untrue_is_refuted(run, sentence) -> None:
    found = evidence(run, sentence)
    assert found and all(e.refuted for e in found), found


def test_a_feeling_called_true_stands(run) -> None:
    found = evidence(run, "It was true that Ilsa Varr loved Tobin Cray.")
    assert found and not any(e.refuted for e in found), found
