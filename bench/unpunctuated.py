"""Time and memory of ``heartline analyze`` on text with no sentence punctuation (issue 17, point 5).

Run from the repository root with the project's virtual environment:

    .venv/bin/python bench/unpunctuated.py [--mb 3] [--shape line|wrapped|both] [--processes N]

It writes a file of invented prose with no sentence-final punctuation at all (a fixed seed:
English function words, invented names and verbs, no '.', '!' or '?') into a temporary
folder, runs ``heartline analyze FILE -q --json OUT`` on it in a subprocess and prints the
wall time, the peak RSS of the largest process (``ru_maxrss``, through a small launcher process)
and the peak of the summed RSS of the whole process tree (the parse may fork workers),
sampled from /proc every 50 ms.  Shapes: ``line``, the whole text on one line; ``wrapped``,
lines of about 70 characters and no blank line anywhere.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_FUNCTION = ("the and a to of in he she was it that his her with for on as at they but had not "
             "by from all one so up out then when there were into over again under while").split()
_NAMES = ("Varn Ostel Mirelle Quade Tibbet Sarrow Elspin Dunmore Kallis Orrin").split()
_VERBS = ("walked looked waited smiled turned carried followed watched listened wandered "
          "climbed gathered remembered whispered lingered").split()
_NOUNS = ("lantern river garden window morning road letter harbour orchard stair "
          "kettle meadow ribbon bridge candle").split()


def unpunctuated_text(n_bytes: int, shape: str = "line", seed: int = 17) -> str:
    """About ``n_bytes`` of words with no sentence punctuation; ``shape`` ``line`` (no line
    break at all) or ``wrapped`` (lines of about 70 characters, never a blank line)."""
    rng = random.Random(seed)
    pools = (_FUNCTION, _FUNCTION, _NAMES, _VERBS, _NOUNS)
    words: list[str] = []
    size = 0
    while size < n_bytes:
        word = rng.choice(rng.choice(pools))
        words.append(word)
        size += len(word) + 1
    if shape == "line":
        return " ".join(words) + "\n"
    lines, line, width = [], [], 0
    for word in words:
        if width + len(word) > 70 and line:
            lines.append(" ".join(line))
            line, width = [], 0
        line.append(word)
        width += len(word) + 1
    lines.append(" ".join(line))
    return "\n".join(lines) + "\n"


def _tree_rss_kb(root: int) -> int:
    """Summed RSS (kB) of ``root`` and all its descendants, from /proc."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
            with open(f"/proc/{entry}/statm") as fh:
                pages = int(fh.read().split()[1])
        except (OSError, ValueError, IndexError):
            continue
        parents[int(entry)] = ppid
        rss[int(entry)] = pages * os.sysconf("SC_PAGE_SIZE") // 1024
    tree, frontier = {root}, [root]
    while frontier:
        pid = frontier.pop()
        for child, parent in parents.items():
            if parent == pid and child not in tree:
                tree.add(child)
                frontier.append(child)
    return sum(rss.get(p, 0) for p in tree)


def _launch() -> int:
    """``--launch CMD...``: run CMD as this small process's child and print, as JSON on stdout,
    its exit status and the peak RSS of it and the workers it reaped.  Linux carries a
    process's RSS high-water mark across fork and exec, so a command started straight from
    a large process (a test run with the parser loaded) would report that process's size;
    started from this one it reports its own."""
    cmd = sys.argv[sys.argv.index("--launch") + 1:]
    rc = subprocess.run(cmd, stdout=subprocess.DEVNULL).returncode
    print(json.dumps({"rc": rc, "maxrss_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))
    return 0


def measure(path: Path, processes: int | None = None, lang_check: bool = True,
            env: dict[str, str] | None = None) -> dict:
    """Run ``heartline analyze`` on ``path`` in a subprocess: exit status (``rc``), ``seconds``,
    ``largest_process_mb`` (peak RSS of the largest process) and ``tree_peak_mb`` (peak of
    the summed RSS of all its processes, sampled), ``stderr``."""
    env = dict(os.environ, **(env or {}))
    if processes is not None:
        env["HEARTLINE_PROCESSES"] = str(processes)
    out = path.with_suffix(".json")
    cmd = [sys.executable, "-m", "heartline.cli", "analyze", str(path), "-q", "--json", str(out)]
    if not lang_check:
        cmd += ["--lang-check", "off"]
    started = time.perf_counter()
    with tempfile.TemporaryFile("w+", encoding="utf-8") as err:
        proc = subprocess.Popen([sys.executable, str(Path(__file__).resolve()), "--launch", *cmd], env=env,
                                stdout=subprocess.PIPE, stderr=err, text=True)
        peak = [0]
        done = threading.Event()

        def sample() -> None:
            while not done.is_set():
                peak[0] = max(peak[0], _tree_rss_kb(proc.pid))
                done.wait(0.05)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        report, _ = proc.communicate()
        done.set()
        sampler.join()
        seconds = time.perf_counter() - started
        err.seek(0)
        stderr = err.read()
    launched = json.loads(report.strip().splitlines()[-1])
    result = {"seconds": round(seconds, 1), "rc": launched["rc"], "stderr": stderr.strip()[-500:],
              "largest_process_mb": round(launched["maxrss_kb"] / 1024), "tree_peak_mb": round(peak[0] / 1024)}
    if result["rc"] == 0 and out.exists():
        data = json.loads(out.read_text(encoding="utf-8"))
        result["characters"] = len(data.get("characters", []))
        result["relations"] = len(data.get("relations", []))
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="heartline on megabytes of unpunctuated text")
    parser.add_argument("--mb", type=float, default=3.0, help="size of the generated file (default 3 MB)")
    parser.add_argument("--shape", choices=("line", "wrapped", "both"), default="both")
    parser.add_argument("--processes", type=int, help="HEARTLINE_PROCESSES for the run (default: heartline's)")
    parser.add_argument("--check", choices=("on", "off", "both"), default="both",
                        help="on: as a user runs it (refused as not prose); off: --lang-check off, "
                             "the whole text parsed (default: both)")
    args = parser.parse_args(argv)
    shapes = ("line", "wrapped") if args.shape == "both" else (args.shape,)
    checks = ("on", "off") if args.check == "both" else (args.check,)
    with tempfile.TemporaryDirectory() as tmp:
        for shape in shapes:
            path = Path(tmp) / f"unpunctuated-{shape}.txt"
            path.write_text(unpunctuated_text(int(args.mb * 1e6), shape), encoding="utf-8")
            for check in checks:
                r = measure(path, args.processes, lang_check=check == "on")
                print(f"unpunctuated {shape:<7} {path.stat().st_size / 1e6:.1f} MB, check {check:<3}: exit {r['rc']}, "
                      f"{r['seconds']:.1f} s, peak RSS {r['tree_peak_mb']} MB all processes, "
                      f"{r['largest_process_mb']} MB largest process"
                      + (f"; {r['characters']} characters, {r['relations']} relations" if "characters" in r else "")
                      + (f"; stderr: {r['stderr']}" if r["stderr"] else ""), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(_launch() if "--launch" in sys.argv[1:2] else main())
