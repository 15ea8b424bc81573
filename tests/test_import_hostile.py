"""Hostile and careless input: every bad item costs only itself, memory and time stay bounded, no text leaks.

The reproducers of issue 10 as tests: a 5,000-digit user id, a line nested 1,500 (and 100,000) deep, a lone
surrogate, an OpenAssistant node whose ``replies`` is not a list, a corrupt Parquet row group, a non-gzip
``.gz``, a truncated gzip, an unterminated CSV quote; each asserts the exact rows kept and the line reported.
"""

from __future__ import annotations

import gzip
import json
import logging
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from importers.limits import Limits
from importers.pipeline import ImportOptions, prepare_tasks
from importers.read import read_records
from importers.records import Tally

ROOT = Path(__file__).resolve().parents[1]
SECRET = "Zyx Secretname"  # planted in values and keys: must never reach a reason, a log line or the report


def _read(path, **kw):
    tally = Tally()
    return list(read_records(path, tally=tally, **kw)), tally


def _lines(path: Path, rows: list) -> Path:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows), encoding="utf-8")
    return path


def _reasons(tally: Tally) -> dict[int, str]:
    return {p.line: p.reason for p in tally.problems}


def test_each_bad_line_is_reported_and_skipped_the_rest_goes_through(tmp_path):
    deep = '{"prompt": "deep", "x": ' + "[" * 1500 + "]" * 1500 + "}"
    path = _lines(tmp_path / "bad.jsonl", [
        {"prompt": "ok 1", "user_id": "u1"},
        '{"prompt": "big id", "user_id": ' + "7" * 5000 + "}",
        deep,
        '{"prompt": "lone \\ud800 surrogate", "user_id": "u3"}',
        '{"prompt": "a fine pair \\ud83d\\ude00", "user_id": "u4"}',
        {"prompt": "long id", "user_id": "u" * 5000},
        {"prompt": "float id", "user_id": 1e308},
        {"prompt": "ok 2", "user_id": 12},
    ])
    records, tally = _read(path)
    assert [r.prompt for r in records] == ["ok 1", "a fine pair \U0001F600", "float id", "ok 2"]
    reasons = _reasons(tally)
    assert sorted(reasons) == [2, 3, 4, 6]
    assert "5,000 digits" in reasons[2]
    assert "nested 1,501 levels deep" in reasons[3] and "--max-depth" in reasons[3]
    assert "lone surrogate" in reasons[4]
    assert "5,000 characters" in reasons[6]
    assert records[2].user_id and len(records[2].user_id) < 30


def test_a_100000_deep_line_and_array_stay_within_a_memory_cap(tmp_path):
    """Under RLIMIT_AS (address space) of 1.5 GB, far below what a quadratic parse needed (22.9 GB)."""
    depth = 100_000
    jsonl = tmp_path / "deep.jsonl"
    jsonl.write_text('{"prompt": "a"}\n{"prompt": "b", "x": ' + "[" * depth + "]" * depth + '}\n{"prompt": "c"}\n')
    array = tmp_path / "deep.json"
    array.write_text('[{"prompt": "a"}, {"prompt": "b", "x": ' + "[" * depth + "]" * depth + '}, {"prompt": "c"}]')
    csv_file = tmp_path / "deep.csv"
    csv_file.write_text('prompt,outputs\na,\nb,"' + "[" * depth + "]" * depth + '"\nc,\n')
    script = textwrap.dedent(f"""
        import json, resource, sys, time
        resource.setrlimit(resource.RLIMIT_AS, (1536 * 2**20, 1536 * 2**20))
        from importers.read import read_records
        from importers.records import Tally
        out = {{}}
        for name in ({str(jsonl)!r}, {str(array)!r}, {str(csv_file)!r}):
            t = Tally(); t0 = time.perf_counter()
            prompts = [r.prompt for r in read_records(name, tally=t)]
            out[name] = [prompts, [p.line for p in t.problems], time.perf_counter() - t0]
        # VmHWM: this process's own peak (ru_maxrss would keep the forking pytest's peak across exec)
        hwm = [l for l in open("/proc/self/status") if l.startswith("VmHWM:")][0]
        out["peak_mb"] = int(hwm.split()[1]) / 1024
        print(json.dumps(out))
    """)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=120,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert proc.returncode == 0, proc.stderr[-2000:]
    out = json.loads(proc.stdout)
    for name, line in ((str(jsonl), 2), (str(array), 2), (str(csv_file), 3)):
        prompts, lines, seconds = out[name]
        assert prompts == ["a", "c"] and lines == [line], (name, out[name])
        assert seconds < 5
    assert out["peak_mb"] < 400


