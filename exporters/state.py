"""Incremental exports: a state file remembers every annotation seen (id and ``updated_at``), so a weekly re-run
exports only the annotations that are new or changed since.

    >>> import tempfile, os
    >>> path = os.path.join(tempfile.mkdtemp(), "state.json")
    >>> first = ExportState.load(path)
    >>> task = {"id": 1, "annotations": [{"id": 10, "updated_at": "2026-11-01T09:00:00Z"}]}
    >>> first.select(task, RunReport()) is task
    True
    >>> first.save()
    >>> again, report = ExportState.load(path), RunReport()
    >>> again.select(task, report), dict(report.tasks_skipped)
    (None, {'nothing new (--since)': 1})
    >>> changed = {"id": 1, "annotations": [{"id": 10, "updated_at": "2026-11-08T09:00:00Z"}]}
    >>> again.select(changed, RunReport()) is changed
    True

Per annotation by default: a task's unchanged annotations are left out (counted "unchanged since the last export
(--since)"), its new and changed ones exported. With ``whole_tasks`` (``--aggregate mean-rank``, where one
record stands for all of a task's annotations) a task with any new or changed annotation is exported whole, and
its records replace the task's earlier ones (same ``task_id``). An annotation without an id cannot be tracked
and is exported every time (counted). Deleted annotations are not reported: re-export in full to drop them.
The state is written (atomically) only when the run ends without error.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from exporters.errors import ExportError
from exporters.report import RunReport

STATE_VERSION = 1
UNCHANGED = "unchanged since the last export (--since)"
NOTHING_NEW = "nothing new (--since)"


def _stamp(annotation: dict) -> str:
    value = annotation.get("updated_at") or annotation.get("created_at")
    return value if isinstance(value, str) else ""


class ExportState:
    """The annotations an earlier run saw, and the ones this run sees.

    Args:
        path: the state file (JSON; a missing file is an empty state: the first run exports everything).
        seen: ``{annotation id: updated_at}`` of the earlier runs.
        whole_tasks: export a task whole when any of its annotations is new or changed.
    """

    def __init__(self, path: str | Path, seen: dict[str, str] | None = None, whole_tasks: bool = False) -> None:
        self.path = Path(path)
        self.seen = seen or {}
        self.whole_tasks = whole_tasks
        self.now: dict[str, str] = {}
        self.deferred = False  # while True, save() does nothing (a caller with more to write saves at its end)

    @classmethod
    def load(cls, path: str | Path, whole_tasks: bool = False) -> ExportState:
        """The state in ``path`` (empty when the file does not exist yet).

        Raises:
            ExportError: the file exists but is not a labelguide export state.
        """
        path = Path(path)
        if not path.exists():
            return cls(path, whole_tasks=whole_tasks)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            seen = data["annotations"]
            if data.get("version") != STATE_VERSION or not isinstance(seen, dict):
                raise ValueError
        except (OSError, ValueError, KeyError, TypeError):
            raise ExportError(f"--since {path}: not a labelguide export state file") from None
        return cls(path, {str(k): str(v) for k, v in seen.items()}, whole_tasks)

    def select(self, task: dict, report: RunReport) -> dict | None:
        """The task with only its new or changed annotations (all of them with ``whole_tasks``), or None when
        nothing in it is new; every annotation is remembered for :meth:`save`."""
        annotations = task.get("annotations") or []
        fresh = []
        for annotation in annotations:
            aid = annotation.get("id")
            if aid is None:
                report.note("annotations without an id (exported every time with --since)")
                fresh.append(annotation)
                continue
            key, stamp = str(aid), _stamp(annotation)
            self.now[key] = stamp
            if self.seen.get(key) != stamp:
                fresh.append(annotation)
        if not annotations or len(fresh) == len(annotations):
            return task
        if not fresh:
            report.annotations += len(annotations)
            report.skip_task(NOTHING_NEW, annotations=0)
            report.skip_annotation(UNCHANGED, len(annotations))
            return None
        if self.whole_tasks:
            return task
        report.annotations += len(annotations) - len(fresh)
        report.skip_annotation(UNCHANGED, len(annotations) - len(fresh))
        return {**task, "annotations": fresh}

    def save(self) -> None:
        """Write the state: the earlier runs' annotations updated with this run's (a temporary file renamed)."""
        if self.deferred:
            return
        merged = {**self.seen, **self.now}
        data = {"version": STATE_VERSION, "written": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                "annotations": dict(sorted(merged.items()))}
        tmp = self.path.with_name(self.path.name + ".partial")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp.write_text(json.dumps(data, indent=0) + "\n", encoding="utf-8")
            os.replace(tmp, self.path)
        except OSError as exc:
            raise ExportError(f"cannot write the export state {self.path}: {exc.strerror or exc}") from None

    def __repr__(self) -> str:
        return f"ExportState({str(self.path)!r}, {len(self.seen)} seen, {len(self.now)} now)"

