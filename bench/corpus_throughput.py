"""Corpus-mode throughput: ``heartline batch`` with 1 and then 2 workers, and the speed-up.

Run from the repository root with the project's virtual environment:

    .venv/bin/python bench/corpus_throughput.py [--limit N] [--workers 1 2] [FILES_OR_GLOBS ...]

Default corpus: ../shared/litbank/original/*.txt and ../shared/corpus/**/*.txt (the 100
LitBank novels take about an hour per worker count on a 2-core machine: use --limit).
Each worker count runs ``heartline batch`` as a fresh process into a fresh SQLite file,
so the times include starting the workers and loading the parser, as a user sees them.
Each worker parses in one process (``HEARTLINE_PROCESSES=1`` unless set): the speed-up then
measures the batch's own parallelism, not the parser's.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from heartline.corpus.discover import discover

DEFAULT_TARGETS = [str(REPO.parent / "shared" / "litbank" / "original" / "*.txt"),
                   str(REPO.parent / "shared" / "corpus" / "**" / "*.txt")]


def run(files: list[Path], workers: int, folder: Path) -> dict:
    db = folder / f"workers{workers}.sqlite"
    started = time.perf_counter()
    cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    # One process a worker: a serial batch would otherwise parse each long novel with several
    # processes of its own (HEARTLINE_PROCESSES), and "1 worker" would already use every core.
    env = dict(os.environ, HEARTLINE_PROCESSES=os.environ.get("HEARTLINE_PROCESSES", "1"))
    done = subprocess.run([sys.executable, "-m", "heartline.cli", "batch", *map(str, files), "--db", str(db),
                           "--workers", str(workers), "--json", "-", "-q"],
                          capture_output=True, text=True, check=True, env=env)
    wall = time.perf_counter() - started
    cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    # The batch, its workers and their parser loads: the cost a machine pays, whatever else runs on it.
    cpu = (cpu_after.ru_utime - cpu_before.ru_utime) + (cpu_after.ru_stime - cpu_before.ru_stime)
    summary = json.loads(done.stdout)
    return {**summary, "wall_seconds": round(wall, 2), "cpu_seconds": round(cpu, 2)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("targets", nargs="*", default=DEFAULT_TARGETS)
    parser.add_argument("--limit", type=int,
                        help="only N works, spread evenly over the corpus sorted by size (a representative mix)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()

    files = discover(args.targets)
    if args.limit and args.limit < len(files):
        by_size = sorted(files, key=lambda f: (f.stat().st_size, str(f)))
        step = len(by_size) / args.limit
        files = sorted({by_size[int(i * step + step / 2)] for i in range(args.limit)}, key=str)
    size = sum(f.stat().st_size for f in files)
    print(f"{len(files)} works, {size / 1e6:.1f} MB; load average before: {os.getloadavg()[0]:.1f} "
          f"on {os.cpu_count()} CPUs (a speed-up means little on a machine busy with other work)")
    results = {}
    with tempfile.TemporaryDirectory(prefix="heartline-bench-") as tmp:
        for workers in args.workers:
            r = results[workers] = run(files, workers, Path(tmp))
            print(f"workers={workers}: {r['done']} done, {r['failed']} failed, {r['words']:,} words in "
                  f"{r['wall_seconds']:.1f}s wall ({r['seconds']:.1f}s in the batch): "
                  f"{r['done'] / r['wall_seconds']:.3f} works/s, {r['words'] / r['wall_seconds']:,.0f} words/s, "
                  f"{r['cpu_seconds']:.1f} CPU-s = {1000 * r['cpu_seconds'] / max(r['words'], 1):.3f} CPU-s "
                  f"per 1,000 words; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    base = results[args.workers[0]]
    for workers in args.workers[1:]:
        print(f"speed-up {args.workers[0]} -> {workers} workers: "
              f"{base['wall_seconds'] / results[workers]['wall_seconds']:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
