"""Issue 17, letters: the place a letter is dated from ("Brindlemoor, 4th April") is no person,
even where the letters then speak of it as they would of one ("the whole of Brindlemoor has
married us off").  Every name here is invented."""
from __future__ import annotations

from heartline.stages.characters import datelined

_LETTERS = (
    "Brindlemoor, 4th April\n\n"
    "Dear Corvin,\n\n"
    "You have been gone a week. The whole of Brindlemoor has decided that you and I are engaged, "
    "and Pella Thimbleby has told everyone twice. I walked up to the mill with Pella on Sunday.\n\n"
    "Your friend,\nYsolde\n\n"
    "* * *\n\n"
    "Fort Kell, May 9th\n\n"
    "Dear Ysolde,\n\n"
    "Tell Brindlemoor what it likes. The sergeant shouts and I march. Give Pella my love.\n\n"
    "Yours,\nCorvin\n\n"
    "* * *\n\n"
    "Brindlemoor, the 2nd of June, 1916\n\n"
    "Dear Corvin,\n\n"
    "Brindlemoor says hello. So does Pella.\n\n"
    "Your friend,\nYsolde\n"
)


def test_datelines_name_their_places() -> None:
    assert datelined(_LETTERS) == {"brindlemoor", "fort kell"}
    # a name and a date that are not a line of their own are no dateline
    assert datelined("She wrote to Ysolde, 4th April being her birthday.\n") == set()
    assert datelined("Ysolde, come here.\n") == set()


def test_the_place_a_letter_is_dated_from_is_no_character(run) -> None:
    res = run(_LETTERS)
    names = {w for c in res["characters"] for a in c.aliases for w in a.split()}
    assert "Brindlemoor" not in names
    assert {"Pella", "Ysolde"} <= names
