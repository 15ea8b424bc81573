"""Reading prompt files: formats, field mapping, bad input reported with line numbers."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from importers.read import FieldSpec, detect_format, read_records
from importers.records import BadInputError, ImporterError, Tally
from label_config import taxonomy as T

DATA = Path(__file__).resolve().parent / "data"


def _read(path, **kw):
    tally = kw.pop("tally", None) or Tally()
    return list(read_records(path, tally=tally, **kw)), tally


def test_plain_jsonl_fields_users_and_sources():
    records, tally = _read(DATA / "import_prompts.jsonl")
    assert tally.counts["read"] == 12 and tally.counts["records"] == 12
    assert tally.counts["malformed"] == tally.counts["invalid"] == 0
    first = records[0]
    assert first.prompt.startswith("What are 10 science fiction books")
    assert (first.user_id, first.source, first.category, first.line) == ("org-a", "api", "Brainstorming", 1)
    assert records[8].user_id == "42"  # a number becomes a string id
    assert records[9].user_id is None  # no user id
    assert {r.source for r in records} == {"api", "labeler"}


def test_bad_lines_are_reported_with_their_number_counted_and_skipped():
    records, tally = _read(DATA / "import_bad.jsonl")
    assert [r.line for r in records] == [1, 8]
    assert tally.counts["read"] == 7  # the blank line 5 is not a record
    assert tally.counts["malformed"] == 2 and tally.counts["invalid"] == 3
    by_line = {p.line: p for p in tally.problems}
    assert sorted(by_line) == [2, 3, 4, 6, 7]
    assert by_line[2].kind == "malformed" and "malformed JSON" in by_line[2].reason
    assert "'prompt' is a list, expected a string" in by_line[3].reason
    assert "missing field 'prompt'" in by_line[4].reason and "--prompt-field" in by_line[4].reason
    assert "expected a JSON object" in by_line[6].reason
    assert "'user_id' is an object" in by_line[7].reason


def test_strict_stops_at_the_first_bad_line():
    with pytest.raises(BadInputError) as err:
        _read(DATA / "import_bad.jsonl", tally=Tally(strict=True))
    assert err.value.line == 2 and "line 2" in str(err.value)


def test_wrong_encoding_is_a_malformed_line_with_a_hint(tmp_path):
    records, tally = _read(DATA / "import_latin1.jsonl")
    assert [r.line for r in records] == [1, 3]
    (problem,) = tally.problems
    assert problem.line == 2 and "not valid utf-8" in problem.reason and "--encoding" in problem.reason
    assert "caf" not in problem.reason  # a reason never quotes the text
    records, tally = _read(DATA / "import_latin1.jsonl", encoding="latin-1")
    assert len(records) == 3 and records[1].prompt.startswith("Un café crème")


def test_field_mapping_and_csv_line_numbers():
    records, tally = _read(DATA / "import_prompts.csv", fields=FieldSpec(prompt="text", user="org"))
    assert [r.line for r in records] == [2, 3, 5, 6, 8]  # the row at 3 spans lines 3-4
    assert records[1].prompt == "Write a limerick about a cat\nwho loved to nap."
    assert records[0].user_id == "org-1" and records[-1].user_id is None
    assert records[3].prompt == ""  # empty: dropped and counted by normalize
    (problem,) = tally.problems
    assert problem.line == 7 and "4 cells, the header has 3" in problem.reason


def test_missing_mapped_field_names_the_field():
    records, tally = _read(DATA / "import_prompts.csv")
    assert records == [] and tally.counts["invalid"] == 5
    reason = tally.problems[0].reason
    assert "missing field 'prompt' (the object has 3 fields" in reason and "--prompt-field" in reason
    assert not any(name in reason for name in ("text", "org", "category"))  # keys of a line are never quoted


def test_parquet_is_read_in_batches(tmp_path):
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    table = pa.table({
        "prompt": ["Name three rivers.", "Write a tweet about tea."],
        "user_id": [7, None],
        "outputs": [["a", "b", "c", "d"], None],
    })
    path = tmp_path / "prompts.parquet"
    pq.write_table(table, path)
    records, tally = _read(path)
    assert [(r.line, r.user_id) for r in records] == [(1, "7"), (2, None)]
    assert [o.text for o in records[0].outputs] == ["a", "b", "c", "d"] and records[1].outputs == []


def test_json_array_and_gzip(tmp_path):
    rows = [{"prompt": f"Prompt number {i}", "user_id": f"u{i}"} for i in range(3)]
    array = tmp_path / "prompts.json"
    array.write_text(json.dumps(rows, indent=1))
    records, _ = _read(array)
    assert [r.line for r in records] == [1, 2, 3]
    truncated = tmp_path / "truncated.json"
    truncated.write_text(json.dumps(rows)[:-30])
    records, tally = _read(truncated)
    assert len(records) == 2 and tally.counts["malformed"] == 1 and tally.warnings
    gz = tmp_path / "prompts.jsonl.gz"
    with gzip.open(gz, "wt") as f:
        f.write("\n".join(json.dumps(r) for r in rows))
    assert [r.prompt for r in _read(gz)[0]] == [r["prompt"] for r in rows]


def test_chat_logs_take_the_last_user_message():
    records, tally = _read(DATA / "import_chat.jsonl")
    assert [r.prompt for r in records] == ["And how many people live there?",
                                           "Recommend a board game for four players.", "Tell me a joke about cats."]
    assert [t["role"] for t in records[0].context] == ["system", "user", "assistant"]
    assert records[1].context == []
    assert len(records[2].context) == 2  # the trailing assistant turn is not context
    (problem,) = tally.problems
    assert problem.line == 4 and "no user message" in problem.reason


def test_toxicity_pairs_accept_realtoxicityprompts_objects():
    records, _ = _read(DATA / "import_toxicity.jsonl")
    assert records[0].prompt == "The man walked into the bar and"
    assert records[0].continuation == " ordered a glass of water."
    assert records[3].continuation is None


def test_outputs_strings_objects_and_ranks():
    records, _ = _read(DATA / "import_comparisons.jsonl")
    assert [o.model for o in records[0].outputs] == ["davinci", "sft-1.3b", "ppo-1.3b", "ppo-175b"]
    assert [o.model for o in records[1].outputs] == [""] * 5  # "completions", plain strings
    assert [o.rank for o in records[2].outputs] == [2, 0, 3, 1] and records[2].rank_source == "imported-rank"


def test_bad_outputs_are_invalid(tmp_path):
    path = tmp_path / "bad_outputs.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in (
        {"prompt": "p1", "outputs": "not a list"},
        {"prompt": "p2", "outputs": ["ok", 3]},
        {"prompt": "p3", "outputs": [{"text": "x", "rank": "first"}]},
    )) + "\n")
    records, tally = _read(path)
    assert records == [] and [p.line for p in tally.problems] == [1, 2, 3]
    assert "outputs item 2 is a number" in tally.problems[1].reason


def test_task_files_read_back_keep_external_id_and_models(tmp_path):
    task = {"data": {T.PROMPT: "Q?", T.EXTERNAL_ID: "abc", T.SPLIT: "valid", T.SOURCE: "api",
                     T.OUTPUTS: [{T.OUTPUT_ID: "o0", T.OUTPUT_TITLE: "Output A", T.OUTPUT_BODY: "x"},
                                 {T.OUTPUT_ID: "o1", T.OUTPUT_TITLE: "Output B", T.OUTPUT_BODY: "y"}],
                     T.MODELS: {"o0": "m-a", "o1": "m-b"}}}
    path = tmp_path / "train.jsonl"
    path.write_text(json.dumps(task) + "\n")
    (record,), _ = _read(path)
    assert (record.external_id, record.split, record.source) == ("abc", "valid", "api")
    assert [(o.model, o.text) for o in record.outputs] == [("m-a", "x"), ("m-b", "y")]


def test_streaming_reads_lazily(tmp_path):
    path = tmp_path / "lazy.jsonl"
    path.write_text('{"prompt": "first"}\n{broken\n')
    tally = Tally()
    stream = read_records(path, tally=tally)
    assert next(stream).prompt == "first" and tally.counts["malformed"] == 0  # line 2 not read yet
    assert list(stream) == [] and tally.counts["malformed"] == 1


def test_unknown_extension_and_missing_file(tmp_path):
    (tmp_path / "x.txt").write_text("hi")
    with pytest.raises(ImporterError, match="--format"):
        list(read_records(tmp_path / "x.txt"))
    with pytest.raises(ImporterError, match="no such file"):
        list(read_records(tmp_path / "nope.jsonl"))
    assert detect_format(Path("a.ndjson")) == "jsonl"
