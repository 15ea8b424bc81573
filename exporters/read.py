"""Read Label Studio tasks as a stream: from a JSON export file, or from a live project's export snapshot.

A Label Studio JSON export is one array of tasks; it is parsed item by item with ijson (the C backend when
installed), so a 2 GB export is never held in memory. JSON Lines (one task a line) and a single task object
are read too::

    >>> import io
    >>> export = b'[{"id": 1, "data": {"prompt": "Hi"}, "annotations": []}, {"id": 2, "data": {}}]'
    >>> [task["id"] for task in iter_export_stream(io.BytesIO(export))]
    [1, 2]
    >>> [task["id"] for task in iter_export_stream(io.BytesIO(b'{"id": 3}\\n{"id": 4}\\n'))]
    [3, 4]

From a project, :func:`iter_project_tasks` asks Label Studio for an export snapshot that explicitly includes
skipped (cancelled) and ground-truth annotations, so they can be counted and preferred, and parses the download
stream as it arrives.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

import ijson

from exporters.errors import ExportError

log = logging.getLogger(__name__)

# Which annotations a project snapshot holds. Label Studio 1.23.2 exports all of them when no filter is given
# (checked in tests/test_export_studio.py); asking explicitly keeps it so if a server default changes: the
# exporters count cancelled annotations and can prefer ground truth.
ALL_ANNOTATIONS = {"usual": True, "ground_truth": True, "skipped": True}

_READ_SIZE = 1 << 16


class ChunkReader(io.RawIOBase):
    """A read-only binary file over an iterator of ``bytes`` chunks (e.g. an SDK download stream).

    >>> ChunkReader(iter([b"ab", b"", b"cd"])).read()
    b'abcd'
    """

    def __init__(self, chunks: Iterable[bytes]) -> None:
        self._chunks = iter(chunks)
        self._pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._pending:
            try:
                self._pending = next(self._chunks)
            except StopIteration:
                return 0
        n = min(len(buffer), len(self._pending))
        buffer[:n] = self._pending[:n]
        self._pending = self._pending[n:]
        return n


def iter_export_stream(stream: BinaryIO, name: str = "<stream>") -> Iterator[dict]:
    """Tasks of a Label Studio export read from a binary stream, one at a time.

    Args:
        stream: a binary file-like object holding a JSON array of tasks, JSON Lines, or one task object.
        name: how error messages name the source.

    Returns:
        An iterator of task dicts, in file order (numbers as int or float, never Decimal).

    Raises:
        ExportError: the stream is not JSON, or is a JSON value that holds no tasks.

    Example:
        >>> import io
        >>> next(iter_export_stream(io.BytesIO(b'[{"id": 9, "data": {"x": 1.5}}]')))
        {'id': 9, 'data': {'x': 1.5}}
    """
    buffered = stream if hasattr(stream, "peek") else io.BufferedReader(stream, _READ_SIZE)  # type: ignore[arg-type]
    head = buffered.peek(_READ_SIZE).lstrip()[:1]  # type: ignore[union-attr]
    if head == b"\xef":  # a UTF-8 byte order mark
        buffered.read(3)
        head = buffered.peek(_READ_SIZE).lstrip()[:1]  # type: ignore[union-attr]
    if not head:
        return
    if head == b"[":
        items = ijson.items(buffered, "item", use_float=True)
    elif head == b"{":
        items = ijson.items(buffered, "", multiple_values=True, use_float=True)
    else:
        raise ExportError(f"{name}: not a Label Studio JSON export (starts with {head!r}, expected '[' or '{{')")
    try:
        yield from items
    except ijson.JSONError as exc:
        raise ExportError(f"{name}: broken JSON ({exc}); is the export complete?") from exc


def iter_export_file(path: str | Path) -> Iterator[dict]:
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
        yield from iter_export_stream(handle, name=str(path))


def download_project_export(ls: Any, project_id: int, poll_seconds: float = 0.5,
                            timeout: float = 3600) -> Iterator[bytes]:
    """Create a JSON export snapshot of a project, with every annotation, and stream it as byte chunks.

    :func:`common.studio.download_export`, asking explicitly for every annotation (usual, skipped and
    ground truth), with its failures raised as :class:`ExportError`.

    Raises:
        ExportError: the server refused or failed the export, or it was not ready in time.
    """
    from common.studio import download_export

    try:
        yield from download_export(ls, project_id, poll_seconds, timeout,
                                   annotation_filter_options=ALL_ANNOTATIONS)
    except Exception as exc:  # StudioError, or the SDK's ApiError / httpx errors with the server's reason
        raise ExportError(f"exporting project {project_id} from Label Studio failed: {exc}") from exc


def iter_project_tasks(project_id: int, url: str | None = None, api_key: str | None = None,
                       ls: Any | None = None) -> Iterator[dict]:
    """Tasks of a live Label Studio project, parsed while the export downloads.

    Args:
        project_id: the project's id.
        url, api_key: the server; default ``LABEL_STUDIO_URL`` / ``LABEL_STUDIO_API_KEY``.
        ls: an existing ``label_studio_sdk.LabelStudio`` client (then ``url``/``api_key`` are ignored).

    Raises:
        ExportError: no API key, the server is unreachable, or the export fails.
    """
    from common.studio import StudioError, connect

    if ls is None:
        try:
            ls = connect(url, api_key)
        except StudioError as exc:
            raise ExportError(str(exc)) from exc
    reader = ChunkReader(download_project_export(ls, project_id))
    yield from iter_export_stream(io.BufferedReader(reader, _READ_SIZE), name=f"project {project_id}")


def open_tasks(input_path: str | Path | None = None, project_id: int | None = None, url: str | None = None,
               api_key: str | None = None) -> Iterator[dict]:
    """Tasks from exactly one source: an export file (``input_path``, ``-`` = standard input) or a project.

    Raises:
        ExportError: neither or both sources given, or the source cannot be read.
    """
    if (input_path is None) == (project_id is None):
        raise ExportError("give exactly one source: an export file (--input) or a project id (--project)")
    if project_id is not None:
        return iter_project_tasks(project_id, url, api_key)
    if str(input_path) == "-":
        import sys

        return iter_export_stream(sys.stdin.buffer, name="<stdin>")
    return iter_export_file(input_path)  # type: ignore[arg-type]
