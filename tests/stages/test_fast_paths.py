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


# Invented: two scenes of talk among three people, the vocatives and tags varied
_BRIDGE = """Wendeline crossed the bridge. Corvin followed Wendeline, and Ysolde waited at the far end.

"Corvin, hurry," Wendeline said.

"I am coming," Corvin said. Ysolde laughed at Corvin.

"You are both slow," Ysolde said. Wendeline shrugged.

"Ysolde, be kind," Corvin said.

* * *

Later Ysolde sat with Wendeline by the fire. Corvin slept.

"Did he sleep well?" Ysolde asked.

"He always does, Ysolde," Wendeline said. Ysolde smiled at Wendeline.

"Then let him," Ysolde said.
"""


def test_the_scene_count_of_a_speaker_candidate_counts_the_window_before_its_quote(run, monkeypatch) -> None:
    """``scene_count`` slides one window of counts along the quotes: it must give the plain count of the
    scene's linked mentions in the reach before each quote, also where the window drops mentions
    (a reach of 90 characters here) and where a new scene starts it afresh."""
    import math

    from heartline.stages import speaker_features

    monkeypatch.setattr(speaker_features, "_SCENE_REACH", 90)
    r = run(_BRIDGE)
    records = speaker_records(r["document"], r["quote_spans"], r["mentions"], r["cast"], r["coref"], r["speakers"])
    assert len({x.quote for x in records}) >= 6
    links = dict(r["coref"].links)
    outside = [m for m in r["mentions"].items if m.quote is None and m.index in links
               and m.kind in ("name", "pronoun", "epithet", "relational")]
    seen_counts = set()
    for rec in records:
        q = r["quote_spans"][rec.quote]
        scene = r["document"].scenes[q.scene]
        lo = max(scene.start, q.start - 90)
        count = sum(links[m.index] == rec.candidate for m in outside if lo <= m.start < q.start)
        assert rec.feature("scene_count") == math.log1p(count), (rec.quote, rec.candidate)
        seen_counts.add(count)
    assert len(seen_counts) > 1  # the window does hold different counts along the talk


def test_the_vocatives_and_explicit_speakers_of_speaker_records_are_the_plain_readings(run) -> None:
    """Each quote's vocatives are read once and its explicit speaker taken from ``explicit_mentions``:
    the features must be those the plain readings (``is_vocative``, ``explicit_speaker_mention``) give."""
    from heartline.stages.speaker_features import explicit_mentions
    from heartline.stages.speakers import is_vocative

    r = run(_BRIDGE)
    text = r["document"].story.text
    spans = r["quote_spans"]
    links = dict(r["coref"].links)
    records = speaker_records(r["document"], spans, r["mentions"], r["cast"], r["coref"], r["speakers"])
    said = explicit_mentions(r["document"], spans, r["mentions"], r["coref"])
    called = {q.index: {links[m.index] for m in r["mentions"].items if m.quote == q.index and m.kind == "name"
                        and m.index in links and is_vocative(text, q, m)} for q in spans}
    assert called[0] == {"corvin"} and any(called.values())
    for rec in records:
        assert rec.feature("vocative") == float(rec.candidate in called[rec.quote])
        assert rec.explicit == (rec.quote in said)
        if rec.quote not in said:
            assert rec.feature("explicit_speaker") == rec.feature("explicit_other") == 0.0
        else:
            assert rec.feature("explicit_speaker") + rec.feature("explicit_other") == 1.0
    assert sum(rec.feature("called_in_next") for rec in records) > 0
    # the records with the explicit mentions handed in are those read without them
    assert speaker_records(r["document"], spans, r["mentions"], r["cast"], r["coref"], r["speakers"],
                           explicit_by=said) == records


def test_a_linear_model_keeps_its_arrays_and_gives_the_plain_formula() -> None:
    import numpy as np

    from heartline.learn import LinearModel, _softmax, _standardise

    model = LinearModel(("bias", "a", "b"), ("no", "yes"), (0.0, 0.5, -1.0), (1.0, 2.0, 0.25),
                        ((0.1, -0.3, 0.7), (-0.2, 0.4, 1.5)))
    rows = [[1.0, 0.3, 2.0], [1.0, -1.5, 0.0], [1.0, 4.0, -0.75]]
    plain = _softmax(_standardise(np.asarray(rows, dtype=float), model.mean, model.scale)
                     @ np.asarray(model.weights, dtype=float).T)
    assert np.array_equal(model.probabilities(rows), plain)
    assert np.array_equal(model.probabilities(rows), plain)  # the second call, on the kept arrays
    assert model == LinearModel(model.features, model.classes, model.mean, model.scale, model.weights)