def test_openassistant_node_with_bad_replies_costs_only_its_subtree(tmp_path):
    good = {"role": "assistant", "text": "fine", "rank": 0, "replies": [
        {"role": "prompter", "text": "follow-up", "replies": 7}]}
    tree = {"message_tree_id": "t1", "prompt": {"role": "prompter", "text": "root question", "replies": [
        good, "not an object", {"role": "assistant", "text": "second", "rank": 1, "replies": []}]}}
    path = _lines(tmp_path / "tree.jsonl", [tree, {"message_tree_id": "t2", "prompt": {
        "role": "prompter", "text": "other tree", "replies": []}}])
    records, tally = _read(path)
    assert [r.prompt for r in records] == ["root question", "follow-up", "other tree"]
    assert [o.text for o in records[0].outputs] == ["fine", "second"]
    reasons = [p.reason for p in tally.problems]
    assert any("message 1.1.1 (depth 3): 'replies' is a number" in r for r in reasons)
    assert any("message 1.2 (depth 2) is a string" in r for r in reasons)


def test_corrupt_parquet_row_group_keeps_the_good_groups(tmp_path):
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    path = tmp_path / "p.parquet"
    table = pa.table({"prompt": [f"prompt number {i:03d} " + "x" * 200 for i in range(300)],
                      "user_id": [f"u{i}" for i in range(300)]})
    pq.write_table(table, path, row_group_size=100, compression="NONE", use_dictionary=False)
    meta = pq.ParquetFile(path).metadata
    col = meta.row_group(1).column(0)
    start = col.data_page_offset
    assert start + col.total_compressed_size <= meta.row_group(1).column(1).data_page_offset
    blob = bytearray(path.read_bytes())
    blob[start:start + col.total_compressed_size] = b"\xff" * col.total_compressed_size  # trash group 2's page
    path.write_bytes(bytes(blob))
    records, tally = _read(path)
    assert [r.line for r in records] == list(range(1, 101)) + list(range(201, 301))
    (problem,) = tally.problems
    assert problem.line == 101 and "row group 2" in problem.reason and "rows 101-200" in problem.reason
    assert tally.counts["read"] == 300 and tally.counts["malformed"] == 100


def test_non_gzip_and_truncated_gzip_keep_what_was_read(tmp_path):
    fake = tmp_path / "fake.jsonl.gz"
    fake.write_text('{"prompt": "plain text, not gzip"}\n')
    records, tally = _read(fake)
    assert records == [] and "not a gzip file" in tally.problems[0].reason
    rows = [{"prompt": f"prompt {i} " + "y" * 50, "user_id": f"u{i}"} for i in range(2000)]
    good = tmp_path / "good.jsonl.gz"
    with gzip.open(good, "wt") as f:
        f.write("".join(json.dumps(r) + "\n" for r in rows))
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    records, tally = _read(cut)
    assert 100 < len(records) < 2000
    assert [r.prompt for r in records] == [r["prompt"] for r in rows[: len(records)]]
    assert tally.problems[-1].line == len(records) + 1 and tally.warnings


def test_unterminated_csv_quote_is_reported_where_it_starts_without_swallowing_rows(tmp_path):
    path = tmp_path / "q.csv"
    path.write_text('prompt,user_id\n'
                    'first row,u1\n'
                    '"an unterminated quote,u2\n'
                    'third row,u3\n'
                    '"a real\nmulti-line cell",u4\n'
                    'fifth row,u5\n')
    records, tally = _read(path)
    assert [(r.prompt, r.line) for r in records] == [("first row", 2), ("third row", 4),
                                                     ("a real\nmulti-line cell", 5), ("fifth row", 7)]
    (problem,) = tally.problems
    assert problem.line == 3 and "quote" in problem.reason


def test_json_array_bad_items_cost_only_themselves(tmp_path):
    path = tmp_path / "a.json"
    path.write_text('[\n{"prompt": "one"},\n{"prompt": "two" "bad"},\n7,\n{"prompt": "four", "user_id": '
                    + "1" * 300 + '},\n{"prompt": "five"}\n]')
    records, tally = _read(path)
    assert [(r.prompt, r.line) for r in records] == [("one", 1), ("five", 5)]
    reasons = _reasons(tally)
    assert sorted(reasons) == [2, 3, 4] and "starting on line 3" in reasons[2] and "100 digits" not in reasons[4]
    big = tmp_path / "big.json"
    big.write_text('[{"prompt": "small"}, {"prompt": "' + "z" * 5000 + '"}, {"prompt": "after"}]')
    records, tally = _read(big, limits=Limits(max_item_bytes=1000))
    assert [r.prompt for r in records] == ["small", "after"] and "bytes" in tally.problems[0].reason


