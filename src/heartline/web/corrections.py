"""Corrections in the web app: the same fixes as ``heartline correct``, written to the same
file beside the story, so a merge made here shows up in the next CLI run (and the next).

The app may only touch stories under one folder (``heartline serve --stories DIR``, by
default the folder it was started in): a story is named by its path relative to that
folder, must be an existing file there, and only its ``.heartline.yaml`` is written.
API: ``POST /api/corrections`` (JSON: ``story``, ``action`` and the action's fields, as
in the file), ``GET /api/corrections?story=...``; page: ``/corrections`` (a form).
Only the app's own pages may record one (``origin``, ``formtoken``), and answers name
files by their path inside the stories folder, never where that folder is on disk.
"""
from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse

from ..corrections.file import ACTIONS, Corrections, append_correction, load_corrections, parse_item, sidecar_path
from ..errors import HeartlineError, InputError
from ..model import FEELING_KINDS
from .formtoken import EXPIRED, FIELD, FormTokens, hidden_field
from .origin import NOT_JSON, is_json
from .pages import PAGE_CSP, _page

_FIELDS = {"merge": ("names",), "split": ("alias", "from"), "not_character": ("name",),
           "rename": ("from", "to"), "remove_relation": ("from", "to", "kind"),
           "add_relation": ("from", "to", "kind", "how", "reason")}


def story_path(root: Path, story: Any) -> Path:
    """The story file a request names, which must lie inside ``root``."""
    if not isinstance(story, str) or not story.strip():
        raise InputError("name the story: its path inside the stories folder")
    base = root.resolve()
    path = (base / story.strip()).resolve()
    if base != path and base not in path.parents:
        raise InputError(f"{story}: outside the stories folder")
    if not path.is_file():
        raise InputError(f"{story}: no such story file in the stories folder")
    return path


def correction_from(payload: dict[str, Any]):
    """A correction from the request's fields, checked as the file is checked."""
    action = str(payload.get("action", "")).strip().lower().replace("-", "_")
    if action not in ACTIONS:
        raise InputError(f"unknown action {action!r} (actions: {', '.join(ACTIONS)})")
    if action == "merge":
        names = payload.get("names")
        if isinstance(names, str):
            names = [n for n in names.split(",")]
        value: Any = [str(n).strip() for n in names or [] if str(n).strip()]
    elif action == "not_character":
        value = payload.get("name")
    else:
        value = {k: payload[k] for k in _FIELDS[action] if payload.get(k) not in (None, "")}
    return parse_item({action: value}, "correction")


def _listing(path: Path) -> Corrections:
    return load_corrections(path) if path.exists() else Corrections(str(path))


def shown_path(root: Path, path: Path) -> str:
    """``path`` as the app shows it: relative to the stories folder, in / form."""
    return path.relative_to(root.resolve()).as_posix()


