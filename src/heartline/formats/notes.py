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


# At the opening or the close of a story a plain "Notes:" is the author's too; in the middle
# it may be a note a character writes.
_EDGE_NOTE = re.compile(r"^[ \t]*(?:\*\*|__)?[ \t]*(?:end\s+|author'?s?\s+|beginning\s+)?notes?"
                        r"[ \t]*(?:\*\*|__)?[ \t]*:",
                        re.IGNORECASE | re.MULTILINE)
_EDGE = 1500  # characters from either end of the story


def note_spans(text: str, start: int, end: int) -> tuple[tuple[int, int], ...]:
    """Spans of author's-note paragraphs between ``start`` and ``end`` of ``text``.

    A note runs to the next blank line (or, when that is far, to the end of its line)."""
    spans: list[tuple[int, int]] = []
    pattern = re.compile(_NOTE_START.pattern, re.IGNORECASE | re.MULTILINE)
    found = list(pattern.finditer(text, start, end))
    found += [m for m in _EDGE_NOTE.finditer(text, start, end)
              if m.start() < start + _EDGE or m.start() > end - _EDGE]
    for m in sorted(found, key=lambda m: m.start()):
        s = m.start()
        if (s > 0 and text[s - 1] != "\n") or (spans and s < spans[-1][1]):
            continue
        blank = re.compile(r"\n[ \t]*\n").search(text, s, end)
        stop = blank.start() if blank else end
        if stop - s > _MAX_NOTE:
            nl = text.find("\n", s, end)
            stop = end if nl == -1 else nl
        spans.append((s, stop))
    return tuple(spans)
