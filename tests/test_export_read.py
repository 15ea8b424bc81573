"""Reading exports as a stream: JSON array, JSON Lines, one object; chunked downloads; memory stays flat; broken
input is a clear error. Also runs every exporters module's docstring examples."""

from __future__ import annotations

import doctest
import importlib
import io
import json
import pkgutil
import tracemalloc
from types import SimpleNamespace

import pytest

import exporters
from exporters.errors import ExportError
from exporters.pull import ALL_ANNOTATIONS, ChunkReader, iter_project_tasks
from exporters.read import iter_export_file, iter_export_stream

from conftest import TEST_DATA


def _tasks(raw: bytes) -> list[dict]:
    return list(iter_export_stream(io.BytesIO(raw)))


def test_array_jsonl_single_object_bom_and_empty():
    tasks = [{"id": 1, "data": {"prompt": "é", "x": 0.5}}, {"id": 2, "data": {}}]
    as_array = json.dumps(tasks).encode()
    assert _tasks(as_array) == tasks
    assert _tasks(b"\n".join(json.dumps(t).encode() for t in tasks) + b"\n") == tasks
    assert _tasks(json.dumps(tasks[0]).encode()) == [tasks[0]]
    assert _tasks(b"\xef\xbb\xbf" + as_array) == tasks
    assert _tasks(b"  \n") == []
    assert isinstance(_tasks(as_array)[0]["data"]["x"], float)  # never Decimal


def test_a_real_export_file_reads_like_json_load():
    path = TEST_DATA / "export_rlhf_slice.json"
    assert list(iter_export_file(path)) == json.loads(path.read_text())


@pytest.mark.parametrize("raw,message", [
    (b'[{"id": 1}, {"id": 2', r"task #2 at byte 12: the input ends inside this task \(truncated\?\)"),
    (b'[{"id": 1}, {"id": 2,, "x": 3}]', r"task #2 \(id 2\) at byte 12: broken JSON"),
    (b"<html>502 Bad Gateway</html>", "not a Label Studio JSON export"),
])
def test_broken_input_is_a_clear_error(raw, message):
    with pytest.raises(ExportError, match=message):
        _tasks(raw)


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(ExportError, match="cannot read"):
        list(iter_export_file(tmp_path / "nope.json"))


def test_chunks_split_anywhere_parse_the_same():
    raw = json.dumps([{"id": i, "data": {"prompt": "naïve ☕ " * i}} for i in range(50)]).encode()
    for size in (1, 3, 7, 4096):
        chunks = [raw[i:i + size] for i in range(0, len(raw), size)]
        assert list(iter_export_stream(io.BufferedReader(ChunkReader(iter(chunks))))) == json.loads(raw)


def _generated_export(n_tasks: int, text_words: int = 100):
    """A Label Studio export produced chunk by chunk: never held whole by anyone."""
    body = " ".join(["word"] * text_words)
    yield b"["
    for i in range(n_tasks):
        task = {"id": i, "data": {"prompt": f"prompt {i}", "outputs": [{"id": f"o{k}", "body": body} for k in range(9)]},
                "annotations": []}
        yield (b"," if i else b"") + json.dumps(task).encode()
    yield b"]"


def test_memory_stays_flat_while_reading_a_large_stream():
    n = 4000  # about 22 MB of JSON
    tracemalloc.start()
    try:
        count = 0
        for task in iter_export_stream(io.BufferedReader(ChunkReader(_generated_export(n)))):
            count += 1
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == n
    assert peak < 3 * 1024 * 1024, f"peak {peak / 1e6:.1f} MB while streaming"


class _FakeExports:
    def __init__(self, payload: bytes) -> None:
        self.payload = payload
        self.created_with: dict = {}
        self.polls = 0

    def create(self, id, **kwargs):
        self.created_with = dict(kwargs, id=id)
        return SimpleNamespace(id=77)

    def get(self, id, export_pk):
        self.polls += 1
        return SimpleNamespace(status="completed" if self.polls > 1 else "in_progress")

    def download(self, id, export_pk, export_type):
        assert (id, export_pk, export_type) == (5, 77, "JSON")
        return (self.payload[i:i + 10] for i in range(0, len(self.payload), 10))


def test_project_export_asks_for_every_annotation_and_streams_the_download():
    tasks = json.loads((TEST_DATA / "export_edge_cases.json").read_text())
    exports = _FakeExports(json.dumps(tasks).encode())
    ls = SimpleNamespace(projects=SimpleNamespace(exports=exports))
    assert list(iter_project_tasks(5, ls=ls)) == tasks
    assert exports.created_with["annotation_filter_options"] == ALL_ANNOTATIONS
    assert ALL_ANNOTATIONS == {"usual": True, "ground_truth": True, "skipped": True}


def test_project_export_failure_is_an_export_error():
    exports = _FakeExports(b"[]")
    exports.get = lambda id, export_pk: SimpleNamespace(status="failed")
    ls = SimpleNamespace(projects=SimpleNamespace(exports=exports))
    with pytest.raises(ExportError, match="failed on the server"):
        list(iter_project_tasks(5, ls=ls))


@pytest.mark.parametrize("name", sorted(m.name for m in pkgutil.iter_modules(exporters.__path__)))
def test_docstring_examples(name):
    module = importlib.import_module(f"exporters.{name}")
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0
