"""What the training commands share: their LitBank arguments and the analysis cache.

Analysing the training texts is most of a training run; ``--cache`` keeps the analyses
between runs so that trying a feature or a penalty costs seconds, not minutes.
"""
from __future__ import annotations

import argparse
import pickle
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any


def litbank_parser(description: str, shared: Path, out: Path, folds: int) -> argparse.ArgumentParser:
    """The arguments of a command that trains on LitBank and cross-validates by document."""
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--shared", type=Path, default=shared)
    ap.add_argument("--out", type=Path, default=out)
    ap.add_argument("--cache", type=Path, help="keep the analysed excerpts here between runs (pickle)")
    ap.add_argument("--limit", type=int, help="the first N excerpts only (a CI-sized run)")
    ap.add_argument("--folds", type=int, default=folds)
    ap.add_argument("--dry-run", action="store_true", help="measure, but write no model file")
    return ap


def litbank_folder(shared: Path, command: str) -> Path:
    """LitBank inside ``shared``, or a one-line exit naming ``command``."""
    litbank = shared.resolve() / "litbank"
    if not (litbank / "entities" / "brat").is_dir():
        sys.exit(f"{command}: no LitBank in {litbank} (is --shared right?)")
    return litbank


def cached(cache: Path | None, analyse: Callable[[], list[Any]]) -> list[Any]:
    """``analyse()``, read from ``cache`` when it exists and written there when it does not."""
    if cache is not None and cache.exists():
        return pickle.loads(cache.read_bytes())
    analysed = analyse()
    if cache is not None:
        cache.write_bytes(pickle.dumps(analysed))
    return analysed
