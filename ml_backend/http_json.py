"""Request bodies in, errors out: the JSON rules of the HTTP layer (no Flask routes here).

- Bodies are parsed with orjson whatever their Content-Type: invalid JSON, invalid UTF-8, a lone surrogate
  (``"\\ud800"``, which later breaks every encoder), nesting deeper than 1024, NaN: all a 400 naming the problem.
- An :class:`ApiError` becomes ``{"error": "..."}`` with its status, and its message also goes in the HTTP
  reason phrase (ASCII, one line, at most 150 characters): Label Studio logs and shows
  ``str(requests.HTTPError)``, which holds the reason phrase but not the body, so that is how a reason reaches
  its user. Messages never hold task text.

    >>> parse_object(b'{"tasks": []}')
    {'tasks': []}
    >>> try:
    ...     parse_object(b'{"a": "\\\\ud800"}')
    ... except ApiError as exc:
    ...     print(exc.status, exc.message[:48])
    400 the request body is not valid JSON: a lone surro
    >>> reason_phrase("'tasks' must be a list, not a object")
    "'tasks' must be a list, not a object"
"""

from __future__ import annotations

import re
from typing import Any

import orjson


class ApiError(Exception):
    """An answer other than 200: ``status`` and a message for the client (never task text)."""

    def __init__(self, status: int, message: str, log_message: bool = True, **extra: Any) -> None:
        super().__init__(message)
        self.status, self.message, self.extra = status, message, extra
        self.log_message = log_message  # False when the message quotes the client's config


def parse_object(raw: bytes, required: bool = True) -> dict[str, Any]:
    """``raw`` as a JSON object; :class:`ApiError` 400 when it is empty, not JSON, or not an object."""
    if not raw.strip():
        if required:
            raise ApiError(400, "the request body is empty; send a JSON object")
        return {}
    try:
        body = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        detail = str(exc).lower()
        if "not valid utf-8" in detail:
            raise ApiError(400, "the request body is not valid JSON: it is not valid UTF-8") from None
        if "surrogate" in detail:
            raise ApiError(400, "the request body is not valid JSON: a lone surrogate (\\ud800-\\udfff) "
                                "is not text; send UTF-8 text") from None
        if "depth limit" in detail or "recursion" in detail:
            raise ApiError(400, "the request body is not valid JSON: nested deeper than 1024 levels") from None
        raise ApiError(400, "the request body is not valid JSON") from None
    if not isinstance(body, dict):
        raise ApiError(400, f"the request body must be a JSON object, not a {json_type(body)}")
    return body


def json_type(value: Any) -> str:
    """The JSON name of a parsed value's type: ``object``, ``list``, ``string``, ``number``, ``boolean``."""
    return {list: "list", str: "string", int: "number", float: "number", bool: "boolean",
            type(None): "null", dict: "object"}.get(type(value), type(value).__name__)


_UNPRINTABLE = re.compile(r"[^\x20-\x7e]+")


def reason_phrase(message: str, limit: int = 150) -> str:
    """``message`` made safe for an HTTP status line: printable ASCII, one line, bounded."""
    text = _UNPRINTABLE.sub(" ", message).strip()
    return (text[: limit - 3] + "...") if len(text) > limit else (text or "Error")


def dumps(value: Any) -> bytes:
    """JSON bytes for an answer (orjson: fast; non-string keys refused like ``json``)."""
    return orjson.dumps(value)
