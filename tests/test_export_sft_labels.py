"""SFT demonstrations and flat label records, from the result shapes the foundation tests pin
(``tests/data/pinned_results.json``) plus cancelled, ground-truth and bad cases."""

from __future__ import annotations

import copy
import json

import pyarrow.parquet as pq
import pytest

from exporters.labels import detect_interface, iter_label_rows, label_columns, write_labels
from exporters.report import RunReport
from exporters.sft import iter_demonstrations, write_sft
from label_config import taxonomy as T

from conftest import TEST_DATA

PINNED = json.loads((TEST_DATA / "pinned_results.json").read_text())


def _task(name: str, task_id: int = 1, annotations: list | None = None, **data) -> dict:
    pinned = PINNED[name]
    if annotations is None:
        annotations = [{"id": 10, "completed_by": 1, "was_cancelled": False, "ground_truth": False,
                        "result": copy.deepcopy(pinned["result"])}]
    return {"id": task_id, "data": {**copy.deepcopy(pinned["data"]), **data}, "annotations": annotations}


def _ann(aid, user, text, gt=False, cancelled=False, category="Classification"):
    result = [] if cancelled else [
        {"from_name": T.DEMONSTRATION, "to_name": T.PROMPT, "type": "textarea", "value": {"text": [text]}},
        {"from_name": T.CATEGORY, "to_name": T.PROMPT, "type": "choices", "value": {"choices": [category]}}]
    return {"id": aid, "completed_by": user, "was_cancelled": cancelled, "ground_truth": gt, "result": result}


# ------------------------------------------------------------------------------------------------------------
# SFT
# ------------------------------------------------------------------------------------------------------------

def test_pinned_demonstration_as_completion_and_chat(tmp_path):
    task = _task("demonstration", split="train")
    write_sft([task], tmp_path / "c.jsonl", "completion")
    write_sft([task], tmp_path / "m.jsonl", "chat")
    (completion,) = [json.loads(x) for x in (tmp_path / "c.jsonl").read_text().splitlines()]
    (chat,) = [json.loads(x) for x in (tmp_path / "m.jsonl").read_text().splitlines()]
    assert completion["prompt"] == task["data"]["prompt"] and completion["completion"] == "Negative"
    assert (completion["category"], completion["split"], completion["annotator"]) == ("Classification", "train", 1)
    # the few-shot examples are already in the prompt text: not repeated as chat turns
    assert chat["messages"] == [{"role": "user", "content": task["data"]["prompt"]},
                                {"role": "assistant", "content": "Negative"}]


def test_sft_counts_cancelled_empty_and_missing_and_prefers_ground_truth():
    tasks = [
        _task("demonstration", 1, [_ann(1, 1, "A"), _ann(2, 2, "B", gt=True), _ann(3, 3, "", cancelled=True)]),
        _task("demonstration", 2, [_ann(4, 1, "   ")]),
        _task("demonstration", 3, [{"id": 5, "completed_by": 1, "result": []}]),
        {"id": 4, "data": {}, "annotations": [_ann(6, 1, "C")]},
        _task("demonstration", 5, []),
    ]
    report = RunReport()
    demos = list(iter_demonstrations(tasks, report))
    assert [(d.task_id, d.completion) for d in demos] == [(1, "A"), (1, "B")]
    assert dict(report.annotations_skipped) == {"cancelled": 1, "empty demonstration": 1, "no demonstration": 1,
                                                "task skipped (missing prompt)": 1}
    assert report.annotations == report.annotations_used + sum(report.annotations_skipped.values())
    gt_report = RunReport()
    assert [d.completion for d in iter_demonstrations(tasks, gt_report, prefer_ground_truth=True)] == ["B"]
    assert gt_report.annotations_skipped["not ground truth (ground truth preferred)"] == 1


def test_sft_chat_context_from_the_importer_becomes_turns(tmp_path):
    task = _task("demonstration", 1, [_ann(1, 1, "Try a dal.")], prompt="Something with lentils?",
                 examples=[{"role": "Query", "content": "I need dinner ideas."},
                           {"role": "Response", "content": "Happy to help!"}])
    write_sft([task], tmp_path / "m.jsonl", "chat")
    record = json.loads((tmp_path / "m.jsonl").read_text())
    assert [m["role"] for m in record["messages"]] == ["user", "assistant", "user", "assistant"]


def test_screening_sensitive_demonstration(tmp_path):
    report = write_sft([_task("screening")], tmp_path / "s.parquet", "completion", parquet=True,
                       control=T.SENSITIVE_DEMONSTRATION)
    (row,) = pq.read_table(tmp_path / "s.parquet").to_pylist()
    assert row["completion"].startswith("I'd rather not make fun") and report.records == 1


# ------------------------------------------------------------------------------------------------------------
# Labels
# ------------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", list(T.INTERFACES))
def test_each_pinned_interface_is_detected(name):
    annotation = {"result": PINNED[name]["result"]}
    assert detect_interface(annotation) == name


