"""HTML stories, including AO3's and FanFicFare's downloads.

Parsed with BeautifulSoup over lxml (tolerant of the broken markup real downloads
have), walked block by block into a ``TextBuilder``.  Chapters come from headings: a
lone ``h1`` on top is the title, the highest heading level below it marks chapters,
lower ones mark scenes; ``<hr>`` is a scene break.  An AO3 download is read by its
known layout (the preface's tag list, ``#chapters`` with its chapter meta blocks,
``#afterword``); a FanFicFare title page (``<b>Label:</b> value`` lines) becomes the
work's metadata instead of prose.
"""
from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, replace

from bs4 import BeautifulSoup, Comment, Doctype, NavigableString, Tag, XMLParsedAsHTMLWarning
from bs4.element import CData, Declaration, ProcessingInstruction

from heartline.formats.fields import field_for_label, info_from_fields
from heartline.formats.render import TextBuilder
from heartline.model import WorkInfo

_SKIP = frozenset(
    "script style head title noscript template svg math nav form button iframe object embed "
    "select textarea canvas audio video map input link meta".split())
_BLOCK = frozenset(
    "p div section article main body html blockquote li ul ol dl dt dd table thead tbody tfoot tr "
    "td th figure figcaption header footer aside center address details summary".split())
_HEADING = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_NOT_TEXT = (Comment, Doctype, Declaration, ProcessingInstruction, CData)
_SPACE = re.compile(r"\s+")
_CONTENTS = re.compile(r"^\s*(?:table of )?contents\s*$", re.IGNORECASE)


def parse_html(data: bytes | str) -> BeautifulSoup:
    with warnings.catch_warnings():  # XHTML (EPUB) read as HTML on purpose: lxml's HTML
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)  # parser forgives broken markup
        return BeautifulSoup(data, "lxml")


def attr(tag: Tag, name: str, default: str = "") -> str:
    """A single-valued attribute as text (``default`` when absent); bs4 gives multi-valued
    ones such as ``class`` as a list, joined here with spaces."""
    value = tag.get(name)
    if value is None:
        return default
    return value if isinstance(value, str) else " ".join(value)


def _text(node: Tag) -> str:
    return _SPACE.sub(" ", node.get_text(" ")).strip()


def _is_link_list(node: Tag) -> bool:
    """A table of contents: a block whose words are nearly all links."""
    links = node.find_all("a")
    if len(links) < 3:
        return False
    linked = sum(len(_text(a)) for a in links)
    return linked >= 0.8 * max(1, len(_text(node)))


class _Walker:
    """Blocks of one HTML subtree → the builder.  ``chapter_level``: headings at or above
    this level start chapters (0: none do), deeper ones start scenes."""

    def __init__(self, builder: TextBuilder, chapter_level: int, skip_title: Tag | None = None):
        self.builder = builder
        self.chapter_level = chapter_level
        self.skip_title = skip_title
        self.buffer: list[str] = []

    def flush(self) -> None:
        if self.buffer:
            self.builder.paragraph("".join(self.buffer))
            self.buffer = []

    def walk(self, node: Tag) -> None:
        for child in node.children:
            if isinstance(child, _NOT_TEXT):
                continue
            if isinstance(child, NavigableString):
                self.buffer.append(_SPACE.sub(" ", str(child)))
                continue
            if not isinstance(child, Tag):
                continue
            name = (child.name or "").lower()
            if name in _SKIP or child is self.skip_title:
                continue
            if name == "br":
                self.buffer.append("\n")
            elif name == "hr":
                self.flush()
                self.builder.scene_break()
            elif name in _HEADING:
                self.flush()
                title = _text(child)
                if _CONTENTS.match(title):
                    continue
                if self.chapter_level and _HEADING[name] <= self.chapter_level:
                    self.builder.heading(title)
                else:
                    self.builder.subheading(title)
            elif name == "pre":
                self.flush()
                self.builder.preformatted(child.get_text())
            elif name in _BLOCK:
                self.flush()
                if name in ("p", "div", "ol", "ul") and _is_link_list(child):
                    continue
                self.walk(child)
                self.flush()
            else:
                self.walk(child)


