"""The data model and the ``heartline/analysis/v2`` JSON contract."""
from __future__ import annotations

import dataclasses
import json

import pytest

from heartline.model import (SCHEMA, Analysis, ArcStep, Cast, Character, Conversation, Evidence, Mention, Mentions,
                             Quote, Relation, Scene, Story, Tags, polarity)

TOP = {"schema", "story", "characters", "quotes", "relations", "conversations", "tags", "corrections", "models"}
STORY_KEYS = {"source", "title", "words", "scenes", "format", "archive", "metadata", "declared_tags"}
METADATA_KEYS = {"url", "authors", "fandoms", "rating", "warnings", "categories", "language", "series",
                 "summary", "notes", "chapter_titles", "extra"}
DECLARED_KEYS = {"relationships", "characters", "additional"}
SCENE_KEYS = {"index", "start", "end", "chapter", "title"}
CHARACTER_KEYS = {"id", "name", "aliases", "gender", "mentions", "centrality", "corrected"}
QUOTE_KEYS = {"text", "start", "end", "speaker", "addressee", "addressee_from", "scene", "kind",
              "speaker_description"}
RELATION_KEYS = {"from", "to", "kind", "how", "current", "confidence", "arc", "evidence", "corrected", "reason"}
ARC_KEYS = {"scene", "kind", "how", "past", "label"}
EVIDENCE_KEYS = {"text", "start", "end", "scene", "kind", "how", "cue", "past"}
TAG_KEYS = {"characters", "relationships", "additional", "compared"}
CONVERSATION_KEYS = {"from", "to", "count", "quotes"}
CORRECTIONS_KEYS = {"file", "applied", "stale"}


def _analysis() -> Analysis:
    text = '"I love you," Mia said.'
    ev = Evidence("mia", "tom", "romantic", "stated", 1, 11, "I love you", 0, "love")
    return Analysis(
        story=Story(source="s.txt", text=text, title="S"),
        scenes=(Scene(0, 0, len(text), 0, ""),),
        characters=(Character("mia", "Mia", ("Mia",), "female", 2, 0.123456),
                    Character("tom", "Tom", ("Tom",), "male", 1, 0.5)),
        quotes=(Quote(0, 1, 11, "I love you", "mia", "tom", 0),),
        relations=(Relation("mia", "tom", "romantic", "stated", True, 0.66666,
                            (ArcStep(0, "romantic", "denied"), ArcStep(0, "romantic", "stated")), (ev,)),),
        tags=Tags(("Mia", "Tom"), ("Mia/Tom",)),
        conversations=(Conversation("mia", "tom", (0,)),),
    )


def test_to_json_has_every_contract_key() -> None:
    data = _analysis().to_json()
    assert set(data) == TOP
    assert data["schema"] == SCHEMA == "heartline/analysis/v2"
    assert set(data["story"]) == STORY_KEYS
    assert set(data["story"]["metadata"]) == METADATA_KEYS
    assert set(data["story"]["declared_tags"]) == DECLARED_KEYS
    assert set(data["story"]["scenes"][0]) == SCENE_KEYS
    assert set(data["characters"][0]) == CHARACTER_KEYS
    assert set(data["quotes"][0]) == QUOTE_KEYS
    assert set(data["relations"][0]) == RELATION_KEYS
    assert set(data["relations"][0]["arc"][0]) == ARC_KEYS
    assert set(data["relations"][0]["evidence"][0]) == EVIDENCE_KEYS
    assert set(data["tags"]) == TAG_KEYS
    assert set(data["conversations"][0]) == CONVERSATION_KEYS
    assert set(data["corrections"]) == CORRECTIONS_KEYS


def test_to_json_values() -> None:
    data = _analysis().to_json()
    assert data["story"]["words"] == 5
    assert data["characters"][0]["centrality"] == 0.1235
    rel = data["relations"][0]
    assert (rel["from"], rel["to"], rel["confidence"]) == ("mia", "tom", 0.667)
    assert [a["label"] for a in rel["arc"]] == ["denied", "romantic stated"]
    assert data["quotes"][0]["speaker"] == "mia" and data["quotes"][0]["addressee"] == "tom"
    assert data["tags"] == {"characters": ["Mia", "Tom"], "relationships": ["Mia/Tom"], "additional": [],
                            "compared": []}
    assert data["conversations"] == [{"from": "mia", "to": "tom", "count": 1, "quotes": [0]}]
    assert data["corrections"] == {"file": None, "applied": [], "stale": []}
    assert data["characters"][0]["corrected"] is False and data["relations"][0]["reason"] is None
    json.loads(json.dumps(data))  # plain JSON types only


