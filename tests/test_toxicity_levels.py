"""Levels, thresholds, relative toxicity and the taxonomy's choice values (ml_backend/toxicity/levels.py)."""

from __future__ import annotations

import doctest

import pytest

from label_config.taxonomy import RELATIVE_TOXICITY, TOXICITY_LEVELS
from ml_backend.toxicity import levels
from ml_backend.toxicity.levels import (
    ToxicityScore,
    check_thresholds,
    level_choice,
    level_from_probability,
    relative_choice,
    relative_toxicity,
)


@pytest.mark.parametrize(
    ("inp", "out", "expected"),
    [(0, 0, 0), (0, 1, 1), (0, 2, 1), (1, 0, -1), (1, 1, 0), (1, 2, 1), (2, 0, -1), (2, 1, -1), (2, 2, 0)],
)
def test_relative_toxicity_table(inp: int, out: int, expected: int) -> None:
    assert relative_toxicity(inp, out) == expected
    assert relative_choice(expected) in RELATIVE_TOXICITY


@pytest.mark.parametrize(("inp", "out"), [(3, 0), (0, -1), (True, 0), ("1", 0), (None, 1)])
def test_relative_toxicity_rejects_non_levels(inp, out) -> None:
    with pytest.raises(ValueError):
        relative_toxicity(inp, out)


def test_level_from_probability() -> None:
    th = (0.4, 0.8)
    assert [level_from_probability(p, th) for p in (0.0, 0.39, 0.4, 0.79, 0.8, 1.0, 1.5, -1.0)] == \
        [0, 0, 1, 1, 2, 2, 2, 0]
    assert level_from_probability(float("nan"), th) == 0
    for bad in ((0.8, 0.4), (-0.1, 0.5), (0.5, 1.1), ("a", "b"), (0.5,)):
        with pytest.raises(ValueError):
            level_from_probability(0.5, bad)
    assert check_thresholds([0.25, 0.75]) == (0.25, 0.75)


def test_choices_come_from_the_taxonomy() -> None:
    assert [level_choice(lvl) for lvl in (0, 1, 2)] == list(TOXICITY_LEVELS)
    assert [relative_choice(r) for r in (-1, 0, 1)] == list(RELATIVE_TOXICITY)
    assert ToxicityScore(0.1, 0).choice == TOXICITY_LEVELS[0]
    assert ToxicityScore(0.9, 2).choice == TOXICITY_LEVELS[2]


def test_docstring_examples() -> None:
    result = doctest.testmod(levels)
    assert result.failed == 0 and result.attempted > 0
