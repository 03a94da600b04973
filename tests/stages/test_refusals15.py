"""Issue 15: cold lines with no feeling word -- a refusal of all help ("not if he was on fire")
and scorn weighed ("I'd sooner kiss a toad") -- are dislike from the one saying it to the one
refused.  Invented names and sentences."""
from __future__ import annotations

INTRO = "Ysolde Fenwick met Dario Prewitt and Odo Marsh at the fair. "
PAIR = ("ysolde_fenwick", "dario_prewitt")


def cues(run, text: str, pair: tuple[str, str] = PAIR) -> list[tuple[str, str]]:
    return [(e.kind, e.cue) for e in run(text)["evidence"] if (e.experiencer, e.target) == pair]


def test_refusing_help_to_a_man_on_fire_is_dislike(run) -> None:
    text = INTRO + 'Ysolde folded her arms. "Throw Dario a line? Not if he was on fire," she said.'
    assert ("dislike", "refuse:not-if-dire") in cues(run, text)


def test_a_man_on_fire_helped_is_no_refusal(run) -> None:
    text = INTRO + 'Ysolde folded her arms. "Throw Dario a line if he was on fire," she said.'
    assert not any(kind == "dislike" for kind, _cue in cues(run, text))


def test_not_spitting_on_someone_is_dislike(run) -> None:
    text = INTRO + '"I wouldn\'t spit on Dario if he were on fire," said Ysolde.'
    assert ("dislike", "refuse:not-spit-on") in cues(run, text)


def test_a_vile_thing_preferred_to_the_one_addressed_is_dislike(run) -> None:
    text = INTRO + '"Marry you, Dario? I\'d sooner kiss a wet toad," Ysolde said.'
    assert ("dislike", "scorn:sooner-vile") in cues(run, text)


def test_a_pleasant_thing_preferred_is_no_scorn(run) -> None:
    text = INTRO + '"Dance, Dario? I\'d sooner kiss a pretty girl," Ysolde said.'
    assert not any(kind == "dislike" for kind, _cue in cues(run, text))


def test_scorn_inside_talk_of_a_crush_is_left_alone(run) -> None:
    text = INTRO + '"You have a crush on Dario!" said Odo. ' \
        '"A crush? Dario, I\'d sooner kiss a wet toad," Ysolde said to Dario.'
    assert not any(cue.startswith("scorn:") for _kind, cue in cues(run, text))


def test_anything_rather_than_be_someone_is_dislike(run) -> None:
    text = INTRO + '"I\'d rather sleep in a ditch than be you, Dario," said Ysolde.'
    assert ("dislike", "scorn:sooner-than-be") in cues(run, text)


def test_each_refusal_row_matches_its_own_example() -> None:
    import re

    from heartline.stages.evidence import REFUSALS
    for row_id, pattern, example in REFUSALS:
        assert re.search(pattern, example, re.IGNORECASE), row_id
