"""Letters laid out as sections, plays told from headings, and transcript roles (issue 17 shapes)."""
from __future__ import annotations

from heartline.api import analyze_text

_EXCHANGE = (
    "THE LONG SPRING\n\n"
    "Harrowgate, 3rd April\n\n"
    "Dear Walter,\n\n"
    "I miss you terribly. The orchard is in flower and nobody here can talk about anything but the rain.\n\n"
    "Pella says I am to tell you she has taken your chair. Write when you can.\n\n"
    "Your friend, as ever,\nHarriet\n\n"
    "* * *\n\n"
    "THE LONG SUMMER\n\n"
    "Fort Kell, 9th June\n\n"
    "Dearest Harriet,\n\n"
    "The sergeant told me, \u201cStand up straight, boy,\u201d and I did. I think about you every day.\n\n"
    "I love you. There, it is written down.\n\n"
    "Ever yours,\nWalter\n\n"
    "* * *\n\n"
    "Harrowgate, 1st July\n\n"
    "Walter,\n\n"
    "Yes. I love you too, you great fool. Come home.\n\n"
    "\u2014 H.\n"
)


def test_letters_framed_by_greeting_and_sign_off_are_the_writers(run) -> None:
    res = run(_EXCHANGE)
    letters = [q for q in res["quote_spans"] if q.kind == "letter"]
    assert [q.signature for q in letters] == ["Harriet", "Walter", "Harriet"]
    # the section headings are no speakers of a play, and nothing else is quoted
    assert all(q.kind == "letter" for q in res["quote_spans"])
    # speech reported inside a letter belongs to the letter
    assert "Stand up straight" in _EXCHANGE[letters[1].start:letters[1].end]
    assert _EXCHANGE[letters[0].start:].startswith("Dear Walter,")


def test_a_letter_signed_with_an_initial_is_the_correspondent_of_that_name(run) -> None:
    res = run(_EXCHANGE)
    quotes = res["speakers"]
    names = {c.id: c.name for c in res["characters"]}
    assert [(names.get(q.speaker), names.get(q.addressee)) for q in quotes] == [
        ("Harriet", "Walter"), ("Walter", "Harriet"), ("Harriet", "Walter")]


def test_i_and_you_in_letters_are_writer_and_addressee() -> None:
    analysis = analyze_text(_EXCHANGE)
    names = {c.id: c.name for c in analysis.characters}
    warm = {(names[r.source], names[r.target]) for r in analysis.relations
            if r.current and r.kind in ("romantic", "affection")}
    assert ("Walter", "Harriet") in warm and ("Harriet", "Walter") in warm


def test_a_name_alone_under_a_letter_signs_it_only_at_the_end_of_its_section(run) -> None:
    text = ("Dear Ottil,\n\nI hope the harvest is good. Tell me about the mill.\n\n"
            "Bram\n\nThen the rain came, and Ottil read the letter twice by the fire before she put it away.\n")
    letters = [q for q in run(text)["quote_spans"] if q.kind == "letter"]
    assert letters == []


def test_paragraphs_under_one_capitalised_heading_are_not_a_play(run) -> None:
    text = ("THE FIRST AUTUMN\n\nThe leaves came down early that year.\n\nNobody minded.\n\n"
            "The river rose.\n\nIt fell again.\n\nTHE FIRST WINTER\n\nSnow.\n\nMore snow.\n\n"
            "The roads closed.\n\nThey opened.\n")
    assert [q.kind for q in run(text)["quote_spans"]] == []


def test_a_play_still_needs_speakers_taking_turns(run) -> None:
    lines = []
    for i in range(5):
        lines += [f"ORSIN. Line {i} of mine, good sir.", f"TAVY. Line {i} of yours, my lord."]
    text = "\n\n".join(lines) + "\n"
    qs = run(text)["quote_spans"]
    assert len(qs) == 10 and {q.prefix for q in qs} == {"ORSIN", "TAVY"}


_TRANSCRIPT = (
    "FILE 1\nINTERVIEW \u2014 Mr. Corvin Tallis\nQ: Inspector Lark. A: C. Tallis.\n\n"
    "Q: Full name, please.\n\nA: Corvin Tallis.\n\nQ: Did you know Mr. Quade?\n\n"
    "A: I liked Quade. Everybody did.\n\nQ: Anything else?\n\nA: No.\n\n"
    "* * *\n\n"
    "FILE 2\nINTERVIEW \u2014 Ms. Odile Brisk\nQ: Inspector Lark. A: O. Brisk.\n\n"
    "Q: Full name, please.\n\nA: Odile Brisk.\n\nQ: Did you know Mr. Quade?\n\n"
    "A: I hated Quade. I won't pretend otherwise.\n\nQ: Anything else?\n\nA: No.\n"
)


def test_transcript_roles_are_the_people_the_section_header_names(run) -> None:
    res = run(_TRANSCRIPT)
    names = {c.id: c.name for c in res["characters"]}
    said = [(names.get(q.speaker), q.text) for q in res["speakers"]]
    assert ("Corvin Tallis", "I liked Quade. Everybody did.") in said
    assert ("Odile Brisk", "I hated Quade. I won't pretend otherwise.") in said
    assert all(n not in ("Q", "A") for n in names.values())
    assert {n for n, t in said if t == "Full name, please."} == {"Inspector Lark"}


_SESSION = (
    "[GM] The storm breaks over the harbour. Somewhere above, Lord Aldo Vane is waiting.\n"
    "[Maelis] *draws her knife* I'm going up.\n"
    "Bronwick_the_Bold: *follows her* Not alone, you're not.\n"
    "[Maelis] Suit yourself.\n"
    "[GM] **Vane:** \"Maelis. My little blade. You came back.\"\n"
    "[Maelis] I hate you. I always will.\n"
    "Bronwick_the_Bold: *raises his shield* Stay behind me.\n"
)


def test_game_master_lines_are_narration_and_a_bold_name_is_the_person_voiced(run) -> None:
    res = run(_SESSION)
    lines = [q for q in res["quote_spans"] if q.kind == "line"]
    assert "GM" not in {q.prefix for q in lines}  # the GM tells the story
    assert "Vane" in {q.prefix for q in lines}
    voiced = next(q for q in lines if q.prefix == "Vane")
    assert _SESSION[voiced.start:voiced.end].startswith('"Maelis. My little blade.')


def test_a_letter_in_italics_signed_with_an_initial_is_by_the_one_shown_writing_it(run) -> None:
    text = ("Ysolde Tarrant sat up late in the lamp room and wrote what she would never send.\n\n"
            "~~~\n\n"
            "*Evric,*\n\n"
            "*You will never read this. I have loved you since the autumn fair, and I always will.*\n\n"
            "*Y.*\n\n"
            "She folded it twice and hid it under the floorboard with the others.\n")
    letters = [q for q in run(text)["quote_spans"] if q.kind == "letter"]
    assert [q.signature for q in letters] == ["Ysolde Tarrant"]
    assert text[letters[0].start:letters[0].end].startswith("*Evric,*")


def test_a_name_alone_in_roman_after_an_italic_greeting_is_not_a_sign_off(run) -> None:
    text = ("*Evric,*\n\n*The fair is on Sunday. Meet me by the well.*\n\n"
            "Bram\n\nBram came to the well on Sunday, and Evric was not there.\n")
    assert [q for q in run(text)["quote_spans"] if q.kind == "letter"] == []
