"""LowercaseNameRecognizer: full names in lower case or capitals, from the given- and family-name lists."""

from __future__ import annotations

import pytest

from ml_backend.pii.recognizers.lowercase_names import LowercaseNameRecognizer
from pii_helpers import found

REC = LowercaseNameRecognizer()


@pytest.mark.parametrize(
    "text,name",
    [("can you write an apology email to john smith from accounting", "john smith"),
     ("is it rude to unfriend kevin o'brien?", "kevin o'brien"),
     ("PLEASE WRITE TO ROBERT WILLIAMS ABOUT THE RENT", "ROBERT WILLIAMS"),
     ("escribe una carta para maría fernández lópez por favor", None),  # not English: not looked for
     ("send it to linda martinez today", "linda martinez")],
)
def test_names(text: str, name: str | None) -> None:
    assert found(REC, text) == ([name] if name else [])


@pytest.mark.parametrize(
    "text",
    ["he has the will power to finish", "cook the brown rice until golden brown", "a little more per day",
     "the restaurant is at 389 king alexander street", "Jane Doe wrote it", "can you read my mind"],
)
def test_not_names(text: str) -> None:
    assert found(REC, text) == []


def test_a_name_is_certain() -> None:
    from ml_backend.pii.context import TextContext

    (c,) = REC.find(TextContext("tell linda martinez", None))
    assert c.certain and c.label == "Name"


@pytest.mark.parametrize(
    "text,name",
    [("ask pieter van den berg about the lease", "pieter van den berg"),  # surname particles
     ("a card for priya raghunathan", "priya raghunathan"),  # unlisted surname after a given name
     ("HAND THE KEYS TO OLUSEGUN ADEYEMI BY FRIDAY", "OLUSEGUN ADEYEMI"),  # unlisted given name + surname
     ("remind grace kim about the dentist", "grace kim"),  # name-like ordinary word + a real surname
     ("a poem for rosa delgado's birthday", "rosa delgado"),  # the possessive stays outside
     ("lean meats, poultry and fish", None),  # an inflected English word is no unlisted surname
     ("myndighetene vurderer nå om de skal få opphold", None),  # words of another language are no names
     ("he has the will power", None), ("what about the north pole?", None),
     ("it is still used today in martial arts", None)],  # a name-like word, then a plural noun
)
def test_names_beyond_the_lists(common: frozenset[str], text: str, name: str | None) -> None:
    assert found(REC, text, common=common) == ([name] if name else [])


def test_unlisted_words_need_the_english_word_table() -> None:
    """Without ``ctx.common`` nothing tells an unlisted surname from an English word: not tried."""
    assert found(REC, "a card for priya raghunathan") == []


@pytest.mark.parametrize("text,name", [("compare elon musk and jeff bezos", "elon musk"),
                                       ("summarize marie curie's life", "marie curie")])
def test_listed_public_figures_in_lower_case(common: frozenset[str], text: str, name: str) -> None:
    assert name in found(REC, text, common=common)


@pytest.mark.parametrize("text,name", [("the personal email for david calhoun?", "david calhoun"),
                                       ("except eric holder gave them", "eric holder"),
                                       ("the restaurant at 389 king alexander street", None)])
def test_a_name_like_family_word_after_a_given_name(common: frozenset[str], text: str, name: str | None) -> None:
    assert found(REC, text, common=common) == ([name] if name else [])


# new guideline cases, written before the cued and romanised rules (issue 13 item 3): (text, has_pii)
GUIDELINE_CASES = [
    ("my landlord is called rohan mehta, draft a letter asking for the deposit back", True),
    ("write a thank-you card for my tutor anneke de jong", True),
    ("remind li wei about the meeting tomorrow", True),
    ("our new hire is named tomasz grabowski, write him a welcome note", True),
    ("the plumber, his name is garrett lomax, never showed up. write a review", True),
    ("THIS BIKE BELONGS TO SARAH GREEN", True),
    ("zhang min from hr asked me for the file, reply politely", True),
    ("my tutor said the grace period ends friday", False),
    ("the contractor is called back next week, write a reminder", False),
    ("the app is called pocket planner, write a tagline", False),
    ("she was named employee of the month, write a toast", False),
    ("HEY JOHN LONG TIME NO SEE", False),
]


@pytest.mark.parametrize("text,has_pii", GUIDELINE_CASES)
def test_guideline_cases(text: str, has_pii: bool) -> None:
    from pii_helpers import engine_verdict

    assert engine_verdict(text)[0] is has_pii


# round 5, written before the short-pinyin cue, the borrowed-phrase list and the Vietnamese recognizer
ASIAN_CASES = [
    ("can you write a note to li na about the meeting", True),
    ("remind zhang wei that the rent is due", True),
    ("draft an email to nguyen van an asking for the invoice", True),
    ("tell wang fang i will be late", True),
    ("write a thank you card for tran thi mai", True),
    ("can you write a poem about the moon and the sea", False),
    ("tell me how to make pho and banh mi", False),
    ("what is the difference between yin and yang", False),
    ("how do i say thank you in chinese, xie xie?", False),
    ("is tai chi good for back pain", False),
    ("do van rentals need a special licence?", False),
]


@pytest.mark.parametrize("text,has_pii", ASIAN_CASES)
def test_lowercase_east_asian_and_vietnamese_names(text: str, has_pii: bool) -> None:
    from pii_helpers import engine_verdict

    assert engine_verdict(text)[0] is has_pii


def test_vietnamese_full_name_span_is_whole() -> None:
    from pii_helpers import engine_verdict

    assert "tran thi mai" in engine_verdict("write a thank you card for tran thi mai")[2]


# round 17 (tests/test_pii_round17_cases.py, written first): a double-barrelled family name in lower case
def test_lowercase_double_barrelled_names() -> None:
    from pii_helpers import engine_verdict

    assert "karen smith-jones" in engine_verdict("reply to the review from karen smith-jones about the soup")[2]
    assert not engine_verdict("reply to this review about the well-being of the staff")[0]
