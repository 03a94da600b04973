"""``heartline serve``: start the local web app."""
from __future__ import annotations

import argparse
import ipaddress
import sys

from ..cli import write_json
from ..errors import HeartlineError
from .uploads import DEFAULT_MAX_UPLOAD_BYTES


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from .app import create_app

    if args.max_upload_mb <= 0:
        raise HeartlineError("--max-upload-mb must be positive")
    # On the loopback address only local names are accepted as Host, so a web page
    # cannot reach this server by rebinding its own domain to 127.0.0.1.
    hosts = ["127.0.0.1", "localhost", "::1", "[::1]"] if _is_loopback(args.host) else None
    if hosts is None:
        print(f"heartline: warning: listening on {args.host}: anyone who can reach this computer can use the app "
              "and read what is analysed", file=sys.stderr)
    app = create_app(max_upload_bytes=int(args.max_upload_mb * 1_000_000), workers=args.workers,
                     allowed_hosts=hosts, stories=args.stories)
    shown = f"[{args.host}]" if ":" in args.host else args.host
    url = f"http://{shown}:{args.port}/"
    if args.json:
        write_json({"url": url, "api": url + "api/", "openapi": url + "openapi.json"}, args.json)
    if args.json != "-":
        print(f"heartline: serving on {url} (Ctrl-C to stop)", flush=True)
    try:
        uvicorn.run(app, host=args.host, port=args.port, log_level=args.log_level)
    except OSError as exc:
        raise HeartlineError(f"cannot listen on {args.host}:{args.port}: {exc.strerror or exc}") from None
    return 0


def register_cli(subparsers) -> None:
    p = subparsers.add_parser("serve", help="start the local web app (paste or upload a story, see its report)")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default 127.0.0.1: this computer only)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument("--workers", type=int, default=1, help="analyses run at once (default 1)")
    p.add_argument("--max-upload-mb", type=float, default=DEFAULT_MAX_UPLOAD_BYTES / 1e6,
                   help=f"largest upload accepted, in MB (default {DEFAULT_MAX_UPLOAD_BYTES / 1e6:g})")
    p.add_argument("--stories", metavar="DIR", default=".",
                   help="folder whose stories the app may record corrections for, beside each story "
                        "(default: the current folder)")
    p.add_argument("--log-level", default="warning", choices=["critical", "error", "warning", "info", "debug"])
    p.add_argument("--json", metavar="PATH", help="write where the app listens as JSON ('-' for stdout), then serve")
    p.set_defaults(func=_cmd_serve)
