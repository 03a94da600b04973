"""A small hand-built analysis/v2 dict for testing the answer logic without the parser
(scenes and chapters numbered from 1, as the JSON numbers them).

Every verdict has a pair here: yes (anna -> tom, stated), hinted (tom -> anna, implied),
denies it (cleo -> tom), used to (tom -> cleo, past; rex -> anna, romantic then affection),
no (rex -> tom, hatred), unknown (anna -> rex).
"""
from __future__ import annotations

from typing import Any


def _ev(text: str, start: int, scene: int, kind: str, how: str, cue: str, past: bool = False) -> dict[str, Any]:
    return {"text": text, "start": start, "end": start + len(text), "scene": scene, "kind": kind,
            "how": how, "cue": cue, "past": past}


def _rel(src: str, dst: str, kind: str, how: str, current: bool, confidence: float,
         evidence: list[dict[str, Any]], arc: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {"from": src, "to": dst, "kind": kind, "how": how, "current": current,
            "confidence": confidence, "arc": arc or [], "evidence": evidence}


def _arc(scene: int, kind: str, how: str, past: bool, label: str) -> dict[str, Any]:
    return {"scene": scene, "kind": kind, "how": how, "past": past, "label": label}


def tiny_analysis() -> dict[str, Any]:
    return {
        "schema": "heartline/analysis/v2",
        "story": {"source": "tiny.txt", "title": "Tiny", "words": 500,
                  "scenes": [{"index": 1, "start": 0, "end": 400, "chapter": 1, "title": ""},
                             {"index": 2, "start": 400, "end": 900, "chapter": 2, "title": "Chapter 2"}]},
        "characters": [
            {"id": "anna_bell", "name": "Anna Bell", "aliases": ["Anna", "Anna Bell", "Anna-chan"],
             "gender": "female", "mentions": 40, "centrality": 1.0},
            {"id": "tom_reed", "name": "Tom Reed", "aliases": ["Tom", "Tom Reed", "Captain Reed"],
             "gender": "male", "mentions": 30, "centrality": 0.75},
            {"id": "cleo_reed", "name": "Cleo Reed", "aliases": ["Cleo", "Cleo Reed"],
             "gender": "female", "mentions": 12, "centrality": 0.3},
            {"id": "rex_stone", "name": "Rex Stone", "aliases": ["Rex", "Captain Stone", "the tall man"],
             "gender": "male", "mentions": 8, "centrality": 0.2},
            {"id": "mr_alder", "name": "Mr. Alder", "aliases": ["Mr. Alder"],
             "gender": "male", "mentions": 2, "centrality": 0.05},
        ],
        "quotes": [
            {"text": "I love you, Tom,", "start": 10, "end": 26, "speaker": "anna_bell", "addressee": "tom_reed",
             "addressee_from": "vocative", "scene": 1, "kind": "speech"},
            {"text": "Cleo is crazy about Tom.", "start": 100, "end": 124, "speaker": "rex_stone",
             "addressee": None, "addressee_from": None, "scene": 1, "kind": "speech"},
            {"text": "I do not love him.", "start": 450, "end": 468, "speaker": "cleo_reed", "addressee": None,
             "addressee_from": None, "scene": 2, "kind": "speech"},
        ],
        "relations": [
            _rel("anna_bell", "tom_reed", "romantic", "stated", True, 0.93,
                 [_ev("I love you, Tom,", 10, 1, "romantic", "stated", "love")]),
            _rel("cleo_reed", "tom_reed", "romantic", "denied", True, 0.7,
                 [_ev("Cleo is crazy about Tom.", 100, 1, "romantic", "claimed", "crazy about"),
                  _ev("I do not love him.", 450, 2, "romantic", "denied", "love")],
                 [_arc(1, "romantic", "claimed", False, "romantic claimed"),
                  _arc(2, "romantic", "denied", False, "denied")]),
            _rel("rex_stone", "tom_reed", "hatred", "narrated", True, 0.6,
                 [_ev("Rex hated Tom.", 200, 1, "hatred", "narrated", "hated")]),
            _rel("tom_reed", "anna_bell", "romantic", "implied", True, 0.5,
                 [_ev("Tom kept her letters.", 300, 1, "romantic", "implied", "kept her letters")]),
            _rel("tom_reed", "cleo_reed", "romantic", "narrated", False, 0.4,
                 [_ev("Tom had loved Cleo once.", 320, 1, "romantic", "narrated", "loved", past=True)]),
            _rel("rex_stone", "anna_bell", "affection", "narrated", True, 0.55,
                 [_ev("Rex had adored Anna years ago.", 340, 1, "romantic", "narrated", "adored", past=True),
                  _ev("Rex was a good friend to Anna.", 500, 2, "affection", "narrated", "friend")],
                 [_arc(1, "romantic", "narrated", True, "romantic (past)"),
                  _arc(2, "affection", "narrated", False, "affection narrated")]),
        ],
        "tags": {"characters": ["Anna Bell", "Tom Reed"], "relationships": ["Anna Bell/Tom Reed", "Cleo Reed/Tom Reed"]},
    }
