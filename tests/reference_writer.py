"""Today's (before issue 15) JSON Lines writer, kept verbatim as the reference the fast encoder must match byte
for byte (``exporters/formats.py`` at commit c340cb8: ``jsonl_lines``, which wrote exactly
``json.dumps(record, ensure_ascii=False) + "\\n"`` per record). Used by tests/test_export_encode.py and by
benchmarks/exporters.py (the same-run baseline)."""

from __future__ import annotations

import json

_encode = json.JSONEncoder(ensure_ascii=False).encode
_KEYS: dict[str, str] = {}


def jsonl_lines(records: list[dict]) -> str:
    """The JSON Lines of ``records``, exactly as ``json.dumps(r, ensure_ascii=False)`` + newline each, but each
    distinct top-level string object is encoded once per call."""
    memo: dict[int, tuple[str, str]] = {}
    memo_get, keys_get, encode = memo.get, _KEYS.get, _encode
    out: list[str] = []
    append = out.append
    for record in records:
        sep = "{"
        for key, value in record.items():
            k = keys_get(key)
            if k is None:
                k = _KEYS.setdefault(key, encode(key) + ": ")
            append(sep)
            append(k)
            sep = ", "
            kind = type(value)
            if kind is str:
                hit = memo_get(id(value))
                if hit is None or hit[0] is not value:
                    hit = memo[id(value)] = (value, encode(value))
                append(hit[1])
            elif kind is int:
                append(int.__repr__(value))
            elif value is None:
                append("null")
            elif kind is bool:
                append("true" if value else "false")
            else:
                append(encode(value))
        append("{}\n" if sep == "{" else "}\n")
    return "".join(out)


def reference_pair_lines(ranked, fmt: str, ties: str = "drop") -> tuple[bytes, bytes, bytes]:
    """The main, side and ties files' bytes of one ranking, written the old way: the records of
    ``exporters.formats`` (the dict builders, the spec of each format) through ``jsonl_lines``."""
    from exporters.formats import PAIR_BUILDERS, SIDE_BUILDERS, pair_to_tie
    from exporters.pairs import ranking_to_pairs

    pairs = ranking_to_pairs(ranked, ties)
    untied = [p for p in pairs if not p.tie]
    main = jsonl_lines([PAIR_BUILDERS[fmt](p) for p in untied]).encode("utf-8")
    side = jsonl_lines([SIDE_BUILDERS[fmt](p) for p in untied]).encode("utf-8") if fmt in SIDE_BUILDERS else b""
    tie = jsonl_lines([pair_to_tie(p, fmt) for p in pairs if p.tie]).encode("utf-8")
    return main, side, tie
