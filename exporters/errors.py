"""The exporters' domain exceptions. Only ``exporters/cli.py`` turns them into ``click.ClickException``.

    >>> str(BadInput("an id in two buckets: 'o1'", task_id=7))
    "task 7: an id in two buckets: 'o1'"
"""

from __future__ import annotations

from common.errors import LabelguideError


class ExportError(LabelguideError):
    """The export as a whole cannot be read or written (unreadable file, server error, bad option)."""


class BadInput(ExportError):
    """One task or annotation breaks the expected shape. Skipped and counted, or fatal with ``--strict``.

    Args:
        reason: what is wrong, in a sentence a user can act on.
        task_id: the Label Studio task id, when known.
        kind: a short key the run report counts problems under (e.g. ``"bad ranking"``).
    """

    def __init__(self, reason: str, task_id: int | str | None = None, kind: str = "bad input") -> None:
        super().__init__(reason)
        self.reason = reason
        self.task_id = task_id
        self.kind = kind

    def with_task(self, task_id: int | str | None) -> BadInput:
        """The same problem, located in task ``task_id``."""
        return BadInput(self.reason, task_id=task_id, kind=self.kind)

    def __str__(self) -> str:
        where = f"task {self.task_id}: " if self.task_id is not None else ""
        return f"{where}{self.reason}"
