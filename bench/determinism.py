"""Same story, same answer: heartline's output must not depend on the run.

Run from the repository root with the project's virtual environment:

    .venv/bin/python bench/determinism.py [--seeds 0,1,2,3,4,5] [--processes 1,2] [FILES_OR_DIRS]
    .venv/bin/python bench/determinism.py --novel ../shared/corpus/novels/persuasion.txt
    .venv/bin/python bench/determinism.py --corpus [--shared ../shared]

**Analyses** (default): one subprocess per (``PYTHONHASHSEED``, ``HEARTLINE_PROCESSES``)
setting analyses every story given (default: the development fics in
``../shared/corpus/dev``) and prints one SHA-256 per story of its JSON, byte for byte
what ``heartline analyze STORY --json -`` writes.  The spaCy model is loaded once per
subprocess, so 6 seeds x 2 settings over 39 fics cost 12 model loads.  With more than one
process the probe also lowers ``stages.parse.PARALLEL_MIN_CHARS`` to 0, so that a story
of more than one 64-paragraph batch is really parsed by several processes.  Any story whose
hash differs between settings is reported with the settings that disagree.

``--novel FILE``: the same over one long text.

**Corpus** (``--corpus``): ``heartline batch`` over ``../shared/corpus/dev`` plus three
novels into fresh SQLite files: serially, with 2 workers, killed with SIGKILL once a third
of the works are saved and then resumed, and on a local Ray cluster (2 CPUs), each under
its own ``PYTHONHASHSEED``; the exported rows (every column but ids, timings and
timestamps: ``heartline.corpus.store.export_rows``) must be identical.

``--hashes`` also prints each story's hash, to compare two machines (the path is part of
the JSON, so keep the stories under the same path on both, then diff the lines).

Exit status 0 when everything agrees, 1 otherwise.
"""
from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SHARED = ROOT.parent / "shared"
DEFAULT_SEEDS = (0, 1, 2, 3, 4, 5)
DEFAULT_PROCESSES = (1, 2)
NOVELS = ("persuasion.txt", "northanger_abbey.txt", "great_gatsby.txt")


# ------------------------------------------------------------------ one setting (in a subprocess)
def analysis_json(path: str) -> str:
    """The JSON ``heartline analyze PATH --json -`` prints (same serialisation)."""
    from heartline.api import analyze

    return json.dumps(analyze(path).to_json(), ensure_ascii=False, indent=2) + "\n"


def probe(paths: list[str], parallel_min_chars: int | None = None) -> None:
    """Print ``SHA256<tab>PATH`` for each story, in the given order (``ERROR:...`` for the hash
    of a story that fails)."""
    if parallel_min_chars is not None:
        from heartline.stages import parse

        parse.PARALLEL_MIN_CHARS = parallel_min_chars
    for path in paths:
        try:
            digest = hashlib.sha256(analysis_json(path).encode("utf-8")).hexdigest()
        except Exception as exc:  # noqa: BLE001 - reported, compared like any output
            digest = f"ERROR:{type(exc).__name__}:{exc}".replace("\n", " ")
        print(digest, path, sep="\t", flush=True)


def run_setting(paths: list[str], seed: int, processes: int, parallel_min_chars: int | None = None,
                timeout: float | None = None) -> dict[str, str]:
    """Hash every story in one subprocess under ``PYTHONHASHSEED=seed`` and
    ``HEARTLINE_PROCESSES=processes``; returns path -> hash."""
    env = dict(os.environ, PYTHONHASHSEED=str(seed), HEARTLINE_PROCESSES=str(processes))
    cmd = [sys.executable, str(Path(__file__).resolve()), "--probe"]
    if parallel_min_chars is not None:
        cmd += ["--parallel-min-chars", str(parallel_min_chars)]
    done = subprocess.run(cmd + paths, env=env, capture_output=True, text=True, timeout=timeout, cwd=ROOT)
    if done.returncode != 0:
        raise RuntimeError(f"probe (seed {seed}, processes {processes}) failed:\n{done.stderr[-3000:]}")
    hashes = {}
    for line in done.stdout.splitlines():
        digest, _, path = line.partition("\t")
        hashes[path] = digest
    return hashes


