"""bench/coref_misses.py --no-pair: which relations it explains, from either listing it reads."""
from __future__ import annotations

from bench.coref_misses import no_pair_wanted


def test_misses_lines_keep_their_kind_and_judge_error_lines_take_the_golds() -> None:
    listing = "\n".join((
        "orchard_tale ('quennel', 'yesk') affection NO_PAIR_RECORD",
        "orchard_tale ('quennel', 'brask') dislike FOUND",
        "harbour_tale             FN-no-record         brask -> yesk  p - back -",
        "harbour_tale             FN-reverse-found     yesk -> brask  p 0.50/0.46/0.04 back 0.06/0.93/0.02",
        "fics, held out at {'warm': 0.3, 'cold': 0.35}: FN-no-record 2",
    ))
    wanted = no_pair_wanted(listing)
    assert dict(wanted) == {"orchard_tale": [("quennel", "yesk", "affection")],
                            "harbour_tale": [("brask", "yesk", "")]}
