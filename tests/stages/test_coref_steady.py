"""``coref._steady``: who the last few sentences of the scene keep mentioning (a close-third
point-of-view person, seen as "her hands", "at her", goes on being "she")."""
from __future__ import annotations

from heartline.model import Mention
from heartline.stages import coref
from heartline.stages.coref import _Seen, _steady


def _pronoun(sentence: int, gender: str = "female") -> Mention:
    return Mention(index=0, start=0, end=3, text="she", kind="pronoun", sentence=sentence, quote=None,
                   key="she", gender=gender)


def _seen(cid: str, sentence: int, scene: int = 0, subject: bool = False) -> _Seen:
    return _Seen(cid, sentence, subject, scene)


GENDERS = {"wenna": "female", "brisca": "female", "tobin": "male"}


def test_counts_the_sentences_each_person_is_mentioned_in() -> None:
    # Wenna climbed. Her lamp guttered. Brisca watched her. | She ...
    history = [_seen("wenna", 1, subject=True), _seen("wenna", 2), _seen("brisca", 3, subject=True),
               _seen("wenna", 3), _seen("wenna", 3)]
    steady = _steady(history, _pronoun(4), 0, GENDERS)
    assert steady is not None
    assert {cid: len(s) for cid, s in steady.items()} == {"wenna": 3, "brisca": 1}


def test_looks_back_only_over_the_last_few_sentences_of_the_scene() -> None:
    history = [_seen("tobin", 1), _seen("wenna", 2, scene=0), _seen("brisca", 8, scene=1),
               _seen("brisca", 9, scene=1)]
    steady = _steady(history, _pronoun(10), 1, GENDERS)
    assert steady is not None and set(steady) == {"brisca"}  # Wenna's scene is over
    far = _steady([_seen("wenna", 1), _seen("brisca", 9)], _pronoun(10), 0, GENDERS)
    assert far is not None and set(far) == {"brisca"}  # sentence 1 is out of reach


def test_someone_of_the_pronouns_gender_in_its_own_sentence_leaves_it_to_the_sentence() -> None:
    history = [_seen("wenna", 1), _seen("brisca", 2)]
    assert _steady(history, _pronoun(2), 0, GENDERS) is None
    # a man in the sentence is no one a "she" could be: the count stands
    steady = _steady([_seen("wenna", 1), _seen("tobin", 2)], _pronoun(2), 0, GENDERS)
    assert steady is not None and set(steady) == {"wenna"}


def _she_with_weight(text: str, weight: float, run, resolves_to, monkeypatch) -> str | None:
    monkeypatch.setattr(coref, "_STEADY_WEIGHT", weight)
    monkeypatch.setenv("HEARTLINE_TEST_STEADY", str(weight))  # the test cache keys on HEARTLINE_*
    return resolves_to(run(text), "She")


def test_the_steady_person_outweighs_the_last_subject_only_by_its_weight(run, resolves_to, monkeypatch) -> None:
    text = "Mia carried the lamp up the stair. Her hands were cold. Her breath smoked. Ann looked at her. She said nothing."
    assert _she_with_weight(text, 0.0, run, resolves_to, monkeypatch) == "ann"
    assert _she_with_weight(text, 3.0, run, resolves_to, monkeypatch) == "mia"
