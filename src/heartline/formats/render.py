"""Markup → the plain text heartline reads, with the structure the markup gave.

Every markup reader (HTML, EPUB, .docx, Markdown) hands its blocks to a ``TextBuilder``:
paragraphs become blocks parted by a blank line, a chapter heading becomes a line of its
own recorded as a chapter start (and excluded from the prose), a horizontal rule becomes
a ``* * *`` line the scene splitter knows, and author's notes go to the notes list
instead of the text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from heartline.formats.notes import is_authors_note
from heartline.formats.text import sanitize

_INLINE_SPACE = re.compile(r"[ \t\r\f\v\u00a0]+")
_BLANK_LINES = re.compile(r"\n[ \t]*\n+")
BREAK_LINE = "* * *"


def clean_block(text: str) -> str:
    """Collapse markup whitespace: runs of spaces become one, line breaks stay single."""
    text = sanitize(text)
    lines = [_INLINE_SPACE.sub(" ", line).strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


@dataclass
class TextBuilder:
    parts: list[str] = field(default_factory=list)
    length: int = 0
    chapters: list[tuple[int, str]] = field(default_factory=list)
    excluded: list[tuple[int, int]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    _last_break: bool = True  # no break line at the very start or twice in a row

    def _emit(self, block: str) -> int:
        if self.parts:
            self.parts.append("\n\n")
            self.length += 2
        at = self.length
        self.parts.append(block)
        self.length += len(block)
        return at

    def paragraph(self, text: str) -> None:
        block = clean_block(text)
        if not block:
            return
        if is_authors_note(block):
            self.notes.append(block)
            return
        # a paragraph never holds a blank line: that would split it later
        self._emit(_BLANK_LINES.sub("\n", block))
        self._last_break = False

    def preformatted(self, text: str) -> None:
        block = "\n".join(line.rstrip() for line in sanitize(text).strip("\n").split("\n"))
        if block.strip():
            self._emit(_BLANK_LINES.sub("\n", block))
            self._last_break = False

    def heading(self, title: str) -> None:
        """A chapter starts here, titled ``title``."""
        title = " ".join(sanitize(title).split())
        if not title:
            return
        at = self._emit(title)
        self.chapters.append((at, title))
        self.excluded.append((at, at + len(title)))
        self._last_break = True

    def subheading(self, title: str) -> None:
        """A heading inside a chapter: a scene starts, its words are not prose."""
        title = " ".join(sanitize(title).split())
        if not title:
            return
        self.scene_break()
        at = self._emit(title)
        self.excluded.append((at, at + len(title)))

    def scene_break(self) -> None:
        if not self._last_break:
            self._emit(BREAK_LINE)
            self._last_break = True

    def extend(self, part: TextBuilder) -> None:
        """Append another builder's text (one EPUB document), shifting its offsets."""
        text = part.text.rstrip("\n")
        if not text:
            return
        shift = self._emit(text)
        self.chapters.extend((at + shift, t) for at, t in part.chapters)
        self.excluded.extend((s + shift, e + shift) for s, e in part.excluded)
        self.notes.extend(part.notes)
        self._last_break = False

    def note(self, text: str) -> None:
        block = clean_block(text)
        if block:
            self.notes.append(block)

    @property
    def text(self) -> str:
        return "".join(self.parts).rstrip() + "\n" if self.parts else ""
