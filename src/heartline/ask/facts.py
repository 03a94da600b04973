"""An analysis/v2 dict, indexed once for answering many questions about it."""
from __future__ import annotations

import bisect
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .names import NameIndex


@dataclass(frozen=True)
class StoryFacts:
    analysis: Mapping[str, Any]
    names: NameIndex
    relations: tuple[Mapping[str, Any], ...]
    pair: Mapping[tuple[str, str], Mapping[str, Any]]
    chapter_of_scene: Mapping[int, int]
    _quote_starts: list[int] = field(repr=False)
    _quotes: list[Mapping[str, Any]] = field(repr=False)

    @classmethod
    def from_json(cls, analysis: Mapping[str, Any]) -> StoryFacts:
        relations = tuple(analysis.get("relations", ()))
        quotes = sorted(analysis.get("quotes", ()), key=lambda q: q["start"])
        return cls(
            analysis=analysis,
            names=NameIndex(analysis.get("characters", ())),
            relations=relations,
            pair={(r["from"], r["to"]): r for r in relations},
            chapter_of_scene={s["index"]: s.get("chapter", 0)
                              for s in analysis.get("story", {}).get("scenes", ())},
            _quote_starts=[q["start"] for q in quotes],
            _quotes=quotes,
        )

    def name(self, char_id: str | None) -> str:
        if char_id is None:
            return "someone"
        character = self.names.by_id.get(char_id)
        return character["name"] if character else char_id

    def character(self, char_id: str) -> Mapping[str, Any]:
        return self.names.by_id[char_id]

    def relation(self, source: str, target: str) -> Mapping[str, Any] | None:
        return self.pair.get((source, target))

    def speaker_at(self, start: int, end: int) -> str | None:
        """Who speaks the quote overlapping ``start:end`` (an evidence sentence or quote)."""
        last = bisect.bisect_left(self._quote_starts, end) - 1
        # Quotes never nest and are short: the few starting just before ``end`` suffice.
        for quote in reversed(self._quotes[max(0, last - 8):last + 1]):
            if quote["end"] > start and quote["start"] < end and quote.get("speaker"):
                return quote["speaker"]
        return None

    def cite(self, relation: Mapping[str, Any], item: Mapping[str, Any]) -> dict[str, Any]:
        """An evidence item with who it is about, its chapter and, for speech, its speaker."""
        return {"from": relation["from"], "to": relation["to"], **item,
                "chapter": self.chapter_of_scene.get(item.get("scene", 1), 1),
                "speaker": self.speaker_at(item["start"], item["end"])}
