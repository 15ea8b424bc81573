"""FictionalCharacterRecognizer: a listed fictional character's full name ("Hermione Granger"): PII, not certain;
and a spaCy name span equal to one is made not certain by ``classify_name``."""

from __future__ import annotations

import doctest

import pytest

from ml_backend.pii.context import TextContext
from ml_backend.pii.recognizers import fictional_characters
from ml_backend.pii.recognizers.fictional_characters import FictionalCharacterRecognizer
from ml_backend.pii.recognizers.names import classify_name
from pii_helpers import found

REC = FictionalCharacterRecognizer()


@pytest.mark.parametrize(
    "text,names",
    [("Write a diary entry as Hermione Granger.", ["Hermione Granger"]),
     ("Sherlock Holmes meets Hercule Poirot", ["Sherlock Holmes", "Hercule Poirot"]),
     ("Harry Potter Smith is my neighbour.", []),  # a longer name: someone else
     ("hermione granger", []),  # matched as listed
     ("Holmes alone", [])],
)
def test_listed_characters(text: str, names: list[str]) -> None:
    assert found(REC, text) == names


def test_a_character_is_not_certain() -> None:
    (c,) = REC.find(TextContext("Katniss Everdeen", None))
    assert c.label == "Name" and not c.certain


def test_a_spacy_span_of_a_listed_character_is_not_certain() -> None:
    text = "Role-play as Atticus Finch."
    s = text.index("Atticus")
    c = classify_name(TextContext(text, None), s, s + len("Atticus Finch"), source="spacy")
    assert c is not None and not c.certain
    other = "Write to Rosa Delgado."
    c = classify_name(TextContext(other, None), 9, 21, source="spacy")
    assert c is not None and c.certain


def test_doctests() -> None:
    assert doctest.testmod(fictional_characters).failed == 0
