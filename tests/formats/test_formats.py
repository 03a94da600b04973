"""Every format heartline reads, told by content, with the archive's metadata kept apart
from the prose (issue 3).  Fixtures are built in tests/formats/fixtures.py."""
from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
import fixtures  # noqa: E402

from heartline.api import analyze_story  # noqa: E402
from heartline.errors import InputError  # noqa: E402
from heartline.formats import read_story, story_from_bytes  # noqa: E402
from heartline.formats.detect import detect_format  # noqa: E402


def _prose_ok(story) -> None:
    """The story's own sentences are in the text; the notes and tags are not."""
    for line in fixtures.prose():
        assert line in story.text
    assert "beta reader" not in story.text
    assert "Teen And Up" not in story.text
    assert "Kudos" not in story.text


# --------------------------------------------------------------------- detection
@pytest.mark.parametrize("make,name,expected", [
    (fixtures.ao3_html, "work.html", "html"),
    (fixtures.ao3_html, "work.txt", "html"),  # renamed: the content decides
    (fixtures.ao3_epub, "work.epub", "epub"),
    (fixtures.ao3_epub, "work", "epub"),
    (fixtures.docx_bytes, "draft.docx", "docx"),
    (fixtures.docx_bytes, "draft.bin", "docx"),
    (lambda: fixtures.markdown_text().encode(), "draft.md", "markdown"),
    (lambda: fixtures.markdown_text().encode(), "draft.txt", "markdown"),  # front matter
    (lambda: b"# One\n\nText here.\n\n# Two\n\nMore text.\n", "notes", "markdown"),
    (lambda: "Mara waited. *Soft* rain fell.\n\nTobin came.\n".encode(), "s.txt", "text"),
    (lambda: b"<p>is this html?</p> no, one tag in prose", "s.txt", "text"),
])
def test_format_is_told_by_content(make, name, expected) -> None:
    assert detect_format(make(), name) == expected


# --------------------------------------------------------------------- AO3
def test_ao3_html_download_keeps_metadata_and_reads_only_prose() -> None:
    story = story_from_bytes(fixtures.ao3_html(), "work.html")
    assert (story.format, story.info.archive, story.title) == ("html", "ao3", "Harbour Lamps")
    info = story.info
    assert info.authors == ("inkfox",)
    assert info.relationships == ("Mara Lind/Tobin Hale", "Ada Fenner/Mara Lind")  # verbatim, in order
    assert info.characters == ("Mara Lind", "Tobin Hale")
    assert info.additional_tags == ("Fluff", "Mutual Pining")
    assert info.rating == "Teen And Up Audiences" and info.fandoms == ("Harbour Lights (Original Work)",)
    assert info.warnings == ("No Archive Warnings Apply",)
    assert info.summary == fixtures.SUMMARY
    assert info.url.endswith("/works/123456")
    assert any("beta reader" in n for n in info.notes) and any("Disclaimer" in n for n in info.notes)
    assert info.chapter_titles == ("Chapter 1: The Lantern", "Chapter 2: The Tide")
    assert [t for _, t in story.chapters] == list(info.chapter_titles)
    _prose_ok(story)
    # chapter headings are structure, not prose
    for at, title in story.chapters:
        assert story.text[at:at + len(title)] == title
        assert any(s <= at and at + len(title) <= e for s, e in story.excluded)


def test_ao3_epub_download() -> None:
    story = story_from_bytes(fixtures.ao3_epub(), "work.epub")
    assert (story.format, story.info.archive, story.title) == ("epub", "ao3", "Harbour Lamps")
    assert story.info.relationships == ("Mara Lind/Tobin Hale", "Ada Fenner/Mara Lind")
    assert [t for _, t in story.chapters] == ["The Lantern", "The Tide"]
    assert "Thanks for reading." in story.info.notes
    _prose_ok(story)


