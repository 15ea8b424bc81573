"""alt-profanity-check: the baseline every figure is compared with, and one input of the learned engine.

A scikit-learn model over word n-grams, trained by its authors on Davidson tweets and Wikipedia comments: strong
on profanity and insults, blind to hate without rude words. It is loaded once per process.

Example:
    >>> ProfanityCheckEngine().model_version.startswith("toxicity:alt-profanity-check-")
    True
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache
from importlib import metadata
from typing import Any

import numpy as np

from ml_backend.toxicity.engine import ToxicityEngine
from ml_backend.toxicity.levels import Thresholds, check_thresholds

#: alt-profanity-check alone: its own decision threshold 0.5 for toxic; it has no notion of level 2 (on Davidson
#: it gives hate speech and merely offensive tweets the same ~0.99), so 0.5 for both.
BASELINE_THRESHOLDS: Thresholds = (0.50, 0.50)
#: Characters of a text the profanity model reads (its cost is linear; beyond this it adds nothing).
PROFANITY_MAX_CHARS = 20_000


def profanity_version() -> str:
    """The installed alt-profanity-check version (``"unknown"`` if its metadata is missing)."""
    try:
        return metadata.version("alt-profanity-check")
    except metadata.PackageNotFoundError:  # pragma: no cover - it is a dependency
        return "unknown"


@cache
def profanity_predict_prob() -> Callable[[list[str]], Sequence[float]]:
    """alt-profanity-check's ``predict_prob``, loaded once (about 0.1 s): the same arithmetic without
    scikit-learn's per-call checks when its model has the shape it ships with (:func:`linear_sigmoid_ensemble`,
    checked against the library on probe texts at load), else the library's own function."""
    from profanity_check import profanity_check as library

    fast = linear_sigmoid_ensemble(library.model, library.vectorizer)
    probes = ["have a nice day", "fuck you", "you are a stupid idiot", "", "the cat sat on the mat " * 40]
    if fast is not None and np.array_equal(np.asarray(fast(probes)), np.asarray(library.predict_prob(probes))):
        return fast
    return library.predict_prob


def linear_sigmoid_ensemble(model: Any, vectorizer: Any) -> Callable[[list[str]], np.ndarray] | None:
    """``texts -> P(profane)`` for a fitted binary ``CalibratedClassifierCV(LinearSVC, method="sigmoid")``:
    the mean over its calibrated classifiers of ``expit(-(a * (X @ coef.T + intercept) + b))``, the operations
    scikit-learn's ``predict_proba`` performs, in its order (the same floats), without its input validation,
    which costs about 17 ms a call (a tenth of the toxicity engine's time on 300-character tasks). None for any
    other model shape.

    >>> from profanity_check import profanity_check as library
    >>> fast = linear_sigmoid_ensemble(library.model, library.vectorizer)
    >>> [round(float(p)) for p in fast(["have a nice day", "fuck you"])]
    [0, 1]
    >>> linear_sigmoid_ensemble(object(), library.vectorizer) is None
    True
    """
    from scipy.special import expit

    parts = []
    try:
        if getattr(model, "method", None) != "sigmoid" or list(model.classes_) != [0, 1]:
            return None
        for calibrated in model.calibrated_classifiers_:
            estimator, (calibrator,) = calibrated.estimator, calibrated.calibrators
            coef, intercept = np.asarray(estimator.coef_), np.asarray(estimator.intercept_)
            if coef.ndim != 2 or coef.shape[0] != 1 or list(estimator.classes_) != [0, 1]:
                return None
            parts.append((coef.T, intercept, float(calibrator.a_), float(calibrator.b_)))
    except (AttributeError, TypeError, ValueError):
        return None
    if not parts:
        return None

    def predict_prob(texts: list[str]) -> np.ndarray:
        features = vectorizer.transform(texts)
        mean = np.zeros(features.shape[0])
        for coef_t, intercept, a, b in parts:
            scores = np.asarray(features @ coef_t + intercept).reshape(-1)
            proba = expit(-(a * scores + b))
            proba[(1.0 < proba) & (proba <= 1.0 + 1e-5)] = 1.0
            mean += proba
        mean /= len(parts)
        return mean

    return predict_prob


def profanity_scores(texts: Sequence[str]) -> list[float]:
    """alt-profanity-check's probability for each text (first :data:`PROFANITY_MAX_CHARS` characters).

    >>> [round(p) for p in profanity_scores(["have a nice day", "fuck you"])]
    [0, 1]
    """
    if not texts:
        return []
    return [float(p) for p in profanity_predict_prob()([t[:PROFANITY_MAX_CHARS] for t in texts])]


class ProfanityCheckEngine(ToxicityEngine):
    """alt-profanity-check alone (``TOXICITY_MODEL=alt-profanity-check``): the baseline."""

    def __init__(self, thresholds: Thresholds = BASELINE_THRESHOLDS) -> None:
        self.thresholds = check_thresholds(thresholds)
        profanity_predict_prob()
        self.model_version = f"toxicity:alt-profanity-check-{profanity_version()}"

    def probabilities(self, texts: Sequence[str]) -> list[float]:
        return profanity_scores(list(texts))
