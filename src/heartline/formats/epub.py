"""EPUB 2 and 3 stories, including AO3's and FanFicFare's.

The container names the package (OPF) file; its spine gives the reading order, and each
spine document is read as HTML (``formats.html``).  Title pages and tables of contents
are recognised and kept out of the prose: an AO3 preface or a FanFicFare title page
becomes the work's metadata, the OPF's Dublin Core fields fill what they leave open.
"""
from __future__ import annotations

import posixpath
import re
from dataclasses import replace
from urllib.parse import unquote

from bs4 import BeautifulSoup

from heartline.errors import InputError
from heartline.formats.fields import info_from_fields
from heartline.formats.html import (
    HtmlStory,
    ao3_chapters,
    ao3_metadata,
    attr,
    chapter_heading_level,
    is_ao3,
    labelled_fields,
    parse_html,
    walk_prose,
)
from heartline.formats.render import TextBuilder
from heartline.formats.zipsafe import has_member, open_zip, read_member

_KIND = "EPUB"
_MIN_WORDS = 25  # a spine document with fewer words and sentences is a cover or title page
_SENTENCE_END = re.compile(r"[.!?…][\"”’']?(?:\s|$)")


def _xml(data: bytes) -> BeautifulSoup:
    return BeautifulSoup(data, "xml")


def _dc(opf: BeautifulSoup, name: str) -> list[str]:
    return [t.get_text(" ").strip() for t in opf.find_all(name) if t.get_text().strip()]


def read_epub(data: bytes, source: str) -> HtmlStory:
    archive = open_zip(data, source, _KIND)
    container = _xml(read_member(archive, "META-INF/container.xml", source, _KIND))
    rootfile = container.find("rootfile")
    opf_path = attr(rootfile, "full-path") if rootfile is not None else ""
    if not opf_path:
        raise InputError(f"{source}: is a damaged EPUB (its container names no package file)")
    opf = _xml(read_member(archive, opf_path, source, _KIND))
    base = posixpath.dirname(opf_path)
    manifest = {item.get("id"): item for item in opf.find_all("item")}
    spine = [manifest.get(ref.get("idref")) for ref in opf.find_all("itemref")
             if ref.get("linear", "yes") != "no"]
    documents = [posixpath.normpath(posixpath.join(base, unquote(attr(item, "href"))))
                 for item in spine if item is not None and "html" in attr(item, "media-type")]
    if not documents:
        raise InputError(f"{source}: is a damaged EPUB (its spine lists no documents)")

    generator = " ".join(_dc(opf, "contributor") + _dc(opf, "publisher")
                         + [attr(m, "content") for m in opf.find_all("meta")]).lower()
    archive_name = ("ao3" if "archive of our own" in generator
                    else "fanficfare" if "fanficfare" in generator else "")
    labels = _toc_labels(archive, opf, manifest, base, source)
    info, title = None, ""
    builder = TextBuilder()
    titles: list[str] = []
    for path in documents:
        soup = parse_html(read_member(archive, path, source, _KIND))
        body = soup.body or soup
        if soup.find(id="preface") is not None or (soup.select_one("dl.tags") is not None and is_ao3(soup)):
            info, title = ao3_metadata(soup)
            archive_name = "ao3"
            continue
        if soup.find(id="afterword") is not None:
            for quote in soup.find_all("blockquote"):
                builder.note(quote.get_text("\n"))
            continue
        if soup.find("nav") is not None and not body.find("p"):
            continue
        pairs, holder = labelled_fields(body)
        if holder is not None and info is None:
            info, title = info_from_fields(pairs, archive=archive_name or "fanficfare")
            archive_name = archive_name or "fanficfare"
            continue
        part = TextBuilder()
        if archive_name == "ao3" or body.select_one("div.userstuff") is not None:
            ao3_chapters(body, part)
        else:
            walk_prose(body, part, chapter_level=chapter_heading_level(body, None))
        words = len(part.text.split()) - sum(len(t.split()) for _, t in part.chapters)
        if words < _MIN_WORDS and len(_SENTENCE_END.findall(part.text)) < 2:
            continue  # a cover, a title or a copyright page
        if not part.chapters:  # each spine document is a chapter; the table of contents names it
            builder.heading(labels.get(path) or f"Part {len(titles) + 1}")
            titles.append(builder.chapters[-1][1])
        builder.extend(part)
        titles.extend(t for _, t in part.chapters)
    if not builder.parts:
        raise InputError(f"{source}: the EPUB holds no story text")
    dc_fields: list[tuple[str, str | list[str]]] = [("Title", t) for t in _dc(opf, "title")[:1]]
    dc_fields += [("Author", [a]) for a in _dc(opf, "creator")]
    dc_fields += [("Language", t) for t in _dc(opf, "language")[:1]]
    dc_fields += [("Summary", BeautifulSoup(t, "lxml").get_text(" ").strip()) for t in _dc(opf, "description")[:1]]
    dc_info, dc_title = info_from_fields(dc_fields, archive=archive_name)
    if info is None:
        info = dc_info
    else:  # the title page wins; the OPF fills what it leaves open
        info = replace(info, **{f: getattr(dc_info, f) for f in ("authors", "language", "summary")
                                if not getattr(info, f) and getattr(dc_info, f)})
        info = replace(info, archive=info.archive or archive_name)
    chapter_titles = tuple(t for _, t in builder.chapters)
    info = replace(info, notes=info.notes + tuple(builder.notes), chapter_titles=chapter_titles)
    return HtmlStory(builder.text, title or dc_title, info, tuple(builder.chapters), tuple(builder.excluded))


def _toc_labels(archive, opf: BeautifulSoup, manifest: dict, base: str, source: str) -> dict[str, str]:
    """Document path → its title in the table of contents (EPUB 3 nav, else EPUB 2 NCX)."""
    labels: dict[str, str] = {}

    def add(doc_dir: str, href: str, label: str) -> None:
        path = posixpath.normpath(posixpath.join(doc_dir, unquote(href.split("#")[0])))
        label = " ".join(label.split())
        if label and path not in labels:
            labels[path] = label

    for item in manifest.values():
        href = posixpath.normpath(posixpath.join(base, unquote(attr(item, "href"))))
        props = attr(item, "properties")
        if "nav" in props.split() and has_member(archive, href):
            nav = parse_html(read_member(archive, href, source, _KIND))
            for a in nav.select("nav a[href]"):
                add(posixpath.dirname(href), attr(a, "href"), a.get_text(" "))
        elif attr(item, "media-type") == "application/x-dtbncx+xml" and has_member(archive, href):
            ncx = _xml(read_member(archive, href, source, _KIND))
            for point in ncx.find_all("navPoint"):
                content, text = point.find("content"), point.find("text")
                if content is not None and text is not None and attr(content, "src"):
                    add(posixpath.dirname(href), attr(content, "src"), text.get_text(" "))
    return labels
