"""A per-call memo of the engine's scores, so each distinct string is encoded once per ``score_batch`` call.

The recognizers re-score parts of texts (one sentence) through the engine's scorer. Without a memo, a text that
two recognizers pick is encoded once per recognizer, and a one-sentence text is encoded again although the
batch pass already scored it. :class:`PartScores` is built once per call of
:meth:`~ml_backend.toxicity.learned.LearnedToxicityEngine.probabilities_both`, seeded with the batch's own
figures, and handed to the recognizers as their scorer: a string whose encoder input equals one already scored
(same :func:`encoder_key`) is looked up, every other string is scored once, all of them in one call.

The profanity score may be missing (NaN) for the batch's own texts: the engine skips alt-profanity-check when its
head does not read it (``profanity_weight == 0``); a recognizer that asks for it then gets it computed for those
strings only. It is bounded (:data:`MAX_ENTRIES`, :data:`MAX_CHARS`): past either, strings are still scored, just
not kept.

Example:
    >>> import numpy as np
    >>> calls = []
    >>> def score(strings):
    ...     calls.append(list(strings))
    ...     n = len(strings)
    ...     return np.full(n, 0.9), np.full(n, 0.8), np.full(n, 0.1)
    >>> memo = PartScores(score, lambda s: np.zeros(len(s)), key=str.strip)
    >>> memo.add(["Go away."], np.array([0.2]), np.array([0.1]), np.array([np.nan]))
    >>> [a.tolist() for a in memo(["Go away.", "Hi.", "Hi. "])]
    [[0.2, 0.9, 0.9], [0.1, 0.8, 0.8], [0.0, 0.1, 0.1]]
    >>> calls
    [['Hi.']]
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np

#: ``score(strings) -> (P(toxic), P(clearly toxic), profanity)``, one value each per string.
Score = Callable[[Sequence[str]], tuple[np.ndarray, np.ndarray, np.ndarray]]
#: At most this many strings, and this many characters of keys, are kept per call.
MAX_ENTRIES = 4096
MAX_CHARS = 2_000_000


def encoder_key(text: str) -> str:
    """The encoder's and profanity model's input for ``text``: two texts with one key score the same.

    >>> encoder_key("  RT @x: you &amp; me ") == encoder_key("you & me")
    True
    """
    from ml_backend.toxicity.encoder import MAX_CHARS as ENCODER_CHARS
    from ml_backend.toxicity.text import normalise_text

    return normalise_text(text[:ENCODER_CHARS])


class PartScores:
    """Scores by encoder input, computed once each (see the module docstring).

    Args:
        score: scores strings (all three values).
        profanity: alt-profanity-check's score alone for strings (to fill a missing one).
        key: the memo key of a string (default :func:`encoder_key`).
    """

    def __init__(self, score: Score, profanity: Callable[[Sequence[str]], np.ndarray],
                 key: Callable[[str], str] = encoder_key) -> None:
        self._score, self._profanity, self._key = score, profanity, key
        self._memo: dict[str, list[float]] = {}
        self._chars = 0

    def _keep(self, key: str, values: list[float]) -> None:
        if key in self._memo or len(self._memo) >= MAX_ENTRIES or self._chars + len(key) > MAX_CHARS:
            return
        self._memo[key] = values
        self._chars += len(key)

    def add(self, texts: Sequence[str], toxic: np.ndarray, severe: np.ndarray, profanity: np.ndarray) -> None:
        """Remember already computed scores (``profanity`` may hold NaN: not computed)."""
        for text, t, s, q in zip(texts, toxic, severe, profanity):
            self._keep(self._key(text), [float(t), float(s), float(q)])

    def __call__(self, strings: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(P(toxic), P(clearly toxic), profanity) for ``strings``; each unknown key is scored once."""
        keys = [self._key(s) for s in strings]
        found: dict[str, list[float]] = {}
        new: dict[str, str] = {}  # key -> the first string with it
        for key, string in zip(keys, strings):
            hit = self._memo.get(key)
            if hit is not None:
                found[key] = hit
            elif key not in new:
                new[key] = string
        if new:
            t, s, q = self._score(list(new.values()))
            for key, values in zip(new, zip(t, s, q)):
                found[key] = [float(v) for v in values]
                self._keep(key, found[key])
        missing = [k for k, v in found.items() if math.isnan(v[2])]
        if missing:
            first = {k: string for k, string in zip(reversed(keys), reversed(strings))}
            for key, q in zip(missing, self._profanity([first[k] for k in missing])):
                found[key][2] = float(q)
        rows = np.asarray([found[k] for k in keys], np.float64).reshape(len(keys), 3)
        return rows[:, 0].copy(), rows[:, 1].copy(), rows[:, 2].copy()
