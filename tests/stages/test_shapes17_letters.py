"""Issue 17, letters: a parent named by the family name, and love passed on in a letter.
Every name here is invented."""
from __future__ import annotations

_LETTERS = (
    "THE WET SPRING\n\n"
    "Brindlemoor, 4th April\n\n"
    "Dear Brannoc,\n\n"
    "You have been gone a week. Pella Crane says I am to tell you she has taken your chair. "
    "Mrs Wendle at the bakery asked after you twice, which is twice more than she asks after anybody.\n\n"
    "I walked up to see your mother on Sunday. She gave me tea and did not once mention you, "
    "which is how I knew she was thinking of nothing else. Your mother sends her love.\n\n"
    "Your friend, as ever,\nMorwen\n\n"
    "* * *\n\n"
    "Fort Kell, 9th May\n\n"
    "Dear Morwen,\n\n"
    "Brannoc Marrick here, still alive. The sergeant shouts and I march. Give Pella my love, and tell "
    "her the chair is mine by right. Give Mr Wendle my fondest regards.\n\n"
    "I think about you every day.\n\n"
    "Ever yours,\nBrannoc\n\n"
    "* * *\n\n"
    "Brindlemoor, 2nd June\n\n"
    "Dear Brannoc,\n\n"
    "Mrs Marrick came to the door with a basket for me today. Your mother is very kind. Pella says hello.\n\n"
    "Your friend,\nMorwen\n"
)


def _ids(res) -> dict[str, str]:
    return {c.name: c.id for c in res["characters"]}


def test_your_mother_in_a_letter_is_the_addressees_mother_by_family_name(run) -> None:
    res = run(_LETTERS)
    ids = _ids(res)
    mothers = [m for m in res["mentions"].items if m.kind == "relational" and m.head == "mother"]
    assert mothers, "no 'your mother' mention"
    # written to Brannoc Marrick: his mother is Mrs Marrick, not Mrs Wendle who is nearer
    assert {res["links"].links.get(m.index) for m in mothers} == {ids["Mrs Marrick"]}
    # the "she" after it is his mother too
    text = res["story"].text
    she = next(m for m in res["mentions"].items if text[m.start:m.end] == "She" and m.quote is not None)
    assert res["links"].links.get(she.index) == ids["Mrs Marrick"]


def test_love_sent_in_a_letter_goes_from_sender_to_the_one_it_is_for(run) -> None:
    res = run(_LETTERS)
    ids = _ids(res)
    sent = {(e.experiencer, e.target, e.kind) for e in res["evidence"] if "love" in e.cue.lower()
            and e.kind == "affection"}
    assert (ids["Mrs Marrick"], ids["Brannoc Marrick"], "affection") in sent
    assert (ids["Brannoc Marrick"], ids["Pella Crane"], "affection") in sent
    # regards are left alone: as often sarcasm as not
    assert not any(e.target == ids.get("Mr Wendle") for e in res["evidence"] if "regards" in e.cue.lower())


def test_no_family_name_no_guess(run) -> None:
    text = _LETTERS.replace("Brannoc Marrick here, still alive. ", "").replace("Mrs Marrick", "Mrs Tilley")
    res = run(text)
    mothers = [m for m in res["mentions"].items if m.kind == "relational" and m.head == "mother"]
    ids = _ids(res)
    # Brannoc has no family name in this text, so "your mother" is not read as any Mrs
    assert all(res["links"].links.get(m.index) not in (ids.get("Mrs Wendle"), ids.get("Mrs Tilley"))
               for m in mothers)


def test_a_wife_or_an_in_law_is_not_read_from_the_family_name(run) -> None:
    text = ("Corvin Fitch came home late. His wife was asleep, and his mother-in-law was not. "
            "Mrs Fitch had waited up for him with the lamp lit.\n\n"
            "\"Your mother waited up,\" said Ysella Bellis, at the door.\n")
    res = run(text)
    ids = _ids(res)
    links = res["links"].links
    heads = {m.head: links.get(m.index) for m in res["mentions"].items if m.kind == "relational"}
    assert heads.get("wife") != ids.get("Mrs Fitch")
    in_law = [m for m in res["mentions"].items if m.kind == "relational" and text[m.end:].startswith("-in-law")]
    assert all(links.get(m.index) != ids.get("Mrs Fitch") for m in in_law)


# ------------------------------------------------------------------ the reader is "you"
_CAFE = (
    "Night Shift | Corvin Marrick x Reader\n\npairing: Corvin Marrick x Reader\n\n━━━━━━━━━━━━━━━\n\n"
    "Mr. Wendle comes out of the back office at six with a clipboard he doesn't need.\n\n"
    "\"(L/N),\" he grunts. \"Milk order came in short again. Marrick, did you touch the grinder?\"\n\n"
    "\"Define touch,\" says Corvin.\n\n"
    "\"He likes you, you know,\" Corvin says, once the office door has shut. \"He only shouts at the ones he likes.\"\n\n"
    "You look at the pastry case for a long time. You have liked Corvin for a year, and you are not going to say so. "
    "You tie your apron. You wipe the counter you wiped an hour ago, and you tell yourself your face is not hot.\n\n"
    "You take the bins out. When you come back, your cup is waiting at your station, and you drink it.\n\n"
    "\"Go home, (Y/N),\" Mr. Wendle says at five. He shoves a box of scones into your hands.\n"
)


def test_no_he_or_she_is_the_reader(run) -> None:
    from heartline.stages.coref import third_person
    from heartline.stages.reader import READER_ID

    assert not third_person(READER_ID) and third_person("corvin_marrick")
    res = run(_CAFE)
    assert any(c.id == READER_ID for c in res["characters"])
    links = res["links"].links
    text = res["story"].text
    third = [m for m in res["mentions"].items if m.kind == "pronoun" and m.person == 3
             and text[m.start:m.end].lower() in ("he", "she", "him", "her", "his")]
    assert third and all(links.get(m.index) != READER_ID for m in third)
