"""Issue 17, letters and diaries: a person praised past all others ("the kindest soul alive")
is the praiser's warmth for them -- the writer's in a letter, the diarist's in a diary.
Every name and sentence here is invented."""
from __future__ import annotations

from heartline.stages.evidence import PRAISE_ROWS

_LETTER = (
    "Brindlecott, 3rd May\n\n"
    "Dear Ottery,\n\n"
    "It has rained every day since you went. I share the kitchen with Wenna Pollard now, and one of "
    "the lodgers, Wenna, is the kindest soul alive, though she cannot keep a secret. She made the bread "
    "again. Is Corvin still the bravest man in the world? I doubt it.\n\n"
    "Your friend,\nYsolde\n\n"
    "* * *\n\n"
    "Thistlewood camp, 9th May\n\n"
    "Dear Ysolde,\n\n"
    "Corvin Fitch shares my tent. The sergeant here is a brute. Corvin says hello.\n\n"
    "Yours,\nOttery\n"
)


def _id(res, word: str) -> str | None:
    """The character whose name holds ``word`` (the display name may be the full name or not)."""
    return next((c.id for c in res["characters"] if word in c.name.split()), None)


def _praise(res) -> set[tuple[str, str, str]]:
    return {(e.experiencer, e.target, e.how) for e in res["evidence"] if e.cue.startswith("praise:")}


def test_rows_carry_an_example_their_pattern_reads() -> None:
    import re
    for row_id, pattern, example in PRAISE_ROWS:
        assert re.search(pattern, example, re.IGNORECASE), row_id


def test_praise_in_a_letter_is_the_writers_warmth(run) -> None:
    res = run(_LETTER)
    praise = _praise(res)
    assert _id(res, "Wenna") and (_id(res, "Ysolde"), _id(res, "Wenna"), "stated") in praise
    # asked, it praises no one ("Is Corvin still the bravest man in the world?")
    assert _id(res, "Corvin") and not any(t == _id(res, "Corvin") for _, t, _ in praise)


def test_praise_in_a_diary_is_the_diarists(run) -> None:
    text = ("Tuesday\n\nDear Diary,\n\nI missed the bus again. I ran all the way down Quarrow Street and I still "
            "missed it. \"Margery Tulk, you are late again,\" said Mr Quilley at the gate, and I said I knew. "
            "I sat at the back in Chemistry and I drew a horse. I drew another one. I think my horses are "
            "getting better. I am not sure my Chemistry is. Perpetua Greaves walked me home after, and "
            "Perpetua is the best girl alive, I have decided. I owe her a biscuit.\n\n"
            "Wednesday\n\nI did my homework. I did all of it, and I did it before tea, which I never do. "
            "Perpetua rang me at nine and I told her about the horse. I think I will be a vet. I told Mr Quilley "
            "I would be a vet and he said I would have to pass Chemistry first. I said I know. I know I "
            "know I know.\n\nThursday\n\nI forgot my kit. I had to do netball in my vest. I hate netball.\n")
    res = run(text)
    praised = {(e, t) for e, t, _ in _praise(res)}
    tamsin = _id(res, "Perpetua")
    assert tamsin and praised and all(t == tamsin and e != tamsin for e, t in praised)


def test_a_third_person_narrator_gives_praise_to_no_one(run) -> None:
    text = ("Ysolde Bramcote came down the lane at dusk. Wenna Pollard was at the gate, and Wenna is the "
            "kindest soul alive, everyone in the parish said so. Ysolde waved to her.\n\n"
            "Wenna waved back and went in.\n")
    res = run(text)
    assert not _praise(res)
