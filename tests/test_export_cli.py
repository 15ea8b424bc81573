"""The ``labelguide export ...`` and ``labelguide stats export`` commands: thin wrappers, clear errors (no
tracebacks), the end-of-run report, and every option documented (tests/test_cli_docs.py checks the help)."""

from __future__ import annotations

import json
import re

import click
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from labelguide.cli import main

from conftest import TEST_DATA

EDGE = str(TEST_DATA / "export_edge_cases.json")
RLHF = str(TEST_DATA / "export_rlhf_slice.json")


def run(*args: str, env: dict | None = None):
    return CliRunner().invoke(main, list(args), env=env)


def test_export_pairs_ends_with_the_report(tmp_path):
    out = tmp_path / "pairs.jsonl"
    result = run("export", "pairs", "--input", EDGE, "--output", str(out))
    assert result.exit_code == 0, result.output
    assert len(out.read_text().splitlines()) == 38
    report = result.stderr
    for pattern in (r"tasks read +10\n", r"annotations used +8\n", r"pairs written +38\n", r"tied pairs dropped +2\n",
                    r"  cancelled +1\n", r"  bad ranking +3\n", r"task 105: id 'o0' in two buckets",
                    rf"-> {re.escape(str(out))} \(38 records\)"):
        assert re.search(pattern, report), (pattern, report)
    assert "Traceback" not in result.output


def test_export_pairs_all_options(tmp_path):
    out = tmp_path / "hh.parquet"
    result = run("export", "pairs", "-i", EDGE, "-o", str(out), "--format", "hh", "--parquet", "--split-files",
                 "--ties", "keep", "--aggregate", "mean-rank", "--prefer-ground-truth", "--report")
    assert result.exit_code == 0, result.output
    files = sorted(p.name for p in tmp_path.iterdir())
    splits = ("nosplit", "test", "train", "valid")
    assert files == sorted([*(f"hh.{s}.parquet" for s in splits), *(f"hh.meta.{s}.parquet" for s in splits),
                            *(f"hh.ties.{s}.parquet" for s in ("train", "valid")), "hh.report"])
    rows = [r for name in files if name.startswith("hh.meta.") for r in pq.read_table(tmp_path / name).to_pylist()]
    ties = [r for name in files if name.startswith("hh.ties.") for r in pq.read_table(tmp_path / name).to_pylist()]
    assert all(r["annotator"] is None for r in rows + ties) and not any(r["tie"] for r in rows)
    assert ties and all(r["tie"] for r in ties)
    assert {p.name for p in (tmp_path / "hh.report").iterdir()} >= {"stats.json", "stats.md", "run.json"}
    run_report = json.loads((tmp_path / "hh.report" / "run.json").read_text())
    assert run_report["pairs_written"] == len(rows) and run_report["format"] == "hh (parquet)"


def test_strict_fails_with_the_task_id_and_writes_nothing(tmp_path):
    out = tmp_path / "x.jsonl"
    result = run("export", "pairs", "-i", EDGE, "-o", str(out), "--strict")
    assert result.exit_code == 1
    assert "bad input (--strict): task 105: ids not in the task's outputs: 'o9'" in result.output
    assert not out.exists() and list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("args,message", [
    ((), "give exactly one of --input EXPORT.json or --project ID"),
    (("-i", EDGE, "-p", "3"), "give exactly one of"),
])
def test_exactly_one_source(tmp_path, args, message):
    result = run("export", "pairs", *args, "-o", str(tmp_path / "x.jsonl"))
    assert result.exit_code == 2 and message in result.output


def test_unreadable_and_broken_inputs_are_clean_errors(tmp_path):
    result = run("export", "pairs", "-i", str(tmp_path / "missing.json"), "-o", str(tmp_path / "o.jsonl"))
    assert result.exit_code == 1 and "cannot read" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "o.jsonl").exists()
    # a truncated export: every complete task before the break is exported, the run says where it broke, exit 1
    raw = (TEST_DATA / "export_edge_cases.json").read_text()
    broken = tmp_path / "broken.json"
    broken.write_text(raw[:raw.index('"id": 103')])
    result = run("export", "pairs", "-i", str(broken), "-o", str(tmp_path / "o.jsonl"))
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert re.search(r"INPUT BROKEN: .*broken.json: task #3 at byte \d+: the input ends inside this task", result.stderr)
    assert "the input broke off" in result.output
    pairs = [json.loads(line) for line in (tmp_path / "o.jsonl").read_text().splitlines()]
    assert {p["task_id"] for p in pairs} == {101, 102}


