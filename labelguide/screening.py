"""Labeler screening as a team lead runs it: screening tasks with no answer in them, the researchers' gold
answers in a file on the team lead's side, and review tasks for the researchers' 1-7 score of each labeler's
screening demonstration.

1. A file of researcher-labelled prompts and outputs (``labelguide/data/sample/screening.jsonl``: each output with
   its ``gold_rank`` and ``gold_flags``) gives the screening tasks (:func:`screening_tasks`, imported by
   ``labelguide screening import FILE``): prompt and shuffled outputs only. The gold never enters Label Studio,
   whose open-source edition shows (and lets anyone update) every annotation of a task, ground truth included.
2. Labelers answer the screening tasks (flags, ranks, a demonstration for the sensitive prompt).
3. ``labelguide export stats --screening-gold FILE`` compares every labeler with the file's answers
   (:func:`screening_gold`, matched by ``external_id``, through the shuffle).
4. :func:`review_tasks` makes one ``screening_review`` task per labeler demonstration; a researcher scores each
   1-7; ``labelguide export stats`` on the review project reports each labeler's mean score.

    >>> line = {"prompt": "Hi?", "outputs": [{"model": "a", "text": "Hello", "gold_rank": 1,
    ...         "gold_flags": {"sexual": "No"}}, {"model": "b", "text": "Go away", "gold_rank": 2, "gold_flags": {}}]}
    >>> task = screening_task(line)
    >>> sorted(task), sorted(task["data"])
    (['data'], ['external_id', 'models', 'outputs', 'prompt', 'rank_options', 'sensitive', 'source'])
    >>> ext, gold = gold_answer(line)
    >>> ext == task["data"]["external_id"], gold.outputs, [r["from_name"] for r in gold.result]
    (True, ('Hello', 'Go away'), ['output_rank_0', 'sexual_0', 'output_rank_1'])
"""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from exporters.gold import Gold, GoldAnswers
from label_config import taxonomy as T

SCREENING_SOURCE = "labelguide-screening"


def _choice(name: str, to_name: str, value: str) -> dict[str, Any]:
    return {"from_name": name, "to_name": to_name, "type": "choices", "value": {"choices": [value]}}


def _shown(line: dict[str, Any], seed: str) -> tuple[str, list[dict[str, Any]]]:
    """The line's ``external_id`` and its outputs in the order the task shows them (seeded by prompt and outputs)."""
    prompt, outputs = line.get("prompt"), line.get("outputs") or []
    if not isinstance(prompt, str) or not prompt.strip() or len(outputs) < 2:
        raise ValueError("a screening line needs a prompt and at least two outputs")
    ext = hashlib.sha256(json.dumps([prompt, [o.get("text") for o in outputs]]).encode()).hexdigest()[:32]
    order = list(range(len(outputs)))
    random.Random(f"{seed}:{ext}").shuffle(order)
    return ext, [outputs[i] for i in order]


def gold_answer(line: dict[str, Any], seed: str = "screening", where: str = "") -> tuple[str, Gold]:
    """``(external_id, gold answer)`` of a researcher-labelled line: each output's rank and sensitive-speech flags
    as Label Studio result regions, indexed as :func:`screening_task` shows the outputs.

    Raises:
        ValueError: a line without a prompt, with fewer than two outputs, a gold rank missing or an unknown flag.
    """
    ext, shown = _shown(line, seed)
    prompt = line["prompt"]
    gold = []
    for i, out in enumerate(shown):
        text_name = T.output_control(T.OUTPUT_TEXT, i)
        if not isinstance(out.get("gold_rank"), int):
            raise ValueError(f"screening line {prompt[:40]!r}: output {i} has no gold_rank")
        gold.append(_choice(T.output_control(T.OUTPUT_RANK, i), text_name, str(out["gold_rank"])))
        for flag, value in (out.get("gold_flags") or {}).items():
            if flag not in T.SENSITIVE_SPEECH_ITEMS:
                raise ValueError(f"screening line {prompt[:40]!r}: {flag!r} is not a screening flag")
            gold.append(_choice(T.output_control(flag, i), text_name, value))
    return ext, Gold(prompt, tuple(o["text"] for o in shown), tuple(gold), where)


def screening_task(line: dict[str, Any], seed: str = "screening") -> dict[str, Any]:
    """One screening task from a researcher-labelled line: the prompt and the outputs, shuffled (seeded), with no
    answer (the gold stays in the file, see :func:`screening_gold`).

    Raises:
        ValueError: as :func:`gold_answer` (the line's gold is checked before its task is imported).
    """
    gold_answer(line, seed)
    ext, shown = _shown(line, seed)
    data = {
        T.PROMPT: line["prompt"],
        T.OUTPUTS: [{T.OUTPUT_ID: f"o{i}", T.OUTPUT_TITLE: f"Output {chr(ord('A') + i)}", T.OUTPUT_BODY: o["text"]}
                    for i, o in enumerate(shown)],
        T.MODELS: {f"o{i}": o.get("model") for i, o in enumerate(shown)},
        T.RANK_OPTIONS: T.rank_options(len(shown)),
        T.SOURCE: line.get("source", SCREENING_SOURCE),
        T.EXTERNAL_ID: ext,
        "sensitive": bool(line.get("sensitive", True)),
    }
    return {"data": data}


