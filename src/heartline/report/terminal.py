"""The readable summary printed by ``heartline analyze``."""
from __future__ import annotations

import textwrap

from ..model import Analysis, Relation, number
from .ending import OVER, STILL_TRUE, ending

_MAX_CHARACTERS = 20
_MAX_EVIDENCE = 2


_HOW_RANK = {"stated": 0, "narrated": 1, "claimed": 2, "denied": 3, "implied": 4}


def strongest_evidence(r: Relation, n: int):
    """The sentences that best show the relation as it ends: its own kind first, the
    weightiest, the plainest, then in story order."""
    def off_state(e) -> bool:
        if r.how == "denied":
            return e.kind != r.kind
        return e.kind != r.kind or e.past != (not r.current) or e.negated or e.how == "denied"

    ranked = sorted(r.evidence, key=lambda e: (off_state(e), e.how != r.how, -e.weight,
                                                _HOW_RANK.get(e.how, 5), -e.start))
    return sorted(ranked[:n], key=lambda e: e.start)


def _name(analysis: Analysis, cid: str | None) -> str:
    c = analysis.character(cid)
    return c.name if c else "?"


def _relation_line(analysis: Analysis, r: Relation) -> str:
    end = ending(r.kind, r.current, [(a.kind, a.how, a.past) for a in r.arc])
    when = {STILL_TRUE: "", OVER: " (past)"}.get(end, f" ({end})")
    arc = "  arc: " + " -> ".join(a.label for a in r.arc) if r.arc else ""
    return (f"  {_name(analysis, r.source)} -> {_name(analysis, r.target)}: "
            f"{r.kind}{when}, {r.how}, confidence {r.confidence:.2f}{arc}")


def render(analysis: Analysis) -> str:
    story = analysis.story
    lines = [f"{story.title or story.source}  ({story.words:,} words, {len(analysis.scenes)} scenes, "
             f"{len(analysis.quotes)} quotes)"]
    info = story.info
    about = [x for x in (", ".join(info.authors) and "by " + ", ".join(info.authors),
                         ", ".join(info.fandoms), info.rating) if x]
    if about:
        lines.append("  " + " · ".join(about))
    lines.append("")
    lines.append("Characters")
    for c in analysis.characters[:_MAX_CHARACTERS]:
        others = [a for a in c.aliases if a != c.name][:6]
        also = f"  also: {', '.join(others)}" if others else ""
        lines.append(f"  {c.name:<24} {c.gender:<8} {c.mentions:>5} mentions{also}")
    if len(analysis.characters) > _MAX_CHARACTERS:
        lines.append(f"  ... and {len(analysis.characters) - _MAX_CHARACTERS} more (see --json)")
    lines += ["", "Feelings"]
    if not analysis.relations:
        lines.append("  none found")
    for r in analysis.relations:
        lines.append(_relation_line(analysis, r))
        for e in strongest_evidence(r, _MAX_EVIDENCE):
            quote = textwrap.shorten(e.text, 110, placeholder=" ...")
            lines.append(f"      [scene {number(e.scene)}] \"{quote}\"")
    lines += ["", "Tags"]
    lines.append("  Relationships: " + (", ".join(analysis.tags.relationships) or "none"))
    if analysis.tags.additional:
        lines.append("  Additional:    " + ", ".join(analysis.tags.additional))
    lines.append("  Characters:    " + (", ".join(analysis.tags.characters) or "none"))
    if analysis.tags.compared:
        lines += ["", "Author's relationship tags vs. the text"]
        for check in analysis.tags.compared:
            mark = _CHECK_MARK[check.status]
            found = f" (heartline: {check.found})" if check.found and check.found != check.tag else ""
            lines.append(f"  {mark} {check.tag}{found}: {check.note}")
    return "\n".join(lines)


_CHECK_MARK = {"agree": "ok  ", "kind_differs": "~   ", "unsupported": "NO  ",
               "unknown_name": "??  ", "untagged": "new "}
