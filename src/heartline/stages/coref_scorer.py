"""The trained pronoun scorer of ``coref``: which of the people seen lately a narration
he/she/his/her is.

The rules of ``coref._resolve_pronoun`` gather the candidates (everyone of a fitting gender
seen within the window, the subject of an object pronoun's own clause left out) and give
each a hand-weighted score.  This scorer reads the same facts about each candidate, the
rules' score among them, as features, and a linear model trained on LitBank's coreference
chains (``bench/train_coref.py``, folds by document) gives each candidate a probability; the
rules' pick stands unless the model is surer of another by ``MARGIN``.  Trained on novels,
it is trusted only where it is clearly surer: picking its own favourite everywhere resolves
more of LitBank's pronouns right but reads the fan fiction worse.  ``HEARTLINE_COREF=rules``
turns it off.
"""
from __future__ import annotations

import math
from typing import Any

from ..models import card, load_shipped, scorer_choice
from ..tokens import TokenIndex

MODEL_FILE = "coref_scorer.json"
WINDOW = 12.0

FEATURES = (
    "bias",
    "rule_score",  # the rules' score of the candidate
    "rule_best",  # the rules' pick
    "inv_distance",  # 1 / (1 + sentences since the candidate was last seen)
    "distance",
    "same_sentence",
    "subject",  # last seen as a subject (or its owner)
    "subject_wanted",  # ... and the pronoun is a subject or possessive
    "object_pronoun_subject",  # an object pronoun, a candidate last seen as a subject
    "last_subject",  # the last subject of the previous two sentences
    "governing",  # subject of the clause the pronoun's clause hangs from
    "gender_known",  # the candidate's known gender is the pronoun's
    "topic",  # share of the scene's subjects that were this candidate
    "other_scene",
    "recency_rank",  # 1 / (1 + rank among the candidates, most recent first)
    "match_rank",  # the same among the candidates of known matching gender (0 for others)
    "named",  # last seen by name
    "salience",  # share of the last 40 mentions that were this candidate
    "eligible",  # the rules would consider it (a person of unknown gender only when close)
    "same_paragraph",  # last seen in the pronoun's paragraph
    "paragraph_opens",  # the pronoun comes before anyone else is seen in its paragraph, a subject candidate
    "story_mentions",  # log of the candidate's mentions in the whole story
)


# The model overrules the rules' pick only when it gives another candidate this much more
# probability. Measured over LitBank's folds and the fics (docs/pipeline.md, coref): with no
# margin, 58.6% of LitBank's narration pronouns right held out (rules 55.9) but the fics' F1
# falls 0.600 -> 0.573; at 0.4, 57.0% and the fics hold (0.602).
MARGIN = 0.4
_RULE_BEST = FEATURES.index("rule_best")


class Scorer:
    """A loaded model: ``pick`` chooses among a pronoun's candidates."""

    def __init__(self, model: dict[str, Any]):
        from ..learn import LinearModel
        self.model = LinearModel.from_json(model["scorer"])
        self.yes = self.model.classes.index("yes")

    def pick(self, cids: list[str], rows: list[list[float]]) -> str | None:
        if not cids:
            return None
        probs = self.model.probabilities(rows)[:, self.yes]
        best = max(range(len(cids)), key=lambda i: (probs[i], -i))  # ties: the earlier candidate
        rule = next((i for i, row in enumerate(rows) if row[_RULE_BEST]), best)
        if probs[best] - probs[rule] < MARGIN:
            return cids[rule]  # the rules' pick stands unless the model is clearly surer of another
        return cids[best]


def candidate_features(m, tok, kept, history, gender: dict[str, str], scene: int, topic: dict[str, float],
                       subjects_in_scene: int, wants_subject: bool, last_subject: str | None,
                       governing: str | None, tokens: TokenIndex,
                       mention_counts: dict[str, int] | None = None) -> list[list[float]]:
    """One row of ``FEATURES`` per candidate in ``kept`` ((character, last seen, rule score,
    eligible by the rules))."""
    sentences = tokens.document.sentences
    paragraph = sentences[m.sentence].paragraph if sentences else -1
    opens = not any(h.paragraph == paragraph for h in history[-20:])
    best = max(range(len(kept)), key=lambda i: (kept[i][3], kept[i][2], -i))
    by_recency = sorted(range(len(kept)), key=lambda i: (-kept[i][1].sentence, -i))
    rank = {i: r for r, i in enumerate(by_recency)}
    matching = [i for i in by_recency if m.gender and gender.get(kept[i][0]) == m.gender]
    match_rank = {i: r for r, i in enumerate(matching)}
    recent = [h.character for h in history[-40:]]
    object_pronoun = tok is not None and tok.dep in ("dobj", "pobj", "dative", "iobj")
    rows = []
    for i, (cid, h, score, eligible) in enumerate(kept):
        distance = max(0, m.sentence - h.sentence)
        rows.append([
            1.0,
            score,
            1.0 if i == best else 0.0,
            1.0 / (1 + distance),
            min(distance, WINDOW) / WINDOW,
            1.0 if distance == 0 else 0.0,
            1.0 if h.subject else 0.0,
            1.0 if h.subject and wants_subject else 0.0,
            1.0 if h.subject and object_pronoun else 0.0,
            1.0 if cid == last_subject else 0.0,
            1.0 if cid == governing else 0.0,
            1.0 if m.gender and gender.get(cid) == m.gender else 0.0,
            topic.get(cid, 0) / max(1, subjects_in_scene),
            1.0 if h.scene != scene else 0.0,
            1.0 / (1 + rank[i]),
            1.0 / (1 + match_rank[i]) if i in match_rank else 0.0,
            1.0 if h.named else 0.0,
            recent.count(cid) / max(1, len(recent)),
            1.0 if eligible else 0.0,
            1.0 if h.paragraph == paragraph else 0.0,
            1.0 if opens and h.subject else 0.0,
            math.log1p((mention_counts or {}).get(cid, 0)),
        ])
    return rows


def load_model() -> dict[str, Any] | None:
    return load_shipped(MODEL_FILE, "scorer", FEATURES, "bench/train_coref.py")


def scorer_name() -> str:
    """``trained`` or ``rules``: who picks a narration pronoun's person (``HEARTLINE_COREF``;
    the trained scorer overrules the rules only by ``MARGIN``)."""
    return scorer_choice("HEARTLINE_COREF", lambda: load_model() is not None)


def load_scorer() -> Scorer | None:
    model = load_model() if scorer_name() == "trained" else None
    return Scorer(model) if model is not None else None


def model_card() -> dict[str, Any]:
    scorer = scorer_name()
    return card(MODEL_FILE, scorer, load_model() if scorer == "trained" else None)
