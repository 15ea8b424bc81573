"""Read Label Studio tasks as a stream from a JSON export: bounded memory and time whatever the file holds.

A Label Studio JSON export is one array of tasks. It is cut into items as it is read and each item is parsed on
its own with the standard library's C decoder, so a 2 GB export is never held in memory, and one bad item costs
only itself. JSON Lines (one task a line) and a single task object are read too::

    >>> import io
    >>> export = b'[{"id": 1, "data": {"prompt": "Hi"}, "annotations": []}, {"id": 2, "data": {}}]'
    >>> [task["id"] for task in iter_export_stream(io.BytesIO(export))]
    [1, 2]
    >>> [task["id"] for task in iter_export_stream(io.BytesIO(b'{"id": 3}\\n{"id": 4}\\n'))]
    [3, 4]

Hostile or careless input is bounded (:class:`ReadLimits`): an item nested deeper than ``max_depth`` levels, or
larger than ``max_task_bytes``, is skipped with a :class:`ReadProblem` naming its position, id and byte offset,
and reading goes on after it. A file that breaks off (truncated download, broken JSON that cannot be skipped)
still yields every complete task before the break; the problem says where it broke. Problems go to
``on_problem`` when given (the exporters count them in the run report), else the first one raises
:class:`~exporters.errors.ExportError`. Messages never quote the file's text::

    >>> problems = []
    >>> broken = b'[{"id": 1}, {"id": 2, "data": }, {"id": 3}, {"id": 4, "da'
    >>> [t["id"] for t in iter_export_stream(io.BytesIO(broken), on_problem=problems.append)]
    [1, 3]
    >>> [str(p) for p in problems]  # doctest: +NORMALIZE_WHITESPACE
    ['<stream>: task #2 (id 2) at byte 12: broken JSON (Expecting value); skipped',
     '<stream>: task #4 at byte 44: the input ends inside this task (truncated?); everything before it was read']

Live projects are read by :mod:`exporters.pull` through the same parser.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from exporters.errors import ExportError

CHUNK_CHARS = 1 << 18  # bytes read (and decoded) at a time
MAX_DEPTH = 100  # Label Studio tasks nest about 8 levels (task > annotations > result > value > ranker > bucket)
MAX_TASK_BYTES = 64 << 20  # one task's JSON text; far above a task of nine 5,000-word outputs and many annotations


@dataclass(frozen=True)
class ReadLimits:
    """Bounds on one item of an export: nesting depth and size of its JSON text (characters, about bytes).

    >>> ReadLimits().max_depth, ReadLimits(max_task_bytes=1 << 20).max_task_bytes
    (100, 1048576)
    """

    max_depth: int = MAX_DEPTH
    max_task_bytes: int = MAX_TASK_BYTES


@dataclass(frozen=True)
class ReadProblem:
    """Something wrong with one item of the input, or the place where the input breaks off.

    Args:
        source: the file or stream's name.
        position: the item's number in the input, from 1 (0: not about one item, e.g. text after the array).
        offset: the byte offset where the item starts.
        reason: what is wrong, without quoting the input.
        task_id: the item's ``id`` when it could be read.
        fatal: reading stopped here (nothing after it was read).
    """

    source: str
    position: int
    offset: int
    reason: str
    task_id: Any = None
    fatal: bool = False

    def __str__(self) -> str:
        if not self.position:  # not about one task
            return f"{self.source}: at byte {self.offset}: {self.reason}"
        ident = f" (id {self.task_id})" if self.task_id is not None else ""
        tail = "everything before it was read" if self.fatal else "skipped"
        return f"{self.source}: task #{self.position}{ident} at byte {self.offset}: {self.reason}; {tail}"


class _Skip(Exception):
    """An item to skip. ``resync``: its end must still be found; ``item``: the parsed item, when it parsed."""

    def __init__(self, reason: str, start: int, resync: bool = True, item: Any = None, end: int = -1) -> None:
        super().__init__(reason)
        self.reason = reason
        self.start = start
        self.resync = resync
        self.item = item
        self.end = end


def _reject_constant(name: str) -> None:
    raise ValueError(f"{name} is not JSON")


_DECODER = json.JSONDecoder(parse_constant=_reject_constant, strict=False)
_WS = re.compile(r"[ \t\n\r]*")
_BLANK = ("", " ", "\t", "\n", "\r")  # after ", ": read on with the general path
# A complete string, or a bracket: to find where an unreadable item ends (strings may hold brackets).
_TOKEN = re.compile(r'"(?:[^"\\]++|\\.)*+"|[\[\]{}]|"', re.S)
_LEADING_ID = re.compile(r'\{\s*"id"\s*:\s*(-?\d{1,19})\s*[,}]')
_SCALAR_END = re.compile(r"[,\]]")
_NEAR_END = 16  # a decoding error this close to the end of the buffer may only mean "read more"
TRUNCATED = "the input ends inside this task (truncated?)"


def nesting_depth(value: Any) -> int:
    """How deeply lists and objects nest in ``value`` (a scalar is 0), without recursion.

    >>> nesting_depth({"a": [1, {"b": []}]}), nesting_depth("x")
    (4, 0)
    """
    deepest, stack = 0, [(value, 1)]
    while stack:
        node, depth = stack.pop()
        children = node.values() if isinstance(node, dict) else node if isinstance(node, list) else None
        if children is None:
            continue
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in children if isinstance(child, (dict, list)))
    return deepest


class _Text:
    """The decoded input, read chunk by chunk; positions before ``start`` are dropped once consumed."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self._decoder = codecs.getincrementaldecoder("utf-8")()
        self.text = ""
        self.eof = False
        self.dropped_bytes = 0  # bytes of the text already dropped

    def more(self, keep_from: int, at_least: int = 0) -> int:
        """Read more input, dropping the text before ``keep_from``; returns how many characters were dropped."""
        dropped = keep_from
        if dropped:
            self.dropped_bytes += len(self.text[:dropped].encode("utf-8", "surrogateescape"))
            self.text = self.text[dropped:]
        want = max(CHUNK_CHARS, at_least)
        while want > 0 and not self.eof:
            raw = self._stream.read(want)
            if not raw:
                self.eof = True
            pending = self._decoder.getstate()[0]
            try:
                piece = self._decoder.decode(raw, final=self.eof)
            except UnicodeDecodeError:  # keep the bad bytes as lone surrogates: the writers report their task
                self._decoder = codecs.getincrementaldecoder("utf-8")("surrogateescape")
                piece = self._decoder.decode(pending + raw, final=self.eof)
            self.text += piece
            want -= len(raw)
        return dropped

    def byte_offset(self, pos: int) -> int:
        return self.dropped_bytes + len(self.text[:pos].encode("utf-8", "surrogateescape"))


