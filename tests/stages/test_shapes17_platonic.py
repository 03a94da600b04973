"""Issue 17 shapes: love said platonically ("in the least romantic way", "non-romantically",
"not like that"), love from a person who says they are aromantic, and an ex's wish to have the
romance back ("I want us back").  Invented names and sentences."""
from __future__ import annotations

INTRO = "Ysolde Fenwick met Dario Prewitt and Odo Marsh at the fair. "
PAIR = ("ysolde_fenwick", "dario_prewitt")


def kinds(run, text: str, pair: tuple[str, str] = PAIR) -> list[str]:
    return [e.kind for e in run(text)["evidence"] if (e.experiencer, e.target) == pair]


def test_love_qualified_as_the_least_romantic_is_regard(run) -> None:
    text = INTRO + '"I love you in the least romantic sense a person can," Ysolde told Dario.'
    assert "affection" in kinds(run, text) and "romantic" not in kinds(run, text)


def test_a_qualifier_opening_the_next_sentence_counts(run) -> None:
    text = INTRO + '"I love you, Dario. Non-romantically. With my whole chest," Ysolde said.'
    assert "affection" in kinds(run, text) and "romantic" not in kinds(run, text)


def test_not_like_that_after_love_is_regard(run) -> None:
    text = INTRO + '"I love you, Dario," Ysolde said. "Not like that. Like a lighthouse."'
    assert "romantic" not in kinds(run, text)


def test_plain_love_stays_romance(run) -> None:
    text = INTRO + '"I love you, Dario," Ysolde said. "I have loved you since spring."'
    assert "romantic" in kinds(run, text)


def test_a_romantic_word_elsewhere_in_the_next_sentence_is_no_qualifier(run) -> None:
    # the qualifier must open the next sentence; a later "not romantic" about a day is no qualifier
    text = INTRO + '"I love you, Dario," Ysolde said. "Tuesday is a day that is not romantic at all."'
    assert "romantic" in kinds(run, text)


def test_a_self_declared_aromantic_persons_love_is_regard(run) -> None:
    text = INTRO + ('"I\'m aro, Dario. Always have been," Ysolde said.\n\n'
                    '"I love you, Dario," Ysolde said later. "You are my person."')
    assert "romantic" not in kinds(run, text) and "affection" in kinds(run, text)


def test_someone_elses_aromantic_word_changes_nobody_else(run) -> None:
    text = INTRO + ('"I\'m aro, Ysolde," Odo said.\n\n'
                    '"I love you, Dario," Ysolde said later. "I have loved you since spring."')
    assert "romantic" in kinds(run, text)


def test_an_ex_asking_for_the_romance_back_is_romance(run) -> None:
    text = INTRO + ('Ysolde had left him in June.\n\n'
                    '"Please, Ysolde," Dario said. "I messed up. I want us back."')
    assert "romantic" in kinds(run, text, ("dario_prewitt", "ysolde_fenwick"))


def test_talk_of_someone_else_getting_back_together_is_no_wish(run) -> None:
    text = INTRO + '"He wants to get back together," Ysolde told Dario. "Odo does."'
    assert "romantic" not in kinds(run, text, ("ysolde_fenwick", "dario_prewitt"))


def test_wanting_us_to_do_something_is_no_wish(run) -> None:
    text = INTRO + '"I want us to leave before the rain," Dario told Ysolde.'
    assert "romantic" not in kinds(run, text, ("dario_prewitt", "ysolde_fenwick"))


def test_thanks_said_sweet_as_arsenic_is_a_sneer(run) -> None:
    text = INTRO + '"Thanks, Dario," Ysolde said, sweet as arsenic, and tipped the tea into the sink.'
    assert kinds(run, text) and set(kinds(run, text)) == {"dislike"}


def test_thanks_said_plainly_stays_warm(run) -> None:
    text = INTRO + '"Thanks, Dario," Ysolde said, and drank the tea.'
    assert "affection" in kinds(run, text) and "dislike" not in kinds(run, text)


def test_mock_sweetness_in_another_paragraph_changes_nothing(run) -> None:
    text = INTRO + '"Thanks, Dario," Ysolde said.\n\nOdo smiled, sweet as arsenic, at the vicar.'
    assert "dislike" not in kinds(run, text)


def test_a_vow_to_see_someone_hang_is_hatred(run) -> None:
    text = INTRO + '"You burned my mill, Dario," Ysolde said. "I will see you hang for it."'
    assert "hatred" in kinds(run, text)


def test_seeing_someone_fall_asleep_is_no_vow(run) -> None:
    text = INTRO + '"I will see you fall asleep before the fire, Dario," Ysolde said, laughing.'
    assert "hatred" not in kinds(run, text)


def test_a_kill_joke_is_not_read_as_a_vow(run) -> None:
    text = INTRO + '"I\'m going to kill you, Dario," Ysolde said, and threw a cushion at him.'
    assert "hatred" not in kinds(run, text)


CHAT_HEARTS = ("Ysolde Fenwick and Dario Prewitt had a chat of their own.\n\n"
               "**ysolde:** are you still at the rink\n"
               "**dario:** yes. come by?\n"
               "**ysolde:** ok. save me a seat dario ♡\n")


def test_a_heart_signing_off_a_message_is_regard(run) -> None:
    results = run(CHAT_HEARTS)
    hearts = [e for e in results["evidence"] if e.cue == "heart"]
    assert hearts and all(e.experiencer.startswith("ysolde") and e.target.startswith("dario")
                          and (e.kind, e.how) == ("affection", "implied") for e in hearts)


def test_a_heart_inside_a_message_is_no_sign_off(run) -> None:
    text = CHAT_HEARTS.replace("save me a seat dario ♡", "the ♡ on the ice is melting dario")
    assert not [e for e in run(text)["evidence"] if e.cue == "heart"]


def test_an_ill_wish_is_dislike_from_the_one_who_hopes(run) -> None:
    text = INTRO + '"I hope Dario steps on a drawing pin tonight," Ysolde said.'
    assert "dislike" in kinds(run, text)


def test_an_ill_wish_on_something_of_theirs_counts(run) -> None:
    text = ('Ysolde Fenwick sat the exam that Dario Prewitt marked. Dario gave her a D.\n\n'
            '"I hope his pen runs out," Ysolde said.')
    assert "dislike" in kinds(run, text)


def test_a_kind_hope_is_no_ill_wish(run) -> None:
    text = INTRO + '"I hope Dario gets home safe," Ysolde said.'
    assert "dislike" not in kinds(run, text)
