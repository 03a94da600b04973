"""The batch loop: plan which works need analysing, analyse them (serially, in a
process pool or on Ray), and hand each result to the one writer as it arrives.

Workers only analyse; they never touch the database.  The parent process writes each
work in its own transaction (store.save_work), so any number of workers, local or on
a cluster, cannot corrupt it, and a kill at any moment loses at most the works in
flight, which the next run redoes.
"""
from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable, Generator, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import Engine

from ..errors import HeartlineError, InputError
from . import ENGINES
from .progress import BatchProgress, BatchSummary
from .record import WorkRecord, content_hash, failed_record, record_from_analysis
from .store import StoredWork, save_work, stored_works


@dataclass(frozen=True)
class WorkItem:
    """A file the batch will analyse (or record as unreadable)."""

    source: str            # absolute path, the work's key in the database
    size: int
    digest: str
    unreadable: str | None = None   # why the file cannot be read, if it cannot


@dataclass(frozen=True)
class BatchPlan:
    todo: tuple[WorkItem, ...]
    skipped: tuple[str, ...]


def _error_line(exc: BaseException) -> str:
    if isinstance(exc, HeartlineError):
        text = str(exc)
    else:
        text = f"{type(exc).__name__}: {exc}"
    lines = text.strip().splitlines()
    return (lines[0] if lines else type(exc).__name__)[:500]


def analyse_work(source: str, data: bytes) -> WorkRecord:
    """Analyse one file's bytes into its record; never raises for a bad story.

    Top-level so that process pools and Ray can ship it; the parser is loaded once per
    worker process (``stages.parse.load_parser`` is cached).
    """
    from ..api import analyze_story
    from ..formats import story_from_bytes

    digest = content_hash(data)
    started = time.perf_counter()
    try:
        analysis = analyze_story(story_from_bytes(data, source))
        return record_from_analysis(analysis, digest, time.perf_counter() - started)
    except Exception as exc:  # one bad story is recorded and must not stop the others
        return failed_record(source, digest, _error_line(exc), round(time.perf_counter() - started, 3))


def _read(path: str) -> bytes:
    from ..formats import read_bytes

    return read_bytes(path)


def _item_for(path: Path) -> WorkItem:
    source = str(path)
    try:
        data = _read(source)
    except InputError as exc:
        # Keyed by its error, so an unchanged unreadable file is not retried on every run.
        message = _error_line(exc)
        return WorkItem(source, 0, content_hash(("unreadable: " + message).encode()), unreadable=message)
    return WorkItem(source, len(data), content_hash(data))


def plan_batch(paths: Iterable[Path], stored: dict[str, StoredWork], *, retry_failed: bool = False) -> BatchPlan:
    """Works whose content is new or changed (and failed ones with ``retry_failed``);
    the rest are skipped.  The largest go first, so that workers finish together."""
    todo, skipped = [], []
    for path in paths:
        item = _item_for(path)
        known = stored.get(item.source)
        if known and known.content_hash == item.digest and (known.status == "done" or not retry_failed):
            skipped.append(item.source)
        else:
            todo.append(item)
    todo.sort(key=lambda i: (-i.size, i.source))
    return BatchPlan(tuple(todo), tuple(skipped))


def _analyse_item(item: WorkItem) -> WorkRecord:
    try:
        data = _read(item.source)
    except InputError as exc:
        return failed_record(item.source, item.digest, _error_line(exc))
    return analyse_work(item.source, data)


# ------------------------------------------------------------------ engines
#: What the engines yield: each (item, record) as it finishes; closed when a batch stops early.
_Results = Generator[tuple[WorkItem, WorkRecord], None, None]


def _serial(items: tuple[WorkItem, ...]) -> _Results:
    for item in items:
        yield item, _analyse_item(item)


def _worker_init(parent: int) -> None:
    # Ctrl-C reaches the whole process group; the parent decides how to stop, and
    # kills the workers itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # A parent killed outright (SIGKILL, OOM) cannot stop its workers: each worker
    # notices its parent is gone and leaves, instead of idling with a parser loaded.
    threading.Thread(target=_exit_when_orphaned, args=(parent,), daemon=True).start()


def _exit_when_orphaned(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _process_pool(items: tuple[WorkItem, ...], workers: int) -> _Results:
    # spawn, not fork: a forked copy of a parent that has threads (SQLAlchemy, the pool's
    # own) can deadlock, and spawn behaves the same on every platform.
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_worker_init, initargs=(os.getpid(),))
    queue = iter(items)
    pending: dict[Future, WorkItem] = {}

    def submit_next() -> None:
        item = next(queue, None)
        if item is None:
            return
        if item.unreadable:
            pending[_resolved(failed_record(item.source, item.digest, item.unreadable))] = item
            return
        try:
            data = _read(item.source)
        except InputError as exc:
            pending[_resolved(failed_record(item.source, item.digest, _error_line(exc)))] = item
            return
        pending[pool.submit(analyse_work, item.source, data)] = item

    finished = False
    try:
        # Two in flight per worker: no worker waits for the parent, and only a few
        # stories' bytes are held in memory however big the corpus.
        for _ in range(2 * workers):
            submit_next()
        while pending:
            ready, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in ready:
                item = pending.pop(future)
                try:
                    record = future.result()
                except BrokenProcessPool:
                    raise HeartlineError("a worker process died (out of memory?); the works finished so far "
                                         "are saved: run the same command again to resume") from None
                yield item, record
                submit_next()
        finished = True
    finally:
        if not finished:
            # shutdown() would wait for every running analysis (minutes on a novel):
            # stop the workers now; their works are simply redone by the next run.
            for process in list(getattr(pool, "_processes", {}).values()):
                process.terminate()
        pool.shutdown(wait=finished, cancel_futures=True)


