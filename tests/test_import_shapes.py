"""Input as it comes (issue 11.3): output field mapping, the InstructGPT shape, K of N sampling, identical outputs,
a dedupe key with outputs, a non-zero exit when nothing is usable, OpenAssistant filters."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from importers.dedupe import dedupe_prompts
from importers.pipeline import ImportOptions, prepare_tasks
from importers.read import FieldSpec, read_records
from importers.records import NothingUsableError, Output, Record, Tally
from importers.tasks import keep_usable, sample_outputs
from label_config import taxonomy as T
from labelguide.cli import main

DATA = Path(__file__).resolve().parent / "data"
INSTRUCTGPT = DATA / "import_instructgpt_shape.jsonl"
OASST = Path(__file__).resolve().parents[2] / "shared" / "data" / "oasst_en_100_trees.jsonl"


def _tasks(out):
    return [json.loads(line) for s in ("train", "valid", "test") for line in open(out / f"{s}.jsonl")]


def test_instructgpt_shape_is_read_by_default_and_by_explicit_mapping():
    records = list(read_records(INSTRUCTGPT))
    assert len(records) == 6 and all(len(r.outputs) == 12 for r in records)
    assert records[0].outputs[0].model == "gpt-xl" and records[0].outputs[0].text.startswith("A plain answer")
    mapped = list(read_records(INSTRUCTGPT, fields=FieldSpec(outputs="completions", model_key="model_type",
                                                             text_key="sample")))
    assert [[(o.model, o.text) for o in r.outputs] for r in mapped] == \
        [[(o.model, o.text) for o in r.outputs] for r in records]
    wrong = Tally()
    assert list(read_records(INSTRUCTGPT, fields=FieldSpec(text_key="text"), tally=wrong)) == []
    assert wrong.counts["invalid"] == 6 and "--text-key" in wrong.problems[0].reason


def test_outputs_field_model_key_and_text_key(tmp_path):
    path = tmp_path / "custom.jsonl"
    path.write_text(json.dumps({"prompt": "Name a colour.", "responses": [
        {"engine": f"m{i}", "answer": f"colour {i}"} for i in range(5)]}) + "\n")
    (record,) = read_records(path, fields=FieldSpec(outputs="responses", model_key="engine", text_key="answer"))
    assert [(o.model, o.text) for o in record.outputs] == [(f"m{i}", f"colour {i}") for i in range(5)]


def test_more_than_nine_outputs_are_refused_with_a_hint_unless_sampled(tmp_path):
    with pytest.raises(NothingUsableError, match="too many outputs") as err:
        prepare_tasks(INSTRUCTGPT, tmp_path / "a", ImportOptions(interface="ranking", pii="keep"))
    assert any("--max-outputs" in w for w in err.value.report.warnings)
    report = prepare_tasks(INSTRUCTGPT, tmp_path / "b", ImportOptions(interface="ranking", pii="keep",
                                                                      max_outputs=6))
    assert report.counts["tasks"] == 6 and report.counts["outputs_sampled"] == 6
    tasks = _tasks(tmp_path / "b")
    assert all(len(t["data"][T.OUTPUTS]) == 6 for t in tasks)  # 11 left after merging one duplicate: still > 6
    assert report.policies["max_outputs"].startswith("sample 6")


def test_sampling_is_seeded_and_balanced_across_models():
    models = [f"model-{i}" for i in range(12)]

    def records():
        return [Record(f"prompt {i}", outputs=[Output(f"{m} on {i}", model=m) for m in models]) for i in range(100)]

    picked = [[o.model for o in r.outputs] for r in sample_outputs(records(), 4, seed=3)]
    again = [[o.model for o in r.outputs] for r in sample_outputs(records(), 4, seed=3)]
    other = [[o.model for o in r.outputs] for r in sample_outputs(records(), 4, seed=4)]
    assert picked == again and picked != other
    assert all(len(p) == 4 and len(set(p)) == 4 for p in picked)
    counts = Counter(m for p in picked for m in p)
    assert set(counts) == set(models) and max(counts.values()) - min(counts.values()) <= 1  # 400 / 12 each
    kept = next(iter(sample_outputs([Record("p", outputs=[Output(str(i), model=str(i), rank=i) for i in range(9)])],
                                    5)))
    assert [o.rank for o in kept.outputs] == sorted(o.rank for o in kept.outputs)  # input order, ranks kept


def test_max_outputs_outside_the_interface_range_is_refused(tmp_path):
    for k in ("3", "10"):
        result = CliRunner().invoke(main, ["import", "prompts", str(INSTRUCTGPT), "--interface", "ranking",
                                           "--max-outputs", k, "--dry-run", "--out", str(tmp_path), "--pii", "keep"])
        assert result.exit_code == 2 and "--max-outputs" in result.output


@pytest.mark.parametrize("policy", ["merge", "flag", "keep"])
def test_identical_outputs_policies(tmp_path, policy):
    path = tmp_path / "dups.jsonl"
    outs = ["same answer", "other one", "same answer", "third", "fourth"]
    path.write_text(json.dumps({"prompt": "Q?", "outputs": [{"model": f"m{i}", "text": t}
                                                             for i, t in enumerate(outs)]}) + "\n")
    report = prepare_tasks(path, tmp_path / "out", ImportOptions(interface="comparison", pii="keep",
                                                                 identical_outputs=policy))
    (task,) = _tasks(tmp_path / "out")
    bodies = [o["body"] for o in task["data"][T.OUTPUTS]]
    assert report.policies["identical_outputs"] == policy
    if policy == "merge":
        assert sorted(bodies) == sorted(set(outs)) and report.counts["identical_outputs_merged"] == 1
        assert "m2" not in task["data"][T.MODELS].values()
    elif policy == "flag":
        assert len(bodies) == 5 and "identical_outputs" in task["data"]
        (group,) = task["data"]["identical_outputs"]
        assert len(group) == 2 and {task["data"][T.OUTPUTS][int(g[1:])]["body"] for g in group} == {"same answer"}
    else:
        assert len(bodies) == 5 and "identical_outputs" not in task["data"]
    assert report.counts["identical_output_tasks"] == (0 if policy == "keep" else 1)


def test_merging_can_leave_too_few_outputs():
    rs = [Record("q", outputs=[Output("a"), Output("a"), Output("a"), Output("b")])]
    tally = Tally()
    assert list(keep_usable(rs, "ranking", min_outputs=4, tally=tally)) == []
    assert tally.counts["too_few_outputs"] == 1 and tally.counts["identical_outputs_merged"] == 2


def test_dedupe_key_with_outputs_keeps_templated_prompts_with_their_own_completions():
    head = "Below is an instruction that describes a task. Write a response that completes the request. " * 2
    records = [Record(head + tail, outputs=[Output(f"{tail} answer {j}") for j in range(4)])
               for tail in ("Name a fruit.", "Name a river.", "Name a city.")]
    assert len(list(dedupe_prompts(records))) == 1  # InstructGPT's rule: one long prefix, one prompt
    assert len(list(dedupe_prompts(records, key="prompt+outputs"))) == 3
    same = [Record(head + "Name a fruit.", outputs=[Output("x"), Output("y")]),
            Record(head + "Name a fruit!", outputs=[Output("y"), Output("x")])]
    tally = Tally()
    assert len(list(dedupe_prompts(same, key="prompt+outputs", tally=tally))) == 1
    assert tally.counts["duplicate_prefix"] == 1


def test_nothing_usable_exits_non_zero_with_the_reason(tmp_path):
    path = tmp_path / "nothing.jsonl"
    path.write_text('{"text": "no prompt field"}\n{"text": "again"}\n')
    result = CliRunner().invoke(main, ["import", "prompts", str(path), "--dry-run", "--out", str(tmp_path / "o"),
                                       "--pii", "keep"])
    assert result.exit_code == 1
    assert "nothing usable" in result.output and "2 invalid" in result.output and "line 1" in result.output
    assert json.loads((tmp_path / "o" / "report.json").read_text())["counts"]["tasks"] == 0
    empty = tmp_path / "empty.jsonl"
    empty.write_text("")
    result = CliRunner().invoke(main, ["import", "prompts", str(empty), "--dry-run", "--out", str(tmp_path / "e"),
                                       "--pii", "keep"])
    assert result.exit_code == 1 and "holds no record" in result.output


@pytest.mark.skipif(not OASST.exists(), reason="shared OpenAssistant sample not available")
def test_openassistant_language_and_tree_state_filters(tmp_path):
    rows = [json.loads(line) for line in open(OASST, encoding="utf-8")][:10]
    rows[0]["tree_state"] = "aborted_low_grade"
    rows[1]["prompt"]["lang"] = "de"
    path = tmp_path / "oasst.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    everything = Tally()
    n_all = len(list(read_records(path, tally=everything)))
    tally = Tally()
    from importers.oasst import OasstFilter

    kept = list(read_records(path, tally=tally, oasst=OasstFilter(langs=("EN",), tree_states=("ready_for_export",))))
    assert tally.counts["oasst_state_skipped"] == 1 and tally.counts["oasst_lang_skipped"] >= 1
    assert 0 < len(kept) < n_all
    assert {r.group for r in kept}.isdisjoint({rows[0]["message_tree_id"], rows[1]["message_tree_id"]})
    result = CliRunner().invoke(main, ["import", "prompts", str(path), "--interface", "ranking", "--min-outputs", "2",
                                       "--oasst-lang", "en", "--oasst-tree-state", "ready_for_export", "--dry-run",
                                       "--out", str(tmp_path / "out"), "--pii", "keep", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["counts"]["oasst_state_skipped"] == 1 and report["options"]["oasst_langs"] == ["en"]


def test_an_external_id_reused_with_another_prompt_names_both_lines(tmp_path):
    def task(prompt, ext):
        return json.dumps({"data": {T.PROMPT: prompt, T.EXTERNAL_ID: ext, T.USER_ID: "u1"}})

    path = tmp_path / "tasks.jsonl"
    path.write_text("\n".join([task("first prompt", "e1"), task("other", "e2"), task("first prompt", "e1"),
                               task("a changed prompt", "e1")]) + "\n")
    report = prepare_tasks(path, tmp_path / "out", ImportOptions(pii="keep"))
    assert report.counts["tasks"] == 2 and report.counts["duplicate_exact"] == 1
    assert report.counts["id_conflicts"] == 1
    (problem,) = report.problems
    assert problem["line"] == 4 and "line 1" in problem["reason"] and "changed" not in problem["reason"]
    with pytest.raises(Exception, match="line 4.*line 1"):
        prepare_tasks(path, tmp_path / "strict", ImportOptions(pii="keep", strict=True))
