"""Issue 15, who is who in the lowest stories: a named animal is no person, a foreign form of address
hyphened onto a name stays with the name, and a "-man" compound said of a name gives its gender.
Invented names and sentences."""
from __future__ import annotations

from heartline.stages.characters import _compound_gender, animal_names

# --- a named animal (characters.animal_names) ----------------------------------------------


def test_animal_names_read_each_cue() -> None:
    text = ("A fat old terrier named Tobble slept by the fire. She had sold her pony Quillet. "
            "Her grey mare, Marrowby, would not take the fence. Orrick the cat watched.")
    assert animal_names(text) == {"tobble", "quillet", "marrowby", "orrick"}


def test_a_person_beside_a_person_noun_is_no_animal() -> None:
    assert animal_names("His cousin, Odo Vantreen, came in. Odo Vantreen the blacksmith waved.") == set()


def _names(results) -> list[str]:
    return [c.name for c in results["characters"]]


STORY = ("Odo Vantreen came up the lane, a small wiry terrier trotting behind him. The terrier was named "
         "Tobble. Tobble barked at the gate and wagged. Odo Vantreen laughed and scratched Tobble's ears. "
         "Wenna Halloway opened the door. \"You brought Tobble again,\" Wenna said.")


def test_a_named_pet_is_no_character(run) -> None:
    names = _names(run(STORY))
    assert "Odo Vantreen" in names and not any("Tobble" in n for n in names)


def test_a_named_pet_that_speaks_stays(run) -> None:
    text = STORY + '\n\n"I am no dog of yours," Tobble said. "I am a prince," Tobble said.'
    assert any("Tobble" in n for n in _names(run(text)))


# --- a form of address hyphened onto a name (mentions._ADDRESS_SUFFIX) ----------------------


def test_a_foreign_address_suffix_stays_with_the_name(run, mention) -> None:
    m = mention(run('"Wenli-gege, wait for me!" Tam called.'), "Wenli-gege")
    assert (m.kind, m.key, m.honorific) == ("name", "wenli", "gege")


def test_an_address_suffix_before_a_possessive_stays_with_the_name(run, mention) -> None:
    m = mention(run("Tam mended Wenli-gege\u2019s sleeve by lamplight."), "Wenli-gege")
    assert (m.key, m.honorific) == ("wenli", "gege")


def test_a_dictionary_word_after_a_hyphen_is_no_address(run) -> None:
    found = [m for m in run("Brisco-like calm settled on the room.")["mentions"].items if m.kind == "name"]
    assert all(m.honorific != "like" for m in found)


# --- a "-man" compound said of a name (characters._compound_gender) --------------------------


def test_compound_gender_reads_man_and_woman_compounds() -> None:
    assert _compound_gender("journeyman") == "male"
    assert _compound_gender("horsewoman") == "female"
    assert _compound_gender("human") == "" and _compound_gender("shaman") == ""


def test_a_journeyman_is_a_man(run) -> None:
    text = ("Corvin Ashlake, senior journeyman, moved the bench to the corner. Tamar Quell watched. "
            "Corvin Ashlake shrugged and went out.")
    cast = run(text)["cast"]
    assert {c.name: c.gender for c in cast.characters}.get("Corvin Ashlake") == "male"


# --- a quote's first word the tagger misread, named elsewhere (mentions._initial_names) ------------

TULLOCK = ("Bartle Tullock kept the mill. Everyone owed Tullock money.\n\n"
           "\u2018Tullock?\u2019 He straightened, the sack in his hands.")


def test_a_misread_opening_word_named_elsewhere_is_a_name(run) -> None:
    # the tagger reads the quote's "Tullock" as a verb
    names = [m for m in run(TULLOCK)["mentions"].items if m.kind == "name" and m.key == "tullock"]
    assert len(names) == 2
