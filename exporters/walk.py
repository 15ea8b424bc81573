"""Walking an export's tasks: the one loop the pairs, labels and SFT exporters share.

Every item of the stream is counted in the :class:`~exporters.report.RunReport`; anything that is not a task
object, and every task without annotations, is reported and skipped, never silently dropped.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from exporters.errors import BadInput
from exporters.report import RunReport
from exporters.tasks import task_annotations


def counted_tasks(tasks: Iterable[Any], report: RunReport) -> Iterator[dict]:
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


def annotated_tasks(tasks: Iterable[Any], report: RunReport) -> Iterator[tuple[dict, list[dict]]]:
    """``(task, annotations)`` for the tasks that have annotations; the others are skipped as "no annotations".

    >>> r = RunReport(); [t["id"] for t, _ in annotated_tasks([{"id": 1, "annotations": [{"result": []}]}, {"id": 2}], r)]
    [1]
    """
    for task in counted_tasks(tasks, report):
        annotations = task_annotations(task)
        report.annotations += len(annotations)
        if not annotations:
            report.skip_task("no annotations")
            continue
        yield task, annotations
