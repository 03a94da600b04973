"""Plays and scripts: a capital speaker prefix is the speaker, stage directions are
narration (quotes stage), "SCENE II." opens a scene (scenes stage)."""
from __future__ import annotations

from pathlib import Path

import pytest

from heartline.layout import segment_scenes

PLAY = """ACT I

SCENE I. A garden.

    Enter MARA and TOBIN

MARA

    Good morrow, Tobin. I have waited here an hour.

TOBIN

    Forgive me, love. The tide was slow.

MARA

    Then I forgive thee, for I love thee well.
    [Aside] He must not know how long.

TOBIN

    Sweet Mara, I do love thee more than life.

    Exeunt

SCENE II. A street.

    Enter ADA

ADA. Where is Mara? I have news.
ADA. She is not here, and Tobin neither.

    Enter TOBIN

TOBIN: Ada, I have not seen her since the morning.

ADA

    Then I shall look for her alone.
"""


def _lines(run):
    results = run(PLAY)
    text = results["document"].story.text
    return [(q.prefix, text[q.start:q.end]) for q in results["quote_spans"]], results


def test_speeches_under_prefixes_are_quotes_with_their_speaker(run) -> None:
    lines, _ = _lines(run)
    prefixes = [p for p, _ in lines]
    assert prefixes[:5] == ["MARA", "TOBIN", "MARA", "MARA", "TOBIN"]  # the aside is hers too
    assert ("ADA", "Where is Mara? I have news.") in lines
    assert any(p == "TOBIN" and t.startswith("Ada, I have not seen her") for p, t in lines)


def test_stage_directions_are_not_speech(run) -> None:
    lines, _ = _lines(run)
    texts = " ".join(t for _, t in lines)
    assert "Enter" not in texts and "Exeunt" not in texts and "[Aside]" not in texts


def test_speakers_and_addressees_of_a_play(analyse) -> None:
    analysis = analyse(PLAY)
    names = {c.id: c.name for c in analysis.characters}
    said = [(names.get(q.speaker), names.get(q.addressee)) for q in analysis.quotes]
    assert said[0] == ("Mara", "Tobin") and said[1] == ("Tobin", "Mara")
    assert "MARA" not in names.values()  # capitals are shown as the text writes the name
    assert any(r for r in analysis.relations if (names[r.source], names[r.target]) == ("Tobin", "Mara")
               and r.kind == "romantic")


def test_prose_with_a_few_capitalised_words_is_not_a_play(run) -> None:
    text = "STOP, the sign said.\n\nMara laughed.\n\nNO ENTRY, said the next.\n\nShe went in anyway.\n"
    assert not [q for q in run(text)["quote_spans"] if q.kind == "line"]


def test_scene_headings_open_scenes_inside_acts() -> None:
    scenes = segment_scenes(PLAY)
    assert [s.title for s in scenes] == ["ACT I — SCENE I. A garden.", "SCENE II. A street."]
    assert [s.chapter for s in scenes] == [0, 0]


ROMEO = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "novels" / "romeo_and_juliet.txt"


@pytest.mark.skipif(not ROMEO.exists(), reason="../shared/corpus (Romeo and Juliet) is not present")
def test_romeo_and_juliet_speakers_and_lovers() -> None:
    from heartline.api import analyze

    analysis = analyze(ROMEO)
    by_name = {c.name: c.id for c in analysis.characters}
    romeo, juliet = by_name["Romeo"], by_name["Juliet"]
    spoken = [q for q in analysis.quotes if q.kind == "line"]
    assert len(spoken) > 500
    assert sum(q.speaker is not None for q in spoken) / len(spoken) > 0.9
    feelings = {(r.source, r.target) for r in analysis.relations if r.kind == "romantic"}
    assert (romeo, juliet) in feelings and (juliet, romeo) in feelings


SCREENPLAY = """FADE IN:

EXT. QUARRY ROAD - DUSK

MARISK VASK (30s, mud to the knees) waits by the gate.

                    MARISK
          You came.

                    PELLAM
              (breathless)
          I said I would.

Marisk takes Pellam's hand and does not let go.

LATER

                    PELLAM
          Are you cold?

                    MARISK
          Not now.

Pellam wraps his coat round her shoulders.

                    MARISK
          Thank you, Pellam.

                    PELLAM
          Always, Marisk.

                    MARISK
          Even in the rain?

                    PELLAM
          Most of all in the rain.
"""


def test_a_screenplays_action_at_the_margin_is_narration(run) -> None:
    results = run(SCREENPLAY)
    text = results["document"].story.text
    lines = [(q.prefix, text[q.start:q.end]) for q in results["quote_spans"] if q.kind == "line"]
    assert [p for p, _ in lines] == ["MARISK", "PELLAM", "PELLAM", "MARISK", "MARISK", "PELLAM", "MARISK", "PELLAM"]
    spoken = " ".join(t for _, t in lines)
    assert "takes" not in spoken and "wraps" not in spoken and "QUARRY" not in spoken
    names = {c.name for c in results["cast"].characters}
    assert not names & {"FADE", "Fade", "LATER", "Later", "EXT", "Ext"}
    # the action is a sentence the two share, read by the sentence reader
    units = {(r.start, r.unit) for r in results["sentence_readings"]}
    assert (text.index("Marisk takes"), "sentence") in units
