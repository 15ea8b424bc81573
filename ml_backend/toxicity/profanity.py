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
    """alt-profanity-check's ``predict_prob``, loaded once (about 0.1 s)."""
    from profanity_check import predict_prob

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
