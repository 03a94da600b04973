"""Issue 15, stories the morning round lowered: a part an actor played, judged in passing ("played a
very wooden Orsino"), is no person; a full name said once under another family's surname is the
person of its given name, not a second one.  Invented names and sentences."""
from __future__ import annotations

from heartline.stages.characters import _ROLE, _Entity, _taken_surnames

# --- a part judged in passing (characters._ROLE) --------------------------------------------


def _roles(text: str) -> set[str]:
    return {(m.group("role") or m.group("role2")) for m in _ROLE.finditer(text)}


def test_a_judged_part_is_a_role() -> None:
    assert _roles("At college he once played a very wooden Orsino.") == {"Orsino"}
    assert _roles("She played a brilliant Tybalt; he plays a good Quince.") == {"Tybalt", "Quince"}


def test_a_game_played_with_someone_is_no_role() -> None:
    assert _roles("They played a game with Wenna and then played chess against Odo.") == set()
    assert _roles("He played a song Wenna wrote.") == set()


def _names(results) -> list[str]:
    return [c.name for c in results["characters"]]


PLAY = ("Odo Vantreen set the table while Wenna Halloway watched him. \"You're good at this,\" Wenna said. "
        "Odo laughed. He had once played a truly dreadful Malvolio at school, and he still bowed like it. "
        "\"Sit down,\" Odo said, and Wenna sat.")


def test_a_judged_part_is_no_character(run) -> None:
    names = _names(run(PLAY))
    assert "Odo Vantreen" in names and not any("Malvolio" in n for n in names)


# --- a full name under a taken surname (characters._taken_surnames) --------------------------


def _entity(key: str, mentions: int) -> _Entity:
    words = key.split()
    e = _Entity(frozenset(words))
    e.keys.add((key, ""))
    e.mentions.extend([object()] * mentions)  # type: ignore[list-item]
    e.given.add(words[0])
    e.surnames.add(words[-1])
    return e


def test_a_name_said_once_under_a_taken_surname_joins_its_given_name() -> None:
    orla, tam, taken = _entity("orla vantreen", 3), _entity("tam quennick", 4), _entity("orla quennick", 1)
    assert _taken_surnames([orla, tam, taken]) == [(taken, orla)]


def test_a_second_name_said_twice_is_a_second_person() -> None:
    orla, tam, other = _entity("orla vantreen", 3), _entity("tam quennick", 4), _entity("orla quennick", 2)
    assert _taken_surnames([orla, tam, other]) == []


def test_no_family_of_that_surname_no_taking() -> None:
    orla, other = _entity("orla vantreen", 3), _entity("orla quennick", 1)
    assert _taken_surnames([orla, other]) == []


COVER = ("Orla Vantreen had hidden in the hold for a week when Tam Quennick found her. \"Orla Vantreen?\" "
         "the officer read from his list. \"Orla Quennick,\" said Tam, stepping up. \"My cousin.\" "
         "Orla kept her eyes down. Quennick grinned at the officer. \"Quennick, stop,\" Orla said. "
         "Tam laughed. Orla smiled at Tam.")


def test_a_cover_name_is_no_second_person(run) -> None:
    names = _names(run(COVER))
    assert not any(n == "Orla Quennick" for n in names), names
    assert sum(n.startswith("Orla") for n in names) == 1, names
