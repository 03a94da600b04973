"""Which `/` relationship tags of the gold files heartline's tags include, per development fic.

    .venv/bin/python bench/gold_tags.py [NAME ...]      (needs ../shared; default: the dev fics)

Prints, for each gold `/` tag, "present", "missing" with heartline's nearest tag for the same
pair (a naming difference) or "no pairing" (an analysis miss: the feeling was not found).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DEV = ("valentine", "group_chat", "winter_court")


def _names(tag: str) -> list[str]:
    return [n.strip() for n in tag.replace(" & ", "/").split("/")]


def main(names: list[str]) -> int:
    sys.path.insert(0, str(ROOT / "src"))
    from heartline.api import analyze
    from heartline.stages.declared import match_character

    total = present = 0
    for name in names or DEV:
        gold = json.loads((SHARED / "gold" / f"{name}.gold.json").read_text(encoding="utf-8"))
        analysis = analyze(SHARED / gold["text"])
        mine = analysis.tags.relationships
        print(f"{name}: heartline {list(mine)}")
        for tag in [t for t in gold.get("tags", {}).get("relationships", []) if "/" in t]:
            total += 1
            if tag in mine:
                present += 1
                print(f"  present  {tag}")
                continue
            ids = {getattr(match_character(n, analysis.characters), "id", None) for n in _names(tag)}
            near = [t for t in mine if "/" in t and {getattr(match_character(n, analysis.characters), "id", None)
                                                      for n in _names(t)} == ids]
            why = f"heartline writes {near[0]!r}" if near else "no pairing (analysis miss)"
            print(f"  missing  {tag}: {why}")
    print(f"\n{present}/{total} gold '/' tags present")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
