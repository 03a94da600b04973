"""Feeling words from Empath's fiction-built lexicon, read as data (issue 16).

The sentence reader learns from the labelled units of a few dozen development stories, so a
feeling word that none of them uses ("she loathed him", "he doted on her") counts for nothing
unless a hand word class names it.  Empath (Fast, Chen and Bernstein, CHI 2016; the PyPI
package ``empath`` 0.89, MIT licence in its repository) holds 194 word categories grown from
word embeddings trained on 1.8 billion words of amateur fiction and pruned by crowd workers.
A few of its categories of feeling *between people* mark a unit's words as ``emp:love``,
``emp:hate`` ... beside the hand classes (``cls:``), so an unseen story's feeling word counts
through its category.

Only the package's data file is read (``empath/data/categories.tsv``, located through the
installed distribution's metadata): importing ``empath`` itself would import a client that can
call a web server, and nothing is ever fetched at run time.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path

from ..errors import HeartlineError

DATA_FILE = "empath/data/categories.tsv"


@dataclass(frozen=True)
class Category:
    """One Empath category read as a reader feature ``emp:<name>``."""

    name: str
    example: str  # an invented sentence the category's words mark
    note: str


# The categories read: feelings one person holds toward another, chosen from their general meaning
# (Empath's own names), not from any story.  Measured (issue 16, session 17, on 9daa0ec; the sentence
# reader's and judge's held-out view at the baseline's fixed thresholds warm 0.35 / cold 0.45, fics
# strict / lenient mean and pooled): 0.619 / 0.709, pooled 0.639 / 0.722 -> 0.628 / 0.716, pooled
# 0.645 / 0.728, novels 0.673 / 0.726 unchanged, 7 stories up / 5 down (docs/dependencies.md has the
# table).  Measured and dropped there (lemma-matched, pooled lenient at the same thresholds): love,
# affection, hate and anger alone 0.724; these eleven without lust and trust 0.723; plus fear, shame
# and nervousness 0.722 (5 up / 5 down); plus friends, positive_emotion, dispute, negative_emotion,
# fear, shame, sadness and nervousness 0.725, novels 0.726 -> 0.702; the warm five and the cold six
# pooled into two features (``emp:awarm`` / ``emp:acold``) 0.725.  The hand classes (``cls:``) widened
# with Empath words: beside these, nothing moved.  As the judge's pair features (per direction, log count
# and share of the pair's units with a warm / cold / romantic category word): polarity model pooled
# 0.728 -> 0.718 (2 up / 7 down), warm kind model strict 0.645 -> 0.639, cold kind model unchanged.
CATEGORIES: tuple[Category, ...] = (
    Category("love", "she would always adore him", "love named or longed for"),
    Category("affection", "he was fond of the little cousin", "fondness, tenderness, devotion"),
    Category("lust", "the craving in her look was plain", "desire, seduction"),
    Category("sympathy", "he felt pity for the boy and tried to console him", "compassion, grief shared"),
    Category("trust", "she would confide in him, and rely on him", "trust, loyalty, promise"),
    Category("hate", "he despised the man and resented every word", "hatred, resentment"),
    Category("anger", "her fury at him never cooled", "anger, wrath, hostility"),
    Category("disgust", "she looked at him with revulsion", "disgust, contempt, distaste"),
    Category("envy", "she was envious of every prize he won", "envy, jealousy"),
    Category("aggression", "he tried to intimidate her", "menace, threats, brutality"),
    Category("ridicule", "she would mock his stammer", "mockery, derision"),
)


@cache
def words_by_category() -> dict[str, frozenset[str]]:
    """Every Empath category's single words, from the installed package's data file."""
    try:
        text = Path(str(metadata.distribution("empath").locate_file(DATA_FILE))).read_text(encoding="utf-8")
    except (metadata.PackageNotFoundError, FileNotFoundError) as exc:
        raise HeartlineError("the Empath word list is missing: run scripts/setup (heartline pins empath==0.89)") \
            from exc
    out: dict[str, frozenset[str]] = {}
    for line in text.splitlines():
        name, *words = line.rstrip("\n").split("\t")
        # multi-word entries ("last_straw") never match one token
        out[name] = frozenset(w for w in words if w.isalpha())
    return out


@cache
def _categories_of() -> dict[str, tuple[str, ...]]:
    words = words_by_category()
    out: dict[str, tuple[str, ...]] = {}
    for cat in CATEGORIES:
        for word in sorted(words[cat.name]):
            out[word] = out.get(word, ()) + (cat.name,)
    return out


def categories(*words: str) -> frozenset[str]:
    """The read categories any of ``words`` (a token's lemma and its lower-cased form) belongs to."""
    table = _categories_of()
    found = [table[w] for w in words if w in table]
    return frozenset(c for cats in found for c in cats) if found else _NONE


_NONE: frozenset[str] = frozenset()
