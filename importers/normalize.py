"""Normalise white space and drop empty prompts (step 2 of the pipeline).

What changes: Unicode NFC; ``\\r\\n`` and ``\\r`` become ``\\n``; no-break and other exotic spaces become a
plain space; zero-width characters and control characters (except tab and newline) go; trailing spaces of each
line go; three or more newlines become two; the text is stripped. What does NOT change: spaces inside a line
and indentation (code and tables in prompts keep their layout). The dedupe step compares texts with every run of
white space collapsed, so ``"a  b"`` and ``"a b"`` are still duplicates there.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator

from importers.records import Record, Tally

_ODD_CHARS = re.compile(r"[\r\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u00a0\u1680\u2000-\u200f\u2028-\u202f\u205f-\u2064"
                        r"\u3000\ufeff]")
_DROP = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200d\u2060-\u2064\ufeff]")
_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029]")
_TRAILING = re.compile(r"[ \t]+\n")
_BLANK_LINES = re.compile(r"\n{3,}")


def _needs_work(text: str) -> bool:
    """Fast check that lets most clean prompts through untouched.

    ``str.isprintable()`` (C speed) is False for every character this module changes (controls, format
    characters, separators other than the ASCII space, newlines, tabs); only those texts get the slower checks.
    """
    if text[:1].isspace() or text[-1:].isspace():
        return True
    if text.isprintable():
        return False
    return " \n" in text or "\t\n" in text or "\n\n\n" in text or _ODD_CHARS.search(text) is not None


def normalize_text(text: str) -> str:
    """``text`` with its white space normalised (see the module docstring).

    Args:
        text: any string.

    Returns:
        The normalised string (possibly empty).

    Example:
        >>> normalize_text("  Write\\u00a0a poem \\r\\n\\r\\n\\r\\n\\r\\n  about cats.\\u200b ")
        'Write a poem\\n\\n  about cats.'
    """
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if not _needs_work(text):
        return text
    text = _LINE_BREAKS.sub("\n", text)
    text = _DROP.sub("", text)
    text = _SPACES.sub(" ", text)
    text = _TRAILING.sub("\n", text)
    text = _BLANK_LINES.sub("\n\n", text)
    return text.strip()


def normalize_records(records: Iterable[Record], tally: Tally | None = None) -> Iterator[Record]:
    """Normalise the prompt, chat context, continuation and outputs of each record; drop empty prompts.

    Args:
        records: the stream from ``read``.
        tally: counts ``empty``.

    Returns:
        The records whose prompt is not empty after normalisation, in order.

    Example:
        >>> [r.prompt for r in normalize_records([Record(" a \\r\\nb "), Record(" \\u200b ")])]
        ['a\\nb']
    """
    tally = tally if tally is not None else Tally()
    for record in records:
        record.prompt = normalize_text(record.prompt)
        if not record.prompt:
            tally.count("empty")
            continue
        for turn in record.context:
            turn["content"] = normalize_text(turn["content"])
        if record.continuation is not None:
            record.continuation = normalize_text(record.continuation)
        for output in record.outputs:
            output.text = normalize_text(output.text)
        yield record
