"""Scoring metrics for the LitBank benchmark: span P/R/F1 and the CoNLL coreference trio.

The coreference metrics follow the definitions the CoNLL-2012 reference scorer uses
(Pradhan et al. 2014), end to end: predicted and gold mentions may differ, a mention
is identified by its exact span, and a cluster is a set of mention keys.

- MUC (Vilain et al. 1995): links; singleton clusters contribute nothing.
- B³ (Bagga & Baldwin 1998): per mention, the overlap of its predicted and gold cluster.
- CEAF-e (Luo 2005): the best one-to-one alignment of clusters under
  phi4 = 2|K ∩ R| / (|K| + |R|).
- CoNLL average F1: the mean of the three F1s.

Written here rather than taken from a package: scipy (for the assignment) is not a
dependency, and the definitions are short enough to check against textbook examples.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Hashable, Iterable, Sequence

Cluster = frozenset
Clusters = Sequence[frozenset]


@dataclass(frozen=True)
class PRF:
    """Precision and recall as the two fractions they are, so they can be pooled."""

    p_num: float
    p_den: float
    r_num: float
    r_den: float

    @property
    def precision(self) -> float:
        return self.p_num / self.p_den if self.p_den else 0.0

    @property
    def recall(self) -> float:
        return self.r_num / self.r_den if self.r_den else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: "PRF") -> "PRF":
        return PRF(self.p_num + other.p_num, self.p_den + other.p_den,
                   self.r_num + other.r_num, self.r_den + other.r_den)


ZERO = PRF(0, 0, 0, 0)


def span_prf(predicted: Iterable[Hashable], gold: Iterable[Hashable]) -> PRF:
    """Exact-match precision/recall of two sets of items (spans, usually)."""
    p, g = set(predicted), set(gold)
    hit = len(p & g)
    return PRF(hit, len(p), hit, len(g))


def _index(clusters: Clusters) -> dict:
    return {m: i for i, c in enumerate(clusters) for m in c}


def muc(predicted: Clusters, gold: Clusters) -> PRF:
    def side(keys: Clusters, other: Clusters) -> tuple[float, float]:
        where = _index(other)
        num = den = 0
        for c in keys:
            # the partition of c by the other side; mentions missing there are parts of their own
            parts = {where.get(m, ("missing", m)) for m in c}
            num += len(c) - len(parts)
            den += len(c) - 1
        return num, den

    r_num, r_den = side(gold, predicted)
    p_num, p_den = side(predicted, gold)
    return PRF(p_num, p_den, r_num, r_den)


def b_cubed(predicted: Clusters, gold: Clusters) -> PRF:
    def side(keys: Clusters, other: Clusters) -> tuple[float, float]:
        where = _index(other)
        num, den = 0.0, 0
        for c in keys:
            for m in c:
                j = where.get(m)
                if j is not None:
                    num += len(c & other[j]) / len(c)
                den += 1
        return num, den

    r_num, r_den = side(gold, predicted)
    p_num, p_den = side(predicted, gold)
    return PRF(p_num, p_den, r_num, r_den)


def ceaf_e(predicted: Clusters, gold: Clusters) -> PRF:
    if not predicted or not gold:
        return PRF(0, len(predicted), 0, len(gold))
    sim = [[2 * len(k & r) / (len(k) + len(r)) for r in gold] for k in predicted]
    best = sum(sim[i][j] for i, j in max_assignment(sim))
    return PRF(best, len(predicted), best, len(gold))


def conll_f1(predicted: Clusters, gold: Clusters) -> tuple[PRF, PRF, PRF, float]:
    """(MUC, B³, CEAF-e, their mean F1) for one document."""
    m, b, c = muc(predicted, gold), b_cubed(predicted, gold), ceaf_e(predicted, gold)
    return m, b, c, (m.f1 + b.f1 + c.f1) / 3


def max_assignment(weights: Sequence[Sequence[float]]) -> list[tuple[int, int]]:
    """Row-column pairs of a one-to-one assignment with the largest total weight.

    The Hungarian method (Kuhn-Munkres, shortest augmenting paths with potentials) on a
    rectangular matrix; O(n² m).  Returns min(rows, columns) pairs.
    """
    rows, cols = len(weights), len(weights[0]) if weights else 0
    if not rows or not cols:
        return []
    transpose = rows > cols
    if transpose:  # the method below wants rows <= columns
        weights = [list(col) for col in zip(*weights)]
        rows, cols = cols, rows
    top = max(max(r) for r in weights)
    cost = [[top - w for w in r] for r in weights]  # maximise weight = minimise cost
    inf = float("inf")
    u, v = [0.0] * (rows + 1), [0.0] * (cols + 1)
    match = [0] * (cols + 1)  # column -> row (1-based; 0 = free)
    way = [0] * (cols + 1)
    for i in range(1, rows + 1):
        match[0] = i
        j0 = 0
        minv = [inf] * (cols + 1)
        used = [False] * (cols + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = match[j0], inf, 0
            for j in range(1, cols + 1):
                if not used[j]:
                    cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(cols + 1):
                if used[j]:
                    u[match[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if match[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            match[j0] = match[j1]
            j0 = j1
    pairs = [(match[j] - 1, j - 1) for j in range(1, cols + 1) if match[j]]
    return sorted((c, r) if transpose else (r, c) for r, c in pairs)
