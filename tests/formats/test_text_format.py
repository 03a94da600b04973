"""Reading story files: every encoding decodes, every user mistake is one line."""
from __future__ import annotations

import codecs
import random
from pathlib import Path

import pytest

from heartline.errors import InputError
from heartline.formats.text import decode_text, read_story, story_from_text

SAMPLE = "Zoë said “hello” — to the café’s owner.\nSecond line."


# --------------------------------------------------------------------- encodings
@pytest.mark.parametrize(
    "data",
    [
        SAMPLE.encode("utf-8"),
        codecs.BOM_UTF8 + SAMPLE.encode("utf-8"),
        codecs.BOM_UTF16_LE + SAMPLE.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"),
        SAMPLE.encode("utf-16-le"),  # no BOM: found by the NUL pattern
        SAMPLE.encode("utf-16-be"),
        SAMPLE.encode("utf-32"),  # with BOM
        SAMPLE.encode("cp1252"),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "utf16le", "utf16be",
         "utf32", "cp1252"],
)
def test_decodes_common_encodings(data: bytes) -> None:
    assert decode_text(data, "s.txt") == SAMPLE


def test_latin1_bytes_outside_cp1252_still_decode() -> None:
    # 0x81 and 0x9d are undefined in cp1252; Latin-1 control chars get dropped.
    text = decode_text(b"caf\xe9 \x81ok\x9d", "s.txt")
    assert text == "café ok"


def test_utf8_with_a_stray_windows_byte_keeps_the_utf8() -> None:
    data = "Café “quote” ".encode() * 5 + b"\x93win\x94"
    text = decode_text(data, "s.txt")
    assert text.startswith("Café “quote”")
    assert text.endswith("“win”")


def test_newlines_are_normalised_and_boms_stripped() -> None:
    data = codecs.BOM_UTF8 + b"one\r\ntwo\rthree\n\r\nfour"
    assert decode_text(data, "s.txt") == "one\ntwo\nthree\n\nfour"


def test_control_characters_are_removed_but_tabs_kept() -> None:
    assert decode_text(b"a\tb\x00c\x07d\x0ce", "s.txt") == "a\tbcd\ne"


def test_never_crashes_on_random_bytes() -> None:
    rng = random.Random(7)
    for _ in range(500):
        data = bytes(rng.randrange(256) for _ in range(rng.randrange(200)))
        try:
            text = decode_text(data, "r.bin")
        except InputError as exc:
            assert "\n" not in str(exc)
        else:
            assert "\r" not in text and "\x00" not in text


# --------------------------------------------------------------------- refusals
@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3", "PDF document"),
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP archive"),
        (b"\x7fELF\x02\x01\x01", "ELF executable"),
        (b"GIF89a\x01\x00", "GIF image"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG image"),
    ],
)
def test_known_binary_formats_are_named(data: bytes, kind: str) -> None:
    with pytest.raises(InputError, match=rf"^story\.bin: looks like a binary file \({kind}"):
        decode_text(data, "story.bin")


def test_unknown_binary_is_refused() -> None:
    data = bytes(range(256)) * 4
    with pytest.raises(InputError, match="looks like a binary file, not a story"):
        decode_text(data, "blob")


@pytest.mark.parametrize("data", [b"", b"   \n\r\n\t ", codecs.BOM_UTF8 + b"\n\n"])
def test_empty_input_is_refused(data: bytes) -> None:
    with pytest.raises(InputError, match=r"^e\.txt: the file is empty$"):
        decode_text(data, "e.txt")


def test_short_text_is_fine() -> None:
    assert decode_text(b"Hi.", "s.txt") == "Hi."


# --------------------------------------------------------------------- files
def test_read_story_reads_file(tmp_path: Path) -> None:
    path = tmp_path / "the_long_night.txt"
    path.write_bytes(b"It snowed.\r\nShe waited.\r\n")
    story = read_story(path)
    assert story.text == "It snowed.\nShe waited.\n"
    assert story.source == str(path)
    assert story.title == "The Long Night"
    assert story.metadata["encoding"] == "utf-8"


