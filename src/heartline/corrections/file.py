"""The corrections file: a person's fixes to heartline's reading, plain YAML they can edit.

It lies beside the story as ``<story file>.heartline.yaml`` (or wherever ``--corrections``
points) and holds a list, applied in order::

    - merge: [Anna Bell, the girl in red]        # one person: the later names join the first
    - split: {alias: Captain Reed, from: Tom Reed} # that name is somebody else
    - not_character: Corn Exchange                # a place, not a person
    - rename: {from: Queen, to: Queen Ann}
    - remove_relation: {from: Tom Reed, to: Anna Bell, kind: dislike}   # kind optional
    - add_relation: {from: Anna Bell, to: Tom Reed, kind: romantic, reason: "the last scene"}

Names are matched as the analysis shows them (display name, any alias or id), ignoring
case.  ``heartline correct`` appends to the file and never rewrites what is there, so
comments and hand edits survive.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..model import FEELING_KINDS, HOW_VALUES
from ..userfiles import parse_yaml, read_user_text

SUFFIX = ".heartline.yaml"
ACTIONS = ("merge", "split", "not_character", "rename", "remove_relation", "add_relation")
_HEADER = ("# heartline corrections for {name}: one fix a list item, applied in order.\n"
           "# Edit by hand or with `heartline correct`; see docs/corrections.md.\n")


@dataclass(frozen=True)
class Correction:
    """One fix.  ``fields`` hold the action's arguments as written, in a fixed order:
    merge (names), split (alias, from), not_character (name), rename (from, to),
    remove_relation (from, to, kind), add_relation (from, to, kind, how, reason)."""

    action: str
    fields: tuple[tuple[str, Any], ...]

    def get(self, key: str, default: Any = None) -> Any:
        return dict(self.fields).get(key, default)

    def to_yaml_item(self) -> dict[str, Any]:
        values = {k: v for k, v in self.fields if v not in (None, "")}
        if self.action == "merge":
            return {"merge": list(values["names"])}
        if self.action == "not_character":
            return {"not_character": values["name"]}
        return {self.action: values}


@dataclass(frozen=True)
class Corrections:
    file: str = ""
    items: tuple[Correction, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.items)


def sidecar_path(story: str | os.PathLike[str]) -> Path:
    """Where a story's corrections live by default: ``story.txt`` → ``story.txt.heartline.yaml``."""
    p = Path(story)
    return p.with_name(p.name + SUFFIX)


def _text(value: Any, where: str, what: str) -> str:
    if not isinstance(value, (str, int, float)) or isinstance(value, bool) or not str(value).strip():
        raise InputError(f"{where}: {what} must be a name (text)")
    return " ".join(str(value).split())


def _mapping(value: Any, where: str, action: str, required: tuple[str, ...],
             optional: tuple[str, ...] = ()) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise InputError(f"{where}: {action} needs a mapping with {', '.join(required)}")
    unknown = [k for k in value if k not in required + optional]
    if unknown:
        raise InputError(f"{where}: {action} has unknown field {unknown[0]!r} "
                         f"(known: {', '.join(required + optional)})")
    missing = [k for k in required if value.get(k) in (None, "")]
    if missing:
        raise InputError(f"{where}: {action} needs {missing[0]!r}")
    return value


