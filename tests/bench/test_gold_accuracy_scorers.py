"""The accuracy report's table of trained scorers against the rules, read from the model cards."""
from __future__ import annotations

from bench.gold_accuracy import scorers_section


def test_every_shipped_scorer_is_set_beside_the_rules() -> None:
    text = "\n".join(scorers_section())
    assert text.startswith("## Trained scorers against the rules")
    for switch in ("HEARTLINE_JUDGE=rules", "HEARTLINE_SPEAKERS=rules", "HEARTLINE_PERSONS=rules"):
        assert switch in text
    rows = [line for line in text.splitlines() if line.startswith("| ") and "---" not in line]
    assert len(rows) == 1 + 4  # header, fics, novels, speakers, persons
    for row in rows[1:]:
        cells = [c.strip() for c in row.strip("|").split("|")]
        assert cells[3] and cells[4] and cells[5] == "trained"
    judge_rows = [row for row in rows if "HEARTLINE_JUDGE=rules" in row]
    assert judge_rows and all("(pooled " in row for row in judge_rows)  # issue 16 states its target pooled
