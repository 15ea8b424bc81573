"""LowercaseTitleRecognizer: "mrs. patel" (a lone surname, not certain), "mr john smith" (certain)."""

from __future__ import annotations

import pytest

from ml_backend.pii.context import TextContext
from ml_backend.pii.recognizers.lowercase_titles import LowercaseTitleRecognizer

REC = LowercaseTitleRecognizer()


@pytest.mark.parametrize(
    "text,found",
    [("my neighbour mrs. patel is lovely", [("patel", False)]), ("tell dr okafor i'll be late", [("okafor", False)]),
     ("ask mr john smith about it", [("john smith", True)]),
     ("a glass of dr pepper", []), ("mr nice guy", []), ("he said yes sir", []), ("miss universe 2020", []),
     ("Mi nombre es dr. garcía", [])],  # not English: not looked for
)
def test_lowercase_titles(common: frozenset[str], text: str, found: list[tuple[str, bool]]) -> None:
    assert [(text[c.start:c.end], c.certain) for c in REC.find(TextContext(text, None, common))] == found
