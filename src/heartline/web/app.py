"""``heartline serve``: a local web app and JSON API over ``heartline.api``.

Pages: ``/`` (paste or upload), ``/jobs/{id}`` (progress), ``/jobs/{id}/report`` (the
HTML report).  API: ``POST /api/analyze`` (the analysis JSON), ``POST /api/jobs`` and
``GET /api/jobs/{id}`` (the same, in the background, with progress),
``GET /api/jobs/{id}/analysis.json`` (download), ``GET /api/health``; described at
``/openapi.json``.  FastAPI's /docs pages are off: they load their script from a CDN.

Nothing another web page sends is obeyed: requests that change anything must come from
the app's own origin (``origin``), JSON endpoints take only ``application/json``, and
the HTML forms carry a per-session token (``formtoken``); docs/report.md has the model.
"""
from __future__ import annotations

import asyncio
import re
from collections.abc import Iterable
from contextlib import asynccontextmanager
from os import PathLike
from pathlib import Path as FilePath
from typing import Any

from fastapi import FastAPI, Path, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.middleware.trustedhost import TrustedHostMiddleware

from .. import __version__
from ..ask import answer_question
from ..errors import HeartlineError
from ..report.html import ReportLink, render_report
from .corrections import add_correction_routes
from .formtoken import EXPIRED, FormTokens
from .jobs import JobRunner, JobView
from .origin import NOT_JSON, SameOriginOnly, is_json
from .pages import PAGE_CSP, ask_page, error_page, home_page, progress_page
from .uploads import DEFAULT_MAX_UPLOAD_BYTES, BodySizeLimit, FormRefused, story_from_request

FORMATS = "Plain text, Markdown, HTML, EPUB or Word (.docx)"
JOB_ID = r"^[0-9a-f]{32}$"

_STORY_BODY = {
    "required": True,
    "content": {
        "multipart/form-data": {"schema": {"type": "object", "properties": {
            "file": {"type": "string", "format": "binary", "description": FORMATS},
            "text": {"type": "string", "description": "the story as text, when no file is sent"},
            "title": {"type": "string"}}}},
        "application/json": {"schema": {"type": "object", "required": ["text"], "properties": {
            "text": {"type": "string"}, "title": {"type": "string"}}}},
        "text/plain": {"schema": {"type": "string"}},
    },
}
_ERRORS: dict[int | str, dict[str, Any]] = {
    403: {"description": "refused: the request came from another site"},
    413: {"description": "the upload is over the size limit"},
    422: {"description": "the input is not a readable story (one-line `detail`)"}}


def validation_message(exc: RequestValidationError) -> str:
    """One line for a request FastAPI could not validate (a malformed job id, mostly)."""
    for error in exc.errors():
        where = error.get("loc", ())
        if where and where[-1] == "job_id":
            return "no such job: a job id is 32 lower-case hex digits (0-9, a-f)"
    first = exc.errors()[0] if exc.errors() else {}
    name = first.get("loc", ("request",))[-1]
    return f"bad {name}: {str(first.get('msg', 'not valid')).splitlines()[0]}"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "story"


def _job_json(job: JobView) -> dict[str, Any]:
    done = job.state == "done"
    return {"id": job.id, "title": job.title, "state": job.state, "stage": job.stage,
            "progress": job.progress, "error": job.error or None,
            "analysis": f"/api/jobs/{job.id}/analysis.json" if done else None,
            "report": f"/jobs/{job.id}/report" if done else None}


