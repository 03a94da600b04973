"""Train the person-or-not scorer on LitBank, measure it by document-level cross-validation, ship it.

    .venv/bin/python bench/train_persons.py [--shared ../shared] [--out src/heartline/models/person_scorer.json]
                                            [--cache FILE] [--limit N] [--folds 10] [--dry-run]

Every LitBank excerpt is read by heartline's first stages (parse, quotes, mentions); every
capitalised name key the ``mentions`` stage proposes gets the rules' votes
(``characters._score_names``) and one feature record (``heartline.stages.person_features``).
A name is labelled *yes* when at least half of its uses overlap a proper-name PER mention of
LitBank's coreference layer (``bench/litbank.py``'s gold for "PER proper names").

Cross-validation is over documents: excerpt ``k`` (in name order) is in fold ``k % folds``,
so a book is never on both sides.  The table gives, per fold and pooled, the PER proper-name
precision / recall / F1 (exact span, as bench/litbank.py) of the rules' decision and of the
held-out scorer's, over the same candidates; and how many gold names are candidates at all
(the ceiling of any decision).  The shipped model is trained on every excerpt.  Deterministic.
"""
from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.litbank import (  # noqa: E402
    DEFAULT_SHARED,
    align_tokens,
    common_noun_name,
    excerpt_names,
    excerpt_text,
    name_phrase,
    read_excerpt,
)
from bench.training import cached, document_folds, fit_binary, litbank_folder, litbank_parser, write_model  # noqa: E402
from bench.metrics import PRF, ZERO, span_prf  # noqa: E402
from heartline import learn  # noqa: E402
from heartline.stages.person_features import FEATURES  # noqa: E402

DEFAULT_OUT = ROOT / "src" / "heartline" / "models" / "person_scorer.json"
CLASSES = ("no", "yes")
L2 = 16.0
REPEAT = 8  # a name's row counts once per use, up to this many: the metric counts uses
# The scorer refuses a name the votes accept only below this probability.  Chosen on the dev
# fics (41 golds): at 0.15 it removes 14 of 47 false characters and no real one; at 0.3 it
# loses 4 real characters, at 0.5 nine (names used once or twice look alike either way).
THRESHOLD = 0.15
# ... and makes a person of a name the votes refuse at this probability or above, where the votes
# hold no firm case against it (names said once or twice, with nothing around them to vote on)
ACCEPT = 0.5

Span = tuple[int, int]


@dataclass
class Doc:
    name: str
    keys: list[str]
    values: list[tuple[float, ...]]
    labels: list[int]
    rules: list[bool]  # the rules' verdict per key
    firm: list[bool]  # whether the votes hold a firm case against the key (never admitted)
    spans: list[list[Span]]  # each key's name-mention spans
    fixed: frozenset[Span]  # spans of names the scorer does not decide (chat handles, place heads)
    gold: frozenset[Span]
    fixed_keys: tuple[str, ...] = ()  # names the votes accept that the scorer does not judge


@dataclass
class Analysed:
    """One excerpt as heartline's first stages read it (what the cache keeps: features are
    computed afresh from it, so a changed feature needs no new parse)."""

    name: str
    document: Any
    mentions: Any
    quote_spans: Any
    gold: frozenset[Span]


def analyse(litbank: Path, limit: int | None = None) -> list[Analysed]:
    from heartline.api import default_pipeline
    from heartline.formats.text import story_from_text

    pipeline = default_pipeline(("parse", "quotes", "mentions"))
    out = []
    for name in excerpt_names(litbank)[:limit]:
        started = time.perf_counter()
        excerpt = read_excerpt(litbank, name)
        original = (litbank / "original" / f"{name}.txt").read_text(encoding="utf-8")
        story = story_from_text(excerpt_text(original, excerpt.tokens), title="LitBank excerpt")
        results = pipeline.run(story=story)
        spans = align_tokens(excerpt.tokens, story.text)
        gold = frozenset((spans[m.first][0], spans[m.last][1]) for m in excerpt.mentions
                         if m.category == "PER" and m.kind == "PROP")
        out.append(Analysed(name, results["document"], results["mentions"], results["quote_spans"], gold))
        print(f"train_persons: {name}: {time.perf_counter() - started:.1f} s", file=sys.stderr, flush=True)
    return out


