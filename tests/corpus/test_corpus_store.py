"""Saving works: one transaction per work, replace on re-save, natural-key export."""
from __future__ import annotations

from dataclasses import replace

import pytest
from corpus_helpers import story_text

from heartline.api import analyze_text
from heartline.corpus.record import failed_record, record_from_analysis
from heartline.corpus.schema import open_database
from heartline.corpus.store import StoredWork, export_rows, save_work, stored_works


@pytest.fixture(scope="module")
def records():
    return [record_from_analysis(analyze_text(story_text(i), source=f"/c/story_{i}.txt"), f"hash{i}")
            for i in (0, 1)]


@pytest.fixture
def db(db_url):
    engine = open_database(db_url)
    yield engine
    engine.dispose()


def test_saved_work_exports_its_rows(db, records):
    save_work(db, records[0])
    rows = export_rows(db)
    assert [w[:3] for w in rows["works"]] == [("/c/story_0.txt", "hash0", "done")]
    assert {c[1] for c in rows["characters"]} == {c["id"] for c in records[0].characters}
    assert len(rows["relations"]) == len(records[0].relations)
    assert len(rows["evidence"]) == sum(len(r["evidence"]) for r in records[0].relations)
    assert ("/c/story_0.txt", "anna_bell", "Anna", "anna") in rows["aliases"]
    assert stored_works(db) == {"/c/story_0.txt": StoredWork("hash0", "done")}


def test_saving_again_replaces_and_never_duplicates(db, records):
    save_work(db, records[0])
    save_work(db, records[1])
    once = export_rows(db)
    save_work(db, records[0])
    assert export_rows(db) == once
    # New content under the same path: the old people and feelings are gone.
    save_work(db, replace(records[1], source=records[0].source, content_hash="changed"))
    rows = export_rows(db)
    assert len(rows["works"]) == 2
    names = {c[2] for c in rows["characters"] if c[0] == "/c/story_0.txt"}
    assert "Anna Bell" not in names and "Mara Reed" in names


def test_a_failure_replaces_an_analysis(db, records):
    save_work(db, records[0])
    save_work(db, failed_record(records[0].source, "hash-bad", "the file is empty"))
    rows = export_rows(db)
    assert rows["works"][0][2:4] == ("failed", "the file is empty")
    assert rows["characters"] == rows["relations"] == rows["evidence"] == rows["aliases"] == []


def test_a_write_that_breaks_halfway_leaves_the_old_rows(db, records):
    save_work(db, records[0])
    before = export_rows(db)
    broken = replace(records[0], content_hash="new",
                     relations=records[0].relations + ({**records[0].relations[0], "to": "nobody"},))
    with pytest.raises(KeyError):
        save_work(db, broken)
    assert export_rows(db) == before
