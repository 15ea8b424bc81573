"""vocatives: a surname addressed at the start of a quoted line (round 7; cases in test_pii_round7_cases.py)."""

from __future__ import annotations

import doctest

import pytest

import ml_backend.pii.recognizers.vocatives as vocatives
from ml_backend.pii.recognizers.vocatives import VocativeSurnameRecognizer
from pii_helpers import found
from test_pii_person_slots import common

REC = VocativeSurnameRecognizer()


def test_doctests() -> None:
    assert doctest.testmod(vocatives).failed == 0


@pytest.mark.parametrize(
    "text,expected",
    [('He said: "KOWALCZYK, your report is late."', ["KOWALCZYK"]),
     ("'NAKAMURA-SATO, report to the bridge.'", ["NAKAMURA-SATO"]),
     ("Henderson, you call that a sprint?", ["Henderson"]),
     ('"JOHN, your report is late."', []),  # a given name alone
     ('"WARNING, your session will expire."', []), ('"SIR, your table is ready."', []),
     ('"ZEUS, your thunder is weak!"', []), ('"NASA, we have a problem."', []),
     ("Note: KOWALCZYK, your report", [])],  # not at a line start or after an opening quote
)
def test_recognizer(text: str, expected: list[str]) -> None:
    assert found(REC, text, common=common()) == expected
