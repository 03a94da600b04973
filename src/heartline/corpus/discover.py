"""Which files a batch reads: directories, globs and files → story paths in a stable order.

A directory is walked recursively and a glob expanded (``**`` included); from those,
only files that look like stories are kept (by extension, and not an archive's
README, licence or source list).  A file named directly is always kept: the user
asked for it.  Hidden files and directories are skipped.
"""
from __future__ import annotations

import glob
from collections.abc import Iterable
from pathlib import Path

from ..errors import InputError

STORY_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml", ".epub", ".docx"})
NOT_STORY_STEMS = ("readme", "license", "licence", "copying", "sources", "changelog", "notice", "authors")


def looks_like_story(path: Path) -> bool:
    if path.suffix.lower() not in STORY_SUFFIXES:
        return False
    stem = path.stem.lower()
    return not any(stem == s or stem.startswith(s + ".") or stem.startswith(s + "_") for s in NOT_STORY_STEMS)


def _hidden(path: Path, root: Path) -> bool:
    try:
        parts = path.relative_to(root).parts
    except ValueError:
        parts = path.parts
    return any(p.startswith(".") for p in parts)


def _walk(root: Path) -> Iterable[Path]:
    for path in root.rglob("*"):
        if path.is_file() and not _hidden(path, root) and looks_like_story(path):
            yield path


def discover(targets: Iterable[str]) -> list[Path]:
    """Absolute story paths for the given directories, globs and files, sorted and
    without repeats.  A target that matches nothing is an ``InputError``."""
    found: set[Path] = set()
    for target in targets:
        path = Path(target).expanduser()
        if path.is_dir():
            matches = list(_walk(path))
        elif path.is_file():
            matches = [path]
        elif any(c in target for c in "*?["):
            matches = []
            for hit in glob.glob(str(path), recursive=True):
                p = Path(hit)
                if p.is_dir():
                    matches.extend(_walk(p))
                elif p.is_file() and looks_like_story(p):
                    matches.append(p)
        else:
            raise InputError(f"{target}: no such file or directory")
        if not matches:
            raise InputError(f"{target}: no story files found (looked for {', '.join(sorted(STORY_SUFFIXES))})")
        found.update(p.resolve() for p in matches)
    return sorted(found, key=str)
