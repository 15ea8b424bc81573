"""Hostile and careless input (issue 10): no export file can exhaust the host, one bad task costs only itself and
is named, a broken file keeps every complete task before the break, no partial file looks complete, and no
prompt text reaches a report. Plus hypothesis fuzz of the reader and of every exporter."""

from __future__ import annotations

import copy
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exporters.errors import ExportError
from exporters.labels import write_labels
from exporters.pair_files import write_pairs
from exporters.pairs import PairOptions
from exporters.read import ReadLimits, iter_export_stream
from exporters.report import RunReport
from exporters.sft import write_sft
from exporters.stats import collect_stats
from labelguide.cli import main
from label_config import taxonomy as T

from conftest import ROOT, TEST_DATA

EDGE = json.loads((TEST_DATA / "export_edge_cases.json").read_text())
SECRET = "Zyzzyva-secret-prompt-text"  # must never appear in a report, a problem or an error message


def _ranked_task(task_id, prompt="Say hi", annotations=None):
    return {"id": task_id, "data": {"prompt": prompt, "outputs": [{"id": "a", "body": "Hi"}, {"id": "b", "body": "Yo"}]},
            "annotations": annotations if annotations is not None else [
                {"id": task_id * 10, "completed_by": 1, "result": [
                    {"from_name": T.RANKING, "type": "ranker", "value": {"ranker": {"rank_1": ["a"], "rank_2": ["b"]}}},
                    {"from_name": T.DEMONSTRATION, "type": "textarea", "value": {"text": ["Hello"]}}]}]}


def _capped(args: list[str], cap_mb: int, timeout: float = 120) -> subprocess.CompletedProcess:
    """``labelguide ARGS`` in a child process whose address space is capped at ``cap_mb``."""
    code = ("import resource, runpy, sys\n"
            f"resource.setrlimit(resource.RLIMIT_AS, ({cap_mb << 20}, {cap_mb << 20}))\n"
            f"sys.argv = ['labelguide', *{args!r}]\n"
            "runpy.run_module('labelguide', run_name='__main__')\n")
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=timeout, cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})


# ------------------------------------------------------------------------------------------------------------
# Memory and time: the 201 KB file of 100,000 levels that took the host to 22.9 GB
# ------------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("command", ["pairs", "labels", "sft", "stats"])
def test_a_100000_deep_201_kb_file_under_a_256_mb_cap(tmp_path, command):
    depth = 100_000
    deep = b'{"id": 1, "data": {"prompt": "p", "outputs": ' + b"[" * depth + b"]" * depth + b'}, "annotations": []}'
    path = tmp_path / "deep.json"
    path.write_bytes(b"[" + deep + b", " + json.dumps(_ranked_task(2)).encode() + b"]")
    assert 200_000 < path.stat().st_size < 210_000
    out = ["-o", str(tmp_path / "out.jsonl")] if command != "stats" else ["--json"]
    start = time.monotonic()
    result = _capped(["export", command, "-i", str(path), *out], cap_mb=256)
    assert time.monotonic() - start < 60
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    assert "task #1 (id 1) at byte 1: nested deeper than the limit of 100 levels; skipped" in (
        result.stderr + result.stdout)
    if command == "pairs":
        assert len((tmp_path / "out.jsonl").read_text().splitlines()) == 1  # the good task after it


def test_depth_and_size_limits_name_the_task():
    problems = []
    items = [{"id": 1, "x": [[[[[[1]]]]]]}, {"id": 2, "x": "y" * 5000}, {"id": 3}]
    raw = json.dumps(items).encode()
    got = list(iter_export_stream(io.BytesIO(raw), limits=ReadLimits(max_depth=5, max_task_bytes=1000),
                                  on_problem=problems.append))
    assert got == [{"id": 3}]
    assert [(p.position, p.task_id) for p in problems] == [(1, 1), (2, 2)]
    assert "nested deeper than the limit of 5 levels" in str(problems[0])
    assert "larger than the limit of 1,000 bytes" in str(problems[1])


# ------------------------------------------------------------------------------------------------------------
# One bad task costs only itself, and is named
# ------------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("command", ["pairs", "labels", "sft", "stats"])
def test_annotations_5_is_reported_and_skipped_in_every_exporter(tmp_path, command):
    tasks = [_ranked_task(1), {**_ranked_task(2), "annotations": [5]}, _ranked_task(3)]
    path = tmp_path / "in.json"
    path.write_text(json.dumps(tasks))
    out = ["-o", str(tmp_path / "out.jsonl")] if command != "stats" else ["--json"]
    result = CliRunner().invoke(main, ["export", command, "-i", str(path), *out])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    text = result.stderr + result.stdout
    assert "task 2: annotation #1 is not an object (a JSON number)" in text
    if command != "stats":
        rows = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
        assert {r["task_id"] for r in rows} == {1, 3}


