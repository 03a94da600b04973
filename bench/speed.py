"""Speed and memory: heartline's full analysis against spaCy parsing the same text alone.

Run from the repository root with the project's virtual environment:

    .venv/bin/python bench/speed.py [--shared ../shared] [--repeat N] [--scale-text NAME] [--json PATH]

Every measurement runs in a fresh subprocess (so peak RSS is that run's own), with the
model loaded before the clock starts.  For each text, in one run and interleaved (the
machine may be shared, so only measurements taken side by side are compared):

- ``parser``: spaCy ``en_core_web_sm`` (the pinned package heartline loads) over the same
  paragraphs heartline parses, ``nlp.pipe`` with heartline's batch size, one process: the
  floor for any pipeline built on this parser;
- ``heartline-1``: ``heartline.api.analyze_story`` with ``HEARTLINE_PROCESSES=1``;
- ``heartline-N``: the same with N processes (``--processes``, default 2).

It prints words/s, the ratio heartline/parser, peak RSS, and how the time grows when
one text (``--scale-text``) is doubled and quadrupled (the text repeated).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SHARED = ROOT.parent / "shared"
TEXTS = {
    "valentine": "corpus/dev/valentine.txt",
    "pride_and_prejudice": "corpus/novels/pride_and_prejudice.txt",
    "secret_garden": "litbank/original/113_the_secret_garden.txt",
}
MODES = ("parser", "heartline-1", "heartline-N")


# ------------------------------------------------------------------ one measurement (in a subprocess)
def story_text(path: Path, copies: int) -> str:
    """The story's body repeated ``copies`` times, as one text."""
    from heartline.formats import read_story

    story = read_story(path)
    start, end = story.body
    body = story.text[start:end].strip("\n")
    return "\n\n\n".join([body] * copies) + "\n"


def _peak_rss_mb() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kilobytes
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def measure(mode: str, path: Path, copies: int, processes: int) -> dict:
    from heartline.formats.text import story_from_text
    from heartline.stages.parse import _BATCH, _chunks, load_parser
    from heartline.layout import paragraph_spans

    os.environ["HEARTLINE_PROCESSES"] = "1" if mode != "heartline-N" else str(processes)
    story = story_from_text(story_text(path, copies), source=str(path))
    from heartline.api import analyze_story

    nlp = load_parser()
    nlp("Warm up.")
    started = time.perf_counter()
    cpu_started = time.process_time()
    if mode == "parser":
        text = story.text
        paragraphs = _chunks(text, paragraph_spans(text))
        tokens = sum(len(doc) for doc in nlp.pipe((text[s:e] for s, e in paragraphs), batch_size=_BATCH))
    else:
        stage_starts: list[tuple[str, float]] = []

        def progress(name: str, done: int, total: int) -> None:
            if done < 0:  # a stage begins (the parse also reports its own progress)
                stage_starts.append((name, time.process_time()))

        analysis = analyze_story(story, progress=progress)
        stage_starts.append(("end", time.process_time()))
        tokens = len(analysis.quotes)  # keep the result alive until the clock stops
    seconds = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    own, children = _peak_rss_mb()
    result = {"mode": mode, "words": story.words, "seconds": seconds, "cpu_seconds": cpu,
              "rss_mb": own, "children_rss_mb": children, "check": tokens}
    if mode != "parser":
        # CPU seconds of each stage in this process (with N processes the parse's workers are not in it)
        result["stages"] = {a[0]: b[1] - a[1] for a, b in zip(stage_starts, stage_starts[1:])}
    return result


