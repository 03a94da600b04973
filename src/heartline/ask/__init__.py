"""Questions about a story, answered from its analysis with the evidence.

``answer_question(analysis_json, question) -> dict`` is the whole API for a shell that
already holds an analysis/v2 dict (the web app's ``POST /api/ask``);
``ask_file(path, question)`` analyses a file (cached) first.  See docs/ask.md.
"""
from __future__ import annotations

import os
from typing import Any

from .answer import Answer
from .cache import cached_analysis
from .session import Session, answer_question


def ask_file(path: str | os.PathLike[str], question: str,
             cache_dir: str | os.PathLike[str] | None = None) -> dict[str, Any]:
    """Analyse a story file (or reuse its cached analysis) and answer one question."""
    analysis, _ = cached_analysis(path, cache_dir=cache_dir)
    return answer_question(analysis, question)


__all__ = ["Answer", "Session", "answer_question", "ask_file", "cached_analysis"]