def test_read_story_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_story(tmp_path / "nope.txt")


def test_read_story_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a directory"):
        read_story(tmp_path)


def test_read_story_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "locked.txt"
    path.write_text("secret")

    def deny(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", deny)
    with pytest.raises(InputError, match="locked.txt: permission denied"):
        read_story(path)


def test_read_story_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(InputError, match="empty.txt: the file is empty"):
        read_story(path)


def test_read_story_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "story.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    with pytest.raises(InputError, match=r"story\.png: looks like a binary file \(PNG image\)"):
        read_story(path)


def test_read_story_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"word " * 100)
    with pytest.raises(InputError, match="over the .* MB limit"):
        read_story(path, max_bytes=100)
    assert read_story(path, max_bytes=500).words == 100


# --------------------------------------------------------------------- titles
def test_title_from_first_line_set_off_by_blank() -> None:
    story = story_from_text("Paper Hearts\n\nSakura wrapped the box.\n", source="x.txt")
    assert story.title == "Paper Hearts"


def test_title_from_title_field() -> None:
    text = "Title: What the Ink Remembers\nRating: Teen\n\nThe snow came.\n"
    assert story_from_text(text).title == "What the Ink Remembers"


def test_title_with_byline() -> None:
    text = "The Great Gatsby\n   by\n F. Scott Fitzgerald\n\nIn my younger years.\n"
    assert story_from_text(text).title == "The Great Gatsby"


@pytest.mark.parametrize(
    "first",
    [
        "It was raining when she left.",  # a sentence
        '"Go away," he said',  # dialogue
        "Chapter 1",  # a heading
        "***",  # an ornament
    ],
)
def test_no_title_from_prose_headings_or_breaks(first: str) -> None:
    story = story_from_text(f"{first}\n\nMore text here.\n", source="stories/my_story-2.txt")
    assert story.title == "My Story"


def test_explicit_title_wins_and_text_is_cleaned() -> None:
    story = story_from_text("\ufeffa\r\nb", title="Given")
    assert story.title == "Given"
    assert story.text == "a\nb"
    assert story.source == "<text>"


def test_story_from_text_rejects_blank() -> None:
    with pytest.raises(InputError, match="<text>: the file is empty"):
        story_from_text(" \n ")


def test_a_header_with_markdown_bold_labels_and_a_chapter_line_is_metadata(tmp_path: Path) -> None:
    path = tmp_path / "lantern.txt"
    path.write_text("**Lantern Street**\n\nChapter 1 of 1\n\n**Fandom:** Original Work\n**Rating:** Teen And Up"
                    " Audiences\n**Relationships:** Oona Vell/Bram Kester\n\n---\n\nOona lit the lamp.\n",
                    encoding="utf-8")
    story = read_story(path)
    start, _ = story.body
    assert story.text[start:].startswith("Oona lit the lamp.")
    assert story.title == "Lantern Street"
    assert "Teen And Up" not in story.text[start:]


def test_an_author_handle_alone_under_the_title_is_the_byline(tmp_path: Path) -> None:
    path = tmp_path / "ferry.txt"
    path.write_text("The Last Ferry Home\nlanternmoth_writes\n\nRating: General Audiences\n"
                    "Relationships: Oona Vell/Bram Kester, Oona Vell & Tace Morrow\n\n"
                    "Oona missed the ferry on purpose.\n", encoding="utf-8")
    story = read_story(path)
    start, _ = story.body
    assert story.text[start:].startswith("Oona missed the ferry")
    assert story.title == "The Last Ferry Home"
    assert "Oona Vell/Bram Kester" in story.info.relationships


def test_two_lines_of_prose_above_labels_are_no_header(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("It rained all week.\nOona counted the boats, one by one.\n\nNote: none came.\n"
                    "Rating: none either.\n", encoding="utf-8")
    story = read_story(path)
    start, _ = story.body
    assert story.text[start:].startswith("It rained all week.")
