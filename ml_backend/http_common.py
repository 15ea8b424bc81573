"""Small Flask helpers shared by the route modules: JSON answers with a reason phrase, the request body, names
that are safe to log.

    >>> project_of({"project": "3.1700000000"}), project_of({"project": "<script>"})
    ('3.1700000000', '-')
"""

from __future__ import annotations

import re
import traceback
from typing import Any

from flask import Response, request

from ml_backend.calls import EnginesUnavailable
from ml_backend.http_json import ApiError, dumps, parse_object, reason_phrase

_PROJECT = re.compile(r"^\d{1,12}(\.\d{1,12})?$")


def json_response(body: Any, status: int = 200, reason: str | None = None) -> Response:
    """A JSON answer; ``reason`` (made safe) replaces the standard HTTP reason phrase."""
    response = Response(dumps(body), mimetype="application/json")
    response.status = f"{status} {reason_phrase(reason)}" if reason else status
    return response


def request_body(required: bool = True) -> dict:
    """The request body as a JSON object (:class:`ApiError` 400 otherwise, also for a body cut short)."""
    raw = request.get_data(cache=True)
    expected = request.content_length
    if expected is not None and len(raw) < expected:
        raise ApiError(400, f"the request body stopped after {len(raw)} of {expected} bytes (the client was too "
                            "slow for REQUEST_READ_TIMEOUT, or went away)")
    return parse_object(raw, required)


def project_of(body: dict) -> str:
    """The ``project`` field when it is Label Studio's ``<id>.<timestamp>``, else ``-`` (safe to log)."""
    project = body.get("project")
    return str(project) if isinstance(project, (str, int)) and _PROJECT.match(str(project)) else "-"


def route() -> str:
    """The matched route (never the raw path, which a client could fill with anything)."""
    return request.url_rule.rule if request.url_rule is not None else "(no such route)"


def frames(exc: BaseException) -> str:
    """Where an exception was raised: file, line and function of each frame. No message (it may hold text)."""
    return "\n".join(f"  {f.filename}:{f.lineno} in {f.name}" for f in traceback.extract_tb(exc.__traceback__))


def wait_engines(engines: Any, timeout: float) -> None:
    """Wait for an engine; :class:`ApiError` 503 (with ``Retry-After`` while loading) when none comes."""
    try:
        engines.wait(timeout)
    except EnginesUnavailable as exc:
        raise ApiError(503, str(exc), **({"retry_after": 5} if exc.loading else {})) from None
