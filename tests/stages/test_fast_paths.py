"""The faster paths of the analysis give what the plain ones gave (output byte for byte)."""
from __future__ import annotations

from heartline.stages.speaker_features import speaker_records


# Invented: three people on a pier, one quote tagged by name after a paragraph of narration
_PIER = """Ondrej and Paulette walked along the pier. Marit waved at Ondrej from the boat, and Ondrej waved back.

Paulette laughed. Ondrej grinned. "She always waves," Paulette said, and Ondrej nodded at Marit.

"Come aboard," Marit called.
"""


def test_the_mention_features_of_a_speaker_candidate_count_its_mentions(run) -> None:
    r = run(_PIER)
    records = speaker_records(r["document"], r["quote_spans"], r["mentions"], r["cast"], r["coref"], r["speakers"])
    first = {x.candidate: x for x in records if x.quote == 0}
    assert set(first) == {"ondrej", "paulette", "marit"}
    # the plain count: linked mentions outside quotes between the paragraph's start and the quote
    links = dict(r["coref"].links)
    q = r["quote_spans"][0]
    p_start, _ = r["document"].paragraphs[q.paragraph]
    prev_start, prev_end = r["document"].paragraphs[q.paragraph - 1]
    outside = [m for m in r["mentions"].items if m.quote is None and m.index in links]
    for cid, rec in first.items():
        before = sum(links[m.index] == cid for m in outside if p_start <= m.start < q.start)
        assert rec.feature("before_count") == min(3, before)
        assert rec.feature("before_mention") == float(before > 0)
        in_prev = any(links[m.index] == cid for m in outside if prev_start <= m.start < prev_end)
        assert rec.feature("prev_para_mention") == float(in_prev)
        assert rec.feature("in_tag") == 1.0  # "Paulette said, and Ondrej nodded at Marit"
    assert first["ondrej"].feature("before_last_mention") == 1.0  # "Ondrej grinned."
    assert first["paulette"].feature("before_last_mention") == 0.0
    assert first["paulette"].feature("tag_speech_subject") == 1.0
    assert first["ondrej"].feature("tag_speech_subject") == 0.0
    assert first["marit"].feature("next_para_mention") == 1.0
    assert first["ondrej"].feature("next_para_mention") == 0.0
    # the nearest mention ranks first: Paulette's "said" tag beside the quote
    assert first["paulette"].feature("nearest_rank") == 0.0
    # the second quote: Paulette spoke the one before it
    second = {x.candidate: x for x in records if x.quote == 1}
    assert second["paulette"].feature("recent_turns") == 1.0
    assert second["marit"].feature("recent_turns") == 0.0
