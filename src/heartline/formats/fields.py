"""Archive metadata fields: a label as authors and archives write it → a ``WorkInfo`` field.

AO3's downloads say "Relationship:", FanFicFare's say "Relationships:" or "Ships:",
hand-written headers say "Pairing:"; all mean the same field.  This module is the one
place that knows those spellings, for every format that carries a header.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from heartline.model import WorkInfo

# label (lower case, no colon) -> WorkInfo field; list fields split on commas
_LABELS: dict[str, str] = {}
for _field, _labels in {
    "title": "title|story title|work title",
    "authors": "author|authors|by|creator|creators|writer|pseud",
    "fandoms": "fandom|fandoms",
    "rating": "rating|rated",
    "warnings": "archive warning|archive warnings|warning|warnings|content warnings",
    "categories": "category|categories",
    "relationships": "relationship|relationships|pairing|pairings|ship|ships",
    "characters": "character|characters|cast",
    "additional_tags": "additional tags|additional tag|freeform|freeforms|tags|other tags",
    "language": "language",
    "series": "series",
    "summary": "summary|description|blurb",
    "notes": "notes|note|author's note|author's notes|authors note|authors notes|a/n|disclaimer",
    "url": "url|story url|link|original url|posted at",
}.items():
    for _label in _labels.split("|"):
        _LABELS[_label] = _field

# Fields archives add that are worth keeping but have no field of their own.
_EXTRA_LABELS = frozenset(
    "words word count chapters published updated completed status packaged genre genres "
    "kudos hits comments bookmarks stats collections".split()
) | {"word count", "date published", "date updated"}

_LIST_FIELDS = frozenset({"authors", "fandoms", "warnings", "categories", "relationships",
                          "characters", "additional_tags"})

_SPACES = re.compile(r"\s+")


def field_for_label(label: str) -> str | None:
    """The ``WorkInfo`` field a header label fills, ``"extra"`` for a known label with no
    field of its own, or None for a label that is not archive metadata at all."""
    key = _SPACES.sub(" ", label.strip().rstrip(":").strip().lower()).replace("’", "'")
    if key in _LABELS:
        return _LABELS[key]
    if key in _EXTRA_LABELS:
        return "extra"
    return None


def split_tags(value: str) -> tuple[str, ...]:
    """"A/B, C & D" → ("A/B", "C & D"): archive tags never contain commas."""
    return tuple(t for t in (_SPACES.sub(" ", p).strip() for p in value.split(",")) if t)


def info_from_fields(fields: Sequence[tuple[str, str | Sequence[str]]], archive: str = "",
                     base: WorkInfo | None = None) -> tuple[WorkInfo, str]:
    """Build a ``WorkInfo`` from ``(label, value)`` pairs in the author's order.

    A value may be a string (split on commas for list fields) or a list of tags
    (taken as is, e.g. the links of an AO3 tag list).  Returns the info and the title
    field's value ("" when there is none), since the title lives on ``Story``."""
    info = base or WorkInfo()
    title = ""
    extra = list(info.extra)
    notes = list(info.notes)
    for label, value in fields:
        name = field_for_label(label)
        if name is None:
            continue
        if isinstance(value, str):
            text = value.strip()
            items = split_tags(text) if name in _LIST_FIELDS else ()
        else:
            items = tuple(_SPACES.sub(" ", v).strip() for v in value if v.strip())
            text = ", ".join(items)
        if not text:
            continue
        if name == "title":
            title = title or text
        elif name == "extra":
            extra.append((_SPACES.sub(" ", label.strip().rstrip(":")), text))
        elif name == "notes":
            notes.append(text)
        elif name in _LIST_FIELDS:
            grown: dict[str, Any] = {name: getattr(info, name) + items}
            info = replace(info, **grown)
        elif not getattr(info, name):
            filled: dict[str, Any] = {name: text}
            info = replace(info, **filled)
    info = replace(info, extra=tuple(extra), notes=tuple(notes))
    if archive == "fanficfare" and info.categories and not info.fandoms:
        info = replace(info, fandoms=info.categories)  # FanFicFare's "Category" is the fandom
    if archive and not info.archive:
        info = replace(info, archive=archive)
    return info, title
