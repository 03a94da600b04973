"""Per-session tokens for the app's HTML forms (a second lock beside ``origin``).

A page with a form gives the browser a session cookie (random, ``HttpOnly``,
``SameSite=Strict``) and puts a token in a hidden field: an HMAC of the session id
under a key made when the server starts.  A posted form must carry the token of the
session its cookie names.  Another page, even one on another port of this computer
(cookies do not keep ports apart), can neither read the token nor make one, so it
cannot post a form that is accepted.  A restart makes a new key: a page left open
from before has to be reloaded.
"""
from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from collections.abc import Mapping
from typing import Any, TypeVar

from starlette.requests import Request
from starlette.responses import Response

_R = TypeVar("_R", bound=Response)

FIELD = "csrf_token"
_SESSION = re.compile(r"[0-9a-f]{32}")
EXPIRED = ("refused: the form is out of date or came from another site; "
           "reload the app's page and send it again")


class FormTokens:
    def __init__(self, key: bytes | None = None):
        self._key = key or secrets.token_bytes(32)

    @staticmethod
    def cookie_name(request: Request) -> str:
        # One cookie per port: two heartline servers on one computer must not log each other out.
        port = request.url.port or (443 if request.url.scheme == "https" else 80)
        return f"heartline_session_{port}"

    def _token(self, session: str) -> str:
        return hmac.new(self._key, session.encode("ascii"), hashlib.sha256).hexdigest()

    def _session(self, request: Request) -> str | None:
        value = request.cookies.get(self.cookie_name(request), "")
        return value if _SESSION.fullmatch(value) else None

    def issue(self, request: Request) -> tuple[str, str | None]:
        """(token for the page's form, new session id to set as a cookie, or None)."""
        session = self._session(request)
        if session is not None:
            return self._token(session), None
        session = secrets.token_hex(16)
        return self._token(session), session

    def set_cookie(self, request: Request, response: _R, session: str | None) -> _R:
        if session is not None:
            response.set_cookie(self.cookie_name(request), session, httponly=True, samesite="strict", path="/")
        return response

    def valid(self, request: Request, form: Mapping[str, Any]) -> bool:
        """Whether the posted ``form`` carries the token of the session in the request's cookie."""
        session, sent = self._session(request), form.get(FIELD)
        return session is not None and isinstance(sent, str) and hmac.compare_digest(sent, self._token(session))


def hidden_field(token: str) -> str:
    """The form field that carries the token (hex: nothing to escape)."""
    return f'<input type="hidden" name="{FIELD}" value="{token}">'
