"""Getting a story out of a request, safely: bounded size, memory only.

A request body over the limit is refused with 413 before it is read whole (by its
Content-Length, or by counting when it has none).  Uploaded files are parsed into
memory, never spooled to disk, and reach heartline as bytes; the file name a client
sends is only a label (its last path part, cleaned) and never touches the
filesystem.
"""
from __future__ import annotations

import json
import re
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from starlette.datastructures import UploadFile
from starlette.formparsers import MultiPartException, MultiPartParser
from starlette.requests import Request

from ..errors import InputError
from ..formats import story_from_bytes
from ..formats.text import story_from_text
from ..model import Story

DEFAULT_MAX_UPLOAD_BYTES = 10_000_000

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]


class BodyTooLarge(Exception):
    pass


class FormRefused(Exception):
    """A form the app did not hand out (``accept_form`` said no): answered with 403."""


def too_large_message(limit: int) -> str:
    return f"the upload is too large: the limit is {limit / 1e6:g} MB"


class BodySizeLimit:
    """ASGI middleware: refuse request bodies over ``limit`` bytes with 413."""

    def __init__(self, app, limit: int = DEFAULT_MAX_UPLOAD_BYTES,
                 respond: Callable[[Scope, str], Any] | None = None):
        self.app = app
        self.limit = limit
        self.respond = respond

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None and length.isdigit() and int(length) > self.limit:
            await self._refuse(scope, receive, send)
            return
        received = 0
        started = False

        async def counted_receive() -> dict[str, Any]:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise BodyTooLarge()
            return message

        async def watched_send(message: dict[str, Any]) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted_receive, watched_send)
        except BodyTooLarge:
            if started:
                raise
            await self._refuse(scope, receive, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        message = too_large_message(self.limit)
        if self.respond is not None:
            response = self.respond(scope, message)
        else:
            from starlette.responses import JSONResponse
            response = JSONResponse({"detail": message}, status_code=413)
        response.headers["Connection"] = "close"
        await response(scope, receive, send)


_UNSAFE_NAME = re.compile(r"[^\w .,()+-]", re.UNICODE)


def safe_name(filename: str | None) -> str:
    """The last part of a client's file name, kept only as a label."""
    name = re.split(r"[\\/]", filename or "")[-1]
    name = _UNSAFE_NAME.sub("_", name).strip(" .")[:120]
    return name or "upload.txt"


async def _form(request: Request, limit: int):
    parser = MultiPartParser(request.headers, request.stream(), max_files=1, max_fields=8,
                             max_part_size=limit)
    parser.spool_max_size = limit + 1  # the body is already bounded: keep the file in memory
    try:
        return await parser.parse()
    except MultiPartException as exc:
        raise InputError(f"the form could not be read: {exc.message}") from None


async def story_from_request(request: Request, limit: int = DEFAULT_MAX_UPLOAD_BYTES,
                             accept_form: Callable[[Mapping[str, Any]], bool] | None = None) -> Story:
    """A story from a form (multipart: ``file`` or ``text``; url-encoded: ``text``; both
    with an optional ``title``), a JSON body ``{"text": ..., "title": ...}`` or a
    plain-text body.  With ``accept_form`` (the HTML form's route) only a form is taken,
    and only one that ``accept_form`` accepts (its token); else ``FormRefused``."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if accept_form is not None and content_type not in ("multipart/form-data", "application/x-www-form-urlencoded"):
        raise FormRefused()
    if content_type == "multipart/form-data":
        form = await _form(request, limit)
        try:
            if accept_form is not None and not accept_form(form):
                raise FormRefused()
            upload, text, title = form.get("file"), form.get("text"), form.get("title")
            title = title if isinstance(title, str) else ""
            has_text = isinstance(text, str) and bool(text.strip())
            # A browser sends an unnamed, empty part when no file was chosen.
            if isinstance(upload, UploadFile) and upload.filename:
                data = await upload.read()
                if data or not has_text:  # a chosen but empty file says so, unless text was pasted too
                    return story_from_bytes(data, safe_name(upload.filename))
            if has_text:
                return story_from_text(text, title=title.strip())
            raise InputError("no story given: paste some text or choose a file")
        finally:
            await form.close()
    if content_type == "application/x-www-form-urlencoded":
        form = await request.form(max_files=0, max_fields=8)
        if accept_form is not None and not accept_form(form):
            raise FormRefused()
        text, title = form.get("text"), form.get("title")
        if isinstance(text, str) and text.strip():
            return story_from_text(text, title=title.strip() if isinstance(title, str) else "")
        raise InputError("no story given: paste some text or choose a file")
    body = await request.body()
    if content_type == "application/json":
        try:
            payload = json.loads(body)
        except (ValueError, UnicodeDecodeError):
            raise InputError("the request body is not valid JSON") from None
        if not isinstance(payload, dict) or not isinstance(payload.get("text"), str):
            raise InputError('the JSON body needs a "text" string')
        raw_title = payload.get("title")
        title = raw_title if isinstance(raw_title, str) else ""
        if not payload["text"].strip():
            raise InputError("the text is empty")
        return story_from_text(payload["text"], title=title.strip())
    if content_type in ("text/plain", ""):
        return story_from_bytes(body, "pasted.txt")
    raise InputError(f"cannot read a story sent as {content_type}: send multipart/form-data, "
                     "application/json or text/plain")