def compare_settings(results: dict[tuple[int, int], dict[str, str]]) -> dict[str, dict[str, list[tuple[int, int]]]]:
    """Stories whose hash differs between settings: path -> {hash: [settings]}."""
    differing = {}
    paths = sorted({p for hashes in results.values() for p in hashes})
    for path in paths:
        by_hash: dict[str, list[tuple[int, int]]] = {}
        for setting, hashes in sorted(results.items()):
            by_hash.setdefault(hashes.get(path, "MISSING"), []).append(setting)
        if len(by_hash) > 1:
            differing[path] = by_hash
    return differing


def stories(args: list[str]) -> list[str]:
    from heartline.corpus.discover import discover

    return [str(p) for p in discover(args)]


def check_analyses(paths: list[str], seeds, processes, show_hashes=False) -> bool:
    results = {}
    for seed in seeds:
        for p in processes:
            started = time.monotonic()
            # several processes split even a short story's parse (a fic is under PARALLEL_MIN_CHARS)
            results[(seed, p)] = run_setting(paths, seed, p, 0 if p > 1 else None)
            print(f"PYTHONHASHSEED={seed} HEARTLINE_PROCESSES={p}: {len(paths)} stories in "
                  f"{time.monotonic() - started:.1f}s", flush=True)
    differing = compare_settings(results)
    if show_hashes:  # to compare machines: the same stories under the same paths, then diff these lines
        for path, digest in sorted(next(iter(results.values())).items()):
            print(digest, path)
    for path, by_hash in differing.items():
        print(f"DIFFERS {path}")
        for digest, settings in by_hash.items():
            print(f"   {digest[:16]}  (seed, processes) = {settings}")
    failed = sorted({p for hashes in results.values() for p, h in hashes.items() if h.startswith("ERROR")})
    for path in failed:
        print(f"FAILED {path}: " + next(h for r in results.values() for p, h in r.items() if p == path
                                         and h.startswith("ERROR")))
    print(f"{len(paths) - len(differing)} of {len(paths)} stories identical under "
          f"{len(results)} settings (seeds {list(seeds)}, processes {list(processes)})"
          + (f"; {len(failed)} failed to analyse" if failed else ""))
    return not differing and not failed


# ------------------------------------------------------------------ corpus mode
def _batch(args: list[str], seed: int, **kwargs) -> subprocess.Popen:
    """``heartline batch ARGS`` in its own session, under ``PYTHONHASHSEED=seed`` (which its
    spawned workers and a Ray cluster it starts inherit)."""
    return subprocess.Popen([sys.executable, "-m", "heartline.cli", "batch", *args, "-q"],
                            env=dict(os.environ, RAY_USAGE_STATS_ENABLED="0", PYTHONHASHSEED=str(seed)),
                            start_new_session=True, **kwargs)


def _rows(db: Path):
    from heartline.corpus.schema import open_database
    from heartline.corpus.store import export_rows

    engine = open_database(str(db))
    try:
        return export_rows(engine)
    finally:
        engine.dispose()


def _saved(db: Path) -> int:
    import sqlite3

    try:
        with contextlib.closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)) as conn:
            return conn.execute("SELECT count(*) FROM works").fetchone()[0]
    except sqlite3.Error:
        return 0


def killed_and_resumed(inputs: list[str], db: Path, workers: int, after: int, seeds=(5, 7)) -> int:
    """SIGKILL the batch (and its workers) once ``after`` works are saved, then rerun it."""
    proc = _batch([*inputs, "--db", str(db), "--workers", str(workers)], seeds[0])
    try:
        while _saved(db) < after:
            if proc.poll() is not None:
                raise RuntimeError("the batch ended before it was killed")
            time.sleep(0.05)
        saved = _saved(db)
        os.killpg(proc.pid, signal.SIGKILL)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    if _batch([*inputs, "--db", str(db), "--workers", str(workers)], seeds[1]).wait() != 0:
        raise RuntimeError("the resumed batch failed")
    return saved


