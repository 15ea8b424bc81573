"""name_lists: first names listed with a named school (round 8; cases in test_pii_round8_cases.py)."""

from __future__ import annotations

import doctest

import pytest

import ml_backend.pii.recognizers.name_lists as name_lists
from ml_backend.pii.context import TextContext
from ml_backend.pii.recognizers.name_lists import NameListRecognizer
from pii_helpers import found

REC = NameListRecognizer()


def test_doctests() -> None:
    assert doctest.testmod(name_lists).failed == 0


@pytest.mark.parametrize(
    "text,expected",
    [("Remind Ethan, Zoe and Liam about practice at Westbrook Middle School.", ["Ethan", "Zoe", "Liam"]),
     ("A note to Chloe, Noah, and Mia about the sale at St. Mary's Academy.", ["Chloe", "Noah", "Mia"]),
     ("Write to the parents about the carpool for Lincoln Elementary.", []),
     ("A story about Olivia, Mason, and Ava, three dragons who go to school.", []),
     ("Characters named Olivia and Ava go to Lincoln Elementary.", []),
     ("Olivia and Ava like pizza. Lincoln Elementary closes at 3.", []),
     ("Will and May went to Lincoln Elementary.", [])],
)
def test_recognizer(text: str, expected: list[str]) -> None:
    assert found(REC, text) == expected


def test_listed_first_names_are_not_certain() -> None:
    assert not any(c.certain for c in REC.find(TextContext("Olivia and Ava at Lincoln Elementary", None)))
