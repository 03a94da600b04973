"""Tables, URLs and migrations of the corpus database."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from heartline.corpus import schema
from heartline.corpus.schema import SCHEMA_VERSION, database_url, open_database
from heartline.errors import HeartlineError


def test_database_url_takes_paths_and_urls(tmp_path):
    assert database_url(str(tmp_path / "c.sqlite")) == f"sqlite:///{tmp_path}/c.sqlite"
    assert database_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert database_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert database_url("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"


def test_fresh_database_gets_every_table_at_the_current_version(db_url):
    engine = open_database(db_url)
    try:
        tables = set(sa.inspect(engine).get_table_names())
        with engine.connect() as conn:
            version = schema.current_version(conn)
    finally:
        engine.dispose()
    assert {"works", "characters", "aliases", "relations", "evidence", "schema_version"} <= tables
    assert version == SCHEMA_VERSION


def test_older_database_is_migrated_step_by_step(tmp_path, monkeypatch):
    path = str(tmp_path / "old.sqlite")
    open_database(path).dispose()                      # at version SCHEMA_VERSION

    def add_note_column(conn):
        conn.execute(sa.text("ALTER TABLE works ADD COLUMN note TEXT"))

    monkeypatch.setattr(schema, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    monkeypatch.setitem(schema.MIGRATIONS, SCHEMA_VERSION + 1, add_note_column)
    engine = open_database(path)
    try:
        columns = {c["name"] for c in sa.inspect(engine).get_columns("works")}
        with engine.connect() as conn:
            assert schema.current_version(conn) == SCHEMA_VERSION + 1
    finally:
        engine.dispose()
    assert "note" in columns


def test_newer_database_is_refused(tmp_path, monkeypatch):
    path = str(tmp_path / "new.sqlite")
    monkeypatch.setattr(schema, "SCHEMA_VERSION", SCHEMA_VERSION + 5)
    open_database(path).dispose()
    monkeypatch.setattr(schema, "SCHEMA_VERSION", SCHEMA_VERSION)
    with pytest.raises(HeartlineError, match="newer than this heartline"):
        open_database(path)


def test_read_only_open_refuses_a_missing_file(tmp_path):
    with pytest.raises(HeartlineError, match="no database at"):
        open_database(str(tmp_path / "missing.sqlite"), create=False)
    assert not (tmp_path / "missing.sqlite").exists()


def test_unreachable_server_is_one_error_line():
    with pytest.raises(HeartlineError, match="cannot open database"):
        open_database("postgresql://nobody@127.0.0.1:1/none")


def test_a_version_1_database_gets_scene_numbers_from_one(tmp_path, monkeypatch):
    """Version 1 stored evidence scenes from 0 (analysis/v1); version 2 numbers them from 1."""
    from corpus_helpers import story_text

    from heartline.api import analyze_text
    from heartline.corpus.record import record_from_analysis
    from heartline.corpus.store import save_work

    path = str(tmp_path / "v1.sqlite")
    monkeypatch.setattr(schema, "SCHEMA_VERSION", 1)
    engine = open_database(path)                       # created as version 1
    save_work(engine, record_from_analysis(analyze_text(story_text(0), source="/c/s.txt"), "h0"))
    with engine.begin() as conn:                       # what version 1 held: numbers from 0
        conn.execute(schema.evidence.update().values(scene=schema.evidence.c.scene - 1))
        before = sorted(conn.execute(sa.select(schema.evidence.c.id, schema.evidence.c.scene)).all())
    engine.dispose()
    assert before and min(scene for _, scene in before) == 0
    monkeypatch.setattr(schema, "SCHEMA_VERSION", SCHEMA_VERSION)
    for _ in range(2):                                 # migrated once, left alone after
        engine = open_database(path)
        with engine.connect() as conn:
            after = sorted(conn.execute(sa.select(schema.evidence.c.id, schema.evidence.c.scene)).all())
            assert schema.current_version(conn) == SCHEMA_VERSION
        engine.dispose()
        assert after == [(i, scene + 1) for i, scene in before]
