"""Fixtures for the corpus tests (helpers live in corpus_helpers.py)."""
from __future__ import annotations

import pytest
from corpus_helpers import clean_postgres


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path) -> str:
    """A fresh, empty database of each kind (PostgreSQL only where one is configured)."""
    if request.param == "sqlite":
        return str(tmp_path / "fresh.sqlite")
    return clean_postgres()
