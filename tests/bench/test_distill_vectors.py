"""bench/distill_vectors.py without the encoder: the word list, the PCA and the clusters
(PyTorch is never imported here; the encoder step is measured in docs/dependencies.md)."""
from __future__ import annotations

import json

import numpy as np
from bench import distill_vectors as dv


def _shared(tmp_path):
    novels = tmp_path / "litbank" / "original"
    novels.mkdir(parents=True)
    (novels / "1_a.txt").write_text(
        "Yes, the lantern was lit. Quilliam said the lantern was warm. Yes, it was.\n\n"
        "She would adore the lantern, said Quilliam, and the lantern glowed.\n", encoding="utf-8")
    (novels / "2_b.txt").write_text(
        "The lantern glowed and the lantern was warm, and yes, Quilliam saw it glowed, yes, yes.\n", encoding="utf-8")
    dev = tmp_path / "corpus" / "dev"
    dev.mkdir(parents=True)
    for i in range(3):
        (dev / f"fic{i}.txt").write_text("okay so the phone buzzed. okay. ysolde typed.", encoding="utf-8")
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "fic0.gold.json").write_text(json.dumps({"characters": [{"name": "Ysolde Fenn"}]}), encoding="utf-8")
    return tmp_path


def test_the_word_list_keeps_lower_case_words_and_drops_names(tmp_path) -> None:
    vocab = dict(dv.vocabulary(_shared(tmp_path), 100, 3))
    assert vocab["lantern"] == 6 and "the" in vocab
    # a capital at a sentence's start does not make "yes" a name; a name is never lower-case
    assert "yes" in vocab
    assert "quilliam" not in vocab
    # fic words the novels lack join, a gold name's word never does
    assert "okay" in vocab and "phone" in vocab
    assert "ysolde" not in vocab
    assert dv.vocabulary(_shared(tmp_path / "again"), 100, 3) == dv.vocabulary(tmp_path, 100, 3)


def test_pca_and_clusters_are_deterministic() -> None:
    rng = np.random.default_rng(3)
    table = rng.normal(size=(200, 16))
    table[:100, 0] += 4.0  # two groups along one axis
    a, mean, kept = dv.pca(table, 4)
    b, _, _ = dv.pca(table.copy(), 4)
    assert a.shape == (200, 4) and 0 < kept < 1 and np.array_equal(a, b)
    assert np.allclose(mean, table.mean(axis=0))
    groups = dv.clusters(a, 2)
    assert np.array_equal(groups, dv.clusters(a.copy(), 2))
    assert groups[0] == 0  # numbered by the first word that falls in each
    assert (groups[:100] == groups[0]).mean() > 0.9 and (groups[100:] != groups[0]).mean() > 0.9
