"""What the training commands share: their LitBank arguments, the analysis cache, the
split into folds by document, and how a model file is written.

Analysing the training texts is most of a training run; ``--cache`` keeps the analyses
between runs so that trying a feature or a penalty costs seconds, not minutes.
"""
from __future__ import annotations

import argparse
import json
import pickle
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

from heartline import learn

T = TypeVar("T")


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


def document_folds(docs: Sequence[T], folds: int) -> Iterator[tuple[int, list[T], list[T]]]:
    """(fold, training documents, held-out documents) for each fold that holds a document out:
    document i is held out in fold ``i % folds``, so a book is never on both sides."""
    for k in range(folds):
        test = [d for i, d in enumerate(docs) if i % folds == k]
        if test:
            yield k, [d for i, d in enumerate(docs) if i % folds != k], test


def fit_binary(rows: list, labels: list[int], features: tuple[str, ...], classes: tuple[str, ...],
               l2: float) -> learn.LinearModel | None:
    """The linear model of ``rows``, or None when the labels hold one class only (a tiny slice)."""
    if len(set(labels)) < 2:
        return None
    return learn.fit(rows, labels, features, classes, l2=l2)


def write_model(path: Path, model: dict[str, Any], command: str, indent: int = 1) -> None:
    """Write a model file as the package ships it (sorted keys, so the same model is the same bytes)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(model, indent=indent, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{command}: wrote {path}", file=sys.stderr)