def test_project_without_a_key_is_a_clean_error(tmp_path):
    result = run("export", "pairs", "-p", "1", "-o", str(tmp_path / "o.jsonl"),
                 env={"LABEL_STUDIO_API_KEY": "", "LABEL_STUDIO_URL": "http://127.0.0.1:9"})
    assert result.exit_code == 1 and "no Label Studio API key" in result.output


def test_bad_option_values():
    result = run("export", "pairs", "-i", EDGE, "-o", "x.jsonl", "--pairwise-fields", "a,b,c")
    assert result.exit_code == 2 and "exactly two fields" in result.output


def test_pairwise_template_with_fields_and_stdin(tmp_path):
    out = tmp_path / "o.jsonl"
    result = CliRunner().invoke(main, ["export", "pairs", "-i", "-", "-o", str(out), "--format", "openai",
                                       "--pairwise-fields", "answer1,answer2"], input=open(RLHF).read())
    assert result.exit_code == 0, result.output
    assert len(out.read_text().splitlines()) == 6 and (tmp_path / "o.meta.jsonl").exists()


def test_official_bucket_example_with_bucket_order(tmp_path):
    lsf = TEST_DATA / "export_lsf_examples.json"
    result = run("export", "pairs", "-i", str(lsf), "-o", str(tmp_path / "o.jsonl"))
    # the official examples have no prompt: each task is reported, skipped and counted
    assert result.exit_code == 0 and "missing prompt" in result.stderr and "task 1:" in result.stderr
    result = run("export", "labels", "-i", str(lsf), "-o", str(tmp_path / "l.jsonl"), "--interface", "ranking")
    assert result.exit_code == 0, result.output


def test_export_sft_and_labels(tmp_path):
    pinned = json.loads((TEST_DATA / "pinned_results.json").read_text())
    export = tmp_path / "demo.json"
    export.write_text(json.dumps([{"id": 1, "data": pinned["demonstration"]["data"], "annotations": [
        {"id": 1, "completed_by": 1, "result": pinned["demonstration"]["result"]}]}]))
    result = run("export", "sft", "-i", str(export), "-o", str(tmp_path / "sft.jsonl"), "--format", "chat")
    assert result.exit_code == 0, result.output
    assert json.loads((tmp_path / "sft.jsonl").read_text())["messages"][-1] == {"role": "assistant",
                                                                                 "content": "Negative"}
    result = run("export", "labels", "-i", EDGE, "-o", str(tmp_path / "labels.parquet"), "--parquet")
    assert result.exit_code == 0, result.output
    assert re.search(r"interface +comparison\n", result.stderr)
    table = pq.read_table(tmp_path / "labels.parquet")
    assert "likert" in table.column_names and "rank" in table.column_names


def test_stats_export_text_json_and_files(tmp_path):
    result = run("stats", "export", "-i", EDGE)
    assert result.exit_code == 0 and "# Export statistics" in result.output
    result = run("stats", "export", "-i", EDGE, "--json", "--out", str(tmp_path / "s"))
    assert result.exit_code == 0, result.output
    stats = json.loads(result.stdout)
    assert stats["pairs"] == 38 and "lengths_raw" not in stats
    assert (tmp_path / "s" / "stats.md").exists() and (tmp_path / "s" / "lengths_per_category.png").exists()


def test_every_export_command_has_an_example():
    for path in (("export",), ("export", "pairs"), ("export", "sft"), ("export", "labels"), ("stats", "export")):
        result = run(*path, "--help")
        assert result.exit_code == 0 and "Example" in result.output


def test_docs_cover_every_format_and_option():
    from exporters.cli import export, stats_export
    from exporters.formats import FORMATS
    from exporters.sft import SFT_FORMATS

    docs = (TEST_DATA.parents[1] / "docs" / "formats_out.md").read_text()
    for fmt in (*FORMATS, *SFT_FORMATS):
        assert f"`{fmt}`" in docs, fmt
    for command in (*export.commands.values(), stats_export):
        for param in command.params:
            if isinstance(param, click.Option) and param.name not in ("url", "api_key"):
                assert param.opts[0] in docs or param.opts[-1] in docs, (command.name, param.opts)