def _lines(path: Path | str) -> Iterator[tuple[int, dict[str, Any]]]:
    path = Path(path)
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if raw.strip():
            try:
                yield number, json.loads(raw)
            except ValueError as exc:
                raise ValueError(f"{path.name} line {number}: not JSON ({exc.msg})") from None


def screening_tasks(path: Path | str) -> list[dict[str, Any]]:
    """The screening tasks of a JSONL file of researcher-labelled lines (see :func:`screening_task`)."""
    tasks, path = [], Path(path)
    for number, line in _lines(path):
        try:
            tasks.append(screening_task(line))
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise ValueError(f"{path.name} line {number}: {exc}") from None
    return tasks


def screening_gold(path: Path | str, required: bool = True) -> GoldAnswers:
    """The gold answers of a JSONL file of researcher-labelled lines, by the ``external_id`` of their tasks, for
    ``labelguide export stats`` (``required``: see :class:`exporters.gold.GoldAnswers`).

    Raises:
        ValueError: a bad line, named by its number.
    """
    answers, path = {}, Path(path)
    for number, line in _lines(path):
        try:
            ext, gold = gold_answer(line, where=f"{path.name} line {number}")
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise ValueError(f"{path.name} line {number}: {exc}") from None
        answers[ext] = gold
    return GoldAnswers(answers, path.name, required=required)


def push_screening_tasks(ls: Any, project_id: int, path: Path) -> tuple[int, int]:
    """Import the screening tasks of ``path`` the project lacks (by ``external_id``), with no answer;
    ``(added, existing)``."""
    from importers.push import existing_external_ids

    have = existing_external_ids(ls, project_id)
    tasks = screening_tasks(path)
    new = [t for t in tasks if t["data"][T.EXTERNAL_ID] not in have]
    if new:
        ls.projects.import_tasks(id=project_id, request=new)
    return len(new), len(tasks) - len(new)


def review_tasks(screening_export: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """One ``screening_review`` task per labeler's screening demonstration in an exported screening project.

    Ground-truth (researcher) and cancelled annotations, and annotations without a demonstration, give none.
    The task carries the labeler's user id (never shown) so the stats can average the scores per labeler.

    Example:
        >>> export = [{"id": 3, "data": {"prompt": "P"}, "annotations": [{"id": 9, "completed_by": 5, "result": [
        ...     {"from_name": "sensitive_demonstration", "type": "textarea", "value": {"text": ["No."]}}]}]}]
        >>> [t["data"] for t in review_tasks(export)]
        [{'prompt': 'P', 'labeler_demonstration': 'No.', 'labeler': 5, 'screening_task': 3, 'screening_annotation': 9, 'external_id': 'screening-review-9'}]
    """
    for task in screening_export:
        for annotation in task.get("annotations") or []:
            if annotation.get("ground_truth") or annotation.get("was_cancelled"):
                continue
            text = next((r.get("value", {}).get("text") for r in annotation.get("result") or []
                         if r.get("from_name") == T.SENSITIVE_DEMONSTRATION), None)
            text = "\n".join(text) if isinstance(text, list) else text
            if not isinstance(text, str) or not text.strip():
                continue
            user = annotation.get("completed_by")
            user = user.get("id") if isinstance(user, dict) else user
            yield {"data": {T.PROMPT: (task.get("data") or {}).get(T.PROMPT, ""), T.REVIEWED_TEXT: text,
                            T.REVIEWED_LABELER: user, T.REVIEWED_TASK: task.get("id"),
                            T.REVIEWED_ANNOTATION: annotation.get("id"),
                            T.EXTERNAL_ID: f"screening-review-{annotation.get('id')}"}}


def push_review_tasks(ls: Any, screening_project: int, review_project: int) -> dict[str, int]:
    """Add to the review project a task for every screening demonstration it does not have yet.

    Returns:
        ``{"demonstrations": n, "imported": m, "existing": n - m}``.
    """
    from common.studio import download_export
    from importers.push import existing_external_ids

    export = json.loads(b"".join(download_export(ls, screening_project)))
    tasks = list(review_tasks(export))
    existing = existing_external_ids(ls, review_project)
    new = [t for t in tasks if t["data"][T.EXTERNAL_ID] not in existing]
    if new:
        ls.projects.import_tasks(id=review_project, request=new)
    return {"demonstrations": len(tasks), "imported": len(new), "existing": len(tasks) - len(new)}