def test_scene_at_by_bisection_is_the_scan_of_the_scenes() -> None:
    from heartline.model import Document, Scene, Story

    def scan(scenes, offset):
        return next((s.index for s in scenes if s.start <= offset < s.end), scenes[-1].index if scenes else 0)

    story = Story(source="x", text="a" * 60)
    ordered = (Scene(0, 0, 10, 0), Scene(1, 10, 10, 0), Scene(2, 10, 25, 0), Scene(3, 30, 50, 1))
    overlapping = (Scene(0, 0, 30, 0), Scene(1, 20, 40, 0), Scene(2, 5, 12, 0))
    for scenes in (ordered, overlapping, ()):
        doc = Document(story, scenes, (), (), ())
        for offset in range(-2, 62):
            assert doc.scene_at(offset) == scan(scenes, offset), (scenes, offset)
    assert Document(story, ordered, (), (), ()).scene_at(10) == 2  # the empty scene holds nothing
    assert Document(story, overlapping, (), (), ()).scene_at(25) == 0  # the first that holds it


def test_the_words_a_hostile_idiom_row_is_prefiltered_by_stand_in_its_match() -> None:
    import re

    from heartline.stages.evidence import _HOSTILE_IDIOM_WORDS, HOSTILE_IDIOMS

    for row_id, pattern, _kind, _weight, example in HOSTILE_IDIOMS:
        found = re.search(pattern, example, re.IGNORECASE)
        assert found is not None, row_id
        words = _HOSTILE_IDIOM_WORDS.get(row_id)
        assert words is None or words.search(found.group()), row_id


def test_a_one_quote_voice_walks_back_to_the_first_word_of_its_noun_phrase(run) -> None:
    from heartline.stages.speakers import _ONE_QUOTE_FIRST, _one_quote_voice

    r = run('"Go on," said another deckhand, and Ysolt frowned.\n')
    tokens = r["document"].tokens
    subj = next(t for t in tokens if t.text == "deckhand")
    first = next(t for t in tokens if t.text == "another")
    assert "another" in _ONE_QUOTE_FIRST
    assert _one_quote_voice(tokens, subj, first.start)
    assert not _one_quote_voice(tokens, subj, subj.start)


def test_the_words_a_refusal_is_prefiltered_by_stand_in_its_match() -> None:
    import re

    from heartline.stages.evidence import _REFUSAL_WORDS, REFUSALS

    for row_id, pattern, example in REFUSALS:
        found = re.search(pattern, example, re.IGNORECASE)
        assert found is not None, row_id
        assert any(words.search(found.group()) for words in _REFUSAL_WORDS), row_id


def test_the_second_speaker_pass_from_the_first_passs_contexts_is_the_pass_read_afresh(run) -> None:
    """``rescore`` hands the second pass the per-quote contexts the first pass made (``contexts``): its
    records, and those of any later pass over other picks, must be those read with none handed in."""
    from dataclasses import replace

    r = run(_BRIDGE + "\n\n" + _PIER)
    args = (r["document"], r["quote_spans"], r["mentions"], r["cast"], r["coref"])
    contexts: dict[int, tuple] = {}
    first = speaker_records(*args, r["speakers"], contexts=contexts)
    assert first == speaker_records(*args, r["speakers"])
    assert contexts
    # the second pass reads other picks: every quote given to the first candidate its records offered
    picked = {}
    for rec in first:
        picked.setdefault(rec.quote, rec.candidate)
    others = tuple(replace(q, speaker=picked.get(q.index, q.speaker)) for q in r["speakers"])
    again = speaker_records(*args, others, going_on=True, drop_unfit=True, contexts=contexts)
    assert again == speaker_records(*args, others, going_on=True, drop_unfit=True)
    assert again