def test_to_json_of_a_real_analysis(analyse) -> None:
    text = 'Mia loved Tom.\n\n"I love you, Tom," Mia said.'
    data = analyse(text).to_json()
    assert set(data) == TOP
    for q in data["quotes"]:
        assert set(q) == QUOTE_KEYS
        assert text[q["start"]:q["end"]] == q["text"]
    for r in data["relations"]:
        assert set(r) == RELATION_KEYS
        assert r["how"] in ("narrated", "stated", "claimed", "implied", "denied")
        assert r["kind"] in ("romantic", "affection", "dislike", "hatred")
        for e in r["evidence"]:
            assert set(e) == EVIDENCE_KEYS
            assert e["text"] in text[e["start"]:e["end"]]
    ids = {c["id"] for c in data["characters"]}
    assert all(r["from"] in ids and r["to"] in ids for r in data["relations"])
    assert all(q["speaker"] in ids | {None} for q in data["quotes"])


def test_arc_labels() -> None:
    assert ArcStep(0, "romantic", "denied").label == "denied"
    assert ArcStep(0, "romantic", "stated", past=True).label == "romantic (past)"
    assert ArcStep(0, "hatred", "narrated").label == "hatred narrated"


def test_polarity() -> None:
    assert [polarity(k) for k in ("romantic", "affection", "dislike", "hatred")] == [1, 1, -1, -1]


def test_records_are_frozen() -> None:
    c = Character("mia", "Mia", ("Mia",), "female", 1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        c.name = "Other"  # type: ignore[misc]


def test_story_words_and_lookups() -> None:
    assert Story("s", "one two  three\nfour").words == 4
    a = _analysis()
    assert a.character("tom").name == "Tom"
    assert a.character("nobody") is None and a.character(None) is None
    cast = Cast(characters=a.characters, name_links={})
    assert cast.by_id("mia").name == "Mia"
    with pytest.raises(KeyError):
        cast.by_id("nobody")


def test_document_token_starts_are_made_once_and_serve_every_token_index() -> None:
    from heartline.model import Document, Story, Token
    from heartline.tokens import TokenIndex

    words = [(0, "Oskelt"), (7, "waved"), (12, ".")]
    tokens = tuple(Token(i, s, s + len(w), w, w.lower(), "X", "X", "dep", i, 0, "") for i, (s, w) in enumerate(words))
    doc = Document(story=Story(source="<t>", text="Oskelt waved."), scenes=(), tokens=tokens, sentences=(),
                   paragraphs=((0, 13),))
    assert doc.token_starts == (0, 7, 12)
    assert doc.token_starts is doc.token_starts  # computed once per document
    one, two = TokenIndex(doc), TokenIndex(doc)
    assert one.starts is two.starts
    at = one.at(9)
    assert at is not None and at.text == "waved"
    assert [t.text for t in two.span(7, 14)] == ["waved", "."]


def test_document_subject_indexes_are_the_subjects_in_text_order_made_once() -> None:
    from heartline.model import Document, Story, Token
    from heartline.tokens import is_subject

    # "Quillan was thanked and Brisea smiled ." -- a passive subject, a subject, and no others
    words = [(0, "Quillan", "nsubjpass", 2), (8, "was", "auxpass", 2), (12, "thanked", "ROOT", 2),
             (20, "and", "cc", 2), (24, "Brisea", "nsubj", 5), (31, "smiled", "conj", 2), (38, ".", "punct", 2)]
    tokens = tuple(Token(i, s, s + len(w), w, w.lower(), "X", "X", dep, head, 0, "")
                   for i, (s, w, dep, head) in enumerate(words))
    doc = Document(story=Story(source="<t>", text="Quillan was thanked and Brisea smiled ."), scenes=(),
                   tokens=tokens, sentences=(), paragraphs=((0, 39),))
    assert doc.subject_indexes == (0, 4)
    assert doc.subject_indexes == tuple(t.index for t in tokens if is_subject(t))
    assert doc.subject_indexes is doc.subject_indexes  # computed once per document


def test_mentions_in_quotes_groups_each_quotes_mentions_in_text_order() -> None:
    def m(i: int, quote: int | None) -> Mention:
        return Mention(index=i, start=i * 5, end=i * 5 + 3, text="Ivo", kind="name", sentence=0, quote=quote)

    mentions = Mentions((m(0, None), m(1, 2), m(2, 0), m(3, 2), m(4, None)))
    assert {k: [x.index for x in v] for k, v in mentions.in_quotes.items()} == {2: [1, 3], 0: [2]}
    assert mentions.in_quotes is mentions.in_quotes  # made once
