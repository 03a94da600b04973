"""Measure steadier feeling-judge learners leave-one-story-out (issue 16).

    .venv/bin/python bench/judge_bagging.py --cache FILE [--readers FILE] [--variants base bag-half ...]
                                            [--thresholds 0.3,0.35] [--spread N]

Reuses train_judge's analysis cache.  Per variant: the held-out table's means at the fixed
thresholds and at the chosen ones (mean of strict + lenient over all gold stories, as
train_judge chooses; and the robust choices: the grid point maximising the median or the lower
quartile of per-story F1), the stories whose held-out lenient F1 moved against ``base``; with
``--spread N``, for the first N stories in a fixed shuffled order, the held-out table again without
that story in any training set: how many of the other stories move by more than 0.05 lenient.

Variants (the polarity and kind models; the sentence reader is the held-out one either way):
- ``base``: train_judge.train, one fit;
- ``bag-half-K``: K fits, each on a random half of the training stories (fixed seeds), their
  weights averaged into one linear model (``mean_model``);
- ``bag-hash-K``: halves drawn story by story (each story's own coin per member), so one story
  more or less in training leaves the others' draws alone;
- ``bag-hashn-K``: as ``bag-hash-K`` with the partial-cast stories (novels) in every member;
- ``bag-boot-K``: the same on bootstrap resamples of the stories;
- ``bag-half-K-p``: as ``bag-half-K`` with the members' probabilities averaged instead;
- ``bag-half-K-pol``: the polarity model bagged as ``bag-half-K``, the kind models one fit each;
- ``loo-mean``: the mean of the leave-one-story-out models of the training stories.
"""
from __future__ import annotations

import argparse
import os
import pickle
import random
import statistics
import sys
from pathlib import Path

# one BLAS thread, as train_judge (set before numpy loads)
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from bench import train_judge as tj  # noqa: E402
from bench.training import cached  # noqa: E402
from heartline import learn  # noqa: E402
from heartline.stages.judge import probabilities  # noqa: E402


def mean_linear(parts: list[dict]) -> dict:
    """One linear model (JSON) whose scores are the mean of ``parts``' scores (the same features
    and classes; each standardised its own way): each member's weights brought back to the raw
    features, averaged, and standardised again by the members' mean centre and scale, the shift
    folded into the bias.  A mean of linear scores is linear: one model, no run-time cost."""
    features = parts[0]["features"]
    bias = features.index("bias")
    raw = []
    for p in parts:
        if p["features"] != features or p["classes"] != parts[0]["classes"]:
            raise ValueError("members differ in features or classes")
        mean, scale, w = (np.asarray(p[k], dtype=float) for k in ("mean", "scale", "weights"))
        a = w / scale
        b = w[:, bias] - (a * mean).sum(axis=1) + a[:, bias] * mean[bias]
        a[:, bias] = b
        raw.append(a)
    avg = np.mean(raw, axis=0)
    mean = np.mean([p["mean"] for p in parts], axis=0)
    scale = np.mean([p["scale"] for p in parts], axis=0)
    mean[bias], scale[bias] = 0.0, 1.0
    w = avg * scale
    w[:, bias] = avg[:, bias] + (np.delete(avg, bias, axis=1) * np.delete(mean, bias)).sum(axis=1)
    return learn.LinearModel(tuple(features), tuple(parts[0]["classes"]), tuple(float(v) for v in mean),
                             tuple(float(v) for v in scale), tuple(tuple(float(v) for v in row) for row in w)).to_json()


def mean_model(models: list[dict]) -> dict:
    """``train``'s models averaged part by part (``mean_linear``); the rest as the first has it."""
    out = dict(models[0])
    for part in ("polarity", "warm_kind", "cold_kind"):
        out[part] = mean_linear([m[part] for m in models])
    return out


