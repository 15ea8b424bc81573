"""A least-recently-used cache bounded in bytes, not in entries: keyed by a label config's text, whose size a
client chooses (25 distinct 18 MB configs once took a worker from 541 MB to 1 GB through an entry-count cache).

Each entry costs ``len(key) * weight`` bytes (the key's text plus what was built from it); an entry that alone
would take more than a quarter of the budget is computed but not kept.

    >>> cache = ByteLRU(max_bytes=1000)
    >>> cache.get_or_build("abc", len), cache.get_or_build("abc", len), cache.hits
    (3, 3, 1)
    >>> _ = cache.get_or_build("x" * 300, len)    # over a quarter of the budget: built, not kept
    >>> len(cache), cache.size_bytes              # "abc": 3 bytes of text + 64 of overhead
    (1, 67)
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Generic, TypeVar

V = TypeVar("V")


class ByteLRU(Generic[V]):
    """``get_or_build(key, build)``: the cached value for ``key``, else ``build(key)`` (kept if it fits).

    Thread-safe. ``weight`` estimates the memory of an entry as a multiple of its key's length.
    Exceptions from ``build`` propagate and nothing is cached.
    """

    def __init__(self, max_bytes: int, weight: float = 1.0) -> None:
        self.max_bytes = max(0, int(max_bytes))
        self.weight = weight
        self._data: OrderedDict[str, tuple[V, int]] = OrderedDict()
        self._lock = threading.Lock()
        self.size_bytes = 0
        self.hits = self.misses = 0

    def _cost(self, key: str) -> int:
        return int(len(key) * self.weight) + 64

    def get_or_build(self, key: str, build: Callable[[str], V]) -> V:
        with self._lock:
            found = self._data.get(key)
            if found is not None:
                self._data.move_to_end(key)
                self.hits += 1
                return found[0]
            self.misses += 1
        value = build(key)  # outside the lock: a slow build must not stall other threads' hits
        cost = self._cost(key)
        if cost * 4 > self.max_bytes:
            return value
        with self._lock:
            if key not in self._data:
                self._data[key] = (value, cost)
                self.size_bytes += cost
            while self.size_bytes > self.max_bytes and self._data:
                _, (_, old_cost) = self._data.popitem(last=False)
                self.size_bytes -= old_cost
        return value

    def clear(self) -> None:
        with self._lock:
            self._data.clear()
            self.size_bytes = 0

    def __len__(self) -> int:
        return len(self._data)
