"""Plain-text stories: bytes on disk → one clean ``str`` → ``Story``.

Every offset heartline reports is a character offset into ``Story.text``, so this
module is where that text is fixed once and for all: decoded whatever the
encoding, newlines made ``\\n``, BOMs and stray control characters removed.
Nothing after this point has to think about encodings or ``\\r``.

Fan fiction arrives in every encoding an editor can save (UTF-8 with and without
BOM, UTF-16 from Word's "Unicode text", cp1252 from old Windows tools), and users
sometimes point the tool at the wrong file (a .docx, a PDF, a picture).  Both
must end in either a story or one line that says what is wrong, never a
traceback.
"""
from __future__ import annotations

import codecs
import os
import re
from pathlib import Path
from typing import Any

from heartline.errors import InputError
from heartline.model import Story

__all__ = [
    "DEFAULT_MAX_BYTES",
    "decode_text",
    "read_story",
    "story_from_plain_bytes",
    "story_from_text",
]

#: Larger files are refused: the longest novels are a few MB, so 50 MB is not a
#: story but a mistake (a corpus dump, a disk image) that would only exhaust memory.
DEFAULT_MAX_BYTES = 50_000_000

# Magic numbers of the binary files people mistake for stories.  Checked before
# decoding, because several of them decode "successfully" as cp1252 garbage.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive, e.g. .docx, .odt or .epub"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"\x7fELF", "ELF executable"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"\x1f\x8b\x08", "gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old Microsoft Office document, e.g. .doc"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"MZ\x90\x00", "Windows executable"),
    (b"\xca\xfe\xba\xbe", "Java class or Mach-O file"),
    (b"\xcf\xfa\xed\xfe", "Mach-O executable"),
    (b"OggS", "Ogg audio"),
    (b"ID3", "MP3 audio"),
    (b"\x00asm", "WebAssembly module"),
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 first: its little-endian BOM begins with UTF-16's.
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# C0 controls other than \t \n \r \v \f, DEL, and C1 controls other than NEL.
# In a real story they are debris (or a sign the bytes are not text at all).
_CONTROL_RE = re.compile("[\x00-\x08\x0e-\x1f\x7f\x80-\x84\x86-\x9f]")
_NEWLINE_RE = re.compile("\r\n?|[\x0b\x0c\x85\u2028]")

# A valid UTF-8 multi-byte sequence (close enough to tell UTF-8 from cp1252).
_UTF8_SEQ_RE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


_HIGH_BYTES = bytes(range(0x80, 0x100))


def _cp1252_byte(byte: int) -> str:
    """One byte as cp1252, or Latin-1 for the five bytes cp1252 leaves undefined."""
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(byte)


def _fallback_errors(exc: UnicodeError) -> tuple[str, int]:
    """Codec error handler: read undecodable bytes as cp1252 instead of failing.

    Used for UTF-8 files with a few stray Windows bytes (text pasted from two
    sources), so one bad byte does not turn a whole UTF-8 story into mojibake.
    """
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    bad = exc.object[exc.start:exc.end]
    return "".join(_cp1252_byte(b) for b in bad), exc.end


_ERRORS = "heartline.cp1252"
codecs.register_error(_ERRORS, _fallback_errors)


def _binary_kind(data: bytes) -> str | None:
    """The name of a known binary format ``data`` starts with, if any."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    if len(data) >= 12 and data[4:8] == b"ftyp":
        return "MP4 or QuickTime media"
    if data[:4] == b"RIFF" and data[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return {b"WEBP": "WebP image", b"WAVE": "WAV audio", b"AVI ": "AVI video"}[data[8:12]]
    return None


def _bomless_wide(data: bytes) -> str | None:
    """Guess UTF-32/UTF-16 without BOM from where the NUL bytes fall.

    Latin-script text in UTF-16 has a NUL in every other byte (odd positions for
    little-endian, even for big-endian); binary data has NULs everywhere or
    nowhere in particular.  Needs a clear pattern, else returns None.
    """
    sample = data[:8192]
    if len(sample) < 4:
        return None
    sample = sample[: len(sample) - len(sample) % 4]
    quarters = [sample[i::4] for i in range(4)]
    nul4 = [q.count(0) / len(q) for q in quarters]
    if nul4[0] < 0.1 and min(nul4[1:]) > 0.9:
        return "utf-32-le"
    if nul4[3] < 0.1 and min(nul4[:3]) > 0.9:
        return "utf-32-be"
    even, odd = sample[0::2], sample[1::2]
    nul_even, nul_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    if nul_odd > 0.3 and nul_even < 0.02:
        return "utf-16-le"
    if nul_even > 0.3 and nul_odd < 0.02:
        return "utf-16-be"
    return None


def _decode(data: bytes) -> tuple[str, str]:
    """Decode ``data`` by the most likely encoding; never raises.

    Returns the raw text and the encoding's name.  Order: a BOM if present,
    BOM-less UTF-32/16 by NUL pattern, strict UTF-8, then UTF-8 with cp1252 for
    stray bytes when most non-ASCII bytes form valid UTF-8, else cp1252 (Latin-1
    for its five undefined bytes), which can decode any byte string.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            body = data[len(bom):]
            if encoding == "utf-8":
                return body.decode("utf-8", _ERRORS), "utf-8-sig"
            return body.decode(encoding, "replace"), encoding
    wide = _bomless_wide(data)
    if wide:
        return data.decode(wide, "replace"), wide
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    high = len(data) - len(data.translate(None, _HIGH_BYTES))
    in_seqs = sum(len(m) for m in _UTF8_SEQ_RE.findall(data))
    if high and in_seqs / high >= 0.9:
        return data.decode("utf-8", _ERRORS), "utf-8"
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("cp1252", _ERRORS), "cp1252+latin-1"


