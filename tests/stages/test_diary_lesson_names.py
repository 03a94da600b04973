"""Issue 17, diaries: a lesson named after "in" is no part of the name after it ("In Geography
Corvin passed me a note"), so the boy is one person, not "Geography Corvin" and "Chemistry
Corvin Thimbleby".  Every name and sentence here is invented."""
from __future__ import annotations

_DIARY = (
    "Monday\n\nDear Diary,\n\n"
    "In Chemistry Corvin Thimbleby lent me his pencil and drew a snail on it. Just a snail. "
    "Corvin sits next to me now because Mr Quilley moved me.\n\n"
    "Tuesday\n\nDear Diary,\n\n"
    "Corvin said hello at the gate. In Geography Corvin passed me a note with another snail on it. "
    "I have stuck it in my wardrobe.\n\n"
    "Wednesday\n\nDear Diary,\n\n"
    "Young Wenna came to tea. Young Wenna is six and eats only toast. I read to Young Wenna after tea.\n"
)


def _names(res) -> set[str]:
    return {" ".join(m.text.split()) for m in res["mentions"].items if m.kind == "name"}


def test_a_lesson_after_in_is_not_part_of_the_name(run) -> None:
    names = _names(run(_DIARY))
    assert "Corvin Thimbleby" in names and "Corvin" in names
    assert not any(n.startswith(("Chemistry ", "Geography ")) for n in names)


def test_a_name_said_again_keeps_its_first_word(run) -> None:
    # "Young Wenna" is found three times, once after "to": a name, not a lesson
    assert "Young Wenna" in _names(run(_DIARY))