def walk_prose(node: Tag, builder: TextBuilder, chapter_level: int = 0,
               skip_title: Tag | None = None) -> None:
    walker = _Walker(builder, chapter_level, skip_title)
    walker.walk(node)
    walker.flush()


# --------------------------------------------------------------------- labelled fields
def labelled_fields(root: Tag) -> tuple[list[tuple[str, str]], Tag | None]:
    """``<b>Rating:</b> Teen<br/>`` lines (FanFicFare title pages and the like).

    Returns the ``(label, value)`` pairs and the smallest element holding them all, so
    the caller can drop that element from the prose."""
    pairs: list[tuple[str, str]] = []
    labels: list[Tag] = []
    for tag in root.find_all(["b", "strong", "span", "dt"]):
        label = _text(tag)
        if not label.endswith(":") or len(label) > 40 or field_for_label(label) is None:
            continue
        value: list[str] = []
        for sib in tag.next_siblings:
            if isinstance(sib, Tag) and (sib.name == "br" or (sib.name in ("b", "strong", "span", "dt")
                                                              and _text(sib).endswith(":"))):
                break
            if isinstance(sib, Tag) and sib.name in _BLOCK and sib.name != "dd":
                break
            value.append(sib.get_text(" ") if isinstance(sib, Tag) else str(sib))
        pairs.append((label, _SPACE.sub(" ", "".join(value)).strip()))
        labels.append(tag)
    if len(pairs) < 3:
        return [], None
    holder = labels[0].parent
    while holder is not None and not all(holder in t.parents for t in labels):
        holder = holder.parent
    return pairs, holder


# --------------------------------------------------------------------- AO3
def is_ao3(soup: BeautifulSoup) -> bool:
    preface = soup.find(id="preface")
    message = soup.select_one("p.message")
    return bool(
        (preface is not None and preface.select_one("dl.tags") is not None)
        or (message is not None and "archive of our own" in _text(message).lower())
        or soup.select_one('a[href*="archiveofourown.org/works/"]') is not None
        and soup.select_one("dl.tags") is not None)


def _blockquote_after(label: str, scope: Tag) -> list[str]:
    out = []
    for p in scope.find_all("p"):
        if _text(p).lower() == label.lower():
            quote = p.find_next_sibling("blockquote")
            if quote is not None:
                out.append(quote.get_text("\n").strip())
    return out


def ao3_metadata(soup: BeautifulSoup) -> tuple[WorkInfo, str]:
    """The preface of an AO3 download: its tag list, title, byline, summary and notes."""
    fields: list[tuple[str, str | list[str]]] = []
    tags = soup.select_one("dl.tags")
    if tags is not None:
        for dt in tags.find_all("dt"):
            dd = dt.find_next_sibling("dd")
            if dd is None:
                continue
            label = _text(dt)
            if label.lower().startswith("stats"):
                for m in re.finditer(r"([A-Z][A-Za-z ]+?):\s*([^\s:]+(?: [^\s:]+)*?)(?=\s+[A-Z][A-Za-z ]+:|$)",
                                     _text(dd)):
                    fields.append((m.group(1), m.group(2)))
                continue
            links = [_text(a) for a in dd.find_all("a")]
            fields.append((label, links if links and label.lower() != "series:" else _text(dd)))
    meta = (soup.find(id="preface") or soup).select_one("div.meta") or soup
    title_tag = meta.find("h1")
    title = _text(title_tag) if title_tag else ""
    byline = meta.select_one(".byline")
    if byline is not None:
        authors = [_text(a) for a in byline.find_all("a")] or [_text(byline).removeprefix("by ").strip()]
        fields.append(("Author", authors))
    for summary in _blockquote_after("Summary", meta)[:1]:
        fields.append(("Summary", summary))
    for note in _blockquote_after("Notes", meta):
        fields.append(("Notes", note))
    link = soup.select_one('p.message a[href*="/works/"]')
    if link is not None:
        fields.append(("URL", attr(link, "href")))
    info, field_title = info_from_fields(fields, archive="ao3")
    return info, title or field_title


