"""Who speaks, measured on the development fics themselves (silver).

    .venv/bin/python bench/fic_speakers.py [--shared ../shared] [--only NAME ...] [--list] [--json FILE]

LitBank measures the speakers on novels; the feeling judge is scored on fan fiction.  The gold
relations said by their owner (``how``: stated or denied) carry evidence quotes that are mostly the
experiencer's own words in dialogue, said mostly to or about the target.  For every evidence string
that lies inside a quote heartline found, this checks whether heartline's speaker maps (the eval's
character mapping, README rule 2) to the gold experiencer, and, where the quote says "you", whether
its addressee maps to the gold target: right / wrong / none, per story and overall.  ``--list``
prints the wrong ones with the narration leading into the quote and the tag after it.

Silver, not gold: an owner's stated feeling is sometimes written in narration, in a letter or chat
line, or quoted by someone else, and "you" is sometimes generic; read the wrong ones before trusting
a count.  Only the stages up to ``people`` run (no feelings), so a story costs its parse and little
more.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from collections import Counter
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.train_judge import _normalised, evidence_spans  # noqa: E402
from heartline.api import DEFAULT_STAGES, default_pipeline  # noqa: E402
from heartline.corrections.file import Corrections  # noqa: E402
from heartline.eval import gold_text_path, load_gold, map_characters  # noqa: E402
from heartline.formats import read_story  # noqa: E402
from heartline.namelist import NameList  # noqa: E402

DEFAULT_SHARED = ROOT.parent / "shared"
HOWS = ("stated", "denied")
_YOU = re.compile(r"\b(?:you|your|yours|yourself|ya|u)\b", re.IGNORECASE)
# a quote holds the evidence when this share of the evidence's span lies inside it
_INSIDE = 0.6


def _stages() -> tuple[str, ...]:
    return DEFAULT_STAGES[:DEFAULT_STAGES.index("people") + 1]


def _verdict(predicted: str | None, mapping: dict, gold_id: str) -> str:
    if predicted is None:
        return "none"
    return "right" if mapping.get(predicted) == gold_id else "wrong"


def story_checks(gold_path: Path, pipeline) -> tuple[list[dict], float]:
    """One row per (relation, quote holding one of its evidence strings)."""
    gold = load_gold(gold_path)
    started = time.perf_counter()
    story = read_story(gold_text_path(gold_path, gold))
    results = pipeline.run(story=story, fandom_names=NameList(), corrections=Corrections())
    text = story.text
    chars = [{"id": c.id, "name": c.name, "aliases": list(c.aliases)} for c in results["characters"]]
    mapping = map_characters(chars, gold["characters"])
    names = {c["id"]: c["name"] for c in chars}
    quotes = results["speakers"]
    norm = _normalised(text)
    rows = []
    for rel in gold["relations"]:
        if rel.get("how") not in HOWS:
            continue
        seen: set[int] = set()
        for ev in rel.get("evidence", ()):
            for a, b in evidence_spans(ev, text, norm):
                for q in quotes:
                    if q.index in seen or q.end <= a or q.start >= b:
                        continue
                    if min(b, q.end) - max(a, q.start) < _INSIDE * (b - a):
                        continue
                    seen.add(q.index)
                    says_you = bool(_YOU.search(q.text))
                    para_start = text.rfind("\n", 0, q.start) + 1
                    lead = text[max(para_start, q.start - 160):q.start]
                    tail_end = text.find("\n", q.end)
                    tail = text[q.end:min(tail_end if tail_end >= 0 else len(text), q.end + 100)]
                    rows.append({
                        "story": gold_path.name.removesuffix(".gold.json"),
                        "gold_from": rel["from"], "gold_to": rel["to"], "how": rel["how"],
                        "quote": q.index, "kind": q.kind,
                        "speaker": _verdict(q.speaker, mapping, rel["from"]),
                        "said": names.get(q.speaker or "", q.speaker_description or None),
                        "said_maps": mapping.get(q.speaker or ""),
                        "you": says_you,
                        "addressee": _verdict(q.addressee, mapping, rel["to"]) if says_you else "",
                        "to": names.get(q.addressee or ""), "to_maps": mapping.get(q.addressee or ""),
                        "addressed": q.addressed,
                        "lead": " ".join(lead.split()), "text": " ".join(q.text.split())[:160],
                        "tail": " ".join(tail.split()),
                    })
    return rows, time.perf_counter() - started


def _counts(rows: list[dict], field: str) -> Counter:
    return Counter(r[field] for r in rows if r[field])


def render(rows: list[dict], stories: list[str], listing: bool) -> str:
    lines = [f"{'story':<28} {'speaker r/w/n':>14} {'addressee r/w/n':>16}"]
    for name in stories:
        mine = [r for r in rows if r["story"] == name]
        if not mine:
            continue
        s, a = _counts(mine, "speaker"), _counts(mine, "addressee")
        lines.append(f"{name:<28} {s['right']:>4}/{s['wrong']:>3}/{s['none']:>3}    "
                     f"{a['right']:>4}/{a['wrong']:>3}/{a['none']:>3}")
    s, a = _counts(rows, "speaker"), _counts(rows, "addressee")
    total_s, total_a = sum(s.values()), sum(a.values())
    lines.append(f"{'all':<28} {s['right']:>4}/{s['wrong']:>3}/{s['none']:>3}    "
                 f"{a['right']:>4}/{a['wrong']:>3}/{a['none']:>3}")
    lines.append(f"speaker right {s['right']} of {total_s} evidence quotes ({s['right'] / max(total_s, 1):.3f}); "
                 f"addressee right {a['right']} of {total_a} quotes saying 'you' "
                 f"({a['right'] / max(total_a, 1):.3f})")
    if listing:
        for field, who, gold_key in (("speaker", "said", "gold_from"), ("addressee", "to", "gold_to")):
            wrong = [r for r in rows if r[field] in ("wrong", "none")]
            lines.append(f"\n{field}: wrong or none ({len(wrong)})")
            for r in wrong:
                lines.append(f"- {r['story']} q{r['quote']} [{r[field]}] gold {r[gold_key]}, heartline "
                             f"{r[who]!r} ({r[who + '_maps'] if field == 'speaker' else r['to_maps']}) "
                             f"{r['kind']}{' ' + r['addressed'] if field == 'addressee' else ''}")
                lines.append(f"    ...{r['lead']} <<{r['text']}>> {r['tail']}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    ap.add_argument("--only", nargs="*", help="these gold names only")
    ap.add_argument("--list", action="store_true", help="list the wrong ones with their lead-in")
    ap.add_argument("--json", type=Path, help="write every checked quote here")
    args = ap.parse_args(argv)
    golds = sorted((args.shared / "gold").glob("*.gold.json"))
    if args.only:
        golds = [g for g in golds if g.name.removesuffix(".gold.json") in args.only]
    pipeline = default_pipeline(_stages())
    rows: list[dict] = []
    for path in golds:
        mine, took = story_checks(path, pipeline)
        rows += mine
        print(f"fic_speakers: {path.name.removesuffix('.gold.json')}: {len(mine)} quotes, {took:.1f} s",
              file=sys.stderr)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1, ensure_ascii=False))
    print(render(rows, [g.name.removesuffix(".gold.json") for g in golds], args.list))
    return 0


if __name__ == "__main__":
    sys.exit(main())
