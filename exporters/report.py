"""What a run did, counted: the report every export ends with.

:class:`RunReport` counts tasks, annotations used and skipped (by reason), records and pairs written, ties dropped
and unranked outputs; every problem is counted with its task id, and ``strict`` turns the first one into an error.
Nothing is dropped without a count::

    >>> report = RunReport()
    >>> report.tasks, report.annotations = 2, 3
    >>> report.skip_annotation("cancelled")
    >>> report.annotations_used, report.pairs = 2, 6
    >>> print(report.format())  # doctest: +NORMALIZE_WHITESPACE
    tasks read                 2
    annotations read           3
    annotations used           2
    annotations skipped        1
      cancelled                1
    pairs written              6

The statistics report of ``stats export`` is rendered by :mod:`exporters.stats_report`; the task walkers every
exporter shares are in :mod:`exporters.walk`.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from exporters.errors import BadInput, ExportError

MAX_PROBLEMS_KEPT = 200  # problems listed in the report; all are counted


@dataclass
class RunReport:
    """Counts of one export run. ``annotations == annotations_used + sum(annotations_skipped.values())``."""

    strict: bool = False
    details: dict[str, str] = field(default_factory=dict)
    tasks: int = 0
    tasks_used: int = 0
    tasks_skipped: Counter = field(default_factory=Counter)
    annotations: int = 0
    annotations_used: int = 0
    annotations_skipped: Counter = field(default_factory=Counter)
    records: int = 0
    pairs: int = 0
    ties_dropped: int = 0
    ties_kept: int = 0
    unranked_outputs: int = 0
    notes: Counter = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)
    problem_count: int = 0
    files: dict[str, int] = field(default_factory=dict)
    input_broken: str | None = None  # where the input broke off (every complete task before it was read)
    position: int = 0  # the position in the input of the task being read (names tasks without an id)

    def problem(self, exc: BadInput) -> None:
        """Record bad input (with its task id), or raise it when strict."""
        if exc.task_id is None and exc.position is None and self.position:
            exc = exc.with_task(None, self.position)
        if self.strict:
            raise exc
        self.problem_count += 1
        if len(self.problems) < MAX_PROBLEMS_KEPT:
            self.problems.append(str(exc))

    def read_problem(self, problem: Any) -> None:
        """Record a problem of the reader (an :class:`exporters.read.ReadProblem`): an unreadable task is counted
        as read and skipped; where the input broke off is kept in :attr:`input_broken`. Raises when strict."""
        if self.strict:
            raise ExportError(str(problem))
        if problem.position:
            self.tasks += 1
            self.skip_task("unreadable task")
        if problem.fatal:
            self.input_broken = str(problem)
        self.problem_count += 1
        if len(self.problems) < MAX_PROBLEMS_KEPT:
            self.problems.append(str(problem))

    def skip_task(self, reason: str, annotations: int = 0) -> None:
        """Count a task left out, and its ``annotations`` as skipped because of it."""
        self.tasks_skipped[reason] += 1
        if annotations:
            self.annotations_skipped[f"task skipped ({reason})"] += annotations

    def skip_annotation(self, reason: str, n: int = 1) -> None:
        """Count ``n`` annotations left out for ``reason``."""
        self.annotations_skipped[reason] += n

    def note(self, what: str, n: int = 1) -> None:
        """Count something worth telling that is neither a skip nor a problem."""
        self.notes[what] += n

    def as_dict(self) -> dict[str, Any]:
        """The report as plain JSON-ready data."""
        return {
            **self.details,
            "tasks": self.tasks,
            "tasks_used": self.tasks_used,
            "tasks_skipped": dict(self.tasks_skipped),
            "annotations": self.annotations,
            "annotations_used": self.annotations_used,
            "annotations_skipped": dict(self.annotations_skipped),
            "records_written": self.records,
            "pairs_written": self.pairs,
            "ties_dropped": self.ties_dropped,
            "ties_kept": self.ties_kept,
            "unranked_outputs": self.unranked_outputs,
            "notes": dict(self.notes),
            "problem_count": self.problem_count,
            "problems": list(self.problems),
            "files": dict(self.files),
            "input_broken": self.input_broken,
        }

    def format(self) -> str:
        """A short plain-text table; zero counts of optional lines are left out."""
        rows: list[tuple[str, Any]] = [*self.details.items(), ("tasks read", self.tasks)]
        if self.tasks_skipped:
            rows.append(("tasks skipped", sum(self.tasks_skipped.values())))
            rows += [(f"  {k}", v) for k, v in sorted(self.tasks_skipped.items())]
        rows += [("annotations read", self.annotations), ("annotations used", self.annotations_used)]
        if self.annotations_skipped:
            rows.append(("annotations skipped", sum(self.annotations_skipped.values())))
            rows += [(f"  {k}", v) for k, v in sorted(self.annotations_skipped.items())]
        if self.unranked_outputs:
            rows.append(("unranked outputs left out", self.unranked_outputs))
        if self.pairs or self.ties_dropped or self.ties_kept:
            rows.append(("pairs written", self.pairs))
            if self.ties_dropped:
                rows.append(("tied pairs dropped", self.ties_dropped))
            if self.ties_kept:
                rows.append(("tied pairs kept", self.ties_kept))
        if self.records and self.records != self.pairs:
            rows.append(("records written", self.records))
        rows += [(k, v) for k, v in sorted(self.notes.items())]
        width = max(27, max(len(k) for k, _ in rows) + 2)
        lines = [f"{k:<{width}}{v}" for k, v in rows]
        lines += [f"-> {path} ({n} records)" for path, n in self.files.items()]
        if self.input_broken:
            lines.append(f"INPUT BROKEN: {self.input_broken}")
        if self.problem_count:
            lines.append(f"problems: {self.problem_count} (each skipped and counted above)")
            lines += [f"  {p}" for p in self.problems[:20]]
            if self.problem_count > 20:
                lines.append(f"  ... {self.problem_count - 20} more (all in the JSON report)")
        return "\n".join(lines)


def write_json(path: Path, data: Any) -> None:
    """Write ``data`` as indented UTF-8 JSON."""
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8")
