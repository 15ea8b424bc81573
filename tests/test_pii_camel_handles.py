"""camel_handles: CamelCase creator pseudonyms (round 7; cases in test_pii_round7_cases.py)."""

from __future__ import annotations

import doctest

import pytest

import ml_backend.pii.recognizers.camel_handles as camel_handles
from ml_backend.pii.recognizers.camel_handles import CamelCaseHandleRecognizer
from pii_helpers import found

REC = CamelCaseHandleRecognizer()


def test_doctests() -> None:
    assert doctest.testmod(camel_handles).failed == 0


@pytest.mark.parametrize(
    "text,expected",
    [("Roast ShadowFoxPlays's new video.", ["ShadowFoxPlays"]), ("Clip of xQcOW's stream", ["xQcOW"]),
     ("MrBeast's latest video", ["MrBeast"]), ("Join the NightOwlGaming channel", ["NightOwlGaming"]),
     ("PixelQueenTV's latest painting", []),  # nothing says streams or online content
     ("YouTube's new stream policy", []), ("McDonald's stream ad", []), ("DeAndre's stream", []),
     ("the @PixelQueenTV's stream", [])],  # an @handle is the handles recognizer's
)
def test_recognizer(text: str, expected: list[str]) -> None:
    assert found(REC, text) == expected