def _clean(text: str, source: str) -> str:
    """Normalise decoded text into ``Story.text``; reject binary or empty input.

    Newlines become ``\\n`` (all later offsets count them as one character),
    BOMs and debris control characters go.  A text that is mostly control
    characters was never text: say so rather than analyse noise.
    """
    if text:
        nul = text.count("\x00")
        controls = len(_CONTROL_RE.findall(text))
        if (nul >= 4 and nul / len(text) > 0.001) or (
            controls >= 4 and controls / len(text) > 0.01
        ):
            raise InputError(f"{source}: looks like a binary file, not a story")
    text = text.replace("\ufeff", "")
    text = text.replace("\u2029", "\n\n")
    text = _NEWLINE_RE.sub("\n", text)
    text = _CONTROL_RE.sub("", text)
    if not text.strip():
        raise InputError(f"{source}: the file is empty")
    return text


def sanitize(text: str) -> str:
    """Newlines made ``\\n``, BOMs and debris control characters removed (no checks)."""
    text = text.replace("\ufeff", "").replace("\u2029", "\n\n")
    return _CONTROL_RE.sub("", _NEWLINE_RE.sub("\n", text))


def decode_text(data: bytes, source: str) -> str:
    """Bytes of a story file → its text, as ``Story.text`` will hold it.

    ``source`` only names the file in error messages.  Raises ``InputError``
    (one line) for known binary formats, binary-looking content and empty or
    whitespace-only input; any other byte string decodes to something.
    """
    text, _ = _decode_checked(data, source)
    return text


def _decode_checked(data: bytes, source: str) -> tuple[str, str]:
    """``decode_text`` that also returns the encoding it chose."""
    kind = _binary_kind(data)
    if kind:
        raise InputError(f"{source}: looks like a binary file ({kind}), not a story")
    if data.startswith(b"{\\rtf"):
        raise InputError(f"{source}: is an RTF document, not plain text; save it as .txt first")
    if not data.strip():
        raise InputError(f"{source}: the file is empty")
    text, encoding = _decode(data)
    return _clean(text, source), encoding


# --------------------------------------------------------------------- titles
_TITLE_FIELD_RE = re.compile(r"^\s*title\s*:\s*(\S.{0,200}?)\s*$", re.IGNORECASE)
_BYLINE_RE = re.compile(r"^\s*by(\s|$)", re.IGNORECASE)
_SMALL_WORDS = frozenset(
    "a an and as at but by for from in into nor of on or the to with".split()
)


def _prettify_stem(source: str) -> str:
    """``pride_and_prejudice_pg1342.txt`` → ``Pride and Prejudice``."""
    if not source or source.startswith("<"):
        return ""
    stem = Path(source).stem
    name = re.sub(r"[_\-.\s]+", " ", stem).strip()
    # Archive ids at the end (Gutenberg "pg1342", a bare number) are not the title.
    trimmed = re.sub(r"(?i)(\s+pg\s*\d+|\s+\d+)$", "", name).strip()
    name = trimmed or name
    words = name.split()
    out = []
    for i, word in enumerate(words):
        if word != word.lower():  # the author chose a casing; keep it
            out.append(word)
        elif i and word in _SMALL_WORDS:
            out.append(word)
        else:
            out.append(word[:1].upper() + word[1:])
    return " ".join(out)


