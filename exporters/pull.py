"""Tasks of a live Label Studio project: an export snapshot with every annotation, parsed while it downloads.

:func:`iter_project_tasks` asks Label Studio for a JSON export snapshot that explicitly includes skipped
(cancelled) and ground-truth annotations, so they can be counted and preferred, and parses the download stream
as it arrives with the same bounded parser as files (:mod:`exporters.read`).

A failed call becomes a short :class:`~exporters.errors.ExportError`: the HTTP status and what it usually means,
never the server's headers, cookies or body (the SDK's own message carries every response header, a session
cookie included)::

    >>> from label_studio_sdk.core.api_error import ApiError
    >>> describe_failure(ApiError(status_code=401, headers={"set-cookie": "sessionid=abc"}, body="..."))
    'HTTP 401: the API key was refused (check LABEL_STUDIO_API_KEY or --api-key)'
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from exporters.errors import ExportError
from exporters.read import ReadLimits, ReadProblem, iter_export_stream

# Which annotations a project snapshot holds. Label Studio 1.23.2 exports all of them when no filter is given
# (checked in tests/test_export_studio.py); asking explicitly keeps it so if a server default changes: the
# exporters count cancelled annotations and can prefer ground truth.
ALL_ANNOTATIONS = {"usual": True, "ground_truth": True, "skipped": True}

_READ_SIZE = 1 << 16

_STATUS = {
    400: "Label Studio refused the request",
    401: "the API key was refused (check LABEL_STUDIO_API_KEY or --api-key)",
    403: "this API key may not read the project",
    404: "no such project, or not visible with this API key",
    429: "Label Studio is rate-limiting; try again later",
}


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


def describe_failure(exc: BaseException) -> str:
    """A one-line reason for a failed Label Studio call, without headers, cookies, tokens or response bodies.

    >>> import httpx
    >>> describe_failure(httpx.ConnectError("[Errno 111] Connection refused"))
    'cannot connect to Label Studio (ConnectError); is LABEL_STUDIO_URL right and the server up?'
    """
    from common.errors import LabelguideError

    if isinstance(exc, LabelguideError):  # our own messages are written to be safe
        return str(exc)
    status = getattr(exc, "status_code", None)
    if isinstance(status, int):
        if status >= 500:
            return f"HTTP {status}: Label Studio failed on the server (see its log)"
        return f"HTTP {status}: {_STATUS.get(status, 'the request failed')}"
    name = type(exc).__name__
    try:
        import httpx
    except ImportError:  # pragma: no cover - the SDK depends on httpx
        httpx = None  # type: ignore[assignment]
    if httpx is not None and isinstance(exc, httpx.TimeoutException):
        return f"Label Studio did not answer in time ({name})"
    if httpx is not None and isinstance(exc, (httpx.ConnectError, httpx.NetworkError)):
        return f"cannot connect to Label Studio ({name}); is LABEL_STUDIO_URL right and the server up?"
    if httpx is not None and isinstance(exc, httpx.HTTPError):
        return f"the connection to Label Studio failed ({name})"
    return f"the Label Studio call failed ({name})"


def download_project_export(ls: Any, project_id: int, poll_seconds: float = 0.5,
                            timeout: float = 3600) -> Iterator[bytes]:
    """Create a JSON export snapshot of a project, with every annotation, and stream it as byte chunks.

    :func:`common.studio.download_export`, asking explicitly for every annotation (usual, skipped and
    ground truth), with its failures raised as short :class:`ExportError` messages.

    Raises:
        ExportError: the server refused or failed the export, or it was not ready in time.
    """
    from common.studio import download_export

    try:
        yield from download_export(ls, project_id, poll_seconds, timeout,
                                   annotation_filter_options=ALL_ANNOTATIONS)
    except Exception as exc:  # StudioError, or the SDK's ApiError / httpx errors
        raise ExportError(f"exporting project {project_id} from Label Studio failed: {describe_failure(exc)}") from None


def iter_project_tasks(project_id: int, url: str | None = None, api_key: str | None = None, ls: Any | None = None,
                       limits: ReadLimits = ReadLimits(),
                       on_problem: Callable[[ReadProblem], None] | None = None) -> Iterator[Any]:
    """Tasks of a live Label Studio project, parsed while the export downloads.

    Args:
        project_id: the project's id.
        url, api_key: the server; default ``LABEL_STUDIO_URL`` / ``LABEL_STUDIO_API_KEY``.
        ls: an existing ``label_studio_sdk.LabelStudio`` client (then ``url``/``api_key`` are ignored).
        limits, on_problem: as for :func:`exporters.read.iter_export_stream`.

    Raises:
        ExportError: no API key, the server is unreachable, or the export fails.
    """
    from common.studio import StudioError, connect

    if ls is None:
        try:
            ls = connect(url, api_key)
        except StudioError as exc:
            raise ExportError(str(exc)) from None
    reader = ChunkReader(download_project_export(ls, project_id))
    yield from iter_export_stream(io.BufferedReader(reader, _READ_SIZE), f"project {project_id}", limits, on_problem)
