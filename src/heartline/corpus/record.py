"""One analysis → the rows corpus mode stores for it (a ``WorkRecord``).

Runs where the analysis ran (a worker process or a Ray task), because the pair
centrality needs the story's text, which the JSON does not carry.  Everything in a
record is plain data (dicts, lists, numbers, strings), cheap to pickle back to the writer.

Centrality of a pair: the mean of two shares, both between 0 and 1 —
``evidence_share``, the share of the work's feeling evidence that is about the pair
(either direction), and ``scene_share``, the share of the work's scenes in which both
are named.  A background pairing scores low on both; the central one high on both.
"""
from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..model import Analysis

# Keys of Story.metadata that hold an archive's own tags (AO3 and similar exports).
DECLARED_TAG_KEYS = ("tags", "relationships", "relationship", "characters", "fandoms", "fandom",
                     "freeform", "additional_tags", "rating", "warnings", "warning", "category",
                     "categories")


@dataclass(frozen=True)
class WorkRecord:
    """Everything stored for one work; ``status`` is ``"done"`` or ``"failed"``."""

    source: str
    content_hash: str
    status: str
    error: str | None = None
    seconds: float = 0.0
    title: str = ""
    words: int = 0
    scenes: int = 0
    story_metadata: dict[str, Any] = field(default_factory=dict)
    declared_tags: dict[str, Any] = field(default_factory=dict)
    tags: dict[str, Any] = field(default_factory=dict)
    analysis: dict[str, Any] | None = None
    characters: tuple[dict[str, Any], ...] = ()   # each with "aliases"
    relations: tuple[dict[str, Any], ...] = ()    # each with "evidence"


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def alias_key(name: str) -> str:
    """How search compares names: case and spacing do not matter."""
    return " ".join(name.casefold().split())


def failed_record(source: str, digest: str, error: str, seconds: float = 0.0) -> WorkRecord:
    return WorkRecord(source=source, content_hash=digest, status="failed", error=error, seconds=seconds)


def _json_safe(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_json_safe(v) for v in value]
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def _scenes_naming(analysis: Analysis, characters: list[dict[str, Any]]) -> dict[str, set[int]]:
    """For each character id, the scenes in which one of its aliases is written."""
    text = analysis.story.text
    owners: dict[str, set[str]] = {}
    for char in characters:
        for name in char["aliases"]:
            if name.strip():
                owners.setdefault(name, set()).add(char["id"])
    found: dict[str, set[int]] = {c["id"]: set() for c in characters}
    if not owners or not analysis.scenes:
        return found
    # One pass over the text with every alias at once, longest first ("Nora Quinn" before "Nora").
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in sorted(owners, key=lambda n: (-len(n), n)))
                         + r")(?!\w)")
    starts = [s.start for s in analysis.scenes]
    for match in pattern.finditer(text):
        scene = max(bisect_right(starts, match.start()) - 1, 0)
        for char_id in owners[match.group()]:
            found[char_id].add(scene)
    return found


def _key_evidence(relation: Mapping[str, Any]) -> int | None:
    """Index of the line that best shows the relation as it ends: the last piece of
    its final kind and how, else the last of its kind, else the last."""
    pieces = relation["evidence"]
    for test in (lambda e: e["kind"] == relation["kind"] and e["how"] == relation["how"],
                 lambda e: e["kind"] == relation["kind"],
                 lambda e: True):
        matching = [i for i, e in enumerate(pieces) if test(e)]
        if matching:
            return matching[-1]
    return None


def record_from_analysis(analysis: Analysis, digest: str, seconds: float = 0.0) -> WorkRecord:
    data = analysis.to_json()
    story = data["story"]
    chars = data["characters"]
    rels = data["relations"]
    scene_count = max(len(story["scenes"]), 1)

    named_in = _scenes_naming(analysis, chars)
    total_evidence = sum(len(r["evidence"]) for r in rels)
    pair_evidence: dict[frozenset[str], int] = {}
    for r in rels:
        pair = frozenset((r["from"], r["to"]))
        pair_evidence[pair] = pair_evidence.get(pair, 0) + len(r["evidence"])

    pair_stats: dict[frozenset[str], tuple[float, float, float]] = {}
    for pair, count in pair_evidence.items():
        a, b = sorted(pair) if len(pair) == 2 else (next(iter(pair)),) * 2
        evidence_share = count / total_evidence if total_evidence else 0.0
        scene_share = len(named_in.get(a, set()) & named_in.get(b, set())) / scene_count
        pair_stats[pair] = (round((evidence_share + scene_share) / 2, 4), round(evidence_share, 4),
                            round(scene_share, 4))

    # Rank pairs within each kind: kind_rank 1 is the work's central pairing of that kind.
    kind_rank: dict[tuple[str, frozenset[str]], int] = {}
    for kind in sorted({r["kind"] for r in rels}):
        pairs = sorted({frozenset((r["from"], r["to"])) for r in rels if r["kind"] == kind},
                       key=lambda p: (-pair_stats[p][0], sorted(p)))
        for rank, pair in enumerate(pairs, 1):
            kind_rank[(kind, pair)] = rank

    relations = []
    for r in rels:
        pair = frozenset((r["from"], r["to"]))
        key = _key_evidence(r)
        centrality, evidence_share, scene_share = pair_stats[pair]
        relations.append({
            "from": r["from"], "to": r["to"], "kind": r["kind"], "how": r["how"], "current": r["current"],
            "confidence": r["confidence"], "arc": r["arc"], "centrality": centrality,
            "evidence_share": evidence_share, "scene_share": scene_share,
            "kind_rank": kind_rank[(r["kind"], pair)],
            "evidence": [dict(e, is_key=(i == key)) for i, e in enumerate(r["evidence"])],
        })

    characters = [dict(c, scenes=len(named_in.get(c["id"], ()))) for c in chars]
    meta = _json_safe({k: v for k, v in analysis.story.metadata.items() if k != "body"})
    declared = {k: v for k, v in meta.items() if k.lower() in DECLARED_TAG_KEYS}
    return WorkRecord(
        source=story["source"], content_hash=digest, status="done", seconds=round(seconds, 3),
        title=story["title"], words=story["words"], scenes=len(story["scenes"]),
        story_metadata=meta, declared_tags=declared, tags=data["tags"], analysis=data,
        characters=tuple(characters), relations=tuple(relations))
