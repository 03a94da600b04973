"""Which format a story file is in, told by its content first and its name second.

Users rename files, archives serve HTML as ``.txt`` and EPUBs without extensions; the
bytes decide.  The name only settles what content leaves open (Markdown looks much like
plain text).
"""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import PurePath

FORMATS = ("text", "markdown", "html", "epub", "docx")

_HTML_START = re.compile(
    r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html[\s>])", re.IGNORECASE | re.DOTALL)
_HTML_TAG = re.compile(r"<(?:p|br|div|span|em|i|b|strong|hr|h[1-6]|body|head|blockquote)(?:\s[^<>]*)?/?>",
                       re.IGNORECASE)
_ATX_HEADING = re.compile(r"^#{1,6}[ \t]+\S", re.MULTILINE)
_MD_INLINE = re.compile(r"\*\*[^*\n]+\*\*|__[^_\n]+__|\[[^\]\n]+\]\([^)\s]+\)")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?:[A-Za-z_][\w ]*:.*\n)+(?:---|\.\.\.)[ \t]*\n")
_MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd", ".mkdn"})
_HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})


def _zip_format(data: bytes) -> str | None:
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except (zipfile.BadZipFile, EOFError, ValueError, OSError):
        return None
    if "META-INF/container.xml" in names or "mimetype" in names and data[30:58] == b"mimetypeapplication/epub+zip":
        return "epub"
    if "word/document.xml" in names:
        return "docx"
    return None


def detect_format(data: bytes, name: str = "") -> str:
    """One of ``FORMATS``; bytes that are none of them are "text" (the text reader then
    says whether they are text at all)."""
    suffix = PurePath(name).suffix.lower() if name and not name.startswith("<") else ""
    if data.startswith(b"PK\x03\x04"):
        found = _zip_format(data)
        if found:
            return found
        if suffix == ".epub":
            return "epub"  # a damaged one: the EPUB reader says what is wrong
        if suffix == ".docx":
            return "docx"
        return "text"
    from heartline.formats.text import decode_head

    head = decode_head(data)
    if _HTML_START.match(head):
        return "html"
    tags = len(_HTML_TAG.findall(head))
    if tags >= 3 and (suffix in _HTML_SUFFIXES or tags * 200 >= len(head) or "</p>" in head.lower()):
        return "html"
    if suffix in _MARKDOWN_SUFFIXES or _FRONT_MATTER.match(head):
        return "markdown"
    headings = len(_ATX_HEADING.findall(head))
    if headings >= 2 or (headings and len(_MD_INLINE.findall(head)) >= 3):
        return "markdown"
    return "text"
