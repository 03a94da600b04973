"""Only the app's own pages may change anything: cross-origin requests are refused.

Any web page a person visits can make their browser send a form, or a ``text/plain``
``fetch``, to ``http://127.0.0.1:8000`` without asking; the browser then says where the
request came from in ``Origin`` (and ``Sec-Fetch-Site``).  ``SameOriginOnly`` refuses
every request that could change something (any method but GET, HEAD and OPTIONS) when
either header names another origin (another site, or another port on this computer),
before its body is read.  A request with neither header comes from a program (curl, a
script), which no web page can pose as.  JSON endpoints also insist on
``application/json`` (``json_only``): a browser cannot send that type across origins
without a CORS preflight, which this app never answers.
"""
from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import urlsplit

from starlette.requests import Request

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# "none": the person typed the address or used a bookmark; nothing else is trusted.
_SAME_SITE_FETCH = frozenset({"same-origin", "none"})
_DEFAULT_PORTS = {"http": 80, "https": 443}

CROSS_ORIGIN = "refused: the request came from another site (only the app's own pages may change anything)"
NOT_JSON = "refused: send the request body as application/json"


def _origin_tuple(scheme: str, netloc: str) -> tuple[str, str, int] | None:
    try:
        parts = urlsplit(f"{scheme}://{netloc}")
        port = parts.port or _DEFAULT_PORTS.get(scheme.lower())
    except ValueError:
        return None
    if not parts.hostname or port is None:
        return None
    return scheme.lower(), parts.hostname.lower(), port


def own_origin(scope: Scope) -> tuple[str, str, int] | None:
    """(scheme, host, port) this request was sent to, from its Host header.  The Host is
    trusted here because ``TrustedHostMiddleware`` vets it first on the loopback address."""
    headers = dict(scope.get("headers") or [])
    host = headers.get(b"host", b"").decode("latin-1").strip()
    if not host and scope.get("server"):
        name, port = scope["server"]
        host = f"{name}:{port}"
    return _origin_tuple(scope.get("scheme", "http"), host) if host else None


def cross_origin(scope: Scope) -> bool:
    """Whether a browser says this request came from anywhere but the app's own pages."""
    headers = dict(scope.get("headers") or [])
    fetch_site = headers.get(b"sec-fetch-site")
    if fetch_site is not None and fetch_site.decode("latin-1").strip().lower() not in _SAME_SITE_FETCH:
        return True
    origin = headers.get(b"origin")
    if origin is None:
        return False
    text = origin.decode("latin-1").strip()
    if text.lower() == "null":  # a sandboxed frame, a data: URL, a file: page: never the app
        return True
    scheme, _, rest = text.partition("://")
    if not rest or "/" in rest:
        return True
    sent = _origin_tuple(scheme, rest)
    return sent is None or sent != own_origin(scope)


class SameOriginOnly:
    """ASGI middleware: refuse a state-changing request from another origin with 403,
    answered by ``respond(scope, message)``, before the app or its body is touched."""

    def __init__(self, app, respond: Callable[[Scope, str], Any]):
        self.app = app
        self.respond = respond

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope.get("method", "GET") not in SAFE_METHODS and cross_origin(scope):
            response = self.respond(scope, CROSS_ORIGIN)
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)


def is_json(request: Request) -> bool:
    """Whether the body is declared ``application/json`` (the only type JSON endpoints take)."""
    return request.headers.get("content-type", "").split(";")[0].strip().lower() == "application/json"
