"""Tests for heartline.eval: one small hand-made case per scoring rule of
shared/gold/README.md, with exact expected numbers, plus a self-consistency check
over the real gold files (gold scored against itself must be perfect)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from heartline.errors import GoldError
from heartline.eval import (
    Edge,
    format_score,
    gold_text_path,
    load_gold,
    normalise_name,
    score,
    score_to_json,
)

SHARED = Path(__file__).resolve().parents[2] / "shared"


# ------------------------------------------------------------------ helpers
def gchar(cid: str, name: str, *aliases: str, main: bool = False, optional: bool = False) -> dict:
    c: dict[str, Any] = {"id": cid, "name": name, "gender": "unknown", "main": main,
                         "aliases": list(aliases)}
    if optional:
        c["optional"] = True
    return c


def grel(src: str, tgt: str, kind: str = "romantic", optional: bool = False) -> dict:
    r: dict[str, Any] = {"from": src, "to": tgt, "kind": kind, "how": "narrated"}
    if optional:
        r["optional"] = True
    return r


def make_gold(chars: list[dict], rels: list[dict], cast: str = "complete",
              not_characters: list[str] | None = None) -> dict:
    return {"text": "corpus/x.txt", "cast": cast, "characters": chars, "relations": rels,
            "not_characters": not_characters or []}


def pchar(cid: str, name: str, *aliases: str) -> dict:
    return {"id": cid, "name": name, "aliases": list(aliases), "gender": "unknown", "mentions": 1}


def prel(src: str, tgt: str, kind: str = "romantic", current: bool | None = True) -> dict:
    r: dict[str, Any] = {"from": src, "to": tgt, "kind": kind, "how": "narrated", "confidence": 0.5}
    if current is not None:
        r["current"] = current
    return r


def make_pred(chars: list[dict], rels: list[dict] | None = None) -> dict:
    return {"characters": chars, "relations": rels or []}


# A small story: Anna and Ben are leads; Cora; an optional unnamed mother.
GOLD_CHARS = [
    gchar("anna", "Anna Reed", "Anna", "Miss Reed", main=True),
    gchar("ben", "Ben Hale", "Ben", "Mr Hale", main=True),
    gchar("cora", "Cora", "Cora"),
    gchar("mother", "Anna's mother", "her mother", optional=True),
]
PERFECT_CAST = [pchar("p1", "Anna"), pchar("p2", "Ben"), pchar("p3", "Cora")]


# ------------------------------------------------------------------ names
def test_normalise_name_rule_1():
    assert normalise_name("Mr. Ferrars") == normalise_name("mr ferrars") == "mr ferrars"
    assert normalise_name("O\u2019Brien") == normalise_name("o'brien") == "o'brien"
    assert normalise_name("\u2018Tis") == "'tis"
    assert normalise_name("  Anna \t\n  Reed ") == "anna reed"
    assert normalise_name("St. John") == "st john"


# ------------------------------------------------------------------ characters
def test_mapping_by_most_shared_names_and_periods_case():
    gold = make_gold(GOLD_CHARS, [])
    # shares "ben" with ben (1) but "anna" and "miss reed" with anna (2)
    pred = make_pred([pchar("x", "Ben", "ANNA", "Miss. Reed")])
    assert score(pred, gold).mapping == {"x": "anna"}


def test_mapping_tie_prefers_own_name_then_gold_order():
    gold = make_gold(GOLD_CHARS, [])
    pred = make_pred([
        pchar("a", "Ben", "Anna"),          # 1-1 tie: own name is Ben's
        pchar("b", "Anna", "Ben"),          # 1-1 tie: own name is Anna's
        pchar("c", "Stranger", "Ben", "Anna"),  # tie, own name unknown: first in gold file
        pchar("d", "Nobody"),               # shares nothing
    ])
    assert score(pred, gold).mapping == {"a": "ben", "b": "anna", "c": "anna", "d": None}


def test_character_recall_main_missed_and_optional_left_out():
    gold = make_gold(GOLD_CHARS, [])
    s = score(make_pred([pchar("p1", "Anna"), pchar("m", "her mother")]), gold)
    assert (s.characters_found, s.characters_required) == (1, 3)
    assert (s.main_found, s.main_required) == (1, 2)
    assert s.character_recall == pytest.approx(1 / 3)
    assert s.main_recall == 0.5
    assert s.missed_characters == ("ben", "cora")
    assert s.mapping["m"] == "mother"


def test_split_detected_and_counted_once_in_recall():
    gold = make_gold(GOLD_CHARS, [])
    s = score(make_pred([pchar("p1", "Anna"), pchar("p9", "Miss Reed"), pchar("p2", "Ben")]), gold)
    assert s.splits == {"anna": ("p1", "p9")}
    assert (s.characters_found, s.main_found) == (2, 2)


def test_false_characters_are_all_names_in_not_characters():
    gold = make_gold(GOLD_CHARS, [], not_characters=["Hollowbirch", "The Corn Exchange"])
    pred = make_pred([
        pchar("f1", "hollowbirch"),
        pchar("f2", "the corn exchange", "Hollowbirch"),
        pchar("ok", "Hollowbirch", "Stranger"),  # one name not in the list
        pchar("p1", "Anna"),
    ])
    s = score(pred, gold)
    assert s.false_characters == ("f1", "f2")
    assert s.mapping["f1"] is None


def test_alias_purity_counts_only_names_the_gold_knows():
    gold = make_gold(GOLD_CHARS, [], not_characters=["Hollowbirch"])
    pred = make_pred([
        # mapped to anna: anna, miss reed pure; ben impure; hollowbirch impure;
        # "the tall girl" unknown to the gold, not counted -> 2 pure of 4
        pchar("p1", "Anna", "Miss Reed", "Ben", "Hollowbirch", "the tall girl"),
        # mapped to cora: 1 pure of 1
        pchar("p3", "Cora", "cora"),
        # unmapped: not counted at all
        pchar("px", "Stranger", "Hollowbirch"),
    ])
    s = score(pred, gold)
    assert (s.alias_pure, s.alias_counted) == (3, 5)
    assert s.alias_purity == pytest.approx(0.6)


# ------------------------------------------------------------------ relations
def test_perfect_prediction_and_exact_f1():
    gold = make_gold(GOLD_CHARS, [grel("anna", "ben"), grel("ben", "anna"), grel("cora", "anna", "dislike")])
    pred = make_pred(PERFECT_CAST, [prel("p1", "p2"), prel("p3", "p1", "dislike"), prel("p3", "p2", "hatred")])
    s = score(pred, gold)
    assert (s.strict.correct, s.strict.predicted, s.strict.found, s.strict.required) == (2, 3, 2, 3)
    assert s.strict.precision == pytest.approx(2 / 3)
    assert s.strict.recall == pytest.approx(2 / 3)
    assert s.strict.f1 == pytest.approx(2 / 3)
    assert s.true_positives == (Edge("anna", "ben", "romantic"), Edge("cora", "anna", "dislike"))
    assert s.false_positives == (Edge("cora", "ben", "hatred"),)
    assert s.missed_relations == (Edge("ben", "anna", "romantic"),)


def test_not_current_is_skipped_and_missing_current_means_true():
    gold = make_gold(GOLD_CHARS, [grel("anna", "ben"), grel("ben", "anna")])
    pred = make_pred(PERFECT_CAST, [
        prel("p1", "p2", current=None),          # no "current": scored
        prel("p2", "p1", current=False),         # past: skipped
        prel("p3", "p1", "hatred", current=False),  # past wrong one: no FP
    ])
    s = score(pred, gold)
    assert s.not_current == 2
    assert (s.strict.correct, s.strict.predicted, s.strict.found, s.strict.required) == (1, 1, 1, 2)


def test_triples_deduplicated_after_mapping():
    gold = make_gold(GOLD_CHARS, [grel("anna", "ben")])
    pred = make_pred(PERFECT_CAST + [pchar("p9", "Miss Reed")], [
        prel("p1", "p2"), prel("p9", "p2"), prel("p1", "p2"),   # one TP
        prel("p1", "p3", "dislike"), prel("p9", "p3", "dislike"),  # one FP
    ])
    s = score(pred, gold)
    assert (s.strict.correct, s.strict.predicted) == (1, 2)
    assert s.strict.precision == 0.5
    assert s.false_positives == (Edge("anna", "cora", "dislike"),)


def test_optional_relation_neither_right_nor_wrong():
    gold = make_gold(GOLD_CHARS, [grel("anna", "ben"), grel("cora", "ben", optional=True)])
    for kind in ("romantic", "hatred"):  # any kind on the optional pair is ignored
        pred = make_pred(PERFECT_CAST, [prel("p1", "p2"), prel("p3", "p2", kind)])
        s = score(pred, gold)
        assert (s.strict.correct, s.strict.predicted, s.strict.found, s.strict.required) == (1, 1, 1, 1)
        assert (s.lenient.correct, s.lenient.predicted) == (1, 1)
        assert s.neutral == (Edge("cora", "ben", kind),)
    # not predicting it is no miss either
    s = score(make_pred(PERFECT_CAST, [prel("p1", "p2")]), gold)
    assert s.missed_relations == ()
    # the reverse pair is not the optional pair: an ordinary FP
    s = score(make_pred(PERFECT_CAST, [prel("p2", "p3")]), gold)
    assert (s.strict.correct, s.strict.predicted) == (0, 1)


def test_relation_touching_optional_character_is_neutral():
    gold = make_gold(GOLD_CHARS, [grel("anna", "ben"), grel("mother", "anna", "affection", optional=True)])
    pred = make_pred(PERFECT_CAST + [pchar("pm", "her mother")], [
        prel("p1", "p2"), prel("pm", "p1", "hatred"), prel("p2", "pm", "dislike"),
    ])
    s = score(pred, gold)
    assert (s.strict.correct, s.strict.predicted, s.strict.required) == (1, 1, 1)
    assert len(s.neutral) == 2


def test_required_gold_relation_touching_optional_character_is_not_required():
    gold = make_gold(GOLD_CHARS, [grel("anna", "ben"), grel("mother", "anna", "affection")])
    s = score(make_pred(PERFECT_CAST, [prel("p1", "p2")]), gold)
    assert (s.strict.found, s.strict.required) == (1, 1)


def test_partial_cast_skips_relations_with_unmapped_person():
    gold = make_gold(GOLD_CHARS, [grel("anna", "ben")], cast="partial")
    pred = make_pred(PERFECT_CAST + [pchar("px", "Mr Smith")], [
        prel("p1", "p2"), prel("px", "p1"), prel("p1", "px", "dislike"), prel("p1", "ghost"),
    ])
    s = score(pred, gold)
    assert (s.strict.correct, s.strict.predicted) == (1, 1)
    assert s.unscored == 3
    assert s.false_positives == ()


def test_complete_cast_counts_unmapped_person_as_false_positive():
    gold = make_gold(GOLD_CHARS, [grel("anna", "ben")], cast="complete")
    pred = make_pred(PERFECT_CAST + [pchar("px", "Mr Smith"), pchar("py", "Mr Smith")], [
        prel("p1", "p2"), prel("px", "p1"), prel("py", "p1"), prel("px", "p1"),
    ])
    s = score(pred, gold)
    # px and py are two different unmapped people: two FPs, not one
    assert (s.strict.correct, s.strict.predicted) == (1, 3)
    assert s.false_positives == (Edge("?px", "anna", "romantic"), Edge("?py", "anna", "romantic"))
    assert s.false_positives[0].show() == "?Mr Smith -> anna  romantic"
    assert s.unscored == 0


def test_self_relation_after_mapping_is_false_positive():
    gold = make_gold(GOLD_CHARS, [grel("anna", "ben")])
    pred = make_pred(PERFECT_CAST + [pchar("p9", "Miss Reed")], [prel("p1", "p9", "hatred")])
    s = score(pred, gold)
    assert s.false_positives == (Edge("anna", "anna", "hatred"),)
    assert (s.strict.predicted, s.lenient.predicted, s.lenient.correct) == (1, 1, 0)


def test_lenient_same_pair_same_polarity():
    gold = make_gold(GOLD_CHARS, [grel("anna", "ben", "romantic"), grel("cora", "anna", "hatred"),
                                  grel("ben", "cora", "affection")])
    pred = make_pred(PERFECT_CAST, [
        prel("p1", "p2", "affection"),  # positive for romantic: lenient yes, strict no
        prel("p3", "p1", "dislike"),    # negative for hatred: lenient yes
        prel("p3", "p2", "affection"),  # reversed pair of ben->cora: lenient no
    ])
    s = score(pred, gold)
    assert (s.strict.correct, s.strict.predicted, s.strict.found) == (0, 3, 0)
    assert (s.lenient.correct, s.lenient.predicted, s.lenient.found, s.lenient.required) == (2, 3, 2, 3)
    assert s.lenient.precision == pytest.approx(2 / 3)
    assert s.lenient.recall == pytest.approx(2 / 3)


def test_lenient_wrong_polarity_and_two_kinds_on_one_pair():
    gold = make_gold(GOLD_CHARS, [grel("anna", "ben", "romantic")])
    s = score(make_pred(PERFECT_CAST, [prel("p1", "p2", "dislike")]), gold)
    assert (s.lenient.correct, s.lenient.predicted, s.lenient.found) == (0, 1, 0)
    # romantic and affection both predicted: strict 1 of 2, lenient 2 of 2
    s = score(make_pred(PERFECT_CAST, [prel("p1", "p2", "romantic"), prel("p1", "p2", "affection")]), gold)
    assert (s.strict.correct, s.strict.predicted) == (1, 2)
    assert (s.lenient.correct, s.lenient.predicted, s.lenient.found) == (2, 2, 1)
    assert s.lenient.f1 == 1.0


def test_empty_prediction_scores_zero_not_error():
    gold = make_gold(GOLD_CHARS, [grel("anna", "ben")])
    s = score({}, gold)
    assert (s.character_recall, s.alias_purity, s.strict.precision, s.strict.recall, s.strict.f1) == (0, 0, 0, 0, 0)


# ------------------------------------------------------------------ output
def test_format_score_ends_with_compact_numbers_and_lists_errors():
    gold = make_gold(GOLD_CHARS, [grel("anna", "ben"), grel("ben", "anna")], not_characters=["Hollowbirch"])
    pred = make_pred(PERFECT_CAST[:2] + [pchar("f", "Hollowbirch")],
                     [prel("p1", "p2", "affection"), prel("p2", "p1"), prel("p1", "f", "hatred")])
    text = format_score(score(pred, gold), "tiny")
    lines = text.splitlines()
    assert lines[0] == "== tiny =="
    assert lines[-3:] == [
        "characters  recall 2/3 = 0.667  main 2/2  splits 0  false 1  alias purity 1.000",
        "relations   strict   P 0.333 R 0.500 F1 0.400",
        "relations   lenient  P 0.667 R 1.000 F1 0.800",
    ]
    assert "missed characters (1):" in lines and "  cora (Cora)" in lines
    assert "false characters (1):" in lines and '  "Hollowbirch"' in lines
    assert "  anna -> ben  affection" in lines
    assert "  ?Hollowbirch -> ben  hatred" not in lines and "  anna -> ?Hollowbirch  hatred" in lines
    assert "missed relations (1):" in lines and "  anna -> ben  romantic" in lines


def test_score_to_json_is_plain_json():
    gold = make_gold(GOLD_CHARS, [grel("anna", "ben"), grel("ben", "anna")])
    pred = make_pred(PERFECT_CAST, [prel("p1", "p2"), prel("p1", "p3")])
    data = json.loads(json.dumps(score_to_json(score(pred, gold))))
    assert data["characters"]["recall"] == 1.0
    assert data["characters"]["mapping"] == {"p1": "anna", "p2": "ben", "p3": "cora"}
    assert data["relations"]["strict"] == {"correct": 1, "predicted": 2, "found": 1, "required": 2,
                                           "precision": 0.5, "recall": 0.5, "f1": 0.5}
    assert data["relations"]["false_positives"] == [{"from": "anna", "to": "cora", "kind": "romantic"}]
    assert data["relations"]["missed"] == [{"from": "ben", "to": "anna", "kind": "romantic"}]


# ------------------------------------------------------------------ gold files
def write(tmp_path: Path, content: Any, name: str = "t.gold.json") -> Path:
    p = tmp_path / name
    p.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    return p


def test_load_gold_accepts_valid_file(tmp_path):
    gold = make_gold(GOLD_CHARS, [grel("anna", "ben")])
    assert load_gold(write(tmp_path, gold)) == gold


@pytest.mark.parametrize("content, fragment", [
    ("{not json", "not valid JSON (line 1"),
    ([1, 2], "must be a JSON object"),
    ({"relations": []}, "missing 'characters'"),
    ({"characters": []}, "missing 'relations'"),
    ({"characters": {}, "relations": []}, "'characters' must be a list"),
    ({"characters": [{"id": "a"}], "relations": []}, "characters[0]: 'name'"),
    ({"characters": [{"id": "a", "name": "A", "aliases": "A"}], "relations": []}, "'aliases'"),
    ({"characters": [{"id": "a", "name": "A"}, {"id": "a", "name": "B"}], "relations": []}, "duplicate id"),
    ({"characters": [{"id": "a", "name": "A"}], "relations": [{"from": "a", "to": "b", "kind": "romantic"}]},
     "relations[0]: 'to'"),
    ({"characters": [{"id": "a", "name": "A"}], "relations": [{"from": "a", "to": "a", "kind": "love"}]},
     "relations[0]: 'kind'"),
    ({"characters": [], "relations": [], "cast": "some"}, "'cast'"),
    ({"characters": [], "relations": [], "not_characters": [1]}, "'not_characters'"),
])
def test_load_gold_rejects_bad_shape_with_one_line(tmp_path, content, fragment):
    path = write(tmp_path, content)
    with pytest.raises(GoldError) as info:
        load_gold(path)
    message = str(info.value)
    assert fragment in message and str(path) in message and "\n" not in message


def test_load_gold_missing_file(tmp_path):
    with pytest.raises(GoldError, match="gold file not found"):
        load_gold(tmp_path / "nope.gold.json")


def test_gold_text_path_is_relative_to_shared_root(tmp_path):
    (tmp_path / "gold").mkdir()
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "x.txt").write_text("story", encoding="utf-8")
    gold_path = write(tmp_path / "gold", {"characters": [], "relations": []})
    assert gold_text_path(gold_path, {"text": "corpus/x.txt"}) == (tmp_path / "corpus" / "x.txt").resolve()
    with pytest.raises(GoldError, match="no 'text'"):
        gold_text_path(gold_path, {})
    with pytest.raises(GoldError, match="not found"):
        gold_text_path(gold_path, {"text": "corpus/missing.txt"})


# ------------------------------------------------------------------ real gold
def gold_as_prediction(gold: dict) -> dict:
    """The gold's own answer in heartline's output shape."""
    chars = [pchar(c["id"], c["name"], *c.get("aliases", [])) for c in gold["characters"]]
    rels = [prel(r["from"], r["to"], r["kind"]) for r in gold["relations"] if not r.get("optional")]
    return make_pred(chars, rels)


def real_gold_files() -> list[Path]:
    return sorted((SHARED / "gold").glob("*.gold.json"))


def test_every_real_gold_scores_perfectly_against_itself():
    if not SHARED.is_dir():
        pytest.skip(f"shared/ not found at {SHARED}: the real gold files live there")
    files = real_gold_files()
    if not files:
        pytest.skip(f"no *.gold.json in {SHARED / 'gold'}")
    for path in files:
        gold = load_gold(path)
        assert gold_text_path(path, gold).is_file(), path.name
        s = score(gold_as_prediction(gold), gold)
        assert s.character_recall == 1.0 and s.main_recall == 1.0, path.name
        assert s.splits == {} and s.false_characters == () and s.alias_purity == 1.0, path.name
        for prf in (s.strict, s.lenient):
            assert (prf.precision, prf.recall, prf.f1) == (1.0, 1.0, 1.0), path.name
        assert s.false_positives == () and s.missed_relations == (), path.name
