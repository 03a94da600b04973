"""Trained models that ship with heartline, and the one way they are loaded and switched.

Each model is a JSON file in this package (see its ``card``: training data hash, held-out
scores, the command that retrains it).  A model is read once per process; a file trained on
other features than the code computes is refused with one clear line, never used wrongly.
Each trained scorer has an environment switch (``HEARTLINE_JUDGE``, ``HEARTLINE_SPEAKERS``, ``HEARTLINE_PERSONS``,
``HEARTLINE_COREF``)
whose value ``rules`` turns it off (``trained`` turns on one that is off by default, as the person scorer is),
so a trained scorer and its rules can be measured against each other.
"""
from __future__ import annotations

import json
import os
from collections.abc import Callable
from functools import cache
from importlib import resources
from typing import Any

from ..errors import HeartlineError


@cache
def _read(file: str) -> dict[str, Any] | None:
    try:
        text = resources.files(__name__).joinpath(file).read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError):
        return None
    data: dict[str, Any] = json.loads(text)
    return data


def load_shipped(file: str, part: str, features: tuple[str, ...], retrain: str) -> dict[str, Any] | None:
    """The model in ``file`` (None when the package carries none), checked: its ``part``
    must have been trained on exactly ``features``."""
    data = _read(file)
    if data is not None and tuple(data[part]["features"]) != features:
        raise HeartlineError(f"the shipped {file} was trained on other features than this code computes; "
                             f"retrain it with {retrain}")
    return data


def load_shipped_file(file: str) -> dict[str, Any] | None:
    """The model in ``file`` as saved, or None when the package carries none."""
    return _read(file)


def scorer_choice(variable: str, available: Callable[[], bool], default: str = "trained") -> str:
    """``trained`` or ``rules``: what the switch ``variable`` asks for (``default`` when unset),
    and ``rules`` where no trained model is available.  ``available`` is asked only when the
    trained scorer is wanted, so a run with the rules never reads the model file: a model out of
    step with the code (a feature added) can then be retrained with the rules deciding."""
    choice = os.environ.get(variable, "").strip().lower() or default
    if choice not in ("trained", "rules"):
        raise HeartlineError(f"{variable} must be 'trained' or 'rules', not {choice!r}")
    return "trained" if choice == "trained" and available() else "rules"


def card(file: str, scorer: str, data: dict[str, Any] | None) -> dict[str, Any]:
    """What the analysis JSON says of one model: which scorer decided, and the model's
    version and training-data hash when the trained one did."""
    if scorer != "trained" or data is None:
        return {"scorer": "rules"}
    return {"scorer": "trained", "file": file, "version": data.get("version", 0),
            "data_sha256": data["card"]["data_sha256"]}
