"""JSON arrays (``.json`` starting with ``[``): items split on the array's top-level commas, each parsed alone.

A byte scanner walks the file chunk by chunk, tracking strings (so brackets and commas inside them do not count)
and depth, and hands each top-level item's bytes to the same parser as a JSON line
(:func:`importers.limits.load_json_line`). So a bad item costs only itself (the array goes on after it), an item
deeper than ``max_depth`` or larger than ``max_item_bytes`` is skipped without being held (its bytes are not kept,
only its depth counted), and a truncated file keeps every item before the break. Memory: one item at most, plus
one read chunk. Items are numbered from 1 (a record's ``line`` is its item number); a reason names the physical
line the item starts on, for a pretty-printed file. Unlike a streaming parser's error, no reason quotes text.

    >>> import tempfile, os
    >>> from importers.limits import Limits
    >>> from importers.records import Tally
    >>> p = os.path.join(tempfile.mkdtemp(), "a.json")
    >>> _ = open(p, "w").write('[{"prompt": "a"}, {"prompt": "b" "c"}, {"prompt": "d"}]')
    >>> t = Tally()
    >>> [(n, row["prompt"]) for n, row in json_rows(p, "utf-8", t, Limits())], [str(x) for x in t.problems]
    ([(1, 'a'), (3, 'd')], ["line 2: array item starting on line 1: malformed JSON (Expecting ',' delimiter at column 17)"])
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from pathlib import Path

from importers.containers import READ_CHUNK, _BROKEN, _broken, decode, jsonl_rows, open_binary, type_name
from importers.limits import ItemError, Limits, load_json_line
from importers.records import Tally

_TOKEN = re.compile(rb'"(?:[^"\\]++|\\.)*+(?P<end>"|\\?\Z)|[\[\]{},]', re.S)
_STRING_REST = re.compile(rb'(?:[^"\\]++|\\.)*+(?P<end>"|\\?\Z)', re.S)  # the rest of a string begun earlier


def json_rows(path: Path | str, encoding: str, tally: Tally, limits: Limits) -> Iterator[tuple[int, dict]]:
    """A ``.json`` file: a JSON array (items numbered from 1, reported with the line they start on), else JSONL."""
    path = Path(path)
    try:
        with open_binary(path) as f:
            head = f.read(4096).lstrip(codecs.BOM_UTF8).lstrip()
    except _BROKEN:
        head = b"["  # let the array reader report the break
    if not head.startswith(b"["):
        yield from jsonl_rows(path, encoding, tally, limits)
        return
    for item, line, raw in _array_items(path, tally, limits):
        # Records of an array are numbered by item (``line`` in reports = item number); the physical line where
        # the item starts is named in the reason, for a pretty-printed file.
        tally.count("read")
        where = f"array item starting on line {line:,}"
        if isinstance(raw, ItemError):
            tally.problem("malformed", item, f"{where}: {raw}")
            continue
        text = decode(bytes(raw), encoding, item, tally)
        if text is None:
            continue
        try:
            obj = load_json_line(text, limits)
        except ItemError as exc:
            tally.problem("malformed", item, f"{where}: {exc}")
            continue
        if type(obj) is not dict:
            tally.problem("malformed", item, f"{where} is {type_name(obj)}, expected an object")
            continue
        yield item, obj


class _ArrayScan:
    """State of the top-level array scanner (one item's bytes at most, never the whole file)."""

    def __init__(self, limits: Limits):
        self.limits = limits
        self.depth = 0  # 1 inside the top-level array
        self.item = 0
        self.line = 1
        self.start_line = 1
        self.buf = bytearray()
        self.skip: ItemError | None = None
        self.started = False
        self.in_str = False
        self.esc = False
        self.done = False

    def add(self, piece: bytes) -> None:
        if self.skip is None:
            self.buf += piece
            if len(self.buf) > self.limits.max_item_bytes:
                self.buf = bytearray()
                self.skip = ItemError(f"more than {self.limits.max_item_bytes:,} bytes (--max-item-mb)")

    def begin(self, data: bytes, pos: int, stop: int) -> None:
        """Mark the item as begun at its first non-blank byte in ``data[pos:stop]``."""
        if not self.started:
            piece = data[pos:stop]
            lead = len(piece) - len(piece.lstrip())
            if lead < len(piece):
                self.start_line = self.line + data.count(b"\n", pos, pos + lead)
                self.started = True

    def close(self) -> tuple[int, int, bytearray | ItemError]:
        self.item += 1
        out = (self.item, self.start_line, self.skip or self.buf)
        self.buf, self.skip, self.started = bytearray(), None, False
        return out

    def feed(self, data: bytes) -> Iterator[tuple[int, int, bytearray | ItemError]]:
        pos = 0
        if self.in_str:
            m = _STRING_REST.match(data, 1 if self.esc else 0)
            stop = m.end()
            if self.depth >= 1:
                self.add(data[:stop])
            self.line += data.count(b"\n", 0, stop)
            pos = stop
            self.in_str = m.group("end") != b'"'
            self.esc = m.group("end") == b"\\"
            if self.in_str:
                return
        for m in _TOKEN.finditer(data, pos):
            tok = m.group()
            if self.depth == 0:
                if tok == b"[":
                    self.depth = 1
                self.line += data.count(b"\n", pos, m.end())
                pos = m.end()
                continue
            if self.depth == 1 and tok in (b",", b"]"):
                self.begin(data, pos, m.start())
                if self.started:
                    self.add(data[pos:m.start()])
                    yield self.close()
                elif tok == b",":
                    self.item += 1
                    yield self.item, self.line, ItemError("an empty item (two commas)")
                self.line += data.count(b"\n", pos, m.end())
                pos = m.end()
                if tok == b"]":
                    self.depth, self.done = 0, True
                    return
                continue
            self.begin(data, pos, m.end())
            self.add(data[pos:m.end()])
            self.line += data.count(b"\n", pos, m.end())
            pos = m.end()
            if tok[:1] == b'"':
                if m.group("end") != b'"':  # the string goes on in the next chunk
                    self.in_str, self.esc = True, m.group("end") == b"\\"
                    return
            elif tok in (b"[", b"{"):
                self.depth += 1
                if self.depth - 1 > self.limits.max_depth and self.skip is None:
                    self.buf = bytearray()
                    self.skip = ItemError(f"nested more than {self.limits.max_depth} levels deep (--max-depth)")
            elif tok in (b"]", b"}"):
                if self.depth == 1:  # a "}" closing nothing: the item is broken, the array goes on
                    if self.skip is None:
                        self.skip = ItemError("unbalanced brackets")
                else:
                    self.depth -= 1
        rest = data[pos:]
        if self.depth >= 1 and rest:
            self.begin(data, pos, len(data))
            if self.started:
                self.add(rest)
        self.line += rest.count(b"\n")


def _array_items(path: Path, tally: Tally, limits: Limits) -> Iterator[tuple[int, int, bytearray | ItemError]]:
    """``(item number, line, bytes or the reason it was skipped)`` of each top-level item, in bounded memory."""
    scan = _ArrayScan(limits)
    try:
        with open_binary(path) as f:
            data = f.read(READ_CHUNK)
            if data.startswith(codecs.BOM_UTF8):
                data = data[len(codecs.BOM_UTF8):]
            while data and not scan.done:
                yield from scan.feed(data)
                data = f.read(READ_CHUNK)
    except _BROKEN as exc:
        _broken(path, scan.line, exc, tally)
        return
    if scan.depth >= 1 and not scan.done:
        if scan.started:
            scan.skip = ItemError("the file ends inside this item")
            yield scan.close()
        tally.warn(f"{path.name}: the JSON array is not closed: the items before the end were read")


