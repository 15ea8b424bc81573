"""Questions about a fixed set of character spans, each answered by bisection instead of a walk over every span.

The not-PII filter and the recognizers ask, for each candidate, "is it inside a brand?", "does it overlap an
entity?", "is there an organisation before it in its window?", "is there a person in its sentence?". A walk over
all spans per candidate is quadratic on a long text with many of both (a hostile prompt repeating "Jane Smith met
John Brown." 4,000 times); :class:`SpanIndex` answers each in O(log n) after an O(n log n) build. Spans may
overlap and come in any order; ``(start, end)`` with ``start <= end``.

    >>> idx = SpanIndex([(10, 20), (0, 4), (30, 35)])
    >>> idx.contains(11, 19), idx.overlaps(4, 10), idx.overlaps(3, 10), idx.last_start_within(5, 36)
    (True, False, True, 30)
    >>> idx.any_start_in(21, 30), idx.any_start_in(21, 31), idx.last_start_within(5, 34)
    (False, True, 10)
"""

from __future__ import annotations

import bisect
from itertools import accumulate
from typing import Iterable


class SpanIndex:
    """Sorted views of ``spans`` for containment, overlap and "latest span in a window" questions."""

    __slots__ = ("starts", "_max_end_by_start", "ends", "_max_start_by_end")

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        by_start = sorted((s, e) for s, e in spans)
        self.starts = [s for s, _ in by_start]
        # the largest end among the spans up to i in start order
        self._max_end_by_start = list(accumulate((e for _, e in by_start), max))
        by_end = sorted(by_start, key=lambda se: se[1])
        self.ends = [e for _, e in by_end]
        # the largest start among the spans up to i in end order
        self._max_start_by_end = list(accumulate((s for s, _ in by_end), max))

    def __len__(self) -> int:
        return len(self.starts)

    def contains(self, start: int, end: int) -> bool:
        """Some span holds ``start:end`` (``s <= start and end <= e``)."""
        k = bisect.bisect_right(self.starts, start)
        return k > 0 and self._max_end_by_start[k - 1] >= end

    def overlaps(self, start: int, end: int) -> bool:
        """Some span overlaps ``start:end`` (``s < end and start < e``)."""
        k = bisect.bisect_left(self.starts, end)
        return k > 0 and self._max_end_by_start[k - 1] > start

    def last_start_within(self, lo: int, hi: int) -> int | None:
        """The largest start of a span lying within ``lo:hi`` (``lo <= s and e <= hi``), or None."""
        k = bisect.bisect_right(self.ends, hi)
        if k == 0:
            return None
        best = self._max_start_by_end[k - 1]  # the latest start among the spans ending by ``hi``
        return best if best >= lo else None

    def any_start_in(self, lo: int, hi: int) -> bool:
        """Some span starts in ``lo:hi`` (``lo <= s < hi``)."""
        k = bisect.bisect_left(self.starts, lo)
        return k < len(self.starts) and self.starts[k] < hi

    def has_disjoint_in(self, lo: int, hi: int, start: int, end: int) -> bool:
        """Some span starts in ``lo:hi`` and does not overlap ``start:end`` (a person elsewhere in the sentence):
        it starts at or after ``end``, or it ends by ``start``. Needs ``start < hi`` (``start:end`` lies in the
        sentence ``lo:hi``)."""
        if self.any_start_in(max(lo, end), hi):
            return True
        latest = self.last_start_within(lo, start)  # spans ending by ``start`` and starting at or after ``lo``
        return latest is not None and latest < hi
