"""Bounds on one input item (a JSON line, an array item, a CSV row, a Parquet row): depth, size, numbers, text.

Every reader checks each item against one :class:`Limits` BEFORE building Python objects from it where it can
(a JSON line's nesting depth is measured on its bytes, so a line nested 100,000 deep costs a byte scan, not a
recursion or a gigabyte), and skips an item over a limit with a reason that names the limit, never the content:

* ``max_depth`` (default 200): nesting of objects and arrays. An OpenAssistant tree uses two levels per message
  (the message object and its ``replies`` list), so 200 allows conversations of about 100 turns;
* ``max_item_bytes`` (default 16 MiB): bytes of one line, array item or CSV row (the reader never holds more
  than this plus one read buffer of an item it skips);
* ``max_int_digits`` (default 100): digits of an integer (Python refuses to convert more than 4,300, and a
  5,000-digit "user id" is not an id);
* text must be valid Unicode: a lone surrogate escape (``"\\ud800"``) cannot be written as UTF-8.

    >>> load_json_line('{"prompt": "Hi", "user_id": 7}', Limits())
    {'prompt': 'Hi', 'user_id': 7}
    >>> try:
    ...     load_json_line('[' * 300 + ']' * 300, Limits())
    ... except ItemError as exc:
    ...     print(exc)
    nested 300 levels deep (at most 200: --max-depth)
"""

from __future__ import annotations

import json
import re
from array import array
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from typing import Any

DEFAULT_MAX_DEPTH = 200
DEFAULT_MAX_ITEM_BYTES = 16 * 2**20
DEFAULT_MAX_INT_DIGITS = 100

_STRING = re.compile(rb'"(?:[^"\\]++|\\.)*+"', re.S)
# bytes -> +1 for an opening bracket, -1 (0xff as a signed char) for a closing one, 0 for anything else
_DEPTH_STEP = bytes.maketrans(b"[{]}", b"\x01\x01\xff\xff")
_BRACKETS = b"[]{}"
_NOT_BRACKETS = bytes(b for b in range(256) if b not in _BRACKETS)


class ItemError(ValueError):
    """One item is over a limit or unreadable; the message names the limit or the fault, never the content."""


@dataclass(frozen=True)
class Limits:
    """The bounds every reader applies to one item (``--max-depth``, ``--max-item-mb``)."""

    max_depth: int = DEFAULT_MAX_DEPTH
    max_item_bytes: int = DEFAULT_MAX_ITEM_BYTES
    max_int_digits: int = DEFAULT_MAX_INT_DIGITS

    def __post_init__(self) -> None:
        if self.max_depth < 1 or self.max_item_bytes < 1 or self.max_int_digits < 1:
            raise ValueError("limits must be >= 1")


def json_depth(raw: bytes | str, stop_after: int | None = None) -> int:
    """The nesting depth of the JSON text ``raw`` (brackets inside strings do not count), in linear time.

    With ``stop_after``, a text with at most that many opening brackets is not scanned: the count is returned
    (an upper bound of the depth, within the limit).

    >>> json_depth(b'{"a": [1, {"b": "[[["}]}'), json_depth('"x"')
    (3, 0)
    """
    text = isinstance(raw, str)
    opening = raw.count("[") + raw.count("{") if text else raw.count(b"[") + raw.count(b"{")
    if opening == 0 or (stop_after is not None and opening <= stop_after):
        return opening  # an upper bound, within the limit: no need to scan
    data = raw.encode("utf-8", "surrogatepass") if text else raw
    if b'"' in data:
        data = _STRING.sub(b"", data)
    steps = array("b", data.translate(_DEPTH_STEP, _NOT_BRACKETS))
    return max(accumulate(steps), default=0)


@lru_cache(maxsize=8)
def _decoder(limit: int) -> json.JSONDecoder:
    """One decoder per digit limit (building one per line costs as much as parsing a short line)."""
    return json.JSONDecoder(parse_int=_parse_int(limit))