MALFORMED = [  # (task, what the problem says); every one carries SECRET somewhere it could leak from
    ("not a task: " + SECRET, "task #1: not a task object (a JSON string)"),
    ({"id": "x-" + SECRET, "data": {"prompt": SECRET}}, "task #2: the task id is not an integer (a JSON string)"),
    ({"id": 10**30, "data": {"prompt": SECRET}}, "task #3: the task id is not an integer (a JSON number)"),
    ({"id": 4, "data": {"prompt": SECRET}, "annotations": {"a": SECRET}}, "task 4: annotations is not a list"),
    ({**_ranked_task(5, SECRET), "annotations": [SECRET]}, "task 5: annotation #1 is not an object"),
    ({**_ranked_task(6, SECRET), "annotations": [{"result": SECRET}]}, "task 6: annotation #1 result is not a list"),
    ({**_ranked_task(7, SECRET), "annotations": [{"result": [{"value": [SECRET]}]}]},
     "task 7: annotation #1 result #1 value is not an object"),
    ({**_ranked_task(8, SECRET), "annotations": [{"result": [{"from_name": [SECRET], "type": "ranker"}]}]},
     "task 8: annotation #1 result #1 from_name is not a string"),
    ({**_ranked_task(9, SECRET), "annotations": [{"completed_by": SECRET, "result": []}]},
     "task 9: annotation #1 completed_by is not a user id"),
    ({"id": 10, "data": {"prompt": SECRET, "messages": [{"role": "wizard", "content": SECRET}],
                         "outputs": [{"id": "a", "body": "x"}, {"id": "b", "body": "y"}]},
      "annotations": _ranked_task(10)["annotations"]}, "task 10: earlier turn #1 is not a {role, content} message"),
    ({"id": 11, "data": {"prompt": SECRET, "outputs": [{"id": "a", "body": SECRET}, {"id": "a", "body": SECRET}]},
      "annotations": _ranked_task(11)["annotations"]}, "task 11: output #2 has the id of an earlier output"),
    ({"id": 12, "data": {"prompt": SECRET + "\ud800", "outputs": [{"id": "a", "body": "x"}, {"id": "b", "body": "y"}]},
      "annotations": _ranked_task(12)["annotations"]}, "task 12: a text is not valid UTF-8"),
]


def _malformed_file(tmp_path: Path) -> Path:
    items = [task for task, _ in MALFORMED] + [_ranked_task(100)]
    raw = "[" + ", ".join(json.dumps(t) for t in items)
    # a task the decoder refuses (a number of 5,000 digits), then a broken one, then a good one
    raw += ', {"id": 13, "data": {"prompt": "' + SECRET + '"}, "n": ' + "7" * 5000 + "}"
    raw += ', {"id": 14, "data": {"prompt": "' + SECRET + '", }}, ' + json.dumps(_ranked_task(101)) + "]"
    path = tmp_path / "malformed.json"
    path.write_text(raw)
    return path


@pytest.mark.parametrize("command", ["pairs", "labels", "sft", "stats"])
def test_every_malformed_task_is_counted_and_named_and_no_text_leaks(tmp_path, command):
    path = _malformed_file(tmp_path)
    out = ["-o", str(tmp_path / "out.jsonl")] if command != "stats" else ["--json"]
    extra = ["--report"] if command == "pairs" else []
    result = CliRunner().invoke(main, ["export", command, "-i", str(path), *out, *extra])
    assert result.exit_code == 0, result.output
    text = result.stderr + result.stdout
    assert "Traceback" not in text
    for _, expected in MALFORMED[:12] if command == "pairs" else MALFORMED[:9]:
        assert expected in text, (command, expected)
    assert "task #14 (id 13) at byte" in text and "a number with too many digits" in text
    assert "task #15 (id 14) at byte" in text and "broken JSON" in text
    reports = [text]
    if command == "pairs":
        reports += [p.read_text() for p in (tmp_path / "out.report").iterdir() if p.suffix in (".json", ".md")]
        run = json.loads((tmp_path / "out.report" / "run.json").read_text())
        assert run["tasks"] == 16 and run["annotations"] == run["annotations_used"] + sum(
            run["annotations_skipped"].values())
        assert all(p.startswith(("task ", str(path))) for p in run["problems"])
        assert {json.loads(line)["task_id"] for line in (tmp_path / "out.jsonl").read_text().splitlines()} == {100, 101}
    for report in reports:
        assert SECRET not in report


