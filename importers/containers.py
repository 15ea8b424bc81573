"""Files -> ``(line number, parsed row)``: JSON Lines, JSON arrays, CSV/TSV and Parquet, bounded per item.

Nothing is loaded whole, and no single item costs more than :class:`~importers.limits.Limits` allows: a JSON
line or array item is read up to ``max_item_bytes`` (a longer one is skipped without being held), its depth is
measured on its bytes before it is parsed, and a Parquet row or CSV row is checked the same way. A bad item is
reported (``tally.problem``) with its line, item or row number and skipped; the rest goes through:

* a ``.gz`` that is not gzip, or a gzip stream that breaks: what was read before the break is kept, the break is
  reported with the line where it happened;
* a JSON array item that is not valid JSON: only that item is lost (items are split on the array's top-level
  commas, outside strings), unless the file ends inside a string;
* a CSV quote left open: reported on the line where it starts, and the lines after it are read again as rows
  (a quoted cell may span lines, but a row that then does not fit the header was an unterminated quote);
* a Parquet row group that cannot be decoded: its rows are reported as one problem, the other groups are read.

Reasons name the line and the limit or fault, never the content (no JSON parser's snippet of the text).

JSON arrays have their own scanner (``importers.json_array``).

    >>> import tempfile, os
    >>> from importers.records import Tally
    >>> p = os.path.join(tempfile.mkdtemp(), "a.jsonl")
    >>> _ = open(p, "w").write('{"prompt": "a"}\\n{"prompt": "b" "c"}\\n[1]\\n{"prompt": "d"}\\n')
    >>> t = Tally()
    >>> [(n, row["prompt"]) for n, row in jsonl_rows(p, "utf-8", t, Limits())], [str(x) for x in t.problems]
    ([(1, 'a'), (4, 'd')], ["line 2: malformed JSON (Expecting ',' delimiter at column 16)", 'line 3: expected a JSON object, got a list'])
"""

from __future__ import annotations

import codecs
import csv
import gzip
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from importers.limits import ItemError, Limits, check_value, load_json_line
from importers.records import ImporterError, Tally

READ_CHUNK = 1 << 20
PARQUET_BATCH = 1024
JSON_CELLS = ("messages", "outputs", "completions")  # CSV cells that may hold JSON (more via --outputs-field)
MAX_CSV_COLUMNS = 10_000  # a wider header is refused: no prompt log has that many fields
_BROKEN = (OSError, EOFError, zlib.error)  # gzip.BadGzipFile is an OSError


def open_binary(path: Path) -> BinaryIO:
    """The file's bytes, gunzipped when its name ends in ``.gz``."""
    return gzip.open(path, "rb") if path.name.lower().endswith(".gz") else open(path, "rb")


def type_name(value: Any) -> str:
    """A JSON type's name for messages: ``an object``, ``a list``, ``a string`` ...

    >>> type_name({}), type_name(3.5), type_name(None)
    ('an object', 'a number', 'null')
    """
    return {dict: "an object", list: "a list", str: "a string", int: "a number", float: "a number",
            bool: "a boolean", type(None): "null"}.get(type(value), "an unsupported value")


def _broken(path: Path, line: int, exc: BaseException, tally: Tally) -> None:
    what = "not a gzip file" if isinstance(exc, gzip.BadGzipFile) else f"unreadable ({type(exc).__name__})"
    tally.count("read")
    tally.problem("malformed", line, f"the file is {what} from here on; everything before it was kept")
    tally.warn(f"{path.name}: the file breaks at line {line:,}: the lines before it were read, the rest is lost")


