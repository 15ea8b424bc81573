"""titled_names: a full name after a title or kin word without "my" (round 8; cases in test_pii_round8_cases.py)."""

from __future__ import annotations

import doctest

import pytest

import ml_backend.pii.recognizers.titled_names as titled_names
from ml_backend.pii.recognizers.titled_names import TitledNameRecognizer
from pii_helpers import found
from test_pii_person_slots import common

REC = TitledNameRecognizer()


def test_doctests() -> None:
    assert doctest.testmod(titled_names).failed == 0


@pytest.mark.parametrize(
    "text,expected",
    [("a card for Nurse Adaeze Okonkwo who helped", ["Adaeze Okonkwo"]),
     ("a speech for Uncle Kwabena Mensah's birthday", ["Kwabena Mensah"]),
     ("email Coach Sione Tupou today", ["Sione Tupou"]), ("Tell Grandma Mele Taufa hi", ["Mele Taufa"]),
     ("Ask Officer Training Corps", []), ("near Coach House Road", []), ("see Dr Who", []),
     ("the Nurse Practitioner Program", []), ("Uncle Sam wants you", [])],
)
def test_recognizer(text: str, expected: list[str]) -> None:
    assert found(REC, text, common=common()) == expected


def test_needs_rejects_texts_without_a_title() -> None:
    assert titled_names.NEEDS.search("my friend adaeze okonkwo") is None
