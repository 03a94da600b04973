"""A small, deterministic learner for heartline's judges: multinomial logistic regression.

Why this and not a library: the judges score a few dozen features per candidate, trained
on a few thousand rows; a regularised linear model fits that in well under a second with
numpy (already installed with spaCy), runs without any extra dependency, gives the same
weights on every machine (Newton steps from zero weights, no random state), and
its weights can be read: each feature's pull on each class is one number.  Alternatives
measured are in docs/dependencies.md.

A model is plain data (``LinearModel``) saved as JSON beside the code that uses it.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np


@dataclass(frozen=True)
class LinearModel:
    features: tuple[str, ...]
    classes: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[tuple[float, ...], ...]  # one row per class, one column per feature

    def probabilities(self, rows: Sequence[Sequence[float]]) -> np.ndarray:
        x = _standardise(np.asarray(rows, dtype=float), self.mean, self.scale)
        return _softmax(x @ np.asarray(self.weights, dtype=float).T)

    def to_json(self) -> dict[str, Any]:
        return {"features": list(self.features), "classes": list(self.classes),
                "mean": [round(v, 6) for v in self.mean], "scale": [round(v, 6) for v in self.scale],
                "weights": [[round(v, 6) for v in row] for row in self.weights]}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LinearModel:
        return cls(tuple(data["features"]), tuple(data["classes"]), tuple(data["mean"]),
                   tuple(data["scale"]), tuple(tuple(r) for r in data["weights"]))


def _standardise(x: np.ndarray, mean: Sequence[float], scale: Sequence[float]) -> np.ndarray:
    return (x - np.asarray(mean)) / np.asarray(scale)


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def fit(rows: Sequence[Sequence[float]], labels: Sequence[int], features: Sequence[str],
        classes: Sequence[str], l2: float = 1.0, steps: int = 25,
        class_weight: Sequence[float] | None = None) -> LinearModel:
    """Multinomial logistic regression with an L2 penalty, fitted by Newton's method from
    zero weights (deterministic, and a handful of steps: the problem is small and convex).
    A feature named ``bias`` is left unscaled and (almost) unpenalised."""
    x = np.asarray(rows, dtype=float)
    y = np.asarray(labels, dtype=int)
    n, d = x.shape
    k = len(classes)
    bias = [i for i, f in enumerate(features) if f == "bias"]
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    mean[bias] = 0.0
    scale[bias] = 1.0
    xs = _standardise(x, mean, scale)
    onehot = np.zeros((n, k))
    onehot[np.arange(n), y] = 1.0
    sample = np.ones(n) if class_weight is None else np.asarray(class_weight, dtype=float)[y]
    sample = sample / sample.sum()
    penalty = np.full(d, l2 / n)
    penalty[bias] = 1e-6  # keeps the Newton system regular: softmax ignores a shift of every bias
    ridge = np.diag(np.tile(penalty, k))
    w = np.zeros((k, d))
    for _ in range(steps):
        p = _softmax(xs @ w.T)
        grad = (((p - onehot) * sample[:, None]).T @ xs + w * penalty).ravel()
        hessian = np.empty((k * d, k * d))
        for a in range(k):
            for b in range(k):
                c = sample * p[:, a] * ((a == b) - p[:, b])
                hessian[a * d:(a + 1) * d, b * d:(b + 1) * d] = (xs * c[:, None]).T @ xs
        step = np.linalg.solve(hessian + ridge, grad)
        w -= step.reshape(k, d)
        if np.abs(step).max() < 1e-8:
            break
    return LinearModel(tuple(features), tuple(classes), tuple(float(v) for v in mean),
                       tuple(float(v) for v in scale), tuple(tuple(float(v) for v in row) for row in w))


def data_hash(rows: Sequence[Sequence[float]], labels: Sequence[int]) -> str:
    """A short hash of training data, for the model card."""
    h = hashlib.sha256()
    h.update(json.dumps([[round(float(v), 6) for v in r] for r in rows]).encode())
    h.update(json.dumps([int(v) for v in labels]).encode())
    return h.hexdigest()[:16]


def load(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))
