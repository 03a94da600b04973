"""Try a change to the judge's decision on the held-out view in seconds, not minutes.

    .venv/bin/python bench/judge_gates.py --cache FILE [--models FILE] [--thresholds 0.3,0.35]
                                          [--gate PATH.py:FUNCTION ...]

``bench/train_judge.py --dry-run`` refits every model for every held-out story (2-4 minutes).
A change that only filters the relations ``judge`` returns -- a bar on one-sided warmth, a
veto on a cue's relation, a cap per person -- needs no refit: the held-out models are the
same, so they are fitted once (``--models`` keeps them between runs) and each gate is scored
against them.  A gate is a function ``gate(story, relations, probs) -> relations`` in a file
of your own (``story`` is train_judge's ``StoryData``; ``probs`` the held-out polarity, warm-
kind and cold-kind probabilities of its records); the table shows the fics' and the novels'
mean strict / lenient F1 at fixed thresholds, as train_judge's ``--thresholds`` view does,
and every story a gate moves.  Without ``--gate`` it prints the baseline, which matches
train_judge's fixed-threshold view of the same cache.

Features and the sentence reader's labels do change the models: measure those with
``train_judge.py`` (and a fresh cache when anything upstream of the judge changes).
"""
from __future__ import annotations

import argparse
import importlib.util
import pickle
import statistics
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import train_judge as tj  # noqa: E402
from bench.training import cached  # noqa: E402
from heartline.model import Relation  # noqa: E402
from heartline.stages.judge import judge, probabilities  # noqa: E402

Gate = Callable[[tj.StoryData, tuple[Relation, ...], tuple], tuple[Relation, ...]]
Scores = dict[str, tuple[str | None, float, float]]  # story -> (cast, strict F1, lenient F1)


def held_out(stories: list[tj.StoryData], thresholds: dict[str, float], keep: Path | None) -> dict[str, dict]:
    """Per story, the judge trained on every other story (kept in ``keep`` when given: the
    caller must delete it when the cache or the training changes)."""
    if keep is not None and keep.exists():
        with keep.open("rb") as f:
            models: dict[str, dict] = pickle.load(f)
        if sorted(models) == sorted(s.name for s in stories):
            return {name: dict(m, thresholds=thresholds) for name, m in models.items()}
    models = {s.name: tj.train([o for o in stories if o is not s], thresholds) for s in stories}
    if keep is not None:
        with keep.open("wb") as f:
            pickle.dump(models, f)
    return models


def scores(stories: list[tj.StoryData], models: dict[str, dict], gate: Gate | None = None) -> Scores:
    """Each story's held-out strict and lenient F1, its relations passed through ``gate``."""
    out: Scores = {}
    for s in stories:
        if s.records:
            probs = probabilities(s.records, models[s.name])
            relations = judge(s.records, s.rule_relations, (), None, models[s.name], probs)
            if gate is not None:
                relations = tuple(gate(s, relations, probs))
        else:
            relations = s.rule_relations
        scored = tj.score_relations(s, relations)
        out[s.name] = (s.gold.get("cast"), scored.strict.f1, scored.lenient.f1)
    return out


def render(label: str, got: Scores, base: Scores | None = None) -> str:
    """One line of means (fics, novels), then the stories that moved against ``base``."""
    def mean(cast_is_complete: bool, column: int) -> float:
        values = [v[column] for v in got.values() if (v[0] == "complete") == cast_is_complete]
        return statistics.fmean(values) if values else 0.0
    lines = [f"{label}: fics {mean(True, 1):.3f} / {mean(True, 2):.3f}, novels {mean(False, 1):.3f} / "
             f"{mean(False, 2):.3f} (strict / lenient)"]
    if base is not None:
        up = down = 0
        for name in sorted(got):
            (_, bs, bl), (_, gs, gl) = base[name], got[name]
            if abs(bs - gs) > 1e-9 or abs(bl - gl) > 1e-9:
                lines.append(f"    {name:26} strict {bs:.2f} -> {gs:.2f}  lenient {bl:.2f} -> {gl:.2f}")
                up += gl > bl + 1e-9
                down += gl < bl - 1e-9
        lines.append(f"    lenient up {up}, down {down}")
    return "\n".join(lines)


def load_gate(spec: str) -> Gate:
    """``PATH.py:FUNCTION`` -> the function."""
    path, _, name = spec.rpartition(":")
    loaded = importlib.util.spec_from_file_location("judge_gate", path)
    if not path or not name or loaded is None or loaded.loader is None:
        sys.exit(f"judge_gates: --gate wants PATH.py:FUNCTION, not {spec!r}")
    module = importlib.util.module_from_spec(loaded)
    loaded.loader.exec_module(module)
    return getattr(module, name)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=tj.DEFAULT_SHARED)
    ap.add_argument("--cache", type=Path, required=True,
                    help="the analysed stories (pickle), as train_judge.py --cache keeps them")
    ap.add_argument("--models", type=Path, help="keep the held-out models here between runs (pickle)")
    ap.add_argument("--thresholds", default="0.3,0.35", help="WARM,COLD (default 0.3,0.35)")
    ap.add_argument("--gate", action="append", default=[], help="PATH.py:FUNCTION, a filter over judge's relations")
    args = ap.parse_args(argv)
    warm, cold = (float(x) for x in args.thresholds.split(","))
    thresholds = {"warm": warm, "cold": cold}
    golds = tj.gold_files(args.shared, None, "judge_gates")
    # train_judge.py run as a script pickles its stories as __main__'s StoryData
    sys.modules["__main__"].StoryData = tj.StoryData  # type: ignore[attr-defined]
    stories = tj.held_out_readings(cached(args.cache, lambda: tj.collect(golds)), args.shared)
    models = held_out(stories, thresholds, args.models)
    base = scores(stories, models)
    print(render(f"held out at {thresholds}", base))
    for spec in args.gate:
        print(render(spec, scores(stories, models, load_gate(spec)), base))
    return 0


if __name__ == "__main__":
    sys.exit(main())
