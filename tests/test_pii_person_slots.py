"""person_slots: full names right after a relation or role cue (round 7; the cases are in test_pii_round7_cases.py)."""

from __future__ import annotations

import doctest
import pytest

import ml_backend.pii.recognizers.person_slots as person_slots
from ml_backend.pii.recognizers.person_slots import RelationNameRecognizer, name_word_kind
from pii_helpers import english_words, found

REC = RelationNameRecognizer()
common = english_words  # called, not a fixture here


def test_doctests() -> None:
    assert doctest.testmod(person_slots).failed == 0


@pytest.mark.parametrize(
    "text,expected",
    [("My sister-in-law Sowmya Venkataraman is here.", ["Sowmya Venkataraman"]),
     ("Ask my boss, Murali Krishnan, about it.", ["Murali Krishnan"]),
     ("my former student haruto nakagawa.", ["haruto nakagawa"]),
     ("My coworker Tendai van Zyl left.", ["Tendai van Zyl"]),
     ("my coworker said the meeting moved", []),  # English words after the cue
     ("My brother-in-law Tesla Model 3 needs tyres.", []),  # a product
     ("My roommate Nintendo Switch broke.", []),
     ("my friend paneer tikka masala tastes great", []),  # no person's verb after a lower-case pair
     ("The sister Sowmya Venkataraman", [])],  # no possessive: no relation cue
)
def test_recognizer(text: str, expected: list[str]) -> None:
    assert found(REC, text, common=common()) == expected


def test_word_kinds() -> None:
    assert name_word_kind("Venkataraman", common(), lower=False) == "listed"
    assert name_word_kind("Oyelaran", common(), lower=False) == "unknown"
    assert name_word_kind("Switch", common(), lower=False) is None
    assert name_word_kind("the", common(), lower=True) is None