def test_fanficfare_epub_title_page_is_metadata_and_authors_notes_are_not_prose() -> None:
    story = story_from_bytes(fixtures.fanficfare_epub(), "ffn.epub")
    assert story.info.archive == "fanficfare"
    assert story.info.relationships == ("Mara Lind/Tobin Hale",)
    assert story.info.fandoms == ("Harbour Lights",)  # FanFicFare's "Category"
    assert ("Packaged", "2024-03-01") in story.info.extra
    assert "A/N" not in story.text and any(n.startswith("A/N") for n in story.info.notes)
    assert "Packaged" not in story.text and "Relationships:" not in story.text
    assert [t for _, t in story.chapters] == ["The Lantern", "The Tide"]
    _prose_ok(story)


def test_epub_spine_order_and_table_of_contents_titles() -> None:
    story = story_from_bytes(fixtures.plain_epub_without_headings(), "book.epub")
    assert [t for _, t in story.chapters] == ["The Lantern", "The Tide"]
    assert story.text.index("harbour wall") < story.text.index("took his arm")


# --------------------------------------------------------------------- docx, Markdown, text
def test_docx_styles_give_title_and_chapters() -> None:
    story = story_from_bytes(fixtures.docx_bytes(), "draft.docx")
    assert (story.format, story.title, story.info.authors) == ("docx", "Harbour Lamps", ("inkfox",))
    assert [t for _, t in story.chapters] == ["The Lantern", "The Tide"]
    _prose_ok(story)


def test_markdown_front_matter_headings_and_emphasis() -> None:
    story = story_from_bytes(fixtures.markdown_text().encode(), "draft.md")
    assert story.format == "markdown" and story.title == "Harbour Lamps"
    assert story.info.relationships == ("Mara Lind/Tobin Hale",)
    assert [t for _, t in story.chapters] == ["The Lantern", "The Tide"]
    assert "*" not in story.text.replace("* * *", "")
    _prose_ok(story)


def test_markdown_raw_html_is_text_not_markup() -> None:
    story = story_from_bytes(b"# A\n\nMara said <script>alert(1)</script> twice.\n\n# B\n\nDone.\n", "x.md")
    assert "<script>alert(1)</script>" in story.text


HEADER = """Title: Harbour Lamps
Author: inkfox
Rating: Teen
Relationships: Mara Lind/Tobin Hale, Ada Fenner & Mara Lind
Characters: Mara Lind, Tobin Hale
Summary: Two people and a lantern,
told over two nights.

A/N: I don't own the harbour. Tobin Hale hates me for this.

Mara Lind waited by the harbour wall.
"""


def test_plain_text_archive_header_and_authors_note_are_not_prose() -> None:
    story = story_from_bytes(HEADER.encode(), "fic.txt")
    assert story.title == "Harbour Lamps"
    assert story.info.relationships == ("Mara Lind/Tobin Hale", "Ada Fenner & Mara Lind")
    assert story.info.summary == "Two people and a lantern,\ntold over two nights."
    start, _ = story.body
    note = story.text.index("A/N")
    assert note < start or any(s <= note < e for s, e in story.excluded)
    assert story.text[start:].startswith("Mara Lind waited")
    analysis = analyze_story(story)
    assert "Tobin Hale" not in {c.name for c in analysis.characters}  # named only in the header/note


def test_a_story_opening_with_a_colon_line_is_not_a_header() -> None:
    story = story_from_bytes(b"Note: the bridge was out.\n\nMara walked the long way home.\n", "s.txt")
    assert story.body[0] == 0 and story.info.is_empty


@pytest.mark.parametrize("encoding", ["cp1252", "utf-16", "utf-8-sig", "latin-1"])
def test_html_in_any_encoding(encoding) -> None:
    html = "<html><body><h1>Caf\u00e9</h1><p>Zo\u00eb said hello to the caf\u00e9 owner.</p></body></html>"
    story = story_from_bytes(html.encode(encoding), "page.html")
    assert "Zo\u00eb said hello" in story.text and story.title == "Caf\u00e9"


