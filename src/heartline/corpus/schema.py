"""The corpus database: tables (SQLAlchemy Core), engines and migrations.

The same schema serves SQLite (an embedded file, the default) and PostgreSQL.
``schema_version`` holds one row; ``MIGRATIONS`` maps each version to the step that
brings a database from the version before up to it, so an old database is upgraded
in place the first time a newer heartline opens it.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from ..errors import HeartlineError

metadata = sa.MetaData()

schema_version = sa.Table(
    "schema_version", metadata,
    sa.Column("version", sa.Integer, nullable=False),
)

works = sa.Table(
    "works", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("source", sa.Text, nullable=False, unique=True),   # absolute path of the file
    sa.Column("content_hash", sa.String(64), nullable=False),    # sha256 of the file's bytes
    sa.Column("status", sa.String(16), nullable=False),          # "done" or "failed"
    sa.Column("error", sa.Text),
    sa.Column("title", sa.Text),
    sa.Column("words", sa.Integer),
    sa.Column("scenes", sa.Integer),
    sa.Column("story_metadata", sa.JSON),                       # what the format reader found
    sa.Column("declared_tags", sa.JSON),                        # the archive's own tags, if any
    sa.Column("tags", sa.JSON),                                  # heartline's tags
    sa.Column("analysis", sa.JSON),                              # the whole heartline/analysis/v2
    sa.Column("heartline_version", sa.String(32)),
    sa.Column("seconds", sa.Float),                              # analysis time
    sa.Column("analysed_at", sa.DateTime(timezone=True)),
)

characters = sa.Table(
    "characters", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("work_id", sa.Integer, sa.ForeignKey("works.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("char_id", sa.Text, nullable=False),               # the analysis's id, unique in a work
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("gender", sa.String(16)),
    sa.Column("mentions", sa.Integer),
    sa.Column("centrality", sa.Float),
    sa.Column("scenes", sa.Integer),                             # scenes naming the character
    sa.UniqueConstraint("work_id", "char_id"),
)

aliases = sa.Table(
    "aliases", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("work_id", sa.Integer, sa.ForeignKey("works.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("character_id", sa.Integer, sa.ForeignKey("characters.id", ondelete="CASCADE"), nullable=False,
              index=True),
    sa.Column("alias", sa.Text, nullable=False),
    sa.Column("alias_key", sa.Text, nullable=False, index=True),  # lower-cased, spaces collapsed: what search matches
)

relations = sa.Table(
    "relations", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("work_id", sa.Integer, sa.ForeignKey("works.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("from_id", sa.Integer, sa.ForeignKey("characters.id", ondelete="CASCADE"), nullable=False,
              index=True),
    sa.Column("to_id", sa.Integer, sa.ForeignKey("characters.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("how", sa.String(16), nullable=False),
    sa.Column("current", sa.Boolean, nullable=False),
    sa.Column("confidence", sa.Float, nullable=False),
    sa.Column("arc", sa.JSON),
    # Of the unordered pair, the same in both directions: see record.py.
    sa.Column("centrality", sa.Float, nullable=False),
    sa.Column("evidence_share", sa.Float, nullable=False),
    sa.Column("scene_share", sa.Float, nullable=False),
    sa.Column("kind_rank", sa.Integer, nullable=False),          # 1: the work's most central pair of this kind
)

evidence = sa.Table(
    "evidence", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("work_id", sa.Integer, sa.ForeignKey("works.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("relation_id", sa.Integer, sa.ForeignKey("relations.id", ondelete="CASCADE"), nullable=False,
              index=True),
    sa.Column("position", sa.Integer, nullable=False),           # order within the relation
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("start_offset", sa.Integer, nullable=False),
    sa.Column("end_offset", sa.Integer, nullable=False),
    sa.Column("scene", sa.Integer, nullable=False),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("how", sa.String(16), nullable=False),
    sa.Column("cue", sa.Text),
    sa.Column("past", sa.Boolean, nullable=False),
    sa.Column("is_key", sa.Boolean, nullable=False),             # the one line search shows
)

sa.Index("ix_relations_kind_centrality", relations.c.kind, relations.c.centrality)

# Child tables in the order their rows must be deleted (evidence first).
WORK_CHILDREN = (evidence, relations, aliases, characters)


# The schema version the tables above describe.  A fresh database is created at this
# version; an older one is upgraded by the steps in ``MIGRATIONS``, where each version
# maps to the step from the version before it (e.g. ``2: add_column_x``).  On a schema
# change: edit the tables, bump this, and add the step.
def _scenes_count_from_one(conn: Connection) -> None:
    """2: ``evidence.scene`` counts from 1, as ``heartline/analysis/v2`` does (v1 counted from
    0).  Each work's stored ``analysis`` JSON keeps the ``schema`` it was written with."""
    conn.execute(evidence.update().values(scene=evidence.c.scene + 1))


