"""Corrections applied inside the analysis: each kind changes everything after it, is marked,
and a correction that matches nothing is reported as stale."""
from __future__ import annotations

import pytest

from heartline.api import analyze_story
from heartline.corrections import Correction, Corrections
from heartline.formats.text import story_from_text

STORY = """Anna Bell loved Tom Reed. Tom Reed loved Anna Bell.

"I love you, Tom," Anna said.

"Hello, Anna," Tom said. Captain Reed frowned at them from the door. Mia Stone hated Tom. Tom liked Mia.

"Go away, Captain Reed," Anna said. Nell Ash smiled at Mia."""


def run(*items: Correction):
    story = story_from_text(STORY, title="Test")
    return analyze_story(story, corrections=Corrections("fixes.yaml", items)).to_json()


def C(action: str, **fields) -> Correction:
    order = {"merge": ("names",), "split": ("alias", "from"), "not_character": ("name",),
             "rename": ("from", "to"), "remove_relation": ("from", "to", "kind"),
             "add_relation": ("from", "to", "kind", "how", "reason")}[action]
    return Correction(action, tuple((k, fields.get(k)) for k in order))


def by_name(data, name):
    return next((c for c in data["characters"] if c["name"] == name), None)


@pytest.fixture(scope="module")
def plain():
    return run()


@pytest.fixture(scope="module")
def corrected():
    return run(C("split", alias="Captain Reed", **{"from": "Tom Reed"}),
               C("not_character", name="Nell Ash"),
               C("merge", names=("Anna Bell", "Mia Stone")),
               C("rename", **{"from": "Tom", "to": "Thomas Reed"}),
               C("remove_relation", **{"from": "Thomas Reed", "to": "Anna Bell"}),
               C("add_relation", **{"from": "Captain Reed", "to": "Thomas Reed", "kind": "dislike",
                                    "how": "implied", "reason": "he frowns at him"}),
               C("merge", names=("Ghost", "Anna Bell")),
               C("remove_relation", **{"from": "Anna Bell", "to": "Captain Reed", "kind": "hatred"}))


def test_without_corrections_nothing_is_marked(plain) -> None:
    assert "Captain Reed" in by_name(plain, "Tom Reed")["aliases"]  # the mistake the split fixes
    assert by_name(plain, "Nell Ash") is not None
    assert not any(c["corrected"] for c in plain["characters"])
    assert plain["corrections"] == {"file": "fixes.yaml", "applied": [], "stale": []}


def test_split_gives_the_alias_its_own_character(corrected) -> None:
    captain = by_name(corrected, "Captain Reed")
    assert captain is not None and captain["corrected"]
    assert "Captain Reed" not in by_name(corrected, "Thomas Reed")["aliases"]


def test_not_character_removes_it(corrected) -> None:
    assert by_name(corrected, "Nell Ash") is None
    assert all("nell" not in c["id"] for c in corrected["characters"])


def test_merge_joins_aliases_and_relations_follow(corrected) -> None:
    anna = by_name(corrected, "Anna Bell")
    assert by_name(corrected, "Mia Stone") is None and {"Mia", "Mia Stone"} <= set(anna["aliases"])
    assert anna["corrected"]
    # "Tom liked Mia" is now about Anna: coreference and feelings ran on the corrected cast
    merged = run(C("merge", names=("Anna Bell", "Mia Stone")))
    evidence = [e["text"] for r in merged["relations"] if r["to"] == "anna_bell" for e in r["evidence"]]
    assert "Tom liked Mia." in evidence


def test_rename_renames_everywhere(corrected) -> None:
    tom = by_name(corrected, "Thomas Reed")
    assert tom["id"] == "thomas_reed" and tom["corrected"]
    assert any(q["speaker"] == "thomas_reed" for q in corrected["quotes"])
    assert "Thomas Reed" in " ".join(corrected["tags"]["relationships"] + corrected["tags"]["characters"])


def test_remove_and_add_relation(corrected) -> None:
    rels = {(r["from"], r["to"]): r for r in corrected["relations"]}
    assert ("thomas_reed", "anna_bell") not in rels
    added = rels[("captain_reed", "thomas_reed")]
    assert added["kind"] == "dislike" and added["corrected"] and added["reason"] == "he frowns at him"
    assert added["evidence"] == []


def test_every_correction_is_reported_applied_or_stale(corrected) -> None:
    report = corrected["corrections"]
    assert [a["action"] for a in report["applied"]] == ["split", "not_character", "merge", "rename",
                                                         "remove_relation", "add_relation"]
    assert [(s["action"], s["note"]) for s in report["stale"]] == [
        ("merge", "no character is called Ghost"),
        ("remove_relation", "heartline finds no hatred feeling from Anna Bell to Captain Reed")]
    assert report["stale"][0]["names"] == ["Ghost", "Anna Bell"]  # as written, never dropped


def test_tags_read_the_corrected_relations(corrected, plain) -> None:
    assert "Anna Bell/Tom Reed" in plain["tags"]["relationships"]
    # Tom's love for Anna was removed; hers for him stays: a one-sided pairing now
    assert "One-sided Anna Bell/Thomas Reed" in corrected["tags"]["additional"]
