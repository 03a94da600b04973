"""judge_bagging.mean_linear: a mean of linear models is one linear model scoring the mean."""
from __future__ import annotations

import numpy as np
import pytest
from bench import judge_bagging

from heartline import learn

FEATURES = ("bias", "f_up", "f_down")
CLASSES = ("none", "warm", "cold")


def _model(rows, labels):
    return learn.fit(rows, labels, FEATURES, CLASSES, l2=1.0).to_json()


def _scores(model, rows):
    m = learn.LinearModel.from_json(model)
    x = (np.asarray(rows, dtype=float) - np.asarray(m.mean)) / np.asarray(m.scale)
    return x @ np.asarray(m.weights).T


ROWS_A = [[1, 0, 0], [1, 3, 0], [1, 2, 1], [1, 0, 4], [1, 1, 3], [1, 0, 1]]
LABELS_A = [0, 1, 1, 2, 2, 0]
ROWS_B = [[1, 0, 2], [1, 5, 0], [1, 4, 0], [1, 0, 6], [1, 1, 0], [1, 2, 2]]
LABELS_B = [0, 1, 1, 2, 0, 2]
PROBE = [[1, 0, 0], [1, 4, 1], [1, 1, 5], [1, 2.5, 2.5]]


def test_mean_of_two_models_scores_their_mean():
    a, b = _model(ROWS_A, LABELS_A), _model(ROWS_B, LABELS_B)
    assert a["mean"] != b["mean"]  # each standardised its own way: the mean must undo that
    mean = judge_bagging.mean_linear([a, b])
    want = (_scores(a, PROBE) + _scores(b, PROBE)) / 2
    assert np.allclose(_scores(mean, PROBE), want, atol=1e-4)


def test_mean_of_one_model_is_that_model():
    a = _model(ROWS_A, LABELS_A)
    probs = learn.LinearModel.from_json(a).probabilities(PROBE)
    again = learn.LinearModel.from_json(judge_bagging.mean_linear([a])).probabilities(PROBE)
    assert np.allclose(probs, again, atol=1e-5)


def test_members_must_share_features():
    a = _model(ROWS_A, LABELS_A)
    other = dict(a, features=["bias", "f_up", "f_other"])
    with pytest.raises(ValueError):
        judge_bagging.mean_linear([a, other])