def _parse_int(limit: int):
    def parse(text: str) -> int:
        digits = len(text) - (text[0] == "-")
        if digits > limit:
            raise ItemError(f"a number with {digits:,} digits (at most {limit})")
        return int(text)
    return parse


def load_json_line(text: str | bytes, limits: Limits) -> Any:
    """Parse one JSON text (a line or an array item) within ``limits``; raise :class:`ItemError` otherwise.

    The caller bounds the size (it reads at most ``limits.max_item_bytes`` of one item); this checks the depth
    before parsing, then the numbers and the text while parsing.

    Args:
        text: the item, decoded (or UTF-8 bytes).
        limits: the bounds.

    Returns:
        The parsed value.

    Example:
        >>> try:
        ...     load_json_line('{"user_id": ' + '9' * 500 + '}', Limits())
        ... except ItemError as exc:
        ...     print(exc)
        a number with 500 digits (at most 100)
    """
    depth = json_depth(text, stop_after=limits.max_depth)
    if depth > limits.max_depth:
        raise ItemError(f"nested {depth:,} levels deep (at most {limits.max_depth}: --max-depth)")
    try:
        value = _decoder(limits.max_int_digits).decode(text if isinstance(text, str) else text.decode("utf-8"))
    except json.JSONDecodeError as exc:
        what = exc.msg.removesuffix(" at")  # "Invalid control character at": the column follows
        raise ItemError(f"malformed JSON ({what} at column {exc.colno})") from None
    except RecursionError:
        raise ItemError("nested too deep to parse") from None
    except UnicodeDecodeError:
        raise ItemError("not valid UTF-8") from None
    except ValueError as exc:  # our ItemError from parse_int, or a number Python cannot convert
        if isinstance(exc, ItemError):
            raise
        raise ItemError("a number Python cannot convert") from None
    if ("\\u" in text if isinstance(text, str) else b"\\u" in text) and not _valid_unicode(value):
        raise ItemError("a lone surrogate escape (\\ud800-\\udfff) in a string: not valid Unicode")
    return value


def _valid_unicode(value: Any) -> bool:
    try:
        json.dumps(value, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def check_value(value: Any, limits: Limits) -> None:
    """Check an already-built value (a Parquet row) against ``limits``: depth, size, numbers, text.

    Walks the value once, without recursion, and stops at the first fault.

    >>> check_value({"prompt": "Hi", "outputs": ["a", "b"]}, Limits())
    >>> try:
    ...     check_value({"prompt": "x" * 50}, Limits(max_item_bytes=20))
    ... except ItemError as exc:
    ...     print(exc)
    more than 20 bytes (--max-item-mb)
    """
    size = 0
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, str):
            size += len(item)
            if not item.isascii():
                try:
                    item.encode("utf-8")
                except UnicodeEncodeError:
                    raise ItemError("a lone surrogate (\\ud800-\\udfff) in a string: not valid Unicode") from None
        elif isinstance(item, (bytes, bytearray)):
            size += len(item)
        elif isinstance(item, bool) or item is None or isinstance(item, float):
            size += 8
        elif isinstance(item, int):
            size += 8
            if item.bit_length() > limits.max_int_digits * 3.33:
                raise ItemError(f"a number with more than {limits.max_int_digits} digits")
        elif isinstance(item, dict):
            if depth > limits.max_depth:
                raise ItemError(f"nested more than {limits.max_depth} levels deep (--max-depth)")
            for k, v in item.items():
                size += len(k) if isinstance(k, str) else 8
                stack.append((v, depth + 1))
        elif isinstance(item, (list, tuple)):
            if depth > limits.max_depth:
                raise ItemError(f"nested more than {limits.max_depth} levels deep (--max-depth)")
            stack.extend((v, depth + 1) for v in item)
        else:
            size += 8
        if size > limits.max_item_bytes:
            raise ItemError(f"more than {limits.max_item_bytes:,} bytes (--max-item-mb)")
