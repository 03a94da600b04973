"""Present-tense speech tags after a quote ('"Go," Zuzana whispers.'): the name is the subject.

The small parser reads "Zuzana whispers" as one noun phrase (the name a ``compound`` of the
verb, or the verb a plural noun); ``parse.repair_verb_compounds`` makes the name the
verb's subject again, so the tag gives the speaker."""
from __future__ import annotations

import pytest

from heartline.stages.parse import load_parser, repair_verb_compounds


def _deps(sentence: str) -> dict[str, tuple[str, str]]:
    doc = load_parser()(sentence)
    toks = repair_verb_compounds([(t.idx, t.text, t.lemma_.lower(), t.pos_, t.tag_, t.dep_, t.head.i,
                                   t.ent_type_) for t in doc])
    return {t[1]: (t[5], toks[t[6]][1]) for t in toks}


@pytest.mark.parametrize("sentence, name, verb", [
    ('"I love him," Zuzana whispers, awed.', "Zuzana", "whispers"),
    ('"Fine," Zuzana Kettlewell mutters.', "Kettlewell", "mutters"),
    ('"Go," Captain Marlo Vance says.', "Vance", "says"),
])
def test_a_name_before_a_present_tense_tag_verb_is_its_subject(sentence, name, verb) -> None:
    assert _deps(sentence)[name] == ("nsubj", verb)


def test_a_plural_noun_after_a_name_outside_a_tag_stays_a_noun() -> None:
    deps = _deps("The Brindle mutters were loud.")
    assert deps["mutters"][0] == "nsubj" and deps["Brindle"] == ("compound", "mutters")


@pytest.mark.parametrize("text", [
    'Juno sat down across from Zuzana.\n\n"I love him," Zuzana whispers, awed.',
    'Juno sat down across from Zuzana.\n\n"I love him," Zuzana whispered, awed.',
])
def test_the_present_tense_tag_gives_the_speaker(run, text) -> None:
    quotes = run(text)["speakers"]
    assert [(q.text, q.speaker) for q in quotes] == [("I love him,", "zuzana")]


# A reader-insert fic: talk taken up again after narration is to the reader, not to the
# last person the speaker called by name before that narration.
RESUMED = ('Lark Quillane x Reader\n\npairing: Lark Quillane x Reader\n\n━━━━━━━━━━━━━━━\n\n'
           'You and Odalie Quarry take the corner table, as always. You have worked here for a year, '
           'and you know your regulars. You wave at the window. You sit down and you stretch.\n\n'
           '"(Y/N), you look dead," Odalie says.\n\n'
           '"Hey! Odalie!" Tamsin Reede waves on his way to the counter.\n\n'
           '"Tamsin," Odalie says flatly, and lifts the menu.\n\n'
           'At the counter, Lark takes his order. You shake your head at him, and Lark nods.\n\n'
           '"He is a good one," Odalie whispers. "Keep him."\n')


def test_reader_insert_talk_after_narration_is_to_the_reader(run) -> None:
    quotes = {q.text: q for q in run(RESUMED)["speakers"]}
    assert quotes["Tamsin,"].addressee == "tamsin"
    assert quotes["He is a good one,"].speaker in ("odalie", "odalie_quarry")
    assert quotes["He is a good one,"].addressee == "reader"
    assert quotes["Keep him."].addressee == "reader"
