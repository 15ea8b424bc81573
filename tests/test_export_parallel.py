"""--workers 2: a second process encodes and writes the JSON Lines while the first reads and ranks. The same
bytes and the same report as one process; a failure on either side is a short error and leaves no file."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from exporters.errors import BadInput, ExportError
from exporters.pair_files import write_pairs
from exporters.pairs import PairOptions
from exporters.report import RunReport
from labelguide.cli import main

from conftest import TEST_DATA

EDGE = json.loads((TEST_DATA / "export_edge_cases.json").read_text())
BAD_TEXT = {"id": 900, "data": {"prompt": "p \ud800", "outputs": [{"id": "a", "body": "x"}, {"id": "b", "body": "y"}]},
            "annotations": [{"id": 1, "completed_by": 1, "result": [{"from_name": "ranking", "type": "ranker",
                                                                      "value": {"ranker": {"rank_1": ["a"], "rank_2": ["b"]}}}]}]}


@pytest.mark.parametrize("fmt", ["trl", "trl-chat", "hh", "openai"])
def test_two_processes_write_the_same_bytes_and_report(tmp_path, fmt):
    tasks = [*EDGE, BAD_TEXT]
    options = PairOptions(ties="keep")
    one = write_pairs(tasks, tmp_path / "one" / "p.jsonl", fmt, options, split_files=True)
    two = write_pairs(tasks, tmp_path / "two" / "p.jsonl", fmt, options, split_files=True, workers=2)
    names = sorted(p.name for p in (tmp_path / "one").iterdir())
    assert names == sorted(p.name for p in (tmp_path / "two").iterdir()) and len(names) >= 4
    for name in names:
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), name
    a, b = one.as_dict(), two.as_dict()
    assert {k: v for k, v in a.items() if k != "files"} == {k: v for k, v in b.items() if k != "files"}
    assert sorted(a["files"].values()) == sorted(b["files"].values())
    assert "task 900: a text is not valid UTF-8" in " ".join(b["problems"])


def test_a_failing_writer_is_a_short_error_and_leaves_nothing(tmp_path):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    with pytest.raises(ExportError, match="cannot write"):
        write_pairs(EDGE, blocker / "p.jsonl", "trl", workers=2)
    assert [p.name for p in tmp_path.iterdir()] == ["not-a-dir"]


def test_a_failing_reader_stops_the_writer_and_leaves_nothing(tmp_path):
    with pytest.raises(BadInput, match="task 105"):
        write_pairs(EDGE, tmp_path / "p.jsonl", "trl", report=RunReport(strict=True), workers=2)
    assert list(tmp_path.iterdir()) == []


def test_the_cli_option(tmp_path):
    for workers in ("1", "2"):
        out = tmp_path / f"w{workers}.jsonl"
        result = CliRunner().invoke(main, ["export", "pairs", "-i", str(TEST_DATA / "export_edge_cases.json"),
                                           "-o", str(out), "--workers", workers])
        assert result.exit_code == 0, result.output
    assert (tmp_path / "w1.jsonl").read_bytes() == (tmp_path / "w2.jsonl").read_bytes()
    bad = CliRunner().invoke(main, ["export", "pairs", "-i", "x.json", "-o", "y.jsonl", "--workers", "many"])
    assert bad.exit_code == 2 and "neither a number nor auto" in bad.output
