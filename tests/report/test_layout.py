"""The graph layout: deterministic, inside the unit box, nobody on top of anybody."""
import math

from heartline.report.layout import force_layout

IDS = [f"p{i}" for i in range(9)]
EDGES = [("p0", "p1", 1.0), ("p1", "p0", 0.9), ("p0", "p2", 0.5), ("p2", "p3", 0.4), ("p4", "p5", 0.7)]


def test_same_input_same_picture():
    assert force_layout(IDS, EDGES) == force_layout(IDS, EDGES)


def test_every_node_placed_inside_the_unit_box():
    placed = force_layout(IDS, EDGES, aspect=1.25)
    assert [p.id for p in placed] == IDS
    assert all(0.0 <= p.x <= 1.0 and 0.0 <= p.y <= 1.0 for p in placed)


def test_nodes_keep_apart():
    placed = force_layout(IDS, EDGES, aspect=1.25)
    closest = min(math.hypot(a.x - b.x, a.y - b.y) for i, a in enumerate(placed) for b in placed[i + 1:])
    assert closest > 0.08


def test_linked_nodes_sit_closer_than_unlinked_ones():
    placed = {p.id: p for p in force_layout(IDS, EDGES)}
    dist = lambda a, b: math.hypot(placed[a].x - placed[b].x, placed[a].y - placed[b].y)  # noqa: E731
    assert dist("p0", "p1") < dist("p0", "p5")


def test_no_node_left_on_someone_elses_line():
    # p2 would sit on the line p0-p1 by symmetry; it must be moved off it.
    placed = {p.id: p for p in force_layout(["p0", "p1", "p2"], [("p0", "p1", 1.0)])}
    a, b, m = placed["p0"], placed["p1"], placed["p2"]
    vx, vy = b.x - a.x, b.y - a.y
    t = ((m.x - a.x) * vx + (m.y - a.y) * vy) / (vx * vx + vy * vy)
    off = math.hypot(m.x - (a.x + t * vx), m.y - (a.y + t * vy))
    assert not (0.05 < t < 0.95) or off > 0.05


def test_small_graphs():
    assert force_layout([], []) == ()
    (only,) = force_layout(["solo"], [])
    assert (only.x, only.y) == (0.5, 0.5)
