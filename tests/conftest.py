"""Shared helpers for the behaviour tests: run the real pipeline on tiny stories.

The spaCy model is loaded once per process (``load_parser`` is cached) and every
story's results are cached by text and by the scorer switches in the environment, so a
story used by several tests is read once, and a test that switches a scorer to its rules
(``monkeypatch.setenv("HEARTLINE_SPEAKERS", "rules")``) never gets the trained reading.
"""
from __future__ import annotations

import os
from functools import lru_cache
from typing import Any, Callable, Mapping

import pytest

from heartline.api import analyze_story, default_pipeline
from heartline.formats.text import story_from_text
from heartline.model import Analysis


def _switches() -> tuple[tuple[str, str], ...]:
    """Every ``HEARTLINE_*`` variable set now (scorer switches, thresholds, the language check)."""
    return tuple(sorted((name, value) for name, value in os.environ.items() if name.startswith("HEARTLINE_")))


@lru_cache(maxsize=None)
def _cached_results(text: str, switches: tuple[tuple[str, str], ...]) -> Mapping[str, Any]:
    return default_pipeline().run(story=story_from_text(text, title="Test"))


@lru_cache(maxsize=None)
def _cached_analysis(text: str, switches: tuple[tuple[str, str], ...]) -> Analysis:
    return analyze_story(story_from_text(text, title="Test"))


def _results(text: str) -> Mapping[str, Any]:
    return _cached_results(text, _switches())


def _analysis(text: str) -> Analysis:
    return _cached_analysis(text, _switches())


@pytest.fixture(scope="session")
def run() -> Callable[[str], Mapping[str, Any]]:
    """``run(text)`` -> every named result of the default pipeline (document, mentions, ...)."""
    return _results


@pytest.fixture(scope="session")
def analyse() -> Callable[[str], Analysis]:
    """``analyse(text)`` -> the public ``Analysis``."""
    return _analysis


def _mention(results: Mapping[str, Any], surface: str, nth: int = 0):
    """The ``nth`` mention whose text is exactly ``surface``."""
    found = [m for m in results["mentions"].items if m.text == surface]
    assert len(found) > nth, f"no mention #{nth} {surface!r}; have {[m.text for m in results['mentions'].items]}"
    return found[nth]


def _resolves_to(results: Mapping[str, Any], surface: str, nth: int = 0) -> str | None:
    """The character id the ``nth`` mention ``surface`` is linked to after coreference."""
    return results["links"].links.get(_mention(results, surface, nth).index)


@pytest.fixture(scope="session")
def mention() -> Callable[..., Any]:
    return _mention


@pytest.fixture(scope="session")
def resolves_to() -> Callable[..., str | None]:
    return _resolves_to


def _character_named(results: Mapping[str, Any], alias: str) -> str | None:
    """Id of the one final character having ``alias`` (or None)."""
    ids = [c.id for c in results["characters"] if alias == c.name or alias in c.aliases]
    assert len(ids) <= 1, f"{alias!r} belongs to several characters: {ids}"
    return ids[0] if ids else None


@pytest.fixture(scope="session")
def who() -> Callable[..., str | None]:
    return _character_named