def to_doc(a: Analysed) -> Doc:
    """Candidates, features, labels and the rules' verdicts of one analysed excerpt."""
    from heartline.stages.characters import _is_person, _score_names, admitted, lower_case_uses, scorer_decides
    from heartline.stages.person_features import person_records

    document, mentions, quote_spans, gold = a.document, a.mentions, a.quote_spans, a.gold
    text = document.story.text
    stats = _score_names(document, mentions, quote_spans)
    lower_words = lower_case_uses(text, mentions)
    records = {r.key: r for r in person_records(document, mentions.items, stats, quote_spans, lower_words)}
    doc = Doc(a.name, [], [], [], [], [], [], frozenset(), gold)
    fixed = set()
    fixed_keys: list[str] = []
    for key in sorted(stats):
        st = stats[key]
        key_spans = [name_phrase(document, m.start, m.end) for m in st.mentions if m.kind == "name"]
        if key not in records or not scorer_decides(st):
            if _is_person(st):
                # (a title or kinship word standing as a name is a common noun to LitBank: bench/litbank.py)
                fixed.update(s for s in key_spans if not common_noun_name(text[s[0]:s[1]]))
                fixed_keys.append(key)
            continue
        hits = sum(1 for s in key_spans if any(min(s[1], g[1]) > max(s[0], g[0]) for g in gold))
        doc.keys.append(key)
        doc.values.append(records[key].values)
        doc.labels.append(int(2 * hits >= len(key_spans)))
        doc.rules.append(_is_person(st))
        doc.firm.append(not admitted({key: st}, {key: 1.0}, 0.0, lower_words, text))
        doc.spans.append(key_spans)
    doc.fixed = frozenset(fixed)
    doc.fixed_keys = tuple(fixed_keys)
    return doc


def training_rows(docs: list[Doc]) -> tuple[list, list[int]]:
    rows, labels = [], []
    for d in docs:
        for values, label, spans in zip(d.values, d.labels, d.spans, strict=True):
            for _ in range(max(1, min(len(spans), REPEAT))):
                rows.append(values)
                labels.append(label)
    return rows, labels


def train(docs: list[Doc]) -> learn.LinearModel | None:
    return fit_binary(*training_rows(docs), FEATURES, CLASSES, L2)


def decisions(doc: Doc, model: learn.LinearModel | None, threshold: float = THRESHOLD,
              accept: float = ACCEPT) -> list[bool]:
    if model is None or not doc.values:
        return list(doc.rules)
    from heartline.stages.characters import vetoed

    p = model.probabilities(doc.values)[:, CLASSES.index("yes")]
    # as characters._decide_persons: the scorer admits names the votes refuse only when sure of
    # them and the votes hold no firm case against them; it vetoes names the votes accept
    rules = [rule or (float(v) >= accept and not firm)
             for rule, v, firm in zip(doc.rules, p, doc.firm, strict=True)]
    accepted = sorted(list(doc.fixed_keys) + [k for k, rule in zip(doc.keys, rules, strict=True) if rule])
    refused = set(vetoed(accepted, {k: float(v) for k, v in zip(doc.keys, p, strict=True)}, threshold))
    return [bool(rule and k not in refused) for k, rule in zip(doc.keys, rules, strict=True)]


def names_prf(doc: Doc, decided: list[bool]) -> PRF:
    predicted = set(doc.fixed)
    for ok, spans in zip(decided, doc.spans, strict=True):
        if ok:
            predicted.update(spans)
    return span_prf(predicted, doc.gold)