def test_a_broken_task_in_the_middle_costs_only_itself():
    good = [json.dumps(_ranked_task(i)) for i in (1, 2, 3)]
    raw = f'[{good[0]}, {{"id": 9, "data": {{"prompt": "x"}} "oops": 1}}, {good[1]}, {good[2]}]'.encode()
    report = RunReport()
    tasks = iter_export_stream(io.BytesIO(raw), on_problem=report.read_problem)
    write_pairs(tasks, "/dev/null", "trl", report=report)
    assert report.pairs == 3 and report.tasks == 4 and report.tasks_skipped["unreadable task"] == 1
    assert report.input_broken is None
    assert "task #2 (id 9) at byte" in report.problems[0]


@pytest.mark.parametrize("cut", [0.3, 0.6, 0.95])
def test_a_truncated_export_keeps_every_complete_task(tmp_path, cut):
    raw = (TEST_DATA / "export_edge_cases.json").read_bytes()
    cut_at = int(len(raw) * cut)
    complete = [t["id"] for t in EDGE if raw.index(json.dumps(t["id"]).encode()) < cut_at]  # ids appear first
    report = RunReport()
    got = list(iter_export_stream(io.BytesIO(raw[:cut_at]), on_problem=report.read_problem))
    assert [t["id"] for t in got] == [t["id"] for t in EDGE[:len(got)]]
    assert len(complete) - 1 <= len(got) <= len(complete)
    assert report.input_broken and f"task #{len(got) + 1}" in report.input_broken


def test_parquet_with_a_string_task_id_neither_fails_nor_leaves_a_partial(tmp_path):
    tasks = [_ranked_task(1), {**_ranked_task(2), "id": "task-2"}, _ranked_task(3)]
    path = tmp_path / "in.json"
    path.write_text(json.dumps(tasks))
    out = tmp_path / "p.parquet"
    result = CliRunner().invoke(main, ["export", "pairs", "-i", str(path), "-o", str(out), "--parquet"])
    assert result.exit_code == 0, result.output
    assert "task #2: the task id is not an integer (a JSON string)" in result.stderr
    assert pq.read_table(out).column("task_id").to_pylist() == [1, 3]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.json", "p.parquet"]


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_killed_export_leaves_nothing_that_looks_complete(tmp_path, workers):
    """SIGKILL of every process of the export in the middle: no file at the output's name, and the partial file
    fails to parse on line 1."""
    out = tmp_path / "pairs.jsonl"
    task = _ranked_task(1)
    task["data"]["outputs"] = [{"id": f"o{i}", "body": "word " * 200} for i in range(9)]
    task["annotations"][0]["result"][0]["value"]["ranker"] = {f"rank_{i + 1}": [f"o{i}"] for i in range(9)}
    proc = subprocess.Popen([sys.executable, "-m", "labelguide", "export", "pairs", "-i", "-", "-o", str(out),
                             "--workers", workers], stdin=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT,
                            env={**os.environ, "PYTHONPATH": str(ROOT)}, start_new_session=True)
    partial = tmp_path / "pairs.jsonl.partial"
    try:
        proc.stdin.write(b"[")
        for i in range(400):  # about 3 MB of pairs: more than the writer's buffer
            proc.stdin.write((b", " if i else b"") + json.dumps({**task, "id": i + 1}).encode())
        proc.stdin.flush()
        deadline = time.monotonic() + 60
        while (not partial.exists() or partial.stat().st_size < 1 << 20) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert partial.exists() and partial.stat().st_size >= 1 << 20
    finally:
        os.killpg(proc.pid, signal.SIGKILL)  # the export and, with --workers 2, its writing process
        proc.wait(timeout=30)
    assert not out.exists()
    first = partial.read_bytes().split(b"\n", 1)[0]
    assert first.startswith(b"INCOMPLETE")
    with pytest.raises(json.JSONDecodeError):
        json.loads(first)


# ------------------------------------------------------------------------------------------------------------
# Fuzz: the reader
# ------------------------------------------------------------------------------------------------------------

