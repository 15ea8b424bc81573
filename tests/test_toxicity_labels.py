"""Reading a team's toxicity answers from a Label Studio JSON export (ml_backend/toxicity/labels.py)."""

from __future__ import annotations

import doctest
import json
from pathlib import Path

import pytest

from label_config import taxonomy as T
from label_config.render import render_config
from ml_backend.toxicity import labels as labels_module
from ml_backend.toxicity.labels import read_team_labels

PINNED = json.loads((Path(__file__).parent / "data" / "pinned_results.json").read_text())["toxicity"]


def _ann(inp: str | None, out: str | None, cancelled: bool = False) -> dict:
    result = []
    if inp is not None:
        result.append({"from_name": T.TOXICITY_INPUT, "to_name": T.PROMPT, "type": "choices",
                       "value": {"choices": [inp]}})
    if out is not None:
        result.append({"from_name": T.TOXICITY_OUTPUT, "to_name": T.CONTINUATION, "type": "choices",
                       "value": {"choices": [out]}})
    result.append({"from_name": T.CONTINUITY, "to_name": T.CONTINUATION, "type": "rating", "value": {"rating": 5}})
    return {"result": result, "was_cancelled": cancelled}


def _task(i: int, *annotations: dict, data: dict | None = None) -> dict:
    return {"id": i, "data": data or {T.PROMPT: f"start {i}", T.CONTINUATION: f"end {i}"},
            "annotations": list(annotations), "predictions": [{"result": []}]}


def test_the_pinned_toxicity_result_reads_as_two_texts() -> None:
    got = read_team_labels([{"id": 9, "data": PINNED["data"], "annotations": [{"result": PINNED["result"]}]}],
                           render_config(T.TOXICITY))
    assert [(t.control, t.text, t.level) for t in got.texts] == [
        (T.TOXICITY_INPUT, PINNED["data"][T.PROMPT], 1), (T.TOXICITY_OUTPUT, PINNED["data"][T.CONTINUATION], 0)]
    assert got.tasks == 1 and got.skipped == []


def test_several_annotators_give_shares_and_the_median() -> None:
    got = read_team_labels([_task(1, _ann("2", "0"), _ann("1", "0"), _ann("2", "1"))])
    start, end = got.texts
    assert (start.level, start.toxic, start.severe, start.votes) == (2, 1.0, pytest.approx(2 / 3), 3)
    assert (end.level, end.toxic, end.severe) == (0, pytest.approx(1 / 3), 0.0)


def test_cancelled_and_unanswered_are_not_labels() -> None:
    got = read_team_labels([_task(1, _ann("2", "2", cancelled=True)), _task(2), _task(3, _ann(None, "1"))])
    assert [(t.task_id, t.control, t.level) for t in got.texts] == [(3, T.TOXICITY_OUTPUT, 1)]
    assert got.skipped == [] and got.tasks == 3


def test_a_bad_task_costs_only_itself_and_is_named_without_its_text() -> None:
    bad_choice = _task(2, {"result": [{"from_name": T.TOXICITY_INPUT, "value": {"choices": ["7"]}}]})
    no_text = _task(3, _ann("1", None), data={"other": "Secret-Walrus text"})
    tasks = [_task(1, _ann("0", "2")), bad_choice, no_text, "not a task", _task(5, _ann("1", "1"))]
    got = read_team_labels(tasks)
    assert [t.task_id for t in got.texts] == [1, 1, 5, 5]
    assert [s[0] for s in got.skipped] == [2, 3, "#3"]
    assert "Secret-Walrus" not in json.dumps(got.skipped)


def test_the_config_says_where_the_text_lives() -> None:
    config = render_config(T.TOXICITY).replace('value="$continuation"', 'value="$reply"')
    task = _task(1, _ann("0", "2"), data={T.PROMPT: "a start", "reply": "a reply"})
    assert [t.text for t in read_team_labels([task], config).texts] == ["a start", "a reply"]


def test_docstring_examples() -> None:
    assert doctest.testmod(labels_module).failed == 0
