"""VADER's valence (``vaderSentiment`` 3.3.2, pinned) without its quadratic passes.

``SentimentIntensityAnalyzer.polarity_scores`` lower-cases the sentence's whole word list again
for every lexicon word it weighs (up to three times in ``_negation_check``, once more in
``_special_idioms_check``), copies the 60 negation words for every word it tests, and rebuilds
the text character by character to replace emoji: on a novel's 3,300 sentences and quotes
(up to 600 characters) that was ~0.35 s CPU.  The subclass below lower-cases each sentence's
words once and answers a one-word negation test by a set look-up; the arithmetic, and the
order of it, is VADER's own, so every score is the same float
(``tests/stages/test_vader_fast.py`` compares the two on invented sentences)."""
from __future__ import annotations

from vaderSentiment.vaderSentiment import (
    BOOSTER_DICT,
    N_SCALAR,
    NEGATE,
    SPECIAL_CASES,
    SentimentIntensityAnalyzer,
    SentiText,
)

_NEGATE = frozenset(NEGATE)


def _negated_word(word: str) -> bool:
    """``vaderSentiment.negated([word])``: the word (lower-cased) is a negation, or has "n't"."""
    lowered = word.lower()
    return lowered in _NEGATE or "n't" in lowered


class FastAnalyzer(SentimentIntensityAnalyzer):
    """``SentimentIntensityAnalyzer`` giving the same scores with each word list lower-cased once."""

    def __init__(self) -> None:
        super().__init__()
        # (the word list, its lower-cased copy): VADER passes one list object through all the
        # checks of a sentence, so identity says whether the copy is still the right one
        self._lowered: tuple[list[str] | None, list[str]] = (None, [])

    def _lower(self, words: list[str]) -> list[str]:
        held = self._lowered
        if held[0] is words:
            return held[1]
        lowered = [str(w).lower() for w in words]
        self._lowered = (words, lowered)
        return lowered

    def polarity_scores(self, text):
        if not text.isascii() and any(ch in self.emojis for ch in text):
            return super().polarity_scores(text)  # VADER's own emoji replacement
        # with no emoji VADER's rebuilt text is the text itself; below, its method as written
        text = text.strip()
        sentitext = SentiText(text)
        sentiments = []
        words_and_emoticons = sentitext.words_and_emoticons
        low = self._lower(words_and_emoticons)
        lexicon = self.lexicon
        last = len(words_and_emoticons) - 1
        for i, item in enumerate(words_and_emoticons):
            valence = 0
            if low[i] in BOOSTER_DICT:
                sentiments.append(valence)
                continue
            if i < last and low[i] == "kind" and low[i + 1] == "of":
                sentiments.append(valence)
                continue
            if low[i] not in lexicon:
                sentiments.append(valence)  # what ``sentiment_valence`` gives a word outside the lexicon
                continue
            sentiments = self.sentiment_valence(valence, sentitext, item, i, sentiments)
        sentiments = self._but_check(words_and_emoticons, sentiments)
        return self.score_valence(sentiments, text)

    def _but_check(self, words_and_emoticons, sentiments):
        lowered = self._lower(words_and_emoticons)
        if "but" in lowered:
            bi = lowered.index("but")
            for sentiment in sentiments:
                si = sentiments.index(sentiment)
                if si < bi:
                    sentiments.pop(si)
                    sentiments.insert(si, sentiment * 0.5)
                elif si > bi:
                    sentiments.pop(si)
                    sentiments.insert(si, sentiment * 1.5)
        return sentiments

    def _special_idioms_check(self, valence, words_and_emoticons, i):
        low = self._lower(words_and_emoticons)
        onezero = f"{low[i - 1]} {low[i]}"
        twoonezero = f"{low[i - 2]} {low[i - 1]} {low[i]}"
        twoone = f"{low[i - 2]} {low[i - 1]}"
        threetwoone = f"{low[i - 3]} {low[i - 2]} {low[i - 1]}"
        threetwo = f"{low[i - 3]} {low[i - 2]}"
        for seq in (onezero, twoonezero, twoone, threetwoone, threetwo):
            if seq in SPECIAL_CASES:
                valence = SPECIAL_CASES[seq]
                break
        if len(low) - 1 > i:
            zeroone = f"{low[i]} {low[i + 1]}"
            if zeroone in SPECIAL_CASES:
                valence = SPECIAL_CASES[zeroone]
        if len(low) - 1 > i + 1:
            zeroonetwo = f"{low[i]} {low[i + 1]} {low[i + 2]}"
            if zeroonetwo in SPECIAL_CASES:
                valence = SPECIAL_CASES[zeroonetwo]
        for n_gram in (threetwoone, threetwo, twoone):
            if n_gram in BOOSTER_DICT:
                valence = valence + BOOSTER_DICT[n_gram]
        return valence

    def _negation_check(self, valence, words_and_emoticons, start_i, i):
        low = self._lower(words_and_emoticons)
        if start_i == 0:
            if _negated_word(low[i - (start_i + 1)]):
                valence = valence * N_SCALAR
        if start_i == 1:
            if low[i - 2] == "never" and (low[i - 1] == "so" or low[i - 1] == "this"):
                valence = valence * 1.25
            elif low[i - 2] == "without" and low[i - 1] == "doubt":
                valence = valence
            elif _negated_word(low[i - (start_i + 1)]):
                valence = valence * N_SCALAR
        if start_i == 2:
            if low[i - 3] == "never" and (low[i - 2] == "so" or low[i - 2] == "this") or \
                    (low[i - 1] == "so" or low[i - 1] == "this"):
                valence = valence * 1.25
            elif low[i - 3] == "without" and (low[i - 2] == "doubt" or low[i - 1] == "doubt"):
                valence = valence
            elif _negated_word(low[i - (start_i + 1)]):
                valence = valence * N_SCALAR
        return valence
