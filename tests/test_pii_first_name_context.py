"""Round 6 cases for first_name_context."""

from __future__ import annotations

import pytest

import doctest

import ml_backend.pii.recognizers.first_name_context as first_name_context
from ml_backend.pii.recognizers.first_name_context import ContextualFirstNameRecognizer
from pii_helpers import assert_verdict, engine_verdict, found


# round 6 (issue 13 item 3), written before the rule: a first name made identifying by the person's school,
# class, employer or small town: PII, not certain. A first name alone stays not PII.
# (text, first name or None when nothing may be flagged, certain)
CASES = [
    ("Write an excuse note: my son Liam in third grade at Oakwood Elementary in Millbrook was sick on Friday.", "Liam", False),
    ("Draft a recommendation for Priya, a nurse at St. Agnes Hospital in Dunmore.", "Priya", False),
    ("Leah from Room 4B at Hillcrest Primary won the spelling bee; write a short announcement.", "Leah", False),
    ("Can you write a thank-you card for Omar, who works at the Greenfield Public Library?", "Omar", False),
    ("Sofia, a sophomore at Westbrook High School, needs help with her college essay.", "Sofia", False),
    ("Congratulate Mateo from the Tarrytown fire department on his promotion.", "Mateo", False),
    ("How can I support Ava, who is in Year 2 at St Mary's Primary in Ashby?", "Ava", False),
    ("Write a shout-out for Ethan, our cashier at the Kroger on Maple Street in Brookfield.", "Ethan", False),
    ("Tell Raj the meeting moved to three.", None, None),
    ("Ask Sarah to bring the slides.", None, None),
    ("Emma loves going to school; write a poem for her.", None, None),
    ("Write a story about a girl named Lily who attends a school for witches.", None, None),
    ("Jake works at a bank and hates Mondays; write a joke.", None, None),
    ("Maria from accounting wants the report by noon.", None, None),
]


@pytest.mark.parametrize("text,name,certain", CASES)
def test_cases(text: str, name: str | None, certain: bool | None) -> None:
    assert_verdict(text, name, certain)

REC = ContextualFirstNameRecognizer()


def test_doctests() -> None:
    assert doctest.testmod(first_name_context).failed == 0


@pytest.mark.parametrize(
    "text,expected",
    [("Ask Sarah to meet us at Oakwood Elementary.", []),  # "to": no description of Sarah
     ("Noor, who teaches at Brookside Academy, retires.", ["Noor"]),
     ("Lucas attends Pinecrest Middle School.", ["Lucas"]),
     ("Lucas loves Pinecrest. He attends Pinecrest Middle School.", []),  # another sentence
     ("a boy named Lucas who attends Pinecrest Middle School", []),  # a story's character
     # "from" and a small town or firm no dictionary knows; not a known city or a department
     ("Write a card for Liam from Millbrook.", ["Liam"]), ("Tell Anna from Berlin hello.", []),
     ("Sam from Accounting needs it.", []), ("Keep Your Brain from Rotating Them", [])],  # (OASST, title case)
)
def test_recognizer(text: str, expected: list[str]) -> None:
    assert found(REC, text, common=frozenset({"berlin", "accounting", "school", "rotate"})) == expected


def test_school_year_is_no_address() -> None:
    has_pii, certain, spans = engine_verdict("How can I support Ava, who is in Year 2 at St Mary's Primary in Ashby?")
    assert has_pii and not certain and "Year 2" not in spans


def test_a_school_named_after_a_person_is_no_person() -> None:
    """Written after the rule: "Lincoln Elementary" is a school (not_pii), the child's first name is the PII."""
    has_pii, certain, spans = engine_verdict("Write a note for Chloe, a 4th grader at Lincoln Elementary.")
    assert has_pii and not certain and spans == ["Chloe"]
