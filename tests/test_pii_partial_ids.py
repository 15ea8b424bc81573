"""Round 6 cases for partial_ids."""

from __future__ import annotations

import pytest

import doctest

import ml_backend.pii.recognizers.partial_ids as partial_ids
from ml_backend.pii.recognizers.partial_ids import PartialIdRecognizer
from pii_helpers import assert_verdict, found


# round 6 (issue 13 item 3), written before the rule: partial identifiers given in words ("the last four digits of
# my SSN are 4417", "my card ending in 4821", "account no. ending 0093"): Identifier, certain.
# A shop's order number is no person's identifier (the guideline: receipts without names are not PII).
# (text, identifier or None when nothing may be flagged, certain)
CASES = [
    ("The last four digits of my SSN are 4417, can you help me fill in this form?", "4417", True),
    ("My card ending in 4821 was charged twice; write a complaint.", "4821", True),
    ("Account no. ending 0093 shows a fee I did not authorise.", "0093", True),
    ("The last 4 digits of my phone number are 7730.", "7730", True),
    ("My bank account's last four digits: 6652. Draft a letter to the bank.", "6652", True),
    ("Her Visa ending with 3309 was declined at checkout.", "3309", True),
    ("last four of my social are 1298, is it safe to share that?", "1298", True),
    ("The final four digits of my credit card read 5510.", "5510", True),
    ("My passport number ends in 772, is that enough for the form?", "772", True),
    ("The last four digits of my account are four four one seven.", "four four one seven", True),
    ("What are the last four digits of pi?", None, None),
    ("I have lived here for the last 4 years.", None, None),
    ("Where is my order #4417? It was due Monday.", None, None),
    ("The last four digits of the year 1984 add up to 22.", None, None),
    ("Receipts usually show only the last four digits of a card.", None, None),
    ("My flight number ending in 12 was delayed again.", None, None),
]


@pytest.mark.parametrize("text,name,certain", CASES)
def test_cases(text: str, name: str | None, certain: bool | None) -> None:
    assert_verdict(text, name, certain)

REC = PartialIdRecognizer()


def test_doctests() -> None:
    assert doctest.testmod(partial_ids).failed == 0


@pytest.mark.parametrize(
    "text,expected",
    [("ssn last 4: 9921", ["9921"]), ("the last two digits of his licence plate are 47", ["47"]),
     ("my mobile number ends with 88 12", ["88 12"]), ("Last 4 of my card = 0042.", ["0042"]),
     ("the last four digits of my card are 12345678", []),  # a long number is no partial one (other recognizers)
     ("the last 4 digits of the invoice are 1234", []), ("my order ending in 1234", []),
     ("no digit here at all, only the last words", [])],
)
def test_recognizer(text: str, expected: list[str]) -> None:
    assert found(REC, text) == expected


def test_identifier_label_and_certain() -> None:
    (c,) = REC.find(__import__("ml_backend.pii.context", fromlist=["TextContext"]).TextContext(
        "The last four digits of my SSN are 4417", None))
    assert (c.label, c.entity, c.certain) == ("Identifier", "PARTIAL_ID", True)
