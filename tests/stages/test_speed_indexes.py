"""The speed-ups of issues 15/16 give the same answers as the slow ways: the cue-word index of
``_cue_evidence``, the document's shared dependents, VADER's tone kept per text and equal to
VADER's own, token spans by bisection, the speaker records' look-back.  Invented names."""
from __future__ import annotations

import pytest
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from heartline.stages import evidence
from heartline.stages.pair_features import _analyzer, tone
from heartline.tokens import TokenIndex

# many kinds of cue, so the index is checked against every matcher that fires here
CUES = (
    "Wenna Ashdale met Corvin Perrow at the ferry. Wenna loved Corvin. Corvin hated Wenna. "
    "Wenna was fond of Corvin. Corvin felt a deep loathing for Wenna. Wenna had come to like Corvin. "
    "Corvin squeezed her hand. Wenna slipped her arm through his. "
    '"I could kiss you, Corvin," said Wenna. "I would die for you, Wenna," said Corvin. '
    "Wenna sabotaged Corvin's kite. Corvin asked Wenna out. Corvin was rude. Wenna was a snake. "
    "Corvin was her friend. Wenna poisoned Corvin. Corvin adored Wenna. Wenna admired Corvin. "
    "She was like a sister to him. Wenna missed Corvin terribly. Corvin was jealous of Wenna.\n"
)


class _Every:
    """A table holding every word: with it ``_cue_evidence`` tries every token, as before the index."""

    def __contains__(self, word: object) -> bool:
        return True


def _reader(res) -> evidence._Reader:
    return evidence._Reader(res["document"], res["mentions"], dict(res["links"].links), res["speakers"],
                            res["cast"], dict(res["links"].genders))


def test_cue_words_cover_every_match(run) -> None:
    res = run(CUES)
    reader = _reader(res)
    focal = evidence._focal_characters(res["document"], res["mentions"], dict(res["links"].links))
    matched = []
    for tok in reader.tokens:
        cue = evidence._match_cue(reader, tok, focal)[0] or evidence._linear_cue(reader, tok)[0]
        if cue is not None:
            matched.append(tok.text)
            assert tok.lemma in evidence._CUE_WORDS or tok.text.lower() in evidence._CUE_WORDS, tok.text
    assert len(matched) >= 12, matched  # the fixture exercises the matchers (else the check is empty)


def test_cue_index_finds_what_every_token_finds(run, monkeypatch) -> None:
    res = run(CUES)
    focal = evidence._focal_characters(res["document"], res["mentions"], dict(res["links"].links))
    indexed = evidence._cue_evidence(_reader(res), focal)
    monkeypatch.setattr(evidence, "_CUE_WORDS", _Every())
    every = evidence._cue_evidence(_reader(res), focal)
    assert indexed == every
    assert len(indexed) >= 10


def test_document_children_are_the_dependents(run) -> None:
    doc = run(CUES)["document"]
    naive: list[list[int]] = [[] for _ in doc.tokens]
    for t in doc.tokens:
        if t.head != t.index:
            naive[t.head].append(t.index)
    assert [list(k) for k in doc.children] == naive
    assert doc.children is doc.children  # made once per document
    assert all(isinstance(k, tuple) for k in doc.children)  # shared by stages: read-only


def test_span_by_bisection_matches_a_walk(run) -> None:
    doc = run(CUES)["document"]
    index = TokenIndex(doc)
    edges = sorted({0, len(doc.story.text)} | {t.start for t in doc.tokens} | {t.end for t in doc.tokens})
    for start in edges[::7]:
        for end in (start - 1, start, start + 1, start + 12, start + 80):
            walked = [t for t in doc.tokens if t.start >= start and t.start < end]
            assert index.span(start, end) == walked, (start, end)


@pytest.mark.parametrize("text", [
    "Then he left the room.", "Then 😐 he left the room.", "He grinned 😀 at the dog.", "He left :)",
    "NO.", "kind of", "sort of", "He was GREAT!!!", "It was not bad, but not good either.",
    "The cart rolled on down the lane to the mill", "", "   ", "Rain -- and more rain?!",
])
def test_tone_is_vaders(text) -> None:
    assert tone(text) == float(_analyzer().polarity_scores(text)["compound"])
    # VADER's own score, texts with no word of its lexicon (0) among them
    assert tone(text) == float(SentimentIntensityAnalyzer().polarity_scores(text)["compound"])


def test_tone_kept_per_text() -> None:
    text = "Wenna laughed and hugged Corvin, glad beyond words."
    tone(text)
    hits = tone.cache_info().hits
    assert tone(text) > 0.3
    assert tone.cache_info().hits == hits + 1


def test_speaker_look_back_reads_the_last_quotes_only(run) -> None:
    from heartline.stages.speakers import _recent, pronoun_turn

    lines = " ".join(f'"Line {n}," said {"Wenna" if n % 2 else "Corvin"}. "More {n}," she added.'
                     for n in range(12))
    res = run("Wenna Ashdale met Corvin Perrow at the ferry.\n\n" + lines + "\n")
    spans, quotes = res["quote_spans"], res["speakers"]
    assert len(quotes) >= 20
    gender = {"wenna_ashdale": "female", "corvin_perrow": "male"}
    for i, q in enumerate(spans):
        earlier = list(quotes[max(0, i - 6):i])
        assert _recent(earlier, spans, q, back=6) == _recent(list(quotes[:i]), spans, q, back=6)
        assert pronoun_turn("female", earlier, spans, q, gender) == \
            pronoun_turn("female", list(quotes[:i]), spans, q, gender)


def test_span_heads_kept_per_document(run, monkeypatch) -> None:
    """``head_of_span`` is kept in the document's memo: the same token as the walk over the span
    gives, and a second ask does not walk again."""
    import dataclasses

    doc = dataclasses.replace(run(CUES)["document"])  # a fresh document: an empty memo
    mentions = run(CUES)["mentions"].items
    index = TokenIndex(doc)

    def walked(start: int, end: int):
        inside = [t for t in doc.tokens if start <= t.start < end]
        for tok in inside:
            head = doc.tokens[tok.head]
            if head.index == tok.index or not (start <= head.start < end):
                return tok
        return inside[-1] if inside else None

    spans = [(m.start, m.end) for m in mentions] + [(0, 0), (5, 5), (len(doc.story.text), len(doc.story.text) + 3)]
    first = [index.head_of_span(s, e) for s, e in spans]
    assert first == [walked(s, e) for s, e in spans]
    assert sum(h is not None for h in first) == len(mentions)
    assert len(doc.span_heads) == len(set(spans))
    monkeypatch.setattr(TokenIndex, "_head_index", lambda *a: pytest.fail("walked twice"))
    assert [TokenIndex(doc).head_of_span(s, e) for s, e in spans] == first
