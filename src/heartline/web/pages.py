"""The web app's own pages (the form, the progress page, errors): plain HTML, no script.

Progress is shown by a page that reloads itself each second, so the app shell needs
no JavaScript at all; the report it ends on is the same file ``--html`` writes.
Every value put into a page goes through ``html.escape``.
"""
from __future__ import annotations

import base64
import hashlib
from html import escape

from .. import __version__
from .formtoken import hidden_field
from .jobs import JobView

_STYLE = """
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
  background: #f7f4f0; color: #22252a; }
header { background: linear-gradient(135deg, #2b2135 0%, #5a2748 55%, #a8345c 100%); color: #fff; }
.inner { max-width: 820px; margin: 0 auto; padding: 22px 20px; }
.brand { margin: 0; font-size: 13px; letter-spacing: .08em; text-transform: uppercase; font-weight: 600; opacity: .85; }
h1 { margin: 6px 0 2px; font: 600 30px/1.2 Georgia, "Times New Roman", serif; }
header p.lead { margin: 0; opacity: .9; }
main { max-width: 820px; margin: 18px auto; padding: 0 20px; }
.card { background: #fff; border: 1px solid #e4ded6; border-radius: 12px; padding: 18px 20px;
  box-shadow: 0 6px 18px rgba(40, 20, 30, .05); }
label { display: block; font-weight: 600; margin: 12px 0 6px; }
textarea { width: 100%; box-sizing: border-box; min-height: 260px; font: 15px/1.5 Georgia, serif; padding: 10px 12px;
  border: 1px solid #d6cfc6; border-radius: 8px; resize: vertical; }
input[type=text] { width: 100%; box-sizing: border-box; padding: 8px 10px; border: 1px solid #d6cfc6;
  border-radius: 8px; font: inherit; }
input[type=file] { font: inherit; max-width: 100%; }
.or { text-align: center; color: #6b7078; margin: 14px 0 0; }
.hint { color: #6b7078; font-size: 14px; margin: 4px 0 0; }
button { margin-top: 18px; font: 600 16px system-ui, sans-serif; color: #fff; background: #b8325f; border: 0;
  border-radius: 999px; padding: 10px 26px; cursor: pointer; }
button:hover { background: #9c2950; }
progress { width: 100%; height: 14px; accent-color: #b8325f; }
.error { border-left: 4px solid #c92a2a; }
a { color: #b8325f; }
footer { max-width: 820px; margin: 0 auto; padding: 8px 20px 28px; color: #6b7078; font-size: 13px; }
"""

STYLE_HASH = "'sha256-" + base64.b64encode(hashlib.sha256(_STYLE.encode()).digest()).decode() + "'"
# The app's pages run no script and load nothing; forms may only post back here.
PAGE_CSP = (f"default-src 'none'; style-src {STYLE_HASH}; img-src data:; form-action 'self'; "
            "base-uri 'none'; frame-ancestors 'none'")


def _page(title: str, body: str, head_extra: str = "") -> str:
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
{head_extra}<title>{escape(title)} · heartline</title>
<style>{_STYLE}</style>
</head>
<body>
<header><div class="inner"><p class="brand">heartline</p><h1>{escape(title)}</h1>
<p class="lead">Who feels what for whom in a story, how we know, and how it changes.</p></div></header>
<main>{body}</main>
<footer>heartline {escape(__version__)} runs on this computer; stories you give it stay here.</footer>
</body>
</html>
"""


def home_page(max_upload_bytes: int, formats: str, token: str) -> str:
    """The paste-or-upload form; ``token``: this session's form token (``formtoken``)."""
    body = f"""<form class="card" method="post" action="/analyze" enctype="multipart/form-data">
{hidden_field(token)}
<label for="text">Paste a story</label>
<textarea id="text" name="text" placeholder="Once upon a time..."></textarea>
<p class="or">or</p>
<label for="file">Upload a file</label>
<input id="file" name="file" type="file">
<p class="hint">{escape(formats)}; up to {max_upload_bytes / 1e6:g} MB.</p>
<label for="title">Title <span class="hint">(optional, for pasted text)</span></label>
<input id="title" name="title" type="text" maxlength="200">
<button type="submit">Analyse</button>
</form>
<p class="hint">For programs: <code>POST /api/analyze</code>, <code>GET /api/health</code>; the API is described at
<a href="/openapi.json">/openapi.json</a>.</p>"""
    return _page("Analyse a story", body)


def progress_page(job: JobView) -> str:
    percent = round(job.progress * 100)
    stage = {"": "waiting for a free worker", "done": "finishing"}.get(job.stage, job.stage)
    body = f"""<div class="card">
<p><strong>{escape(job.title)}</strong>: {escape(job.state)}, {escape(stage)}</p>
<progress max="100" value="{percent}">{percent}%</progress>
<p class="hint">{percent}% &middot; this page refreshes itself; the report opens when the analysis is done.</p>
</div>"""
    return _page("Reading the story", body, '<meta http-equiv="refresh" content="1">\n')


def error_page(title: str, message: str) -> str:
    body = f"""<div class="card error"><p>{escape(message)}</p>
<p><a href="/">Try another story</a></p></div>"""
    return _page(title, body)


def ask_page(job_id: str, title: str, question: str = "", answer: dict | None = None) -> str:
    """A question about an analysed story, and the answer with its evidence (all escaped)."""
    body = [f"""<div class="card"><form method="get" action="/jobs/{escape(job_id)}/ask">
<label for="q">Ask about <em>{escape(title)}</em></label>
<input id="q" name="q" type="text" value="{escape(question)}" placeholder="who does Anna like?" maxlength="300">
<button type="submit">Ask</button></form>
<p><a href="/jobs/{escape(job_id)}/report">Back to the report</a></p></div>"""]
    if answer is not None:
        verdict = f'<p class="verdict">{escape(answer["verdict"])}</p>' if answer.get("verdict") else ""
        quotes = "".join(f"<li>{escape(e.get('text', ''))}</li>" for e in answer.get("evidence", [])[:8])
        body.append(f"""<div class="card answer">{verdict}<p>{escape(answer.get("answer", ""))}</p>
{f"<ul>{quotes}</ul>" if quotes else ""}</div>""")
    return _page("Ask", "".join(body))
