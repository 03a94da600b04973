"""bench/unit_misses.py: why a gold evidence quote is no unit of its pair (invented mentions)."""
from __future__ import annotations

from types import SimpleNamespace as NS

from bench.unit_misses import _cause


def _m(index: int, text: str, quote: int | None = None, person: int = 3, kind: str = "pronoun") -> NS:
    return NS(index=index, text=text, quote=quote, person=person, kind=kind)


def _g(cid: str | None) -> str | None:
    return cid


def test_narration_naming_one_of_the_two_is_told_apart_by_what_the_other_mention_became() -> None:
    named = _m(0, "Quennel", kind="name")
    assert _cause("quennel", "yesk", [named], [], {0: "quennel"}, _g) == "narr:one-only"
    assert _cause("quennel", "yesk", [named, _m(1, "her")], [], {0: "quennel"}, _g) == "narr:one+unresolved"
    assert _cause("quennel", "yesk", [named, _m(1, "her")], [], {0: "quennel", 1: "brask"}, _g) == \
        "narr:one+other-resolved"
    assert _cause("quennel", "yesk", [_m(1, "her")], [], {1: "brask"}, _g) == "narr:neither"


def test_talk_is_told_apart_by_speaker_addressee_and_topic() -> None:
    said = NS(index=0, kind="speech", speaker="quennel", addressee="brask")
    mine, his = _m(0, "I", quote=0, person=1), _m(1, "him", quote=0)
    assert _cause("quennel", "yesk", [mine, his], [said], {0: "quennel"}, _g) == "quote:topic-unresolved"
    assert _cause("quennel", "yesk", [mine, his], [said], {0: "quennel", 1: "brask"}, _g) == \
        "quote:topic-resolved-to-addressee"
    other = NS(index=0, kind="speech", speaker="brask", addressee="quennel")
    assert _cause("yesk", "quennel", [his], [other], {1: "yesk"}, _g) == "quote:speaker-other"
    letter = NS(index=0, kind="letter", speaker="quennel", addressee="brask")
    assert _cause("quennel", "yesk", [mine], [letter], {0: "quennel"}, _g) == "letter/line"
