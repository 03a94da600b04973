"""Invented stories shared by tests in several folders (tests/ is on the import path)."""
from __future__ import annotations

from dataclasses import replace

from heartline.model import ArcStep

# Three scenes, no chapter headings; four people with feelings, four with none at all.
INN = """Mira Quell loved Doran Vesk. She had loved him since the lantern fair.

"I love you, Doran," Mira said.

Doran Vesk smiled at her. "I love you too, Mira."

* * *

Tobin Marsh hated Doran. "I hate you, Doran Vesk," Tobin said. Mira was fond of her cousin Tobin anyway.

* * *

Ilsa Brant, Pell Oakes, Wren Tallow and Garrick Moss sat by the stove in the inn. Ilsa Brant poured the tea. \
Pell Oakes talked about the weather. Wren Tallow read a book about ships. Garrick Moss slept in his chair.

Ilsa Brant laughed at the rain. Pell Oakes counted his coins. Wren Tallow turned a page. Garrick Moss snored.
"""
INN_LINKED = {"mira_quell", "doran_vesk", "tobin"}
INN_LOOSE = {"ilsa_brant", "pell_oakes", "wren_tallow", "garrick_moss"}
# The sentence that shows Tobin's hatred lies in the second scene.
INN_HATRED = "\"I hate you, Doran Vesk,\" Tobin said."


def turned(analysis):
    """The analysis of INN with Mira's love for Doran ending, in scene 3, as dislike (its
    kind stays romantic: the best supported over the story)."""
    def turn(r):
        if (r.source, r.target) != ("mira_quell", "doran_vesk"):
            return r
        return replace(r, current=True, arc=(ArcStep(0, "romantic", "stated"), ArcStep(2, "dislike", "narrated")))
    return replace(analysis, relations=tuple(turn(r) for r in analysis.relations))
