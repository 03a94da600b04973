"""The benchmark code lives in ``bench/`` at the repository root, outside the package."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SHARED = ROOT.parent / "shared"
LITBANK = SHARED / "litbank"


@pytest.fixture(scope="session")
def litbank() -> Path:
    if not (LITBANK / "entities" / "brat").is_dir():
        pytest.skip(f"LitBank not found at {LITBANK} (it lives outside the repository, in ../shared)")
    return LITBANK
