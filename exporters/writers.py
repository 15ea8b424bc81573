"""Writing records: JSON Lines (bytes, exactly ``json.dumps`` per line) or Parquet (a fixed schema), one file or
one per split, each written as ``NAME.partial`` and renamed only when complete (:mod:`exporters.atomic`).

    >>> import tempfile, os
    >>> d = tempfile.mkdtemp()
    >>> with RecordWriter(Path(d) / "x.jsonl", split_files=True) as w:
    ...     w.write({"a": 1}, "train"); w.write({"a": 2}, None)
    >>> sorted(Path(p).name for p in w.counts), open(os.path.join(d, "x.train.jsonl")).read()
    (['x.nosplit.jsonl', 'x.train.jsonl'], '{"a": 1}\\n')
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from exporters.atomic import PartialFile
from exporters.encode import BadText, jsonl_record
from exporters.errors import ExportError

if TYPE_CHECKING:
    import pyarrow as pa

NO_SPLIT = "nosplit"  # file-name part for records without a split, with --split-files
PARQUET_BATCH = 4096


def split_path(path: Path, split: str | None) -> Path:
    """The file of ``split`` beside ``path``: ``pairs.jsonl`` -> ``pairs.train.jsonl``.

    >>> split_path(Path("out/pairs.jsonl"), "train").as_posix(), split_path(Path("pairs.parquet"), None).name
    ('out/pairs.train.jsonl', 'pairs.nosplit.parquet')
    """
    part = "".join(c if c.isalnum() or c in "-_" else "_" for c in (split or NO_SPLIT))
    return path.with_name(f"{path.stem}.{part}{path.suffix}")


def side_path(path: Path, kind: str = "meta") -> Path:
    """A file beside ``path``: ``dpo.jsonl`` -> ``dpo.meta.jsonl`` (metadata), ``dpo.ties.jsonl`` (ties)."""
    return path.with_name(f"{path.stem}.{kind}{path.suffix}")


def check_texts(value: object) -> None:
    """Raise :class:`BadText` when a string in ``value`` (nested lists and dicts too) is not valid UTF-8.

    >>> check_texts({"a": ["ok", {"b": "fine"}]})
    >>> check_texts(["\\ud800"])
    Traceback (most recent call last):
    ...
    exporters.encode.BadText: a text is not valid UTF-8 (a lone surrogate or invalid bytes in the input)
    """
    stack = [value]
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            try:
                node.encode("utf-8")
            except UnicodeEncodeError as exc:
                raise BadText("a text is not valid UTF-8 (a lone surrogate or invalid bytes in the input)") from exc
        elif isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, (list, tuple)):
            stack.extend(node)


class _JsonlSink:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.file = PartialFile(path, mark=True)

    def write_bytes(self, data: bytes) -> None:
        self.file.write(data)

    def write_many(self, records: list[dict]) -> None:
        self.file.write(b"".join([jsonl_record(r) for r in records]))

    def commit(self) -> None:
        self.file.commit()

    def abort(self) -> None:
        self.file.abort()


class _ParquetSink:
    def __init__(self, path: Path, schema: pa.Schema) -> None:
        import pyarrow.parquet as pq

        self.path = path
        self.schema = schema
        self.file = PartialFile(path, mark=False)  # a Parquet file without its footer is unreadable anyway
        self._writer = pq.ParquetWriter(self.file._f, schema)
        self._rows: list[dict] = []

    def write_many(self, records: list[dict]) -> None:
        check_texts(records)  # before anything of these records is kept: a bad text costs only its records
        self._rows.extend(records)
        if len(self._rows) >= PARQUET_BATCH:
            self._flush()

    def _flush(self) -> None:
        import pyarrow as pa

        if self._rows:
            try:
                table = pa.Table.from_pylist(self._rows, schema=self.schema)
            except (pa.ArrowInvalid, pa.ArrowTypeError, OverflowError) as exc:
                raise ExportError(f"{self.path}: a record does not fit the Parquet schema ({type(exc).__name__})"
                                  ) from exc
            self._writer.write_table(table)
            self._rows = []

    def commit(self) -> None:
        self._flush()
        self._writer.close()
        self.file.commit()

    def abort(self) -> None:
        try:
            self._writer.close()
        except Exception:  # noqa: BLE001 - already failing; the partial file goes anyway
            pass
        self.file.abort()


class RecordWriter:
    """Writes records to one JSON Lines or Parquet file, or one file per split; counts what each file got.

    Args:
        path: the output file (with ``split_files``, the name the per-split files are derived from).
        schema: the Parquet schema; Parquet is written when given, JSON Lines otherwise.
        split_files: one file per split (:func:`split_path`).

    Used as a context manager: on success every file is moved into place, on failure every partial file is
    deleted.
    """

    def __init__(self, path: Path, schema: pa.Schema | None = None, split_files: bool = False) -> None:
        self.path = Path(path)
        self.schema = schema
        self.split_files = split_files
        self.counts: dict[str, int] = {}
        self._sinks: dict[str | None, _JsonlSink | _ParquetSink] = {}
        if not split_files:
            self._open(None)

    @property
    def parquet(self) -> bool:
        return self.schema is not None

    def _open(self, split: str | None) -> _JsonlSink | _ParquetSink:
        path = split_path(self.path, split) if self.split_files else self.path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            sink = _ParquetSink(path, self.schema) if self.schema is not None else _JsonlSink(path)
        except OSError as exc:
            raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from exc
        self._sinks[split] = sink
        self.counts[str(path)] = 0
        return sink

    def _sink(self, split: str | None) -> _JsonlSink | _ParquetSink:
        key = split if self.split_files else None
        return self._sinks.get(key) or self._open(key)

    def write(self, record: dict, split: str | None = None) -> None:
        """Write one record (to its split's file with ``split_files``)."""
        self.write_many([record], split)

    def write_many(self, records: list[dict], split: str | None = None) -> None:
        """Write records of one split.

        Raises:
            BadText: a text of these records is not valid UTF-8; none of them was written.
        """
        if not records:
            return
        sink = self._sink(split)
        try:
            sink.write_many(records)
        except OSError as exc:
            raise ExportError(f"cannot write {sink.path}: {exc.strerror or exc}") from exc
        self.counts[str(sink.path)] += len(records)

    def write_bytes(self, data: bytes, n: int, split: str | None = None) -> None:
        """Write ``n`` already encoded JSON Lines (JSON Lines output only)."""
        if not n:
            return
        sink = self._sink(split)
        try:
            sink.write_bytes(data)  # type: ignore[union-attr]
        except OSError as exc:
            raise ExportError(f"cannot write {sink.path}: {exc.strerror or exc}") from exc
        self.counts[str(sink.path)] += n

    def close(self) -> None:
        """Flush and close every file, then move each into place."""
        try:
            for sink in self._sinks.values():
                sink.commit()
        except OSError as exc:
            self.abort()
            raise ExportError(f"cannot write {self.path}: {exc.strerror or exc}") from exc

    def abort(self) -> None:
        """Close and delete every partial file: a failed run leaves no half-written output."""
        for sink in self._sinks.values():
            try:
                sink.abort()
            except OSError:
                pass
        self.counts.clear()

    def __enter__(self) -> RecordWriter:
        return self

    def __exit__(self, exc_type: object, *rest: object) -> None:
        if exc_type is None:
            self.close()
        else:
            self.abort()
