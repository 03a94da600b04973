"""Roleplay logs (issue 17): a handle that types its owner's name first ("Pommel_Wolf") makes
that name, however seldom the prose writes it and however much it looks like a word, the
handle's person; and a line's *action* that names one other person says whom its speech is to."""
from __future__ import annotations

from heartline.api import analyze_story
from heartline.formats.text import story_from_text
from heartline.stages.characters import _NameStats, handle_given_names
from heartline.stages.roleplay import acted_on
from heartline.model import Mention

LOG = """#fenwright-keep — Session 3
[GM] The gate of the keep is shut. Rain hammers the courtyard.
Pommel_Wolf: *shoulders the gate and holds it open* In, all of you.
[Tamsel] *ducks under his arm* Took you long enough.
Pommel_Wolf: The hinges were rusted. Blame the smith.
[Tamsel] ((lol brb))
[Corvath] ((same))
[Corvath] *kicks a pebble toward Pommel's heel* Thank you, wolf. I mean it.
Pommel_Wolf: *grins* Any time.
[Tamsel] *takes the stool by Pommel and slides a cup of tea over to him*
Pommel_Wolf: I'd walk through fire for the two of you.
"""


def test_the_name_a_handle_opens_on_is_the_handles_person() -> None:
    analysis = analyze_story(story_from_text(LOG, source="rp.txt"))
    owner = {a: c.id for c in analysis.characters for a in c.aliases}
    assert "Pommel" in owner  # a sword's knob, by the dictionary: alone, the votes refuse it
    assert owner["Pommel"] == owner["Pommel_Wolf"]


def _stats(key: str, *kinds: str) -> _NameStats:
    st = _NameStats(key)
    for i, kind in enumerate(kinds):
        st.mentions.append(Mention(index=i, start=i, end=i + 1, text=key, kind=kind, key=key, sentence=0,
                                   quote=None))
    return st


def test_only_a_handles_leading_name_counts_and_only_where_the_text_writes_it() -> None:
    stats = {k: st for k, st in (
        ("brannoc_wolf", _stats("brannoc_wolf", "speaker")),
        ("the_real_corvath", _stats("the_real_corvath", "speaker")),
        ("tamsel", _stats("tamsel", "speaker")),      # one part: the handle is the name itself
        ("jo_k", _stats("jo_k", "speaker")),          # "jo": too short to tell from an initial
        ("brannoc", _stats("brannoc", "name")),
        ("corvath", _stats("corvath", "name")),
        ("wolf", _stats("wolf", "name")),             # a tag after the name, not the name
        ("jo", _stats("jo", "name")),
    )}
    assert handle_given_names(stats) == ["brannoc", "corvath"]


CAMP = """#wenlock-road — Session 9
[GM] Night on the road. The fire is low.
[Ivo] *pokes at the embers* Someone has to take first watch.
[Tamsel] Not me. I took it last night, Ivo.
[Corvath] ((brb))
[Wenlock] ((ok))
[Corvath] *sits down beside Ivo and nudges a cup of broth into his hands* You look worn out. Sleep.
[Ivo] Fine. Wake me at moonset.
"""


def test_a_roleplay_lines_action_says_whom_its_speech_is_to() -> None:
    analysis = analyze_story(story_from_text(CAMP, source="camp.txt"))
    ids = {a: c.id for c in analysis.characters for a in c.aliases}
    (q,) = [q for q in analysis.quotes if "worn out" in q.text]
    assert q.speaker == ids["Corvath"]
    # the last to speak was Tamsel; the action puts Corvath beside Ivo
    assert q.addressee == ids["Ivo"]


def test_acted_on_needs_exactly_one_other_person_inside_an_action() -> None:
    line = "*sets the cup down by Ivo* You look tired, and Wenlock says so too."
    at = {name: line.index(name) for name in ("Ivo", "Wenlock")}
    assert acted_on(line, [(at["Ivo"], "ivo"), (at["Wenlock"], "wenlock")], "tamsel") == "ivo"
    assert acted_on(line, [(at["Wenlock"], "wenlock")], "tamsel") is None  # named in the speech only
    assert acted_on(line, [(at["Ivo"], "ivo")], "ivo") is None  # the speaker's own name
    both = "*steps between Ivo and Wenlock* Enough."
    assert acted_on(both, [(both.index("Ivo"), "ivo"), (both.index("Wenlock"), "wenlock")], "tamsel") is None
