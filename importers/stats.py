"""Descriptive statistics of a prompt file, like the tables of the InstructGPT paper's appendix.

Counts per use-case category, per source and per split, and the prompt length distribution (count, mean, std,
min, 25 %, 50 %, 75 %, max) overall and per category / source / split. Works on raw prompt files and on the task
files an import writes (``{"data": {...}}`` lines carry ``split``). Lengths are in words (white-space separated)
or characters: the paper counts tokens of its own tokenizer, which is not available offline.

    >>> from importers.records import Record
    >>> s = prompt_stats([Record("a b c", category="Chat", source="api"), Record("d", source="api")])
    >>> s["by"]["category"]["Chat"]["count"], s["overall"]["max"]
    (1, 3)
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Iterable
from typing import Any

from importers.records import Record

UNITS = ("words", "chars")
NONE = "(none)"
GROUPS = ("category", "source", "split")


def _length(text: str, unit: str) -> int:
    return len(text.split()) if unit == "words" else len(text)


def _quantile(sorted_values: array, q: float) -> float:
    """Linear interpolation between closest ranks (numpy's default)."""
    if not sorted_values:
        return 0.0
    pos = (len(sorted_values) - 1) * q
    lo, hi = math.floor(pos), math.ceil(pos)
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (pos - lo)


def describe(lengths: array) -> dict[str, float | int]:
    """count, mean, std (sample), min, 25%, 50%, 75%, max of a list of lengths.

    >>> describe(array("l", [1, 2, 3, 4]))["50%"]
    2.5
    """
    values = array(lengths.typecode, sorted(lengths))
    n = len(values)
    if n == 0:
        return {"count": 0, "mean": 0.0, "std": 0.0, "min": 0, "25%": 0.0, "50%": 0.0, "75%": 0.0, "max": 0}
    mean = sum(values) / n
    std = math.sqrt(sum((v - mean) ** 2 for v in values) / (n - 1)) if n > 1 else 0.0
    return {"count": n, "mean": round(mean, 2), "std": round(std, 2), "min": values[0],
            "25%": _quantile(values, 0.25), "50%": _quantile(values, 0.5), "75%": _quantile(values, 0.75),
            "max": values[-1]}


def prompt_stats(records: Iterable[Record], unit: str = "words") -> dict[str, Any]:
    """Counts and length distributions of a stream of records (one array of ints per group; texts not kept).

    Args:
        records: e.g. ``normalize_records(read_records(path))``.
        unit: ``words`` or ``chars``.

    Returns:
        ``{"unit", "overall": describe(...), "by": {"category"|"source"|"split": {value: describe(...)}}}``.

    Example:
        >>> prompt_stats([Record("one two", split="train")], unit="chars")["by"]["split"]["train"]["mean"]
        7.0
    """
    if unit not in UNITS:
        raise ValueError(f"unit must be one of {UNITS}")
    overall = array("l")
    by: dict[str, dict[str, array]] = {g: {} for g in GROUPS}
    for record in records:
        n = _length(record.prompt, unit)
        overall.append(n)
        for group, value in (("category", record.category), ("source", record.source), ("split", record.split)):
            by[group].setdefault(value or NONE, array("l")).append(n)
    return {
        "unit": unit,
        "overall": describe(overall),
        "by": {g: {k: describe(v) for k, v in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))}
               for g, groups in by.items()},
    }


def format_stats(stats: dict[str, Any]) -> str:
    """The statistics as text tables, one per grouping, like the paper's appendix.

    Args:
        stats: the output of :func:`prompt_stats`.

    Returns:
        Text tables.

    Example:
        >>> print(format_stats(prompt_stats([Record("a b", category="Chat")])).splitlines()[2])
        Chat                   1   100.0%     2.0     0.0     2      2.0      2.0      2.0      2
    """
    total = stats["overall"]["count"] or 1
    w = max([16, *(len(name) + 2 for g in GROUPS for name in stats["by"][g])])
    out = []
    for group in GROUPS:
        out.append(f"Prompt length ({stats['unit']}) by {group}")
        out.append(f"{group:<{w}}{'count':>8}{'share':>9}{'mean':>8}{'std':>8}{'min':>6}{'25%':>9}{'50%':>9}"
                   f"{'75%':>9}{'max':>7}")
        rows = list(stats["by"][group].items()) + [("all", stats["overall"])]
        for name, d in rows:
            out.append(f"{name:<{w}}{d['count']:>8,}{100 * d['count'] / total:>8.1f}%{d['mean']:>8.1f}"
                       f"{d['std']:>8.1f}{d['min']:>6}{d['25%']:>9.1f}{d['50%']:>9.1f}{d['75%']:>9.1f}"
                       f"{d['max']:>7}")
        out.append("")
    return "\n".join(out).rstrip("\n")
