"""combinable_first_names: first names with identifying details (round 7; cases in test_pii_round7_cases.py)."""

from __future__ import annotations

import doctest

import pytest

import ml_backend.pii.recognizers.combinable_first_names as combinable_first_names
from ml_backend.pii.recognizers.combinable_first_names import CombinableFirstNameRecognizer
from pii_helpers import found
from test_pii_person_slots import common

REC = CombinableFirstNameRecognizer()


def test_doctests() -> None:
    assert doctest.testmod(combinable_first_names).failed == 0


@pytest.mark.parametrize(
    "text,expected",
    [("my coworker jean-luc, who is leaving Accenture, hums", ["jean-luc"]),
     ("my boss Anne-Marie at the Marriott is strict", ["Anne-Marie"]),
     ("Emma and Lucas were roommates at Boston College in 2018.", ["Emma", "Lucas"]),
     ("Write a poem for Aiden, point guard on the Westfield Wolves in Maplewood.", ["Aiden"]),
     ("my coworker mary-kate keeps humming", []),  # no employer
     ("my coworker e-mailed Deloitte", []),  # no given name
     ("Jack and Jill went up the hill in 1765.", []),  # one detail
     ("Help Sam in Python with Pandas in 2020.", []),  # "Python", "Pandas" are words: no town, no organisation
     ("a girl named Lily who met a wizard at Hogwarts in 1991", [])],  # a story's character
)
def test_recognizer(text: str, expected: list[str]) -> None:
    assert found(REC, text, common=common()) == expected
