"""Analyses running in the background, each a job with an id and a progress figure.

The web app hands a story to ``JobRunner.submit`` and gets an id back at once; the
analysis runs in a worker thread, so the server keeps answering while a novel is
parsed.  Jobs live in memory only and the oldest finished ones are forgotten.
"""
from __future__ import annotations

import logging
import threading
import time
import uuid
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from ..api import DEFAULT_STAGES
from ..errors import HeartlineError
from ..model import Story
from ..report.html import story_title

# Parsing takes about four fifths of a run (docs/pipeline.md); the bar follows that.
_PARSE_SHARE = 0.8
_LATER_STAGES = DEFAULT_STAGES[DEFAULT_STAGES.index("parse") + 1:]

log = logging.getLogger(__name__)

Analyse = Callable[..., Any]  # (story, progress=...) -> Analysis


@dataclass(frozen=True)
class JobView:
    """A job as clients see it at one moment."""

    id: str
    title: str
    state: str  # queued, running, done, failed
    stage: str
    progress: float  # 0..1
    error: str


@dataclass(frozen=True)
class JobResult:
    analysis: Mapping[str, Any]  # the heartline/analysis/v2 dict
    text: str  # the story text its offsets index into


class _Job:
    def __init__(self, job_id: str, story: Story):
        self.id = job_id
        self.story = story
        self.state = "queued"
        self.stage = ""
        self.progress = 0.0
        self.error = ""
        self.result: JobResult | None = None
        self.future: Future | None = None
        self.finished_at = 0.0

    def view(self) -> JobView:
        return JobView(self.id, story_title({"title": self.story.title, "source": self.story.source}),
                       self.state, self.stage,
                       round(self.progress, 3), self.error)

    def report_progress(self, stage: str, done: int, total: int) -> None:
        self.stage = stage
        if stage == "parse" and done >= 0 and total > 0:
            self.progress = 0.02 + (_PARSE_SHARE - 0.02) * done / total
        elif stage in _LATER_STAGES:
            self.progress = _PARSE_SHARE + (1 - _PARSE_SHARE) * _LATER_STAGES.index(stage) / len(_LATER_STAGES)
        elif stage == "done":
            self.progress = 1.0


def _default_analyse(story: Story, progress=None):
    from ..api import analyze_story
    return analyze_story(story, progress=progress)


class JobRunner:
    """Runs analyses on ``workers`` threads and keeps the last ``keep`` jobs."""

    def __init__(self, workers: int = 1, keep: int = 50, analyse: Analyse = _default_analyse):
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="heartline-job")
        self._analyse = analyse
        self._keep = keep
        self._jobs: dict[str, _Job] = {}
        self._lock = threading.Lock()

    def submit(self, story: Story) -> JobView:
        job = _Job(uuid.uuid4().hex, story)
        with self._lock:
            self._forget_old()
            self._jobs[job.id] = job
        job.future = self._pool.submit(self._run, job)
        return job.view()

    def _run(self, job: _Job) -> JobResult | None:
        job.state = "running"
        try:
            analysis = self._analyse(job.story, progress=job.report_progress)
            job.result = JobResult(analysis.to_json(), analysis.story.text)
            job.progress, job.stage, job.state = 1.0, "done", "done"
        except HeartlineError as exc:
            job.error, job.state = str(exc), "failed"
        except Exception as exc:  # noqa: BLE001 - a bug must not kill the worker; the client hears of it
            log.exception("analysis of %s failed", job.story.source)
            job.error, job.state = f"the analysis failed: {type(exc).__name__}", "failed"
        finally:
            job.finished_at = time.monotonic()
        return job.result

    def _forget_old(self) -> None:
        finished = sorted((j for j in self._jobs.values() if j.state in ("done", "failed")),
                          key=lambda j: j.finished_at)
        while len(self._jobs) >= self._keep and finished:
            del self._jobs[finished.pop(0).id]

    def view(self, job_id: str) -> JobView | None:
        job = self._jobs.get(job_id)
        return job.view() if job else None

    def result(self, job_id: str) -> JobResult | None:
        job = self._jobs.get(job_id)
        return job.result if job else None

    def future(self, job_id: str) -> Future | None:
        job = self._jobs.get(job_id)
        return job.future if job else None

    def counts(self) -> dict[str, int]:
        counts = {"queued": 0, "running": 0, "done": 0, "failed": 0}
        for job in list(self._jobs.values()):
            counts[job.state] += 1
        return counts

    def shutdown(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
