"""Ray for real: a local Ray cluster gives the same rows as local worker processes.

One module, one cluster start (slow), as the issue asks; skipped where Ray is not installed.
"""
from __future__ import annotations

import os

import pytest
from corpus_helpers import write_corpus

from heartline.corpus.discover import discover
from heartline.corpus.runner import run_batch
from heartline.corpus.schema import open_database
from heartline.corpus.store import export_rows

os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
ray = pytest.importorskip("ray", reason="Ray is not installed (pip install 'heartline[ray]')")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("raycorpus")
    write_corpus(folder, 6)
    (folder / "empty.txt").write_bytes(b"")
    return folder


def _run(corpus, path, **options):
    db = open_database(str(path))
    try:
        summary = run_batch(discover([str(corpus)]), db, **options)
        return summary, export_rows(db)
    finally:
        db.dispose()


def test_ray_gives_the_same_rows_as_local_workers(corpus, tmp_path):
    ray_summary, ray_rows = _run(corpus, tmp_path / "ray.sqlite", workers=2, engine="ray")
    assert not ray.is_initialized(), "a cluster heartline started must be shut down after the batch"
    local_summary, local_rows = _run(corpus, tmp_path / "local.sqlite", workers=2)
    assert (ray_summary.done, ray_summary.failed) == (local_summary.done, local_summary.failed) == (6, 1)
    assert ray_rows == local_rows
    assert len(ray_rows["relations"]) >= 12
