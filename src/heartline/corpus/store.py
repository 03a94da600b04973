"""Writing works to the database: one work, one transaction.

``save_work`` deletes whatever the database held for the work's source and inserts
the new rows inside a single transaction, so a batch killed at any moment leaves each
work either wholly old or wholly new, never half written.  Only the batch's parent
process calls it: workers analyse, one writer writes.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from .. import __version__
from .record import WorkRecord, alias_key
from .schema import WORK_CHILDREN, aliases, characters, evidence, relations, works


@dataclass(frozen=True)
class StoredWork:
    """What the database already knows of a source: enough to decide skip or redo."""

    content_hash: str
    status: str


def stored_works(engine: Engine) -> dict[str, StoredWork]:
    with engine.connect() as conn:
        rows = conn.execute(sa.select(works.c.source, works.c.content_hash, works.c.status))
        return {r.source: StoredWork(r.content_hash, r.status) for r in rows}


def _delete_rows(conn: Connection, work_id: int) -> None:
    for table in WORK_CHILDREN:
        conn.execute(table.delete().where(table.c.work_id == work_id))


def _insert_returning_id(conn: Connection, table: sa.Table, values: dict[str, Any]) -> int:
    return conn.execute(table.insert().values(**values).returning(table.c.id)).scalar_one()


def save_work(engine: Engine, record: WorkRecord) -> None:
    """Replace the database's rows for ``record.source`` by ``record``, atomically."""
    row = {
        "content_hash": record.content_hash, "status": record.status, "error": record.error,
        "title": record.title or None, "words": record.words, "scenes": record.scenes,
        "story_metadata": record.story_metadata, "declared_tags": record.declared_tags,
        "tags": record.tags, "analysis": record.analysis, "heartline_version": __version__,
        "seconds": record.seconds, "analysed_at": datetime.now(timezone.utc),
    }
    with engine.begin() as conn:
        work_id = conn.execute(sa.select(works.c.id).where(works.c.source == record.source)).scalar()
        if work_id is None:
            work_id = _insert_returning_id(conn, works, {"source": record.source, **row})
        else:
            _delete_rows(conn, work_id)
            conn.execute(works.update().where(works.c.id == work_id).values(**row))
        _insert_people_and_feelings(conn, work_id, record)


def _insert_people_and_feelings(conn: Connection, work_id: int, record: WorkRecord) -> None:
    char_pk: dict[str, int] = {}
    for c in record.characters:
        char_pk[c["id"]] = _insert_returning_id(conn, characters, {
            "work_id": work_id, "char_id": c["id"], "name": c["name"], "gender": c["gender"],
            "mentions": c["mentions"], "centrality": c["centrality"], "scenes": c["scenes"]})
    alias_rows = [{"work_id": work_id, "character_id": char_pk[c["id"]], "alias": a, "alias_key": alias_key(a)}
                  for c in record.characters for a in sorted(set(c["aliases"]) | {c["name"]})]
    if alias_rows:
        conn.execute(aliases.insert(), alias_rows)
    for r in record.relations:
        relation_id = _insert_returning_id(conn, relations, {
            "work_id": work_id, "from_id": char_pk[r["from"]], "to_id": char_pk[r["to"]], "kind": r["kind"],
            "how": r["how"], "current": r["current"], "confidence": r["confidence"], "arc": r["arc"],
            "centrality": r["centrality"], "evidence_share": r["evidence_share"],
            "scene_share": r["scene_share"], "kind_rank": r["kind_rank"]})
        evidence_rows = [{
            "work_id": work_id, "relation_id": relation_id, "position": i, "text": e["text"],
            "start_offset": e["start"], "end_offset": e["end"], "scene": e["scene"], "kind": e["kind"],
            "how": e["how"], "cue": e["cue"], "past": e["past"], "is_key": e["is_key"]}
            for i, e in enumerate(r["evidence"])]
        if evidence_rows:
            conn.execute(evidence.insert(), evidence_rows)


def export_rows(engine: Engine) -> dict[str, list[tuple]]:
    """Every stored row by natural keys (source, character id, position ...), without
    surrogate ids, timings or timestamps, sorted: two databases that hold the same
    analyses export equal, whatever order or how many runs filled them."""
    with engine.connect() as conn:
        def rows(query) -> list[tuple]:
            return sorted(tuple(_comparable(v) for v in r) for r in conn.execute(query))

        f, t = characters.alias("f"), characters.alias("t")
        return {
            "works": rows(sa.select(works.c.source, works.c.content_hash, works.c.status, works.c.error,
                                    works.c.title, works.c.words, works.c.scenes, works.c.story_metadata,
                                    works.c.declared_tags, works.c.tags, works.c.analysis)),
            "characters": rows(sa.select(works.c.source, characters.c.char_id, characters.c.name,
                                         characters.c.gender, characters.c.mentions, characters.c.centrality,
                                         characters.c.scenes).join_from(characters, works)),
            "aliases": rows(sa.select(works.c.source, characters.c.char_id, aliases.c.alias, aliases.c.alias_key)
                            .select_from(aliases.join(characters, aliases.c.character_id == characters.c.id)
                                         .join(works, aliases.c.work_id == works.c.id))),
            "relations": rows(sa.select(works.c.source, f.c.char_id, t.c.char_id, relations.c.kind,
                                        relations.c.how, relations.c.current, relations.c.confidence,
                                        relations.c.arc, relations.c.centrality, relations.c.evidence_share,
                                        relations.c.scene_share, relations.c.kind_rank)
                              .select_from(relations.join(works, relations.c.work_id == works.c.id)
                                           .join(f, relations.c.from_id == f.c.id)
                                           .join(t, relations.c.to_id == t.c.id))),
            "evidence": rows(sa.select(works.c.source, f.c.char_id, t.c.char_id, evidence.c.position,
                                       evidence.c.text, evidence.c.start_offset, evidence.c.end_offset,
                                       evidence.c.scene, evidence.c.kind, evidence.c.how, evidence.c.cue,
                                       evidence.c.past, evidence.c.is_key)
                             .select_from(evidence.join(relations, evidence.c.relation_id == relations.c.id)
                                          .join(works, evidence.c.work_id == works.c.id)
                                          .join(f, relations.c.from_id == f.c.id)
                                          .join(t, relations.c.to_id == t.c.id))),
        }


def _comparable(value: Any) -> Any:
    # JSON columns come back as dicts/lists: make them hashable and orderable for sorting.
    if isinstance(value, (dict, list)):
        return json.dumps(value, sort_keys=True, ensure_ascii=False)
    return value
