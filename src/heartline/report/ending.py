"""How a feeling stands at the end of the story, in the words every report uses.

A relation's ``kind`` is the best supported kind over the whole story, while its arc
lists the states in order; the two can part ways (love shown at length, then a last
turn to dislike).  Such a feeling must not be called "still true at the end" under a
kind it no longer shows: this says what it ends as.
"""
from __future__ import annotations

from collections.abc import Iterable

Step = tuple[str, str, bool]  # an arc step's (kind, how, past)

STILL_TRUE = "still true at the end"
OVER = "past, over by the end"


def final_kind(kind: str, arc: Iterable[Step]) -> str:
    """The kind the feeling last shows as it is now: the arc's last step that is neither
    told as past nor a denial; ``kind`` when there is none."""
    live = [k for k, how, past in arc if not past and how != "denied"]
    return live[-1] if live else kind


def ending(kind: str, current: bool, arc: Iterable[Step]) -> str:
    """"still true at the end", "past, over by the end", or "ends as dislike" when the
    arc ends in another kind than the relation's."""
    if not current:
        return OVER
    last = final_kind(kind, arc)
    return STILL_TRUE if last == kind else f"ends as {last}"


def ending_of(relation) -> str:
    """``ending`` of a relation dict (``heartline/analysis/v2``)."""
    return ending(relation["kind"], relation["current"],
                  [(a["kind"], a["how"], a["past"]) for a in relation.get("arc", ())])
