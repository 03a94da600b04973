"""Where each character sits in the relationship graph: a small force layout.

Deterministic (no randomness: the same analysis always gives the same picture) and
computed at build time, so the report's script only draws.  Positions are
normalised to the unit box; the page scales them to whatever size it has.
"""
from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Placed:
    id: str
    x: float  # 0..1, left to right
    y: float  # 0..1, top to bottom


def force_layout(ids: Sequence[str], edges: Iterable[tuple[str, str, float]],
                 weight: Mapping[str, float] | None = None, aspect: float = 1.0,
                 iterations: int = 300) -> tuple[Placed, ...]:
    """Fruchterman-Reingold with a pull to the centre, in a box ``aspect`` times as wide
    as it is high.  ``edges`` are (a, b, strength) pairs, direction ignored; ``weight``
    (0..1 per id, e.g. centrality) starts heavier nodes nearer the middle."""
    n = len(ids)
    if n == 0:
        return ()
    if n == 1:
        return (Placed(ids[0], 0.5, 0.5),)
    weight = weight or {}
    index = {c: i for i, c in enumerate(ids)}
    links: dict[tuple[int, int], float] = {}
    for a, b, strength in edges:
        if a in index and b in index and a != b:
            key = (min(index[a], index[b]), max(index[a], index[b]))
            links[key] = links.get(key, 0.0) + max(strength, 0.05)

    width, height = aspect, 1.0
    # Start on a spiral, heaviest first in the middle: spreads the unconnected and
    # keeps the result independent of any random seed.
    order = sorted(range(n), key=lambda i: (-weight.get(ids[i], 0.0), i))
    pos = [[0.0, 0.0] for _ in range(n)]
    for rank, i in enumerate(order):
        angle = rank * 2.399963  # golden angle
        radius = 0.45 * math.sqrt((rank + 0.5) / n)
        pos[i] = [width / 2 + radius * width * math.cos(angle), height / 2 + radius * math.sin(angle)]

    k = 0.9 * math.sqrt(width * height / n)
    # Closest two centres may come, so circles and their name labels stay apart.
    min_gap = min(0.22, 0.9 / math.sqrt(n))
    temperature = 0.1 * width
    for _step in range(iterations):
        disp = [[0.0, 0.0] for _ in range(n)]
        for i in range(n):
            for j in range(i + 1, n):
                dx, dy = pos[i][0] - pos[j][0], pos[i][1] - pos[j][1]
                dist = math.hypot(dx, dy) or 1e-6
                force = k * k / dist
                disp[i][0] += dx / dist * force
                disp[i][1] += dy / dist * force
                disp[j][0] -= dx / dist * force
                disp[j][1] -= dy / dist * force
        for (i, j), strength in links.items():
            dx, dy = pos[i][0] - pos[j][0], pos[i][1] - pos[j][1]
            dist = math.hypot(dx, dy) or 1e-6
            # Strength barely matters: a sure feeling should not squash its pair together.
            force = dist * dist / k * (0.7 + 0.3 * min(strength, 2.0) / 2.0)
            disp[i][0] -= dx / dist * force
            disp[i][1] -= dy / dist * force
            disp[j][0] += dx / dist * force
            disp[j][1] += dy / dist * force
        for i in range(n):
            # Gravity keeps people with no feelings from drifting off the page.
            disp[i][0] -= (pos[i][0] - width / 2) * k * 0.6
            disp[i][1] -= (pos[i][1] - height / 2) * k * 0.6
            length = math.hypot(*disp[i]) or 1e-6
            move = min(length, temperature)
            pos[i][0] += disp[i][0] / length * move
            pos[i][1] += disp[i][1] / length * move
            pos[i][0] = min(max(pos[i][0], 0.0), width)
            pos[i][1] = min(max(pos[i][1], 0.0), height)
        _separate(pos, min_gap)
        _clear_edges(pos, list(links), min_gap * 0.9)
        temperature = max(0.002, temperature * 0.985)

    xs = [p[0] for p in pos]
    ys = [p[1] for p in pos]
    span_x = (max(xs) - min(xs)) or 1.0
    span_y = (max(ys) - min(ys)) or 1.0
    placed = []
    for c, (x, y) in zip(ids, pos, strict=True):
        nx = (x - min(xs)) / span_x if max(xs) > min(xs) else 0.5
        ny = (y - min(ys)) / span_y if max(ys) > min(ys) else 0.5
        placed.append(Placed(c, round(nx, 4), round(ny, 4)))
    return tuple(placed)


def _separate(pos: list[list[float]], gap: float) -> None:
    """Push apart any two points closer than ``gap`` (labels are wider than tall, so
    horizontal distance counts for less)."""
    n = len(pos)
    for i in range(n):
        for j in range(i + 1, n):
            dx, dy = pos[i][0] - pos[j][0], pos[i][1] - pos[j][1]
            dist = math.hypot(dx * 0.7, dy) or 1e-6
            if dist < gap:
                push = (gap - dist) / 2
                ux, uy = (dx or 1e-3) / dist, dy / dist
                pos[i][0] += ux * push
                pos[i][1] += uy * push
                pos[j][0] -= ux * push
                pos[j][1] -= uy * push


def _clear_edges(pos: list[list[float]], links: list[tuple[int, int]], gap: float) -> None:
    """Move a point off any line it sits on that is not its own: a name lying on
    someone else's arrow reads as part of it."""
    for i, j in links:
        ax, ay = pos[i]
        bx, by = pos[j]
        vx, vy = bx - ax, by - ay
        length2 = vx * vx + vy * vy
        if length2 < 1e-9:
            continue
        for m, (px, py) in enumerate(pos):
            if m in (i, j):
                continue
            t = ((px - ax) * vx + (py - ay) * vy) / length2
            if not 0.05 < t < 0.95:
                continue
            cx, cy = ax + t * vx, ay + t * vy
            dx, dy = px - cx, py - cy
            dist = math.hypot(dx, dy)
            if dist < gap:
                if dist < 1e-6:  # exactly on the line: step off to one side
                    dx, dy, dist = -vy, vx, math.sqrt(length2)
                push = gap - math.hypot(px - cx, py - cy)
                pos[m][0] += dx / dist * push
                pos[m][1] += dy / dist * push