class SecurityHeaders:
    """ASGI middleware: headers every response gets (unless it set its own).

    Referrer-Policy is ``same-origin``, not ``no-referrer``: other sites still learn nothing,
    and under ``no-referrer`` a browser sends ``Origin: null`` with the app's own forms, which
    ``SameOriginOnly`` could not tell from a sandboxed attacker."""

    HEADERS = ((b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"same-origin"),
               (b"x-frame-options", b"DENY"), (b"cache-control", b"no-store"))

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers += [(k, v) for k, v in self.HEADERS if k not in present]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def create_app(max_upload_bytes: int = DEFAULT_MAX_UPLOAD_BYTES, workers: int = 1,
               allowed_hosts: Iterable[str] | None = None, runner: JobRunner | None = None,
               stories: str | PathLike[str] | None = None) -> FastAPI:
    """The app.  ``allowed_hosts`` (when given) refuses other Host headers, which stops a
    web page from reaching a local server through DNS rebinding.  ``stories``: the folder
    whose stories the app may record corrections for (``web.corrections``; None: off)."""
    runner = runner or JobRunner(workers=workers)

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        yield
        runner.shutdown()

    app = FastAPI(title="heartline", version=__version__, docs_url=None, redoc_url=None, lifespan=lifespan,
                  description="Who feels what for whom in a story. Every analysis runs locally.")
    app.state.runner = runner
    tokens = FormTokens()

    def html(page: str, status: int = 200) -> HTMLResponse:
        return HTMLResponse(page, status_code=status, headers={"Content-Security-Policy": PAGE_CSP})

    def refusal(title: str, status: int):
        """An answer for a refused request: JSON under /api/, a page elsewhere."""
        def respond(scope, message: str) -> Response:
            if scope.get("path", "").startswith("/api/"):
                return JSONResponse({"detail": message}, status_code=status)
            return html(error_page(title, message), status)
        return respond

    # Added inside out: TrustedHost vets the Host first, then the origin is checked, then the
    # body size; every answer, refusals included, gets the security headers.
    app.add_middleware(BodySizeLimit, limit=max_upload_bytes, respond=refusal("Too large", 413))
    app.add_middleware(SameOriginOnly, respond=refusal("Refused", 403))
    if allowed_hosts is not None:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts))
    app.add_middleware(SecurityHeaders)

    @app.exception_handler(RequestValidationError)
    async def one_line_validation_error(request: Request, exc: RequestValidationError) -> Response:
        return refusal("Not found", 422)(request.scope, validation_message(exc))

    # ------------------------------------------------------------------ API
    @app.get("/api/health", tags=["api"])
    async def health() -> dict[str, Any]:
        """Liveness, version and how many analyses are waiting or running."""
        return {"status": "ok", "version": __version__, "jobs": runner.counts()}

    @app.post("/api/analyze", tags=["api"], openapi_extra={"requestBody": _STORY_BODY}, responses=_ERRORS)
    async def analyze(request: Request) -> JSONResponse:
        """Analyse a story and answer with the `heartline/analysis/v2` JSON (docs/json-schema.md).
        Runs in a worker: other requests are served meanwhile."""
        try:
            story = await story_from_request(request, max_upload_bytes)
        except HeartlineError as exc:
            return JSONResponse({"detail": str(exc)}, status_code=422)
        job = runner.submit(story)
        future = runner.future(job.id)
        if future is not None:  # None only if the job was already forgotten: answered as failed below
            await asyncio.wrap_future(future)
        view, result = runner.view(job.id), runner.result(job.id)
        if result is None:
            return JSONResponse({"detail": view.error if view else "the analysis failed"}, status_code=422)
        return JSONResponse(result.analysis)

    @app.post("/api/jobs", tags=["api"], status_code=202, openapi_extra={"requestBody": _STORY_BODY},
              responses=_ERRORS)
    async def start_job(request: Request) -> JSONResponse:
        """Start an analysis in the background; poll `GET /api/jobs/{id}` for its progress."""
        try:
            story = await story_from_request(request, max_upload_bytes)
        except HeartlineError as exc:
            return JSONResponse({"detail": str(exc)}, status_code=422)
        return JSONResponse(_job_json(runner.submit(story)), status_code=202)

    @app.get("/api/jobs/{job_id}", tags=["api"], responses={404: {"description": "no such job"}})
    async def job_status(job_id: str = Path(pattern=JOB_ID)) -> JSONResponse:
        """State (`queued`, `running`, `done`, `failed`), stage, progress 0..1, and links when done."""
        job = runner.view(job_id)
        if job is None:
            return JSONResponse({"detail": "no such job"}, status_code=404)
        return JSONResponse(_job_json(job))

    @app.get("/api/jobs/{job_id}/analysis.json", tags=["api"], responses={404: {"description": "no such result"}})
    async def job_analysis(job_id: str = Path(pattern=JOB_ID)) -> JSONResponse:
        """The finished analysis as a JSON download."""
        job, result = runner.view(job_id), runner.result(job_id)
        if job is None or result is None:
            return JSONResponse({"detail": "no such result"}, status_code=404)
        filename = _slug(job.title) + ".heartline.json"
        return JSONResponse(result.analysis,
                            headers={"Content-Disposition": f'attachment; filename="{filename}"'})

    @app.post("/api/ask", tags=["api"], responses={403: {"description": "not application/json, or from another site"},
                                                    404: {"description": "no such result"},
                                                    422: {"description": "no question or job"}})
    async def ask(request: Request) -> JSONResponse:
        """Answer a question about a finished analysis: ``{"job": ID, "question": "..."}``;
        the answer has the shape of ``heartline ask --json`` (docs/ask.md)."""
        if not is_json(request):
            return JSONResponse({"detail": NOT_JSON}, status_code=403)
        try:
            body = await request.json()
        except ValueError:
            body = None
        if not isinstance(body, dict) or not isinstance(body.get("question"), str) \
                or not isinstance(body.get("job"), str) or not re.fullmatch(JOB_ID, body["job"]):
            return JSONResponse({"detail": 'send {"job": "<job id>", "question": "..."}'}, status_code=422)
        result = runner.result(body["job"])
        if result is None:
            return JSONResponse({"detail": "no such result"}, status_code=404)
        return JSONResponse(answer_question(result.analysis, body["question"][:300]))

    add_correction_routes(app, FilePath(stories) if stories else None, tokens)

    # ------------------------------------------------------------------ pages
    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def home(request: Request) -> HTMLResponse:
        token, session = tokens.issue(request)
        return tokens.set_cookie(request, html(home_page(max_upload_bytes, FORMATS, token)), session)

    @app.post("/analyze", include_in_schema=False)
    async def analyze_form(request: Request) -> Response:
        try:
            story = await story_from_request(request, max_upload_bytes,
                                             accept_form=lambda form: tokens.valid(request, form))
        except FormRefused:
            return html(error_page("Refused", EXPIRED), 403)
        except HeartlineError as exc:
            return html(error_page("Cannot read that story", str(exc)), 422)
        job = runner.submit(story)
        return RedirectResponse(f"/jobs/{job.id}", status_code=303)

    @app.get("/jobs/{job_id}", include_in_schema=False)
    async def job_page(job_id: str = Path(pattern=JOB_ID)) -> Response:
        job = runner.view(job_id)
        if job is None:
            return html(error_page("Not found", "There is no such analysis (it may have been forgotten)."), 404)
        if job.state == "done":
            return RedirectResponse(f"/jobs/{job_id}/report", status_code=303)
        if job.state == "failed":
            return html(error_page("Cannot read that story", job.error), 422)
        return html(progress_page(job))

    @app.get("/jobs/{job_id}/ask", include_in_schema=False)
    async def ask_form(job_id: str = Path(pattern=JOB_ID), q: str = "") -> Response:
        job, result = runner.view(job_id), runner.result(job_id)
        if job is None or result is None:
            return RedirectResponse(f"/jobs/{job_id}", status_code=303)
        answer = answer_question(result.analysis, q[:300]) if q.strip() else None
        return html(ask_page(job_id, job.title, q, answer))

    @app.get("/jobs/{job_id}/report", include_in_schema=False)
    async def job_report(job_id: str = Path(pattern=JOB_ID)) -> Response:
        result = runner.result(job_id)
        if result is None:
            return RedirectResponse(f"/jobs/{job_id}", status_code=303)
        links = (ReportLink("Download JSON", f"/api/jobs/{job_id}/analysis.json"),
                 ReportLink("Ask a question", f"/jobs/{job_id}/ask"),
                 ReportLink("Analyse another story", "/"))
        page = await asyncio.to_thread(render_report, result.analysis, result.text, links)
        # The report carries its own strict policy in a meta tag; the header adds what a meta tag cannot.
        return HTMLResponse(page, headers={"Content-Security-Policy": "frame-ancestors 'none'"})

    return app