def _skip_ws(buf: _Text, pos: int) -> tuple[int, int]:
    """``(pos, dropped)``: the first non-blank position, reading more input while the buffer ends in blanks."""
    dropped = 0
    while True:
        pos = _WS.match(buf.text, pos).end()  # type: ignore[union-attr]
        if pos < len(buf.text) or buf.eof:
            return pos, dropped
        n = buf.more(pos)
        pos -= n
        dropped += n


def _find_end(buf: _Text, start: int, lines: bool) -> tuple[int, int] | None:
    """``(end, dropped)`` of the unreadable item at ``start``: where its brackets close (JSON Lines: its line
    ends). None when the input ends first."""
    dropped = 0
    if lines:
        while True:
            nl = buf.text.find("\n", start)
            if nl >= 0:
                return nl + 1, dropped
            if buf.eof:
                return None
            n = buf.more(start)
            start -= n
            dropped += n
    if buf.text[start] not in "[{":  # a scalar item (e.g. a number with too many digits): up to the next , or ]
        while True:
            match = _SCALAR_END.search(buf.text, start)
            if match is not None:
                return match.start(), dropped
            if buf.eof:
                return None
            n = buf.more(start)
            start -= n
            dropped += n
    depth, pos = 0, start
    while True:
        for match in _TOKEN.finditer(buf.text, pos):
            token = match.group()
            if token == '"':  # a string the buffer cuts off: read more and look again from its start
                pos = match.start()
                break
            if token[0] == '"':
                continue
            depth += 1 if token in "[{" else -1
            if depth <= 0:
                return match.end(), dropped
        else:
            pos = len(buf.text)
        if buf.eof:
            return None
        keep = min(pos, start) if depth == 0 else pos
        n = buf.more(keep)
        pos -= n
        start -= n
        dropped += n


def _leading_id(text: str, start: int) -> int | None:
    """The ``id`` an unparsable task starts with (Label Studio writes it first), to name the task."""
    match = _LEADING_ID.match(text, start)
    return int(match.group(1)) if match else None


def _decode_item(buf: _Text, start: int, limits: ReadLimits) -> tuple[Any, int, int]:
    """``(item, start, end)`` of the item at ``start`` (positions move when the buffer drops text), reading
    more input while the item is incomplete; raises :class:`_Skip` for an item that breaks the limits."""
    max_chars = limits.max_task_bytes
    scan = _DECODER.scan_once  # raw_decode without its Python frame: StopIteration means "Expecting value"
    while True:
        try:
            try:
                item, end = scan(buf.text, start)
            except StopIteration as stop:
                raise json.JSONDecodeError("Expecting value", buf.text, stop.value) from None
            break
        except json.JSONDecodeError as exc:
            unterminated = exc.msg.startswith("Unterminated string")
            if not buf.eof and (unterminated or exc.pos >= len(buf.text) - _NEAR_END):
                if len(buf.text) - start > max_chars:
                    raise _Skip(f"larger than the limit of {max_chars:,} bytes", start) from None
                start -= buf.more(start, at_least=len(buf.text) - start)
                continue
            if buf.eof and (unterminated or exc.pos >= len(buf.text.rstrip())):
                raise _Skip(TRUNCATED, start, resync=False) from None
            raise _Skip(f"broken JSON ({exc.msg})", start) from None
        except RecursionError:
            raise _Skip(f"nested deeper than the limit of {limits.max_depth} levels", start) from None
        except ValueError as exc:  # a number with too many digits; NaN or Infinity
            reason = "a number with too many digits" if "digits" in str(exc) else "NaN or Infinity is not JSON"
            raise _Skip(reason, start) from None
    if end - start > max_chars:
        raise _Skip(f"larger than the limit of {max_chars:,} bytes", start, resync=False, item=item, end=end)
    text = buf.text
    if (text.count("{", start, end) + text.count("[", start, end) > limits.max_depth
            and nesting_depth(item) > limits.max_depth):
        raise _Skip(f"nested deeper than the limit of {limits.max_depth} levels", start, resync=False, item=item, end=end)
    return item, start, end