def check_corpus(shared: Path, out: Path) -> bool:
    dev = shared / "corpus" / "dev"
    novels = [shared / "corpus" / "novels" / n for n in NOVELS]
    inputs = [str(dev)] + [str(n) for n in novels]
    count = len(stories(inputs))
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.sqlite*"):
        old.unlink()
    runs = {}
    # each mode under its own hash seed; the serial run parses a novel in several processes
    # (the default), a worker in one
    modes = [
        ("serial (seed 1)", lambda db: _batch([*inputs, "--db", str(db)], 1).wait()),
        ("2 workers (seed 3)", lambda db: _batch([*inputs, "--db", str(db), "--workers", "2"], 3).wait()),
        ("SIGKILL + resume (seeds 5, 7)",
         lambda db: f"killed with {killed_and_resumed(inputs, db, 2, count // 3)} saved"),
        ("ray, 2 CPUs (seed 9)",
         lambda db: _batch([*inputs, "--db", str(db), "--engine", "ray", "--workers", "2"], 9).wait()),
    ]
    for i, (name, run) in enumerate(modes):
        db = out / f"{i}.sqlite"
        started = time.monotonic()
        note = run(db)
        runs[name] = _rows(db)
        works = runs[name]["works"]
        done = sum(1 for w in works if w[2] == "done")
        print(f"{name}: {done} done, {len(works) - done} failed of {count} in {time.monotonic() - started:.0f}s"
              f" ({note if isinstance(note, str) else f'exit {note}'}); "
              + ", ".join(f"{len(v)} {k}" for k, v in runs[name].items() if k != "works"), flush=True)
    reference = runs[modes[0][0]]
    ok = True
    for name, rows in runs.items():
        for table, ref_rows in reference.items():
            if rows[table] != ref_rows:
                ok = False
                diff = set(rows[table]) ^ set(ref_rows)
                sources = sorted({r[0] for r in diff})
                print(f"DIFFERS {name} vs {modes[0][0]}, table {table}: {len(diff)} rows, works {sources}")
    print("corpus: identical rows in every mode" if ok else "corpus: rows DIFFER between modes")
    return ok


# ------------------------------------------------------------------ command line
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("inputs", nargs="*", help="stories or folders (default: ../shared/corpus/dev)")
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--seeds", default=",".join(map(str, DEFAULT_SEEDS)))
    parser.add_argument("--processes", default=",".join(map(str, DEFAULT_PROCESSES)))
    parser.add_argument("--novel", action="append", default=[], help="a long text, checked on its own")
    parser.add_argument("--corpus", action="store_true", help="compare batch modes instead (see above)")
    parser.add_argument("--hashes", action="store_true",
                        help="also print each story's hash (of the first setting), to compare machines")
    parser.add_argument("--out", type=Path, default=Path("/tmp/heartline-determinism"),
                        help="folder for the --corpus databases")
    parser.add_argument("--probe", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--parallel-min-chars", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.probe:
        probe(args.inputs, args.parallel_min_chars)
        return 0
    if not args.shared.is_dir() and not args.inputs and not args.novel:
        print(f"no stories: {args.shared} not found (pass FILES_OR_DIRS or --shared)", file=sys.stderr)
        return 2
    if args.corpus:
        return 0 if check_corpus(args.shared, args.out) else 1
    seeds = [int(s) for s in args.seeds.split(",")]
    processes = [int(p) for p in args.processes.split(",")]
    ok = True
    paths = stories(args.inputs or [str(args.shared / "corpus" / "dev")]) if args.inputs or not args.novel else []
    if paths:
        ok &= check_analyses(paths, seeds, processes, show_hashes=args.hashes)
    for novel in args.novel:
        ok &= check_analyses([str(Path(novel).resolve())], seeds, processes, show_hashes=args.hashes)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
