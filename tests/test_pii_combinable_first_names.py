"""combinable_first_names: first names with identifying details (round 7; cases in test_pii_round7_cases.py)."""

from __future__ import annotations

import doctest

import pytest

import ml_backend.pii.recognizers.combinable_first_names as combinable_first_names
from ml_backend.pii.recognizers.combinable_first_names import CombinableFirstNameRecognizer
from pii_helpers import found
from test_pii_person_slots import common

REC = CombinableFirstNameRecognizer()


def test_doctests() -> None:
    assert doctest.testmod(combinable_first_names).failed == 0


@pytest.mark.parametrize(
    "text,expected",
    [("my coworker jean-luc, who is leaving Accenture, hums", ["jean-luc"]),
     ("my boss Anne-Marie at the Marriott is strict", ["Anne-Marie"]),
     ("Emma and Lucas were roommates at Boston College in 2018.", ["Emma", "Lucas"]),
     ("Write a poem for Aiden, point guard on the Westfield Wolves in Maplewood.", ["Aiden"]),
     ("my coworker mary-kate keeps humming", []),  # no employer
     ("my coworker e-mailed Deloitte", []),  # no given name
     ("Jack and Jill went up the hill in 1765.", []),  # one detail
     ("Help Sam in Python with Pandas in 2020.", []),  # "Python", "Pandas" are words: no town, no organisation
     ("a girl named Lily who met a wizard at Hogwarts in 1991", [])],  # a story's character
)
def test_recognizer(text: str, expected: list[str]) -> None:
    assert found(REC, text, common=common()) == expected


# round 15 (tests/test_pii_round15_cases.py, written first): an accented given name; a town that is a given name
@pytest.mark.parametrize(
    "text,ents,expected",
    [("Thank Lucía, the midwife at Clínica Santa Fe in Cusco.", [(48, 53, "GPE")], ["Lucía"]),
     ("Report Kevin, the pharmacist at the Walgreens in Dayton.", [(49, 55, "GPE")], ["Kevin"]),
     ("Report Kevin, the pharmacist at the Walgreens in Dayton.", [], ["Kevin"]),  # a given name ending a clause
     ("Report Kevin, the pharmacist at the Walgreens in Dayton Smith's shop", [], [])],  # a person: no town
)
def test_accents_and_towns_named_like_people(text: str, ents: list, expected: list[str]) -> None:
    from ml_backend.pii.context import TextContext

    ctx = TextContext(text, None, common(), ents)
    assert [text[c.start:c.end] for c in REC.find(ctx)] == expected
