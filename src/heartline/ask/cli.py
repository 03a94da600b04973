"""``heartline ask STORY [QUESTION]``: answer questions about a story, with evidence.

With no question it reads questions from standard input, one a line (with a prompt on
a terminal), analysing the story once.  Analyses are cached by content hash.
"""
from __future__ import annotations

import argparse
import json
import sys

from .answer import Answer
from .cache import cached_analysis
from .render import render
from .session import Session

_QUIT = {"quit", "exit", "q", ":q", "bye"}


def register_cli(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("ask", help="answer a question about a story (who likes whom, who said so)",
                              description="Answer plain-English questions about a story, with the sentences "
                                          "that show it. With no question, read questions from standard input.")
    p.add_argument("story", help="the story file")
    p.add_argument("question", nargs="*", help="the question, e.g. \"who does Anna like?\" (quotes optional)")
    p.add_argument("--json", metavar="PATH", help="write the answer as JSON ('-' for stdout; one line an "
                                                   "answer when questions come from standard input)")
    p.add_argument("--cache-dir", metavar="DIR", help="where analyses are cached "
                                                      "(default: $XDG_CACHE_HOME/heartline/analysis)")
    p.add_argument("--progress", action="store_true", help="show progress even when not on a terminal")
    p.set_defaults(func=run_ask)


def _session(args: argparse.Namespace) -> Session:
    from ..cli import _ProgressLine

    progress = _ProgressLine(args.progress or sys.stderr.isatty())
    try:
        analysis, _ = cached_analysis(args.story, cache_dir=args.cache_dir, progress=progress)
    finally:
        progress.close()
    return Session(analysis)


def _names(session: Session) -> dict[str, str]:
    return {c["id"]: c["name"] for c in session.facts.analysis.get("characters", ())}


def run_ask(args: argparse.Namespace) -> int:
    from ..cli import write_json

    question = " ".join(args.question).strip()
    session = _session(args)
    if not question:
        return _interactive(session, args.json)
    result = session.ask(question)
    if args.json:
        write_json(result.to_json(), args.json)
    if not result.answered:
        # Not an answer but a request to ask again: one line (or the list of forms), non-zero.
        print(result.answer, file=sys.stderr)
        return 2
    if args.json != "-":
        print(render(result, _names(session)))
    return 0


def _questions(tty: bool):
    while True:
        try:
            line = input("? ") if tty else sys.stdin.readline()
        except EOFError:
            return
        if not tty and line == "":
            return
        yield line.strip()


def _interactive(session: Session, json_target: str | None) -> int:
    tty = sys.stdin.isatty()
    title = session.facts.analysis.get("story", {}).get("title", "the story")
    if tty:
        print(f"Ask about {title}; 'quit' or Ctrl-D to stop.", file=sys.stderr)
    names = _names(session)
    answers: list[Answer] = []
    for question in _questions(tty):
        if not question:
            continue
        if question.lower().rstrip("!.") in _QUIT:
            break
        result = session.ask(question)
        answers.append(result)
        if json_target == "-":
            sys.stdout.write(json.dumps(result.to_json(), ensure_ascii=False) + "\n")
            sys.stdout.flush()
            continue
        if not tty:
            print(f"> {question}")
        print(render(result, names))
        print()
        sys.stdout.flush()
    if json_target and json_target != "-":
        from ..cli import write_json

        write_json([a.to_json() for a in answers], json_target)
    return 0


__all__ = ["register_cli", "run_ask"]
