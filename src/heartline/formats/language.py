"""Is the story English prose?  heartline's parser, lexicons and rules read English
sentences only: a story in another language would come out as a silent "no feelings
found", and megabytes of words with no sentence punctuation as slow, confident nonsense.
Both are refused before anything is parsed, each with one ``InputError`` line.

**Language.**

The check looks at a sample, never the whole text: up to ``WINDOWS`` windows of about
``WINDOW_CHARS`` characters spread evenly over the prose (author's notes and other excluded
spans left out).  Each window is first tried cheaply: a window in which English function
words ("the", "and", "of", "you" ...) make up at least ``ENGLISH_WORD_SHARE`` of the words is
English.  These words are rare in other languages and common in every register of English
(fan fiction with honorifics, chat logs, screenplays, poems, pirate dialect all pass), so
most English stories never load the language model.  Only the windows left undecided go to
``py3langid`` (pinned; its model ships inside the package, docs/dependencies.md).

The story is refused only when less than a quarter of its windows are English and a single
other language holds at least half of them, with confidence: a bilingual story, an English
story with a Spanish author's note, or a text too short or too odd to tell is read as before.

**Prose.**  A text of which more than half, and at least ``PROSE_MIN_WORDS`` words, lies in
runs of ``RUN_WORDS`` words or more with no sentence-final punctuation (".", "!", "?", "…")
is not prose heartline can read.  A shorter run (Molly Bloom's soliloquy in *Ulysses*, a
chat log that never ends a sentence) is read, in bounded pieces (``stages/parse.py``).

``HEARTLINE_LANG_CHECK=off`` (or ``heartline analyze --lang-check off``) turns both checks off.
"""
from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from heartline.errors import InputError
from heartline.model import Story

WINDOWS = 8
WINDOW_CHARS = 800
MIN_LETTERS = 200  # below this, no verdict is trusted: a few lines are read as they are
ENGLISH_WORD_SHARE = 0.10
MODEL_CONFIDENCE = 0.5  # a model verdict below this counts as undecided
RUN_WORDS = 1_000
PROSE_MIN_WORDS = 20_000
SENTENCE_END = re.compile(r"[.!?\u2026\u3002\uff01\uff1f]")

# Common English function words that are not words of the other languages written in Latin
# script that fan fiction is mostly written in ("a", "in", "is", "me", "he", "was", "on" are).
_ENGLISH_WORDS = frozenset(
    "the and of to you that his her with she it for but they have this what not my him there were be would"
    .split())
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*")

LANGUAGE_NAMES = {
    "af": "Afrikaans", "am": "Amharic", "an": "Aragonese", "ar": "Arabic", "arz": "Egyptian Arabic",
    "ary": "Moroccan Arabic", "as": "Assamese", "az": "Azerbaijani", "ba": "Bashkir", "be": "Belarusian",
    "bg": "Bulgarian", "bn": "Bengali", "br": "Breton", "bs": "Bosnian", "ca": "Catalan", "cs": "Czech",
    "cy": "Welsh", "da": "Danish", "de": "German", "el": "Greek", "en": "English", "eo": "Esperanto",
    "es": "Spanish", "et": "Estonian", "eu": "Basque", "fa": "Persian", "fi": "Finnish", "fo": "Faroese",
    "fr": "French", "fy": "Frisian", "ga": "Irish", "gd": "Scottish Gaelic", "gl": "Galician",
    "grc": "Ancient Greek", "gu": "Gujarati", "ha": "Hausa", "hbo": "Ancient Hebrew", "he": "Hebrew",
    "hi": "Hindi", "hr": "Croatian", "ht": "Haitian Creole", "hu": "Hungarian", "hy": "Armenian",
    "id": "Indonesian", "ig": "Igbo", "is": "Icelandic", "it": "Italian", "ja": "Japanese", "jv": "Javanese",
    "ka": "Georgian", "kk": "Kazakh", "km": "Khmer", "kn": "Kannada", "ko": "Korean", "ku": "Kurdish",
    "ky": "Kyrgyz", "la": "Latin", "lb": "Luxembourgish", "lo": "Lao", "lt": "Lithuanian", "lv": "Latvian",
    "mg": "Malagasy", "mk": "Macedonian", "ml": "Malayalam", "mn": "Mongolian", "mr": "Marathi",
    "ms": "Malay", "mt": "Maltese", "my": "Burmese", "ne": "Nepali", "nl": "Dutch", "nn": "Norwegian Nynorsk",
    "no": "Norwegian", "oc": "Occitan", "pa": "Punjabi", "pl": "Polish", "ps": "Pashto", "pt": "Portuguese",
    "qu": "Quechua", "ro": "Romanian", "ru": "Russian", "rw": "Kinyarwanda", "sa": "Sanskrit", "si": "Sinhala",
    "sk": "Slovak", "sl": "Slovenian", "so": "Somali", "sq": "Albanian", "sr": "Serbian", "sv": "Swedish",
    "sw": "Swahili", "ta": "Tamil", "te": "Telugu", "tg": "Tajik", "th": "Thai", "tl": "Tagalog",
    "tr": "Turkish", "tt": "Tatar", "ug": "Uyghur", "uk": "Ukrainian", "ur": "Urdu", "uz": "Uzbek",
    "vi": "Vietnamese", "wa": "Walloon", "xh": "Xhosa", "yo": "Yoruba", "zh": "Chinese", "yue": "Cantonese",
    "wuu": "Wu Chinese", "zu": "Zulu",
}


