"""Issue 17: who is talked to and who is meant, in the shapes' conventions.  A chat message
that calls someone by a bare lower-case name after an opening word ("also mia i owe you"),
a paragraph that opens on "he says" after a paragraph that brought one person on, a "he's
my friend" whose 's is no owner's, a nickname someone "refers to X as", and love between
best friends.  Every name here is invented and appears in no development story."""
from __future__ import annotations

from heartline.stages.mentions import _RELATIONAL_RE
from heartline.stages.roleplay import chat_opener

CHAT = (
    "handles: marek.b = Marek Bastable, solvei.o = Solvei Ottway, ulrike.k = Ulrike Kask.\n\n"
    "Marek Bastable shared a flat with Solvei Ottway. Marek was loud; Solvei was louder.\n\n"
    "**marek.b:** has anyone seen the stapler\n"
    "**solvei.o:** no\n"
    "**marek.b:** the stapler is a myth\n"
    "**ulrike.k:** i took it. sorry\n"
    "**solvei.o:** also marek i'm sorry i yelled at you. i bought you a muffin\n"
    "**marek.b:** accepted\n"
)


def _quote(results, start: str):
    return next(q for q in results["speakers"] if q.text.startswith(start))


def test_a_chat_message_calls_a_bare_name_after_an_opening_word(run) -> None:
    q = _quote(run(CHAT), "also marek")
    assert q.speaker == "solvei_ottway"
    assert q.addressee == "marek_bastable"
    assert q.addressed == "vocative"


def test_chat_openers_are_one_word_only() -> None:
    assert chat_opener("also ")
    assert chat_opener("ok, ")
    assert not chat_opener("i told ")
    assert not chat_opener("")


OPENS = (
    "The thing about Fenwick is that he never calls ahead.\n\n"
    "Fenwick turns up on a Monday, holding a bag of plums.\n\n"
    '"Hi," he says. "Can I come in?"\n\n'
    "Zuleika Rudd lets the visitor in because it is cold.\n"
)
# (one half vote from "that he never calls ahead" is not enough alone)
# the paragraph before the tag brings on two people: no one to go back to
OPENS_TWO = OPENS.replace("Fenwick turns up on a Monday,", "Fenwick turns up on a Monday with Bartok,")


def _gender(results, first: str) -> str:
    genders = results["coref"].genders
    return next(g for cid, g in genders.items() if cid.startswith(first))


def test_a_paragraph_opening_on_he_says_gives_the_one_just_brought_on_a_gender(run) -> None:
    assert _gender(run(OPENS), "fenwick") == "male"


def test_no_gender_from_an_opening_tag_after_two_people(run) -> None:
    assert _gender(run(OPENS_TWO), "fenwick") == "unknown"


def test_a_pronoun_s_contraction_owns_no_relational_noun() -> None:
    def owners(text: str) -> list[tuple[str, str]]:
        return [(m.group("owner"), m.group("noun")) for m in _RELATIONAL_RE.finditer(text)]

    assert owners("He's my friend.") == [("my", "friend")]
    assert owners("She's not my girlfriend.") == [("my", "girlfriend")]
    assert owners("Ivo's sister waved.") == [("Ivo's", "sister")]
    assert owners("Everyone's favourite aunt") == [("Everyone's", "aunt")]  # a possessive still


NICKNAMED = (
    "Mirela Voss ran the bakery with Anselm Prosper. Mirela refers to Anselm only as His Lordship, "
    "because he will not lift a tray.\n\n"
    '"His Lordship is late again," Mirela said to the oven.\n\n'
    "Anselm came in at nine. He did not lift a tray.\n"
)


def test_a_nickname_someone_refers_to_a_person_by_is_theirs(run) -> None:
    chars = run(NICKNAMED)["characters"]
    anselm = next(c for c in chars if c.name.startswith("Anselm"))
    assert "His Lordship" in anselm.aliases
    assert not any(c.name == "His Lordship" for c in chars)


BEST_FRIENDS = (
    "Mirela Voss met Ulrike Kask in the autumn of year seven. Mirela had been Ulrike's best friend ever since.\n\n"
    '"I love you," Mirela told Ulrike. "You are a disaster, but I love you."\n'
)


def _kinds(run, text: str, pair: tuple[str, str]) -> list[str]:
    return [e.kind for e in run(text)["evidence"] if (e.experiencer, e.target) == pair]


def test_love_between_best_friends_is_a_friend_s(run) -> None:
    found = _kinds(run, BEST_FRIENDS, ("mirela_voss", "ulrike_kask"))
    assert "affection" in found and "romantic" not in found


def test_best_friends_who_kiss_keep_their_romance(run) -> None:
    text = BEST_FRIENDS + "\nThen Mirela kissed Ulrike, and Ulrike kissed her back.\n"
    assert "romantic" in _kinds(run, text, ("mirela_voss", "ulrike_kask"))