def _guess_title(text: str, source: str) -> str:
    """A title from the text's own opening, else from the file name.

    Tries, in order: a ``Title:`` field near the top (archive headers, Project
    Gutenberg), then a first line that reads like a title (short, no sentence
    punctuation at the end, set off by a blank line or a byline, not a chapter
    heading), then the prettified file stem.
    """
    from heartline.layout import chapter_heading, is_break_line

    lines = text.split("\n", 80)[:80]
    for line in lines:
        m = _TITLE_FIELD_RE.match(line)
        if m:
            return m.group(1)
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is not None and first + 1 < len(lines):
        cand = lines[first].strip().strip("#*_").strip()
        following = lines[first + 1]
        set_off = not following.strip() or _BYLINE_RE.match(following)
        rest = "\n".join(lines[first + 1:])
        if (
            cand
            and set_off
            and rest.strip()
            and len(cand) <= 80
            and cand[-1] not in ".,;:"
            and cand[0] not in "\"'“‘«-—–([<"
            and any(ch.isalpha() for ch in cand)
            and chapter_heading(cand) is None
            and not is_break_line(cand)
        ):
            return cand
    return _prettify_stem(source)


# --------------------------------------------------------------------- stories
_GUTENBERG_START = re.compile(r"^\*{3} ?START OF (?:THE|THIS) PROJECT GUTENBERG[^\n]*$", re.MULTILINE | re.IGNORECASE)
_GUTENBERG_END = re.compile(r"^\*{3} ?END OF (?:THE|THIS) PROJECT GUTENBERG[^\n]*$", re.MULTILINE | re.IGNORECASE)
_PRODUCED_BY = re.compile(r"\A\s*(?:Produced by|E-text prepared by|Transcribed by)[^\n]*(?:\n[^\n]+)*\n", re.IGNORECASE)


def story_body(text: str) -> tuple[int, int]:
    """Where the story itself lies: inside a Project Gutenberg file, between its START and
    END markers (the licence is not prose); elsewhere, the whole text.  Offsets stay those
    of the full text, so evidence points into the file the user has."""
    start, end = 0, len(text)
    m = _GUTENBERG_START.search(text)
    if m:
        start = m.end()
        credit = _PRODUCED_BY.match(text, start)
        if credit:
            start = credit.end()
    m = _GUTENBERG_END.search(text, start)
    if m:
        end = m.start()
    while start < end and text[start].isspace():
        start += 1
    return start, end


def story_from_text(text: str, source: str = "<text>", title: str = "") -> Story:
    """A ``Story`` from text already in memory (tests, the web form, the API).

    The text goes through the same cleaning as a file's, so offsets mean the
    same whichever way a story came in.  An empty ``title`` is guessed from the
    text (and from ``source`` when it is a file name).
    """
    return _plain_story(_clean(text, source), source, title=title)


def decode_head(data: bytes, size: int = 65536) -> str:
    """The opening of a file decoded leniently, for telling its format (never raises)."""
    text, _ = _decode(data[:size])
    return text.replace("\ufeff", "")


def _plain_story(text: str, source: str, encoding: str = "", title: str = "") -> Story:
    """A plain-text ``Story``: Gutenberg frame and archive header are metadata, author's
    notes are excluded from the prose."""
    from heartline.formats.fields import info_from_fields
    from heartline.formats.header import read_header
    from heartline.formats.notes import note_spans

    start, end = story_body(text)
    archive = "gutenberg" if _GUTENBERG_START.search(text) else ""
    fields: list[tuple[str, str]] = []
    header_title = ""
    if archive:  # Gutenberg's own "Title:/Author:" block lies before the START marker
        gutenberg = read_header(text, 0, max_lines=60)
        fields += list(gutenberg.fields) if gutenberg else []
    header = read_header(text, start)
    if header is not None:
        fields += list(header.fields)
        header_title = header.title_line
        if header.byline:
            fields.append(("Author", header.byline))
        start = header.end
        if any(k.strip().lower() == "packaged" for k, _ in header.fields):
            archive = archive or "fanficfare"
    info, field_title = info_from_fields(fields, archive=archive)
    metadata: dict[str, Any] = {"body": (start, end)}
    if encoding:
        metadata["encoding"] = encoding
    return Story(source=source, text=text,
                 title=title or field_title or header_title or _guess_title(text[start:], source),
                 metadata=metadata, format="text", info=info, excluded=note_spans(text, start, end))


def story_from_plain_bytes(data: bytes, source: str) -> Story:
    """A plain-text story from its bytes: any common encoding, any newline convention.
    Raises ``InputError`` (one line naming ``source``) for binary or empty content."""
    text, encoding = _decode_checked(data, source)
    return _plain_story(text, source, encoding)


def read_story(path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> Story:
    """Read a plain-text story file (``heartline.formats.read_story`` reads any format)."""
    from heartline.formats import read_bytes

    return story_from_plain_bytes(read_bytes(path, max_bytes=max_bytes), str(path))


# Public names for the other format readers.
decode_checked = _decode_checked
guess_title = _guess_title