def members(stories, k: int, kind: str, seed: str):
    """K training sets drawn from ``stories`` by story (fixed seeds: a str seed is hashed the same way
    on every run)."""
    names = sorted(s.name for s in stories)
    by_name = {s.name: s for s in stories}
    out = []
    for i in range(k):
        rng = random.Random(f"{seed}:{i}:{','.join(names)}")
        if kind == "half":
            drawn = sorted(rng.sample(names, max(2, len(names) // 2)))
        elif kind == "hashn":
            # as "hash", with the long partial-cast texts (the novels) in every member
            drawn = [n for n in names if by_name[n].gold.get("cast") != "complete"
                     or random.Random(f"{seed}:{i}:{n}").random() < 0.5]
        elif kind == "hash":
            # each story in member i by a coin of its own (its name and i): removing one story from
            # training leaves every other story's memberships as they were
            drawn = [n for n in names if random.Random(f"{seed}:{i}:{n}").random() < 0.5]
        elif kind == "boot":
            drawn = sorted(rng.choice(names) for _ in names)
        else:
            raise ValueError(kind)
        out.append([by_name[n] for n in drawn])
    return out


SEED = ["judge"]


def trainer(variant: str):
    if variant == "base":
        return lambda stories: tj.train(stories, {})
    if variant == "loo-mean":
        return lambda stories: mean_model([tj.train([o for o in stories if o is not s], {}) for s in stories])
    parts = variant.split("-")
    kind, k = parts[1], int(parts[2])
    if len(parts) == 4 and parts[3] == "pol":
        # the polarity model bagged, the kind models one fit each (as base)
        def fit(stories):
            one = tj.train(stories, {})
            bag = mean_model([tj.train(m, {}) for m in members(stories, k, kind, SEED[0])])
            return dict(one, polarity=bag["polarity"])
        return fit
    if len(parts) == 4 and parts[3] == "p":
        return lambda stories: {"_members": [tj.train(m, {}) for m in members(stories, k, kind, SEED[0])]}
    return lambda stories: mean_model([tj.train(m, {}) for m in members(stories, k, kind, SEED[0])])


def probs_of(records, model):
    if "_members" not in model:
        return probabilities(records, model)
    each = [probabilities(records, m) for m in model["_members"]]
    return tuple(np.mean([e[i] for e in each], axis=0) for i in range(3))


def model_for_table(model):
    return model["_members"][0] if "_members" in model else model


def per_story(stories, probs, models, th, rules):
    rows = tj.table(stories, probs, models, th, rules)
    return rows


def grid_scores(stories, probs, models, rules):
    """Per grid point (warm, cold): each story's held-out (strict + lenient) / 2."""
    out = {}
    for tw in tj.WARM_GRID:
        for tc in tj.COLD_GRID:
            th = {"warm": tw, "cold": tc}
            out[(tw, tc)] = [(r[4] + r[5]) / 2 for r in per_story(stories, probs, models, th, rules)]
    return out


def _best(grid, value):
    key = lambda p: (round(value(grid[p]), 4), round(statistics.fmean(grid[p]), 4),  # noqa: E731
                     -abs(p[0] - 0.5), -abs(p[1] - 0.5))
    return max(grid, key=key)


def choose(grid, how: str):
    if how == "mean":
        tw, tc = _best(grid, statistics.fmean)
    elif how == "median":
        tw, tc = _best(grid, statistics.median)
    elif how == "q1":
        tw, tc = _best(grid, lambda v: statistics.quantiles(v, n=4)[0])
    elif how == "boot":
        # the median of the best points over 200 bootstrap resamples of the stories (fixed seed)
        rng = random.Random("thresholds")
        n = len(next(iter(grid.values())))
        picks = []
        for _ in range(200):
            draw = [rng.randrange(n) for _ in range(n)]
            picks.append(_best(grid, lambda v, d=draw: statistics.fmean(v[i] for i in d)))
        tw = statistics.median_low(sorted(p[0] for p in picks))
        tc = statistics.median_low(sorted(p[1] for p in picks))
    else:
        raise ValueError(how)
    return {"warm": tw, "cold": tc}


def view(stories, fit, fixed, chooser=("mean",), leave=None):
    pool = [s for s in stories if s is not leave]
    held = {s.name: fit([o for o in pool if o is not s]) for s in pool}
    probs = {s.name: probs_of(s.records, held[s.name]) if s.records else () for s in pool}
    models = {n: model_for_table(m) for n, m in held.items()}
    rules = {s.name: tj.score_relations(s, s.rule_relations) for s in pool}
    out = {"fixed": per_story(pool, probs, models, fixed, rules)}
    grid = grid_scores(pool, probs, models, rules) if chooser else {}
    for how in chooser:
        th = choose(grid, how)
        out[how] = (th, per_story(pool, probs, models, th, rules))
    return out


def means(rows):
    fics = [r for r in rows if r[1] == "complete"]
    nov = [r for r in rows if r[1] != "complete"]
    f = (statistics.fmean(r[4] for r in fics), statistics.fmean(r[5] for r in fics))
    n = (statistics.fmean(r[4] for r in nov), statistics.fmean(r[5] for r in nov)) if nov else (0, 0)
    return f"fics {f[0]:.3f} / {f[1]:.3f}  novels {n[0]:.3f} / {n[1]:.3f}  lowest fic L {min(r[5] for r in fics):.2f}"


def moved(base_rows, rows, eps=0.005):
    b = {r[0]: r for r in base_rows}
    up = [(r[0], b[r[0]][5], r[5]) for r in rows if r[0] in b and r[5] > b[r[0]][5] + eps]
    down = [(r[0], b[r[0]][5], r[5]) for r in rows if r[0] in b and r[5] < b[r[0]][5] - eps]
    s_up = [(r[0], b[r[0]][4], r[4]) for r in rows if r[0] in b and r[4] > b[r[0]][4] + eps]
    s_down = [(r[0], b[r[0]][4], r[4]) for r in rows if r[0] in b and r[4] < b[r[0]][4] - eps]
    fmt = lambda xs: ", ".join(f"{n} {a:.2f}->{c:.2f}" for n, a, c in xs)  # noqa: E731
    return (f"lenient {len(up)} up / {len(down)} down, strict {len(s_up)} up / {len(s_down)} down"
            f"\n    up: {fmt(up)}\n    down: {fmt(down)}\n    strict up: {fmt(s_up)}\n    strict down: {fmt(s_down)}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=tj.DEFAULT_SHARED)
    ap.add_argument("--cache", type=Path, required=True)
    ap.add_argument("--readers", type=Path, help="keep the stories with held-out readings here (pickle)")
    ap.add_argument("--variants", nargs="*", default=["base"])
    ap.add_argument("--thresholds", type=tj._thresholds, default={"warm": 0.3, "cold": 0.35})
    ap.add_argument("--choose", nargs="*", default=["mean"])
    ap.add_argument("--spread", type=int, default=0)
    ap.add_argument("--seed", default="judge", help="the bags' seed (a string)")
    args = ap.parse_args(argv)
    SEED[0] = args.seed
    golds = tj.gold_files(args.shared, None, "judge_bagging")
    # train_judge.py run as a script pickles its stories as __main__'s StoryData
    sys.modules["__main__"].StoryData = tj.StoryData  # type: ignore[attr-defined]
    stories = cached(args.cache, lambda: tj.collect(golds))
    if args.readers is not None and args.readers.exists():
        stories = pickle.loads(args.readers.read_bytes())
    else:
        stories = tj.held_out_readings(stories, args.shared)
        if args.readers is not None:
            args.readers.write_bytes(pickle.dumps(stories))
    base_view = None
    order = sorted(stories, key=lambda s: random.Random(f"spread:{s.name}").random())[:args.spread]
    for variant in args.variants:
        fit = trainer(variant)
        v = view(stories, fit, args.thresholds, tuple(args.choose))
        base_view = base_view or v
        print(f"== {variant}")
        print(f"  fixed {args.thresholds}: {means(v['fixed'])}; vs base {moved(base_view['fixed'], v['fixed'])}")
        for how in args.choose:
            th, rows = v[how]
            print(f"  chosen by {how} {th}: {means(rows)}; vs base fixed {moved(base_view['fixed'], rows)}")
        counts = []
        for leave in order:
            w = view(stories, fit, args.thresholds, (), leave)
            n = sum(1 for a, b in zip([r for r in v["fixed"] if r[0] != leave.name], w["fixed"], strict=True)
                    if abs(a[5] - b[5]) > 0.05)
            counts.append(n)
            print(f"  without {leave.name}: {n} stories move > 0.05 lenient; {means(w['fixed'])}", flush=True)
        if counts:
            print(f"  spread: mean {statistics.fmean(counts):.2f} stories moved per story removed ({counts})")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
