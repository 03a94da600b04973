"""VADER without its quadratic passes (``heartline.stages.vader``) gives VADER's own scores, float
for float: negations one to three words back, "never so", "without doubt", "but", "kind of",
boosters and dampeners, capitals, "least", "no", VADER's idioms, emoji.  Invented sentences."""
from __future__ import annotations

import pytest
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from heartline.stages.pair_features import _analyzer
from heartline.stages.vader import FastAnalyzer

SENTENCES = (
    "Brannoch was not happy with the ferry, but he smiled at Ysolde anyway.",
    "She isn't cruel, she's kind of sweet, and never so glad as at the mill.",
    "Without doubt the gift was lovely; without a doubt it was GREAT!!!",
    "He was hardly pleased and barely polite, though not at all unkind.",
    "No love lost there. No, I adore him. I don't hate him, nor do I like him.",
    "At least she tried. Least of all did he care for the dreadful weather.",
    "That storm was the bomb, a kiss of death for the harvest, yeah right.",
    "He sort of liked her, kind of loved her, and utterly despised the rest.",
    "I love you 😀 but you drive me mad 😠 sometimes.",
    "Grief, grief and more GRIEF? Why?? Why would anyone do this???",
    "",
    "   ",
    "!!!",
    "she said nothing",
    "She mayn't be happy, and Brannoch wouldn't've smiled; NEVER so GLAD, Not Good.",
    "The cart rolled on down the lane to the mill",
    "The most wonderful, beautiful, terrible, hateful day; but it ended well, not badly.",
    ":) :( :D <3 she laughed, he frowned",
)


@pytest.mark.parametrize("text", SENTENCES)
def test_fast_analyzer_scores_as_vader(text) -> None:
    assert FastAnalyzer().polarity_scores(text) == SentimentIntensityAnalyzer().polarity_scores(text)


def test_fast_analyzer_over_a_run_of_sentences() -> None:
    """One analyzer over many sentences: each sentence's lower-cased words are its own, never the
    last sentence's (the copy is kept by the word list's identity)."""
    fast, vader = FastAnalyzer(), SentimentIntensityAnalyzer()
    texts = [f"{a} {b} Ysolde, {c}." for a in ("Never so", "Not", "Really", "Hardly")
             for b in ("happy with", "angry at", "kind of fond of") for c in ("but calm", "no doubt", "yes")]
    assert [fast.polarity_scores(t) for t in texts] == [vader.polarity_scores(t) for t in texts]
    assert len({vader.polarity_scores(t)["compound"] for t in texts}) > 5  # the sentences differ in tone


def test_tone_reads_with_the_fast_analyzer() -> None:
    assert isinstance(_analyzer(), FastAnalyzer)
