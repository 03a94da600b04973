"""Empath's feeling categories: read from the pinned package's data file, as reader features."""
from __future__ import annotations

import subprocess
import sys

from heartline.stages import empath


def test_every_category_read_exists_and_its_example_uses_one_of_its_words() -> None:
    words = empath.words_by_category()
    assert len(words) == 194
    for cat in empath.CATEGORIES:
        assert len(words[cat.name]) >= 30, cat.name
        forms = [w.strip(",.").lower() for w in cat.example.split()]
        assert cat.name in empath.categories(*forms), (cat.name, cat.example)


def test_a_word_counts_by_lemma_or_by_form_and_a_plain_word_by_neither() -> None:
    assert "hate" in empath.categories("loathe")
    assert "love" in empath.categories("adore")
    # the lists hold some forms only: "adored" is listed, its lemma counts as well
    assert {"love", "affection"} <= empath.categories("adore", "adored")
    assert empath.categories("coat", "coats") == frozenset()
    # multi-word entries never match one token
    assert not any("_" in w for ws in empath.words_by_category().values() for w in ws)


def test_the_data_file_is_read_without_importing_the_client() -> None:
    # the empath package's client posts to a web server: only its data file may be read
    code = ("import sys; from heartline.stages import empath; empath.categories('hate'); "
            "print('empath' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_the_reader_marks_a_feeling_word_and_a_linking_verb_by_category(run) -> None:
    text = ("Wendel Quarrie and Ilsey Ossery kept the ferry.\n\nWendel despised Ilsey and her ledgers.\n\n"
            "Ilsey counted the coins beside Wendel.\n")
    readings = [r for r in run(text)["sentence_readings"] if r.unit == "sentence"]
    hate = {r.source: set(r.features) for r in readings if "w:ledger" in r.features}
    assert {"emp:hate", "ETemp:hate"} <= hate["wendel_quarrie"]
    # the other direction: the target despises the experiencer
    assert "TEemp:hate" in hate["ilsey_ossery"] and "ETemp:hate" not in hate["ilsey_ossery"]
    plain = [set(r.features) for r in readings if "w:coin" in r.features]
    assert plain and not any(f.startswith("emp:") for fs in plain for f in fs)
