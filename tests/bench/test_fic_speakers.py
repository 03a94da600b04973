"""bench/fic_speakers.py: the per-story counts and the list of misses (invented rows)."""
from __future__ import annotations

from bench.fic_speakers import render


def _row(story: str, speaker: str, addressee: str = "") -> dict:
    return {"story": story, "gold_from": "orla", "gold_to": "bex", "how": "stated", "quote": 3, "kind": "speech",
            "speaker": speaker, "said": "Quennel", "said_maps": "quennel", "you": bool(addressee),
            "addressee": addressee, "to": "Quennel", "to_maps": "quennel", "addressed": "scene",
            "lead": "Quennel nodded.", "text": "I like you", "tail": "she said."}


def test_render_counts_per_story_and_lists_the_misses() -> None:
    rows = [_row("quillmoor_wedding", "right", "right"), _row("quillmoor_wedding", "wrong", "wrong"),
            _row("brasswick_lanterns", "none")]
    text = render(rows, ["brasswick_lanterns", "quillmoor_wedding", "no_rows"], listing=True)
    lines = text.splitlines()
    assert lines[1].split()[0] == "brasswick_lanterns" and "no_rows" not in text
    assert "speaker right 1 of 3 evidence quotes (0.333); addressee right 1 of 2" in text
    assert "speaker: wrong or none (2)" in text and "addressee: wrong or none (1)" in text
    assert "<<I like you>>" in text
