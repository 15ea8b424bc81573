"""initial_names: a given name and an initial after by/with/from (round 8; cases in test_pii_round8_cases.py)."""

from __future__ import annotations

import doctest

import pytest

import ml_backend.pii.recognizers.initial_names as initial_names
from ml_backend.pii.recognizers.initial_names import InitialNameRecognizer
from pii_helpers import found
from test_pii_person_slots import common

REC = InitialNameRecognizer()


def test_doctests() -> None:
    assert doctest.testmod(initial_names).failed == 0


@pytest.mark.parametrize(
    "text,expected",
    [("9am intro by maria k., then", ["maria k."]), ("remarks by tunde a., keynote", ["tunde a."]),
     ("notes from Priya S.", ["Priya S."]), ("intro by email, review by friday", []),
     ("see the chart by fig a. below", []), ("written by mr x. and others", []), ("sorted by column A. Then", []),
     ("by will k., then", [])],
)
def test_recognizer(text: str, expected: list[str]) -> None:
    assert found(REC, text, common=common()) == expected
