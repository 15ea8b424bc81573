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