@dataclass(frozen=True)
class LanguageVerdict:
    """What the sample looks like: ``language`` an ISO 639 code ("" when undecided),
    ``english`` whether heartline reads it, and how many of the ``windows`` were English."""

    language: str
    english: bool
    english_windows: int
    windows: int
    used_model: bool

    @property
    def name(self) -> str:
        return LANGUAGE_NAMES.get(self.language, f"the language coded {self.language!r}")


def check_enabled() -> bool:
    """False when ``HEARTLINE_LANG_CHECK`` says off (``off``, ``0``, ``no``, ``false``)."""
    return os.environ.get("HEARTLINE_LANG_CHECK", "").strip().lower() not in ("off", "0", "no", "false")


def prose_windows(story: Story, windows: int = WINDOWS, width: int = WINDOW_CHARS) -> list[str]:
    """Up to ``windows`` pieces of the story's prose, each about ``width`` characters, spread
    evenly from its start to its end; excluded spans (author's notes) are left out."""
    start, end = story.body
    text = story.text
    pieces: list[str] = []
    length = end - start
    count = 1 if length <= width else min(windows, max(1, length // width))
    for k in range(count):
        at = start + (length - width) * k // max(1, count - 1) if count > 1 else start
        at = max(start, at)
        # begin at a word, and skip an excluded span rather than read it
        while at < end and story.is_excluded(at):
            at += 1
        if at > start and not text[at - 1].isspace():
            space = text.find(" ", at, min(end, at + 40))
            at = space + 1 if space >= 0 else at
        stop = min(end, at + width)
        piece = "".join(text[i] for i in range(at, stop) if not story.is_excluded(i)) if story.excluded \
            else text[at:stop]
        if piece.strip():
            pieces.append(piece)
    return pieces


def _english_share(piece: str) -> float:
    words = _WORD.findall(piece)
    if not words:
        return 0.0
    return sum(1 for w in words if w.lower() in _ENGLISH_WORDS) / len(words)


@lru_cache(maxsize=1)
def _identifier():
    """py3langid's identifier with probabilities normalised (loaded once, about 0.5 s)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def classify(piece: str) -> tuple[str, float]:
    """``(language code, probability)`` of one piece by the model alone."""
    return _identifier().classify(piece)


def detect_language(pieces: list[str]) -> LanguageVerdict:
    """The verdict on a sample (see the module's doc for the rule)."""
    letters = sum(ch.isalpha() for piece in pieces for ch in piece)
    if letters < MIN_LETTERS:
        return LanguageVerdict("", True, 0, len(pieces), False)
    english = [_english_share(p) >= ENGLISH_WORD_SHARE for p in pieces]
    n_english = sum(english)
    if n_english * 4 >= len(pieces):
        return LanguageVerdict("en", True, n_english, len(pieces), False)
    votes: Counter[str] = Counter()
    for piece, is_english in zip(pieces, english, strict=True):
        if is_english:
            continue
        language, probability = classify(piece)
        if language == "en":
            n_english += 1
        elif probability >= MODEL_CONFIDENCE and language != "zxx":
            votes[language] += 1
    if n_english * 4 >= len(pieces) or not votes:
        return LanguageVerdict("en" if n_english else "", True, n_english, len(pieces), True)
    language, count = votes.most_common(1)[0]
    refused = count * 2 >= len(pieces)
    return LanguageVerdict(language, not refused, n_english, len(pieces), True)


def unpunctuated_words(text: str, start: int = 0, end: int | None = None) -> tuple[int, int]:
    """``(words in runs of RUN_WORDS or more with no sentence-final punctuation, all words)``
    of ``text[start:end]``."""
    end = len(text) if end is None else end
    long_chars = RUN_WORDS * 2  # no run of fewer characters can hold RUN_WORDS words (a letter and a space each)
    in_runs = 0
    prev = start
    for at in [m.start() for m in SENTENCE_END.finditer(text, start, end)] + [end]:
        if at - prev >= long_chars:
            words = len(text[prev:at].split())
            if words >= RUN_WORDS:
                in_runs += words
        prev = at + 1
    return in_runs, len(text[start:end].split())


_OVERRIDE = "--lang-check off, or HEARTLINE_LANG_CHECK=off, reads it anyway"


def check_prose(story: Story) -> None:
    """One ``InputError`` line when most of the story runs on with no sentence punctuation."""
    start, end = story.body
    in_runs, words = unpunctuated_words(story.text, start, end)
    if in_runs >= PROSE_MIN_WORDS and in_runs * 2 > words:
        raise InputError(f"{story.source}: this is not prose heartline can read: {in_runs:,} of its {words:,} "
                         f"words run on for {RUN_WORDS:,} words or more with no sentence punctuation "
                         f"({_OVERRIDE})")


def check_language(story: Story) -> LanguageVerdict:
    """One ``InputError`` line when the story is plainly not in English; else the verdict."""
    verdict = detect_language(prose_windows(story))
    if not verdict.english:
        raise InputError(f"{story.source}: heartline reads English; this looks like {verdict.name} ({_OVERRIDE})")
    return verdict


def check_story(story: Story, enabled: bool | None = None) -> None:
    """Refuse a story that is not English prose (``check_prose``, then ``check_language``);
    ``enabled`` None follows ``HEARTLINE_LANG_CHECK``."""
    if enabled is None:
        enabled = check_enabled()
    if enabled:
        check_prose(story)
        check_language(story)
