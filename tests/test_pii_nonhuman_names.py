"""Round 6 cases for nonhuman_names."""

from __future__ import annotations

import pytest

import doctest

import ml_backend.pii.not_pii as not_pii
from ml_backend.pii.context import TextContext
from pii_helpers import assert_verdict


# round 6 (issue 13 item 3), written before the rule: names given to non-humans in story or product prompts (a robot,
# a dragon, a car, a chatbot, a ship, a toy, a creature) are NOT PII, as pets are; a person in the same prompt is.
# (text, the person's name or None when nothing may be flagged, certain)
CASES = [
    ("Write a story about a robot named Bolt who learns to paint.", None, None),
    ("A dragon called Ember guards the mountain; continue the tale.", None, None),
    ("My car, which I call Betsy, keeps stalling. What could be wrong?", None, None),
    ("Our chatbot Maya gives wrong answers about refunds; rewrite its greeting.", None, None),
    ("Write a bedtime story about a teddy bear named Mr. Buttons.", None, None),
    ("The ship Mary Rose sank in 1545; why?", None, None),
    ("A unicorn named Stardust Sparkle lives in the forest; write a poem.", None, None),
    ("Our mascot, a giant owl called Professor Hoot, needs a catchphrase.", None, None),
    ("My guitar is named Lucille; write a song about her.", None, None),
    ("In my game, a goblin named Grubnak Tallow steals the crown.", None, None),
    ("Sparky the robot teaches kids to code; write his intro.", None, None),
    ("My assistant Maria Lopez will call you tomorrow.", "Maria Lopez", True),
    ("The engineer Hannah Schultz built a robot named Bolt.", "Hannah Schultz", True),
    ("A boy named Lucas Meyer found a dragon called Ember.", "Lucas Meyer", True),
    ("Write a note to Jenna Park about her car, which she calls Betsy.", "Jenna Park", True),
    ("Our support bot forwards complaints to Daniel Okafor.", "Daniel Okafor", True),
    ("The robot vacuum was designed by Priya Raman.", "Priya Raman", True),
]

# A control the engine missed before round 6 too (not a non-human rule): "Park" is a place word of NOT_NAME_WORDS
# ("Hyde Park", "Victoria Park"), so a given name + Park is no "First Last" shape.
KNOWN_MISSES = {"Write a note to Jenna Park about her car, which she calls Betsy.": "Park is a place word (names.py)"}


@pytest.mark.parametrize("text,name,certain", CASES)
def test_cases(text: str, name: str | None, certain: bool | None) -> None:
    if text in KNOWN_MISSES:
        pytest.xfail(KNOWN_MISSES[text])
    assert_verdict(text, name, certain)

@pytest.mark.parametrize(
    "text,name,nonhuman",
    [("Meet our AI assistant Nova.", "Nova", True), ("Thomas the Tank Engine", "Thomas", False),
     ("We call our Roomba Dusty.", "Dusty", True), ("Hurricane Katrina hit New Orleans.", "Katrina", True),
     ("Near the old plant, John Smith waited.", "John Smith", False),  # no naming: a person near a place
     ("My assistant Maria Lopez will call.", "Maria Lopez", False), ("Sparky the robot waves.", "Sparky", True)],
)
def test_is_nonhuman_name(text: str, name: str, nonhuman: bool) -> None:
    s = text.index(name)
    assert not_pii.is_nonhuman_name(TextContext(text, None), s, s + len(name)) is nonhuman


def test_doctests() -> None:
    assert doctest.testmod(not_pii).failed == 0


# round 13 (tests/test_pii_round13_cases.py, written first): a business, product or publication given a name with
# a naming verb; without one ("the company John founded") the name is a person's
@pytest.mark.parametrize(
    "text,name,business",
    [("a bakery called Golden Crumb", "Golden Crumb", True), ("an app named Budget Buddy", "Budget Buddy", True),
     ("our startup's name is Blue Lantern", "Blue Lantern", True), ("a podcast called 'Quiet Hours'", "Quiet Hours",
                                                                    True),
     ("the company John Smith founded", "John Smith", False), ("a nurse named Daniel Osei", "Daniel Osei", False),
     ("a store named after Mary Jones", "Mary Jones", False)],
)
def test_named_businesses(text: str, name: str, business: bool) -> None:
    s = text.index(name)
    assert not_pii.is_nonhuman_name(TextContext(text, None), s, s + len(name)) is business


# round 14 (tests/test_pii_round14_cases.py, written first): more creatures of fantasy; a quoted song title
@pytest.mark.parametrize(
    "text,name,nonhuman",
    [("a pixie named Thistle", "Thistle", True), ("a centaur called Orin", "Orin", True),
     ("a werewolf named Fang", "Fang", True), ("a vampire called Lucian Gray", "Lucian Gray", True),
     ("a girl named Lucy Harlow", "Lucy Harlow", False)],
)
def test_creatures_of_fantasy(text: str, name: str, nonhuman: bool) -> None:
    s = text.index(name)
    assert not_pii.is_nonhuman_name(TextContext(text, None), s, s + len(name)) is nonhuman


def test_a_machine_named_like_a_flat_is_no_address() -> None:
    from ml_backend.pii.finding import Candidate

    text = "a robot named Unit 7 and a flat at Unit 9"
    cands = [Candidate(14, 20, "Location", "STREET_ADDRESS", 0.6, True),
             Candidate(35, 41, "Location", "STREET_ADDRESS", 0.6, True)]
    kept = not_pii.drop_not_pii(TextContext(text, None), cands)
    assert [text[c.start:c.end] for c in kept] == ["Unit 9"]


@pytest.mark.parametrize(
    "text,name,thing",
    [("Review the song 'Peggy Sue'.", "Peggy Sue", True), ('Play the track "Roxanne".', "Roxanne", True),
     ("Is the Lincoln Navigator a good car?", "Lincoln Navigator", True),
     ("Sing a song for 'Peggy' Sue Smith.", "Sue Smith", False)],
)
def test_titles_and_things(text: str, name: str, thing: bool) -> None:
    s = text.index(name)
    assert not_pii.is_named_after_person(TextContext(text, None), s, s + len(name)) is thing