def _resolved(record: WorkRecord) -> Future:
    future: Future = Future()
    future.set_result(record)
    return future


def _ray(items: tuple[WorkItem, ...], workers: int, address: str | None) -> _Results:
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    try:
        import ray
    except ImportError:
        raise HeartlineError("--engine ray needs Ray (pip install 'heartline[ray]')") from None

    started_here = not ray.is_initialized()
    if started_here:
        try:
            if address:
                ray.init(address=address, log_to_driver=False)
            else:
                ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False)
        except (ConnectionError, RuntimeError, ValueError) as exc:
            raise HeartlineError(f"cannot start or reach Ray ({_error_line(exc)})") from None
    # one CPU a task: Ray does the spreading, so a task must not fork parser processes of its own
    analyse_remote = ray.remote(num_cpus=1, runtime_env={"env_vars": {"HEARTLINE_PROCESSES": "1"}})(analyse_work)
    in_flight = 2 * max(int(ray.cluster_resources().get("CPU", workers)), 1)
    queue = iter(items)
    pending: dict = {}                                   # Ray object ref → item
    early: list[tuple[WorkItem, WorkRecord]] = []        # failed before reaching Ray

    def submit_next() -> None:
        item = next(queue, None)
        if item is None:
            return
        try:
            if item.unreadable:
                raise InputError(item.unreadable)
            data = _read(item.source)
        except InputError as exc:
            early.append((item, failed_record(item.source, item.digest, _error_line(exc))))
            return
        # The bytes travel with the task: cluster nodes need not see the driver's files.
        pending[analyse_remote.remote(item.source, data)] = item

    try:
        for _ in range(in_flight):
            submit_next()
        while pending or early:
            if early:
                yield early.pop(0)
                submit_next()
                continue
            ready, _ = ray.wait(list(pending), num_returns=1)
            item = pending.pop(ready[0])
            try:
                record = ray.get(ready[0])
            except ray.exceptions.RayError as exc:  # the worker died (after Ray's own retries)
                record = failed_record(item.source, item.digest, f"Ray: {_error_line(exc)}")
            yield item, record
            submit_next()
    finally:
        for ref in pending:
            ray.cancel(ref, force=True)
        if started_here:
            ray.shutdown()


def execute(items: tuple[WorkItem, ...], *, workers: int = 1, engine: str = "local",
            address: str | None = None) -> _Results:
    """Analyse ``items``, yielding each (item, record) as it finishes (in any order)."""
    if engine == "ray":
        return _ray(items, workers, address)
    if engine != "local":
        raise HeartlineError(f"unknown engine {engine!r} (choose from {', '.join(ENGINES)})")
    if workers <= 1 or len(items) <= 1:
        return _serial(items)
    return _process_pool(items, min(workers, len(items)))


def run_batch(paths: Iterable[Path], db: Engine, *, workers: int = 1, engine: str = "local",
              address: str | None = None, retry_failed: bool = False, progress: bool = False,
              on_record: Callable[[WorkRecord], None] | None = None,
              stop_requested: Callable[[], bool] | None = None) -> BatchSummary:
    """Analyse every new or changed work under ``paths`` into ``db``.

    Ctrl-C (KeyboardInterrupt) stops it cleanly: the summary says ``interrupted`` and
    everything saved so far stays saved. ``stop_requested`` is asked after each saved work:
    a KeyboardInterrupt that lands inside a finaliser is printed and swallowed by Python
    ("Exception ignored in ..."), so the shell also records the signal in a flag that the
    loop reads and cannot miss.
    """
    if workers < 1:
        raise HeartlineError("--workers must be 1 or more")
    plan = plan_batch(paths, stored_works(db), retry_failed=retry_failed)
    bar = BatchProgress(len(plan.todo) + len(plan.skipped), sum(i.size for i in plan.todo), len(plan.skipped),
                        enabled=progress)
    interrupted = False
    results = execute(plan.todo, workers=workers, engine=engine, address=address)
    try:
        bar.draw(force=True)
        for done, (item, record) in enumerate(results, 1):
            save_work(db, record)
            bar.advance(failed=record.status != "done", words=record.words, size=item.size)
            if on_record:
                on_record(record)
            if stop_requested is not None and stop_requested() and done < len(plan.todo):
                raise KeyboardInterrupt
    except KeyboardInterrupt:
        interrupted = True
    finally:
        results.close()
        bar.close()
    return bar.summary(interrupted=interrupted)
