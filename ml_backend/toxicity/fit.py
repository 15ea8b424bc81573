"""Weighted, L2-regularised logistic regression by Newton's method, in numpy: the one trainer for every head.

Used twice: to train the default head on the public training data (``train.py``), and to refit a project's head
on its team's labels (``refit.py``), where the penalty pulls the weights toward the default head's instead of
toward zero (a Gaussian prior centred on what the default already knows), so 300 labelled tasks move the head
only as far as they have evidence for. Deterministic: no random state at all.

Example:
    >>> X = np.array([[0.0], [1.0], [2.0], [3.0]])
    >>> w, b = fit_logistic(X, np.array([0, 0, 1, 1]), l2=0.01)
    >>> bool(sigmoid(X @ w + b)[3] > 0.9 > 0.1 > sigmoid(X @ w + b)[0])
    True
"""

from __future__ import annotations

import numpy as np

from ml_backend.toxicity.head import sigmoid


def balanced_weights(y: np.ndarray) -> np.ndarray:
    """Per-row weights giving the positive and the negative class half the total weight each (mean weight 1).

    >>> balanced_weights(np.array([1, 0, 0, 0])).tolist()
    [2.0, 0.6666666666666666, 0.6666666666666666, 0.6666666666666666]
    """
    y = np.asarray(y, dtype=bool)
    pos = y.mean()
    if pos in (0.0, 1.0):
        return np.ones(len(y))
    return np.where(y, 0.5 / pos, 0.5 / (1.0 - pos))


def fit_logistic(
    X: np.ndarray,
    y: np.ndarray,
    sample_weight: np.ndarray | None = None,
    l2: float = 1e-3,
    prior: tuple[np.ndarray, float] | None = None,
    iterations: int = 50,
    tol: float = 1e-8,
) -> tuple[np.ndarray, float]:
    """Minimise ``mean_w(logloss) + l2/2 * |w - w0|^2`` (the bias is not penalised).

    Args:
        X: features, shape (n, d).
        y: targets in [0, 1] (soft targets are fine), shape (n,).
        sample_weight: per-row weights (normalised to mean 1); default all 1.
        l2: penalty strength.
        prior: ``(w0, b0)`` to start from and shrink toward (default zeros).
        iterations: Newton steps at most.
        tol: stop when the largest gradient entry is below this.

    Returns:
        ``(w, b)``: float32 weights of shape (d,), float bias.
    """
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    n, d = X.shape
    sw = np.ones(n) if sample_weight is None else np.asarray(sample_weight, dtype=np.float64)
    sw = sw / sw.mean()
    w0 = np.zeros(d) if prior is None else np.asarray(prior[0], dtype=np.float64)
    b0 = 0.0 if prior is None else float(prior[1])
    theta = np.concatenate([w0, [b0]])
    A = np.hstack([X, np.ones((n, 1))])
    reg = np.full(d + 1, l2)
    reg[-1] = 0.0
    center = np.concatenate([w0, [0.0]])

    def loss(t: np.ndarray) -> float:
        z = A @ t
        ll = np.logaddexp(0.0, z) - y * z
        return float((sw * ll).mean() + 0.5 * np.sum(reg * (t - center) ** 2))

    current = loss(theta)
    for _ in range(iterations):
        p = sigmoid(A @ theta)
        grad = A.T @ (sw * (p - y)) / n + reg * (theta - center)
        if np.max(np.abs(grad)) < tol:
            break
        hess = (A * (sw * p * (1.0 - p))[:, None]).T @ A / n + np.diag(reg + 1e-10)
        step = np.linalg.solve(hess, grad)
        scale = 1.0
        while scale > 1e-4:  # backtracking keeps every step a descent step
            candidate = theta - scale * step
            value = loss(candidate)
            if value <= current:
                theta, current = candidate, value
                break
            scale *= 0.5
        else:
            break
    return theta[:d].astype(np.float32), float(theta[d])
