"""OpenAssistant trees: prompter messages -> comparison tasks, human ranks -> Ranker predictions."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from label_studio_sdk.label_interface import LabelInterface

from importers.normalize import normalize_text
from importers.pipeline import ImportOptions, task_stream
from importers.read import OASST_RANK_VERSION, read_records
from importers.records import Tally
from label_config.expand import expand_repeaters
from label_config import taxonomy as T
from label_config.render import render_config

DATA = Path(__file__).resolve().parent / "data"
SAMPLE = Path(__file__).resolve().parents[2] / "shared" / "data" / "oasst_en_100_trees.jsonl"


def _replies_by_prompt(path):
    """{prompter text: {reply text: rank}} straight from the JSON, to check against."""
    out = {}

    def walk(m):
        if m["role"] == "prompter":
            out[normalize_text(m["text"])] = {normalize_text(r["text"]): r.get("rank") for r in m["replies"]}
        for r in m["replies"]:
            walk(r)

    for line in open(path, encoding="utf-8"):
        walk(json.loads(line)["prompt"])
    return out


def test_tree_records_depth_first_with_context():
    records = list(read_records(DATA / "import_oasst_3_trees.jsonl"))
    first = records[0]
    assert first.prompt == "How can I find the best 401k plan for my needs?" and first.context == []
    assert [o.rank for o in first.outputs] == [0, 1, 2] and {o.model for o in first.outputs} == {"chip20b"}
    assert first.group == "054e1df3-35e0-4bb8-a585-607dbdcd24e0" and first.rank_source == OASST_RANK_VERSION
    deeper = [r for r in records if r.context]
    assert deeper and all(len(r.context) % 2 == 0 for r in deeper)
    assert all(r.context[0]["role"] == "user" and r.context[1]["role"] == "assistant" for r in deeper)
    assert {r.line for r in records} == {1, 2, 3}


def _comparison_tasks(path, **kw):
    tally = Tally()
    options = ImportOptions(interface=T.COMPARISON, pii="keep", **kw)
    return list(task_stream(path, options, tally)), tally


@pytest.mark.skipif(not SAMPLE.exists(), reason="shared OpenAssistant sample not available")
def test_real_oasst_sample_to_comparison_tasks_with_predictions():
    tasks, tally = _comparison_tasks(SAMPLE, min_outputs=2)
    assert tally.counts["read"] == 100 and tally.counts["records"] == 480
    assert len(tasks) == 214 and tally.counts["too_few_outputs"] == 266  # prompter messages with 0-1 replies
    assert tally.counts["predictions"] == 212  # two prompts have replies without ranks
    truth = _replies_by_prompt(SAMPLE)
    for task in tasks:
        data = task["data"]
        ranks = truth[data[T.PROMPT]]
        body = {it[T.OUTPUT_ID]: it[T.OUTPUT_BODY] for it in data[T.OUTPUTS]}
        assert set(data[T.MODELS]) == set(body)
        if "predictions" not in task:
            continue
        (pred,) = task["predictions"]
        validator = LabelInterface(expand_repeaters(render_config(T.COMPARISON), data))
        assert pred["model_version"] == "oasst-human-rank" and validator.validate_prediction(pred)
        # rank 1 is the reply the humans ranked 0 (best), rank 2 the one ranked 1, ...
        human = sorted(r for r in ranks.values() if r is not None)
        for result in pred["result"]:
            oid = data[T.OUTPUTS][T.output_index(result["from_name"], T.OUTPUT_RANK)][T.OUTPUT_ID]
            assert ranks[body[oid]] == human[int(result["value"]["choices"][0]) - 1]
    assert Counter(len(t["data"][T.OUTPUTS]) for t in tasks)[9] == 1


@pytest.mark.skipif(not SAMPLE.exists(), reason="shared OpenAssistant sample not available")
def test_real_oasst_sample_default_k_range_and_splits_by_tree():
    tasks, tally = _comparison_tasks(SAMPLE)  # K = 4..9 as in InstructGPT
    assert len(tasks) == 39 and all(4 <= len(t["data"][T.OUTPUTS]) <= 9 for t in tasks)
    assert tally.counts["no_user_id"] == 39 and tally.warnings
    tasks, _ = _comparison_tasks(SAMPLE, min_outputs=2)
    by_tree: dict[str, set[str]] = {}
    records = {normalize_text(r.prompt): r.group for r in read_records(SAMPLE)}
    for t in tasks:
        by_tree.setdefault(records[t["data"][T.PROMPT]], set()).add(t["data"][T.SPLIT])
    assert all(len(s) == 1 for s in by_tree.values())  # one tree, one split
