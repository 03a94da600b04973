"""Train the pronoun scorer of ``coref`` on LitBank, measure it by document-level cross-validation, ship it.

    .venv/bin/python bench/train_coref.py [--shared ../shared] [--out src/heartline/models/coref_scorer.json]
                                          [--cache FILE] [--limit N] [--folds 5] [--dry-run]

Every LitBank excerpt is analysed once up to the cast (``--cache`` keeps the analyses; the
coreference and everything after it are recomputed on every run, so a feature change needs
no new analysis).  The rules' second coreference pass then gives every narration
he/she/his/her its candidates with their features (``coref.narration_candidates``,
``heartline.stages.coref_scorer``).  A candidate is labelled *yes* when the LitBank chain its
character maps to (``bench/litbank.py``'s ``character_to_entity``, from the rules' reading)
is the pronoun's own gold chain.  Only pronouns with a right candidate train the scorer.

Cross-validation is over documents (excerpt ``k`` in fold ``k % folds``).  For each fold the
held-out excerpts are read again from the coreference on, once by the rules and once with
the fold's model picking, and scored as ``bench/litbank.py`` scores them: character
coreference (CoNLL average of MUC, B³, CEAF-e), the share of gold-chained narration and
speech pronouns resolved to their chain's character, and speaker B³ (which reads the
coreference).  The shipped model is trained on every excerpt.  Deterministic.
"""
from __future__ import annotations

import os
import statistics
import sys
from pathlib import Path
from typing import Any

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.litbank import (  # noqa: E402
    DEFAULT_SHARED,
    align_tokens,
    character_to_entity,
    excerpt_names,
    excerpt_text,
    prediction_of,
    read_excerpt,
    score_excerpt,
    summary,
    token_spans_to_text,
)
from bench.training import cached, document_folds, fit_binary, litbank_folder, litbank_parser, write_model  # noqa: E402
from heartline import learn  # noqa: E402
from heartline.stages import coref  # noqa: E402
from heartline.stages.coref_scorer import FEATURES, MARGIN, Scorer  # noqa: E402

DEFAULT_OUT = ROOT / "src" / "heartline" / "models" / "coref_scorer.json"
CLASSES = ("no", "yes")
L2 = 2.0
AFTER_CAST = ("coref", "speakers", "speech_coref")


def collect(litbank: Path, limit: int | None) -> list[tuple[str, Any, str, dict[str, Any]]]:
    """(name, excerpt, text, the products up to the corrected cast) per excerpt."""
    from heartline.api import DEFAULT_STAGES, default_pipeline
    from heartline.formats.text import story_from_text

    upto = DEFAULT_STAGES[:DEFAULT_STAGES.index("corrected_cast") + 1]
    pipeline = default_pipeline(upto)
    out = []
    for name in excerpt_names(litbank)[:limit]:
        excerpt = read_excerpt(litbank, name)
        original = (litbank / "original" / f"{name}.txt").read_text(encoding="utf-8")
        story = story_from_text(excerpt_text(original, excerpt.tokens), title="LitBank excerpt")
        out.append((name, excerpt, story.text, dict(pipeline.run(story=story))))
        print(f"train_coref: analysed {name}", file=sys.stderr)
    return out


def read_on(products: dict[str, Any], scorer: Scorer | None) -> dict[str, Any]:
    """The products with the coreference and what follows it read again, ``scorer`` picking."""
    from heartline.pipeline import registered

    res = dict(products)
    saved = coref.pronoun_scorer
    coref.pronoun_scorer = lambda: scorer  # type: ignore[assignment]
    try:
        for name in AFTER_CAST:
            st = registered(name)
            res[st.produces] = st.run(**{k: res[k] for k in st.needs if k in res})
    finally:
        coref.pronoun_scorer = saved  # type: ignore[assignment]
    return res


def gold_mapping(excerpt, text: str, res):
    """heartline's reading ``res`` of an excerpt beside LitBank's: the prediction, each
    heartline character's LitBank entity, and each PER pronoun's entity by its text span."""
    prediction = prediction_of(text, res)
    spans = align_tokens(excerpt.tokens, text)
    entity_of: dict = {}
    for m in excerpt.mentions:
        entity_of.setdefault(token_spans_to_text(spans, m.first, m.last), m.entity)
    to_entity = character_to_entity(prediction.clusters, entity_of, {m.entity for m in excerpt.mentions},
                                    prediction.names)
    pronoun_entity = {token_spans_to_text(spans, m.first, m.last): m.entity for m in excerpt.mentions
                      if m.category == "PER" and m.kind == "PRON"}
    return prediction, to_entity, pronoun_entity


