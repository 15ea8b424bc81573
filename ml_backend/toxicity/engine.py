"""The toxicity engine interface: texts in, one :class:`~ml_backend.toxicity.levels.ToxicityScore` each.

Every engine (the learned default, the alt-profanity-check baseline, a transformers classifier) implements
:meth:`ToxicityEngine.probabilities`; levels come from its ``thresholds``. No text is ever logged.

Example:
    >>> class Constant(ToxicityEngine):
    ...     model_version, thresholds = "toxicity:constant", (0.5, 0.8)
    ...     def probabilities(self, texts):
    ...         return [0.6] * len(texts)
    >>> Constant().score_batch(["a", "b"])
    [ToxicityScore(probability=0.6, level=1), ToxicityScore(probability=0.6, level=1)]
"""

from __future__ import annotations

import logging
import time
from abc import ABC, abstractmethod
from collections.abc import Sequence

from ml_backend.toxicity.levels import Thresholds, ToxicityScore, level_from_probability

log = logging.getLogger("ml_backend.toxicity")


class ToxicityModelError(RuntimeError):
    """A toxicity model cannot be loaded, fails its integrity check, or its labels cannot be read."""


def check_texts(texts: Sequence[str]) -> list[str]:
    """``texts`` as a list, or TypeError naming the first item that is not a string.

    >>> check_texts(("a", "b"))
    ['a', 'b']
    """
    if isinstance(texts, str):
        raise TypeError("score_batch expects a sequence of strings, not one string")
    out = list(texts)
    for i, t in enumerate(out):
        if not isinstance(t, str):
            raise TypeError(f"text {i} is {type(t).__name__}, expected str")
    return out


class ToxicityEngine(ABC):
    """A toxicity detector: texts in, one :class:`ToxicityScore` each, in one batched pass.

    Attributes:
        model_version: names the detector and its versions (changes when any part changes).
        thresholds: ``(t1, t2)`` used to turn scores into levels.
    """

    model_version: str
    thresholds: Thresholds

    @abstractmethod
    def probabilities(self, texts: Sequence[str]) -> list[float]:
        """Toxicity scores in [0, 1] for ``texts`` (one batched pass)."""

    def score_batch(self, texts: Sequence[str]) -> list[ToxicityScore]:
        """Score all ``texts`` in one pass; the same result as scoring them one by one.

        Args:
            texts: strings (empty, unicode and very long strings are fine).

        Returns:
            One :class:`ToxicityScore` per text, same order.
        """
        texts = check_texts(texts)
        if not texts:
            return []
        start = time.perf_counter()
        probs = self.probabilities(texts)
        out = [ToxicityScore(float(p), level_from_probability(float(p), self.thresholds)) for p in probs]
        log.debug("toxicity: scored %d texts in %.1f ms", len(texts), 1000 * (time.perf_counter() - start))
        return out

    def score(self, text: str) -> ToxicityScore:
        """Score one text (convenience; prefer :meth:`score_batch`)."""
        return self.score_batch([text])[0]
