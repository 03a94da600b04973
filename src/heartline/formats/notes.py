"""Author's notes and disclaimers inside a story: "A/N: ...", "Disclaimer: I don't own ...".

They talk about the story (and often name its characters and pairings), so reading them
as prose would invent mentions and feelings.  Plain text keeps them in place but marks
their spans excluded; markup formats move them into ``WorkInfo.notes``.
"""
from __future__ import annotations

import re

_NOTE_START = re.compile(
    r"^[ \t]*[(\[]?[ \t]*(?:\*\*|__)?[ \t]*"
    r"(?:a\s?/\s?n|author'?s?'?\s+notes?|authors?\s+notes?|disclaimer|n\s?/\s?a)"
    r"[ \t]*(?:\*\*|__)?[ \t]*[:.\-–—)\]]",
    re.IGNORECASE)

_MAX_NOTE = 3000  # characters; a "note" longer than this is more likely prose


def is_authors_note(paragraph: str) -> bool:
    """True when a paragraph opens as an author's note or a disclaimer."""
    return bool(_NOTE_START.match(paragraph))


def note_spans(text: str, start: int, end: int) -> tuple[tuple[int, int], ...]:
    """Spans of author's-note paragraphs between ``start`` and ``end`` of ``text``.

    A note runs to the next blank line (or, when that is far, to the end of its line)."""
    spans: list[tuple[int, int]] = []
    pattern = re.compile(_NOTE_START.pattern, re.IGNORECASE | re.MULTILINE)
    for m in pattern.finditer(text, start, end):
        s = m.start()
        if s > 0 and text[s - 1] != "\n":
            continue
        blank = re.compile(r"\n[ \t]*\n").search(text, s, end)
        stop = blank.start() if blank else end
        if stop - s > _MAX_NOTE:
            nl = text.find("\n", s, end)
            stop = end if nl == -1 else nl
        spans.append((s, stop))
    return tuple(spans)
