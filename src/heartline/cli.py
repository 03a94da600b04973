"""Command line: ``heartline analyze`` and ``heartline eval``, thin shells over the API.

Every command takes ``--json PATH`` (``-`` for standard output).  Errors a user can
cause print one line and exit non-zero; nothing prints a traceback.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from importlib import import_module
from pathlib import Path
from typing import Any

from . import __version__
from .errors import HeartlineError

# Modules that add subcommands (each defines ``register_cli``), in help order.
_COMMAND_MODULES: tuple[str, ...] = ("heartline.corpus.cli", "heartline.ask.cli", "heartline.web.cli",
                                     "heartline.corrections.cli")


def write_json(data: Any, target: str) -> None:
    text = json.dumps(data, ensure_ascii=False, indent=2)
    if target == "-":
        sys.stdout.write(text + "\n")
        return
    try:
        Path(target).write_text(text + "\n", encoding="utf-8")
    except OSError as exc:
        raise HeartlineError(f"cannot write {target}: {exc.strerror or exc}") from None


class _ProgressLine:
    """A one-line progress display on stderr, only when stderr is a terminal."""

    def __init__(self, enabled: bool):
        self.enabled = enabled
        self.started = time.monotonic()

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        elapsed = time.monotonic() - self.started
        if done >= 0 and total > 0:
            width = 30
            filled = int(width * done / total)
            msg = f"\r{stage:<12} [{'#' * filled}{'.' * (width - filled)}] {done}/{total} {elapsed:5.1f}s"
        else:
            msg = f"\r{stage:<12} {'':<34} {elapsed:5.1f}s"
        sys.stderr.write(msg.ljust(70))
        sys.stderr.flush()

    def close(self) -> None:
        if self.enabled:
            sys.stderr.write("\r" + " " * 70 + "\r")
            sys.stderr.flush()


def load_names(path: str | None):
    """The ``--names FILE`` fandom name list (None when not given)."""
    if not path:
        return None
    from .namelist import load_name_list

    return load_name_list(path)


def add_names_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--names", metavar="FILE",
                        help="fandom name list (YAML/JSON: canonical name -> aliases, optional gender)")


def add_corrections_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--corrections", metavar="FILE",
                        help="your corrections (YAML; default: STORY.heartline.yaml beside the story)")


def report_corrections(report) -> None:
    """Say on stderr that a corrections file changed the results (one line; a file edited by
    someone else, or forgotten, must never change them silently), then any stale ones."""
    if not report.file or not report.outcomes:
        return
    applied = sum(1 for o in report.outcomes if o.applied)
    total = len(report.outcomes)
    stale = f" ({total - applied} matched nothing)" if applied < total else ""
    print(f"heartline: using {total} correction{'s' if total != 1 else ''} from {report.file}{stale}",
          file=sys.stderr)
    for o in report.outcomes:
        if not o.applied:
            print(f"heartline: note: stale correction ({o.action}): {o.note}", file=sys.stderr)


def _cmd_analyze(args: argparse.Namespace) -> int:
    from .api import analyze
    from .report.terminal import render

    progress = _ProgressLine(args.progress or (sys.stderr.isatty() and not args.quiet))
    try:
        analysis = analyze(args.story, progress=progress, names=load_names(args.names),
                           corrections=args.corrections, meta=args.meta,
                           lang_check=None if args.lang_check is None else args.lang_check == "on")
    finally:
        progress.close()
    report_corrections(analysis.corrections)
    if args.json:
        write_json(analysis.to_json(), args.json)
    _write_reports(analysis, args)
    if not args.quiet and args.json != "-":
        print(render(analysis))
    return 0


def _write_reports(analysis, args: argparse.Namespace) -> None:
    """``--html``, ``--gexf``, ``--graphml``: the report and the graph files."""
    if args.html:
        from .report.html import write_html
        write_html(analysis, args.html)
    if args.gexf or args.graphml or args.graphml_per_chapter:
        from .report.graph_export import to_gexf, to_graphml, write_graph, write_graphml_per_chapter
        data = analysis.to_json()
        if args.gexf:
            write_graph(data, args.gexf, to_gexf)
        if args.graphml:
            write_graph(data, args.graphml, to_graphml)
        if args.graphml_per_chapter:
            write_graphml_per_chapter(data, args.graphml_per_chapter)


def _cmd_eval(args: argparse.Namespace) -> int:
    from .api import analyze
    from .eval import format_score, gold_text_path, load_gold, score, score_to_json

    results = []
    for gold_path in args.gold:
        gold = load_gold(gold_path)
        text_path = gold_text_path(gold_path, gold)
        analysis = analyze(text_path)
        result = score(analysis.to_json(), gold)
        results.append((gold_path, result))
        if args.json != "-":
            print(format_score(result, f"{Path(gold_path).name} ({text_path.name})"))
            print()
    if args.json:
        data = {str(p): score_to_json(r) for p, r in results}
        write_json(data if len(results) > 1 else next(iter(data.values())), args.json)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="heartline", description=(
        "Read a story and tell who feels what for whom, how we know, and how it changes."))
    parser.add_argument("--version", action="version", version=f"heartline {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("analyze", help="analyse one story and print a summary")
    p.add_argument("story", help="the story file: plain text, Markdown, HTML, EPUB or .docx "
                                 "(AO3 and FanFicFare downloads included)")
    p.add_argument("--json", metavar="PATH", help="write the analysis as JSON ('-' for stdout)")
    p.add_argument("--quiet", "-q", action="store_true", help="print no summary")
    p.add_argument("--progress", action="store_true", help="show progress even when not on a terminal")
    add_names_option(p)
    p.add_argument("--html", metavar="PATH", help="write the interactive report, one self-contained HTML file")
    p.add_argument("--gexf", metavar="PATH", help="write the relationship graph as GEXF (Gephi)")
    p.add_argument("--graphml", metavar="PATH", help="write the relationship graph as GraphML (networkx, yEd)")
    p.add_argument("--graphml-per-chapter", metavar="DIR",
                   help="write one GraphML per chapter into DIR (chapter-01.graphml, ...)")
    add_corrections_option(p)
    p.add_argument("--meta", metavar="FILE", help="FanFicFare JSON metadata (fanficfare --json-meta) for the "
                                                  "story; default: story.json beside story.txt, if there is one")
    p.add_argument("--lang-check", choices=("on", "off"),
                   help="refuse a story that is plainly not in English (default: on, "
                        "or HEARTLINE_LANG_CHECK)")
    p.set_defaults(func=_cmd_analyze)

    p = sub.add_parser("eval", help="score heartline against gold files")
    p.add_argument("gold", nargs="+", help="gold file(s) in the format of shared/gold/README.md")
    p.add_argument("--json", metavar="PATH", help="write the scores as JSON ('-' for stdout)")
    p.set_defaults(func=_cmd_eval)

    # Each further command lives beside the feature it shells and registers itself here:
    # ``register_cli(subparsers)`` adds its parser and sets ``func``.
    for module in _COMMAND_MODULES:
        import_module(module).register_cli(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except HeartlineError as exc:
        print(f"heartline: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("heartline: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # "heartline eval ... | head": the reader left, nothing is wrong
        sys.stderr.close()
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
