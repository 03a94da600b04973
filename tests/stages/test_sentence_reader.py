"""The sentence reader: units two people share, read per direction, masked and scored."""
from __future__ import annotations

import json

from heartline.learn import SparseModel, fit_sparse
from heartline.stages.judge import WARM_READING, _judged_relation
from heartline.stages.pair_features import FEATURES, READ_FEATURES, PairRecord, with_readings
from heartline.stages.sentence_reader import Reading, load_model, score

_STORY = """Wren Halloway and Otto Brisk ran the lighthouse together.

Wren kissed Otto on the cheek before the storm came.

"You're the best thing that ever happened to me, Otto," Wren said.

Otto frowned at the sea and said nothing to Wren.
"""


def _readings(run, text=_STORY):
    return run(text)["sentence_readings"]


def test_each_shared_sentence_is_read_both_ways_with_names_masked(run) -> None:
    readings = _readings(run)
    kiss = [r for r in readings if r.unit == "sentence" and "w:cheek" in r.features]
    assert {(r.source, r.target) for r in kiss} == {("wren_halloway", "otto_brisk"), ("otto_brisk", "wren_halloway")}
    by_source = {r.source: r for r in kiss}
    # the experiencer kisses in one direction, is kissed in the other
    assert "E:nsubj:kiss" in by_source["wren_halloway"].features
    assert "T:nsubj:kiss" in by_source["otto_brisk"].features
    for r in readings:
        assert not any("wren" in f or "otto" in f for f in r.features), r.features


def test_a_quote_is_read_from_its_speaker_and_towards_them(run) -> None:
    readings = _readings(run)
    said = [r for r in readings if r.unit == "quote" and "w:happen" in r.features]
    roles = {(r.source, r.target): r.features for r in said}
    assert "Q:speaker=E" in roles[("wren_halloway", "otto_brisk")]
    assert "Q:speaker=T" in roles[("otto_brisk", "wren_halloway")]


def test_negation_and_hedges_are_marked(run) -> None:
    text = "Ida Morrow did not trust Kit Varga. Maybe Kit Varga would help Ida Morrow."
    feats = [set(r.features) for r in _readings(run, text) if r.unit == "sentence"]
    assert any("neg" in f for f in feats)
    assert any("hedge" in f for f in feats)


def test_the_verb_that_links_experiencer_and_target_is_named_per_direction(run) -> None:
    text = ("Ansa Brill and Corwen Tey kept the mill.\n\nAnsa watched Corwen across the yard.\n\n"
            "Corwen never thanked Ansa for the bread.\n")
    readings = [r for r in _readings(run, text) if r.unit == "sentence"]
    watch = {r.source: set(r.features) for r in readings if "w:yard" in r.features}
    # the experiencer watches the target one way; the target watches the experiencer the other
    assert {"ET:watch", "ETcls:gaze"} <= watch["ansa_brill"]
    assert {"TE:watch", "TEcls:gaze"} <= watch["corwen_tey"]
    assert not any(f.startswith("ET:") for f in watch["corwen_tey"])
    thanks = {r.source: set(r.features) for r in readings if "w:bread" in r.features}
    assert {"ET:thank", "ET:neg"} <= thanks["corwen_tey"]
    assert "ET:neg" not in thanks["ansa_brill"]


def test_word_classes_and_tone_generalise_a_unit(run) -> None:
    text = ("Ansa Brill and Corwen Tey kept the mill.\n\nAnsa sneered at Corwen and mocked his coat.\n\n"
            "Corwen smiled at Ansa, happy and grateful.\n")
    readings = {(r.source, "w:coat" in r.features): set(r.features) for r in _readings(run, text)
                if r.unit == "sentence" and r.source == "ansa_brill"}
    sneer = readings[("ansa_brill", True)]
    assert {"cls:scorn", "ETcls:scorn"} <= sneer
    smile = readings[("ansa_brill", False)]
    assert {"cls:joy", "tone:+", "TE:smile"} <= smile
    assert "tone:+" not in sneer


def test_a_strong_valence_is_marked_beside_the_plain_one(run) -> None:
    text = ("Ansa Brill and Tobin Quell kept the mill.\n\nAnsa handed Tobin the bread.\n\nAnsa smiled at Tobin.\n\n"
            "Tobin thought Ansa the kindest, dearest, most wonderful friend he had ever loved.\n\n"
            "Ansa called Tobin a cruel, vicious, hateful liar.\n")
    feats = {word: set(r.features) for r in _readings(run, text) if r.source == "ansa_brill"
             for word in ("w:bread", "w:smile", "w:friend", "w:liar") if word in r.features}
    # mildly warm: the plain mark only; heaped with warm (cold) words: the strong mark too
    assert "tone:+" in feats["w:smile"] and "tone:++" not in feats["w:smile"]
    assert {"tone:+", "tone:++"} <= feats["w:friend"]
    assert {"tone:-", "tone:--"} <= feats["w:liar"] and "tone:++" not in feats["w:liar"]
    assert not any(f.startswith("tone:") for f in feats["w:bread"])


