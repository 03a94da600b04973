"""The parse stage's bounds (issue 17, point 5): runs with no sentence punctuation go to the
parser in bounded pieces, batches are bounded in characters, and ordinary prose is handed
over exactly as before."""
from __future__ import annotations

import random

from heartline.stages import parse as parse_stage
from heartline.stages.parse import _PIECE_CHARS, _RUN_CHARS, _batches, _bounded_runs, _chunks


def _words(n: int, seed: int = 5) -> str:
    rng = random.Random(seed)
    return " ".join(rng.choice(["and", "the", "Varn", "walked", "river", "she", "over"]) for _ in range(n))


def test_ordinary_paragraphs_are_one_piece() -> None:
    text = "She came in. He looked up! Did they speak? " * 400  # 17,000 characters, sentences
    assert list(_bounded_runs(text, 0, len(text))) == [(0, len(text))]
    short = _words(600)  # under the run limit: one piece, unpunctuated or not
    assert len(short) < _RUN_CHARS and list(_bounded_runs(short, 0, len(short))) == [(0, len(short))]


def test_a_long_unpunctuated_run_is_cut_into_bounded_pieces_losing_nothing() -> None:
    before = "It was late. The rain had stopped. "
    run = _words(3000)  # about 15,000 characters with no full stop
    after = ". She slept. " + "He waited. " * 10
    text = (before + run + after).strip()  # a paragraph span is trimmed
    pieces = list(_chunks(text, ((0, len(text)),)))
    assert pieces[0] == (0, len(before) - 1)  # the punctuated opening is kept whole ("...stopped.")
    assert all(e - s <= _PIECE_CHARS for s, e in pieces[1:-1])
    assert len(pieces) >= len(run) // _PIECE_CHARS
    assert " ".join(text[s:e] for s, e in pieces).split() == text.split()
    assert all(not text[s].isspace() and not text[e - 1].isspace() for s, e in pieces)


def test_pieces_end_at_line_breaks_when_the_text_has_them() -> None:
    lines = [_words(12, seed=i) for i in range(400)]  # a hard-wrapped run, no punctuation
    text = "\n".join(lines)
    for s, e in _chunks(text, ((0, len(text)),)):
        assert e == len(text) or text[e] == "\n"
        assert e - s <= _PIECE_CHARS


def test_batches_hold_at_most_the_character_budget(monkeypatch) -> None:
    monkeypatch.setattr(parse_stage, "_BATCH_CHARS", 100)
    texts = ["x" * 40] * 7 + ["y" * 300] + ["z" * 10] * 3
    batches = list(_batches(texts))
    assert [t for b in batches for t in b] == texts
    assert all(sum(map(len, b)) <= 100 or len(b) == 1 for b in batches)
    assert [len(b) for b in batches] == [2, 2, 2, 1, 1, 3]
    monkeypatch.setattr(parse_stage, "_BATCH_CHARS", 10**9)
    assert [len(b) for b in _batches(["a"] * 130)] == [64, 64, 2]  # ordinary text: batches as before


def test_unpunctuated_text_parses_into_bounded_sentences(run) -> None:
    text = "Mia met Tom at the gate. " + _words(2500) + "\n"
    document = run(text)["document"]
    assert max(s.end - s.start for s in document.sentences) <= _PIECE_CHARS
    assert document.tokens[-1].text == text.split()[-1]
