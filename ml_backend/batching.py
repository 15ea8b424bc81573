"""Cut a request's tasks into small chunks for the engine processes: at most ``max_tasks`` tasks and about
``max_chars`` characters of text each, so one chunk normally takes well under a second, spreads over every
engine, and a chunk over its time budget names few suspects.

    >>> tasks = [{"data": {"prompt": "a" * n}} for n in (10, 10, 30_000, 10)]
    >>> make_chunks(tasks, max_tasks=2, max_chars=20_000)
    [[0, 1], [2], [3]]
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

CHUNK_CHARS = 20_000  # about 0.5-1 s of PII analysis on one core (spaCy sm + Presidio + rules)


def task_chars(task: Any, limit: int = 10_000_000) -> int:
    """Characters of text in a task's ``data`` (strings at any depth; stops counting at ``limit``).

    >>> task_chars({"data": {"prompt": "abc", "outputs": [{"body": "de"}], "n": 5}})
    5
    """
    data = task.get("data") if isinstance(task, dict) else None
    total, stack = 0, [data]
    while stack and total < limit:
        value = stack.pop()
        if isinstance(value, str):
            total += len(value)
        elif isinstance(value, dict):
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    return total


def make_chunks(tasks: Sequence[Any], max_tasks: int, max_chars: int = CHUNK_CHARS) -> list[list[int]]:
    """Positions of ``tasks`` grouped in order into chunks (a task larger than ``max_chars`` is alone)."""
    chunks: list[list[int]] = []
    current: list[int] = []
    chars = 0
    for position, task in enumerate(tasks):
        size = task_chars(task)
        if current and (len(current) >= max_tasks or chars + size > max_chars):
            chunks.append(current)
            current, chars = [], 0
        current.append(position)
        chars += size
    if current:
        chunks.append(current)
    return chunks
