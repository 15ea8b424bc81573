"""Round 6 cases for cued_short_names."""

from __future__ import annotations

import pytest

import doctest

import ml_backend.pii.recognizers.cued_short_names as cued_short_names
from ml_backend.pii.recognizers.cued_short_names import CuedShortNameRecognizer
from pii_helpers import assert_verdict, found


# round 6 (issue 13 item 3), written before the rule: short foreign full names in lower case after a relation cue
# ("my neighbour li na", "my coworker wu lei"): PII, certain. (text, name or None when nothing may be flagged, certain)
CASES = [
    ("my neighbour li na keeps parking in my spot, write a polite note", "li na", True),
    ("write an email to my coworker wu lei about the deadline", "wu lei", True),
    ("can you help me thank my landlord zhou bo for fixing the heater", "zhou bo", True),
    ("my classmate kim ji-woo needs a birthday message", "kim ji-woo", True),
    ("my roommate tran an borrowed my charger again, how do i bring it up", "tran an", True),
    ("my colleague xu yan is leaving, draft a farewell card", "xu yan", True),
    ("my friend ma lin wants to learn english, suggest some books", "ma lin", True),
    ("my manager gao yu asked for the slides by friday", "gao yu", True),
    ("my tutor park min-ho recommended this book, write him a thank you", "park min-ho", True),
    ("my neighbour is nice but loud, how do i ask her to be quieter", None, None),
    ("my coworker wu said the build failed", None, None),
    ("my colleague in beijing sent me this file", None, None),
    ("my friend ma is visiting next week", None, None),
    ("my boss ran out of time at the meeting", None, None),
]


@pytest.mark.parametrize("text,name,certain", CASES)
def test_cases(text: str, name: str | None, certain: bool | None) -> None:
    assert_verdict(text, name, certain)

REC = CuedShortNameRecognizer()


def test_doctests() -> None:
    assert doctest.testmod(cued_short_names).failed == 0


@pytest.mark.parametrize(
    "text,expected",
    [("my wife ha ha said no", []), ("my friend li ran the race", []),
     ("my landlord nguyen linh called", ["nguyen linh"]),
     ("her name is choi yeon", ["choi yeon"]), ("my korean tutor park min-ho said", ["park min-ho"]),  # adjectives
     ("my very best friend in town", []), ("my friend said hi", []), ("my coworker lam", [])],
)
def test_recognizer(text: str, expected: list[str]) -> None:
    assert found(REC, text, common=frozenset({"ran", "said", "hi", "ha"})) == expected
