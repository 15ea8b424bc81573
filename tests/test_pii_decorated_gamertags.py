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


# round 11 (tests/test_pii_round11_cases.py, written first): underscores around a lower-case core are decoration too
@pytest.mark.parametrize(
    "text,expected",
    [("called xX_darkwolf_Xx", ["xX_darkwolf_Xx"]), ("tag Xx__frost__xX", ["Xx__frost__xX"]),
     ("xX_ab_Xx", []),  # a core of two letters
     ("xX_darkwolfXx", []),  # an underscore on one side only: the core needs a capital
     ("xX___Xx", [])],  # no letter
)
def test_lowercase_core_between_underscores(text: str, expected: list[str]) -> None:
    assert found(REC, text) == expected


@pytest.mark.parametrize("text", ["xX" + "_" * 200_000 + "abcXx", "xX_" * 70_000, ("xX_" + "a" * 40) * 4_500])
def test_long_underscore_runs_are_linear(text: str) -> None:
    """200,000 characters of frames and underscores: the padding is possessive and the core at most 30 characters,
    so each "xX" costs a bounded look ahead (no tag: the padding never closes)."""
    assert found(REC, text) == []
