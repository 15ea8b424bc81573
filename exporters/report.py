"""What a run did, counted: the report every export ends with, and the statistics report of ``stats export``.

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

:func:`write_stats_report` renders the statistics of :mod:`exporters.stats` as Markdown, JSON and PNG plots.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from collections.abc import Iterable, Iterator
from typing import Any

from exporters.errors import BadInput

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

    def problem(self, exc: BadInput) -> None:
        """Record bad input (with its task id), or raise it when strict."""
        if self.strict:
            raise exc
        self.problem_count += 1
        if len(self.problems) < MAX_PROBLEMS_KEPT:
            self.problems.append(str(exc))

    def skip_task(self, reason: str, annotations: int = 0) -> None:
        """Count a task left out, and its ``annotations`` as skipped because of it."""
        self.tasks_skipped[reason] += 1
        if annotations:
            self.annotations_skipped[f"task skipped ({reason})"] += annotations

    def skip_annotation(self, reason: str) -> None:
        """Count one annotation left out for ``reason``."""
        self.annotations_skipped[reason] += 1

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
        if self.problem_count:
            lines.append(f"problems: {self.problem_count} (each skipped and counted above)")
            lines += [f"  {p}" for p in self.problems[:20]]
            if self.problem_count > 20:
                lines.append(f"  ... {self.problem_count - 20} more (all in the JSON report)")
        return "\n".join(lines)


def write_json(path: Path, data: Any) -> None:
    """Write ``data`` as indented UTF-8 JSON."""
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8")


def _md_table(header: list[str], rows: list[list[Any]]) -> list[str]:
    def cell(v: Any) -> str:
        if isinstance(v, float):
            return f"{v:.3f}"
        return "" if v is None else str(v)

    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return out


def stats_markdown(stats: dict[str, Any]) -> str:
    """The statistics of :meth:`exporters.stats.StatsCollector.result` as a Markdown report.

    Example:
        >>> print(stats_markdown({"tasks": 1, "annotations": 2, "by_category": {}, "by_split": {},
        ...     "pairs_per_prompt": {}, "lengths": {}, "agreement": {}, "screening": {}}).splitlines()[0])
        # Export statistics
    """
    lines = ["# Export statistics", ""]
    lines += [f"- tasks: {stats.get('tasks', 0)}", f"- annotations: {stats.get('annotations', 0)} "
              f"(cancelled {stats.get('cancelled', 0)}, ground truth {stats.get('ground_truth', 0)})",
              f"- pairs (ties dropped, one set per annotation): {stats.get('pairs', 0)}", ""]
    for title, key in (("Per category", "by_category"), ("Per split", "by_split")):
        table = stats.get(key) or {}
        if table:
            lines += [f"## {title}", ""]
            lines += _md_table(["", "tasks", "annotated tasks", "pairs"],
                               [[k, v["tasks"], v["annotated_tasks"], v["pairs"]] for k, v in table.items()])
            lines.append("")
    ppp = stats.get("pairs_per_prompt") or {}
    if ppp.get("prompts"):
        lines += ["## Pairs per prompt", "", *_md_table(list(ppp), [list(ppp.values())]), ""]
    lengths = stats.get("lengths") or {}
    if lengths:
        lines += ["## Length in words per category", ""]
        rows = []
        for cat, kinds in lengths.items():
            for kind, d in kinds.items():
                rows.append([cat, kind, d["n"], d["mean"], d["median"], d["p90"], d["max"]])
        lines += _md_table(["category", "text", "n", "mean", "median", "p90", "max"], rows) + [""]
    agreement = stats.get("agreement") or {}
    if agreement:
        lines += ["## Inter-annotator agreement", ""]
        lines += _md_table(["measure", "value", "n"], [[k, v.get("value"), v.get("n")] for k, v in agreement.items()])
        lines += ["", "Percent agreement: share of output pairs two annotators of the same task order the same "
                  "way (a tie counts as its own answer); InstructGPT reports about 73% between training labelers.",
                  ""]
    screening = stats.get("screening") or {}
    if screening:
        lines += ["## Agreement with gold (ground-truth) answers, per annotator", ""]
        lines += _md_table(["annotator", "tasks", "flag agreement", "flags", "ranking agreement", "pairs"],
                           [[a, d["tasks"], d["flag_agreement"], d["flags"], d["ranking_agreement"], d["pairs"]]
                            for a, d in screening.items()])
        lines.append("")
    for name in stats.get("plots") or []:
        lines.append(f"![{Path(name).stem}]({Path(name).name})")
    return "\n".join(lines).rstrip() + "\n"


def stats_text(stats: dict[str, Any]) -> str:
    """The statistics as plain text for a terminal (the Markdown without the table rules)."""
    return "\n".join(line for line in stats_markdown(stats).splitlines() if not line.startswith("|---"))


def write_stats_report(stats: dict[str, Any], out_dir: Path, plots: bool = True) -> list[Path]:
    """Write ``stats.json``, ``stats.md`` and, with ``plots``, PNG plots into ``out_dir``.

    Returns:
        The files written.
    """
    from exporters.stats import write_plots

    out_dir.mkdir(parents=True, exist_ok=True)
    written = write_plots(stats, out_dir) if plots else []
    stats = {k: v for k, v in stats.items() if k != "lengths_raw"}
    stats["plots"] = [p.name for p in written]
    write_json(out_dir / "stats.json", stats)
    (out_dir / "stats.md").write_text(stats_markdown(stats), encoding="utf-8")
    return [out_dir / "stats.json", out_dir / "stats.md", *written]


def counted_tasks(tasks: "Iterable[Any]", report: RunReport) -> "Iterator[dict]":
    """The tasks of a stream that are JSON objects, each counted in ``report``; any other item is reported
    and skipped as "not a task".

    >>> r = RunReport(); [t["id"] for t in counted_tasks([{"id": 1}, "oops"], r)], r.tasks
    ([1], 2)
    """
    for task in tasks:
        report.tasks += 1
        if not isinstance(task, dict):
            report.problem(BadInput(f"a task is not a JSON object: {task!r:.60}", kind="not a task"))
            report.skip_task("not a task")
            continue
        yield task


def annotated_tasks(tasks: "Iterable[Any]", report: RunReport) -> "Iterator[tuple[dict, list[dict]]]":
    """``(task, annotations)`` for the tasks that have annotations; the others are skipped as "no annotations".

    >>> r = RunReport(); [t["id"] for t, _ in annotated_tasks([{"id": 1, "annotations": [{"result": []}]}, {"id": 2}], r)]
    [1]
    """
    from exporters.tasks import task_annotations

    for task in counted_tasks(tasks, report):
        annotations = task_annotations(task)
        report.annotations += len(annotations)
        if not annotations:
            report.skip_task("no annotations")
            continue
        yield task, annotations
