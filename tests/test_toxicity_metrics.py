"""Figures (ml_backend/toxicity/metrics.py): binary metrics, three-level accuracy, threshold search."""

from __future__ import annotations

import doctest

from ml_backend.toxicity import metrics
from ml_backend.toxicity.metrics import best_threshold, binary_metrics, level_accuracy


def test_binary_metrics_counts() -> None:
    assert binary_metrics([True, False, False], [True, True, False]) == {
        "precision": 1.0, "recall": 0.5, "f1": 0.667, "tp": 1, "fp": 0, "fn": 1, "n": 3}
    assert binary_metrics([], [])["f1"] == 0.0
    assert binary_metrics([False, False], [True, False])["precision"] == 0.0


def test_level_accuracy() -> None:
    assert level_accuracy([0, 1, 2, 2], [0, 1, 1, 2]) == 0.75
    assert level_accuracy([], []) == 0.0


def test_best_threshold_takes_the_middle_of_a_tie() -> None:
    scores = [0.1, 0.2, 0.8, 0.9]
    gold = [False, False, True, True]
    t, f1 = best_threshold(scores, gold, grid=(0.15, 0.3, 0.5, 0.7, 0.85))
    assert f1 == 1.0 and t == 0.5


def test_docstring_examples() -> None:
    assert doctest.testmod(metrics).failed == 0
