"""Roleplay logs (issue 17): a handle that types its owner's name first ("Pommel_Wolf") makes
that name, however seldom the prose writes it and however much it looks like a word, the
handle's person."""
from __future__ import annotations

from heartline.api import analyze_story
from heartline.formats.text import story_from_text
from heartline.stages.characters import _NameStats, handle_given_names
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
