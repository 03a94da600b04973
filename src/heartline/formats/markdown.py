"""Markdown drafts: YAML front matter as metadata, the rest rendered with markdown-it-py
(CommonMark) and read as HTML, so headings, rules and emphasis mean what they do there."""
from __future__ import annotations

import re
from dataclasses import replace

from heartline.formats.fields import info_from_fields
from heartline.formats.html import HtmlStory, read_html

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?\n)(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)


def front_matter(text: str) -> tuple[list[tuple[str, str | list[str]]], int]:
    """``(label, value)`` pairs of a YAML front matter block and where the text after it starts."""
    m = _FRONT_MATTER.match(text)
    if not m:
        return [], 0
    import yaml

    try:
        data = yaml.safe_load(m.group("yaml"))
    except yaml.YAMLError:
        return [], 0
    if not isinstance(data, dict):
        return [], 0
    pairs: list[tuple[str, str | list[str]]] = []
    for key, value in data.items():
        if isinstance(value, (list, tuple)):
            pairs.append((str(key), [str(v) for v in value if v is not None]))
        elif value is not None:
            pairs.append((str(key), str(value)))
    return pairs, m.end()


def read_markdown(text: str) -> HtmlStory:
    from markdown_it import MarkdownIt

    pairs, start = front_matter(text)
    # html=False: raw HTML in a story is shown as text, never interpreted
    html = MarkdownIt("commonmark", {"html": False}).render(text[start:])
    story = read_html("<html><body>" + html + "</body></html>")
    if not pairs:
        return story
    info, title = info_from_fields(pairs, base=story.info)
    return replace(story, info=info, title=title or story.title)
