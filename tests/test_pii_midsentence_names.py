"""midsentence_names: a name-shaped full name mid-sentence (round 8; cases in test_pii_round8_cases.py)."""

from __future__ import annotations

import doctest

import pytest

import ml_backend.pii.recognizers.midsentence_names as midsentence_names
from ml_backend.pii.recognizers.midsentence_names import MidSentenceNameRecognizer
from pii_helpers import found
from test_pii_person_slots import common

REC = MidSentenceNameRecognizer()


def test_doctests() -> None:
    assert doctest.testmod(midsentence_names).failed == 0


@pytest.mark.parametrize(
    "text,expected",
    [("I said that Itzel Ramírez-Quintero will cover for me.", ["Itzel Ramírez-Quintero"]),
     ("Please thank Kwame Osei for organising the fundraiser.", ["Kwame Osei"]),
     ("Write a review of the Saatchi Gallery exhibition.", []),
     ("Explain how the Bluetooth Low Energy protocol works.", []),
     ("Compare Shopify Plus and WooCommerce for my store.", []),
     ('I love the film "Kwame Osei" a lot.', []),
     ("Kwame Osei will cover for me.", [])],
)
def test_recognizer(text: str, expected: list[str]) -> None:
    assert found(REC, text, common=common()) == expected


def test_needs_rejects_texts_without_two_title_words() -> None:
    assert midsentence_names.NEEDS.search("please thank kwame osei") is None
