"""The batch loop, with real kills: SIGKILL and SIGINT halfway, then a rerun, must end
with exactly the rows of an uninterrupted run; a second run does nothing; a changed
file is re-analysed; a bad file is recorded and does not stop the others.

Runs on SQLite always and on PostgreSQL where HEARTLINE_TEST_PG_URL points at one.
"""
from __future__ import annotations

import contextlib
import os
import signal
import time
from pathlib import Path

import pytest
from corpus_helpers import count_works, heartline_process, story_text, write_corpus

from heartline.corpus.discover import discover
from heartline.corpus.runner import plan_batch, run_batch
from heartline.corpus.schema import open_database
from heartline.corpus.store import export_rows, stored_works

STORIES = 24


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    write_corpus(folder, STORIES, words=400)
    (folder / "broken.txt").write_bytes(b"")          # fails: empty
    return folder


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory):
    """The rows of one uninterrupted serial run, and its summary."""
    db = open_database(str(tmp_path_factory.mktemp("ref") / "ref.sqlite"))
    summary = run_batch(discover([str(corpus)]), db)
    rows = export_rows(db)
    db.dispose()
    return rows, summary


def _batch(corpus: Path, url: str, *extra: str) -> int:
    from heartline.cli import main

    return main(["batch", str(corpus), "--db", url, "-q", *extra])


def _rows(url: str):
    db = open_database(url)
    try:
        return export_rows(db)
    finally:
        db.dispose()


def _run_until_some_saved(corpus: Path, url: str, sig: int, *extra: str, at_least: int = 3):
    """Start a batch, wait until ``at_least`` works are saved, send ``sig``; returns
    (works saved when signalled, exit code, stdout)."""
    proc = heartline_process("batch", str(corpus), "--db", url, *extra)
    try:
        deadline = time.monotonic() + 300
        while (saved := count_works(url)) < at_least:
            assert proc.poll() is None, f"batch ended before it was signalled: {proc.communicate()}"
            assert time.monotonic() < deadline, "batch saved nothing in 5 minutes"
            time.sleep(0.02)
        proc.send_signal(sig)
        # Also waits for the workers of a killed parent: they hold its output open until they leave.
        out, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None or sig == signal.SIGKILL:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)   # its own session: the batch and its workers only
            proc.wait()
    return saved, proc.returncode, out + err


def test_uninterrupted_run_records_every_work_and_the_bad_one_as_failed(reference):
    rows, summary = reference
    assert (summary.done, summary.skipped, summary.failed) == (STORIES, 0, 1)
    statuses = {source.rsplit("/", 1)[-1]: (status, error) for source, _, status, error, *_ in rows["works"]}
    assert statuses["broken.txt"][0] == "failed" and "empty" in statuses["broken.txt"][1]
    assert all(status == "done" for name, (status, _) in statuses.items() if name != "broken.txt")
    assert len(rows["relations"]) >= 2 * STORIES


def test_second_run_does_nothing(corpus, db_url, reference):
    assert _batch(corpus, db_url) == 0
    first = _rows(db_url)
    db = open_database(db_url)
    summary = run_batch(discover([str(corpus)]), db)
    db.dispose()
    assert (summary.done, summary.skipped, summary.failed) == (0, STORIES + 1, 0)
    assert _rows(db_url) == first == reference[0]


@pytest.mark.parametrize("workers", ["1", "2"])
def test_sigkill_halfway_then_rerun_ends_with_the_uninterrupted_rows(corpus, db_url, reference, workers):
    saved, code, _ = _run_until_some_saved(corpus, db_url, signal.SIGKILL, "--workers", workers)
    assert code == -signal.SIGKILL
    assert saved < STORIES + 1, "the batch finished before the kill: make the corpus bigger"
    after_kill = count_works(db_url)
    assert after_kill < STORIES + 1
    assert _batch(corpus, db_url, "--workers", workers) == 0
    assert _rows(db_url) == reference[0]


def test_sigint_stops_with_a_summary_and_exit_130_then_resumes(corpus, db_url, reference):
    _, code, output = _run_until_some_saved(corpus, db_url, signal.SIGINT)
    assert code == 130
    assert "interrupted:" in output and "run again to resume" in output
    assert count_works(db_url) < STORIES + 1
    assert _batch(corpus, db_url) == 0
    assert _rows(db_url) == reference[0]


def test_changed_file_is_reanalysed_and_fixed_failure_retried(tmp_path, db_url):
    folder = tmp_path / "small"
    first, _ = write_corpus(folder, 2)
    bad = folder / "bad.txt"
    bad.write_bytes(b"")
    db = open_database(db_url)
    try:
        assert run_batch(discover([str(folder)]), db).failed == 1
        first.write_text(story_text(7), encoding="utf-8")     # new content, same path
        summary = run_batch(discover([str(folder)]), db)
        assert (summary.done, summary.skipped, summary.failed) == (1, 2, 0)   # the failure is not retried
        summary = run_batch(discover([str(folder)]), db, retry_failed=True)
        assert (summary.done, summary.skipped, summary.failed) == (0, 2, 1)
        bad.write_text(story_text(9), encoding="utf-8")       # fixed: retried because it changed
        summary = run_batch(discover([str(folder)]), db)
        assert (summary.done, summary.skipped, summary.failed) == (1, 2, 0)
        rows = export_rows(db)
    finally:
        db.dispose()
    assert {r[0].rsplit("/", 1)[-1]: r[2] for r in rows["works"]} == {
        "story_000.txt": "done", "story_001.txt": "done", "bad.txt": "done"}
    names = {r[2] for r in rows["characters"] if r[0] == str(first.resolve())}
    assert names >= {"Clara Hale", "Milo Bell"}   # story_text(7)'s couple, not story 0's
    assert len([r for r in rows["works"]]) == 3


def test_plan_skips_unchanged_and_puts_the_largest_first(tmp_path):
    paths = write_corpus(tmp_path / "c", 3)
    paths[1].write_text(story_text(1, words=900), encoding="utf-8")
    plan = plan_batch(sorted(p.resolve() for p in paths), {})
    assert plan.todo[0].source.endswith("story_001.txt")
    assert plan.skipped == ()
    db = open_database(str(tmp_path / "p.sqlite"))
    run_batch([paths[0].resolve()], db)
    plan = plan_batch(sorted(p.resolve() for p in paths), stored_works(db))
    db.dispose()
    assert [Path(s).name for s in plan.skipped] == ["story_000.txt"]
    assert len(plan.todo) == 2


def test_a_stop_flag_ends_the_batch_after_the_work_in_hand_even_if_the_interrupt_was_swallowed(tmp_path):
    # Python prints and drops a KeyboardInterrupt raised inside a finaliser; the shell's
    # signal handler also sets a flag, and the loop must stop on the flag alone.
    paths = write_corpus(tmp_path / "c", 3)
    db = open_database(str(tmp_path / "s.sqlite"))
    try:
        saved = []
        summary = run_batch(sorted(p.resolve() for p in paths), db, on_record=saved.append,
                            stop_requested=lambda: len(saved) >= 1)
        assert summary.interrupted and len(saved) == 1
        assert len(export_rows(db)["works"]) == 1
        summary = run_batch(sorted(p.resolve() for p in paths), db, stop_requested=lambda: True)
        assert summary.interrupted and (summary.done, summary.skipped) == (1, 1)
        summary = run_batch(sorted(p.resolve() for p in paths), db, stop_requested=lambda: True)
        assert not summary.interrupted          # the last work was saved: nothing was cut short
        assert (summary.done, summary.skipped) == (1, 2)
    finally:
        db.dispose()