def iter_export_stream(stream: BinaryIO, name: str = "<stream>", limits: ReadLimits = ReadLimits(),
                       on_problem: Callable[[ReadProblem], None] | None = None) -> Iterator[Any]:
    """Items of a Label Studio export read from a binary stream, one at a time.

    Args:
        stream: a binary file-like object holding a JSON array of tasks, JSON Lines, or one task object.
        name: how problems name the source.
        limits: the depth and size bounds of one item.
        on_problem: called with each :class:`ReadProblem`; None: the first problem raises ExportError.

    Returns:
        An iterator of the items, in file order (numbers as int or float); items are normally task dicts, and
        anything else is passed on for the exporters to report.

    Raises:
        ExportError: without ``on_problem``, on the first problem; always, when the input is not JSON at all.

    Example:
        >>> import io
        >>> next(iter_export_stream(io.BytesIO(b'[{"id": 9, "data": {"x": 1.5}}]')))
        {'id': 9, 'data': {'x': 1.5}}
    """
    def problem(p: ReadProblem) -> None:
        if on_problem is None:
            raise ExportError(str(p))
        on_problem(p)

    buf = _Text(stream)
    buf.more(0)
    pos, _ = _skip_ws(buf, 0)
    if buf.text.startswith("\ufeff", pos):  # a UTF-8 byte order mark
        pos, _ = _skip_ws(buf, pos + 1)
    if pos >= len(buf.text):
        return
    head = buf.text[pos]
    if head not in "[{":
        raise ExportError(f"{name}: not a Label Studio JSON export (starts with {head!r}, expected '[' or '{{')")
    array = head == "["
    if array:
        pos, _ = _skip_ws(buf, pos + 1)
    position = 0
    while True:
        if pos >= len(buf.text):
            if array:
                problem(ReadProblem(name, position + 1, buf.byte_offset(pos),
                                    "the input ends before the array closes (truncated?)", fatal=True))
            return
        if array and buf.text[pos] == "]":
            pos, _ = _skip_ws(buf, pos + 1)
            if pos < len(buf.text):
                problem(ReadProblem(name, 0, buf.byte_offset(pos), "content after the end of the array was not read"))
            return
        position += 1
        try:
            item, start, end = _decode_item(buf, pos, limits)
        except _Skip as skip:
            start = skip.start
            offset = buf.byte_offset(start)
            task_id = skip.item.get("id") if isinstance(skip.item, dict) else _leading_id(buf.text, start)
            if skip.reason == TRUNCATED:
                problem(ReadProblem(name, position, offset, TRUNCATED, fatal=True))
                return
            if skip.resync:
                found = _find_end(buf, start, lines=not array)
                if found is None:
                    problem(ReadProblem(name, position, offset, f"{skip.reason}; the end of this task was not "
                                        "found", fatal=True))
                    return
                end, _ = found
            else:
                end = skip.end
            problem(ReadProblem(name, position, offset, skip.reason, task_id))
        else:
            yield item
        text = buf.text
        if array and text[end:end + 1] == ",":  # the common separators: ",", ", ", ",\n"
            skip = 2 if text[end + 1:end + 2] in (" ", "\n") else 1
            if text[end + skip:end + skip + 1] not in _BLANK:
                pos = end + skip
                continue
        pos, _ = _skip_ws(buf, end)
        if array and pos < len(buf.text):
            if buf.text[pos] == ",":
                pos, _ = _skip_ws(buf, pos + 1)
            elif buf.text[pos] != "]":
                problem(ReadProblem(name, position + 1, buf.byte_offset(pos), "a ',' or ']' expected between tasks",
                                    fatal=True))
                return


def iter_export_file(path: str | Path, limits: ReadLimits = ReadLimits(),
                     on_problem: Callable[[ReadProblem], None] | None = None) -> Iterator[Any]:
    """Tasks of the Label Studio JSON export at ``path``, streamed (see :func:`iter_export_stream`).

    Example:
        >>> import json, tempfile, os
        >>> with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        ...     json.dump([{"id": 1, "data": {"prompt": "p"}}], f)
        >>> [t["id"] for t in iter_export_file(f.name)]
        [1]
        >>> os.unlink(f.name)
    """
    path = Path(path)
    try:
        handle = open(path, "rb")
    except OSError as exc:
        raise ExportError(f"cannot read {path}: {exc.strerror or exc}") from exc
    with handle:
        yield from iter_export_stream(handle, str(path), limits, on_problem)
