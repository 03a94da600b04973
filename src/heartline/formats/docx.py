"""Word (.docx) drafts, read with python-docx.

Paragraph styles carry the structure: "Title" is the title, "Heading N" a chapter (the
highest level used) or a scene heading (lower levels).  The document's core properties
give title and author when the text does not.
"""
from __future__ import annotations

import io
import re
from dataclasses import replace

from heartline.errors import InputError
from heartline.formats.fields import info_from_fields
from heartline.formats.html import HtmlStory
from heartline.formats.render import TextBuilder
from heartline.formats.zipsafe import open_zip

_HEADING_STYLE = re.compile(r"^heading\s*(\d)", re.IGNORECASE)


def read_docx(data: bytes, source: str) -> HtmlStory:
    open_zip(data, source, ".docx document")  # size and bomb checks before python-docx inflates it
    import docx  # python-docx; imported here so plain-text users never pay for it

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many types for a broken package
        raise InputError(f"{source}: is a damaged .docx document ({type(exc).__name__})") from exc
    paragraphs = [(p.style.name if p.style is not None else "", p.text) for p in document.paragraphs]
    levels = [int(m.group(1)) for style, text in paragraphs
              if text.strip() and (m := _HEADING_STYLE.match(style))]
    chapter_level = min(levels) if levels else 0
    builder = TextBuilder()
    title = ""
    for style, text in paragraphs:
        m = _HEADING_STYLE.match(style)
        if style.lower() == "title":
            title = title or " ".join(text.split())
        elif m and int(m.group(1)) <= chapter_level:
            builder.heading(text)
        elif m:
            builder.subheading(text)
        else:
            builder.paragraph(text)
    if not builder.parts:
        raise InputError(f"{source}: the .docx document holds no text")
    props = document.core_properties
    fields = [("Title", props.title or ""), ("Author", props.author or "")]
    info, prop_title = info_from_fields(fields)
    info = replace(info, notes=tuple(builder.notes), chapter_titles=tuple(t for _, t in builder.chapters))
    return HtmlStory(builder.text, title or prop_title, info, tuple(builder.chapters), tuple(builder.excluded))