def parse_item(item: Any, where: str) -> Correction:
    """One list item of the file → a ``Correction``; a mistake is one ``InputError`` line."""
    if not isinstance(item, dict) or len(item) != 1:
        raise InputError(f"{where}: each correction is one mapping like 'merge: [A, B]' "
                         f"(actions: {', '.join(ACTIONS)})")
    (action, value), = item.items()
    action = str(action).strip().lower().replace("-", "_").replace(" ", "_")
    if action not in ACTIONS:
        raise InputError(f"{where}: unknown correction {action!r} (actions: {', '.join(ACTIONS)})")
    if action == "merge":
        if not isinstance(value, list) or len(value) < 2:
            raise InputError(f"{where}: merge needs a list of two or more names")
        return Correction(action, (("names", tuple(_text(v, where, "each name") for v in value)),))
    if action == "not_character":
        return Correction(action, (("name", _text(value, where, "not_character")),))
    if action == "split":
        v = _mapping(value, where, action, ("alias",), ("from",))
        return Correction(action, (("alias", _text(v["alias"], where, "alias")),
                                   ("from", _text(v["from"], where, "from") if v.get("from") else None)))
    if action == "rename":
        v = _mapping(value, where, action, ("from", "to"))
        return Correction(action, (("from", _text(v["from"], where, "from")), ("to", _text(v["to"], where, "to"))))
    if action == "remove_relation":
        v = _mapping(value, where, action, ("from", "to"), ("kind",))
        kind = _kind(v.get("kind"), where, required=False)
        return Correction(action, (("from", _text(v["from"], where, "from")),
                                   ("to", _text(v["to"], where, "to")), ("kind", kind)))
    v = _mapping(value, where, action, ("from", "to", "kind", "reason"), ("how",))
    how = str(v.get("how") or "implied").strip().lower()
    if how not in HOW_VALUES:
        raise InputError(f"{where}: add_relation how must be one of {', '.join(HOW_VALUES)}")
    return Correction(action, (("from", _text(v["from"], where, "from")), ("to", _text(v["to"], where, "to")),
                               ("kind", _kind(v["kind"], where, required=True)), ("how", how),
                               ("reason", " ".join(str(v["reason"]).split()))))


def _kind(value: Any, where: str, required: bool) -> str | None:
    if value in (None, "") and not required:
        return None
    kind = str(value).strip().lower()
    if kind not in FEELING_KINDS:
        raise InputError(f"{where}: kind must be one of {', '.join(FEELING_KINDS)}")
    return kind


def parse_corrections(data: Any, source: str) -> Corrections:
    if data is None:
        return Corrections(source)
    if not isinstance(data, list):
        raise InputError(f"{source}: expected a list of corrections ('- merge: [A, B]', ...)")
    return Corrections(source, tuple(parse_item(item, f"{source}: item {i + 1}") for i, item in enumerate(data)))


def load_corrections(path: str | os.PathLike[str]) -> Corrections:
    """Read a corrections file; a missing file is an ``InputError`` (use ``find_corrections``
    for the optional sidecar)."""
    source = str(path)
    data = parse_yaml(read_user_text(path, "corrections file"), source)
    return parse_corrections(data, source)


def find_corrections(story_source: str | os.PathLike[str]) -> Corrections:
    """The corrections beside a story file, or none when it has no sidecar (or the source
    is no file on disk: a pasted text, an upload)."""
    try:
        sidecar = sidecar_path(story_source)
        if not Path(story_source).is_file() or not sidecar.is_file():
            return Corrections()
    except (OSError, ValueError):
        return Corrections()
    return load_corrections(sidecar)


def corrections_bytes(story_source: str | os.PathLike[str], explicit: str | os.PathLike[str] | None = None) -> bytes:
    """The raw bytes of the corrections that apply to a story (b"" when none): part of any
    cache key, so an edited corrections file is never answered from a stale analysis."""
    path = Path(explicit) if explicit else sidecar_path(story_source)
    try:
        return path.read_bytes()
    except OSError:
        return b""


def format_item(item: dict[str, Any]) -> str:
    """One correction as one line of the file: ``- merge: [A, B]``."""
    import yaml

    (action, value), = item.items()
    body = yaml.safe_dump(value, allow_unicode=True, sort_keys=False, default_flow_style=True,
                          width=10_000).rstrip("\n")
    if body.endswith("\n..."):
        body = body[:-4]
    return f"- {action}: {body}\n"


def append_correction(path: str | os.PathLike[str], correction: Correction, story_name: str = "") -> None:
    """Add one correction at the end of the file, leaving what is there (comments, hand
    edits) as it was; the file is checked first, so a broken file is never added to."""
    p = Path(path)
    existing = ""
    if p.exists():
        load_corrections(p)
        existing = p.read_text(encoding="utf-8-sig")
    else:
        default_name = p.name[:-len(SUFFIX)] if p.name.endswith(SUFFIX) else p.name
        existing = _HEADER.format(name=story_name or default_name)
    item = format_item(correction.to_yaml_item())
    if existing and not existing.endswith("\n"):
        existing += "\n"
    try:
        tmp = p.with_name(f".{p.name}.tmp")
        tmp.write_text(existing + item, encoding="utf-8")
        os.replace(tmp, p)
    except OSError as exc:
        raise InputError(f"cannot write {p}: {exc.strerror or exc}") from None