def ao3_chapters(container: Tag, builder: TextBuilder) -> list[str]:
    """The chapters of an AO3 download (``#chapters`` in HTML, a chapter file's body in
    EPUB): chapter meta blocks give the heading and the chapter notes, ``userstuff``
    blocks the prose.  Returns the chapter titles."""
    titles: list[str] = []
    blocks = [c for c in container.children if isinstance(c, Tag)]
    if not any("userstuff" in (b.get("class") or []) or "meta" in (b.get("class") or []) for b in blocks):
        walk_prose(container, builder)
        return titles
    for block in blocks:
        classes: list[str] = block.get_attribute_list("class")
        if "meta" in classes:
            heading = block.find(["h2", "h3"], class_="heading") or block.find(["h2", "h3"])
            title = _text(heading) if heading is not None else ""
            if title:
                builder.heading(title)
                titles.append(title)
            for quote in block.find_all("blockquote"):
                builder.note(quote.get_text("\n"))
        elif "userstuff" in classes:
            walk_prose(block, builder)
        elif block.name in _HEADING and "toc-heading" not in classes:
            builder.heading(_text(block))
            titles.append(_text(block))
    return titles


def ao3_notes(soup: BeautifulSoup, builder: TextBuilder) -> None:
    afterword = soup.find(id="afterword")
    if afterword is not None:
        for quote in afterword.find_all("blockquote"):
            builder.note(quote.get_text("\n"))


# --------------------------------------------------------------------- any HTML
def chapter_heading_level(body: Tag, title_tag: Tag | None) -> int:
    levels = [_HEADING[h.name] for h in body.find_all(list(_HEADING))
              if h is not title_tag and not _CONTENTS.match(_text(h))
              and not any(p.name in _SKIP for p in h.parents)]
    return min(levels) if levels else 0


def _lone_title(body: Tag) -> Tag | None:
    """A single ``h1`` before any prose is the work's title, not a chapter."""
    h1s = body.find_all("h1")
    if len(h1s) != 1:
        return None
    before = h1s[0].find_all_previous(string=True)
    words = sum(len(str(s).split()) for s in before if not isinstance(s, _NOT_TEXT)
                and not any(p.name in _SKIP for p in s.parents))
    return h1s[0] if words < 30 else None


@dataclass(frozen=True)
class HtmlStory:
    text: str
    title: str
    info: WorkInfo
    chapters: tuple[tuple[int, str], ...]
    excluded: tuple[tuple[int, int], ...]


def read_html_soup(soup: BeautifulSoup) -> HtmlStory:
    builder = TextBuilder()
    if is_ao3(soup):
        info, title = ao3_metadata(soup)
        chapters = soup.find(id="chapters")
        titles = ao3_chapters(chapters if chapters is not None else (soup.body or soup), builder)
        ao3_notes(soup, builder)
        info = replace(info, chapter_titles=tuple(titles), notes=info.notes + tuple(builder.notes))
        return HtmlStory(builder.text, title, info, tuple(builder.chapters), tuple(builder.excluded))
    body = soup.body or soup
    pairs, holder = labelled_fields(body)
    title = ""
    archive = "fanficfare" if "fanficfare" in str(soup)[:200_000].lower() else ""
    if holder is not None:
        heading = holder.find_previous(["h1", "h2", "h3"])
        if heading is not None and len(_text(heading).split()) <= 20:
            title = re.sub(r"\s+by\s+.*$", "", _text(heading))
            heading.decompose()
        holder.decompose()
    title_tag = _lone_title(body)
    if title_tag is not None:
        title = title or _text(title_tag)
    walk_prose(body, builder, chapter_heading_level(body, title_tag), skip_title=title_tag)
    info, field_title = info_from_fields(pairs, archive=archive)
    head_title = soup.title.get_text().strip() if soup.title and soup.title.string else ""
    info = replace(info, notes=info.notes + tuple(builder.notes),
                   chapter_titles=tuple(t for _, t in builder.chapters))
    return HtmlStory(builder.text, field_title or title or head_title, info,
                     tuple(builder.chapters), tuple(builder.excluded))


def read_html(data: bytes | str) -> HtmlStory:
    return read_html_soup(parse_html(data))
