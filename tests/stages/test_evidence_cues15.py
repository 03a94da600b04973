"""Stage ``evidence``: the general cues of issue 15 (hostile verbs, romance idioms, insults,
pledges, the ends of passives and relatives, hearsay and mistaken beliefs).  Invented names."""
from __future__ import annotations

import pytest

from heartline.stages.evidence import ADJ_CUES, NOUN_CUES, VERB_CUES
from heartline.stages.lexicon import INSULT_NOUNS

INTRO = "Tamsin Orley met Bram Haddow at the fair. "


def hits(run, text: str) -> list[tuple[str, str, str, str]]:
    return [(e.experiencer, e.target, e.kind, e.how) for e in run(text)["evidence"]]


def evidence(run, text: str, exp: str = "tamsin_orley", tgt: str = "bram_haddow"):
    return [e for e in run(text)["evidence"] if (e.experiencer, e.target) == (exp, tgt)]


@pytest.mark.parametrize("sentence,kind", [
    ("Tamsin Orley could not abide Bram Haddow.", "dislike"),
    ("Tamsin Orley envied Bram Haddow.", "dislike"),
    ("Tamsin Orley fell for Bram Haddow in a week.", "romantic"),
    ("Tamsin Orley was sweet on Bram Haddow.", "romantic"),
    ("Tamsin Orley was mad about Bram Haddow.", "romantic"),
    ("Tamsin Orley had carried a torch for Bram Haddow since school.", "romantic"),
    ("Tamsin Orley was devoted to Bram Haddow.", "affection"),
    ("Tamsin Orley felt a deep loathing for Bram Haddow.", "hatred"),
    ("Tamsin Orley held a grudge against Bram Haddow.", "dislike"),
])
def test_cue_rows(run, sentence, kind) -> None:
    found = evidence(run, INTRO + sentence)
    assert [(e.kind, e.how) for e in found] == [(kind, "narrated")], found


def test_can_abide_says_nothing(run) -> None:
    assert evidence(run, INTRO + "Tamsin Orley could abide Bram Haddow.") == []


def test_a_thing_needs_its_verb(run) -> None:
    """ "has a thing for him" is a crush; "bought the thing for him" is shopping."""
    assert [e.kind for e in evidence(run, INTRO + "Tamsin Orley had a thing for Bram Haddow.")] == ["romantic"]
    assert evidence(run, INTRO + "Tamsin Orley bought the thing for Bram Haddow.") == []


def test_not_trusting_is_dislike(run) -> None:
    found = evidence(run, INTRO + '"I don\'t trust Bram Haddow," said Tamsin Orley.')
    assert [(e.kind, e.how, e.negated) for e in found] == [("dislike", "stated", False)]


def test_romance_idiom_said_by_a_third_is_no_evidence(run) -> None:
    """ "she's sweet on him", said by someone else, is gossip's idiom and too often a tease."""
    text = INTRO + '"Tamsin Orley is sweet on Bram Haddow," said Ila Wenlock.'
    assert evidence(run, text) == []
    text = INTRO + '"I am sweet on Bram Haddow," said Tamsin Orley.'
    assert [(e.kind, e.how) for e in evidence(run, text)] == [("romantic", "stated")]


def test_insult_predicated_of_a_person(run) -> None:
    text = 'Odo Brisk came in. Wenna Hale frowned. "Odo is a toad," said Wenna.'
    assert hits(run, text) == [("wenna", "odo", "dislike", "stated")]


def test_insult_negated_is_negated(run) -> None:
    text = 'Odo Brisk came in. Wenna Hale frowned. "Odo is not a coward," said Wenna.'
    assert [e.negated for e in run(text)["evidence"]] == [True]


def test_pledge_is_warmth_for_the_one_it_is_for(run) -> None:
    text = INTRO + '"I would swim a cold river for Bram Haddow," Tamsin Orley said to Ila Wenlock.'
    assert [(e.kind, e.how) for e in evidence(run, text)] == [("affection", "stated")]


def test_an_errand_is_no_pledge(run) -> None:
    assert evidence(run, INTRO + '"I will go for Bram Haddow," Tamsin Orley said.') == []


def test_passive_agent_feels_it_for_the_subject(run) -> None:
    found = evidence(run, INTRO + "Bram Haddow was adored by Tamsin Orley.")
    assert [(e.kind, e.cue) for e in found] == [("romantic", "adored")]
    assert evidence(run, INTRO + "Bram Haddow was adored by Tamsin Orley.", "bram_haddow", "tamsin_orley") == []


def test_feeling_for_a_body_part_is_for_its_owner(run) -> None:
    assert [e.kind for e in evidence(run, INTRO + "Tamsin Orley hated Bram Haddow's guts.")] == ["hatred"]


def test_sight_of_someone(run) -> None:
    found = evidence(run, INTRO + "Tamsin Orley could not abide the sight of Bram Haddow.")
    assert [e.kind for e in found] == ["dislike"]


def test_mistaken_belief_is_refuted(run) -> None:
    text = INTRO + '"I thought you hated me," Bram Haddow said to Tamsin Orley.'
    found = evidence(run, text)
    assert [(e.kind, e.how, e.refuted) for e in found] == [("hatred", "claimed", True)]


def test_hearsay_weighs_less_and_a_denial_refutes_it(run) -> None:
    plain = evidence(run, INTRO + '"Tamsin Orley loves Bram Haddow," said Ila Wenlock.')
    rumour = evidence(run, INTRO + '"People say Tamsin Orley loves Bram Haddow," said Ila Wenlock.')
    assert [e.how for e in plain] == [e.how for e in rumour] == ["claimed"]
    assert rumour[0].weight < plain[0].weight and not rumour[0].refuted
    denied = evidence(run, INTRO + '"People say Tamsin Orley loves Bram Haddow," said Ila Wenlock.\n\n'
                      '"I do not love Bram Haddow," said Tamsin Orley.')
    assert [(e.how, e.refuted) for e in denied] == [("claimed", True), ("denied", False)]


def test_narrated_hearsay_is_a_claim(run) -> None:
    found = evidence(run, INTRO + "They said in the village that Tamsin Orley loved Bram Haddow.")
    assert [e.how for e in found] == ["claimed"]


def test_rumour_refuted_is_not_counted(run) -> None:
    text = INTRO + ('"People say Tamsin Orley loves Bram Haddow," said Ila Wenlock.\n\n'
                    '"I do not love Bram Haddow," said Tamsin Orley.')
    relations = run(text)["rule_relations"]
    assert not any((r.source, r.target) == ("tamsin_orley", "bram_haddow") and r.current for r in relations)


def test_rows_are_general_english() -> None:
    """Cue rows are dictionary words (no names, no fandom words)."""
    words = set(VERB_CUES) | set(ADJ_CUES) | set(NOUN_CUES) | set(INSULT_NOUNS)
    assert all(w.isalpha() and w.islower() for w in words)
