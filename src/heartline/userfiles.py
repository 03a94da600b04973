"""Small files a user writes by hand (name lists, corrections, metadata): read and parsed
with one clear ``InputError`` line for every way they can be wrong."""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from heartline.errors import HeartlineError, InputError


def read_user_text(path: str | os.PathLike[str], what: str, *, missing: str = "no such file",
                   error: type[HeartlineError] = InputError) -> str:
    """The UTF-8 text of a user's ``what`` file ("name list", "gold file" ...); ``missing`` is
    what a missing file is called, ``error`` the one-line error raised."""
    source = str(path)
    try:
        return Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise error(f"{source}: {missing}") from None
    except IsADirectoryError:
        raise error(f"{source}: is a directory, not a {what}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise error(f"{source}: cannot be read as a UTF-8 {what} ({exc})") from None


def parse_yaml(raw: str, source: str) -> Any:
    import yaml

    try:
        return yaml.safe_load(raw)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        raise InputError(f"{source}: not valid YAML{where}") from None


def parse_json(raw: str, source: str, error: type[HeartlineError] = InputError) -> Any:
    try:
        return json.loads(raw)
    except json.JSONDecodeError as exc:
        raise error(f"{source}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
