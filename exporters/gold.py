"""Gold answers kept outside Label Studio (the team lead's file), matched to exported tasks by ``external_id``.

Label Studio's open-source edition shows every annotation of a task, a ground-truth one included, to anyone who
opens the task, and lets them update it; so screening tasks are imported with no answer and the researchers'
answers stay in a file on the team lead's side (``labelguide.screening.screening_gold`` reads one). Each gold
answer records the prompt and the output texts in the order the task shows them, so a task whose outputs are not
the gold line's (edited, or shuffled another way) is named instead of being scored against the wrong outputs.

    >>> answers = GoldAnswers({"e1": Gold("Hi?", ("Hello", "Go away"), ({"from_name": "output_rank_0"},), "line 1")},
    ...                       "gold.jsonl")
    >>> task = {"id": 5, "data": {"external_id": "e1", "prompt": "Hi?", "outputs": [{"id": "o0", "body": "Hello"},
    ...         {"id": "o1", "body": "Go away"}]}}
    >>> answers.for_task(task)["ground_truth"], len(answers)
    (True, 1)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from label_config import taxonomy as T

from exporters.errors import ExportError
from exporters.tasks import task_data

GOLD_ANNOTATOR = "(gold)"  # the annotator a gold answer from a file is counted under (nobody's user id)


@dataclass(frozen=True)
class Gold:
    """One task's gold answer: its prompt, the output texts in the task's order, the Label Studio result regions
    (``{"from_name": "output_rank_0", "to_name": "output_0", "type": "choices", "value": {"choices": ["1"]}}``
    ...) and where it comes from (``"screening.jsonl line 3"``)."""

    prompt: str
    outputs: tuple[str, ...]
    result: tuple[dict[str, Any], ...]
    where: str


class GoldAnswers:
    """Gold answers by task ``external_id``.

    Args:
        answers: ``{external_id: Gold}``.
        name: the file's name, for messages.
        required: every task without a ground-truth annotation of its own needs a gold answer (else
            :meth:`for_task` raises); off, such a task simply has none.
    """

    def __init__(self, answers: Mapping[str, Gold], name: str, required: bool = True) -> None:
        self.answers = dict(answers)
        self.name = name
        self.required = required

    def __len__(self) -> int:
        return len(self.answers)

    def for_task(self, task: dict, has_ground_truth: bool = False) -> dict[str, Any] | None:
        """The gold answer of ``task`` as a ground-truth annotation (``{"ground_truth": True, "completed_by":
        "(gold)", "result": [...]}``), or None: no answer for it and it holds its own ground truth (an older
        project) or answers are not required.

        Raises:
            ExportError: naming the task, when its answer is missing (``required``) or its prompt or outputs differ
                from the gold line's.
        """
        data = task_data(task)
        ext = data.get(T.EXTERNAL_ID)
        gold = self.answers.get(ext) if isinstance(ext, str) else None
        where = f"task {task.get('id')} (external_id {ext!r})"
        if gold is None:
            if self.required and not has_ground_truth:
                raise ExportError(f"{where}: no gold answer in {self.name}; give the file its researcher-labelled "
                                  "line, or leave the task out of the screening project")
            return None
        items = data.get(T.OUTPUTS)
        shown = tuple(i.get(T.OUTPUT_BODY) if isinstance(i, dict) else None for i in items) \
            if isinstance(items, list) else ()
        if data.get(T.PROMPT) != gold.prompt or shown != gold.outputs:
            raise ExportError(f"{where}: its prompt or outputs differ from {gold.where} (texts or order): the gold "
                              "answer cannot be matched to its outputs; re-import the task from that line")
        return {"id": None, "completed_by": GOLD_ANNOTATOR, "ground_truth": True, "was_cancelled": False,
                "result": [dict(r) for r in gold.result]}
