"""Train the feeling judge on the development gold, measure it leave-one-story-out, ship it.

    .venv/bin/python bench/train_judge.py [--shared ../shared] [--out src/heartline/models/feeling_judge.json]
                                          [--cache FILE] [--only NAME ...] [--dry-run]

Every gold story is analysed once (the rules scorer's relations and every pair's feature
record are kept).  Each ordered pair of predicted characters gets the label of the gold
relation between the gold characters they map to (README rule 2): warm, cold or none;
pairs touching optional gold characters or optional relations are left out, and so are
pairs with an unmapped end in a ``partial`` cast (novels).

Leave-one-story-out: for each story the models are trained on all the others and score
that story; the thresholds are then chosen on those held-out predictions (the only
quantities tuned on every story at once: two numbers).  The table printed compares the
rules scorer and the held-out judge per story, so a gain on one story that others do not
share shows as such.  The shipped model is trained on every story with those thresholds;
its card records the training data's hash and the held-out scores.  Deterministic: no
random state anywhere, so the same data gives the same file byte for byte.
"""
from __future__ import annotations

import argparse
import json
import os
import pickle
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

# one BLAS thread: the problem is tiny, and threads only fight over a small machine's cores
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from heartline import learn  # noqa: E402
from heartline.api import default_pipeline  # noqa: E402
from heartline.eval import gold_text_path, load_gold, map_characters, score  # noqa: E402
from heartline.formats import read_story  # noqa: E402
from heartline.model import Relation, polarity  # noqa: E402
from heartline.namelist import NameList  # noqa: E402
from heartline.corrections.file import Corrections  # noqa: E402
from heartline.stages.judge import judge, probabilities  # noqa: E402
from heartline.stages.pair_features import FEATURES, PairRecord  # noqa: E402

DEFAULT_SHARED = ROOT.parent / "shared"
DEFAULT_OUT = ROOT / "src" / "heartline" / "models" / "feeling_judge.json"
POLARITY = ("none", "warm", "cold")
WARM_KINDS = ("affection", "romantic")
COLD_KINDS = ("dislike", "hatred")
L2 = 4.0
WARM_GRID = [round(0.10 + 0.025 * i, 3) for i in range(21)]
COLD_GRID = [round(0.15 + 0.05 * i, 2) for i in range(12)]


@dataclass
class StoryData:
    name: str
    gold: dict
    characters: list[dict]
    records: tuple[PairRecord, ...]
    rule_relations: tuple[Relation, ...]
    labels: list[int | None]  # per record: index in POLARITY, None when not scored
    kinds: list[str | None]  # per record: the gold kind for warm/cold pairs


def _label(rec: PairRecord, mapping: dict, gold: dict) -> tuple[int | None, str | None]:
    optional_chars = {c["id"] for c in gold["characters"] if c.get("optional")}
    ga, gb = mapping.get(rec.source), mapping.get(rec.target)
    if ga is None or gb is None:
        return (0, None) if gold.get("cast") == "complete" else (None, None)
    if ga == gb or ga in optional_chars or gb in optional_chars:
        return None, None
    for r in gold["relations"]:
        if (r["from"], r["to"]) == (ga, gb):
            if r.get("optional"):
                return None, None
            return (1 if polarity(r["kind"]) > 0 else 2), r["kind"]
    return 0, None


def collect(golds: list[Path]) -> list[StoryData]:
    # the stories are read by the rules alone: the judge being trained must not need itself
    saved = os.environ.get("HEARTLINE_JUDGE")
    os.environ["HEARTLINE_JUDGE"] = "rules"
    try:
        return _collect(golds)
    finally:
        if saved is None:
            del os.environ["HEARTLINE_JUDGE"]
        else:
            os.environ["HEARTLINE_JUDGE"] = saved


def _collect(golds: list[Path]) -> list[StoryData]:
    pipeline = default_pipeline()
    out = []
    for path in golds:
        gold = load_gold(path)
        started = time.perf_counter()
        story = read_story(gold_text_path(path, gold))
        results = pipeline.run(story=story, fandom_names=NameList(), corrections=Corrections())
        chars = [{"id": c.id, "name": c.name, "aliases": list(c.aliases)} for c in results["characters"]]
        mapping = map_characters(chars, gold["characters"])
        records = results["pair_features"]
        labelled = [_label(r, mapping, gold) for r in records]
        name = path.name.removesuffix(".gold.json")
        out.append(StoryData(name, gold, chars, records, results["rule_relations"],
                             [lab for lab, _ in labelled], [k for _, k in labelled]))
        print(f"train_judge: {name}: {len(records)} pairs, {time.perf_counter() - started:.1f} s",
              file=sys.stderr)
    return out


def _fit(rows, labels, classes, l2) -> dict:
    """A fitted model; where the data hold fewer than two classes (a tiny slice), one that
    always answers the class seen (or the first)."""
    if len(set(labels)) < 2:
        seen = labels[0] if labels else 0
        weights = [[(20.0 if c == seen and f == "bias" else 0.0) for f in FEATURES] for c in range(len(classes))]
        return learn.LinearModel(FEATURES, classes, (0.0,) * len(FEATURES), (1.0,) * len(FEATURES),
                                 tuple(tuple(w) for w in weights)).to_json()
    return learn.fit(rows, labels, FEATURES, classes, l2=l2).to_json()


