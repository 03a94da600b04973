"""The progress bar and the summary."""
from __future__ import annotations

import io

from heartline.corpus.progress import BatchProgress, BatchSummary


def test_bar_shows_counts_rate_and_eta():
    out = io.StringIO()
    bar = BatchProgress(total=4, total_bytes=400, skipped=1, enabled=True, stream=out)
    bar.advance(failed=False, words=100, size=100)
    bar.draw(force=True)
    line = out.getvalue().rsplit("\r", 1)[-1]
    assert "2/4 works" in line and "works/s" in line and "ETA" in line
    bar.advance(failed=True, words=0, size=100)
    summary = bar.summary()
    assert (summary.done, summary.skipped, summary.failed, summary.remaining) == (1, 1, 1, 1)


def test_disabled_bar_writes_nothing():
    out = io.StringIO()
    bar = BatchProgress(total=1, total_bytes=10, skipped=0, enabled=False, stream=out)
    bar.advance(failed=False, words=5, size=10)
    bar.close()
    assert out.getvalue() == ""


def test_summary_line_and_json():
    summary = BatchSummary(total=10, done=6, skipped=2, failed=1, words=6000, seconds=3.0, interrupted=True)
    assert summary.line().startswith("interrupted: 6 done, 2 skipped, 1 failed, 1 left (run again to resume)")
    data = summary.to_json()
    assert data["works_per_second"] == round(7 / 3, 4) and data["words_per_second"] == 2000.0
    assert data["remaining"] == 1 and data["interrupted"] is True
    assert BatchSummary(3, 3, 0, 0, 10, 1.0).line().startswith("finished: 3 done, 0 skipped, 0 failed in")
