"""LoneSurnameRecognizer: a listed surname the NER misses before a question's verb or a speech verb."""

from __future__ import annotations

import doctest

import pytest

import ml_backend.pii.recognizers.lone_surnames as lone_surnames
from ml_backend.pii.recognizers.lone_surnames import LoneSurnameRecognizer
from pii_helpers import engine_verdict, found

REC = LoneSurnameRecognizer()


def test_doctests() -> None:
    assert doctest.testmod(lone_surnames).failed == 0


# round 5, written before the rule: (text, has_pii)
CASES = [
    ("Did Henderson get fired after the audit?", True),
    ("Kowalski said the report was late, write a reply.", True),
    ("Why did Fitzgerald resign from the board?", True),
    ("Write a reply to what Okafor wrote in the group chat.", True),
    ("Did Brown get darker after the rain?", False),
    ("Why did Bitcoin crash last week?", False),
    ("Did Marketing get the budget approved?", False),
    ("Washington said no to the deal.", False),
    ("Did Poland get the bid?", False),
]


@pytest.mark.parametrize("text,has_pii", CASES)
def test_cases(text: str, has_pii: bool) -> None:
    found_pii, certain, _ = engine_verdict(text)
    assert found_pii is has_pii and not certain


@pytest.mark.parametrize(
    "text,expected",
    [("Did Ramirez ever reply?", ["Ramirez"]), ("Did John get fired?", []),  # a first name alone
     ("Did Madison get the job?", []), ("Richardson said no.", ["Richardson"]), ("Did Kale get cheaper?", [])],
)
def test_recognizer(text: str, expected: list[str]) -> None:
    assert found(REC, text, common=frozenset({"kale", "richardson", "madison"})) == expected


# round 12 (tests/test_pii_round12_cases.py, written first): the name a booking is under
@pytest.mark.parametrize(
    "text,expected",
    [("Confirm the reservation for Lindqvist, table for two.", ["Lindqvist"]),
     ("pickup order under Nakashima is ready", ["Nakashima"]), ("a booking under the name Okafor.", ["Okafor"]),
     ("table for Brennan, party of six", ["Brennan"]),  # a listed surname that is also a given name
     ("table for Sarah, party of six", []),  # a given name alone
     ("the reservation for Thanksgiving.", []), ("a reservation for Friday.", []), ("table for Two, please", []),
     ("an order for Pizza.", [])],
)
def test_booked_surnames(text: str, expected: list[str]) -> None:
    assert found(REC, text, common=frozenset({"thanksgiving", "two", "pizza"})) == expected


def test_a_long_run_of_booking_words_is_linear() -> None:
    """200,000 characters of "table for " with no name, then one: each start looks ahead a bounded way."""
    text = "table for " * 20_000 + "table for Lindqvist."
    assert found(REC, text) == ["Lindqvist"]
