"""Issue 17: "I like X" said in one's own voice is a regard (affection) unless the two court in
the text, a crush is talked of around it, or ``LIKING_ROMANCE_ROWS`` says how it is meant.
Invented names and sentences."""
from __future__ import annotations

INTRO = "Ysolde Fenwick met Dario Prewitt and Odo Marsh at the fair. "
PAIR = ("ysolde_fenwick", "dario_prewitt")


LIKE_CUES = ("like", "likes", "liked")


def kinds(run, text: str, pair: tuple[str, str] = PAIR, cues: tuple[str, ...] | None = LIKE_CUES) -> list[str]:
    """The kinds of the pair's evidence (of the ``cues`` words only, unless None)."""
    return [e.kind for e in run(text)["evidence"]
            if (e.experiencer, e.target) == pair and (cues is None or e.cue.lower() in cues)]


def test_liking_said_in_ones_own_voice_is_regard(run) -> None:
    text = INTRO + '"I like Dario," Ysolde told Odo. "He fixed the cart wheel without being asked."'
    assert kinds(run, text) == ["affection"]


def test_liking_said_that_way_is_romance(run) -> None:
    text = INTRO + '"I like Dario that way, I think," Ysolde told Odo.'
    assert kinds(run, text) == ["romantic"]


def test_liking_held_since_long_ago_is_romance(run) -> None:
    text = INTRO + '"I have liked Dario since the spring fair," Ysolde told Odo.'
    assert kinds(run, text) == ["romantic"]


def test_liking_with_a_crush_talked_of_is_romance(run) -> None:
    text = INTRO + ('"You have a crush on him," Odo said to Ysolde.\n\n'
                    '"Fine. I like Dario," Ysolde told Odo.')
    assert kinds(run, text) == ["romantic"]


def test_liking_between_two_who_kiss_is_romance(run) -> None:
    text = INTRO + ('Ysolde kissed Dario on the mouth by the well.\n\n'
                    '"I like Dario," Ysolde told Odo. "He fixed the cart wheel."')
    assert kinds(run, text) == ["romantic"]


def test_liking_claimed_by_someone_else_stays_romance(run) -> None:
    text = INTRO + '"You know Ysolde likes Dario," Odo told the baker.'
    assert kinds(run, text) == ["romantic"]


def test_a_regard_does_not_make_a_pledge_romance(run) -> None:
    # the first reading's "I like you" must not pair the two, or the pledge would read romance
    text = INTRO + ('"I like you, Dario," Ysolde said.\n\n'
                    '"I would walk through fire for you, Ysolde," Dario said.')
    pledges = [e.kind for e in run(text)["evidence"]
               if (e.experiencer, e.target) == ("dario_prewitt", "ysolde_fenwick")]
    assert pledges and "romantic" not in pledges


def love_kinds(run, text: str, pair: tuple[str, str] = PAIR) -> list[str]:
    return kinds(run, text, pair, cues=None)


def test_love_boasted_by_the_one_loved_is_regard(run) -> None:
    text = INTRO + '"She adores me no end," Dario told Odo, of Ysolde. "She hides it well."'
    assert love_kinds(run, text) == ["affection"]


def test_you_love_me_said_in_teasing_is_regard(run) -> None:
    text = INTRO + '"Go on, you love me," Dario told Ysolde, grinning.'
    assert love_kinds(run, text) == ["affection"]


def test_you_love_me_between_two_who_kiss_is_romance(run) -> None:
    text = INTRO + 'Ysolde kissed Dario on the mouth by the well.\n\n"Go on, you love me," Dario told Ysolde, grinning.'
    assert love_kinds(run, text) == ["romantic", "romantic"]


def test_love_claimed_by_a_third_person_stays_romance(run) -> None:
    text = INTRO + '"You know Ysolde loves Dario," Odo told the baker.'
    assert love_kinds(run, text) == ["romantic"]