def test_harm_done_and_insults_count_through_their_word_classes(run) -> None:
    text = ("Ilsa Prewitt and Marek Vosk kept the mill.\n\nIlsa blackmailed Marek all winter.\n\n"
            "\"Marek is a weasel,\" said Ilsa.\n")
    feats = [set(r.features) for r in _readings(run, text) if r.source == "ilsa_prewitt"]
    assert any("cls:harm" in f and "w:blackmail" in f for f in feats)
    assert any("cls:insult" in f and "w:weasel" in f for f in feats)

def _reading(source, target, start, warm=0.0, cold=0.0, features=("unit:sentence",)):
    return Reading(source, target, start, start + 10, 0, "sentence", features, warm, cold)


def test_reader_features_follow_the_direction_of_the_readings() -> None:
    base = PairRecord("a", "b", tuple(0.0 for _ in FEATURES), ())
    back = PairRecord("b", "a", tuple(0.0 for _ in FEATURES), ())
    readings = (_reading("a", "b", 0, warm=0.9), _reading("b", "a", 0, warm=0.1),
                _reading("a", "b", 20, warm=0.3, features=("Q:speaker=E", "unit:quote")))
    ab, ba = with_readings((base, back), readings)
    assert ab.feature("read_warm_max") == 0.9 and ab.feature("read_warm_back") == 0.1
    assert ab.feature("read_warm_lead") > 0 > ba.feature("read_warm_lead")
    assert set(READ_FEATURES) <= set(FEATURES)
    assert [r.start for r in ab.readings] == [0, 20]


def test_a_judged_feeling_shows_the_readings_that_show_it() -> None:
    text = "x" * 40
    rec = PairRecord("a", "b", tuple(0.0 for _ in FEATURES), (),
                     (_reading("a", "b", 0, warm=0.05), _reading("a", "b", 20, warm=0.8)))

    class _Doc:
        class story:  # noqa: N801
            pass
    _Doc.story.text = text  # type: ignore[attr-defined]
    rel = _judged_relation(rec, "affection", 1, 0.7, (), _Doc)  # type: ignore[arg-type]
    assert [e.start for e in rel.evidence] == [20] and rel.evidence[0].cue == WARM_READING


def test_sparse_learner_is_deterministic_and_learns_a_word() -> None:
    rows = [("w:hug", "E:nsubj")] * 5 + [("w:glare", "E:nsubj")] * 5 + [("w:walk", "E:nsubj")] * 10
    labels = [1] * 5 + [2] * 5 + [0] * 10
    vocab = ("E:nsubj", "w:glare", "w:hug", "w:walk")
    a = fit_sparse(rows, labels, vocab, ("none", "warm", "cold"))
    assert a == fit_sparse(rows, labels, vocab, ("none", "warm", "cold"))
    assert a.classes == ("none", "warm", "cold")
    p = a.probabilities([("w:hug",), ("w:glare",), ("w:unknown",)])
    assert p[0][1] > 0.6 and p[1][2] > 0.6 and p[2][0] > p[2][1]
    assert SparseModel.from_json(json.loads(json.dumps(a.to_json()))) == SparseModel.from_json(a.to_json())


def test_score_without_a_model_leaves_probabilities_at_zero() -> None:
    r = (_reading("a", "b", 0),)
    assert score(r, None) == r


def test_the_shipped_reader_holds_no_name_of_a_story(run) -> None:
    model = load_model()
    assert model is not None and model["card"]["data_sha256"]
    vocab = model["reader"]["vocabulary"]
    assert vocab == sorted(vocab) and all(":" in f or f in ("neg", "hedge", "question", "exclaim") for f in vocab)


def _train_judge():
    from bench import train_judge
    return train_judge


def test_gold_evidence_quotes_are_found_in_the_text_despite_quotes_and_spaces() -> None:
    tj = _train_judge()
    text = "He said \u201cI\u2019d  never\nleave you.\u201d Then he went. Later she smiled at the old dog."
    [(a, b)] = tj.evidence_spans("I'd never leave you.", text)
    assert text[a:b].startswith("I\u2019d") and text[a:b].endswith("you.")
    assert len(tj.evidence_spans("she smiled ... the old dog", text)) == 2
    assert tj.evidence_spans("not in the story at all", text) == []


def test_readings_are_labelled_by_evidence_and_direction() -> None:
    tj = _train_judge()
    text = "Ada hugged Ben. Ada and Ben walked. Cy watched Ada."
    gold = {"cast": "complete", "characters": [{"id": "ada"}, {"id": "ben"}, {"id": "cy"}],
            "relations": [{"from": "ada", "to": "ben", "kind": "affection", "evidence": ["Ada hugged Ben."]}]}
    mapping = {"a": "ada", "b": "ben", "c": "cy"}
    readings = (Reading("a", "b", 0, 15, 0, "sentence", ()), Reading("b", "a", 0, 15, 0, "sentence", ()),
                Reading("a", "b", 16, 35, 0, "sentence", ()), Reading("c", "a", 36, 51, 0, "sentence", ()))
    # affection (index 1 of the reader's classes) on the quote, none the other way, unknown elsewhere
    assert tj.label_readings(readings, mapping, gold, text) == (1, 0, None, 0)
