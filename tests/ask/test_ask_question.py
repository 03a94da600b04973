"""The question grammar: each form with its common variants, and refusals."""
from __future__ import annotations

import pytest

from heartline.ask.question import DISLIKE, HATE, ROMANTIC, WARM, NotUnderstood, parse_question, third_person


@pytest.mark.parametrize("text, form, subject, target, kinds", [
    ("who does Anna like?", "who_feels", "Anna", None, WARM),
    ("Who does Anna love", "who_feels", "Anna", None, WARM),
    ("whom does Anna hate?", "who_feels", "Anna", None, HATE),
    ("who does Anna have a crush on?", "who_feels", "Anna", None, ROMANTIC),
    ("who does Anna fancy?", "who_feels", "Anna", None, ROMANTIC),
    ("who is Anna in love with?", "who_feels", "Anna", None, ROMANTIC),
    ("who is Anna dating?", "who_feels", "Anna", None, ROMANTIC),
    ("who can't Anna stand?", "who_feels", "Anna", None, DISLIKE),
    ("who is Anna's crush?", "who_feels", "Anna", None, ROMANTIC),
    ("who likes Tom Reed?", "who_feels_for", "Tom Reed", None, WARM),
    ("who hates Tom?", "who_feels_for", "Tom", None, HATE),
    ("who has a crush on Tom?", "who_feels_for", "Tom", None, ROMANTIC),
    ("who is in love with Tom?", "who_feels_for", "Tom", None, ROMANTIC),
    ("who can\u2019t stand Tom?", "who_feels_for", "Tom", None, DISLIKE),
    ("does Anna like Tom?", "does", "Anna", "Tom", WARM),
    ("does he like her back?", "does", "he", "her", WARM),
    ("does Anna have a crush on the tall man?", "does", "Anna", "the tall man", ROMANTIC),
    ("Does Anna hate Tom", "does", "Anna", "Tom", HATE),
    ("is Anna in love with Tom?", "does", "Anna", "Tom", ROMANTIC),
    ("are Anna and Tom together?", "together", "Anna", "Tom", ROMANTIC),
    ("are Anna and Tom dating?", "together", "Anna", "Tom", ROMANTIC),
    ("are Anna and Tom in love?", "together", "Anna", "Tom", ROMANTIC),
    ("is Anna dating Tom?", "together", "Anna", "Tom", ROMANTIC),
    ("how does Anna feel about Tom?", "how_feel", "Anna", "Tom", ("romantic", "affection", "dislike", "hatred")),
    ("what does Anna think of Tom?", "how_feel", "Anna", "Tom", ("romantic", "affection", "dislike", "hatred")),
    ("who said Anna likes Tom?", "claims", "Anna", "Tom", WARM),
    ("who knows that Anna is in love with Tom?", "claims", "Anna", "Tom", ROMANTIC),
    ("who is Tom?", "who_is", "Tom", None, ()),
    ("who's the captain?", "who_is", "the captain", None, ()),
    ("tell me about Mr. Alder", "who_is", "Mr. Alder", None, ()),
    ("who is in love in this story?", "couples", None, None, ()),
    ("list the couples", "couples", None, None, ()),
    ("What are the pairings?", "couples", None, None, ()),
    ("list the characters", "characters", None, None, ()),
])
def test_forms_and_variants(text, form, subject, target, kinds) -> None:
    q = parse_question(text)
    assert (q.form, q.subject, q.target, q.kinds) == (form, subject, target, kinds)
    assert q.text == text


def test_who_knows_alone_is_a_claims_question_without_names() -> None:
    q = parse_question("who knows?")
    assert (q.form, q.subject, q.target) == ("claims", None, None)


@pytest.mark.parametrize("text", ["what is the weather?", "Anna", "", "why does Anna like Tom?",
                                  "when did Tom leave?"])
def test_questions_outside_the_grammar_are_refused(text) -> None:
    with pytest.raises(NotUnderstood):
        parse_question(text)


def test_third_person_of_the_verb_as_typed() -> None:
    assert third_person("like") == "likes"
    assert third_person("have a crush on") == "has a crush on"
    assert third_person("in love with") == "is in love with"
    assert third_person("can't stand") == "can't stand"
