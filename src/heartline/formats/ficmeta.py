"""FanFicFare's JSON metadata (``fanficfare --json-meta``) read beside a story file.

Fans who download with FanFicFare often keep its metadata: one JSON object with the
work's title, author, fandoms (``category``), ``characters``, ``ships`` (relationship
tags), ``freeformtags``/``genre``, ``rating``, ``warnings``, ``status``, ``description``,
``storyUrl``, ``numWords`` ... .  ``story.txt`` + ``story.json`` (same stem) are read
together, or ``--meta FILE`` names the file.  The author's tags are kept verbatim and in
their order; list fields may come as JSON lists or as comma-separated text (archive tags
never hold a comma).
"""
from __future__ import annotations

import html
import json
import os
import re
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from heartline.errors import InputError
from heartline.model import Story, WorkInfo
from heartline.userfiles import parse_json, read_user_text

# Keys that only FanFicFare's metadata has: a JSON file beside a story without any of
# them (heartline's own --json output, say) is not metadata.
_FANFICFARE_KEYS = frozenset({"storyUrl", "storyId", "site", "siteabbrev", "numChapters", "numWords",
                              "ships", "freeformtags", "ao3categories", "authorUrl", "authorId",
                              "dateCreated", "datePublished", "dateUpdated", "extratags", "output_css"})
# Fields kept as "extra" (label, key), in this order, when present.
_EXTRA = (("Status", "status"), ("Words", "numWords"), ("Chapters", "numChapters"),
          ("Published", "datePublished"), ("Updated", "dateUpdated"), ("Packaged", "dateCreated"),
          ("Site", "site"), ("Story ID", "storyId"), ("Author URL", "authorUrl"),
          ("Collections", "collections"), ("Bookmarks", "bookmarks"), ("Kudos", "kudos"), ("Hits", "hits"))
_TAGS = re.compile(r"<[^>]+>")


def is_fanficfare_meta(data: Any) -> bool:
    return isinstance(data, dict) and "schema" not in data and bool(_FANFICFARE_KEYS & set(data))


def _items(value: Any) -> tuple[str, ...]:
    """A list field as FanFicFare writes it (a list, or comma-separated text), verbatim, in order."""
    if value is None:
        return ()
    if isinstance(value, (list, tuple)):
        parts = [str(v) for v in value if v is not None]
    else:
        parts = str(value).split(",")
    return tuple(p.strip() for p in parts if p.strip())


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ", ".join(_items(value))
    return str(value).strip()


def _plain(description: str) -> str:
    """The summary as text (FanFicFare keeps it as HTML)."""
    text = re.sub(r"(?i)<br\s*/?>|</p>", "\n", description)
    return "\n".join(" ".join(line.split()) for line in html.unescape(_TAGS.sub("", text)).splitlines()
                     if line.strip())


def info_from_fanficfare(data: Mapping[str, Any]) -> tuple[WorkInfo, str]:
    """The work's metadata and its title from a FanFicFare JSON object."""
    extra = tuple((label, _text(data[key])) for label, key in _EXTRA if _text(data.get(key)))
    info = WorkInfo(
        archive="fanficfare",
        url=_text(data.get("storyUrl")),
        authors=_items(data.get("author")),
        fandoms=_items(data.get("fandoms") or data.get("category")),
        rating=_text(data.get("rating")),
        warnings=_items(data.get("warnings")),
        categories=_items(data.get("ao3categories")),
        relationships=_items(data.get("ships")),
        characters=_items(data.get("characters")),
        # AO3 downloads carry the additional tags as freeformtags; other sites put theirs in genre
        additional_tags=_items(data.get("freeformtags") or data.get("genre")),
        language=_text(data.get("language")),
        series=_text(data.get("series")),
        summary=_plain(_text(data.get("description"))),
        extra=extra,
    )
    return info, _text(data.get("title"))


def load_fanficfare_meta(path: str | os.PathLike[str]) -> tuple[WorkInfo, str]:
    source = str(path)
    data = parse_json(read_user_text(path, "metadata file", missing="no such metadata file"), source)
    if not is_fanficfare_meta(data):
        raise InputError(f"{source}: not FanFicFare JSON metadata (fanficfare --json-meta)")
    return info_from_fanficfare(data)


def sidecar_meta(story_path: str | os.PathLike[str]) -> Path | None:
    """``story.json`` beside ``story.txt``, when it is FanFicFare's metadata."""
    p = Path(story_path)
    if p.suffix.lower() == ".json":
        return None
    candidate = p.with_suffix(".json")
    try:
        if not candidate.is_file():
            return None
        data = json.loads(candidate.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError):
        return None  # not ours to complain about: it was never asked for
    return candidate if is_fanficfare_meta(data) else None


def merge_info(info: WorkInfo, meta: WorkInfo) -> WorkInfo:
    """The story's own metadata with the gaps filled from FanFicFare's: what the file
    itself says is kept as it is."""
    filled = {}
    for name in WorkInfo.__dataclass_fields__:
        mine, theirs = getattr(info, name), getattr(meta, name)
        if name == "extra":
            labels = {k for k, _ in mine}
            filled[name] = mine + tuple((k, v) for k, v in theirs if k not in labels)
        elif not mine and theirs:
            filled[name] = theirs
    return replace(info, **filled)


def with_fanficfare_meta(story: Story, story_path: str | os.PathLike[str],
                         meta: str | os.PathLike[str] | None = None) -> Story:
    """The story with FanFicFare's metadata merged in: ``meta`` when given (a missing or
    foreign file is an error), else a same-stem ``.json`` beside it when there is one."""
    path = Path(meta) if meta else sidecar_meta(story_path)
    if path is None:
        return story
    info, title = load_fanficfare_meta(path)
    metadata = {**story.metadata, "fanficfare_meta": str(path)}
    return replace(story, info=merge_info(story.info, info), title=title or story.title, metadata=metadata)