def featurise(analyses) -> list[dict[str, Any]]:
    """Per excerpt: its candidate rows and labels (pronouns with a right candidate only)."""
    docs = []
    for name, excerpt, text, products in analyses:
        _prediction, to_entity, pronoun_entity = gold_mapping(excerpt, text, read_on(products, None))
        items = products["mentions"].items
        rows, labels = [], []
        for index, cands in coref.narration_candidates(products["document"], products["mentions"],
                                                       products["cast"], products["quote_spans"]):
            m = items[index]
            entity = pronoun_entity.get((m.start, m.end))
            if entity is None:
                continue
            ys = [1 if to_entity.get(cid) == entity else 0 for cid, _row in cands]
            if not any(ys):
                continue
            rows += [row for _cid, row in cands]
            labels += ys
        docs.append({"name": name, "excerpt": excerpt, "text": text, "products": products,
                     "rows": rows, "labels": labels})
    return docs


def train(docs) -> learn.LinearModel | None:
    rows = [r for d in docs for r in d["rows"]]
    labels = [y for d in docs for y in d["labels"]]
    return fit_binary(rows, labels, FEATURES, CLASSES, L2)


def score(docs, scorer: Scorer | None) -> dict[str, float]:
    scored = []
    for d in docs:
        res = read_on(d["products"], scorer)
        scored.append(score_excerpt(d["excerpt"], d["text"], prediction_of(d["text"], res)))
    s = summary(scored)
    return {"conll": s["coref"]["conll_f1"], "narration": s["pronouns"]["narration"]["accuracy"],
            "speech": s["pronouns"]["speech"]["accuracy"], "speaker_b3": s["speaker"]["b3"]["f1"]}


KEYS = ("conll", "narration", "speech", "speaker_b3")


def cross_validate(docs, folds: int) -> list[dict[str, Any]]:
    out = []
    for k, train_docs, test in document_folds(docs, folds):
        model = train(train_docs)
        scorer = Scorer({"scorer": model.to_json()}) if model is not None else None
        out.append({"fold": k, "documents": len(test), "rules": score(test, None), "trained": score(test, scorer)})
    return out


def fold_mean(cv, who: str, key: str) -> float:
    return statistics.fmean(f[who][key] for f in cv)


def render(cv) -> str:
    head = " ".join(f"{k:>10}" for k in KEYS)
    lines = [f"{'fold':>4} {'docs':>4} | rules {head} | trained {head}"]
    for f in cv:
        r = " ".join(f"{f['rules'][k]:10.1f}" for k in KEYS)
        t = " ".join(f"{f['trained'][k]:10.1f}" for k in KEYS)
        lines.append(f"{f['fold']:>4} {f['documents']:>4} |       {r} |         {t}")
    r = " ".join(f"{fold_mean(cv, 'rules', k):10.1f}" for k in KEYS)
    t = " ".join(f"{fold_mean(cv, 'trained', k):10.1f}" for k in KEYS)
    lines.append(f"{'mean':>9} |       {r} |         {t}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = litbank_parser(__doc__.split("\n\n")[0], DEFAULT_SHARED, DEFAULT_OUT, folds=5).parse_args(argv)
    litbank = litbank_folder(args.shared, "train_coref")
    analyses = cached(args.cache, lambda: collect(litbank, args.limit))[:args.limit]
    docs = featurise(analyses)
    cv = cross_validate(docs, args.folds)
    print(render(cv))
    if args.dry_run:
        return 0
    model = train(docs)
    if model is None:
        sys.exit("train_coref: the excerpts hold no pronoun with a right candidate; nothing to train")
    rows = [r for d in docs for r in d["rows"]]
    labels = [y for d in docs for y in d["labels"]]
    card = {"trained_on": f"LitBank, {len(docs)} excerpts", "rows": len(rows),
            "data_sha256": learn.data_hash(rows, labels),
            "learner": f"binary logistic regression (no / yes per candidate), L2 {L2}, Newton's method in numpy",
            "overrules_the_rules_by": MARGIN,
            "cross_validation": {
                "folds": args.folds, "split": "by document (excerpt k in fold k % folds)",
                "fold_mean": {who: {key: round(fold_mean(cv, who, key), 2) for key in KEYS}
                              for who in ("rules", "trained")}},
            "retrain": "bench/train_coref.py"}
    write_model(args.out, {"version": 1, "card": card, "scorer": model.to_json()}, "train_coref")
    return 0


if __name__ == "__main__":
    sys.exit(main())
