"""A feeling whose arc ends in another kind is never called "still true at the end" under its
first kind, in the terminal or in the report (both take the words from report.ending)."""
from __future__ import annotations

import pytest

from heartline.report.ending import ending
from heartline.report.html import report_data
from heartline.report.terminal import render
from storybook import INN, turned


@pytest.mark.parametrize("kind, current, arc, said", [
    ("romantic", True, [], "still true at the end"),
    ("romantic", True, [("affection", "narrated", False), ("romantic", "stated", False)], "still true at the end"),
    ("romantic", True, [("romantic", "stated", False), ("dislike", "narrated", False)], "ends as dislike"),
    # a past feeling told late, or a denial, is not what the feeling turned into
    ("romantic", True, [("romantic", "stated", False), ("hatred", "narrated", True)], "still true at the end"),
    ("romantic", True, [("romantic", "claimed", False), ("romantic", "denied", False)], "still true at the end"),
    ("romantic", False, [("romantic", "stated", False), ("dislike", "narrated", False)], "past, over by the end"),
])
def test_ending(kind, current, arc, said) -> None:
    assert ending(kind, current, arc) == said


def test_the_report_and_the_terminal_say_it_ends_as_dislike(analyse) -> None:
    analysis = turned(analyse(INN))
    data = report_data(analysis.to_json(), analysis.story.text)
    endings = {(r["from"], r["to"]): r["ending"] for r in data["relations"]}
    assert endings[("mira_quell", "doran_vesk")] == "ends as dislike"
    assert endings[("doran_vesk", "mira_quell")] == "still true at the end"
    line = next(x for x in render(analysis).splitlines() if x.startswith("  Mira Quell -> Doran Vesk"))
    assert "romantic (ends as dislike), stated" in line
