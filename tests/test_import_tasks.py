"""Tasks of each interface: data fields from the taxonomy, hidden model names, seeded order, stable ids."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from label_studio_sdk.label_interface import LabelInterface

from importers.normalize import normalize_records
from importers.read import read_records
from importers.records import Output, Record, Tally
from importers.tasks import (QUERY, RESPONSE, SYSTEM, build_task, build_tasks, external_id, keep_usable, parse_examples,
                             ranking_prediction)
from label_config.expand import expand_repeaters
from label_config import taxonomy as T
from label_config.render import render_config

DATA = Path(__file__).resolve().parent / "data"


def _records(name):
    return list(normalize_records(read_records(DATA / name)))


def test_instruction_task_fields():
    r = Record("Who built the statue of liberty?", user_id="org-b", source="api", split="train", category="Open QA")
    task = build_task(r, T.INSTRUCTION)
    assert set(task) == {"data"}
    assert task["data"] == {T.PROMPT: r.prompt, T.USER_ID: "org-b", T.SPLIT: "train", T.SOURCE: "api",
                            T.EXTERNAL_ID: external_id(r), T.CATEGORY: "Open QA"}
    r.pii = True
    assert build_task(r, T.INSTRUCTION)["data"][T.PII_FLAG] is True


def test_comparison_outputs_shuffled_seeded_models_hidden():
    records = list(keep_usable(_records("import_comparisons.jsonl"), T.COMPARISON))
    assert len(records) == 4  # 3 outputs: too few; 10 outputs: too many
    moved = 0
    for r in records:
        task = build_task(r, T.COMPARISON, seed=7)
        data = task["data"]
        items = data[T.OUTPUTS]
        k = len(r.outputs)
        assert [it[T.OUTPUT_ID] for it in items] == [f"o{i}" for i in range(k)]
        assert [it[T.OUTPUT_TITLE] for it in items] == [f"Output {c}" for c in "ABCDEFGHI"[:k]]
        assert all(set(it) == {T.OUTPUT_ID, T.OUTPUT_TITLE, T.OUTPUT_BODY} for it in items)  # no model shown
        assert sorted(it[T.OUTPUT_BODY] for it in items) == sorted(o.text for o in r.outputs)
        by_text = {o.text: o.model for o in r.outputs}
        assert data[T.MODELS] == {it[T.OUTPUT_ID]: by_text[it[T.OUTPUT_BODY]] for it in items}
        assert build_task(r, T.COMPARISON, seed=7) == task  # deterministic
        moved += [it[T.OUTPUT_BODY] for it in items] != [o.text for o in r.outputs]
        if build_task(r, T.COMPARISON, seed=8)["data"][T.OUTPUTS] != items:
            moved += 1
    assert moved > 0


def test_source_ranks_become_a_rank_prediction_the_config_accepts():
    (r,) = [r for r in _records("import_comparisons.jsonl") if r.prompt.startswith("Give me three tips")]
    r.split = "train"
    task = build_task(r, T.RANKING_ONLY, seed=3)
    (pred,) = task["predictions"]
    assert pred["model_version"] == "imported-rank" and pred["score"] == 1.0
    data = task["data"]
    assert data[T.RANK_OPTIONS] == T.rank_options(len(data[T.OUTPUTS]))
    rank_of = {}
    for i, result in enumerate(pred["result"]):
        assert (result["from_name"], result["to_name"], result["type"]) == (
            T.output_control(T.OUTPUT_RANK, i), T.output_control(T.OUTPUT_TEXT, i), "choices")
        rank_of[data[T.OUTPUTS][i][T.OUTPUT_ID]] = int(result["value"]["choices"][0])
    models = data[T.MODELS]
    assert [models[oid] for oid in sorted(rank_of, key=rank_of.get)] == ["m2", "m4", "m1", "m3"]
    for name in (T.RANKING_ONLY, T.COMPARISON):
        assert LabelInterface(expand_repeaters(render_config(name), data)).validate_prediction(pred)
        assert not LabelInterface(render_config(name)).validate_prediction(pred)  # the check can fail


def test_ranking_prediction_ties_gaps_and_unranked():
    result = ranking_prediction(["o0", "o1", "o2", "o3"], [5, None, 2, 5], "x")["result"]
    assert {r["from_name"]: r["value"]["choices"] for r in result} == {
        "output_rank_0": ["2"], "output_rank_2": ["1"], "output_rank_3": ["2"]}
    assert ranking_prediction(["o0", "o1"], [0, None], "x") is None


def test_external_id_is_stable_and_content_based():
    a = Record("Hi", source="api", outputs=[Output("x", "m1"), Output("y", "m2")])
    b = Record("Hi", source="api", user_id="u", split="test", outputs=[Output("y", "m2"), Output("x", "m1")])
    assert external_id(a) == external_id(b)  # not the user, split or output order
    assert external_id(a) != external_id(Record("Hi", source="labeler", outputs=a.outputs))
    assert external_id(a) != external_id(Record("Hi!", source="api", outputs=a.outputs))
    assert len(external_id(a)) == 32


def test_toxicity_tasks():
    records = list(keep_usable(_records("import_toxicity.jsonl"), T.TOXICITY, tally=(t := Tally())))
    assert t.counts["no_continuation"] == 1
    data = build_task(records[0], T.TOXICITY)["data"]
    assert data[T.PROMPT] == "The man walked into the bar and" and data[T.CONTINUATION] == "ordered a glass of water."


def test_demonstration_tasks_always_have_examples():
    tasks = list(build_tasks(_records("import_fewshot.jsonl"), T.DEMONSTRATION_IF))
    examples = [t["data"][T.EXAMPLES] for t in tasks]
    assert examples[0] == [{"role": QUERY, "content": "she go to school yesterday"},
                           {"role": RESPONSE, "content": "She went to school yesterday."},
                           {"role": QUERY, "content": "they was happy"},
                           {"role": RESPONSE, "content": "They were happy."}]
    assert [e["content"] for e in examples[1]] == ["cheese", "fromage", "bread", "pain"]
    assert examples[2] == []
    assert examples[3] == [{"role": QUERY, "content": "What is 2+2?"}, {"role": RESPONSE, "content": "4"}]
    assert all(T.EXAMPLES in t["data"] for t in tasks)
    json.dumps(tasks)


def test_chat_context_becomes_examples():
    (task, *_) = build_tasks(_records("import_chat.jsonl"), T.DEMONSTRATION_IF)
    assert task["data"][T.PROMPT] == "And how many people live there?"
    assert task["data"][T.EXAMPLES] == [{"role": SYSTEM, "content": "You are a helpful assistant."},
                                        {"role": QUERY, "content": "What is the capital of Australia?"},
                                        {"role": RESPONSE, "content": "Canberra."}]


@pytest.mark.parametrize("prompt", ["Write a poem about cats.", "Name: Ann\nAge: 4", "Options:\nA: red\nB: blue",
                                    "Question: What is X?\nAnswer:"])
def test_parse_examples_ignores_prompts_without_pairs(prompt):
    assert parse_examples(prompt) == []


def test_keep_usable_bounds():
    tally = Tally()
    records = [Record(str(k), outputs=[Output(str(i)) for i in range(k)]) for k in (1, 2, 4, 9, 10)]
    assert [r.prompt for r in keep_usable(records, T.RANKING_ONLY, min_outputs=2, tally=tally)] == ["2", "4", "9"]
    assert tally.counts["too_few_outputs"] == 1 and tally.counts["too_many_outputs"] == 1
    with pytest.raises(ValueError):
        list(keep_usable(records, "survey"))


def test_build_tasks_counts_max_outputs():
    tally = Tally()
    list(build_tasks([Record("a", split="train", outputs=[Output("x")] * 6)], T.COMPARISON, tally=tally))
    assert tally.counts["max_outputs"] == 6 and tally.counts["tasks"] == 1
