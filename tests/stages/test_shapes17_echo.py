"""Issue 17: two idol-fic conventions read in any story.  A chat message ("**handle:** text")
is talk, so the "he" that opens the next paragraph gives the handle's owner no gender (the
one who reads a message is seldom the one who sent it); and a quote that is only a name and
a question mark, answering a question, echoes the name: it is said to the one who asked, so
a "she" in the same speaker's next words can be the one named.  Every name here is
invented and appears in no development story."""
from __future__ import annotations

from heartline.stages.coref import _with_opening_votes

CHAT_THEN_READER = (
    "handles: ysolde = Ysolde Arkwright, pellam = Pellam Lark.\n\n"
    "Pellam Lark sat on the stairs with his phone. Pellam had been waiting all day.\n\n"
    "**ysolde:** are you coming\n"
    "**ysolde:** i saved you a seat\n"
    "**ysolde:** ok reply a little\n\n"
    "He read them twice and grinned.\n\n"
    "**ysolde:** soundcheck at six\n"
    "**ysolde:** bring the good cables\n"
    "**ysolde:** and snacks\n\n"
    "He put the phone away and went to find the cables.\n\n"
    "Ysolde Arkwright was a drummer in another band. She drummed better, by most accounts.\n"
)


def test_a_chat_line_gives_no_gender_to_its_sender_from_the_next_he(run) -> None:
    results = run(CHAT_THEN_READER)
    handle = next(m for m in results["mentions"].items if m.kind == "speaker")
    sender = results["cast"].name_links[handle.index]
    votes = _with_opening_votes({}, results["document"], results["mentions"], results["cast"].name_links, {})
    assert votes.get(sender, [0.0, 0.0])[0] == 0.0  # no "male" vote from "He read them twice"
    assert results["coref"].genders[sender] != "male"


def test_a_paragraph_of_narration_still_gives_its_one_person_a_gender(run) -> None:
    # the same story with the messages told in narration: the "he" that opens the next
    # paragraph is the one just brought on
    told = CHAT_THEN_READER.replace("**ysolde:** are you coming\n**ysolde:** i saved you a seat\n"
                                    "**ysolde:** ok reply a little", "Ysolde Arkwright came up the stairs.")
    results = run(told)
    sender = next(c.id for c in results["cast"].characters if c.id.endswith("arkwright"))
    votes = _with_opening_votes({}, results["document"], results["mentions"], results["cast"].name_links, {})
    assert votes.get(sender, [0.0, 0.0])[0] > 0.0


ECHO = (
    "Pellam Lark played bass. Orsola Dunmere played drums in another band, and Pellam saw Orsola on "
    "Sundays. Ysolde Voss managed the band.\n\n"
    "Ysolde found Pellam in the corridor after the show.\n\n"
    '"Is it you?" Ysolde asked. "You and the drummer from the other band?"\n\n'
    '"Orsola?" Pellam laughed. "Ma\'am. She\'s like my cousin. That\'s all it is."\n\n'
    "Ysolde kept her eyes on him a while.\n"
)


def _quote(results, start: str):
    return next(q for q in results["speakers"] if q.text.startswith(start))


def test_a_name_echoed_as_a_question_is_said_to_the_one_who_asked(run) -> None:
    results = run(ECHO)
    q = _quote(results, "Orsola?")
    assert q.speaker.startswith("pellam")
    assert q.addressee == "ysolde_voss"
    after = _quote(results, "Ma'am")
    assert after.addressee == "ysolde_voss"
    she = next(m for m in results["mentions"].items if m.text == "She" and m.quote == after.index)
    assert results["links"].links.get(she.index) .startswith("orsola")


def test_a_name_called_out_as_a_question_still_calls(run) -> None:
    # no question before it: "Orsola?" called into the house is said to her
    results = run(ECHO.replace('"Is it you?" Ysolde asked. "You and the drummer from the other band?"',
                               "Ysolde said nothing at all."))
    q = _quote(results, "Orsola?")
    assert q.addressee .startswith("orsola")


ANSWERED = (
    "Ilka Ferreday and Quillan Oduya shared a bench in the lab. Dr. Voss came round with his clipboard.\n\n"
    '"Your flask is filthy," Voss said to Ilka.\n\n'
    '"It was clean this morning," said Quillan. "Leave her alone."\n\n'
    '"Carry on," Voss said, and walked off.\n\n'
    '"I could kiss you," Ilka whispered.\n\n'
    '"Absolutely not," said Quillan.\n'
)


def test_talk_is_said_to_the_one_who_answers_it(run) -> None:
    q = _quote(run(ANSWERED), "I could kiss you")
    assert q.speaker.startswith("ilka")
    assert q.addressee.startswith("quillan")
    assert q.addressed == "answer"


def test_an_untagged_answer_leaves_the_conversation_s_guess(run) -> None:
    # no tag names who answers: the listener stays the conversation's own guess
    q = _quote(run(ANSWERED.replace('"Absolutely not," said Quillan.', '"Absolutely not."')), "I could kiss you")
    assert q.addressed != "answer"
