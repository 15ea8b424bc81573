"""Output formats: TRL (plain and chat), Anthropic HH (field for field against the real hh-rlhf file), OpenAI
preference JSONL, grouped; JSONL and Parquet, one file or one per split; nothing half-written on failure."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from exporters.errors import BadInput
from exporters.formats import FORMATS, HH_ASSISTANT, HH_HUMAN, PAIR_META, split_path, write_pairs
from exporters.pairs import PairOptions
from exporters.report import RunReport

from conftest import SHARED_DATA, TEST_DATA

EDGE = json.loads((TEST_DATA / "export_edge_cases.json").read_text())
HH_FILE = SHARED_DATA / "hh_rlhf_harmless_base_test_300.jsonl"
# Fields of hh-rlhf itself (chosen/rejected) and the derived ones of the shared sample; source_line and
# shared_prefix describe how that sample was drawn, not the format.
HH_FIELDS = ("chosen", "rejected", "prompt", "chosen_response", "rejected_response")


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _write(tmp_path: Path, fmt: str, name: str = "out.jsonl", **kwargs) -> tuple[Path, RunReport]:
    out = tmp_path / name
    options = kwargs.pop("options", PairOptions())
    return out, write_pairs(EDGE, out, fmt, options, **kwargs)


def test_trl_records(tmp_path):
    out, report = _write(tmp_path, "trl")
    records = _jsonl(out)
    assert len(records) == report.pairs == 38
    r = records[0]
    assert list(r)[:3] == ["prompt", "chosen", "rejected"] and set(PAIR_META) <= set(r)
    assert all(isinstance(r[k], str) for k in ("prompt", "chosen", "rejected"))
    assert (r["task_id"], r["annotator"], r["split"]) == (101, 1, "train")
    # chat tasks: the plain prompt has no earlier turns, and the report says so
    assert report.notes["chat pairs without earlier turns (plain trl)"] == 3


def test_trl_chat_records(tmp_path):
    out, _ = _write(tmp_path, "trl-chat")
    chat = [r for r in _jsonl(out) if r["task_id"] == 108][0]
    assert chat["prompt"] == [{"role": "user", "content": "Hi, I need a recipe."},
                              {"role": "assistant", "content": "Sure, what kind of dish?"},
                              {"role": "user", "content": "Something with lentils, please."}]
    assert chat["chosen"] == [{"role": "assistant", "content": "Answer C: A lentil salad."}]
    assert chat["rejected"][0]["role"] == "assistant"


def test_hh_matches_the_real_hh_rlhf_format(tmp_path):
    out, _ = _write(tmp_path, "hh")
    ours = _jsonl(out)
    real = [json.loads(line) for line in HH_FILE.read_text(encoding="utf-8").splitlines()] if HH_FILE.exists() else []
    for record in ours + real:
        assert set(HH_FIELDS) <= set(record)
        assert record["prompt"].startswith(HH_HUMAN) and record["prompt"].endswith(HH_ASSISTANT)
        assert record["chosen"] == record["prompt"] + " " + record["chosen_response"]
        assert record["rejected"] == record["prompt"] + " " + record["rejected_response"]
        assert all(isinstance(record[k], str) for k in HH_FIELDS)
    if not real:
        pytest.skip("shared hh-rlhf sample not present; our records checked against the format rules only")
    assert list(ours[0])[:5] == [k for k in real[0] if k in HH_FIELDS]  # same fields, same order
    chat = next(r for r in ours if r["task_id"] == 108)
    assert chat["prompt"] == ("\n\nHuman: Hi, I need a recipe.\n\nAssistant: Sure, what kind of dish?"
                              "\n\nHuman: Something with lentils, please.\n\nAssistant:")
    # multi-turn transcripts have the same shape as the real ones: alternating turns, Human first
    for record in [chat, *real]:
        speakers = re.findall(r"\n\n(Human|Assistant):", record["prompt"])
        assert speakers == (["Human", "Assistant"] * len(speakers))[:len(speakers)] and speakers[-1] == "Assistant"


def test_hh_from_the_real_rlhf_export(tmp_path):
    tasks = json.loads((TEST_DATA / "export_rlhf_slice.json").read_text())
    out = tmp_path / "hh.jsonl"
    write_pairs(tasks, out, "hh")
    first = _jsonl(out)[0]
    assert first["prompt"] == "\n\nHuman: What is the latest news on the stock market?\n\nAssistant:"
    assert first["chosen_response"] == tasks[0]["data"]["answer1"]  # "selected": "left"


def test_openai_records_hold_only_openai_fields_and_a_sidecar_has_the_metadata(tmp_path):
    out, report = _write(tmp_path, "openai", "dpo.jsonl")
    records, meta = _jsonl(out), _jsonl(tmp_path / "dpo.meta.jsonl")
    assert len(records) == len(meta) == 38
    assert set(records[0]) == {"input", "preferred_output", "non_preferred_output"}
    assert records[0]["input"]["messages"][-1]["role"] == "user"
    assert records[0]["preferred_output"] == [{"role": "assistant", "content": records[0]["preferred_output"][0]["content"]}]
    assert set(meta[0]) == set(PAIR_META)
    assert str(tmp_path / "dpo.meta.jsonl") in report.files


def test_grouped_records(tmp_path):
    out, report = _write(tmp_path, "grouped")
    groups = _jsonl(out)
    assert len(groups) == report.records == 8  # one per used annotation
    g = next(g for g in groups if g["task_id"] == 101 and g["annotator"] == 1)
    assert [(o["id"], o["rank"], o["likert"]) for o in g["outputs"]] == [("o0", 1, 6), ("o2", 1, 7), ("o1", 2, 4),
                                                                       ("o3", 3, 2)]
    assert g["n_pairs"] == 5 and g["messages"][-1]["content"] == g["prompt"]
    assert sum(g["n_pairs"] for g in groups) == report.pairs == 38
    assert next(g for g in groups if g["task_id"] == 103)["unranked"] == ["o1", "o2"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_parquet_has_the_same_records(tmp_path, fmt):
    jsonl, _ = _write(tmp_path, fmt, "a.jsonl")
    parquet, _ = _write(tmp_path, fmt, "a.parquet", parquet=True)
    rows = pq.read_table(parquet).to_pylist()
    assert rows == _jsonl(jsonl)


def test_parquet_mean_rank_uses_float_ranks(tmp_path):
    out, _ = _write(tmp_path, "trl", "m.parquet", parquet=True, options=PairOptions(aggregate="mean-rank"))
    table = pq.read_table(out)
    assert str(table.schema.field("chosen_rank").type) == "double"
    assert table.column("annotator").null_count == table.num_rows


def test_split_files(tmp_path):
    out, report = _write(tmp_path, "trl", "pairs.jsonl", split_files=True)
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["pairs.nosplit.jsonl", "pairs.test.jsonl", "pairs.train.jsonl", "pairs.valid.jsonl"]
    for path in tmp_path.iterdir():
        split = path.name.split(".")[1]
        assert {r["split"] or "nosplit" for r in _jsonl(path)} == {split}
    assert sum(report.files.values()) == 38
    assert split_path(out, "train") == tmp_path / "pairs.train.jsonl"


def test_strict_failure_leaves_no_output(tmp_path):
    with pytest.raises(BadInput):
        write_pairs(EDGE, tmp_path / "x.jsonl", "openai", PairOptions(), report=RunReport(strict=True))
    assert list(tmp_path.iterdir()) == []


def test_unicode_is_written_as_is(tmp_path):
    task = {"id": 1, "data": {"prompt": "Café ☕?", "outputs": [{"id": "a", "body": "Oui ’"}, {"id": "b", "body": "Non"}]},
            "annotations": [{"completed_by": 1, "result": [{"from_name": "ranking", "type": "ranker",
                                                             "value": {"ranker": {"rank_1": ["a"], "rank_2": ["b"]}}}]}]}
    write_pairs([task], tmp_path / "u.jsonl", "trl")
    text = (tmp_path / "u.jsonl").read_text(encoding="utf-8")
    assert "Café ☕?" in text and "Oui ’" in text
