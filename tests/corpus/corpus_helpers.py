"""Helpers for the corpus tests: small generated stories, child processes, databases.

The stories are written for these tests (a few hundred words each, so one takes well
under a second to analyse); each differs in its names, so each has its own content hash.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from heartline.corpus.schema import database_url, metadata

FIRST = ["Anna", "Tom", "Mara", "Felix", "Iris", "Owen", "Lena", "Hugo", "Nell", "Ezra", "Rosa", "Abel",
         "Vera", "Jonas", "Clara", "Milo", "Greta", "Silas", "Ada", "Rufus", "Lucy", "Ivan", "Dora", "Emil"]
LAST = ["Bell", "Reed", "Stone", "Vale", "Marsh", "Pike", "Frost", "Hale", "Moss", "Wren", "Lark", "Holt"]


def story_text(i: int, words: int = 300) -> str:
    """A short story: a romantic pair (lover, beloved) and a friend; ``i`` picks the names."""
    lover = f"{FIRST[(2 * i) % len(FIRST)]} {LAST[i % len(LAST)]}"
    beloved = f"{FIRST[(2 * i + 1) % len(FIRST)]} {LAST[(i + 5) % len(LAST)]}"
    friend = f"{FIRST[(2 * i + 7) % len(FIRST)]} {LAST[(i + 3) % len(LAST)]}"
    a, b, c = lover.split()[0], beloved.split()[0], friend.split()[0]
    scenes = [
        f"{lover} walked to the harbour every morning of story {i}. {beloved} sold bread at the corner stall, "
        f"and {a} loved {b}. {friend} watched them from the steps. \"You like {b}, don't you?\" {c} asked. "
        f"\"Maybe,\" {a} said.",
        f"The rain came in over the water. {b} laughed at something {a} said and handed over the warm loaf. "
        f"{a} had a crush on {b}, everyone at the harbour knew it. \"I love you, {b},\" {a} said at last. "
        f"{b} smiled. \"I love you too, {a},\" {b} said.",
        f"{c} was glad for them. {c} liked {a} and always had. \"You two,\" {c} said, and shook her head. "
        f"They sat together by the boats until the lamps were lit.",
    ]
    body = "\n\n* * *\n\n".join(scenes)
    filler = " ".join(["The gulls cried over the grey water and the boats knocked at their ropes."] *
                      max(0, (words - len(body.split())) // 14))
    return f"Title: The Harbour, part {i}\n\n{body}\n\n{filler}\n"


def write_corpus(folder: Path, count: int, words: int = 300) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = folder / f"story_{i:03d}.txt"
        path.write_text(story_text(i, words), encoding="utf-8")
        paths.append(path)
    return paths


def heartline_process(*args: str, **kwargs) -> subprocess.Popen:
    """``heartline ARGS`` as a child process (its own session, so signals reach it alone)."""
    env = dict(os.environ, RAY_USAGE_STATS_ENABLED="0")
    return subprocess.Popen([sys.executable, "-m", "heartline.cli", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env, start_new_session=True, **kwargs)


def count_works(url: str) -> int:
    """Works saved so far (0 while the schema is not there yet)."""
    engine = sa.create_engine(database_url(url))
    try:
        with engine.connect() as conn:
            return conn.execute(sa.text("SELECT count(*) FROM works")).scalar() or 0
    except sa.exc.DBAPIError:
        return 0
    finally:
        engine.dispose()


PG_URL = os.environ.get("HEARTLINE_TEST_PG_URL")


def clean_postgres() -> str:
    """The test PostgreSQL database, emptied; skips when none is configured."""
    if not PG_URL:
        pytest.skip("HEARTLINE_TEST_PG_URL is not set: start one with "
                    "'eval \"$(scripts/test-postgres start)\"' (as .ci/run does)")
    engine = sa.create_engine(database_url(PG_URL))
    with engine.begin() as conn:
        metadata.drop_all(conn)
    engine.dispose()
    return PG_URL
