"""Plain-text archive headers: the ``Title: / Rating: / Relationships:`` block on top.

FanFicFare's text downloads, Project Gutenberg files and many hand-posted fics open with
such a block.  It is metadata, not prose: the story starts after it.  A block counts
only when it opens the text (after at most a title line and a byline) and holds at least
two recognised labels, so a story that opens with dialogue like "Note: ..." is not eaten.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from heartline.formats.fields import field_for_label

# Markdown emphasis may wrap the label ("**Rating:** Teen", "__Fandom__: ..."), as fics posted
# from an editor often have it.
_LABEL_LINE = re.compile(r"^[ \t]*[*_]{0,2}(?P<label>[A-Za-z][A-Za-z'’/ ]{0,30}?)[ \t]*[*_]{0,2}:[*_]{0,2}"
                         r"[ \t]*(?P<value>.*)$")
_CHAPTER_LINE = re.compile(r"^[ \t]*[*_]{0,2}chapter[ \t]+\w+(?:[ \t]+of[ \t]+\w+)?[*_]{0,2}[ \t]*$", re.IGNORECASE)
_RULE_LINE = re.compile(r"^[ \t]*(?:[-=_*~#]\s*){3,}$")
_BYLINE = re.compile(r"^[ \t]*by[ \t]+\S", re.IGNORECASE)
# An archive download often puts the author's handle alone under the title, with no "by":
# one to three words and no sentence punctuation ("quillfeather_writes", "Orla Penhallow").
_BARE_BYLINE = re.compile(r"^[ \t]*[^\s.!?\"“”]+(?:[ \t]+[^\s.!?\"“”]+){0,2}[ \t]*$")


@dataclass(frozen=True)
class Header:
    fields: tuple[tuple[str, str], ...]
    start: int
    end: int  # offset where the story text begins (after the block and any rule line)
    title_line: str = ""  # a title standing above the block
    byline: str = ""


def _lines(text: str, limit: int):
    pos = 0
    for _ in range(limit):
        if pos >= len(text):
            return
        nl = text.find("\n", pos)
        end = len(text) if nl == -1 else nl
        yield pos, end, text[pos:end]
        pos = end + 1


def read_header(text: str, start: int = 0, max_lines: int = 120) -> Header | None:
    """The archive header block at ``start`` of ``text``, or None if there is none."""
    fields: list[list[str]] = []
    title_line = byline = ""
    block_start: int | None = None
    end = start
    prelude = 0
    after_blank = False
    current_is_field = False
    for s, e, line in _lines(text[start:], max_lines):
        s, e = s + start, e + start
        if not line.strip():
            after_blank = True
            current_is_field = False
            continue
        m = _LABEL_LINE.match(line)
        field = field_for_label(m.group("label")) if m else None
        if m is not None and field is not None:
            fields.append([m.group("label").strip(), m.group("value").strip()])
            block_start = s if block_start is None else block_start
            end = e
            current_is_field = True
            after_blank = False
            continue
        if fields and current_is_field and not after_blank:
            fields[-1][1] = (fields[-1][1] + "\n" + line.strip()).strip()  # a long summary
            end = e
            continue
        if fields and _RULE_LINE.match(line):
            end = e
            break
        if fields:
            break
        # before the block: a title line and a byline may stand above it
        if _CHAPTER_LINE.match(line):   # "Chapter 1 of 1" under the title
            continue
        prelude += 1
        if prelude > 2:
            return None
        if _BYLINE.match(line):
            byline = line.strip()[2:].strip()
        elif not title_line:
            title_line = line.strip().strip("*_").strip()
        elif not byline and _BARE_BYLINE.match(line):
            byline = line.strip().strip("*_").strip()
        else:
            return None
    if len(fields) < 2 or block_start is None:
        return None
    while end < len(text) and text[end] in " \t\r\n":
        end += 1
    return Header(fields=tuple((k, v) for k, v in fields), start=block_start, end=end,
                  title_line=title_line, byline=byline)