def test_html_headings_hr_and_links_lists() -> None:
    html = ("<html><head><title>T</title><script>var x = 'no';</script></head><body>"
            "<h1>The Book</h1><div><a href=1>One</a> <a href=2>Two</a> <a href=3>Three</a></div>"
            "<h2>One</h2><p>First   part,\n spread over lines.</p><hr/><p>After the break.</p>"
            "<h2>Two</h2><p>Second<br/>chapter.</p></body></html>")
    story = story_from_bytes(html.encode(), "b.html")
    assert story.title == "The Book"
    assert [t for _, t in story.chapters] == ["One", "Two"]
    assert "First part, spread over lines." in story.text
    assert "* * *" in story.text and "Second\nchapter." in story.text
    assert "var x" not in story.text and "Three" not in story.text.split("One", 1)[0]


def test_chapters_from_markup_become_the_analysis_chapters() -> None:
    analysis = analyze_story(story_from_bytes(fixtures.ao3_html(), "work.html"))
    titles = [s.title for s in analysis.scenes if s.title]
    assert titles == ["Chapter 1: The Lantern", "Chapter 2: The Tide"]
    assert [s.chapter for s in analysis.scenes] == sorted(s.chapter for s in analysis.scenes)
    assert analysis.scenes[-1].chapter == 1


# --------------------------------------------------------------------- declared tags
def test_declared_tags_are_compared_with_the_reading() -> None:
    analysis = analyze_story(story_from_bytes(fixtures.ao3_html(), "work.html"))
    checks = {c.tag: c for c in analysis.tags.compared}
    assert checks["Mara Lind/Tobin Hale"].status == "agree"
    assert checks["Ada Fenner/Mara Lind"].status == "unknown_name"  # Ada is only in the notes
    data = analysis.to_json()
    assert data["story"]["declared_tags"]["relationships"] == ["Mara Lind/Tobin Hale", "Ada Fenner/Mara Lind"]
    assert {c["status"] for c in data["tags"]["compared"]} == {"agree", "unknown_name"}


# --------------------------------------------------------------------- bad input
def _epub_bytes() -> bytes:
    return fixtures.ao3_epub()


def test_truncated_epub_is_one_clear_error() -> None:
    data = _epub_bytes()
    with pytest.raises(InputError, match="damaged EPUB"):
        story_from_bytes(data[: len(data) // 2], "cut.epub")


def test_zip_bomb_epub_is_refused() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("mimetype", "application/epub+zip")
        z.writestr("META-INF/container.xml", "<container/>")
        z.writestr("OEBPS/bomb.xhtml", b"\0" * 50_000_000)
    with pytest.raises(InputError, match="zip bomb"):
        story_from_bytes(buf.getvalue(), "bomb.epub")


def test_epub_without_package_is_one_clear_error() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("mimetype", "application/epub+zip")
        z.writestr("META-INF/container.xml", "<container><rootfiles/></container>")
    with pytest.raises(InputError, match="damaged EPUB"):
        story_from_bytes(buf.getvalue(), "empty.epub")


@pytest.mark.parametrize("html", [b"<html><head><title>x</title></head></html>",
                                  b"<!DOCTYPE html><html><body>   </body></html>"])
def test_html_with_no_body_text_is_one_clear_error(html) -> None:
    with pytest.raises(InputError, match="no story text"):
        story_from_bytes(html, "page.html")


def test_broken_docx_is_one_clear_error() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", "<not really")
    with pytest.raises(InputError, match="docx"):
        story_from_bytes(buf.getvalue(), "broken.docx")


def test_files_are_read_from_disk_by_content(tmp_path) -> None:
    path = tmp_path / "download"
    path.write_bytes(fixtures.ao3_epub())
    assert read_story(path).format == "epub"


def test_authors_note_inside_a_plain_text_story_is_excluded() -> None:
    text = ("Mara Lind waited by the harbour wall.\n\n"
            "A/N: sorry for the wait! Tobin Hale is my favourite.\n\n"
            "Tobin came up the steps.\n")
    story = story_from_bytes(text.encode(), "fic.txt")
    note = story.text.index("A/N")
    assert any(s <= note and story.text.index("favourite") < e for s, e in story.excluded)
