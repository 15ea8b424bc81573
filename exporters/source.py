"""Where the tasks come from: exactly one source, an export file (``-`` = standard input) or a live project.

    >>> import json, tempfile, os
    >>> with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
    ...     json.dump([{"id": 1}, {"id": 2}], f)
    >>> [t["id"] for t in open_tasks(f.name)]
    [1, 2]
    >>> os.unlink(f.name)
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from exporters.errors import ExportError
from exporters.read import ReadLimits, ReadProblem, iter_export_file, iter_export_stream


def open_tasks(input_path: str | Path | None = None, project_id: int | None = None, url: str | None = None,
               api_key: str | None = None, limits: ReadLimits = ReadLimits(),
               on_problem: Callable[[ReadProblem], None] | None = None) -> Iterator[Any]:
    """Tasks from exactly one source: an export file (``input_path``, ``-`` = standard input) or a project.

    Args:
        input_path: a Label Studio JSON export, JSON Lines of tasks, or ``-``.
        project_id: a live project (with ``url`` / ``api_key``, default from the environment).
        limits, on_problem: the reader's bounds and problem callback (:func:`exporters.read.iter_export_stream`);
            the exporters pass :meth:`exporters.report.RunReport.read_problem`.

    Raises:
        ExportError: neither or both sources given, or the source cannot be read.
    """
    if (input_path is None) == (project_id is None):
        raise ExportError("give exactly one source: an export file (--input) or a project id (--project)")
    if project_id is not None:
        from exporters.pull import iter_project_tasks

        return iter_project_tasks(project_id, url, api_key, limits=limits, on_problem=on_problem)
    if str(input_path) == "-":
        import sys

        return iter_export_stream(sys.stdin.buffer, "<stdin>", limits, on_problem)
    return iter_export_file(input_path, limits, on_problem)  # type: ignore[arg-type]