SCHEMA_VERSION = 2
MIGRATIONS: dict[int, Callable[[Connection], None]] = {2: _scenes_count_from_one}

from . import DEFAULT_DB  # noqa: E402,F401  (re-exported; kept light for the CLI)


def database_url(db: str) -> str:
    """A SQLAlchemy URL from what a user types: a URL, or a path to an SQLite file."""
    if "://" not in db:
        return "sqlite:///" + str(Path(db).expanduser().resolve())
    scheme, rest = db.split("://", 1)
    # psycopg (3) is the driver heartline pins; SQLAlchemy's bare "postgresql" means psycopg2.
    if scheme in ("postgresql", "postgres"):
        return "postgresql+psycopg://" + rest
    return db


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    # WAL: "heartline search" can read while a batch writes; foreign keys are off by default.
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def open_database(db: str, *, create: bool = True) -> Engine:
    """An engine on ``db`` with the schema in place (created or migrated as needed).

    ``create=False`` refuses a SQLite file that does not exist (for read-only commands).
    """
    url = database_url(db)
    if url.startswith("sqlite:///") and not create:
        path = Path(url[len("sqlite:///"):])
        if not path.is_file():
            raise HeartlineError(f"no database at {path} (run 'heartline batch' first, or give --db)")
    try:
        engine = sa.create_engine(url)
    except (sa.exc.ArgumentError, sa.exc.NoSuchModuleError) as exc:
        raise HeartlineError(f"cannot use database {db!r}: {exc}") from None
    except ModuleNotFoundError as exc:
        raise HeartlineError(f"cannot use database {db!r}: missing driver {exc.name} "
                             "(pip install 'heartline[postgres]')") from None
    if engine.dialect.name == "sqlite":
        sa.event.listen(engine, "connect", _sqlite_pragmas)
    try:
        migrate(engine)
    except sa.exc.OperationalError as exc:
        engine.dispose()
        raise HeartlineError(f"cannot open database {db!r}: {str(exc.orig).strip().splitlines()[0]}") from None
    return engine


def current_version(conn: Connection) -> int:
    if not sa.inspect(conn).has_table("schema_version"):
        return 0
    return conn.execute(sa.select(sa.func.max(schema_version.c.version))).scalar() or 0


def migrate(engine: Engine) -> int:
    """Bring the database up to ``SCHEMA_VERSION``; returns the version it was at."""
    with engine.begin() as conn:
        found = current_version(conn)
        if found > SCHEMA_VERSION:
            raise HeartlineError(f"the database has schema version {found}, newer than this heartline "
                                 f"understands ({SCHEMA_VERSION}); upgrade heartline")
        if found == 0:
            metadata.create_all(conn)
        else:
            for version in range(found + 1, SCHEMA_VERSION + 1):
                MIGRATIONS[version](conn)
        if found < SCHEMA_VERSION:
            conn.execute(schema_version.delete())
            conn.execute(schema_version.insert().values(version=SCHEMA_VERSION))
    return found