def run_measure(mode: str, path: Path, copies: int, processes: int) -> dict:
    """One measurement in a fresh interpreter."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--measure", mode, str(path), str(copies),
           str(processes)]
    out = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    if out.returncode != 0:
        raise SystemExit(f"speed: {mode} on {path.name} x{copies} failed:\n{out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


# ------------------------------------------------------------------ the benchmark
def bench(shared: Path, repeat: int, processes: int, scale_text: str, log,
          texts: list[str] | None = None) -> dict:
    rows = []
    names = texts or list(TEXTS)
    plan = [(name, 1) for name in names if name != scale_text] + [(scale_text, 1), (scale_text, 2), (scale_text, 4)]
    for name, copies in plan:
        path = shared / TEXTS[name]
        if not path.exists():
            raise SystemExit(f"speed: {path} not found; pass the shared folder with --shared PATH")
        modes = MODES if copies == 1 else ("parser", "heartline-1")
        runs: dict[str, list[dict]] = {m: [] for m in modes}
        for _ in range(repeat):
            for mode in modes:  # interleaved: a burst of load elsewhere hits all modes alike
                r = run_measure(mode, path, copies, processes)
                runs[mode].append(r)
                log(f"speed: {name} x{copies} {mode}: {r['seconds']:.1f} s, {r['rss_mb']:.0f} MB")
        row = {"text": name, "copies": copies, "words": runs["parser"][0]["words"]}
        for mode, rs in runs.items():
            row[mode] = {
                "seconds": statistics.median(r["seconds"] for r in rs),
                "cpu_seconds": statistics.median(r["cpu_seconds"] for r in rs),
                "rss_mb": max(r["rss_mb"] for r in rs),
                "children_rss_mb": max(r["children_rss_mb"] for r in rs),
            }
            if "stages" in rs[0]:
                row[mode]["stages"] = {k: statistics.median(r["stages"][k] for r in rs) for k in rs[0]["stages"]}
        rows.append(row)
    return {"processes": processes, "repeat": repeat, "cpus": os.cpu_count(),
            "python": platform.python_version(), "machine": platform.machine(),
            "load_before": os.getloadavg()[0], "rows": rows, "scale_text": scale_text}


def scaling(result: dict) -> list[tuple[int, float, float]]:
    """(copies, heartline, parser, heartline's stages after the parse (CPU), each / its value at one copy)."""
    rows = [r for r in result["rows"] if r["text"] == result["scale_text"]]
    one = next(r for r in rows if r["copies"] == 1)

    return [(r["copies"], r["heartline-1"]["seconds"] / one["heartline-1"]["seconds"],
             r["parser"]["seconds"] / one["parser"]["seconds"], after_parse(r) / after_parse(one))
            for r in sorted(rows, key=lambda r: r["copies"])]


def after_parse(row: dict) -> float:
    """CPU seconds heartline spent after its parse (one process)."""
    stages = row["heartline-1"].get("stages", {})
    return max(1e-9, sum(v for k, v in stages.items() if k not in ("scenes", "parse")))


def render(result: dict) -> str:
    n = result["processes"]
    lines = [
        f"speed: {result['cpus']} CPUs, Python {result['python']}, median of {result['repeat']} "
        f"(load average {result['load_before']:.1f} at start)",
        f"{'text':<24} {'words':>8} {'parser s':>9} {'words/s':>8} {'heartline s':>12} {'words/s':>8} "
        f"{'ratio':>6} {'cpu ratio':>9} {f'{n} procs s':>10} {'ratio':>6} {'peak RSS MB':>12}",
    ]
    for r in result["rows"]:
        p, h = r["parser"], r["heartline-1"]
        hn = r.get("heartline-N")
        label = r["text"] + (f" x{r['copies']}" if r["copies"] > 1 else "")
        rss = max(p["rss_mb"], h["rss_mb"], hn["rss_mb"] if hn else 0)
        lines.append(
            f"{label:<24} {r['words']:>8,} {p['seconds']:>9.1f} {r['words'] / p['seconds']:>8,.0f} "
            f"{h['seconds']:>12.1f} {r['words'] / h['seconds']:>8,.0f} {h['seconds'] / p['seconds']:>6.2f} "
            f"{h['cpu_seconds'] / p['cpu_seconds']:>9.2f} "
            + (f"{hn['seconds']:>10.1f} {hn['seconds'] / p['seconds']:>6.2f} " if hn else f"{'':>10} {'':>6} ")
            + f"{rss:>12.0f}")
    lines.append("ratio = heartline / parser wall time, cpu ratio = the same in CPU time of the measuring "
                 "process (less sensitive to other load); peak RSS = the largest process")
    lines.append(f"scaling ({result['scale_text']} repeated): "
                 + ", ".join(f"x{c}: heartline {h:.2f}x time, parser {p:.2f}x, stages after the parse "
                             f"{d:.2f}x CPU" for c, h, p, d in scaling(result)))
    lines.append("CPU seconds by stage (heartline, one process): " + "; ".join(
        f"{r['text']}{' x%d' % r['copies'] if r['copies'] > 1 else ''}: parse "
        f"{r['heartline-1']['stages'].get('parse', 0):.1f}, after it {after_parse(r):.1f}"
        for r in result["rows"] if "stages" in r["heartline-1"]))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--measure"]:
        mode, path, copies, processes = argv[1], Path(argv[2]), int(argv[3]), int(argv[4])
        print(json.dumps(measure(mode, path, copies, processes)))
        return 0
    parser = argparse.ArgumentParser(description="Time heartline against the parser alone.")
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED,
                        help="the shared folder holding corpus/ and litbank/ (default: ../shared)")
    parser.add_argument("--repeat", type=int, default=1, help="measurements per text and mode (median)")
    parser.add_argument("--processes", type=int, default=2, help="processes for the parallel run (default 2)")
    parser.add_argument("--scale-text", choices=sorted(TEXTS), default="secret_garden",
                        help="the text doubled and quadrupled (default secret_garden)")
    parser.add_argument("--texts", nargs="+", choices=sorted(TEXTS), help="measure only these texts")
    parser.add_argument("--json", metavar="PATH", help="also write the measurements as JSON")
    args = parser.parse_args(argv)
    result = bench(args.shared.resolve(), args.repeat, args.processes, args.scale_text,
                   log=lambda m: print(m, file=sys.stderr, flush=True), texts=args.texts)
    result["when"] = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    print(render(result))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
