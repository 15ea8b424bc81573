"""The exporters' domain exceptions. Only ``exporters/cli.py`` turns them into ``click.ClickException``.

A problem with one task names the task by its Label Studio id, else by its position in the input (``#12``), and
never quotes the task's text::

    >>> str(BadInput("an id in two buckets", task_id=7))
    'task 7: an id in two buckets'
    >>> str(BadInput("annotations is not a list (a JSON object)", position=12))
    'task #12: annotations is not a list (a JSON object)'
"""

from __future__ import annotations

from common.errors import LabelguideError


class ExportError(LabelguideError):
    """The export as a whole cannot be read or written (unreadable file, server error, bad option)."""


class BadInput(ExportError):
    """One task or annotation breaks the expected shape. Skipped and counted, or fatal with ``--strict``.

    Args:
        reason: what is wrong, in a sentence a user can act on (no prompt or answer text).
        task_id: the Label Studio task id, when known.
        kind: a short key the run report counts problems under (e.g. ``"bad ranking"``).
        position: the task's position in the input (from 1), to name a task without an id.
    """

    def __init__(self, reason: str, task_id: int | str | None = None, kind: str = "bad input",
                 position: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.task_id = task_id
        self.kind = kind
        self.position = position

    def with_task(self, task_id: int | str | None, position: int | None = None) -> BadInput:
        """The same problem, located in task ``task_id`` (at ``position`` in the input)."""
        return BadInput(self.reason, task_id=task_id, kind=self.kind,
                        position=position if position is not None else self.position)

    def __str__(self) -> str:
        if self.task_id is not None:
            where = f"task {self.task_id}: "
        elif self.position is not None:
            where = f"task #{self.position}: "
        else:
            where = ""
        return f"{where}{self.reason}"
