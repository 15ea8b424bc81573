"""The logistic-regression trainer (ml_backend/toxicity/fit.py) against scikit-learn, with soft targets and a prior."""

from __future__ import annotations

import doctest

import numpy as np
import pytest

from ml_backend.toxicity import fit as fit_module
from ml_backend.toxicity.fit import balanced_weights, fit_logistic
from ml_backend.toxicity.head import sigmoid


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(400, 5))
    y = (X @ np.array([1.5, -2.0, 0.5, 0.0, 1.0]) + 0.3 + rng.normal(size=400) > 0).astype(float)
    return X, y


def test_matches_scikit_learn(data) -> None:
    sklearn = pytest.importorskip("sklearn.linear_model")
    X, y = data
    sw = np.where(y > 0, 2.0, 1.0)
    w, b = fit_logistic(X, y, sw, l2=0.01)
    # sklearn minimises C * sum(sw * loss) + |w|^2 / 2; ours mean_w(loss) + l2/2 |w|^2 with mean weight 1
    ref = sklearn.LogisticRegression(C=1 / (0.01 * len(y) * sw.mean()), tol=1e-10, max_iter=10_000)
    ref.fit(X, y, sample_weight=sw)
    assert np.allclose(w, ref.coef_[0], atol=1e-3) and abs(b - ref.intercept_[0]) < 1e-3


def test_soft_targets_fit_the_shares() -> None:
    X = np.array([[0.0], [1.0]])
    w, b = fit_logistic(X, np.array([0.25, 0.75]), l2=0.0)
    assert np.allclose(sigmoid(X @ w + b), [0.25, 0.75], atol=1e-4)


def test_a_strong_prior_keeps_the_old_weights(data) -> None:
    X, y = data
    w0 = np.array([0.1, 0.1, 0.1, 0.1, 0.1])
    w_strong, _ = fit_logistic(X, y, l2=1e3, prior=(w0, 0.0))
    w_free, _ = fit_logistic(X, y, l2=1e-4)
    assert np.abs(w_strong - w0).max() < 0.01 < np.abs(w_free - w0).max()


def test_deterministic(data) -> None:
    X, y = data
    a, b = fit_logistic(X, y), fit_logistic(X, y)
    assert np.array_equal(a[0], b[0]) and a[1] == b[1]


def test_balanced_weights() -> None:
    w = balanced_weights(np.array([1, 0, 0, 0, 0]))
    assert w[0] * 1 == pytest.approx(w[1:].sum()) and w.mean() == pytest.approx(1.0)
    assert balanced_weights(np.array([1, 1])).tolist() == [1.0, 1.0]


def test_docstring_examples() -> None:
    assert doctest.testmod(fit_module).failed == 0
