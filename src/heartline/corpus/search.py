"""Queries over a corpus database: works by pairing, character, kind and how.

Names are matched through every character's aliases, ignoring case and spacing, and
a pairing in either order.  Works come back ranked by how central the matched pair is
in them (``relations.centrality``, see record.py), one line of evidence each.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from ..errors import HeartlineError
from ..model import FEELING_KINDS, HOW_VALUES
from .record import alias_key
from .schema import aliases, characters, evidence, relations, works

KINDS = FEELING_KINDS
HOWS = HOW_VALUES


@dataclass(frozen=True)
class Pairing:
    first: str
    second: str
    romantic: bool      # "A/B" (romantic) or "A & B" (platonic), as archives tag them


def parse_pairing(text: str) -> Pairing:
    parts = re.split(r"\s*([/&])\s*", text.strip())
    if len(parts) != 3 or not parts[0] or not parts[2]:
        raise HeartlineError(f"--pairing {text!r}: give two names as \"A/B\" (romantic) or \"A & B\" (platonic)")
    return Pairing(parts[0], parts[2], parts[1] == "/")


@dataclass(frozen=True)
class SearchQuery:
    pairing: Pairing | None = None
    character: str | None = None
    kind: str | None = None
    how: str | None = None
    central: bool = False
    limit: int = 20


@dataclass(frozen=True)
class Feeling:
    source: str   # display names
    target: str
    kind: str
    how: str
    current: bool
    confidence: float

    def to_json(self) -> dict[str, Any]:
        return {"from": self.source, "to": self.target, "kind": self.kind, "how": self.how,
                "current": self.current, "confidence": self.confidence}


@dataclass(frozen=True)
class SearchHit:
    rank: int
    title: str
    source: str
    pair: tuple[str, str]            # display names, as matched (first, second)
    centrality: float
    evidence_share: float
    scene_share: float
    central: bool                    # the work's most central pair of this kind
    feelings: tuple[Feeling, ...]    # the matching relations on this pair, best first
    evidence: str | None
    evidence_scene: int | None

    def to_json(self) -> dict[str, Any]:
        return {"rank": self.rank, "title": self.title, "source": self.source, "pair": list(self.pair),
                "centrality": self.centrality, "evidence_share": self.evidence_share,
                "scene_share": self.scene_share, "central": self.central,
                "feelings": [f.to_json() for f in self.feelings],
                "evidence": None if self.evidence is None else {"text": self.evidence,
                                                                 "scene": self.evidence_scene}}


def _ids_named(name: str):
    return sa.select(aliases.c.character_id).where(aliases.c.alias_key == alias_key(name))


def _validate(query: SearchQuery) -> None:
    if query.kind and query.kind not in KINDS:
        raise HeartlineError(f"--kind {query.kind!r}: choose from {', '.join(KINDS)}")
    if query.how and query.how not in HOWS:
        raise HeartlineError(f"--how {query.how!r}: choose from {', '.join(HOWS)}")
    if query.limit < 1:
        raise HeartlineError("--limit must be 1 or more")


def search(engine: Engine, query: SearchQuery) -> list[SearchHit]:
    """Works matching ``query``, most central pair first, at most ``query.limit``."""
    _validate(query)
    f, t = characters.alias("f"), characters.alias("t")
    stmt = (sa.select(relations, works.c.title, works.c.source, f.c.name.label("from_name"),
                      t.c.name.label("to_name"))
            .select_from(relations.join(works, relations.c.work_id == works.c.id)
                         .join(f, relations.c.from_id == f.c.id)
                         .join(t, relations.c.to_id == t.c.id))
            .where(works.c.status == "done"))
    first_ids = None
    if query.pairing:
        first_ids, second_ids = _ids_named(query.pairing.first), _ids_named(query.pairing.second)
        stmt = stmt.where(sa.or_(
            sa.and_(relations.c.from_id.in_(first_ids), relations.c.to_id.in_(second_ids)),
            sa.and_(relations.c.from_id.in_(second_ids), relations.c.to_id.in_(first_ids))))
    if query.character:
        ids = _ids_named(query.character)
        first_ids = first_ids if first_ids is not None else ids
        stmt = stmt.where(sa.or_(relations.c.from_id.in_(ids), relations.c.to_id.in_(ids)))
    if query.kind:
        stmt = stmt.where(relations.c.kind == query.kind)
    elif query.pairing:
        romantic = relations.c.kind == "romantic"
        stmt = stmt.where(romantic if query.pairing.romantic else sa.not_(romantic))
    if query.how:
        stmt = stmt.where(relations.c.how == query.how)
    if query.central:
        stmt = stmt.where(relations.c.kind_rank == 1)
    stmt = stmt.order_by(relations.c.centrality.desc(), relations.c.confidence.desc(), works.c.source,
                         relations.c.id)

    with engine.connect() as conn:
        first_set = set(conn.execute(first_ids).scalars()) if first_ids is not None else set()
        by_work: dict[int, list] = {}
        for row in conn.execute(stmt):
            rows = by_work.get(row.work_id)
            if rows is None:
                if len(by_work) >= query.limit:
                    # Both directions of a pair share its centrality: once below the last
                    # listed work's, no row left can belong to a listed pair.
                    if row.centrality < list(by_work.values())[-1][0].centrality:
                        break
                    continue
                by_work[row.work_id] = [row]
            elif {row.from_id, row.to_id} == {rows[0].from_id, rows[0].to_id}:
                rows.append(row)
        return [_hit(conn, rank, rows, first_set) for rank, rows in enumerate(by_work.values(), 1)]


def _hit(conn, rank: int, rows: list, first_set: set[int]) -> SearchHit:
    best = rows[0]
    pair = (best.from_name, best.to_name)
    if best.to_id in first_set and best.from_id not in first_set:
        pair = (best.to_name, best.from_name)   # in the order the user named them
    line = conn.execute(sa.select(evidence.c.text, evidence.c.scene)
                        .where(evidence.c.relation_id == best.id)
                        .order_by(evidence.c.is_key.desc(), evidence.c.position.desc())
                        .limit(1)).first()
    return SearchHit(
        rank=rank, title=best.title or "", source=best.source, pair=pair, centrality=best.centrality,
        evidence_share=best.evidence_share, scene_share=best.scene_share, central=best.kind_rank == 1,
        feelings=tuple(Feeling(r.from_name, r.to_name, r.kind, r.how, r.current, r.confidence) for r in rows),
        evidence=line.text if line else None, evidence_scene=line.scene if line else None)


def render_hits(hits: list[SearchHit], width: int = 110) -> str:
    if not hits:
        return "no works match"
    out = []
    for hit in hits:
        central = "  (central)" if hit.central else ""
        out.append(f"{hit.rank:>3}. {hit.title}  [{hit.source}]")
        out.append(f"     {hit.pair[0]} & {hit.pair[1]}: centrality {hit.centrality:.3f} "
                   f"(evidence {hit.evidence_share:.2f}, scenes {hit.scene_share:.2f}){central}")
        for f in hit.feelings:
            state = "" if f.current else ", past"
            out.append(f"       {f.source} -> {f.target}: {f.kind}, {f.how}{state}, confidence {f.confidence:.2f}")
        if hit.evidence is not None:
            text = " ".join(hit.evidence.split())
            if len(text) > width:
                text = text[: width - 3] + "..."
            out.append(f"       [scene {hit.evidence_scene}] \"{text}\"")
    return "\n".join(out)
