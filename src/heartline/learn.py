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
from functools import cached_property
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
        mean, scale, weights = self._arrays
        return _softmax(((np.asarray(rows, dtype=float) - mean) / scale) @ weights)

    @cached_property
    def _arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The mean, scale and (transposed) weights as arrays, made once per model: the pronoun
        scorer asks about one pronoun at a time (a novel's 11,000 calls), and turning the tuples into
        arrays at each call was most of its cost.  The same arrays and operations as
        ``_standardise``, so the same numbers."""
        return (np.asarray(self.mean), np.asarray(self.scale), np.asarray(self.weights, dtype=float).T)

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


@dataclass(frozen=True)
class SparseModel:
    """Multinomial logistic regression over named binary features (a bag of strings per row):
    the sentence reader's model.  A row's score for a class is the class's bias plus the
    weights of the row's features that the vocabulary knows; unknown features count nothing."""

    vocabulary: tuple[str, ...]
    classes: tuple[str, ...]
    bias: tuple[float, ...]
    weights: tuple[tuple[float, ...], ...]  # one row per class, one column per vocabulary entry

    def probabilities(self, rows: Sequence[Sequence[str]]) -> np.ndarray:
        if not rows:
            return np.zeros((0, len(self.classes)))
        column = {f: i for i, f in enumerate(self.vocabulary)}
        x = _SparseRows(rows, column)
        w = np.asarray(self.weights, dtype=float).reshape(len(self.classes), len(self.vocabulary))
        return _softmax(x.dot(w) + np.asarray(self.bias))

    def to_json(self) -> dict[str, Any]:
        return {"classes": list(self.classes), "bias": [round(v, 6) for v in self.bias],
                "vocabulary": list(self.vocabulary),
                "weights": [[round(v, 6) for v in row] for row in self.weights]}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SparseModel:
        return cls(tuple(data["vocabulary"]), tuple(data["classes"]), tuple(data["bias"]),
                   tuple(tuple(r) for r in data["weights"]))


class _SparseRows:
    """Rows of binary features as index arrays (numpy only; no scipy)."""

    def __init__(self, rows: Sequence[Sequence[str]], column: dict[str, int]):
        cols: list[int] = []
        owner: list[int] = []
        for i, row in enumerate(rows):
            for j in sorted({column[f] for f in row if f in column}):
                cols.append(j)
                owner.append(i)
        self.n = len(rows)
        self.d = len(column)
        self.cols = np.asarray(cols, dtype=np.int64)
        self.owner = np.asarray(owner, dtype=np.int64)

    def dot(self, w: np.ndarray) -> np.ndarray:
        """Rows times ``w.T`` (``w``: classes x features): an n x classes array."""
        out = np.zeros((self.n, w.shape[0]))
        for c in range(w.shape[0]):
            out[:, c] = np.bincount(self.owner, weights=w[c][self.cols], minlength=self.n)
        return out

    def tdot(self, r: np.ndarray) -> np.ndarray:
        """``r.T`` times rows (``r``: n x classes): a classes x features array."""
        out = np.zeros((r.shape[1], self.d))
        for c in range(r.shape[1]):
            out[c] = np.bincount(self.cols, weights=r[self.owner, c], minlength=self.d)
        return out


def fit_sparse(rows: Sequence[Sequence[str]], labels: Sequence[int], vocabulary: Sequence[str],
               classes: Sequence[str], l2: float = 1.0, steps: int = 300,
               class_weight: Sequence[float] | None = None) -> SparseModel:
    """Multinomial logistic regression over bags of features, L2-penalised (biases free),
    fitted by L-BFGS from zero weights: deterministic, no random state, numpy only."""
    vocabulary = tuple(vocabulary)
    k, d = len(classes), len(vocabulary)
    x = _SparseRows(rows, {f: i for i, f in enumerate(vocabulary)})
    y = np.asarray(labels, dtype=int)
    n = len(y)
    onehot = np.zeros((n, k))
    onehot[np.arange(n), y] = 1.0
    sample = np.ones(n) if class_weight is None else np.asarray(class_weight, dtype=float)[y]
    sample = sample / sample.sum()
    penalty = l2 / max(1, n)

    def loss_grad(theta: np.ndarray) -> tuple[float, np.ndarray]:
        w = theta[:k * d].reshape(k, d)
        b = theta[k * d:]
        z = x.dot(w) + b
        z = z - z.max(axis=1, keepdims=True)
        logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        loss = -float((sample * (onehot * logp).sum(axis=1)).sum()) + 0.5 * penalty * float((w * w).sum())
        r = (np.exp(logp) - onehot) * sample[:, None]
        gw = x.tdot(r) + penalty * w
        return loss, np.concatenate([gw.ravel(), r.sum(axis=0)])

    theta = _lbfgs(loss_grad, np.zeros(k * d + k), steps)
    w = theta[:k * d].reshape(k, d)
    return SparseModel(vocabulary, tuple(classes), tuple(float(v) for v in theta[k * d:]),
                       tuple(tuple(float(v) for v in row) for row in w))


def _lbfgs(fg, theta: np.ndarray, steps: int, memory: int = 10, tol: float = 1e-7) -> np.ndarray:
    """Limited-memory BFGS with a backtracking (Armijo) line search."""
    f, g = fg(theta)
    history: list[tuple[np.ndarray, np.ndarray, float]] = []
    for _ in range(steps):
        if float(np.abs(g).max()) < tol:
            break
        q = g.copy()
        alphas = []
        for s, yv, rho in reversed(history):
            a = rho * float(s @ q)
            alphas.append(a)
            q -= a * yv
        if history:
            s, yv, _ = history[-1]
            q *= float(s @ yv) / float(yv @ yv)
        for (s, yv, rho), a in zip(history, reversed(alphas), strict=True):
            q += s * (a - rho * float(yv @ q))
        direction = -q
        slope = float(g @ direction)
        if slope >= 0:
            direction, slope, history = -g, -float(g @ g), []
        step = 1.0
        while True:
            new = theta + step * direction
            nf, ng = fg(new)
            if nf <= f + 1e-4 * step * slope or step < 1e-10:
                break
            step *= 0.5
        s, yv = new - theta, ng - g
        sy = float(s @ yv)
        if sy > 1e-12:
            history.append((s, yv, 1.0 / sy))
            history = history[-memory:]
        if abs(f - nf) < 1e-10 * max(1.0, abs(f)):
            theta, f, g = new, nf, ng
            break
        theta, f, g = new, nf, ng
    return theta
