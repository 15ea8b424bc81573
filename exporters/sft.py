"""Demonstrations (the SFT data InstructGPT's labelers wrote) as prompt/completion or as chat messages.

    >>> d = Demonstration(3, 8, "Say hi", [], "Hello!", "Generation", "train")
    >>> demonstration_to_completion(d)["prompt"], demonstration_to_completion(d)["completion"]
    ('Say hi', 'Hello!')
    >>> demonstration_to_chat(d)["messages"]
    [{'role': 'user', 'content': 'Say hi'}, {'role': 'assistant', 'content': 'Hello!'}]

One record per completed annotation with a non-empty demonstration (several annotators give several
examples); ``prefer_ground_truth`` keeps only the ground-truth demonstration of a task that has one.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from label_config import taxonomy as T

from exporters.encode import BadText
from exporters.errors import BadInput, ExportError
from exporters.formats import chat_messages
from exporters.report import RunReport
from exporters.schema import schema
from exporters.walk import annotated_tasks
from exporters.writers import RecordWriter
from exporters.tasks import (
    annotator_id,
    choice_value,
    is_cancelled,
    is_ground_truth,
    results,
    task_data,
    task_history,
    task_id,
    task_prompt,
    task_split,
    text_value,
)

if TYPE_CHECKING:
    import pyarrow as pa

SFT_FORMATS = ("completion", "chat")
DEMONSTRATION_CONTROLS = (T.DEMONSTRATION, T.SENSITIVE_DEMONSTRATION)


@dataclass(frozen=True, slots=True)
class Demonstration:
    """One written answer to a prompt and where it comes from."""

    task_id: Any
    annotator: Any
    prompt: str
    history: list[dict[str, str]]
    completion: str
    category: str | None
    split: str | None
    ground_truth: bool = False


def _meta(d: Demonstration) -> dict[str, Any]:
    return {"task_id": d.task_id, "annotator": d.annotator, "category": d.category, "split": d.split,
            "ground_truth": d.ground_truth}


def demonstration_to_completion(d: Demonstration) -> dict[str, Any]:
    """TRL prompt-completion record: ``{"prompt", "completion", ...meta}`` (earlier turns not included)."""
    return {"prompt": d.prompt, "completion": d.completion, **_meta(d)}


def demonstration_to_chat(d: Demonstration) -> dict[str, Any]:
    """Conversational record: ``{"messages": [...earlier turns, user, assistant], ...meta}``."""
    return {"messages": [*chat_messages(d.prompt, d.history), {"role": "assistant", "content": d.completion}],
            **_meta(d)}


def sft_schema(fmt: str) -> pa.Schema:
    """The Parquet schema of SFT format ``fmt`` (:func:`exporters.schema.schema` ``"sft:<fmt>"``)."""
    return schema(f"sft:{fmt}")


def _category(annotation: dict, task: dict) -> str | None:
    for r in results(annotation):
        if r.get("from_name") == T.CATEGORY and (choices := choice_value(r)):
            return choices[0]
    value = task_data(task).get(T.CATEGORY)
    return str(value) if value else None


def iter_demonstrations(tasks: Iterable[Any], report: RunReport | None = None, prefer_ground_truth: bool = False,
                        control: str = T.DEMONSTRATION, prompt_field: str = T.PROMPT,
                        since: Any = None) -> Iterator[Demonstration]:
    """The demonstrations of a task stream; what is left out is counted in ``report``.

    Example:
        >>> task = {"id": 1, "data": {"prompt": "Hi?"}, "annotations": [
        ...     {"completed_by": 4, "result": [{"from_name": "demonstration", "type": "textarea",
        ...                                     "value": {"text": ["Hello."]}}]},
        ...     {"completed_by": 5, "was_cancelled": True, "result": []}]}
        >>> report = RunReport()
        >>> [(d.annotator, d.completion) for d in iter_demonstrations([task], report)], dict(report.annotations_skipped)
        ([(4, 'Hello.')], {'cancelled': 1})
    """
    report = report if report is not None else RunReport()
    for task, task_annotations in annotated_tasks(tasks, report, since):
        try:
            prompt = task_prompt(task, prompt_field)
            history = task_history(task)
        except BadInput as exc:
            report.problem(exc)
            report.skip_task(exc.kind, annotations=len(task_annotations))
            continue
        found: list[tuple[dict, str]] = []
        for annotation in task_annotations:
            if is_cancelled(annotation):
                report.skip_annotation("cancelled")
                continue
            texts = [text_value(r) for r in results(annotation) if r.get("from_name") == control]
            if not texts:
                report.skip_annotation("no demonstration")
                continue
            text = "\n".join(t for t in texts if t)
            if not text.strip():
                report.skip_annotation("empty demonstration")
                continue
            found.append((annotation, text))
        if prefer_ground_truth and any(is_ground_truth(a) for a, _ in found):
            for a, _ in found:
                if not is_ground_truth(a):
                    report.skip_annotation("not ground truth (ground truth preferred)")
            found = [(a, t) for a, t in found if is_ground_truth(a)]
        if not found:
            report.skip_task("no usable annotation")
            continue
        report.tasks_used += 1
        report.annotations_used += len(found)
        for annotation, text in found:
            yield Demonstration(task_id(task), annotator_id(annotation), prompt, history, text,
                                _category(annotation, task), task_split(task), is_ground_truth(annotation))


def write_sft(tasks: Iterable[Any], output: str | Path, fmt: str = "completion", parquet: bool = False,
              split_files: bool = False, prefer_ground_truth: bool = False, control: str = T.DEMONSTRATION,
              prompt_field: str = T.PROMPT, report: RunReport | None = None, since: Any = None) -> RunReport:
    """Write the demonstrations of a task stream as SFT records (JSONL or Parquet).

    Args:
        tasks: exported tasks.
        output: the output file.
        fmt: ``completion`` (``{"prompt", "completion"}``) or ``chat`` (``{"messages"}``).
        parquet, split_files: see :class:`exporters.formats.RecordWriter`.
        prefer_ground_truth: keep only ground-truth demonstrations where a task has one.
        control: the TextArea holding the answer (``demonstration``, or ``sensitive_demonstration`` of
            screening projects).
        prompt_field: the task data field holding the prompt.
        report: the report to count into.
        since: an export state (:mod:`exporters.state`, ``--since``): only new or changed annotations.

    Returns:
        The run report.
    """
    if fmt not in SFT_FORMATS:
        raise ExportError(f"unknown SFT format {fmt!r}; known: {', '.join(SFT_FORMATS)}")
    report = report if report is not None else RunReport()
    build = demonstration_to_completion if fmt == "completion" else demonstration_to_chat
    with RecordWriter(Path(output), sft_schema(fmt) if parquet else None, split_files) as writer:
        for demo in iter_demonstrations(tasks, report, prefer_ground_truth, control, prompt_field, since):
            try:
                writer.write(build(demo), demo.split)
            except BadText as exc:
                report.annotations_used -= 1
                report.skip_annotation("bad text")
                report.problem(BadInput(str(exc), demo.task_id, "bad text"))
                continue
            if demo.history and fmt == "completion":
                report.note("chat demonstrations without earlier turns (completion)")
            report.records += 1
    report.files.update(writer.counts)
    if since is not None:
        since.save()
    return report
