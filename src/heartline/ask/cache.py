"""The analysis of a story file, kept on disk so a second question needs no second run.

The key is a hash of the cache format, heartline's version, the file's name and its bytes: a new version
(its rules may read the text differently) or an edited file misses the cache; the name
is in the key because the title, and the format, may come from it.  Entries live in
``$XDG_CACHE_HOME/heartline/analysis`` (else ``~/.cache/heartline/analysis``) unless a directory is given.
"""
from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .. import __version__

Analyse = Callable[[bytes, str], dict[str, Any]]

# What the cached JSON means, beside the version: bumped when its fields change meaning
# without a new release (2: scene and chapter numbers count from 1), so no old entry is
# read the new way.
CACHE_FORMAT = b"2"


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "heartline" / "analysis"


def cache_key(data: bytes, name: str, version: str = __version__, *, corrections: bytes = b"") -> str:
    """``corrections``: the bytes of the story's corrections file, so a fix made since
    (``heartline correct``, the web app) is never answered from the old analysis."""
    digest = hashlib.sha256()
    for part in (CACHE_FORMAT, version.encode(), Path(name).name.encode("utf-8", "surrogateescape"), data,
                 corrections):
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()


def _analyse_bytes(data: bytes, source: str, progress=None) -> dict[str, Any]:
    # Imported here: the parser takes seconds to load, and a cache hit must not pay for it.
    from ..api import analyze_story
    from ..formats import story_from_bytes

    return analyze_story(story_from_bytes(data, source), progress=progress).to_json()


def _read(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None  # missing, half-written by a crash, or not ours: analyse again
    return data if isinstance(data, dict) and "relations" in data else None


def _write(path: Path, analysis: dict[str, Any]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Write then rename, so a reader never sees half a file.
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(analysis, fh, ensure_ascii=False)
        os.replace(tmp, path)
    except OSError as exc:
        print(f"heartline: note: cannot cache the analysis in {path.parent}: {exc.strerror or exc}",
              file=sys.stderr)


def cached_analysis(source: str | os.PathLike[str], cache_dir: str | os.PathLike[str] | None = None,
                    analyse: Analyse | None = None, progress=None) -> tuple[dict[str, Any], bool]:
    """The analysis/v2 dict of a story file and whether it came from the cache."""
    from ..corrections import corrections_bytes
    from ..formats import read_bytes

    data = read_bytes(source)
    key = cache_key(data, str(source), corrections=corrections_bytes(source))
    entry = Path(cache_dir or default_cache_dir()) / f"{key}.json"
    analysis = _read(entry)
    hit = analysis is not None
    if analysis is None:
        analysis = (analyse(data, str(source)) if analyse
                    else _analyse_bytes(data, str(source), progress=progress))
        _write(entry, analysis)
    # Same bytes, same name, possibly another directory: report the path asked for.
    analysis.setdefault("story", {})["source"] = str(source)
    return analysis, hit
