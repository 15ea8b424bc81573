"""The level split's arithmetic (ml_backend/toxicity/level_split.py), on numbers: no model.

What it promises: a cut stored as ``(t2, level2_shift)`` levels a text exactly as ``z >= cut`` does; the default's
split is kept with fewer than MIN_SPLIT_ANSWERS answers at level 1 or 2, or without a clear out-of-fold win;
any input of matching lengths gives a finite cut (fuzzed, bounded).
"""

from __future__ import annotations

import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from ml_backend.toxicity.head import ToxicityHead, sigmoid
from ml_backend.toxicity.level_split import (CUT_OFFSETS, MIN_SPLIT_ANSWERS, default_split, learn_split, level2_cut,
                                             split_settings)
from ml_backend.toxicity.metrics import GRID

BASE = ToxicityHead.zeros(1, "test-encoder").with_settings(level2_shift=math.log(2.0))


@settings(max_examples=200, deadline=1000)
@given(cut=st.floats(-12, 12), t1=st.sampled_from(GRID), z=st.lists(st.floats(-15, 15), min_size=1, max_size=30))
def test_a_stored_cut_levels_texts_as_the_cut_says(cut: float, t1: float, z: list[float]) -> None:
    t2, shift = split_settings(cut, t1, BASE)
    head = BASE.with_settings(thresholds=(t1, t2), level2_shift=shift)
    assert t1 <= t2 <= 1.0 and abs(level2_cut(head) - cut) < 1e-6
    zs = np.array([v for v in z if abs(v - cut) > 1e-6])  # exactly on the line: float rounding decides
    levels = head.levels(np.ones(len(zs)), sigmoid(zs + shift))
    assert levels.tolist() == np.where(zs >= cut, 2, 1).tolist()


def test_the_default_split_is_kept_exactly_when_its_own_cut_and_t2_fit() -> None:
    assert split_settings(level2_cut(BASE), 0.3, BASE) == (0.5, BASE.level2_shift)


def test_too_few_toxic_answers_keep_the_default() -> None:
    n = MIN_SPLIT_ANSWERS - 1
    z = np.linspace(-3, 3, n)
    split = learn_split(z, np.ones(n, bool), [2] * n, default_cut=5.0)  # the default would call them all 1
    assert not split.learned and split.cut == 5.0 and f"at least {MIN_SPLIT_ANSWERS}" in split.why


def test_a_team_without_level_1_moves_the_line_below_its_texts() -> None:
    z = np.linspace(-3, 3, 40)
    split = learn_split(z, np.ones(40, bool), [2] * 40, default_cut=0.0)
    assert split.learned and split.cut < -3 and (split.level1, split.level2, split.losses) == (0, 40, 0)


def test_a_win_inside_the_noise_keeps_the_default() -> None:
    rng = np.random.default_rng(0)
    z = rng.normal(size=200)
    levels = rng.choice([1, 2], size=200).tolist()  # the answers say nothing about where the line is
    split = learn_split(z, np.ones(200, bool), levels, default_cut=0.0)
    assert not split.learned and split.wins - split.losses < max(3, 2 * math.sqrt(split.wins + split.losses))


def test_the_default_split_is_carried_over_to_a_moved_regression() -> None:
    z_default = np.linspace(-4, 4, 81)
    refitted = z_default + 1.5  # a refit that moved the bias by 1.5
    cut = default_split(refitted, np.ones(81, bool), z_default >= -0.7, raw_cut=-0.7)
    assert abs(cut - (-0.7 + 1.5)) <= 0.25


@settings(max_examples=200, deadline=2000)
@given(data=st.lists(st.tuples(st.floats(-50, 50), st.booleans(), st.sampled_from([0, 1, 2])), max_size=80),
       default_cut=st.floats(-5, 5))
def test_any_scores_give_a_finite_cut_in_range(data: list, default_cut: float) -> None:
    z = np.array([d[0] for d in data], np.float64)
    toxic = np.array([d[1] for d in data], bool)
    levels = [d[2] for d in data]
    kept = default_split(z, toxic, z >= default_cut, default_cut)
    split = learn_split(z, toxic, levels, kept)
    low, high = default_cut + 2 * min(CUT_OFFSETS), default_cut + 2 * max(CUT_OFFSETS)
    assert math.isfinite(split.cut) and low <= split.cut <= high
    assert split.learned or split.cut == kept
    if split.learned:
        assert sum(lv > 0 for lv in levels) >= MIN_SPLIT_ANSWERS and split.wins > split.losses


def test_the_docstring_examples_hold() -> None:
    import doctest

    from ml_backend.toxicity import level_split, refit

    for module in (level_split, refit):
        result = doctest.testmod(module)
        assert result.failed == 0 and result.attempted > 0, module.__name__
