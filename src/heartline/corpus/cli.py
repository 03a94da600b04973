"""``heartline batch`` and ``heartline search``: thin shells over runner and search."""
from __future__ import annotations

import argparse
import signal
import sys

from ..errors import HeartlineError
from . import DEFAULT_DB

_DB_HELP = (f"database: a SQLite file (default {DEFAULT_DB}) or a URL such as "
            "postgresql://user@host/dbname")


class _StopSignal:
    """Ctrl-C (SIGINT) and a polite kill (SIGTERM) both stop a batch like Ctrl-C: the handler
    raises KeyboardInterrupt at once and also remembers the signal, so the batch loop stops
    after the work in hand even where Python swallowed the exception (one raised inside a
    finaliser is only printed)."""

    def __init__(self) -> None:
        self.received = False

    def __call__(self, _signum, _frame) -> None:
        self.received = True
        raise KeyboardInterrupt

    def requested(self) -> bool:
        return self.received


def _cmd_batch(args: argparse.Namespace) -> int:
    from ..cli import write_json
    from .discover import discover
    from .runner import run_batch

    if args.workers < 1:
        raise HeartlineError("--workers must be 1 or more")
    if args.address and args.engine != "ray":
        raise HeartlineError("--address needs --engine ray")
    paths = discover(args.targets)
    from .schema import open_database

    db = open_database(args.db)
    # A polite kill (SIGTERM) stops like Ctrl-C: a clean summary, nothing half written.
    stop = _StopSignal()
    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        summary = run_batch(paths, db, workers=args.workers, engine=args.engine, address=args.address,
                            retry_failed=args.retry_failed,
                            progress=args.progress or (sys.stderr.isatty() and not args.quiet),
                            stop_requested=stop.requested)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        db.dispose()
    if args.json:
        write_json(summary.to_json(), args.json)
    if not args.quiet and args.json != "-":
        print(summary.line())
    elif summary.interrupted:
        print(summary.line(), file=sys.stderr)
    return 130 if summary.interrupted else 0


def _cmd_search(args: argparse.Namespace) -> int:
    from ..cli import write_json
    from .search import SearchQuery, parse_pairing, render_hits, search

    query = SearchQuery(pairing=parse_pairing(args.pairing) if args.pairing else None,
                        character=args.character, kind=args.kind, how=args.how, central=args.central,
                        limit=args.limit)
    from .schema import open_database

    db = open_database(args.db, create=False)
    try:
        hits = search(db, query)
    finally:
        db.dispose()
    if args.json:
        write_json({"query": {"pairing": args.pairing, "character": args.character, "kind": args.kind,
                              "how": args.how, "central": args.central, "limit": args.limit},
                    "results": [h.to_json() for h in hits]}, args.json)
    if args.json != "-":
        print(render_hits(hits))
    return 0


def register_cli(subparsers) -> None:
    from ..model import FEELING_KINDS as KINDS
    from ..model import HOW_VALUES as HOWS
    from . import ENGINES

    p = subparsers.add_parser("batch", help="analyse many stories into a database (resumable)",
                              description="Analyse every story under the given directories, globs or files "
                                          "into a database. Run it again to resume: finished works are "
                                          "skipped, changed ones re-analysed.")
    p.add_argument("targets", nargs="+", metavar="DIR_OR_GLOB", help="directories, globs ('**' allowed) or files")
    p.add_argument("--db", default=DEFAULT_DB, help=_DB_HELP)
    p.add_argument("--workers", type=int, default=1, help="analyse N works at once (processes, or Ray CPUs)")
    p.add_argument("--engine", choices=ENGINES, default="local",
                   help="local processes (default) or a Ray cluster")
    p.add_argument("--address", help="with --engine ray: the cluster to join (e.g. ray://head:10001 or "
                                     "head:6379); default: start a local one")
    p.add_argument("--retry-failed", action="store_true", help="analyse again works that failed last time")
    p.add_argument("--json", metavar="PATH", help="write the summary as JSON ('-' for stdout)")
    p.add_argument("--quiet", "-q", action="store_true", help="print no summary")
    p.add_argument("--progress", action="store_true", help="show the progress bar even when not on a terminal")
    p.set_defaults(func=_cmd_batch)

    p = subparsers.add_parser("search", help="find works in a database by pairing, character, kind or how",
                              description="List works ranked by how central the pair is (share of the "
                                          "work's feeling evidence and scenes involving it), one evidence "
                                          "line each.")
    p.add_argument("--db", default=DEFAULT_DB, help=_DB_HELP)
    p.add_argument("--pairing", metavar="'A/B'", help="\"A/B\": a romantic pairing; \"A & B\": a platonic one "
                                                      "(names or aliases, any case, either order)")
    p.add_argument("--character", metavar="NAME", help="works with a feeling from or towards this character")
    p.add_argument("--kind", choices=KINDS, help="only this kind of feeling")
    p.add_argument("--how", choices=HOWS, help="only feelings shown this way (e.g. implied)")
    p.add_argument("--central", action="store_true",
                   help="only where the pair is the work's most central one of its kind")
    p.add_argument("--limit", type=int, default=20, help="at most this many works (default 20)")
    p.add_argument("--json", metavar="PATH", help="write the results as JSON ('-' for stdout)")
    p.set_defaults(func=_cmd_search)
