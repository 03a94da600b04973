"""A full name said in two three-word orders ("Bexa Mirrow Vorrick", "Vorrick Bexa Mirrow") beside
two shorter full names that each could be its middle-name form: which of its long names is read
must not follow the order of a set of strings, i.e. the per-process hash seed."""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.determinism import run_setting  # noqa: E402

STORY = "\n\n".join(
    ["Bexa Vorrick waved at the gate. Vorrick Mirrow laughed. Bexa Mirrow Vorrick sat down. "
     "Vorrick Bexa Mirrow frowned at the sky.",
     "Later Bexa Vorrick and Vorrick Mirrow walked to the mill, and Bexa Mirrow Vorrick followed "
     "them. Vorrick Bexa Mirrow stayed behind."] * 6) + "\n"


def test_the_cast_of_long_name_orders_is_the_same_under_any_hash_seed(tmp_path) -> None:
    path = tmp_path / "names.txt"
    path.write_text(STORY, encoding="utf-8")
    # before the fix, seeds 0 and 2 gave one cast and 1, 3, 4 and 5 another
    hashes = {seed: run_setting([str(path)], seed, 1, timeout=300)[str(path)] for seed in (0, 1, 2, 3)}
    assert len(set(hashes.values())) == 1, hashes
