"""White space normalisation and empty prompts."""

from __future__ import annotations

from importers.normalize import normalize_records, normalize_text
from importers.records import Output, Record, Tally


def test_normalize_text_keeps_layout_but_cleans_white_space():
    assert normalize_text("a\r\nb\rc") == "a\nb\nc"
    assert normalize_text("x\u00a0y\u2009z") == "x y z"
    assert normalize_text("zero\u200bwidth\ufeff") == "zerowidth"
    assert normalize_text("line  \nnext\t\n") == "line\nnext"
    assert normalize_text("a\n\n\n\n\nb") == "a\n\nb"
    assert normalize_text("def f():\n    return 1") == "def f():\n    return 1"  # indentation kept
    assert normalize_text("cafe\u0301") == "caf\u00e9"  # NFC
    assert normalize_text("ctrl\x00\x07char") == "ctrlchar"
    assert normalize_text("already clean") == "already clean"


def test_normalize_records_drops_and_counts_empty_prompts():
    tally = Tally()
    records = [Record(" keep \r\n"), Record("\u200b \n\t"), Record(""),
               Record("x", context=[{"role": "user", "content": " y "}], outputs=[Output(" o ")], continuation=" c ")]
    out = list(normalize_records(records, tally))
    assert [r.prompt for r in out] == ["keep", "x"]
    assert out[1].context[0]["content"] == "y" and out[1].outputs[0].text == "o" and out[1].continuation == "c"
    assert tally.counts["empty"] == 2
