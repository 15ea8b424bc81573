"""decorated_gamertags: xX_..._Xx gamertags (round 8; cases in test_pii_round8_cases.py)."""

from __future__ import annotations

import doctest

import pytest

import ml_backend.pii.recognizers.decorated_gamertags as decorated_gamertags
from ml_backend.pii.context import TextContext
from ml_backend.pii.recognizers.decorated_gamertags import DecoratedGamertagRecognizer
from pii_helpers import found

REC = DecoratedGamertagRecognizer()


def test_doctests() -> None:
    assert doctest.testmod(decorated_gamertags).failed == 0


@pytest.mark.parametrize(
    "text,expected",
    [("from xX_ShadowWolf_Xx today", ["xX_ShadowWolf_Xx"]), ("bio for xX_DarkSlayer99_Xx.", ["xX_DarkSlayer99_Xx"]),
     ("called xXNightRiderXx keeps", ["xXNightRiderXx"]), ("Xx_Dark_Slayer_xX", ["Xx_Dark_Slayer_xX"]),
     ("buy an Xbox", []), ("the XxX rating", []), ("xXboxXx", []), ("XXL shirt", [])],
)
def test_recognizer(text: str, expected: list[str]) -> None:
    assert found(REC, text) == expected


def test_gamertags_are_certain() -> None:
    (c,) = REC.find(TextContext("hi xX_ShadowWolf_Xx", None))
    assert c.certain
