"""A Label Studio JSON export of a toxicity project -> the team's labelled texts (what a refit learns from).

Reads each task's annotations (not its predictions: those are the model's own): the ``toxicity_input`` answer
labels the sentence start (``data.prompt``), ``toxicity_output`` the continuation (``data.continuation``). Where
the text lives is read from the project's ``label_config`` when given (so a renamed data field works), else the
taxonomy's names. Cancelled annotations are skipped. When several annotators answered, the text's targets are
their shares (P(level >= 1), P(level 2)), like the Davidson crowd votes the default head learned from.

A task that cannot be read costs only itself: it is listed in :attr:`TeamLabels.skipped` with its id and why
(never with its text).

Example:
    >>> task = {"id": 7, "data": {"prompt": "You idiot,", "continuation": " have a nice day."},
    ...         "annotations": [{"result": [
    ...             {"from_name": "toxicity_input", "to_name": "prompt", "type": "choices",
    ...              "value": {"choices": ["2"]}},
    ...             {"from_name": "toxicity_output", "to_name": "continuation", "type": "choices",
    ...              "value": {"choices": ["0"]}}]}]}
    >>> labels = read_team_labels([task])
    >>> [(t.text, t.level, t.task_id) for t in labels.texts]
    [('You idiot,', 2, 7), (' have a nice day.', 0, 7)]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from label_config import taxonomy as T

_FIELDS = {T.TOXICITY_INPUT: T.PROMPT, T.TOXICITY_OUTPUT: T.CONTINUATION}


@dataclass(frozen=True)
class LabelledText:
    """One text and the team's answer(s) for it.

    Attributes:
        text: the labelled text.
        level: the median level over its annotations (0, 1 or 2).
        toxic: share of annotations at level >= 1; severe: share at level 2.
        task_id: the Label Studio task it came from; control: ``toxicity_input`` or ``toxicity_output``.
        votes: how many annotations answered it.
    """

    text: str
    level: int
    toxic: float
    severe: float
    task_id: Any
    control: str
    votes: int


@dataclass
class TeamLabels:
    """Everything read from an export."""

    texts: list[LabelledText] = field(default_factory=list)
    tasks: int = 0
    skipped: list[tuple[Any, str]] = field(default_factory=list)  # (task id or position, reason)


def _text_sources(label_config: str | None) -> dict[str, Any]:
    if not label_config:
        return {}
    from ml_backend.config_reader import read_config

    controls = read_config(label_config)
    out = {}
    for name, source in ((T.TOXICITY_INPUT, controls.toxicity_input_source),
                         (T.TOXICITY_OUTPUT, controls.toxicity_output_source)):
        if source is not None:
            out[name] = source
    return out


def _read_text(name: str, data: Mapping[str, Any], sources: Mapping[str, Any]) -> str:
    if name in sources:
        from ml_backend.config_reader import read_text

        return read_text(sources[name], data)
    value = data.get(_FIELDS[name])
    if not isinstance(value, str):
        raise ValueError(f"data.{_FIELDS[name]} is missing or not text")
    return value


def _levels_in(annotation: Mapping[str, Any]) -> dict[str, int]:
    out: dict[str, int] = {}
    for item in annotation.get("result") or ():
        if not isinstance(item, Mapping) or item.get("from_name") not in _FIELDS:
            continue
        value = item.get("value")
        choices = value.get("choices") if isinstance(value, Mapping) else None
        if not isinstance(choices, list) or len(choices) != 1 or choices[0] not in T.TOXICITY_LEVELS:
            raise ValueError(f"{item.get('from_name')} has no single level among {list(T.TOXICITY_LEVELS)}")
        out[item["from_name"]] = T.TOXICITY_LEVELS.index(choices[0])
    return out


def read_team_labels(tasks: Iterable[Any], label_config: str | None = None) -> TeamLabels:
    """The labelled texts of an export (a list of task dicts as Label Studio's JSON export writes them).

    Args:
        tasks: the exported tasks.
        label_config: the project's config, to find where each control's text lives (optional).

    Returns:
        :class:`TeamLabels`; a text labelled in several tasks appears once per task.
    """
    sources = _text_sources(label_config)
    out = TeamLabels()
    for position, task in enumerate(tasks):
        out.tasks += 1
        task_id = task.get("id", f"#{position}") if isinstance(task, Mapping) else f"#{position}"
        try:
            if not isinstance(task, Mapping) or not isinstance(task.get("data"), Mapping):
                raise ValueError("not a task with a data object")
            votes: dict[str, list[int]] = {}
            for annotation in task.get("annotations") or ():
                if not isinstance(annotation, Mapping) or annotation.get("was_cancelled"):
                    continue
                for name, level in _levels_in(annotation).items():
                    votes.setdefault(name, []).append(level)
            for name in (T.TOXICITY_INPUT, T.TOXICITY_OUTPUT):
                levels = sorted(votes.get(name, ()))
                if not levels:
                    continue
                text = _read_text(name, task["data"], sources)
                n = len(levels)
                out.texts.append(LabelledText(
                    text=text, level=levels[(n - 1) // 2], toxic=sum(lv > 0 for lv in levels) / n,
                    severe=sum(lv == 2 for lv in levels) / n, task_id=task_id, control=name, votes=n))
        except (ValueError, TypeError, KeyError) as exc:
            out.skipped.append((task_id, str(exc)))
    return out
