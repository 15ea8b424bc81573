"""Agreement between annotators: pairwise percent agreement, Krippendorff's alpha, Kendall's W, and agreement
with gold answers. Pure functions and small accumulators; no Label Studio, no I/O.

Label Studio's open-source edition has no agreement statistics (an Enterprise feature); these fill the gap.

    >>> preference({"a": 1, "b": 2}, "a", "b"), preference({"a": 1, "b": 1}, "a", "b")
    (1, 0)
    >>> pairwise_agreement({"a": 1, "b": 2, "c": 3}, {"a": 1, "b": 3, "c": 2})
    (2, 3)
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from itertools import combinations

METRICS = ("nominal", "ordinal", "interval")


def preference(ranks: Mapping[str, float], i: str, j: str) -> int:
    """1 when ``i`` is ranked better than ``j`` (lower rank), -1 when worse, 0 for a tie."""
    a, b = ranks[i], ranks[j]
    return (a < b) - (a > b)


def pairwise_agreement(ranks_a: Mapping[str, float], ranks_b: Mapping[str, float]) -> tuple[int, int]:
    """``(agreeing, compared)`` over the output pairs both annotators ranked (a tie is its own answer).

    Example:
        >>> pairwise_agreement({"a": 1, "b": 1}, {"a": 1, "b": 2})
        (0, 1)
    """
    common = sorted(set(ranks_a) & set(ranks_b))
    agree = total = 0
    for i, j in combinations(common, 2):
        total += 1
        agree += preference(ranks_a, i, j) == preference(ranks_b, i, j)
    return agree, total


def preference_units(rankings: Sequence[Mapping[str, float]]) -> list[list[int]]:
    """Krippendorff units for preferences: one per output pair, the value each annotator gives (-1/0/1).

    Example:
        >>> preference_units([{"a": 1, "b": 2}, {"a": 2, "b": 1, "c": 3}])
        [[1, -1], [1], [1]]
    """
    ids = sorted(set().union(*rankings)) if rankings else []
    units = []
    for i, j in combinations(ids, 2):
        values = [preference(r, i, j) for r in rankings if i in r and j in r]
        if values:
            units.append(values)
    return units


def add_preference_units(acc: AlphaAccumulator, rankings: Sequence[Mapping[str, float]]) -> int:
    """Add the preference units of one task's rankings to ``acc``, each output pair in both orientations.

    Which output of a pair comes first is arbitrary (ids sorted); counted one way only, alpha would depend on it:
    when outputs are listed best first most values are +1 and chance agreement looks high. Both orientations
    make the value distribution symmetric, so chance is a fair coin (and a tie).

    Returns:
        The number of output pairs added (each once).

    Example:
        >>> acc = AlphaAccumulator()
        >>> add_preference_units(acc, [{"a": 1, "b": 2, "c": 3}, {"a": 1, "b": 2, "c": 3}])
        3
        >>> acc.alpha("nominal")
        1.0
    """
    units = preference_units(rankings)
    for unit in units:
        acc.add(unit)
        acc.add([-v for v in unit])
    return sum(len(u) > 1 for u in units)


class AlphaAccumulator:
    """Krippendorff's alpha, accumulated unit by unit in a coincidence matrix (memory bounded by the number of
    distinct values, not of units).

    Example (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability", 4 coders x 12 units):
        >>> acc = AlphaAccumulator()
        >>> for unit in ([1, 1, 1], [2, 2, 3, 2], [3, 3, 3, 3], [3, 3, 3, 3], [2, 2, 2, 2], [1, 2, 3, 4],
        ...              [4, 4, 4, 4], [1, 1, 2, 1], [2, 2, 2, 2], [5, 5, 5], [1, 1], [3]):
        ...     acc.add(unit)
        >>> round(acc.alpha("nominal"), 3), round(acc.alpha("ordinal"), 3), round(acc.alpha("interval"), 3)
        (0.743, 0.815, 0.849)
    """

    def __init__(self) -> None:
        self.coincidences: dict[tuple[Hashable, Hashable], float] = defaultdict(float)
        self.units = 0

    def add(self, values: Iterable[Hashable]) -> None:
        """Add one unit: the values its coders gave (missing ones left out). Units with one value don't count."""
        counts = Counter(values)
        m = sum(counts.values())
        if m < 2:
            return
        self.units += 1
        for c, nc in counts.items():
            for k, nk in counts.items():
                pairs = nc * (nk - (c == k))
                if pairs:
                    self.coincidences[(c, k)] += pairs / (m - 1)

    def alpha(self, metric: str = "nominal") -> float | None:
        """Alpha for ``metric`` (nominal, ordinal, interval); None without pairable values or variation."""
        if metric not in METRICS:
            raise ValueError(f"metric must be one of {METRICS}")
        o = self.coincidences
        marg: dict[Hashable, float] = defaultdict(float)
        for (c, _), w in o.items():
            marg[c] += w
        n = sum(marg.values())
        if n <= 1:
            return None
        values = sorted(marg)
        delta = _delta(metric, values, marg)
        observed = sum(w * delta(c, k) for (c, k), w in o.items())
        expected = sum(marg[c] * marg[k] * delta(c, k) for c in values for k in values) / (n - 1)
        if expected == 0:
            return None
        return 1.0 - observed / expected


def _delta(metric: str, values: list, marg: Mapping) -> callable:  # type: ignore[valid-type]
    if metric == "nominal":
        return lambda c, k: 0.0 if c == k else 1.0
    if metric == "interval":
        return lambda c, k: float(c - k) ** 2
    position = {v: i for i, v in enumerate(values)}
    cumulative = [0.0]
    for v in values:
        cumulative.append(cumulative[-1] + marg[v])

    def ordinal(c, k):  # sum of marginals from c to k, minus half of the ends
        lo, hi = sorted((position[c], position[k]))
        return (cumulative[hi + 1] - cumulative[lo] - (marg[c] + marg[k]) / 2) ** 2

    return ordinal


def krippendorff_alpha(units: Iterable[Iterable[Hashable]], metric: str = "nominal") -> float | None:
    """Krippendorff's alpha of ``units`` (each the list of values its coders gave).

    Example (the ``krippendorff`` package's documented sample, 3 coders x 15 units):
        >>> data = [[None, None, None, None, None, 3, 4, 1, 2, 1, 1, 3, 3, None, 3],
        ...         [1, None, 2, 1, 3, 3, 4, 3, None, None, None, None, None, None, None],
        ...         [None, None, 2, 1, 3, 4, 4, None, 2, 1, 1, 3, 3, None, 4]]
        >>> units = [[row[u] for row in data if row[u] is not None] for u in range(15)]
        >>> round(krippendorff_alpha(units, "nominal"), 3), round(krippendorff_alpha(units, "interval"), 3)
        (0.691, 0.811)
    """
    acc = AlphaAccumulator()
    for unit in units:
        acc.add(unit)
    return acc.alpha(metric)


def _average_ranks(ranks: Mapping[str, float], ids: Sequence[str]) -> tuple[dict[str, float], float]:
    """Positional ranks 1..n over ``ids`` with ties averaged, and the tie correction sum(t^3 - t)."""
    order = sorted(ids, key=lambda i: ranks[i])
    out: dict[str, float] = {}
    correction = 0.0
    pos = 0
    while pos < len(order):
        end = pos
        while end + 1 < len(order) and ranks[order[end + 1]] == ranks[order[pos]]:
            end += 1
        t = end - pos + 1
        avg = (pos + 1 + end + 1) / 2
        for k in range(pos, end + 1):
            out[order[k]] = avg
        correction += t ** 3 - t
        pos = end + 1
    return out, correction


def kendalls_w(rankings: Sequence[Mapping[str, float]]) -> float | None:
    """Kendall's coefficient of concordance W (tie-corrected) of several rankings of the same outputs.

    Only outputs every ranking ranked are used; None with fewer than 2 rankings or 2 outputs, or no variation.

    Example:
        >>> kendalls_w([{"a": 1, "b": 2, "c": 3}, {"a": 1, "b": 2, "c": 3}])
        1.0
        >>> kendalls_w([{"a": 1, "b": 2, "c": 3}, {"a": 3, "b": 2, "c": 1}])
        0.0
    """
    m = len(rankings)
    if m < 2:
        return None
    common = sorted(set.intersection(*(set(r) for r in rankings)))
    n = len(common)
    if n < 2:
        return None
    totals = dict.fromkeys(common, 0.0)
    ties = 0.0
    for r in rankings:
        avg, correction = _average_ranks(r, common)
        ties += correction
        for i in common:
            totals[i] += avg[i]
    mean = m * (n + 1) / 2
    s = sum((t - mean) ** 2 for t in totals.values())
    denominator = m * m * (n ** 3 - n) - m * ties
    if denominator <= 0:
        return None
    return 12 * s / denominator


def choice_agreement(gold: Mapping[str, Sequence[str]], answers: Mapping[str, Sequence[str]]) -> tuple[int, int]:
    """``(agreeing, compared)`` over the choice controls the gold answer has; a missing answer disagrees.

    Example:
        >>> choice_agreement({"sexual_0": ["No"], "violent_0": ["Yes"]}, {"sexual_0": ["No"]})
        (1, 2)
    """
    agree = sum(sorted(answers.get(name) or []) == sorted(value) for name, value in gold.items())
    return agree, len(gold)
