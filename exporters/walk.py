"""Walking an export's tasks: the one loop the pairs, labels, SFT and statistics exporters share.

Every item of the stream is counted in the :class:`~exporters.report.RunReport` and its envelope is checked
before any exporter looks inside (:func:`check_task`): anything that is not a task object, a task id that is not
an integer, annotations that are not a list, and each annotation that is not a well-formed object (``"annotations":
[5]``, a result that is not an object, a ``value`` that is not an object ...) is reported by task id or position,
counted and skipped: one bad record costs only itself, never the export.

    >>> r = RunReport()
    >>> tasks = [{"id": 1, "annotations": [5, {"result": []}]}, "oops"]
    >>> [(t["id"], len(t["annotations"])) for t in counted_tasks(tasks, r)], r.problems
    ([(1, 1)], ['task 1: annotation #1 is not an object (a JSON number)', 'task #2: not a task object (a JSON string)'])
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from exporters.errors import BadInput
from exporters.report import RunReport
from exporters.tasks import task_annotations

INT64_MIN, INT64_MAX = -(2 ** 63), 2 ** 63 - 1
# What an exporter's reading of one task may raise on a shape no check foresaw: reported as that task's problem
# (with the exception's type, never its message, which may quote the input), and the walk goes on.
UNFORESEEN = (TypeError, ValueError, AttributeError, KeyError, IndexError, RecursionError)
_NAMES = ("from_name", "to_name", "type")


def json_kind(value: Any) -> str:
    """The JSON kind of a value, to say what was found without quoting it.

    >>> json_kind([1]), json_kind("x"), json_kind(True), json_kind(None)
    ('a JSON array', 'a JSON string', 'a JSON boolean', 'JSON null')
    """
    if value is None:
        return "JSON null"
    if isinstance(value, bool):
        return "a JSON boolean"
    if isinstance(value, (int, float)):
        return "a JSON number"
    if isinstance(value, str):
        return "a JSON string"
    if isinstance(value, list):
        return "a JSON array"
    return "a JSON object" if isinstance(value, dict) else type(value).__name__


def is_int64(value: Any) -> bool:
    """True for an int (not a bool) that fits a signed 64-bit column."""
    return type(value) is int and INT64_MIN <= value <= INT64_MAX


def annotation_problem(annotation: Any) -> str | None:
    """What makes ``annotation`` unusable, or None when its envelope is well formed.

    >>> annotation_problem({"completed_by": {"id": 3}, "result": [{"type": "ranker", "value": {}}]}) is None
    True
    >>> annotation_problem({"result": [{"value": [1]}]})
    'result #1 value is not an object (a JSON array)'
    """
    if not isinstance(annotation, dict):
        return f"is not an object ({json_kind(annotation)})"
    user = annotation.get("completed_by")
    if isinstance(user, dict):
        user = user.get("id")
    if user is not None and not is_int64(user):
        return f"completed_by is not a user id ({json_kind(user)})"
    aid = annotation.get("id")
    if aid is not None and not is_int64(aid):
        return f"id is not an integer ({json_kind(aid)})"
    result = annotation.get("result")
    if result is None:
        return None
    if not isinstance(result, list):
        return f"result is not a list ({json_kind(result)})"
    for n, region in enumerate(result, start=1):
        if type(region) is not dict:
            return f"result #{n} is not an object ({json_kind(region)})"
        get = region.get
        from_name, to_name, kind, value = get("from_name"), get("to_name"), get("type"), get("value")
        if not ((from_name is None or type(from_name) is str) and (to_name is None or type(to_name) is str)
                and (kind is None or type(kind) is str)):
            key = next(k for k in _NAMES if get(k) is not None and not isinstance(get(k), str))
            return f"result #{n} {key} is not a string ({json_kind(get(key))})"
        if value is not None and type(value) is not dict:
            return f"result #{n} value is not an object ({json_kind(value)})"
    return None


def check_task(task: Any, position: int, report: RunReport) -> dict | None:
    """The task with only its well-formed annotations, or None when the task itself is unusable; every problem
    is reported with the task id (or ``position``) and counted.

    >>> r = RunReport()
    >>> check_task({"id": "x7"}, 3, r), r.problems
    (None, ['task #3: the task id is not an integer (a JSON string)'])
    """
    if not isinstance(task, dict):
        report.problem(BadInput(f"not a task object ({json_kind(task)})", position=position, kind="not a task"))
        report.skip_task("not a task")
        return None
    annotations = task.get("annotations")
    tid = task.get("id")
    if tid is not None and not is_int64(tid):
        n = len(annotations) if isinstance(annotations, list) else 0
        report.annotations += n
        report.problem(BadInput(f"the task id is not an integer ({json_kind(tid)})", position=position,
                                kind="bad task id"))
        report.skip_task("bad task id", annotations=n)
        return None
    if annotations is None:
        return task
    if not isinstance(annotations, list):
        report.problem(BadInput(f"annotations is not a list ({json_kind(annotations)})", tid, "bad annotations",
                                position))
        report.skip_task("bad annotations")
        return None
    good = []
    for n, annotation in enumerate(annotations, start=1):
        why = annotation_problem(annotation)
        if why is None:
            good.append(annotation)
            continue
        report.annotations += 1
        report.problem(BadInput(f"annotation #{n} {why}", tid, "bad annotation", position))
        report.skip_annotation("bad annotation")
    return task if len(good) == len(annotations) else {**task, "annotations": good}


def unforeseen(exc: BaseException, what: str = "task") -> BadInput:
    """The problem an unforeseen exception stands for (see :data:`UNFORESEEN`).

    >>> str(unforeseen(TypeError("unhashable type: 'list'")))
    'malformed task (TypeError while reading it)'
    """
    return BadInput(f"malformed {what} ({type(exc).__name__} while reading it)", kind=f"malformed {what}")


def counted_tasks(tasks: Iterable[Any], report: RunReport, since: Any = None) -> Iterator[dict]:
    """The usable tasks of a stream (see :func:`check_task`), each counted in ``report``; with ``since`` (an
    :class:`exporters.state.ExportState`) only their annotations that are new or changed since the last export.

    >>> r = RunReport(); [t["id"] for t in counted_tasks([{"id": 1}, "oops"], r)], r.tasks
    ([1], 2)
    """
    for task in tasks:
        report.tasks += 1
        report.position = report.tasks
        checked = check_task(task, report.tasks, report)
        if checked is not None and since is not None:
            checked = since.select(checked, report)
        if checked is not None:
            yield checked


def annotated_tasks(tasks: Iterable[Any], report: RunReport, since: Any = None) -> Iterator[tuple[dict, list[dict]]]:
    """``(task, annotations)`` for the tasks that have annotations; the others are skipped as "no annotations".

    >>> r = RunReport(); [t["id"] for t, _ in annotated_tasks([{"id": 1, "annotations": [{"result": []}]}, {"id": 2}], r)]
    [1]
    """
    for task in counted_tasks(tasks, report, since):
        annotations = task_annotations(task)
        report.annotations += len(annotations)
        if not annotations:
            report.skip_task("no annotations")
            continue
        yield task, annotations
