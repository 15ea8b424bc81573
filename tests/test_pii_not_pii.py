"""The not-PII rules (ml_backend.pii.not_pii): company contacts, Greek mythology, brands, products, pets."""

from __future__ import annotations

import doctest

import pytest

from ml_backend.pii import get_pii_engine, not_pii
from ml_backend.pii.context import TextContext


@pytest.fixture(scope="module")
def engine():
    return get_pii_engine()


@pytest.mark.parametrize(
    "value,entity,company",
    [("1-800-555-0199", "PHONE_NUMBER", True), ("(888) 555-0100", "PHONE_NUMBER", True),
     ("0800 123 4567", "PHONE_NUMBER", True), ("415-555-0134", "PHONE_NUMBER", False),
     ("support@acme.com", "EMAIL_ADDRESS", True), ("no-reply@shop.example", "EMAIL_ADDRESS", True),
     ("jane.doe@gmail.com", "EMAIL_ADDRESS", False)],
)
def test_company_contact_values(value: str, entity: str, company: bool) -> None:
    assert not_pii.is_company_contact_value(value, entity) is company


def test_company_context() -> None:
    text = "Call Acme support at 555-0100. Or call me at 555-0199."
    ctx = TextContext(text, None)
    a, b = text.index("555-0100"), text.index("555-0199")
    assert not_pii.is_company_context(ctx, a, a + 8) and not not_pii.is_company_context(ctx, b, b + 8)


@pytest.mark.parametrize(
    "text",
    ["Write a story in which Zeus and Poseidon argue.", "Is a Michael Kors handbag worth the price?",
     "Write an ad for Ben & Jerry's new flavour.", "Our cat Mr. Whiskers turns ten today.",
     "Give me a training plan for my puppy, Captain Fluffington.", "Are Tommy Hilfiger shirts good quality?",
     "Our office is at 500 Market Street, San Francisco. Write directions.", "Email our sales team at sales@northwind.example."],
)
def test_not_pii(engine, text: str) -> None:
    assert not engine.analyze(text).has_pii


@pytest.mark.parametrize("text", ["My friend John Miller bought new shoes.", "Call me at 415-555-0134.",
                                  "Jane Smith's car was towed."])
def test_still_pii(engine, text: str) -> None:
    assert engine.analyze(text).has_pii


def test_docstrings() -> None:
    assert doctest.testmod(not_pii).failed == 0


@pytest.mark.parametrize(
    "text",
    ["What is the history of the Lincoln Memorial?", "Why is the Mona Lisa smiling?",
     "Describe the painting Whistler's Mother to a blind friend.", "Who won the Nobel Prize in 1921?",
     "Which is cheaper for groceries, Lidl or Sainsbury's?", "Is Trader Joe's open on Sundays?",
     "The Hilton on Main Street is at 225 Main Street, Hartford; write directions from the station."],
)
def test_things_named_after_people_are_not_pii(engine, text: str) -> None:
    assert not engine.analyze(text).has_pii, text


@pytest.mark.parametrize(
    "text",
    ["Book a room at the Hilton for Maria Gonzalez.", "The Halldór Ó Árnþórsson version recorded for Berkshire",
     "Send Abraham Lincoln's letter to the museum.", "My address is 225 Main Street, Hartford."],
)
def test_people_next_to_the_same_cues_stay_pii(engine, text: str) -> None:
    assert engine.analyze(text).has_pii, text
