"""Chat fics (issue 9): handles, lower-case names, handle changes, platonic "ily",
idioms of dislike, casual "love"; and an archive header's Characters tags linking names."""
from __future__ import annotations

from heartline.api import analyze_story
from heartline.formats.text import story_from_text

CHAT = """who's who:
mia.k = Mia Kerr
tomtom = Tom Reed

Ann Vale runs the bakery. She is breadhead in the chat.

[20:01] mia.k: ok who is coming to the bake sale
[20:01] tomtom: me. ann says she'll bring scones
[20:02] breadhead: I will. mia you're the best
[20:02] mia.k: ily ann
[20:03] breadhead: ily too
[20:03] tomtom: I can't stand rob. he ate all the samples last year
[20:04] mia.k: I love rob tbh. he's harmless
[20:05] breadhead: lol
mia.k changed their name to "bake sale queen"
[20:06] bake sale queen: new name who dis
[20:07] tomtom: mia I'm in love with you. I have been for months
[20:07] bake sale queen: tom. I'm in love with you too

Rob Fenner wandered in an hour later, crumbs on his shirt.
"""


def _analysis():
    return analyze_story(story_from_text(CHAT, source="chat.txt"))


def test_handles_old_and_new_and_narrated_ones_are_one_person() -> None:
    by_alias = {a: c.name for c in _analysis().characters for a in c.aliases}
    assert by_alias["mia.k"] == by_alias["bake sale queen"] == "Mia Kerr"
    assert by_alias["breadhead"] == "Ann Vale"
    assert by_alias["tomtom"] == "Tom Reed"


def test_lower_case_names_in_chat_lines_are_the_people() -> None:
    analysis = _analysis()
    names = {c.name for c in analysis.characters}
    assert {"Mia Kerr", "Ann Vale", "Tom Reed", "Rob Fenner"} <= names
    assert "Bake Sale Queen" not in names and "mia" not in names


def test_chat_feelings_read_as_fans_write_them() -> None:
    analysis = _analysis()
    ids = {c.name: c.id for c in analysis.characters}
    rel = {(r.source, r.target): r for r in analysis.relations}
    mia, ann, tom, rob = (ids[n] for n in ("Mia Kerr", "Ann Vale", "Tom Reed", "Rob Fenner"))
    assert rel[(mia, ann)].kind == "affection"  # "ily" between friends
    assert rel[(tom, rob)].kind == "dislike"  # "I can't stand rob"
    assert rel[(mia, rob)].kind == "affection"  # casual "I love rob" with no romance cue
    assert rel[(tom, mia)].kind == "romantic" and rel[(mia, tom)].kind == "romantic"


HEADER_CAST = """Title: Ink
Characters: Edna Moss, Ruth Calder

I had the keys by heart. "Mistress Moss," the porter said, "you're early."

"I always am," I said. Edna, they called me at home, and I answered to it.

Ruth Calder waited at the gate. "Edna," Ruth said, "you look tired." I loved her for noticing.
"""


def test_declared_characters_link_the_names_of_one_person() -> None:
    analysis = analyze_story(story_from_text(HEADER_CAST, source="ink.txt"))
    edna = next(c for c in analysis.characters if c.name == "Edna Moss")
    assert {"Edna", "Mistress Moss"} <= set(edna.aliases)
    assert "Ruth Calder" in {c.name for c in analysis.characters}


DM = """who's who:
mia.k = Mia Kerr
tomtom = Tom Reed
breadhead = Ann Vale

[20:01] mia.k: bake sale at ten
[20:02] breadhead: I'll bring scones
[20:02] tomtom: me too

~

DM: tom → mia

[23:40] tomtom: are you awake
[23:41] mia.k: yes
[23:41] tomtom: I think about you all the time
"""


def test_direct_messages_go_to_the_other_person() -> None:
    analysis = analyze_story(story_from_text(DM, source="dm.txt"))
    ids = {c.name: c.id for c in analysis.characters}
    private = [q for q in analysis.quotes if q.scene == analysis.quotes[-1].scene]
    assert [(q.speaker, q.addressee, q.addressed) for q in private] == [
        (ids["Tom Reed"], ids["Mia Kerr"], "dm"), (ids["Mia Kerr"], ids["Tom Reed"], "dm"),
        (ids["Tom Reed"], ids["Mia Kerr"], "dm")]


GOSSIP = """who's who:
mia.k = Mia Kerr
tomtom = Tom Reed
annv = Ann Vale
robf = Rob Fenner

Ann Vale ran the bakery with Mia Kerr. Tom Reed delivered the flour, and Rob Fenner ate the samples.

[20:00] mia.k: morning ann
[20:01] annv: morning. you love me, admit it
[20:02] mia.k: I do, unfortunately
[20:03] robf: mia likes tom btw. she's liked him for ages
[20:04] annv: rob!!
[20:05] tomtom: I'm right here
"""


def test_you_love_me_is_banter_but_gossip_about_a_third_person_is_romance() -> None:
    analysis = analyze_story(story_from_text(GOSSIP, source="gossip.txt"))
    ids = {c.name: c.id for c in analysis.characters}
    rel = {(r.source, r.target): r for r in analysis.relations}
    assert rel[(ids["Mia Kerr"], ids["Ann Vale"])].kind == "affection"  # "you love me" said back
    assert rel[(ids["Mia Kerr"], ids["Tom Reed"])].kind == "romantic"  # what Rob says of her


COURTING = """who's who:
mia.k = Mia Kerr
tomtom = Tom Reed
breadhead = Ann Vale

[06:01] mia.k: morning all
[06:02] breadhead: too early
[06:09] tomtom: mia there's a tea on your desk. one sugar. don't ask how I know
[06:10] breadhead: lol
[23:50] tomtom: mia. are you free friday. there's a film at the pier. just us
"""


def test_a_chat_message_opening_on_a_lower_case_name_is_said_to_them() -> None:
    analysis = analyze_story(story_from_text(COURTING, source="courting.txt"))
    ids = {c.name: c.id for c in analysis.characters}
    tea = next(q for q in analysis.quotes if "tea on your desk" in q.text)
    assert (tea.speaker, tea.addressee) == (ids["Tom Reed"], ids["Mia Kerr"])


def test_knowing_her_ways_and_asking_for_an_evening_alone_are_implied_romance() -> None:
    analysis = analyze_story(story_from_text(COURTING, source="courting.txt"))
    ids = {c.name: c.id for c in analysis.characters}
    rel = {(r.source, r.target): r for r in analysis.relations}
    r = rel[(ids["Tom Reed"], ids["Mia Kerr"])]
    assert (r.kind, r.how) == ("romantic", "implied")
    assert {e.cue for e in r.evidence} >= {"don't ask how I know", "just us"}


QUITTING = """who's who:
mia.k = Mia Kerr
tomtom = Tom Reed
breadhead = Ann Vale

Rob Fenner used to run the bake sale.

[22:31] mia.k: so. rob quit
[22:31] breadhead: WHAT
[22:32] mia.k: he ate all the samples and blamed the dog
[22:32] tomtom: good riddance. I can't stand the guy
"""


def test_the_guy_in_talk_is_the_man_just_talked_about() -> None:
    analysis = analyze_story(story_from_text(QUITTING, source="quitting.txt"))
    ids = {c.name: c.id for c in analysis.characters}
    rel = {(r.source, r.target): r.kind for r in analysis.relations}
    assert rel.get((ids["Tom Reed"], ids["Rob Fenner"])) == "dislike"
    assert "the guy" not in {a for c in analysis.characters for a in c.aliases}
