"""Issue 17, reader-insert tags: an AU role the author's tag gives a person ("pilot!Ismay Corran
x Reader") is that person's epithet in the text ("Has Pilot Boy asked you yet?"), not a second
person (``characters._role_epithets``).  A gender before the reader ("f!reader") names no one.
Every name here is invented and appears in no development story."""
from __future__ import annotations

_HEADER = "Tailwind | Ismay Corran x Reader\n\npairing: {tag}\nwarnings: fluff\n\n━━━━━━━━━━━━━━━\n\n"
_BODY = ("The hangar is cold when you come in, and Ismay Corran is already under the wing of the old trainer, "
         "whistling. He waves a spanner at you without looking.\n\n"
         '"Morning," you say.\n\n'
         '"Morning yourself," says Ismay.\n\n'
         "At lunch Quennell Abbot drops into the seat across from you with a tray of chips. She has been your "
         "best friend since you were nine.\n\n"
         '"So," she says. "Has Pilot Boy asked you yet?"\n\n'
         '"There is nothing to ask." You steal a chip. "He is like that with everyone."\n\n'
         "You do not look at the hangar doors. You do not look at Ismay, who is walking over with two mugs, "
         "one of them yours.\n")


def _names(analysis) -> dict[str, tuple[str, ...]]:
    return {c.name: c.aliases for c in analysis.characters}


def test_a_role_the_tag_gives_is_that_persons_epithet(analyse) -> None:
    names = _names(analyse(_HEADER.format(tag="pilot!Ismay Corran x f!reader") + _BODY))
    assert "Pilot Boy" in names["Ismay Corran"]
    assert "Pilot Boy" not in names


def test_without_the_role_tag_the_epithet_stays_apart(analyse) -> None:
    names = _names(analyse(_HEADER.format(tag="Ismay Corran x f!reader") + _BODY))
    assert "Pilot Boy" not in names.get("Ismay Corran", ())