class _Lines:
    """Physical lines of a file as bytes (at most ``max_bytes`` each), numbered from 1; bounded and break-safe.

    A longer line is reported and skipped without being held whole; a broken stream (bad gzip, truncated file)
    ends the iteration after reporting where it broke.
    """

    def __init__(self, path: Path, tally: Tally, max_bytes: int):
        self.path, self.tally, self.max_bytes, self.line = path, tally, max_bytes, 0

    def __iter__(self) -> Iterator[bytes]:
        try:
            with open_binary(self.path) as f:
                while True:
                    raw = f.readline(self.max_bytes + 1)
                    if not raw:
                        return
                    self.line += 1
                    if len(raw) > self.max_bytes and not raw.endswith(b"\n"):
                        while raw and not raw.endswith(b"\n"):  # drop the rest of the line, chunk by chunk
                            raw = f.readline(READ_CHUNK)
                        self.tally.count("read")
                        self.tally.problem("malformed", self.line, f"line longer than {self.max_bytes:,} bytes "
                                           "(--max-item-mb): skipped")
                        continue
                    if raw.startswith(codecs.BOM_UTF8):  # the file's, or a file's joined on (cat a.jsonl b.jsonl)
                        raw = raw[len(codecs.BOM_UTF8):]
                    yield raw
        except _BROKEN as exc:
            _broken(self.path, self.line + 1, exc, self.tally)


def decode(raw: bytes, encoding: str, line: int, tally: Tally) -> str | None:
    """``raw`` decoded, or None after reporting the line as malformed (the byte and position, not the text)."""
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as exc:
        hint = "; try --encoding latin-1 (or the file's real encoding)" if encoding.lower().replace("-", "") in (
            "utf8", "utf8sig") else ""
        tally.problem("malformed", line,
                      f"not valid {encoding}: byte 0x{raw[exc.start]:02x} at position {exc.start}{hint}")
        return None


def jsonl_rows(path: Path | str, encoding: str, tally: Tally, limits: Limits) -> Iterator[tuple[int, dict]]:
    """One JSON object a line; blank lines ignored; counts ``read``."""
    path = Path(path)
    lines = _Lines(path, tally, limits.max_item_bytes)
    for raw in lines:
        if not raw.strip():
            continue
        tally.count("read")
        text = decode(raw, encoding, lines.line, tally)
        if text is None:
            continue
        try:
            obj = load_json_line(text, limits)
        except ItemError as exc:
            tally.problem("malformed", lines.line, str(exc))
            continue
        if type(obj) is not dict:
            tally.problem("malformed", lines.line, f"expected a JSON object, got {type_name(obj)}")
            continue
        yield lines.line, obj


# --------------------------------------------------------------------------------------------------
# CSV / TSV
# --------------------------------------------------------------------------------------------------

class _Pushback:
    """Decoded lines with their numbers; lines can be pushed back to be read again (after a bad quote)."""

    def __init__(self, lines: Iterator[tuple[int, str]]):
        self.lines, self.back = lines, []
        self.taken: list[tuple[int, str]] = []  # the lines of the row being read

    def __iter__(self) -> Iterator[str]:
        while True:
            if self.back:
                item = self.back.pop()
            else:
                try:
                    item = next(self.lines)
                except StopIteration:
                    return
            self.taken.append(item)
            yield item[1]

    def push_back(self, items: list[tuple[int, str]]) -> None:
        self.back.extend(reversed(items))


