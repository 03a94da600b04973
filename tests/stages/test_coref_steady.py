"""``coref._steady``: who the last few sentences of the scene keep mentioning (a close-third
point-of-view person, seen as "her hands", "at her", goes on being "she"), counted only for the
people the newest sentence holding someone of the pronoun's gender mentions."""
from __future__ import annotations

from heartline.model import Mention
from heartline.stages import coref
from heartline.stages.coref import _Seen, _steady


def _pronoun(sentence: int, gender: str = "female", index: int = 0) -> Mention:
    return Mention(index=index, start=0, end=3, text="she", kind="pronoun", sentence=sentence, quote=None,
                   key="she", gender=gender)


def _seen(cid: str, sentence: int, scene: int = 0, subject: bool = False) -> _Seen:
    return _Seen(cid, sentence, subject, scene)


GENDERS = {"wenna": "female", "brisca": "female", "tobin": "male", "odo": "male"}


def _steady_of(history, sentence: int, scene: int = 0, gender: str = "female"):
    return _steady(history, _pronoun(sentence, gender), scene, GENDERS, gender)


def test_counts_the_sentences_of_the_people_in_the_newest_sentence() -> None:
    # Wenna climbed. Her lamp guttered. Brisca watched her. | She ...
    history = [_seen("wenna", 1, subject=True), _seen("wenna", 2), _seen("brisca", 3, subject=True),
               _seen("wenna", 3), _seen("wenna", 3)]
    assert _steady_of(history, 4) == {"brisca": 1, "wenna": 3}


def test_no_count_for_someone_the_newest_sentence_leaves_out() -> None:
    # Odo turned the page. His candle guttered. Tobin left without a word. | He ...
    # Tobin, just named as a subject, is the topic; Odo is steady but not in the newest sentence.
    history = [_seen("odo", 1, subject=True), _seen("odo", 2), _seen("tobin", 3, subject=True)]
    assert _steady_of(history, 4, gender="male") == {"tobin": 1}
    # a woman in the newest sentence does not make it the newest for a "he"
    history.append(_seen("wenna", 3))
    history.append(_seen("brisca", 3))
    assert _steady_of(history, 4, gender="male") == {"tobin": 1}


def test_looks_back_only_over_the_last_few_sentences_of_the_scene() -> None:
    history = [_seen("tobin", 1), _seen("wenna", 2, scene=0), _seen("brisca", 8, scene=1),
               _seen("brisca", 9, scene=1)]
    assert _steady_of(history, 10, scene=1) == {"brisca": 2}  # Wenna's scene is over
    assert _steady_of([_seen("wenna", 1), _seen("brisca", 9)], 10) == {"brisca": 1}  # sentence 1 is out of reach


def test_someone_of_the_pronouns_gender_in_its_own_sentence_leaves_it_to_the_sentence() -> None:
    assert _steady_of([_seen("wenna", 1), _seen("brisca", 2)], 2) == {}
    # a man in the sentence is no one a "she" could be: the count stands
    assert _steady_of([_seen("wenna", 1), _seen("tobin", 2)], 2) == {"wenna": 1}


def _she_with_weight(text: str, weight: float, run, resolves_to, monkeypatch, surface: str = "She") -> str | None:
    monkeypatch.setattr(coref, "_STEADY_WEIGHT", weight)
    monkeypatch.setenv("HEARTLINE_TEST_STEADY", str(weight))  # the test cache keys on HEARTLINE_*
    return resolves_to(run(text), surface)


def test_the_steady_person_outweighs_the_last_subject(run, resolves_to, monkeypatch) -> None:
    text = "Mia carried the lamp up the stair. Her hands were cold. Her breath smoked. Ann looked at her. She said nothing."
    assert _she_with_weight(text, 0.0, run, resolves_to, monkeypatch) == "ann"
    assert _she_with_weight(text, 1.0, run, resolves_to, monkeypatch) == "mia"

