"""Output formats: TRL (plain and chat), Anthropic HH (field for field against the real hh-rlhf file), OpenAI
preference JSONL, grouped; JSONL and Parquet, one file or one per split; nothing half-written on failure."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from exporters.errors import BadInput
from exporters.formats import FORMATS, HH_ASSISTANT, HH_HUMAN, PAIR_META
from exporters.pair_files import write_pairs
from exporters.writers import split_path
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
    """hh-rlhf itself has exactly two fields, chosen and rejected (the shared sample adds derived ones): ours too;
    the prompt transcript, the responses and the metadata are in the side file, line for line."""
    out, _ = _write(tmp_path, "hh")
    ours, side = _jsonl(out), _jsonl(tmp_path / "out.meta.jsonl")
    assert len(ours) == len(side) == 38
    assert all(list(r) == ["chosen", "rejected"] for r in ours)
    assert all(list(m)[:3] == ["prompt", "chosen_response", "rejected_response"] and set(PAIR_META) <= set(m)
               for m in side)
    real = [json.loads(line) for line in HH_FILE.read_text(encoding="utf-8").splitlines()] if HH_FILE.exists() else []
    for record, meta in [*zip(ours, side), *((r, r) for r in real)]:
        assert meta["prompt"].startswith(HH_HUMAN) and meta["prompt"].endswith(HH_ASSISTANT)
        assert record["chosen"] == meta["prompt"] + " " + meta["chosen_response"]
        assert record["rejected"] == meta["prompt"] + " " + meta["rejected_response"]
        assert all(isinstance(record[k], str) for k in ("chosen", "rejected"))
    if not real:
        pytest.skip("shared hh-rlhf sample not present; our records checked against the format rules only")
    assert [k for k in real[0] if k in ("chosen", "rejected")] == list(ours[0])  # same fields, same order
    chat = next(m for m in side if m["task_id"] == 108)
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
    first, meta = _jsonl(out)[0], _jsonl(tmp_path / "hh.meta.jsonl")[0]
    assert meta["prompt"] == "\n\nHuman: What is the latest news on the stock market?\n\nAssistant:"
    assert meta["chosen_response"] == tasks[0]["data"]["answer1"]  # "selected": "left"
    assert first["chosen"] == meta["prompt"] + " " + tasks[0]["data"]["answer1"]


@pytest.mark.parametrize("fmt", ["trl", "trl-chat", "hh", "openai"])
def test_kept_ties_never_reach_a_pair_file(tmp_path, fmt):
    """No consumer of these formats can express a tie: with --ties keep the tied pairs go to OUT.ties.jsonl."""
    out, report = _write(tmp_path, fmt, "p.jsonl", options=PairOptions(ties="keep"))
    main, ties = _jsonl(out), _jsonl(tmp_path / "p.ties.jsonl")
    assert len(main) == report.pairs == 38 and len(ties) == report.ties_kept == 2
    if fmt in ("trl", "trl-chat"):
        assert not any(r["tie"] for r in main)
    if fmt in ("hh", "openai"):
        assert not any(r["tie"] for r in _jsonl(tmp_path / "p.meta.jsonl"))
    assert all(t["tie"] and t["margin"] == 0 for t in ties)
    assert {(t["task_id"], t["chosen_id"], t["rejected_id"]) for t in ties} == {(101, "o0", "o2"), (102, "o2", "o3")}
    layout = str if fmt == "trl" else list
    assert all(isinstance(t["prompt"], layout) for t in ties)


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
@pytest.mark.parametrize("ties", ["drop", "keep"])
def test_parquet_has_the_same_records(tmp_path, fmt, ties):
    options = PairOptions(ties=ties)
    jsonl, _ = _write(tmp_path, fmt, "a.jsonl", options=options)
    parquet, _ = _write(tmp_path, fmt, "a.parquet", parquet=True, options=options)
    for kind in ("", ".meta", ".ties"):
        if (tmp_path / f"a{kind}.jsonl").exists():
            rows = pq.read_table(tmp_path / f"a{kind}.parquet").to_pylist()
            assert rows == _jsonl(tmp_path / f"a{kind}.jsonl"), kind


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
