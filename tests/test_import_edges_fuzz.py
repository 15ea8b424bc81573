"""Prompt logs with hostile lines among good ones (hypothesis): byte order marks at the start of any line (files
joined with ``cat``), NUL bytes raw and escaped, invalid UTF-8, lines over the size limit, deep nesting, and a CSV
header of a million columns. Every good line is read, every bad one is reported with its line number and costs
only itself, no reason quotes the line, and a header far too wide is refused before any row is built.

test_import_hostile.py fuzzes random bytes and JSON (nothing raises); here the accounting is exact.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from importers.limits import Limits
from importers.read import read_records
from importers.records import ImporterError, Tally

SECRET = "Zyx Secretname"
LIMITS = Limits(max_depth=50, max_item_bytes=4096)
BOM = b"\xef\xbb\xbf"

# (line, good?) : a good line holds a prompt; a bad line is reported
GOOD = st.integers(0, 10**6).map(lambda n: (json.dumps({"prompt": f"prompt {n}", "user_id": f"u{n % 7}"}).encode(),
                                            True))
BAD = st.sampled_from([
    (b'{"prompt": "' + SECRET.encode() + b'\x00"}', False),  # a raw NUL inside a string: not JSON
    (b'{"prompt": "' + SECRET.encode() + b'\xff\xfe"}', False),  # not UTF-8
    (b'{"prompt": "' + SECRET.encode() * 400 + b'"}', False),  # over max_item_bytes
    (b'{"prompt": ' + b"[" * 60 + b'"' + SECRET.encode() + b'"' + b"]" * 60 + b"}", False),  # too deep
    (b'{"prompt": "' + SECRET.encode() + b'"', False),  # cut short
    (b'["' + SECRET.encode() + b'"]', False),  # not an object
    (b'{"prompt": 5, "note": "' + SECRET.encode() + b'"}', False),  # a prompt that is no text
])


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(st.tuples(GOOD | BAD, st.booleans()), min_size=1, max_size=12))
def test_every_good_jsonl_line_is_read_and_every_bad_one_named(tmp_path_factory, lines):
    """A BOM before any line (``cat a.jsonl b.jsonl``) is no part of it."""
    path = tmp_path_factory.mktemp("edges") / "log.jsonl"
    path.write_bytes(b"\n".join((BOM if bom else b"") + raw for (raw, _), bom in lines) + b"\n")
    tally = Tally()
    records = list(read_records(path, tally=tally, limits=LIMITS))
    good_lines = [n for n, ((_, good), _) in enumerate(lines, 1) if good]
    bad_lines = [n for n, ((_, good), _) in enumerate(lines, 1) if not good]
    assert [r.line for r in records] == good_lines
    assert all(r.prompt.startswith("prompt ") for r in records)
    assert sorted(p.line for p in tally.problems) == bad_lines
    for p in tally.problems:
        assert SECRET not in p.reason and "Secretname" not in p.reason, p.reason
        assert " at at " not in p.reason, p.reason


def test_an_escaped_nul_is_dropped_from_the_prompt(tmp_path):
    """``\\u0000`` is valid JSON; Label Studio's PostgreSQL cannot store it in a task: it never reaches a task."""
    from importers.normalize import normalize_text

    path = tmp_path / "nul.jsonl"
    path.write_text('{"prompt": "a\\u0000b"}\n')
    records = list(read_records(path, tally=Tally()))
    assert "\x00" not in normalize_text(records[0].prompt)


@pytest.mark.parametrize("columns", [1_000_000])
def test_a_csv_header_of_a_million_columns_is_refused_naming_the_header(tmp_path, columns):
    path = tmp_path / "wide.csv"
    path.write_text("prompt," + ",".join(f"c{i}" for i in range(columns)) + "\n" + "hi," + "," * (columns - 1) + "\n")
    with pytest.raises(ImporterError, match=r"wide.csv: the header line has 1,000,001 columns \(at most 10,000\)"):
        list(read_records(path, tally=Tally()))


def test_a_csv_row_of_a_million_cells_costs_only_itself(tmp_path):
    path = tmp_path / "row.csv"
    path.write_text("prompt,user_id\nhello," + "x," * 1_000_000 + "\nfine,u1\n")
    tally = Tally()
    records = list(read_records(path, tally=tally))
    assert [(r.line, r.prompt) for r in records] == [(3, "fine")]
    assert [(p.line, p.reason) for p in tally.problems] == [(2, "1,000,002 cells, the header has 2")]


def test_a_bom_before_a_csv_header_and_a_tsv_header(tmp_path):
    for name, sep in (("b.csv", ","), ("b.tsv", "\t")):
        path = tmp_path / name
        path.write_bytes(BOM + f"prompt{sep}user_id\nhi{sep}u1\n".encode())
        records = list(read_records(path, tally=Tally()))
        assert [(r.prompt, r.user_id) for r in records] == [("hi", "u1")]