json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-10**20, 10**20), st.floats(allow_nan=False, allow_infinity=False),
              st.text(max_size=12)),
    lambda kids: st.one_of(st.lists(kids, max_size=4), st.dictionaries(st.text(max_size=6), kids, max_size=4)),
    max_leaves=25)


@settings(max_examples=300, deadline=None)
@given(st.lists(json_values, max_size=6), st.integers(0, 3))
def test_fuzz_reader_reads_valid_json_like_json_loads(items, indent):
    raw = json.dumps(items, indent=indent or None).encode()
    problems = []
    got = list(iter_export_stream(io.BytesIO(raw), on_problem=problems.append))
    from exporters.read import nesting_depth

    assert got == [i for i in items if nesting_depth(i) <= 100] and not problems


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400), st.sampled_from([b"[", b"{", b"[{", b""]))
def test_fuzz_reader_never_raises_on_garbage(raw, head):
    problems = []
    start = time.monotonic()
    try:
        items = list(iter_export_stream(io.BytesIO(head + raw), on_problem=problems.append))
    except ExportError as exc:  # only for input that does not start like JSON at all
        assert "not a Label Studio JSON export" in str(exc)
        return
    assert time.monotonic() - start < 2
    assert all(p.position >= 0 and p.offset >= 0 for p in problems)
    assert len(items) + sum(1 for p in problems if p.position and not p.fatal) <= (head + raw).count(b"{") + (
        head + raw).count(b"[") + len(raw)


@settings(max_examples=200, deadline=None)
@given(st.lists(json_values.filter(lambda v: isinstance(v, dict)), min_size=1, max_size=5), st.data())
def test_fuzz_truncation_keeps_the_complete_items(items, data):
    raw = json.dumps(items).encode()
    cut = data.draw(st.integers(1, len(raw) - 1))
    problems = []
    got = list(iter_export_stream(io.BytesIO(raw[:cut]), on_problem=problems.append))
    assert got == items[:len(got)]
    assert problems and problems[-1].fatal


# ------------------------------------------------------------------------------------------------------------
# Fuzz: every exporter over mutated real tasks
# ------------------------------------------------------------------------------------------------------------

@st.composite
def mutated_tasks(draw):
    """Edge-case tasks with random subtrees replaced by random JSON (or a task replaced whole)."""
    tasks = copy.deepcopy(EDGE)
    for _ in range(draw(st.integers(1, 6))):
        i = draw(st.integers(0, len(tasks) - 1))
        node, path = tasks, [i]
        while True:
            child = node[path[-1]]
            keys = list(child) if isinstance(child, dict) else list(range(len(child))) if isinstance(child, list) else []
            if not keys or draw(st.integers(0, 3)) == 0:
                break
            node, path = child, [draw(st.sampled_from(keys))]
        node[path[-1]] = draw(json_values)
    return tasks


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_tasks())
def test_fuzz_every_exporter_survives_mutated_tasks(tmp_path_factory, tasks):
    tmp = tmp_path_factory.mktemp("fuzz")
    for fmt in ("trl", "hh", "grouped"):
        report = write_pairs(tasks, tmp / f"{fmt}.jsonl", fmt, PairOptions(ties="keep"))
        assert report.annotations == report.annotations_used + sum(report.annotations_skipped.values())
        assert report.tasks == len(tasks)
        assert all(p.startswith("task ") for p in report.problems), report.problems
    write_pairs(tasks, tmp / "p.parquet", "trl-chat", PairOptions(aggregate="mean-rank"), parquet=True)
    for interface in ("auto", "comparison"):
        labels = write_labels(tasks, tmp / "l.parquet", interface, parquet=True)
        assert all(p.startswith("task ") for p in labels.problems), labels.problems
    sft = write_sft(tasks, tmp / "s.jsonl", "chat")
    assert sft.tasks == len(tasks)
    collect_stats(tasks)


def test_an_output_that_is_a_pipe_or_device_is_written_in_place_never_renamed_over(tmp_path):
    """``--output /dev/null`` once replaced the machine's /dev/null with a file (NAME.partial renamed over it);
    a named pipe stands in for the device here: it must still be a pipe afterwards, and have got the data."""
    import os
    import stat
    import threading

    from exporters.atomic import PartialFile

    fifo = tmp_path / "out.jsonl"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    f = PartialFile(fifo, mark=True)
    f.write(b'{"prompt": "Hi"}\n')
    f.commit()
    reader.join(timeout=10)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert got == [b'{"prompt": "Hi"}\n']
    assert not (tmp_path / "out.jsonl.partial").exists()
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)  # the test above wrote to /dev/null
