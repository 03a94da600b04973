"""Same story, same answer (issue 19): every development fic analysed under six
``PYTHONHASHSEED`` values, parsing in one process and in two, gives byte-identical JSON.

Python randomises string hashing per process, so an answer that hangs on the order of a
set of names (a tie broken by iteration order) changes from run to run; the only way to
see it is to run in fresh processes.  One subprocess per (seed, processes) setting analyses
every fic and prints a hash of its JSON (``bench/determinism.py --probe``): 12 model loads in
all, two subprocesses at a time.  With ``HEARTLINE_PROCESSES=2`` the probe also lowers the
size from which the parse is split (``stages.parse.PARALLEL_MIN_CHARS``) to 0, so that the
longer fics really are parsed by two processes; a development fic is otherwise too short
for that.  A full novel is ``bench/determinism.py --novel FILE``.
"""
from __future__ import annotations

import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "corpus" / "dev"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.determinism import compare_settings, run_setting, stories  # noqa: E402

SEEDS = (0, 1, 2, 3, 4, 5)  # 1 and 3 gave two casts of letters_war.txt before the fix
PROCESSES = (1, 2)


def _setting(paths: list[str], seed: int, processes: int) -> dict[str, str]:
    return run_setting(paths, seed, processes, parallel_min_chars=0 if processes > 1 else None, timeout=900)


def test_every_development_fic_gives_the_same_json_under_any_hash_seed_and_process_count():
    if not DEV.is_dir():
        pytest.skip(f"the development fics are not at {DEV} (../shared is outside the repository)")
    paths = stories([str(DEV)])
    assert len(paths) >= 30, f"expected the development fics in {DEV}, found {len(paths)}"
    settings = [(seed, p) for seed in SEEDS for p in PROCESSES]
    with ThreadPoolExecutor(2) as pool:
        results = dict(zip(settings, pool.map(lambda s: _setting(paths, *s), settings)))
    for setting, hashes in results.items():
        assert sorted(hashes) == sorted(paths), f"{setting}: not every fic was analysed"
        errors = {Path(p).name: h for p, h in hashes.items() if h.startswith("ERROR")}
        assert not errors, f"{setting}: analysis failed: {errors}"
    differing = compare_settings(results)
    assert not differing, "the JSON depends on the run (seed, processes): " + "; ".join(
        f"{Path(path).name}: " + " vs ".join(f"{settings}" for settings in by_hash.values())
        for path, by_hash in differing.items())
