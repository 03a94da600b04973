"""Story files in every format heartline reads, built here so that no real download is
copied into the repository.  The layouts follow what AO3, FanFicFare, Word and EPUB
writers produce; the story is the same small one in each, so tests can compare."""
from __future__ import annotations

import io
import zipfile
from html import escape

CHAPTERS = (
    ("The Lantern", [
        "Mara Lind waited by the harbour wall until the lamps were lit.",
        "\u201cYou came,\u201d Mara said when Tobin Hale walked up the steps.",
        "\u201cI always come,\u201d Tobin said. He loved her, and everyone on the quay knew it.",
    ]),
    ("The Tide", [
        "Mara laughed at him, but she took his arm.",
        "\u201cI love you, Tobin,\u201d Mara said quietly.",
    ]),
)
TAGS = {
    "Rating": ["Teen And Up Audiences"],
    "Archive Warning": ["No Archive Warnings Apply"],
    "Category": ["F/M"],
    "Fandom": ["Harbour Lights (Original Work)"],
    "Relationship": ["Mara Lind/Tobin Hale", "Ada Fenner/Mara Lind"],
    "Character": ["Mara Lind", "Tobin Hale"],
    "Additional Tags": ["Fluff", "Mutual Pining"],
    "Language": ["English"],
}
SUMMARY = "Two people, one harbour, a lantern."
NOTE = "Thanks to my beta reader Pellam, who loves Ada Fenner."


def _paragraphs(lines) -> str:
    return "".join(f"<p>{escape(line)}</p>\n" for line in lines)


def ao3_html() -> bytes:
    link = '<a href="https://archiveofourown.org/tags/x">{}</a>'
    tags = "".join(f"<dt>{escape(k)}:</dt>\n<dd>{', '.join(link.format(escape(v)) for v in vs)}</dd>\n"
                   for k, vs in TAGS.items())
    chapters = "".join(
        f'<div class="meta group"><h2 class="heading">Chapter {i + 1}: {escape(title)}</h2>\n'
        f'<p>Chapter Notes</p><blockquote class="userstuff"><p>{escape(NOTE)}</p></blockquote></div>\n'
        f'<div class="userstuff">{_paragraphs(lines)}</div>\n'
        for i, (title, lines) in enumerate(CHAPTERS))
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"/><title>Harbour Lamps - inkfox - Harbour Lights</title>
<style>.toc-heading{{display:none}}</style></head>
<body>
<div id="preface">
  <h2 class="toc-heading">Preface</h2>
  <p class="message"><b>Harbour Lamps</b><br/>Posted originally on the
  <a href="http://archiveofourown.org/">Archive of Our Own</a> at
  <a href="http://archiveofourown.org/works/123456">http://archiveofourown.org/works/123456</a>.</p>
  <div class="meta">
    <dl class="tags">{tags}<dt>Stats:</dt><dd>Published: 2024-02-14 Words: 80 Chapters: 2/2</dd></dl>
    <h1>Harbour Lamps</h1>
    <div class="byline">by <a rel="author" href="http://archiveofourown.org/users/inkfox">inkfox</a></div>
    <p>Summary</p><blockquote class="userstuff"><p>{escape(SUMMARY)}</p></blockquote>
    <p>Notes</p><blockquote class="userstuff"><p>Disclaimer: I own nothing.</p></blockquote>
  </div>
