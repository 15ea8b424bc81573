"""VietnameseNameRecognizer: family + middle + given name in lower case or capitals."""

from __future__ import annotations

import doctest

import pytest

import ml_backend.pii.recognizers.vietnamese_names as vietnamese_names
from ml_backend.pii.recognizers.vietnamese_names import VietnameseNameRecognizer
from pii_helpers import found

REC = VietnameseNameRecognizer()
COMMON = frozenset({"rentals", "an", "long", "cheap", "the"})


def test_doctests() -> None:
    assert doctest.testmod(vietnamese_names).failed == 0


@pytest.mark.parametrize(
    "text,expected",
    [("email nguyen van an today", ["nguyen van an"]), ("CC TRAN THI MAI", ["TRAN THI MAI"]),
     ("ask pham minh duc", ["pham minh duc"]), ("do van rentals exist", []), ("Nguyen Van An", []),
     ("le van cheap", [])],
)
def test_names(text: str, expected: list[str]) -> None:
    assert found(REC, text, common=COMMON) == expected
