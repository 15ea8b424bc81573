"""Scores -> the guideline's toxicity levels (0 none, 1 slight / toxic to some, 2 clearly toxic) and relative toxicity.

Pure functions over numbers; no model here. The choice values come from ``label_config/taxonomy/``.

Example:
    >>> level_from_probability(0.7, (0.5, 0.8)), relative_toxicity(input_level=2, output_level=0)
    (1, -1)
    >>> ToxicityScore(0.9, 2).choice
    '2'
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from label_config.taxonomy import RELATIVE_TOXICITY, TOXICITY_LEVELS

#: ``(t1, t2)``: level 1 from ``t1``, level 2 from ``t2`` (``0 <= t1 <= t2 <= 1``).
Thresholds = tuple[float, float]


@dataclass(frozen=True)
class ToxicityScore:
    """One text's toxicity.

    Attributes:
        probability: 0..1, higher is more toxic (for the learned default: P(level >= 1) under its head).
        level: the guideline's scale: 0 none, 1 slight / toxic to some people, 2 clearly toxic.

    Example:
        >>> ToxicityScore(0.9, 2).choice
        '2'
    """

    probability: float
    level: int

    @property
    def choice(self) -> str:
        """The level as the taxonomy's choice value (``TOXICITY_LEVELS``)."""
        return level_choice(self.level)


def check_thresholds(thresholds: Thresholds) -> Thresholds:
    """``thresholds`` as a tuple of two floats, or ValueError when not ``0 <= t1 <= t2 <= 1``.

    >>> check_thresholds([0.4, 0.8])
    (0.4, 0.8)
    """
    try:
        t1, t2 = (float(t) for t in thresholds)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"thresholds must be two numbers (t1, t2), got {thresholds!r}") from exc
    if not 0.0 <= t1 <= t2 <= 1.0:
        raise ValueError(f"thresholds must satisfy 0 <= t1 <= t2 <= 1, got {thresholds!r}")
    return (t1, t2)


def level_from_probability(p: float, thresholds: Thresholds) -> int:
    """Map a toxicity score to the guideline's 0/1/2 scale.

    Args:
        p: score in [0, 1] (values outside are clipped; NaN and None count as 0).
        thresholds: ``(t1, t2)`` with ``0 <= t1 <= t2 <= 1``; level 1 from ``t1``, level 2 from ``t2``.

    Returns:
        0, 1 or 2.

    Example:
        >>> [level_from_probability(p, (0.4, 0.8)) for p in (0.1, 0.5, 0.8)]
        [0, 1, 2]
    """
    t1, t2 = check_thresholds(thresholds)
    if p is None or (isinstance(p, float) and math.isnan(p)):
        return 0
    if p >= t2:
        return 2
    return 1 if p >= t1 else 0


def relative_toxicity(input_level: int, output_level: int) -> int:
    """Relative toxicity of a continuation: -1 less, 0 as, 1 more toxic than you would expect given the input.

    The rule: a continuation is expected to carry on at the input's own toxicity level (a toxic sentence start
    makes a toxic continuation the expected one, a clean start a clean one). So the answer is the sign of
    ``output_level - input_level``.

    ===========  ========  ========  ========
    input \\ out  0         1         2
    ===========  ========  ========  ========
    0            0         1         1
    1            -1        0         1
    2            -1        -1        0
    ===========  ========  ========  ========

    Example:
        >>> relative_toxicity(0, 2), relative_toxicity(1, 1), relative_toxicity(2, 1)
        (1, 0, -1)
    """
    for name, value in (("input_level", input_level), ("output_level", output_level)):
        if isinstance(value, bool) or value not in (0, 1, 2):
            raise ValueError(f"{name} must be 0, 1 or 2, got {value!r}")
    return (output_level > input_level) - (output_level < input_level)


def level_choice(level: int) -> str:
    """The taxonomy's choice value for a level (``TOXICITY_LEVELS``).

    >>> level_choice(1)
    '1'
    """
    return TOXICITY_LEVELS[level]


def relative_choice(relative: int) -> str:
    """The taxonomy's choice value for a relative toxicity -1/0/1 (``RELATIVE_TOXICITY``).

    >>> relative_choice(-1)
    '-1'
    """
    return RELATIVE_TOXICITY[relative + 1]