def csv_rows(path: Path | str, encoding: str, tally: Tally, delimiter: str, limits: Limits,
             json_cells: tuple[str, ...] = JSON_CELLS) -> Iterator[tuple[int, dict]]:
    """Header + rows; a row's number is the physical line it starts on; JSON in ``json_cells`` is parsed."""
    path = Path(path)
    csv.field_size_limit(limits.max_item_bytes)
    lines = _Lines(path, tally, limits.max_item_bytes)

    def decoded() -> Iterator[tuple[int, str]]:
        for raw in lines:
            text = decode(raw, encoding, lines.line, tally)
            if text is not None:
                yield lines.line, text
            elif lines.line == 1:
                raise ImporterError(f"{path.name}: the header line is not valid {encoding}")

    source = _Pushback(decoded())
    reader = csv.reader(iter(source), delimiter=delimiter, strict=True)
    try:
        header = next(reader)
    except StopIteration:
        return
    except csv.Error:
        raise ImporterError(f"{path.name}: cannot read the header line (bad quoting)") from None
    if len(header) > MAX_CSV_COLUMNS:  # each row would be a dict that wide: refused before any is built
        raise ImporterError(f"{path.name}: the header line has {len(header):,} columns (at most "
                            f"{MAX_CSV_COLUMNS:,}); is it a prompt log?")
    while True:
        source.taken = []
        try:
            row = next(reader)
            error = None
        except StopIteration:
            return
        except csv.Error as exc:
            row, error = None, _csv_reason(exc)
        taken = source.taken
        if not taken:
            return
        start = taken[0][0]
        if row is not None and not any(cell.strip() for cell in row):
            continue
        tally.count("read")
        if row is not None and len(row) == len(header):
            obj = _csv_object(header, row, start, tally, limits, json_cells)
            if obj is not None:
                yield start, obj
            continue
        if len(taken) > 1:  # a quote opened on the first line ran over the next ones: read those again
            tally.problem("malformed", start, "a quote opened on this line is not closed where the row should end "
                          f"(the row would run to line {taken[-1][0]}): skipped; the lines after it are read again")
            source.push_back(taken[1:])
            reader = csv.reader(iter(source), delimiter=delimiter, strict=True)
            continue
        tally.problem("malformed", start, error or f"{len(row):,} cells, the header has {len(header):,}")
        if error:  # the reader's state is unknown after an error: start a new one on the next line
            reader = csv.reader(iter(source), delimiter=delimiter, strict=True)


def _csv_reason(exc: csv.Error) -> str:
    text = str(exc)
    if "field larger than field limit" in text:
        return "a cell over the size limit (--max-item-mb)"
    if "expected after" in text:
        return "malformed CSV quoting (text after a closing quote)"
    if "unexpected end of data" in text:
        return "malformed CSV: the file ends inside a quoted cell"
    return "malformed CSV quoting"


def _csv_object(header: list[str], row: list[str], line: int, tally: Tally, limits: Limits,
                json_cells: tuple[str, ...]) -> dict | None:
    obj: dict[str, Any] = {}
    for position, (name, cell) in enumerate(zip(header, row), 1):
        if name in json_cells and cell.lstrip()[:1] in ("[", "{"):
            try:
                obj[name] = load_json_line(cell, limits)
                continue
            except ItemError as exc:
                tally.problem("invalid", line, f"column {position} ({name!r}) holds bad JSON: {exc}")
                return None
        obj[name] = None if name in json_cells and not cell.strip() else cell
    return obj


# --------------------------------------------------------------------------------------------------
# Parquet
# --------------------------------------------------------------------------------------------------

def parquet_rows(path: Path | str, tally: Tally, limits: Limits) -> Iterator[tuple[int, dict]]:
    """Rows numbered from 1, read one row group at a time; a row group that cannot be decoded is skipped whole."""
    path = Path(path)
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(path)
    except Exception as exc:  # ArrowInvalid / OSError: the footer or the schema is unreadable
        raise ImporterError(f"{path.name}: not a readable Parquet file ({type(exc).__name__})") from None
    first = 1
    for group in range(pf.num_row_groups):
        size = pf.metadata.row_group(group).num_rows
        row = first
        try:
            for batch in pf.iter_batches(batch_size=PARQUET_BATCH, row_groups=[group]):
                for obj in batch.to_pylist():
                    tally.count("read")
                    try:
                        check_value(obj, limits)
                    except ItemError as exc:
                        tally.problem("malformed", row, f"row {row}: {exc}")
                        row += 1
                        continue
                    yield row, obj
                    row += 1
        except Exception as exc:  # a corrupt page or row group: keep the other groups
            lost = first + size - row
            tally.count("read", lost)
            tally.count("malformed", lost - 1)
            tally.problem("malformed", row, f"row group {group + 1} cannot be decoded ({type(exc).__name__}): "
                          f"rows {row}-{first + size - 1} skipped, the other row groups are read")
        first += size
