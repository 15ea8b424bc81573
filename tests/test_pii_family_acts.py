"""Round 6 cases for family_acts."""

from __future__ import annotations

import pytest

import doctest

import ml_backend.pii.recognizers.family_acts as family_acts
from ml_backend.pii.recognizers.family_acts import FamilyActRecognizer
from pii_helpers import assert_verdict, found


# round 6 (issue 13 item 3), written before the rule: a small group named as an act ("the Jackson 5", "the Carter
# Family", "the <Surname> Trio/Quartet/Sisters/Brothers", a band named after a family): PII, not certain.
# (text, group or None when nothing may be flagged, certain)
CASES = [
    ("Who sang lead vocals in the Jackson 5?", "Jackson 5", False),
    ("Write a short bio of the Carter Family and their influence on country music.", "Carter Family", False),
    ("Review the new album from the Kowalski Trio.", "Kowalski Trio", False),
    ("Write a press release for the Hernandez Five reunion concert.", "Hernandez Five", False),
    ("Draft a poster for the Petrov Quintet concert at the town hall.", "Petrov Quintet", False),
    ("Who were the members of the Staple Singers?", "Staple Singers", False),
    ("Did the Andrews Sisters ever tour Europe?", "Andrews Sisters", False),
    ("Which album made the Carpenters famous?", "Carpenters", False),
    ("The Nguyen Quartet is playing at our wedding; suggest a setlist.", "Nguyen Quartet", False),
    ("Who are the Fantastic Four in Marvel comics?", None, None),
    ("The Big Three automakers cut jobs last year.", None, None),
    ("Which painters belonged to the Group of Seven?", None, None),
    ("Summarise the plot of the Famous Five books.", None, None),
    ("Which teams made the Final Four this year?", None, None),
    ("The Smith Family Foundation funds scholarships; write a grant letter.", None, None),
    ("The Romans built roads across the empire.", None, None),
]


@pytest.mark.parametrize("text,name,certain", CASES)
def test_cases(text: str, name: str | None, certain: bool | None) -> None:
    assert_verdict(text, name, certain)

REC = FamilyActRecognizer()
COMMON = frozenset({"proud", "pirate", "galactic", "fantastic", "big", "final", "famous", "magnificent", "carpenter",
                    "roman", "judd", "rose"})


def test_doctests() -> None:
    assert doctest.testmod(family_acts).failed == 0


@pytest.mark.parametrize(
    "text,expected",
    [("a concert by the Okafor Sextet", ["Okafor Sextet"]), ("the Magnificent Seven rides again", []),
     ("the Rose Family of plants", []), ("we sang along to the Judds all night", ["Judds"]),
     ("the Judds live next to the lake", []),  # a word-surname plural with no music in the sentence
     ("the Royal Family visited", []), ("THE JACKSON 5", []),
     # real texts (Davidson, OASST): a TV show, a game, a count, a story title
     ("Dijonay from The Proud Family.", []), ("made with The Sims 3. Happy", []),
     ("he signed with the Pirates 2 years ago", []), ("8. The Galactic Girls and their Misadventures", [])],
)
def test_recognizer(text: str, expected: list[str]) -> None:
    assert found(REC, text, common=COMMON) == expected


def test_group_not_certain() -> None:
    from ml_backend.pii.context import TextContext

    (c,) = REC.find(TextContext("the Jackson 5", None, COMMON))
    assert (c.entity, c.label, c.certain) == ("GROUP", "Name", False)
