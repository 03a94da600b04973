"""Reading stories: a file or its bytes → one ``Story``, whatever the format.

``read_story(path)`` and ``story_from_bytes(data, name)`` are the only entry points
the rest of heartline (CLI, web app, batch runner) uses.  The format is told by
content first and by the file name only where content is ambiguous.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from heartline.errors import InputError
from heartline.formats.detect import detect_format
from heartline.formats.text import DEFAULT_MAX_BYTES, decode_checked, guess_title, story_from_plain_bytes
from heartline.model import Story

__all__ = ["DEFAULT_MAX_BYTES", "read_bytes", "read_story", "story_from_bytes"]


def read_bytes(path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of a story file, or one ``InputError`` line saying why not."""
    p = Path(path)
    source = str(path)
    try:
        if p.is_dir():
            raise InputError(f"{source}: is a directory, not a story file")
        with p.open("rb") as fh:
            # Read one byte past the limit rather than trusting stat(): special
            # files report size 0, and files can grow while we look.
            data = fh.read(max_bytes + 1)
    except FileNotFoundError as exc:
        raise InputError(f"{source}: no such file") from exc
    except IsADirectoryError as exc:
        raise InputError(f"{source}: is a directory, not a story file") from exc
    except PermissionError as exc:
        raise InputError(f"{source}: permission denied") from exc
    except OSError as exc:
        raise InputError(f"{source}: cannot be read ({exc.strerror or exc})") from exc
    if len(data) > max_bytes:
        raise InputError(f"{source}: the file is over the {max_bytes / 1e6:g} MB limit for a story")
    return data


def story_from_bytes(data: bytes, source: str) -> Story:
    """A ``Story`` from a file's bytes; ``source`` is its name (used for the title,
    for format hints and in error messages).  The format is told by content
    (``formats.detect``); every failure is one ``InputError`` line."""
    fmt = detect_format(data, source)
    if fmt == "text":
        return story_from_plain_bytes(data, source)
    if fmt == "epub":
        from heartline.formats.epub import read_epub

        rendered = read_epub(data, source)
        encoding = ""
    elif fmt == "docx":
        from heartline.formats.docx import read_docx

        rendered = read_docx(data, source)
        encoding = ""
    else:
        text, encoding = decode_checked(data, source)
        if fmt == "html":
            from heartline.formats.html import read_html

            rendered = read_html(text)
        else:
            from heartline.formats.markdown import read_markdown

            rendered = read_markdown(text)
    words = len(rendered.text.split()) - sum(len(t.split()) for _, t in rendered.chapters)
    if words <= 0:
        kind = fmt.upper() if fmt != "markdown" else "Markdown"
        raise InputError(f"{source}: no story text found in this {kind} file")
    text = rendered.text
    metadata: dict[str, Any] = {"body": (0, len(text))}
    if encoding:
        metadata["encoding"] = encoding
    title = rendered.title or guess_title(text, source)
    return Story(source=source, text=text, title=title, metadata=metadata, format=fmt,
                 info=rendered.info, chapters=rendered.chapters, excluded=rendered.excluded)


def read_story(path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES,
               meta: str | os.PathLike[str] | None = None) -> Story:
    """Read a story file of any supported format, with FanFicFare's JSON metadata merged
    in (``meta``, or a same-stem ``.json`` beside it: ``formats.ficmeta``)."""
    from heartline.formats.ficmeta import with_fanficfare_meta

    return with_fanficfare_meta(story_from_bytes(read_bytes(path, max_bytes=max_bytes), str(path)), path, meta)
