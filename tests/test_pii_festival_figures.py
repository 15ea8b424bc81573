"""Round 6 cases for festival_figures."""

from __future__ import annotations

import pytest

import doctest

import ml_backend.pii.recognizers.festival_figures as festival_figures
from ml_backend.pii.recognizers.festival_figures import FestivalFigureRecognizer, festival_figures as stories
from pii_helpers import assert_verdict, engine_verdict, found


# round 6 (issue 13 item 3), written before the rule: a figure of scripture whose only cue is a religious festival,
# rite or text ("a cup for Elijah at Passover", "Esther in the Purim story", "Arjuna in the Gita"): PII, not certain.
# Greek myth and the festival alone are not PII, nor a person who shares the name.
# (text, figure or None when nothing may be flagged, certain)
CASES = [
    ("Why is a cup of wine left for Elijah at the Passover seder?", "Elijah", False),
    ("What role does Esther play in the Purim story?", "Esther", False),
    ("Why is the book of Ruth read during Shavuot?", "Ruth", False),
    ("Why is Jonah read on the afternoon of Yom Kippur?", "Jonah", False),
    ("Why is Peter's denial read on Good Friday?", "Peter", False),
    ("Describe Isaac's binding as it is read on Rosh Hashanah.", "Isaac", False),
    ("How does Rama's return home explain the Diwali lamps?", "Rama", False),
    ("Why is Prahlad remembered when people light bonfires at Holi?", "Prahlad", False),
    ("Explain why Miriam's cup is placed on the seder table.", "Miriam", False),
    ("What does the Bhagavad Gita say Arjuna must do?", "Arjuna", False),
    ("Why is Ibrahim remembered at Eid al-Adha?", "Ibrahim", False),
    ("How do families celebrate Passover at home?", None, None),
    ("Write a Diwali greeting for my coworkers.", None, None),
    ("What foods are eaten during Ramadan?", None, None),
    ("What happens at the Thesmophoria festival of Demeter?", None, None),
    ("My daughter Esther is in the Purim play this year, help with her lines.", None, None),
    ("Ask Ruth whether she is coming to our Shavuot dinner.", None, None),
    ("Why did Persephone eat the pomegranate seeds?", None, None),
]


@pytest.mark.parametrize("text,name,certain", CASES)
def test_cases(text: str, name: str | None, certain: bool | None) -> None:
    assert_verdict(text, name, certain)

REC = FestivalFigureRecognizer()


def test_doctests() -> None:
    assert doctest.testmod(festival_figures).failed == 0


@pytest.mark.parametrize(
    "text,expected",
    [("What did Moses eat at the first Passover?", ["Moses"]),  # not a given name: any festival cue
     ("What Christmas gift should I get for Joseph?", []),  # someone's plans
     ("Why did Mary travel before the Nativity?", ["Mary"]),
     ("Why is Esther honoured at Diwali?", []),  # a given name outside its own festival's story
     ("I lent Peter my car.", []),  # "lent" the verb is no Lent
     ("Moses led the people. Passover is in spring.", [])],  # the cue must be in the same sentence
)
def test_recognizer(text: str, expected: list[str]) -> None:
    assert found(REC, text) == expected


def test_the_story_list_is_reachable() -> None:
    """Every festival of ``festival_figures.txt`` is a spelling the cue pattern matches, and every figure of it is
    a listed figure (else the recognizer could never find it)."""
    from ml_backend.pii.not_pii import FESTIVAL_CUE
    from ml_backend.pii.recognizers.festival_figures import _key
    from ml_backend.pii.wordlists import religious_figures

    for key, figures in stories().items():
        m = FESTIVAL_CUE.search("the " + key) or FESTIVAL_CUE.search("the " + key.title())
        assert m is not None and _key(m.group()) == key, key
        assert figures and figures <= set(religious_figures()), key


def test_festival_names_are_no_person() -> None:
    _, _, spans = engine_verdict("Describe Isaac's binding as it is read on Rosh Hashanah.")
    assert spans == ["Isaac"]
