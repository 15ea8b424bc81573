"""The fast JSON Lines encoder writes exactly the bytes of today's writer (tests/reference_writer.py, kept
verbatim): on every real export shared with the project, on the benchmark's generated export, and on generated
rankings with hostile texts and numbers (hypothesis)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exporters.encode import BadText, jsonl_record, pair_lines
from exporters.formats import FORMATS
from exporters.pair_files import write_pairs
from exporters.pairs import PairOptions, RankedTask, iter_ranked_tasks
from exporters.rankings import Ranking
from exporters.read import iter_export_file
from exporters.tasks import Output
from reference_writer import jsonl_lines, reference_pair_lines

from conftest import ROOT, SHARED_DATA, TEST_DATA

PAIR_FORMATS = [f for f in FORMATS if f != "grouped"]


def _real_exports() -> list[tuple[str, list]]:
    from test_export_pairs import OASST, oasst_tasks

    found = [(p.name, list(iter_export_file(p))) for p in sorted(TEST_DATA.glob("export_*.json"))]
    rlhf = SHARED_DATA / "labelstudio" / "humansignal_rlhf_ls_output_data.json"
    if rlhf.exists():
        found.append((rlhf.name, list(iter_export_file(rlhf))))
    if OASST.exists():
        found.append(("oasst_en_100_trees (as a comparison export)", oasst_tasks()))
    return found


def _benchmark_export(tmp_path: Path, n: int = 300) -> list:
    spec = importlib.util.spec_from_file_location("bench_exporters", ROOT / "benchmarks" / "exporters.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    path = tmp_path / "bench.json"
    bench.generate_export(path, n)
    return list(iter_export_file(path))


def _reference_files(tasks, fmt: str, options: PairOptions) -> tuple[bytes, bytes, bytes]:
    main = side = ties = b""
    for ranked in iter_ranked_tasks(tasks, options):
        m, s, t = reference_pair_lines(ranked, fmt, options.ties)
        main, side, ties = main + m, side + s, ties + t
    return main, side, ties


def _check_export(tmp_path: Path, tasks: list, label: str) -> int:
    checked = 0
    for fmt in FORMATS:
        for options in (PairOptions(), PairOptions(ties="keep"), PairOptions(aggregate="mean-rank", ties="keep")):
            out = tmp_path / f"{fmt}.jsonl"
            write_pairs(tasks, out, fmt, options)
            if fmt == "grouped":
                from exporters.formats import ranked_to_grouped

                expected = jsonl_lines([ranked_to_grouped(r) for r in iter_ranked_tasks(tasks, options)]).encode()
                assert out.read_bytes() == expected, (label, fmt, options)
                continue
            main, side, ties = _reference_files(tasks, fmt, options)
            assert out.read_bytes() == main, (label, fmt, options)
            if side:
                assert (tmp_path / f"{fmt}.meta.jsonl").read_bytes() == side, (label, fmt, options)
            if options.ties == "keep":
                assert (tmp_path / f"{fmt}.ties.jsonl").read_bytes() == ties, (label, fmt, options)
            checked += main.count(b"\n")
    return checked


def test_byte_identical_to_the_old_writer_on_every_real_export(tmp_path):
    exports = _real_exports()
    assert len(exports) >= 4
    total = sum(_check_export(tmp_path, tasks, name) for name, tasks in exports)
    assert total > 1000


def test_byte_identical_to_the_old_writer_on_the_benchmark_export(tmp_path):
    assert _check_export(tmp_path, _benchmark_export(tmp_path), "benchmark") > 0


# ------------------------------------------------------------------------------------------------------------
# Generated rankings: every code point class, floats and ints, ties, missing models/ratings/splits
# ------------------------------------------------------------------------------------------------------------

texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
numbers = st.one_of(st.none(), st.integers(-10**12, 10**12), st.floats(-1e15, 1e15, allow_nan=False))


@st.composite
def rankings(draw):
    k = draw(st.integers(1, 6))
    ids = draw(st.lists(texts, min_size=k, max_size=k, unique=True))
    outputs = {oid: Output(i, oid, draw(texts), draw(st.one_of(st.none(), texts))) for i, oid in enumerate(ids)}
    rank_values = st.one_of(st.integers(1, 4), st.floats(1, 4, allow_nan=False).map(lambda x: round(x * 2) / 2))
    ranks = {oid: draw(rank_values) for oid in ids if draw(st.booleans()) or oid == ids[0]}
    likert = {oid: v for oid in ids if (v := draw(numbers)) is not None}
    # as exporters.tasks.task_history builds them: role first, then content
    history = draw(st.lists(st.tuples(st.sampled_from(["user", "assistant", "system"]), texts).map(
        lambda rc: {"role": rc[0], "content": rc[1]}), max_size=3))
    return RankedTask(draw(st.one_of(st.none(), st.integers(-2**63, 2**63 - 1))),
                      draw(st.one_of(st.none(), st.integers(0, 10**6))), draw(texts), history, outputs,
                      Ranking(ranks), likert, draw(st.one_of(st.none(), texts)))


@settings(max_examples=400, deadline=None)
@given(rankings(), st.sampled_from(PAIR_FORMATS), st.booleans())
def test_property_pair_lines_equal_the_reference(ranked, fmt, keep):
    lines = pair_lines(ranked, fmt, keep)
    main, side, ties = reference_pair_lines(ranked, fmt, "keep" if keep else "drop")
    assert lines.main == main and lines.meta == side and lines.ties == (ties if keep else b"")
    assert lines.n_main == main.count(b"\n") and (not keep or lines.n_ties == ties.count(b"\n"))
    for line in (lines.main + lines.meta + lines.ties).splitlines():
        json.loads(line)


@settings(max_examples=200, deadline=None)
@given(st.recursive(st.one_of(st.none(), st.booleans(), numbers, texts),
                    lambda kids: st.one_of(st.lists(kids, max_size=3), st.dictionaries(texts, kids, max_size=3)),
                    max_leaves=12))
def test_property_jsonl_record_equals_json_dumps(value):
    record = {"v": value}
    assert jsonl_record(record) == jsonl_lines([record]).encode("utf-8")


def test_a_lone_surrogate_is_a_bad_text_not_a_crash():
    outputs = {"a": Output(0, "a", "fine"), "b": Output(1, "b", "bad \ud800")}
    ranked = RankedTask(1, 1, "p", [], outputs, Ranking({"a": 1, "b": 2}), {}, None)
    for fmt in PAIR_FORMATS:
        with pytest.raises(BadText):
            pair_lines(ranked, fmt)
    with pytest.raises(BadText):
        jsonl_record({"x": "\udcff"})
