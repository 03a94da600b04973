"""One relation and the feelings asked about → a yes/no verdict, and why.

Verdicts: ``yes``, ``no`` (the text shows a different feeling), ``used to`` (only in the
past), ``denies it`` (its owner denies a feeling the text shows), ``hinted`` (behaviour
only), ``unknown`` (no evidence either way: absence of evidence is never a ``no``).
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

VERDICTS = ("yes", "no", "used to", "denies it", "hinted", "unknown")

# For a two-way question, the weaker side decides: listed from weakest.
_WEAKEST_FIRST = ("no", "unknown", "used to", "denies it", "hinted", "yes")


@dataclass(frozen=True)
class Reading:
    verdict: str
    kind: str | None  # the feeling the verdict rests on (None: no relation)
    relation: Mapping[str, Any] | None
    earlier: bool = False  # ``used to`` because an earlier state was of the asked kind

    @property
    def shown(self) -> Mapping[str, Any]:
        """The relation of a reading that has one: any verdict but ``unknown``."""
        if self.relation is None:
            raise ValueError("an unknown reading has no relation")
        return self.relation

    @property
    def feeling(self) -> str:
        """The kind of a reading that has a relation: any verdict but ``unknown``."""
        if self.kind is None:
            raise ValueError("an unknown reading has no kind")
        return self.kind


def past_kinds(relation: Mapping[str, Any]) -> set[str]:
    """Kinds the relation showed before its end state, or only as past."""
    arc = relation.get("arc", [])
    kinds = {e["kind"] for e in relation.get("evidence", ()) if e.get("past")}
    kinds |= {a["kind"] for a in arc[:-1] if a.get("label") != "denied"}
    kinds |= {a["kind"] for a in arc if a.get("past")}
    if not relation.get("current", True):
        kinds.add(relation["kind"])
    return kinds


def read_relation(relation: Mapping[str, Any] | None, kinds: tuple[str, ...]) -> Reading:
    """The verdict on "does the ``from`` feel one of ``kinds`` for the ``to``?"."""
    if relation is None:
        return Reading("unknown", None, None)
    kind = relation["kind"]
    if kind in kinds:
        if not relation.get("current", True):
            return Reading("used to", kind, relation)
        if relation["how"] == "denied":
            return Reading("denies it", kind, relation)
        if relation["how"] == "implied":
            return Reading("hinted", kind, relation)
        return Reading("yes", kind, relation)
    earlier = [k for k in kinds if k in past_kinds(relation)]
    if earlier:
        return Reading("used to", earlier[0], relation, earlier=True)
    return Reading("no", kind, relation)


def combine(verdicts: list[str]) -> str:
    """A two-way verdict ("are they together?") is as strong as its weaker side."""
    for verdict in _WEAKEST_FIRST:
        if verdict in verdicts:
            return verdict
    return "unknown"