def add_correction_routes(app: FastAPI, root: Path | None, tokens: FormTokens) -> None:
    """The corrections API and form; with no ``root`` they answer that corrections are off."""

    def record(payload: dict[str, Any]) -> dict[str, Any]:
        if root is None:
            raise InputError("corrections are off: start the app with --stories DIR")
        story = story_path(root, payload.get("story"))
        correction = correction_from(payload)
        path = sidecar_path(story)
        append_correction(path, correction, story.name)
        return {"story": shown_path(root, story), "file": shown_path(root, path), "added": correction.to_yaml_item(),
                "corrections": [c.to_yaml_item() for c in _listing(path).items]}

    @app.post("/api/corrections", tags=["api"],
              responses={403: {"description": "refused: not application/json, or sent from another site"},
                         422: {"description": "unknown story or action, or a missing field (one-line `detail`)"}})
    async def post_correction(request: Request) -> JSONResponse:
        """Record one correction (`story`, `action`: merge, split, not_character, rename, remove_relation,
        add_relation, and its fields) in the story's corrections file; later analyses apply it.
        Only as `application/json`: other types are refused (403), so no web page can post here."""
        if not is_json(request):
            return JSONResponse({"detail": NOT_JSON}, status_code=403)
        try:
            payload = await request.json()
        except ValueError:
            return JSONResponse({"detail": "send a JSON object"}, status_code=422)
        if not isinstance(payload, dict):
            return JSONResponse({"detail": "send a JSON object"}, status_code=422)
        try:
            return JSONResponse(record(payload))
        except HeartlineError as exc:
            return JSONResponse({"detail": str(exc)}, status_code=422)

    @app.get("/api/corrections", tags=["api"])
    async def list_corrections(story: str = "") -> JSONResponse:
        """The corrections recorded for a story; `file` is the corrections file's path inside the
        stories folder."""
        try:
            if root is None:
                raise InputError("corrections are off: start the app with --stories DIR")
            found = story_path(root, story)
            path = sidecar_path(found)
            return JSONResponse({"story": shown_path(root, found), "file": shown_path(root, path),
                                 "corrections": [c.to_yaml_item() for c in _listing(path).items]})
        except HeartlineError as exc:
            return JSONResponse({"detail": str(exc)}, status_code=422)

    def page(request: Request, message: str = "", status: int = 200) -> HTMLResponse:
        token, session = tokens.issue(request)
        options = "".join(f'<option value="{a}">{a.replace("_", " ")}</option>' for a in ACTIONS)
        kinds = "".join(f'<option value="{k}">{k}</option>' for k in ("",) + FEELING_KINDS)
        # The folder's name only: a page has no business showing where things are on disk.
        where = f"the stories folder <code>{escape(root.resolve().name)}</code>" if root \
            else "the stories folder (off: start the app with --stories DIR)"
        body = f"""<section class="card">
{message}
<form method="post" action="/corrections">
{hidden_field(token)}
<label for="story">Story file (path inside {where})</label><input type="text" id="story" name="story">
<label for="action">Correction</label><select id="action" name="action">{options}</select>
<label for="names">Names to merge (comma-separated; the first keeps its name)</label>
<input type="text" id="names" name="names">
<label for="name">Not a character / alias to split off</label><input type="text" id="name" name="name">
<label for="from">From (character; for split: the one the alias is taken from; for rename: the old name)</label>
<input type="text" id="from" name="from">
<label for="to">To (character, or the new name)</label><input type="text" id="to" name="to">
<label for="kind">Kind of feeling</label><select id="kind" name="kind">{kinds}</select>
<label for="reason">Reason (for an added relation)</label><input type="text" id="reason" name="reason">
<button type="submit">Record the correction</button>
<p class="hint">Written to the story's <code>.heartline.yaml</code>; every later analysis applies it.</p>
</form></section>"""
        response = HTMLResponse(_page("Correct heartline", body), status_code=status,
                                headers={"Content-Security-Policy": PAGE_CSP})
        return tokens.set_cookie(request, response, session)

    @app.get("/corrections", include_in_schema=False)
    async def corrections_form(request: Request) -> HTMLResponse:
        return page(request)

    @app.post("/corrections", include_in_schema=False)
    async def corrections_post(request: Request) -> HTMLResponse:
        kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if kind not in ("application/x-www-form-urlencoded", "multipart/form-data"):
            return page(request, f'<p class="error">{escape(EXPIRED)}</p>', 403)
        form = dict(await request.form(max_files=0, max_fields=16))
        if not tokens.valid(request, form):
            return page(request, f'<p class="error">{escape(EXPIRED)}</p>', 403)
        form.pop(FIELD, None)
        if form.get("action") == "split":
            form["alias"] = form.get("name", "")
            form.pop("name", None)
        try:
            done = record({k: str(v) for k, v in form.items()})
        except HeartlineError as exc:
            return page(request, f'<p class="error">{escape(str(exc))}</p>', 422)
        return page(request, f"<p>Recorded in <code>{escape(done['file'])}</code>.</p>")
