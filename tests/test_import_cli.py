"""``labelguide import prompts --dry-run`` and ``labelguide stats prompts`` through click's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from importers.cli import import_group, stats_prompts
from label_config import taxonomy as T
from labelguide.cli import main

DATA = Path(__file__).resolve().parent / "data"


def _run(args, **kw):
    result = CliRunner().invoke(main, args, catch_exceptions=False, **kw)
    return result


def _tasks(out):
    return {s: [json.loads(line) for line in open(out / f"{s}.jsonl")] for s in ("train", "valid", "test")}


def test_dry_run_writes_split_files_and_report(tmp_path):
    out = tmp_path / "out"
    result = _run(["import", "prompts", str(DATA / "import_prompts.jsonl"), "--dry-run", "--out", str(out),
                   "--pii", "keep", "--split-ratios", "0.5,0.25,0.25", "--seed", "3"])
    assert result.exit_code == 0, result.output
    assert "duplicates" in result.output and "per split" in result.output
    report = json.loads((out / "report.json").read_text())
    c = report["counts"]
    assert (c["read"], c["empty"], c["duplicate_exact"], c["duplicate_prefix"], c["tasks"]) == (12, 1, 1, 1, 9)
    assert c["no_user_id"] == 1 and report["warnings"]
    tasks = _tasks(out)
    assert sum(len(v) for v in tasks.values()) == 9 == sum(report["splits"].values())
    users: dict[str, set[str]] = {}
    for split, items in tasks.items():
        for t in items:
            assert t["data"][T.SPLIT] == split
            users.setdefault(t["data"][T.USER_ID], set()).add(split)
    assert all(len(s) == 1 for u, s in users.items() if u is not None)
    again = tmp_path / "again"
    _run(["import", "prompts", str(DATA / "import_prompts.jsonl"), "--dry-run", "--out", str(again),
          "--pii", "keep", "--split-ratios", "0.5,0.25,0.25", "--seed", "3"])
    assert _tasks(again) == tasks  # deterministic


def test_dry_run_comparison_json_report(tmp_path):
    result = _run(["import", "prompts", str(DATA / "import_comparisons.jsonl"), "--interface", "comparison",
                   "--dry-run", "--out", str(tmp_path), "--pii", "keep", "--json", "--max-per-user", "1"])
    report = json.loads(result.output)
    assert report["counts"]["tasks"] == 4 and report["counts"]["too_few_outputs"] == 1
    assert report["counts"]["max_outputs"] == 6 and report["counts"]["predictions"] == 1
    assert report["options"]["interface"] == "comparison" and report["options"]["max_per_user"] == 1


def test_field_mapping_flags_and_bad_lines(tmp_path):
    result = _run(["import", "prompts", str(DATA / "import_prompts.csv"), "--prompt-field", "text",
                   "--user-field", "org", "--dry-run", "--out", str(tmp_path), "--pii", "keep"])
    assert result.exit_code == 0
    report = json.loads((tmp_path / "report.json").read_text())
    assert report["counts"]["malformed"] == 1 and report["problems"][0]["line"] == 7
    assert "line 7:" in result.output
    assert report["counts"]["tasks"] == 4 and report["counts"]["empty"] == 1


def test_strict_fails_and_writes_nothing(tmp_path):
    result = CliRunner().invoke(main, ["import", "prompts", str(DATA / "import_bad.jsonl"), "--strict", "--dry-run",
                                       "--out", str(tmp_path), "--pii", "keep"])
    assert result.exit_code == 1 and "line 2" in result.output and "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == []


def test_usage_errors(tmp_path):
    src = str(DATA / "import_prompts.jsonl")
    r = CliRunner().invoke(main, ["import", "prompts", src, "--dry-run"])
    assert r.exit_code == 2 and "--out" in r.output
    r = CliRunner().invoke(main, ["import", "prompts", src], env={"LABEL_STUDIO_API_KEY": ""})
    assert r.exit_code == 2 and "--project" in r.output
    r = CliRunner().invoke(main, ["import", "prompts", src, "--dry-run", "--out", str(tmp_path),
                                  "--split-ratios", "0.9,0.9,0.1", "--pii", "keep"])
    assert r.exit_code == 1 and "split ratios" in r.output
    r = CliRunner().invoke(main, ["import", "prompts", src, "--project", "P", "--pii", "keep", "--url",
                                  "http://127.0.0.1:9"], env={"LABEL_STUDIO_API_KEY": ""})
    assert r.exit_code == 1 and "API key" in r.output


def test_stats_prompts_text_and_json(tmp_path):
    result = _run(["stats", "prompts", str(DATA / "import_prompts.jsonl")])
    assert result.exit_code == 0
    assert "by category" in result.output and "Summarization" in result.output and "skipped" in result.output
    stats = json.loads(_run(["stats", "prompts", str(DATA / "import_prompts.jsonl"), "--json", "--unit",
                             "chars"]).output)
    assert stats["overall"]["count"] == 11 and stats["by"]["category"]["Summarization"]["count"] == 2
    assert stats["by"]["source"]["api"]["count"] == 8 and stats["skipped"]["empty"] == 1
    out = tmp_path / "out"
    _run(["import", "prompts", str(DATA / "import_prompts.jsonl"), "--dry-run", "--out", str(out), "--pii", "keep"])
    stats = json.loads(_run(["stats", "prompts", str(out / "train.jsonl"), "--json"]).output)
    assert set(stats["by"]["split"]) == {"train"}


@pytest.mark.parametrize("cmd", [import_group, import_group.commands["prompts"], stats_prompts],
                         ids=["import", "import prompts", "stats prompts"])
def test_every_command_has_help_with_an_example(cmd):
    assert cmd.help and "Example" in cmd.help
    for param in cmd.params:
        if isinstance(param, click.Option):
            assert param.help, f"{cmd.name}: option {param.opts} has no help"


def test_help_runs():
    for args in (["import", "prompts", "--help"], ["stats", "prompts", "--help"]):
        result = _run(args)
        assert result.exit_code == 0 and "Example" in result.output


def test_every_flag_is_documented_in_formats_in():
    doc = (Path(__file__).resolve().parents[1] / "docs" / "formats_in.md").read_text()
    for cmd in (import_group.commands["prompts"], stats_prompts):
        for param in cmd.params:
            for opt in getattr(param, "opts", []):
                if opt.startswith("--") and opt != "--help":
                    assert f"`{opt}" in doc, f"{opt} of {cmd.name} is not in docs/formats_in.md"
