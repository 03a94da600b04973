"""Same corpus, same rows, whatever the mode (issue 19): a batch run serially, with 2 workers,
killed with SIGKILL and resumed, and on a local Ray cluster stores identical rows (every
column but ids, timings and timestamps: ``export_rows``).

The folder mixes generated stories, an empty file (a failed work) and several of the
development fics from ``../shared/corpus/dev`` (copied into a temporary folder when
``../shared`` is there; ``letters_war.txt`` is the story whose cast once depended on the
hash seed).  Each run is pinned to its own ``PYTHONHASHSEED`` (the serial run 1, the
workers 3, the killed run 5 and its resumption 7, Ray 9; a spawned worker or a Ray worker
inherits it), so a result that depends on the order of a set fails here every time rather
than now and then.  One module, one Ray start; the full corpus (all development fics and
three novels) is ``bench/determinism.py --corpus``.  SQLite only: the databases are
compared with each other elsewhere (test_corpus_store, test_corpus_runner).
"""
from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from corpus_helpers import count_works, write_corpus

from heartline.corpus.discover import discover
from heartline.corpus.runner import run_batch
from heartline.corpus.schema import open_database
from heartline.corpus.store import export_rows

DEV = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "dev"
# a letter novel, a chat, a play, two people of one name, a long multi-chapter story
DEV_FICS = ("letters_war.txt", "group_chat.txt", "script_format.txt", "same_names.txt", "long_multichapter.txt")
GENERATED = 6


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("modes")
    write_corpus(folder, GENERATED, words=400)
    (folder / "empty.txt").write_bytes(b"")
    if DEV.is_dir():
        for name in DEV_FICS:
            shutil.copyfile(DEV / name, folder / name)
    return folder


def _works(corpus: Path) -> int:
    return len(discover([str(corpus)]))


def _env(seed: int, **extra: str) -> dict[str, str]:
    return dict(os.environ, PYTHONHASHSEED=str(seed), RAY_USAGE_STATS_ENABLED="0", **extra)


def _batch(corpus: Path, db: Path, seed: int, *extra: str, env: dict[str, str] | None = None) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "heartline.cli", "batch", str(corpus), "--db", str(db), "-q",
                             *extra], env=env or _env(seed), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, start_new_session=True)


def _finish(proc: subprocess.Popen) -> None:
    out, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, f"batch failed ({proc.returncode}): {out}{err}"


def _rows(db: Path):
    engine = open_database(str(db))
    try:
        return export_rows(engine)
    finally:
        engine.dispose()


def _assert_same_rows(got, want, mode: str) -> None:
    for table in want:
        if got[table] != want[table]:
            diff = set(got[table]) ^ set(want[table])
            works = sorted({Path(r[0]).name for r in diff})
            pytest.fail(f"{mode}: table {table} differs from the serial run in {len(diff)} rows, works {works}")


@pytest.fixture(scope="module")
def serial(corpus, tmp_path_factory):
    """The rows of one uninterrupted serial run (parsing in one process)."""
    db = tmp_path_factory.mktemp("serial") / "serial.sqlite"
    _finish(_batch(corpus, db, 1, env=_env(1, HEARTLINE_PROCESSES="1")))
    return _rows(db)


def test_the_folder_holds_the_development_fics(corpus, serial):
    if not DEV.is_dir():
        pytest.skip(f"the development fics are not at {DEV} (../shared is outside the repository): "
                    "the modes are compared on generated stories only")
    done = {Path(source).name for source, _, status, *_ in serial["works"] if status == "done"}
    assert set(DEV_FICS) <= done
    names = {name for source, _, name, *_ in serial["characters"] if source.endswith("letters_war.txt")}
    assert "Captain Reeve" in names


def test_serial_run_records_every_work(corpus, serial):
    works = serial["works"]
    assert len(works) == _works(corpus)
    failed = [Path(source).name for source, _, status, *_ in works if status != "done"]
    assert failed == ["empty.txt"]
    assert len(serial["relations"]) >= 2 * GENERATED


def test_two_workers_give_the_serial_rows(corpus, serial, tmp_path):
    db = tmp_path / "workers.sqlite"
    _finish(_batch(corpus, db, 3, "--workers", "2"))
    _assert_same_rows(_rows(db), serial, "2 workers")


def test_sigkill_then_resume_gives_the_serial_rows(corpus, serial, tmp_path):
    db = tmp_path / "killed.sqlite"
    total = _works(corpus)
    proc = _batch(corpus, db, 5, "--workers", "2")
    try:
        deadline = time.monotonic() + 300
        while (saved := count_works(str(db))) < 3:
            assert proc.poll() is None, f"the batch ended before it was killed: {proc.communicate()}"
            assert time.monotonic() < deadline, "the batch saved nothing in 5 minutes"
            time.sleep(0.02)
        os.killpg(proc.pid, signal.SIGKILL)  # its own session: the batch and its workers only
        proc.communicate(timeout=120)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    assert proc.returncode == -signal.SIGKILL
    assert saved < total, "the batch finished before the kill: make the corpus bigger"
    assert count_works(str(db)) < total
    _finish(_batch(corpus, db, 7, "--workers", "2"))
    _assert_same_rows(_rows(db), serial, "killed with SIGKILL and resumed")


def test_ray_gives_the_serial_rows(corpus, serial, tmp_path, monkeypatch):
    ray = pytest.importorskip("ray", reason="Ray is not installed (pip install 'heartline[ray]')")
    # in this process, so that the cluster heartline starts can be seen to be shut down;
    # the Ray workers it starts inherit this environment, hash seed included
    monkeypatch.setenv("PYTHONHASHSEED", "9")
    monkeypatch.setenv("RAY_USAGE_STATS_ENABLED", "0")
    db = open_database(str(tmp_path / "ray.sqlite"))
    try:
        summary = run_batch(discover([str(corpus)]), db, workers=2, engine="ray")
        rows = export_rows(db)
    finally:
        db.dispose()
    assert not ray.is_initialized(), "a cluster heartline started must be shut down after the batch"
    assert (summary.done, summary.failed) == (_works(corpus) - 1, 1)
    _assert_same_rows(rows, serial, "Ray")
