"""The held-out feeling judge's errors, by cause: which pairs it reads wrongly and why it could.

    .venv/bin/python bench/judge_errors.py --cache FILE [--shared ../shared] [--only NAME ...] [--pairs]

Each story is judged by models trained without it (``bench/train_judge.py``'s leave-one-story-out
view, thresholds chosen as there), and every false relation and every missed gold relation of
the fics gets one cause:

- ``FP-<who>-reverse``: the gold holds the other direction only (who: ``rule``, the cues'
  relation, which the judge does not overrule; ``judge``, a pair the judge decided);
- ``FP-<who>-unrelated``: the gold relates the two neither way;
- ``FP-<who>-polarity``: warm where the gold is hostile, or the other way round;
- ``FN-reverse-found``: missed, while the other direction was found;
- ``FN-no-record``: missed, and the two share too little to have a pair record (the judge
  never weighed them: an upstream matter, mentions or coreference);
- ``FN-rule-polarity``: the cues gave the pair a relation of the other polarity;
- ``FN-below-misread``: the judge weighed the pair and held it under its thresholds, though a unit
  of the pair holds the gold's evidence (the held-out sentence reader read it too weakly);
- ``FN-below-unread``: the same, and no unit of the pair holds the gold's evidence (it lies in a
  sentence the reader never reads as theirs: one of them unresolved, or named in the next sentence).

With ``--kinds`` a relation found with the gold's polarity but another kind is an error too:
``KIND-<who>-<gold>-as-<found>`` (a romance read as affection, ``KIND-judge-romantic-as-affection``;
who as above: ``rule`` where the cues gave the relation, whose kind the judge only reviews).

``--pairs`` lists each error with the held-out probabilities (none / warm / cold) of the pair and
of its other direction, so a ranking feature can be checked against the pairs it should move.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import train_judge as tj  # noqa: E402
from bench.training import cached  # noqa: E402
from heartline.eval import map_characters  # noqa: E402
from heartline.model import polarity  # noqa: E402
from heartline.stages import sentence_reader  # noqa: E402
from heartline.stages.judge import judge, probabilities  # noqa: E402

Pair = tuple[str, str]


def causes(found: dict[Pair, str], gold: dict[Pair, str], ruled: set[Pair], weighed: set[Pair],
           ruled_kind: dict[Pair, str] | None = None, neutral: frozenset[Pair] = frozenset(),
           kinds: bool = False) -> list[tuple[str, Pair]]:
    """(cause, pair) for each error, in gold-character ids: ``found`` the predicted pairs with
    their kinds, ``gold`` the gold's required ones, ``ruled`` the pairs the cues gave a relation,
    ``weighed`` the pairs that have a record, ``ruled_kind`` the cues' kind per pair, ``neutral``
    the pairs of optional gold relations (a prediction there is neither right nor wrong); with
    ``kinds``, a found relation of the gold's polarity and another kind is an error too."""
    out: list[tuple[str, Pair]] = []
    for pair, kind in sorted(found.items()):
        who = "rule" if pair in ruled else "judge"
        want = gold.get(pair)
        if want is None and pair in neutral:
            continue
        if want is None:
            out.append((f"FP-{who}-" + ("reverse" if (pair[1], pair[0]) in gold else "unrelated"), pair))
        elif polarity(want) != polarity(kind):
            out.append((f"FP-{who}-polarity", pair))
        elif kinds and want != kind:
            out.append((f"KIND-{who}-{want}-as-{kind}", pair))
    for pair, kind in sorted(gold.items()):
        have = found.get(pair)
        if have is not None and polarity(have) == polarity(kind):
            continue
        if have is not None:
            continue  # counted as FP-*-polarity above
        cue = (ruled_kind or {}).get(pair)
        if (pair[1], pair[0]) in found:
            out.append(("FN-reverse-found", pair))
        elif cue is not None and polarity(cue) != polarity(kind):
            out.append(("FN-rule-polarity", pair))
        elif pair not in weighed:
            out.append(("FN-no-record", pair))
        else:
            out.append(("FN-below", pair))
    return out