def candidate_recall(docs: list[Doc]) -> tuple[int, int, int]:
    """Gold names that are some candidate's exact span; that overlap one; all gold names."""
    exact = overlap = total = 0
    for d in docs:
        cands = set(d.fixed) | {s for spans in d.spans for s in spans}
        total += len(d.gold)
        exact += sum(1 for g in d.gold if g in cands)
        overlap += sum(1 for g in d.gold if any(min(s[1], g[1]) > max(s[0], g[0]) for s in cands))
    return exact, overlap, total


def cross_validate(docs: list[Doc], folds: int) -> list[dict[str, Any]]:
    out = []
    for k, train_docs, test in document_folds(docs, folds):
        model = train(train_docs)
        rules, trained = ZERO, ZERO
        for d in test:
            rules = rules + names_prf(d, d.rules)
            trained = trained + names_prf(d, decisions(d, model))
        out.append({"fold": k, "documents": len(test), "rules": rules, "trained": trained})
    return out


def _pct(p: PRF) -> dict[str, float]:
    return {"precision": round(100 * p.precision, 1), "recall": round(100 * p.recall, 1), "f1": round(100 * p.f1, 1)}


def pooled(cv: list[dict[str, Any]], who: str) -> PRF:
    total = ZERO
    for f in cv:
        total = total + f[who]
    return total


def render(cv: list[dict[str, Any]]) -> str:
    def cell(p: PRF) -> str:
        return f"{100 * p.precision:5.1f} {100 * p.recall:5.1f} {100 * p.f1:5.1f}"

    lines = [f"{'fold':>4} {'docs':>4} | {'rules P     R     F1':>17} | {'trained P     R     F1':>17}"]
    for f in cv:
        lines.append(f"{f['fold']:>4} {f['documents']:>4} | {cell(f['rules'])} | {cell(f['trained'])}")
    lines.append(f"{'pooled':>9} | {cell(pooled(cv, 'rules'))} | {cell(pooled(cv, 'trained'))}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = litbank_parser(__doc__.split("\n\n")[0], DEFAULT_SHARED, DEFAULT_OUT, folds=10).parse_args(argv)
    litbank = litbank_folder(args.shared, "train_persons")
    analysed = cached(args.cache, lambda: analyse(litbank, args.limit))[:args.limit]
    docs = [to_doc(a) for a in analysed]
    exact, overlap, total = candidate_recall(docs)
    print(f"gold PER proper names: {total}; a candidate's exact span: {exact} "
          f"({100 * exact / max(1, total):.1f}%); overlapped by one: {overlap} ({100 * overlap / max(1, total):.1f}%)")
    cv = cross_validate(docs, args.folds)
    print(render(cv))
    if args.dry_run:
        return 0
    model = train(docs)
    if model is None:
        sys.exit("train_persons: the excerpts hold no name of both kinds; nothing to train")
    rows, labels = training_rows(docs)
    card = {"trained_on": f"LitBank, {len(docs)} excerpts", "rows": len(rows), "people": sum(labels),
            "data_sha256": learn.data_hash(rows, labels),
            "learner": f"binary logistic regression (no / yes per name, a row per use up to {REPEAT}), L2 {L2}, "
                       "Newton's method in numpy",
            "label": "yes when at least half of the name's uses overlap a LitBank PROP PER mention",
            "cross_validation": {
                "folds": args.folds, "split": "by document (excerpt k in fold k % folds)",
                "metric": "PER proper names, exact span, pooled over held-out excerpts (candidates: mentions stage)",
                "rules": _pct(pooled(cv, "rules")), "trained": _pct(pooled(cv, "trained"))},
            "retrain": "bench/train_persons.py"}
    out = {"version": 1, "card": card, "threshold": THRESHOLD, "accept": ACCEPT, "scorer": model.to_json()}
    write_model(args.out, out, "train_persons")
    return 0


if __name__ == "__main__":
    sys.exit(main())