def train(stories: list[StoryData], thresholds: dict[str, float]) -> dict:
    """The three models, trained on ``stories``."""
    rows, labels, warm_rows, warm_labels, cold_rows, cold_labels = [], [], [], [], [], []
    for s in stories:
        for rec, lab, kind in zip(s.records, s.labels, s.kinds):
            if lab is None:
                continue
            rows.append(rec.values)
            labels.append(lab)
            if lab == 1:
                warm_rows.append(rec.values)
                warm_labels.append(WARM_KINDS.index(kind))
            elif lab == 2:
                cold_rows.append(rec.values)
                cold_labels.append(COLD_KINDS.index(kind))
    return {
        "polarity": _fit(rows, labels, POLARITY, L2),
        "warm_kind": _fit(warm_rows, warm_labels, WARM_KINDS, L2),
        "cold_kind": _fit(cold_rows, cold_labels, COLD_KINDS, L2 * 2),
        "thresholds": thresholds,
        "_data": learn.data_hash(rows, labels),
        "_rows": len(rows),
    }


def score_relations(s: StoryData, relations: tuple[Relation, ...]):
    prediction = {"characters": s.characters,
                  "relations": [{"from": r.source, "to": r.target, "kind": r.kind, "current": r.current}
                                for r in relations]}
    return score(prediction, s.gold)


def table(stories: list[StoryData], probs: dict[str, tuple], models: dict[str, dict],
          thresholds: dict[str, float], rules: dict[str, object]):
    rows = []
    for s in stories:
        model = dict(models[s.name], thresholds=thresholds)
        judged = score_relations(s, judge(s.records, s.rule_relations, (), None, model, probs[s.name]))
        r = rules[s.name]
        rows.append((s.name, s.gold.get("cast"), r.strict.f1, r.lenient.f1, judged.strict.f1, judged.lenient.f1))
    return rows


def summary(rows, cast: str) -> dict[str, float]:
    chosen = [r for r in rows if r[1] == cast]
    if not chosen:
        return {}
    return {"rules_strict": statistics.fmean(r[2] for r in chosen),
            "rules_lenient": statistics.fmean(r[3] for r in chosen),
            "judge_strict": statistics.fmean(r[4] for r in chosen),
            "judge_lenient": statistics.fmean(r[5] for r in chosen),
            "judge_lenient_min": min(r[5] for r in chosen), "stories": len(chosen)}


def held_out_view(stories: list[StoryData]):
    """Leave-one-story-out: per story (name, cast, rules strict, rules lenient, judge strict, judge lenient),
    the thresholds chosen on the held-out predictions, and the fics' and novels' means."""
    held_out = {s.name: train([o for o in stories if o is not s], {}) for s in stories}
    probs = {s.name: probabilities(s.records, held_out[s.name]) if s.records else () for s in stories}
    rules = {s.name: score_relations(s, s.rule_relations) for s in stories}
    best = None
    for tw in WARM_GRID:
        for tc in COLD_GRID:
            th = {"warm": tw, "cold": tc}
            fics = summary(table(stories, probs, held_out, th, rules), "complete")
            key = (round(fics["judge_lenient"] + fics["judge_strict"], 4), -abs(tw - 0.5), -abs(tc - 0.5))
            if best is None or key > best[0]:
                best = (key, th)
    thresholds = best[1]
    rows = table(stories, probs, held_out, thresholds, rules)
    return rows, thresholds, summary(rows, "complete"), summary(rows, "partial")


def render_rows(rows, fics, novels, thresholds) -> str:
    out = [f"{'story':28} {'rules strict':>12} {'rules lenient':>13} {'judge strict':>12} {'judge lenient':>13}"]
    for name, cast, rs, rl, js, jl in rows:
        mark = "+" if jl > rl + 1e-9 else "-" if jl < rl - 1e-9 else " "
        out.append(f"{name:28} {rs:12.2f} {rl:13.2f} {js:12.2f} {jl:13.2f} {mark}")
    out.append(f"fics (mean of {fics['stories']}): rules {fics['rules_strict']:.3f} / {fics['rules_lenient']:.3f}, "
               f"judge held out {fics['judge_strict']:.3f} / {fics['judge_lenient']:.3f} "
               f"(lowest lenient {fics['judge_lenient_min']:.2f}); thresholds {thresholds}")
    if novels:
        out.append(f"novels (mean of {novels['stories']}): rules {novels['rules_strict']:.3f} / "
                   f"{novels['rules_lenient']:.3f}, judge held out {novels['judge_strict']:.3f} / "
                   f"{novels['judge_lenient']:.3f}")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--cache", type=Path, help="keep the analysed stories here between runs (pickle)")
    ap.add_argument("--only", nargs="*", help="train on these gold names only (a CI-sized run)")
    ap.add_argument("--dry-run", action="store_true", help="measure, but write no model file")
    args = ap.parse_args(argv)
    golds = sorted((args.shared / "gold").glob("*.gold.json"))
    if args.only:
        golds = [g for g in golds if g.name.removesuffix(".gold.json") in args.only]
    if len(golds) < 2:
        sys.exit("train_judge: need at least two gold stories (is --shared right?)")
    if args.cache and args.cache.exists():
        stories = pickle.loads(args.cache.read_bytes())
    else:
        stories = collect(golds)
        if args.cache:
            args.cache.write_bytes(pickle.dumps(stories))

    rows, thresholds, fics, novels = held_out_view(stories)
    print(render_rows(rows, fics, novels, thresholds))
    if args.dry_run:
        return 0
    final = train(stories, thresholds)
    card = {"trained_on": [s.name for s in stories], "rows": final.pop("_rows"), "data_sha256": final.pop("_data"),
            "learner": f"multinomial logistic regression, L2 {L2}, Newton's method in numpy",
            "held_out": {"fics": {k: round(v, 4) for k, v in fics.items()},
                         "novels": {k: round(v, 4) for k, v in novels.items()}},
            "retrain": "bench/train_judge.py"}
    final = {"version": 1, "card": card, **final}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(final, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"train_judge: wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