def story_errors(s: tj.StoryData, model: dict, kinds: bool = False) -> list[tuple[str, Pair, str]]:
    """(cause, pair, detail) for one story judged by ``model`` (trained without it)."""
    probs = probabilities(s.records, model) if s.records else None
    relations = judge(s.records, s.rule_relations, (), None, model, probs) if s.records else s.rule_relations
    mapping = map_characters(s.characters, s.gold["characters"])
    optional = {c["id"] for c in s.gold["characters"] if c.get("optional")}

    def g(pair: Pair) -> Pair | None:
        a, b = mapping.get(pair[0]), mapping.get(pair[1])
        if a is None or b is None or a == b or a in optional or b in optional:
            return None
        return (a, b)

    gold: dict[Pair, str] = {}
    for r in s.gold["relations"]:
        if not r.get("optional") and r["from"] not in optional and r["to"] not in optional:
            gold.setdefault((r["from"], r["to"]), r["kind"])
    neutral = frozenset((r["from"], r["to"]) for r in s.gold["relations"] if r.get("optional"))
    found: dict[Pair, str] = {}
    for r in relations:
        pair = g((r.source, r.target))
        if r.current and pair is not None:
            found.setdefault(pair, r.kind)
    ruled_kind = {p: r.kind for r in s.rule_relations if r.current and (p := g((r.source, r.target))) is not None}
    weighed = {p for rec in s.records if (p := g((rec.source, rec.target))) is not None}
    row: dict[Pair, int] = {}
    for i, rec in enumerate(s.records):
        p = g((rec.source, rec.target))
        if p is not None:
            row.setdefault(p, i)

    def shown(pair: Pair) -> str:
        if probs is None or pair not in row:
            return "-"
        return "/".join(f"{float(x):.2f}" for x in probs[0][row[pair]])

    def romance(pair: Pair) -> str:
        """The warm kind model's romantic probability for the pair."""
        if probs is None or pair not in row:
            return "-"
        return f"{float(probs[1][row[pair]][list(model['warm_kind']['classes']).index('romantic')]):.2f}"

    def evidenced(pair: Pair) -> bool:
        """Whether a unit of the pair is labelled with the gold's polarity (train_judge's labels)."""
        rec = s.records[row[pair]]
        want = polarity(gold[pair])
        return any(lab is not None and lab > 0 and polarity(sentence_reader.CLASSES[lab]) == want
                   for rd, lab in zip(s.readings, s.reading_labels, strict=True)
                   if (rd.source, rd.target) == (rec.source, rec.target))

    out = []
    for cause, pair in causes(found, gold, set(ruled_kind), weighed, ruled_kind, neutral, kinds):
        if cause == "FN-below":
            cause += "-misread" if evidenced(pair) else "-unread"
        detail = f"p {shown(pair)} back {shown((pair[1], pair[0]))}"
        if cause.startswith("KIND-"):
            detail += f" romantic {romance(pair)} back {romance((pair[1], pair[0]))}"
        out.append((cause, pair, detail))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=tj.DEFAULT_SHARED)
    ap.add_argument("--cache", type=Path, help="the analysed stories (pickle), as train_judge.py --cache keeps them")
    ap.add_argument("--only", nargs="*", help="these gold names only")
    ap.add_argument("--pairs", action="store_true", help="list each error with its held-out probabilities")
    ap.add_argument("--kinds", action="store_true", help="count a warm or hostile relation of the wrong kind too")
    args = ap.parse_args(argv)
    golds = tj.gold_files(args.shared, args.only, "judge_errors")
    # train_judge.py run as a script pickles its stories as __main__'s StoryData
    sys.modules["__main__"].StoryData = tj.StoryData  # type: ignore[attr-defined]
    stories = tj.held_out_readings(cached(args.cache, lambda: tj.collect(golds)), args.shared)
    _, thresholds, _, _ = tj.held_out_view(stories, incumbent=tj.shipped_thresholds())
    counts: Counter[str] = Counter()
    for s in stories:
        if s.gold.get("cast") != "complete":
            continue
        model = tj.train([o for o in stories if o is not s], thresholds)
        for cause, (a, b), detail in story_errors(s, model, args.kinds):
            counts[cause] += 1
            if args.pairs:
                print(f"{s.name:24} {cause:20} {a} -> {b}  {detail}")
    print(f"fics, held out at {thresholds}: " + ", ".join(f"{k} {n}" for k, n in sorted(counts.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
