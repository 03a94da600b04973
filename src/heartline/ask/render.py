"""An ``Answer`` as a person reads it in a terminal: the answer, then its evidence."""
from __future__ import annotations

import textwrap

from .answer import Answer

_EVIDENCE_SHOWN = 6
_QUOTE_LIMIT = 160


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _QUOTE_LIMIT else text[: _QUOTE_LIMIT - 3].rstrip() + "..."


def render(answer: Answer, names: dict[str, str] | None = None) -> str:
    """``names`` maps character ids to display names for the evidence lines."""
    names = names or {}
    if not answer.answered:
        return answer.answer
    lines = textwrap.wrap(answer.answer, width=100, break_long_words=False, break_on_hyphens=False) or [""]
    lines += [f"  {note}" for note in answer.notes]
    for item in answer.evidence[:_EVIDENCE_SHOWN]:
        who = f"{names.get(item['from'], item['from'])} -> {names.get(item['to'], item['to'])}"
        label = item["kind"] + (" (past)" if item.get("past") else "") + f", {item['how']}"
        lines.append(f"  [scene {item['scene']}, chapter {item['chapter']}, offset {item['start']}] "
                     f"{who}, {label}: \"{_clip(item['text'])}\"")
    if len(answer.evidence) > _EVIDENCE_SHOWN:
        lines.append(f"  ... and {len(answer.evidence) - _EVIDENCE_SHOWN} more (--json shows all)")
    return "\n".join(lines)
