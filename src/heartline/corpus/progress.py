"""The batch's progress bar (works/s, ETA) and its end-of-run summary."""
from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from typing import TextIO


@dataclass(frozen=True)
class BatchSummary:
    total: int
    done: int
    skipped: int
    failed: int
    words: int          # words analysed in this run
    seconds: float
    interrupted: bool = False

    @property
    def remaining(self) -> int:
        return self.total - self.done - self.skipped - self.failed

    def to_json(self) -> dict:
        return {"total": self.total, "done": self.done, "skipped": self.skipped, "failed": self.failed,
                "remaining": self.remaining, "words": self.words, "seconds": round(self.seconds, 3),
                "works_per_second": round(self.done_or_failed / self.seconds, 4) if self.seconds else 0.0,
                "words_per_second": round(self.words / self.seconds, 1) if self.seconds else 0.0,
                "interrupted": self.interrupted}

    @property
    def done_or_failed(self) -> int:
        return self.done + self.failed

    def line(self) -> str:
        rate = f"{self.done_or_failed / self.seconds:.2f} works/s, {self.words / self.seconds:,.0f} words/s" \
            if self.seconds > 0 else "-"
        head = "interrupted" if self.interrupted else "finished"
        left = f", {self.remaining} left (run again to resume)" if self.remaining else ""
        return (f"{head}: {self.done} done, {self.skipped} skipped, {self.failed} failed{left} "
                f"in {_clock(self.seconds)} ({rate})")


def _clock(seconds: float) -> str:
    seconds = int(round(seconds))
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


class BatchProgress:
    """Counts works as they finish and draws one line on ``stream``.

    The ETA is reckoned in bytes, not works: a corpus mixes drabbles and novels, and
    the bytes still to read say far better than the count how long is left.
    """

    def __init__(self, total: int, total_bytes: int, skipped: int, *, enabled: bool,
                 stream: TextIO | None = None):
        self.total, self.total_bytes = total, total_bytes
        self.done = self.failed = self.words = self.bytes_done = 0
        self.skipped = skipped
        self.enabled = enabled
        self.stream = stream or sys.stderr
        self.started = time.monotonic()
        self._drawn = 0.0

    def advance(self, *, failed: bool, words: int, size: int) -> None:
        if failed:
            self.failed += 1
        else:
            self.done += 1
        self.words += words
        self.bytes_done += size
        self.draw()

    def draw(self, force: bool = False) -> None:
        now = time.monotonic()
        if not self.enabled or (not force and now - self._drawn < 0.2):
            return
        self._drawn = now
        elapsed = now - self.started
        finished = self.done + self.failed + self.skipped
        width = 24
        filled = int(width * finished / self.total) if self.total else width
        rate = (self.done + self.failed) / elapsed if elapsed > 0 else 0.0
        if self.bytes_done and elapsed > 0:
            eta = _clock((self.total_bytes - self.bytes_done) * elapsed / self.bytes_done)
        else:
            eta = "?"
        msg = (f"\r[{'#' * filled}{'.' * (width - filled)}] {finished}/{self.total} works "
               f"{rate:.2f} works/s  ETA {eta}  ({self.failed} failed)")
        self.stream.write(msg.ljust(78))
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\r" + " " * 78 + "\r")
            self.stream.flush()

    def summary(self, interrupted: bool = False) -> BatchSummary:
        return BatchSummary(total=self.total, done=self.done, skipped=self.skipped, failed=self.failed,
                            words=self.words, seconds=time.monotonic() - self.started, interrupted=interrupted)
