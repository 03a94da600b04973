"""Why a gold relation's evidence is no unit of the pair: per evidence quote that no sentence-reader
unit of the pair (in the gold's direction) covers, the mentions heartline has there (with the gold
character each resolves to, ``-`` unresolved,
``?id`` a character of heartline's outside the gold), the quotes there (speaker, addressee, how it was
found), and a cause:

- ``narr:one-only`` / ``narr:neither``: narration naming one of the two (or neither) and no other
  mention of the other (the scene's topic, the previous sentence's subject, an unread noun);
- ``narr:one+unresolved`` / ``narr:one+other-resolved``: a pronoun or epithet there is left
  unresolved, or resolved to someone else;
- ``letter/line``: a letter or chat/script line;
- ``quote:speaker-other``, ``quote:no-speaker``, ``quote:no-addressee``: the talk is credited to a third
  person or nobody, or spoken to nobody;
- ``quote:topic-unresolved`` / ``quote:topic-resolved-other`` / ``quote:addressee-other,topic-absent``:
  the speaker is one of the two, and the other, talked about, is unresolved, resolved elsewhere, or
  not mentioned.

    .venv/bin/python bench/unit_misses.py [--shared ../shared] [NAME ...]
"""
from __future__ import annotations

import argparse
import os
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.train_judge import DEFAULT_SHARED, _normalised, evidence_spans  # noqa: E402
from heartline.api import default_pipeline  # noqa: E402
from heartline.corrections.file import Corrections  # noqa: E402
from heartline.eval import gold_text_path, load_gold, map_characters  # noqa: E402
from heartline.formats import read_story  # noqa: E402
from heartline.namelist import NameList  # noqa: E402

_FIRST_PERSON = frozenset("i me my mine we us our".split())


def _cause(a: str, b: str, ms: list, qs: list, links: dict, g) -> str:
    """Why no unit of (a, b) covers an evidence quote whose mentions are ``ms`` and quotes ``qs``."""
    resolved = {g(links[m.index]) for m in ms if m.index in links}
    if qs and any(x.kind != "speech" for x in qs):
        return "letter/line"
    if qs and all(m.quote is not None for m in ms):
        speakers = {g(x.speaker) for x in qs}
        if speakers == {None}:
            return "quote:no-speaker"
        if not speakers & {a, b}:
            told = resolved | {g(x.addressee) for x in qs}
            return "quote:speaker-other" if told & {a, b} else "quote:neither"
        other = b if a in speakers else a
        addressees = {g(x.addressee) for x in qs}
        talked = [m for m in ms if m.person == 3 and m.text.lower() not in _FIRST_PERSON]
        topics = {g(links[m.index]) if m.index in links else None for m in talked}
        if other in addressees:
            return "quote:addressee-ok"
        if any(m.index not in links and m.kind != "name" for m in talked):
            return "quote:topic-unresolved"
        if topics & addressees - {None}:
            return "quote:topic-resolved-to-addressee"
        if topics - {None}:
            return "quote:topic-resolved-other"
        return "quote:no-addressee" if addressees == {None} else "quote:addressee-other,topic-absent"
    told = {g(links[m.index]) for m in ms if m.index in links and m.quote is None}
    have = {a, b} & told
    if len(have) == 2:
        return "both-present-no-unit"
    if not have:
        return "narr:neither"
    if any(m.quote is None and m.index not in links for m in ms):
        return "narr:one+unresolved"
    if told - {a, b}:
        return "narr:one+other-resolved"
    return "narr:one-only"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    ap.add_argument("only", nargs="*", help="these gold names only")
    args = ap.parse_args(argv)
    os.environ["HEARTLINE_JUDGE"] = "rules"  # the units do not depend on the judge: the quick one
    golds = sorted((args.shared / "gold").glob("*.gold.json"))
    pipe = default_pipeline()
    causes: Counter[str] = Counter()
    examples: dict[str, list[str]] = defaultdict(list)
    relations = 0
    for path in golds:
        gold = load_gold(path)
        name = path.name.removesuffix(".gold.json")
        if gold.get("cast") != "complete" or (args.only and name not in args.only):
            continue
        story = read_story(gold_text_path(path, gold))
        res = pipe.run(story=story, fandom_names=NameList(), corrections=Corrections())
        chars = [{"id": c.id, "name": c.name, "aliases": list(c.aliases)} for c in res["characters"]]
        mapping = map_characters(chars, gold["characters"])
        norm = _normalised(story.text)
        links = dict(res["links"].links)

        def g(cid, mapping=mapping):
            # ?id: a character of heartline's outside the gold
            return (mapping.get(cid) or "?" + cid) if cid else None

        optional = {c["id"] for c in gold["characters"] if c.get("optional")}
        for r in gold["relations"]:
            a, b = r["from"], r["to"]
            if r.get("optional") or a in optional or b in optional or not r.get("evidence"):
                continue
            found: list[tuple[str, str]] = []
            for q in r["evidence"]:
                spans = evidence_spans(q, story.text, norm)
                if not spans:
                    found.append(("nospan", q))
                    continue
                if any(any(x < rd.end and rd.start < y for x, y in spans) and (g(rd.source), g(rd.target)) == (a, b)
                       for rd in res["sentence_readings"]):
                    break  # a unit of the pair reads this quote: the relation is covered
                lo, hi = min(x for x, _ in spans), max(y for _, y in spans)
                ms = [m for m in res["mentions"].items if m.start < hi and lo < m.end]
                qs = [x for x in res["speakers"] if x.start < hi and lo < x.end]
                seen = " ".join(f"{m.text}[{m.kind[:3]}{'/q' if m.quote is not None else ''}:"
                                f"{g(links.get(m.index)) or '-'}]" for m in ms)
                talk = " ".join(f"Q{x.index}({x.kind}) spk={g(x.speaker) or '-'} to={g(x.addressee) or '-'}"
                                f"/{x.addressed}" for x in qs)
                cause = "unmapped-char" if not {a, b} <= set(mapping.values()) else _cause(a, b, ms, qs, links, g)
                found.append((cause, f"{name} {a}->{b} [{r['kind']}] {q[:140]!r}\n      {seen} || {talk}"))
            else:
                relations += 1
                for cause, line in found:
                    causes[cause] += 1
                    examples[cause].append(line)
        print(name, "done", file=sys.stderr)
    print(f"{relations} gold relations with no unit on any evidence quote; per quote: {dict(causes.most_common())}")
    for cause, lines in sorted(examples.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        print(f"\n== {cause} ({len(lines)})")
        for line in lines:
            print("  " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
