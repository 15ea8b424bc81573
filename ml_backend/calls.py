"""One prediction call as the engines see it: its tasks, what came back for each, and its deadline.

Shared by the process pool (:mod:`ml_backend.engines`) and the in-process engines
(:mod:`ml_backend.local_engines`). A task ends in one of three states: a prediction, ``None`` (nothing to fill),
or a problem (a reason naming a field, the budget or the deadline: never task text).

    >>> call = Call([{"id": 7}, {"id": 8}], "<View/>", {}, deadline=0.0)   # already past its deadline
    >>> call.add(1); call.deliver([0], [{"result": [1]}], [], {}); call.wait()
    >>> [p.reason[:14] for p in call.outcome().problems], call.outcome().results[0]
    (['not predicted '], {'result': [1]})
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ml_backend.predict import TaskProblem

DEADLINE_REASON = ("not predicted before the request's deadline (PREDICT_DEADLINE); retrieve predictions again "
                   "for the rest")


class EnginesUnavailable(RuntimeError):
    """No engine can predict (still loading, or loading failed): the message says which."""

    def __init__(self, message: str, loading: bool) -> None:
        super().__init__(message)
        self.loading = loading


@dataclass
class PoolOutcome:
    """Per task a prediction or None, why some got none, and counts for the log."""

    results: list[dict[str, Any] | None]
    problems: list[TaskProblem] = field(default_factory=list)
    stats: dict[str, Any] = field(default_factory=dict)


class Call:
    """One ``predict`` call: its tasks, what came back, and its deadline (thread-safe)."""

    def __init__(self, tasks: Sequence[Any], label_config: str, options: dict, deadline: float) -> None:
        self.tasks, self.label_config, self.options, self.deadline = tasks, label_config, options, deadline
        self.results: list[dict[str, Any] | None] = [None] * len(tasks)
        self.done = [False] * len(tasks)
        self.problems: dict[int, str] = {}
        self.pending = 0
        self.finished = False
        self.cond = threading.Condition()
        self.stats: dict[str, Any] = {"chunks": 0, "retried": 0, "over_budget": 0, "engine_ms": 0.0,
                                      "refused_by_check": 0, "refused_controls": "-"}

    def expired(self) -> bool:
        return self.finished or time.monotonic() >= self.deadline

    def deliver(self, positions: list[int], results: list, problems: list, stats: dict) -> None:
        with self.cond:
            if not self.finished:
                for local, prediction in enumerate(results):
                    self.results[positions[local]] = prediction
                    self.done[positions[local]] = True
                for local, _task_id, reason in problems:
                    self.problems[positions[local]] = reason
                self.stats["engine_ms"] += float(stats.get("engine_ms", 0.0))
                self.stats["refused_by_check"] += int(stats.get("refused_by_check", 0))
                names = {n for n in (self.stats["refused_controls"], stats.get("refused_controls", "-"))
                         for n in str(n).split(",") if n and n != "-"}
                self.stats["refused_controls"] = ",".join(sorted(names)) or "-"
            self._done_one()

    def fail(self, positions: list[int], reason: str) -> None:
        with self.cond:
            if not self.finished:
                for p in positions:
                    self.problems[p] = reason
                    self.done[p] = True
            self._done_one()

    def add(self, n: int = 1) -> None:
        with self.cond:
            self.pending += n

    def _done_one(self) -> None:
        self.pending -= 1
        if self.pending <= 0:
            self.cond.notify_all()

    def wait(self) -> None:
        with self.cond:
            while self.pending > 0:
                left = self.deadline - time.monotonic()
                if left <= 0:
                    break
                self.cond.wait(left)
            self.finished = True
            for p, done in enumerate(self.done):
                if not done:
                    self.problems[p] = DEADLINE_REASON

    def outcome(self) -> PoolOutcome:
        problems = [TaskProblem(p, task_id(self.tasks[p]), r) for p, r in sorted(self.problems.items())]
        for p in self.problems:
            self.results[p] = None
        return PoolOutcome(self.results, problems, dict(self.stats))


def task_id(task: Any) -> int | None:
    tid = task.get("id") if isinstance(task, dict) else None
    return tid if isinstance(tid, int) and not isinstance(tid, bool) else None