def test_instruction_row_has_one_column_per_item():
    (row,) = list(iter_label_rows([_task("instruction")], T.INSTRUCTION))
    assert list(row) == label_columns(T.INSTRUCTION)
    assert set(it.name for it in T.INSTRUCTION_ITEMS) <= set(row)
    assert row[T.PII] == "Yes" and row[T.CATEGORY] == "Generation" and row[T.ASKS_OPINION] == "No"
    assert [s["label"] for s in row[T.PII_SPANS]] == ["Name", "Date", "Location"]
    assert row[T.PII_SPANS][0] == {"start": 42, "end": 52, "text": "John Smith", "label": "Name"}


def test_comparison_rows_one_per_output_with_rank_likert_and_flags():
    task = _task("comparison", models={"o0": "m0", "o1": "m1", "o2": "m2", "o3": "m3", "o4": "m4"})
    rows = list(iter_label_rows([task]))  # auto-detected
    assert len(rows) == len(task["data"]["outputs"]) == 5
    by_id = {r["output_id"]: r for r in rows}
    assert [by_id[o]["rank"] for o in ("o2", "o0", "o1", "o3", "o4")] == [1, 1, 2, 3, 4]
    assert [by_id[f"o{i}"][T.LIKERT] for i in range(5)] == [6, 3, 6, 2, 1]
    assert by_id["o3"][T.FAILS_TASK] == "Yes" and by_id["o0"][T.HALLUCINATION] == "N/A"
    assert by_id["o4"][T.OPINION] == "Yes" and by_id["o1"][T.OPINION] is None
    assert by_id["o2"]["model"] == "m2" and by_id["o2"]["output"] == task["data"]["outputs"][2]["body"]
    assert list(rows[0]) == label_columns(T.COMPARISON)


def test_toxicity_scales_are_ints():
    (row,) = list(iter_label_rows([_task("toxicity")]))
    assert (row[T.TOXICITY_INPUT], row[T.TOXICITY_OUTPUT], row[T.RELATIVE_TOXICITY_NAME], row[T.CONTINUITY]) == (1, 0, -1, 4)
    assert row["continuation"] == PINNED["toxicity"]["data"]["continuation"]


def test_screening_rows_keep_prompt_level_answers_on_each_output():
    rows = list(iter_label_rows([_task("screening")]))
    assert {tuple(r[T.SELF_ASSESSMENT]) for r in rows} == {("Religion", "Politics")}
    assert next(r for r in rows if r["output_id"] == "o1")[T.DENIGRATES_PROTECTED] == "Yes"


@pytest.mark.parametrize("name", list(T.INTERFACES))
def test_every_interface_round_trips_through_parquet(tmp_path, name):
    out = tmp_path / f"{name}.parquet"
    report = write_labels([_task(name), _task(name, 2, [])], out, parquet=True)
    rows = pq.read_table(out).to_pylist()
    assert report.details["interface"] == name
    assert len(rows) == report.records > 0 and rows == list(iter_label_rows([_task(name)], name))
    assert report.tasks_skipped["no annotations"] == 1


def test_labels_count_cancelled_and_bad_rankings():
    good = _task("ranking")
    bad = _task("ranking", 2)
    bad["annotations"][0]["result"].append({"from_name": T.output_control(T.OUTPUT_RANK, 7), "type": "choices",
                                            "value": {"choices": ["1"]}})  # the task has 4 outputs
    cancelled = _task("ranking", 3, [{"id": 3, "completed_by": 1, "was_cancelled": True, "result": []}])
    report = RunReport()
    rows = list(iter_label_rows([good, bad, cancelled], T.RANKING_ONLY, report))
    assert {r["task_id"] for r in rows} == {1}
    assert dict(report.annotations_skipped) == {"bad ranking": 1, "cancelled": 1}
    assert report.problems == ["task 2: output_rank_7: the task has 4 outputs, no output 7"]


def _pii_task(pii: str) -> dict:
    return {"id": 7, "data": {"prompt": "Is Jo Bloggs ok?"}, "annotations": [{"id": 3, "completed_by": 1, "result": [
        {"from_name": T.PII, "type": "choices", "value": {"choices": [pii]}},
        {"from_name": T.PII_CERTAIN, "type": "choices", "value": {"choices": ["Yes"]}},
        {"from_name": T.PII_SPANS, "type": "labels",
         "value": {"start": 3, "end": 12, "text": "Jo Bloggs", "labels": ["Name"]}}]}]}


def test_answers_hidden_by_pii_no_are_dropped_and_counted():
    """A pre-annotated span (and a sub-flag answered before the annotator switched PII to No) is no answer: the
    row carries none, and the report counts what was dropped. Under PII = Yes both stay."""
    report = RunReport()
    (row,) = iter_label_rows([_pii_task(T.NO)], interface=T.INSTRUCTION, report=report)
    assert row[T.PII] == T.NO and row[T.PII_SPANS] == [] and row[T.PII_CERTAIN] is None
    assert report.notes["PII spans dropped: PII = No"] == 1
    assert report.notes["hidden answers dropped"] == 1
    report = RunReport()
    (row,) = iter_label_rows([_pii_task(T.YES)], interface=T.INSTRUCTION, report=report)
    assert row[T.PII_CERTAIN] == T.YES and [s["text"] for s in row[T.PII_SPANS]] == ["Jo Bloggs"]
    assert not report.notes
