"""Figures for toxicity predictions: toxic-vs-clean precision / recall / F1, three-level accuracy, threshold search.

Example:
    >>> binary_metrics([True, False, True], [True, True, False])["f1"]
    0.5
    >>> level_accuracy([0, 1, 2], [0, 2, 2])
    0.667
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

#: Candidate thresholds for :func:`best_threshold`.
GRID = tuple(round(i / 100, 2) for i in range(5, 96))


def binary_metrics(pred: Sequence[bool], gold: Sequence[bool]) -> dict[str, float]:
    """Precision, recall and F1 of the positive (toxic) class, plus the counts.

    >>> binary_metrics([True, True], [True, False])
    {'precision': 0.5, 'recall': 1.0, 'f1': 0.667, 'tp': 1, 'fp': 1, 'fn': 0, 'n': 2}
    """
    tp = sum(bool(p) and bool(g) for p, g in zip(pred, gold))
    fp = sum(bool(p) and not g for p, g in zip(pred, gold))
    fn = sum(bool(g) and not p for p, g in zip(pred, gold))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3),
            "tp": tp, "fp": fp, "fn": fn, "n": len(gold)}


def level_accuracy(pred_levels: Sequence[int], gold_levels: Sequence[int]) -> float:
    """Share of rows whose 0/1/2 level is exactly right.

    >>> level_accuracy([0, 1, 2], [0, 2, 2])
    0.667
    """
    return round(sum(int(p) == int(g) for p, g in zip(pred_levels, gold_levels)) / max(len(gold_levels), 1), 3)


def best_threshold(scores: Sequence[float], gold: Sequence[bool], grid: Sequence[float] = GRID) -> tuple[float, float]:
    """(threshold, F1): the grid value maximising F1 of ``score >= t``; ties -> the middle of the longest tied run.

    >>> best_threshold([0.1, 0.4, 0.6, 0.9], [False, False, True, True], grid=(0.2, 0.5, 0.7))
    (0.5, 1.0)
    """
    s = np.asarray(scores, dtype=np.float64)
    f1s = [binary_metrics(list(s >= t), list(gold))["f1"] for t in grid]
    return middle_of_longest_run(grid, f1s), max(f1s)


def middle_of_longest_run(values: Sequence[float], scores: Sequence[float]) -> float:
    """The value in the middle of the longest run of consecutive ``values`` whose score is the best (the first such
    run on a tie): a choice that stays put when a neighbouring score moves a little.

    >>> middle_of_longest_run([0.1, 0.2, 0.3, 0.4, 0.5], [1, 3, 2, 3, 3])
    0.4
    """
    best = max(scores)
    runs: list[tuple[int, int]] = []
    start = None
    for i, f in enumerate([*scores, None]):
        if f == best and start is None:
            start = i
        elif f != best and start is not None:
            runs.append((start, i - 1))
            start = None
    lo, hi = max(runs, key=lambda r: r[1] - r[0])
    return values[(lo + hi) // 2]