</div>
<div id="chapters" class="userstuff">
{chapters}
</div>
<div id="afterword"><div id="endnotes"><p>End Notes</p>
<blockquote class="userstuff"><p>Kudos welcome! Tobin Hale hated writing this.</p></blockquote></div></div>
</body></html>""".encode("utf-8")


def _xhtml(body: str, title: str = "x") -> str:
    return ('<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml">'
            f"<head><title>{escape(title)}</title></head><body>{body}</body></html>")


def _epub(documents: list[tuple[str, str]], metadata: str, nav: list[tuple[str, str]] | None = None,
          stored_mimetype: bool = True) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/epub+zip",
                   compress_type=zipfile.ZIP_STORED if stored_mimetype else zipfile.ZIP_DEFLATED)
        z.writestr("META-INF/container.xml",
                   '<?xml version="1.0"?><container version="1.0" '
                   'xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles>'
                   '<rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>'
                   "</rootfiles></container>")
        items = "".join(f'<item id="d{i}" href="{name}" media-type="application/xhtml+xml"/>'
                        for i, (name, _) in enumerate(documents))
        spine = "".join(f'<itemref idref="d{i}"/>' for i in range(len(documents)))
        if nav:
            items += '<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>'
            links = "".join(f'<li><a href="{href}">{escape(label)}</a></li>' for href, label in nav)
            z.writestr("OEBPS/nav.xhtml", _xhtml(f'<nav epub:type="toc"><ol>{links}</ol></nav>'))
        z.writestr("OEBPS/content.opf",
                   '<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0">'
                   f'<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">{metadata}</metadata>'
                   f"<manifest>{items}</manifest><spine>{spine}</spine></package>")
        for name, body in documents:
            z.writestr(f"OEBPS/{name}", body)
    return buf.getvalue()


def ao3_epub() -> bytes:
    tags = "".join(f"<dt>{escape(k)}:</dt><dd>{', '.join(f'<a>{escape(v)}</a>' for v in vs)}</dd>"
                   for k, vs in TAGS.items())
    preface = _xhtml(f'<div id="preface"><div class="meta"><dl class="tags">{tags}</dl>'
                     '<h1>Harbour Lamps</h1><div class="byline">by <a rel="author">inkfox</a></div>'
                     f'<p>Summary</p><blockquote class="userstuff"><p>{escape(SUMMARY)}</p></blockquote>'
                     "</div></div>")
    docs = [("preface.xhtml", preface)]
    for i, (title, lines) in enumerate(CHAPTERS):
        docs.append((f"chapter{i + 1}.xhtml", _xhtml(
            f'<div class="meta group"><h2 class="heading">{escape(title)}</h2>'
            f'<p>Chapter Notes</p><blockquote class="userstuff"><p>{escape(NOTE)}</p></blockquote></div>'
            f'<div class="userstuff">{_paragraphs(lines)}</div>')))
    docs.append(("afterword.xhtml", _xhtml('<div id="afterword"><p>End Notes</p>'
                                           "<blockquote><p>Thanks for reading.</p></blockquote></div>")))
    meta = ("<dc:title>Harbour Lamps</dc:title><dc:creator>inkfox</dc:creator>"
            "<dc:publisher>Archive of Our Own</dc:publisher><dc:language>en</dc:language>")
    return _epub(docs, meta)


def fanficfare_epub() -> bytes:
    title_page = _xhtml(
        '<h3><a href="https://www.fanfiction.net/s/1/1/">Harbour Lamps</a> by <a class="authorurl">inkfox</a></h3>'
        "<div><b>Category:</b> Harbour Lights<br/><b>Rating:</b> T<br/>"
        "<b>Relationships:</b> Mara Lind/Tobin Hale<br/><b>Characters:</b> Mara Lind, Tobin Hale<br/>"
        f"<b>Summary:</b> {escape(SUMMARY)}<br/><b>Packaged:</b> 2024-03-01<br/></div>")
    docs = [("title_page.xhtml", title_page)]
    for i, (title, lines) in enumerate(CHAPTERS):
        docs.append((f"file{i + 1:04d}.xhtml", _xhtml(
            f'<h3 class="fff_chapter_title">{escape(title)}</h3>'
            + _paragraphs(["A/N: this chapter was hard to write!"] + list(lines)))))
    meta = ("<dc:title>Harbour Lamps</dc:title><dc:creator>inkfox</dc:creator>"
            '<dc:contributor role="bkp">FanFicFare [https://github.com/JimmXinu/FanFicFare]</dc:contributor>')
    return _epub(docs, meta)


def plain_epub_without_headings() -> bytes:
    docs = [(f"c{i}.xhtml", _xhtml(_paragraphs(lines))) for i, (_, lines) in enumerate(CHAPTERS)]
    nav = [(f"c{i}.xhtml", title) for i, (title, _) in enumerate(CHAPTERS)]
    return _epub(docs, "<dc:title>Harbour Lamps</dc:title>", nav=nav)


def docx_bytes() -> bytes:
    import docx

    document = docx.Document()
    document.core_properties.author = "inkfox"
    document.add_paragraph("Harbour Lamps", style="Title")
    for title, lines in CHAPTERS:
        document.add_heading(title, level=1)
        for line in lines:
            document.add_paragraph(line)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def markdown_text() -> str:
    parts = ["---", "title: Harbour Lamps", "author: inkfox",
             "relationships: [Mara Lind/Tobin Hale]", "---", ""]
    for title, lines in CHAPTERS:
        parts += [f"## {title}", ""]
        for line in lines:
            parts += [line.replace("harbour", "*harbour*"), ""]
        parts += ["***", ""]
    return "\n".join(parts)


def prose() -> list[str]:
    return [line for _, lines in CHAPTERS for line in lines]
