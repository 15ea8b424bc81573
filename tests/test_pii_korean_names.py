"""KoreanNameRecognizer: a Korean family name and a hyphenated two-syllable given name ("Kim Min-jun"): a full
name, certain; and :func:`korean_name_end`, which carries a spaCy name span over the hyphen ("Choi Hyun" -> "Choi
Hyun-woo")."""

from __future__ import annotations

import doctest

import pytest

from ml_backend.pii.recognizers import korean_names
from ml_backend.pii.recognizers.korean_names import KoreanNameRecognizer, is_korean_name, korean_name_end
from pii_helpers import found

REC = KoreanNameRecognizer()


@pytest.mark.parametrize(
    "text,names",
    [("Write to Kim Min-jun today.", ["Kim Min-jun"]), ("Ask PARK JI-YEON.", ["PARK JI-YEON"]),
     ("email lee seo-yeon and Son Heung-Min", ["lee seo-yeon", "Son Heung-Min"]),
     ("Book a Park-and-ride spot.", []),  # no space: no name
     ("Do Re-mi is a song.", []),  # "Do" is left out of the family names
     ("Kim Well-being", []),  # "well" is no Korean syllable
     ("Kim min-Jun", [])],  # mixed case
)
def test_korean_names(text: str, names: list[str]) -> None:
    assert found(REC, text) == names


def test_a_korean_name_is_certain() -> None:
    (c,) = REC.find(__import__("ml_backend.pii.context", fromlist=["TextContext"]).TextContext("Kim Min-jun", None))
    assert c.label == "Name" and c.certain


@pytest.mark.parametrize("value,ok", [("Choi Hyun-woo", True), ("Moon Jae-in", True), ("Kim Jong-Un", True),
                                      ("Smith Min-jun", False), ("Park Ride-share", False)])
def test_is_korean_name(value: str, ok: bool) -> None:
    assert is_korean_name(value) is ok


def test_a_span_cut_at_the_hyphen_is_carried_over_it() -> None:
    text = "Ask Choi Hyun-woo and Ann Lee-Smith."
    assert text[4:korean_name_end(text, 4, 13)] == "Choi Hyun-woo"
    assert korean_name_end(text, 22, 29) == 29  # "Ann Lee" + "-Smith": no Korean name


def test_linear_on_a_long_run_of_syllables() -> None:
    text = "Kim " + "-".join(["min"] * 20000)
    assert found(REC, text) == []


def test_doctests() -> None:
    assert doctest.testmod(korean_names).failed == 0


# round 20 (tests/test_pii_round20_cases.py, written first): Western order, the given name first
@pytest.mark.parametrize("text,names", [("my grandmother Soo-ah Park's stew", ["Soo-ah Park"]),
                                        ("Welcome Min-jun Lee today", ["Min-jun Lee"]),
                                        ("Book a park-and-ride ticket", []), ("a Well-being Park", [])])
def test_western_order(text: str, names: list[str]) -> None:
    assert found(REC, text) == names


def test_a_korean_family_name_that_is_a_place_word_stays_a_name() -> None:
    from pii_helpers import engine_verdict

    assert "Soo-ah Park" in engine_verdict("How do I recreate my grandmother Soo-ah Park's kimchi stew?")[2]