def test_no_text_or_key_reaches_reasons_logs_or_the_report(tmp_path, caplog):
    path = _lines(tmp_path / "leaky.jsonl", [
        {SECRET: "x", "user_id": "u1"},                        # missing prompt, a PII-bearing key
        '{"prompt": "' + SECRET + '", "user_id": "u2" oops}',  # malformed JSON around the text
        {"prompt": SECRET, "user_id": {SECRET: 1}},            # a user id of the wrong type
        {"prompt": SECRET, "outputs": [{SECRET: SECRET}]},     # an output without text
        {"messages": [{"role": "user", "content": SECRET}, {"role": SECRET, "content": "x"}], "user_id": "u3"},
        {"prompt": {"text": 5}, SECRET: SECRET},
        '{"prompt": "' + SECRET + ' \\udc00"}',
    ])
    array = tmp_path / "leaky.json"
    array.write_text('[{"prompt": "' + SECRET + '", "x": tru}, {"' + SECRET + '": 1}]')
    caplog.set_level(logging.DEBUG)
    out = tmp_path / "out"
    report = prepare_tasks(path, out, ImportOptions(interface="comparison", pii="keep"), allow_empty=True)
    report2 = prepare_tasks(array, tmp_path / "out2", ImportOptions(pii="keep"), allow_empty=True)
    assert report.counts["invalid"] + report.counts["malformed"] == 7
    assert report2.counts["invalid"] + report2.counts["malformed"] == 2
    for text in (caplog.text, (out / "report.json").read_text(), (tmp_path / "out2" / "report.json").read_text()):
        assert SECRET not in text and SECRET.lower() not in text.lower()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(st.one_of(
    st.binary(max_size=200),
    st.text(max_size=200).map(lambda s: s.encode("utf-8", "surrogatepass")),
    st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=30),
                 lambda kids: st.lists(kids, max_size=4) | st.dictionaries(
                     st.sampled_from(["prompt", "user_id", "outputs", "messages", "data", "continuation",
                                      "replies", "role", "text", "rank", "model", "completions", "external_id"]),
                     kids, max_size=5), max_leaves=25).map(lambda v: json.dumps(v).encode()),
), max_size=12), ext=st.sampled_from(["jsonl", "json", "csv", "tsv"]))
def test_fuzzed_files_never_raise_and_every_line_is_accounted_for(tmp_path_factory, lines, ext):
    path = tmp_path_factory.mktemp("fuzz") / f"f.{ext}"
    body = b"\n".join(line.replace(b"\n", b" ") for line in lines)
    if ext == "json":
        body = b"[" + b",\n".join(line.replace(b"\n", b" ") for line in lines) + b"]"
    elif ext in ("csv", "tsv"):
        body = b"prompt,outputs\n" + body if ext == "csv" else b"prompt\toutputs\n" + body
    path.write_bytes(body)
    t0 = time.perf_counter()
    tally = Tally()
    records = list(read_records(path, tally=tally))
    assert time.perf_counter() - t0 < 5
    for r in records:
        assert isinstance(r.prompt, str)
        r.prompt.encode("utf-8")  # never a lone surrogate downstream
    report = prepare_tasks(path, tmp_path_factory.mktemp("fuzz-out"), ImportOptions(pii="keep"), allow_empty=True)
    assert report.counts["tasks"] <= report.counts["records"]


cells = st.text(alphabet=st.sampled_from(list('ab ,"\n\t\'x')), max_size=12)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.tuples(cells.filter(lambda c: c.strip()), cells), min_size=1, max_size=8))
def test_well_formed_csv_with_quotes_and_newlines_reads_back_exactly(tmp_path_factory, rows):
    """A file csv.writer wrote (quoted cells across lines included) is never mistaken for a broken quote."""
    import csv as csv_module
    import io

    buf = io.StringIO()
    writer = csv_module.writer(buf, lineterminator="\n")
    writer.writerow(["prompt", "user_id"])
    writer.writerows(rows)
    path = tmp_path_factory.mktemp("csv") / "ok.csv"
    path.write_text(buf.getvalue(), encoding="utf-8")
    tally = Tally()
    records = list(read_records(path, tally=tally))
    expected = [(p, u.strip() or None) for p, u in rows]
    assert [(r.prompt, r.user_id) for r in records] == expected and tally.problems == []


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(st.text(alphabet=st.sampled_from(list('ab,"x ')), max_size=10), max_size=10))
def test_broken_csv_quoting_never_raises_and_rows_keep_their_lines(tmp_path_factory, lines):
    path = tmp_path_factory.mktemp("csv") / "bad.csv"
    path.write_text("prompt,user_id\n" + "\n".join(lines) + "\n", encoding="utf-8")
    tally = Tally()
    records = list(read_records(path, tally=tally))
    assert all(2 <= r.line <= len(lines) + 1 for r in records)
    assert len({r.line for r in records}) == len(records)  # one record per starting line at most
