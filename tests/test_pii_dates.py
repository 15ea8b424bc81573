"""PersonDateRecognizer: dates tied to a person by a cue (or, day-precise, near a full name)."""

from __future__ import annotations

import pytest

from ml_backend.pii import get_pii_engine
from pii_helpers import spans


@pytest.fixture(scope="module")
def engine():
    return get_pii_engine()


@pytest.mark.parametrize(
    "text,value,certain",
    [("I was born on 14 March 1986; what is my sign?", "14 March 1986", True),
     ("DOB: 1990-07-22. Is this person old enough?", "1990-07-22", True),
     ("My son was born in 2015. When does he start school?", "2015", False)],
)
def test_dates_of_a_person(engine, text: str, value: str, certain: bool) -> None:
    f = engine.analyze(text)
    assert (value, "Date") in spans(f, text) and f.certain is certain


@pytest.mark.parametrize("text", ["What should I cook on Monday?", "Plan a team offsite for March 3, 2025.",
                                  "In 1999 the economy grew faster than expected."])
def test_plain_dates(engine, text: str) -> None:
    assert not engine.analyze(text).has_pii


def test_a_date_near_a_full_name(engine) -> None:
    text = "Name: Walter Jenkins\nDate: 03/04/2021\nPhone: none"
    assert ("03/04/2021", "Date") in spans(engine.analyze(text), text)


@pytest.mark.parametrize(
    "text,value",
    [("my daughter turns 7 on May 2nd, ideas for a party?", "May 2nd"),
     ("Priya is turning forty-five on 3 June; write her a limerick.", "3 June"),
     ("I turn 50 on October 12 and want a quiet weekend.", "October 12"),
     ("his bday is 04/11, remind me what to buy", "04/11")],
)
def test_birthdays_as_the_day_a_person_turns_an_age(engine, text: str, value: str) -> None:
    f = engine.analyze(text)
    assert (value, "Date") in spans(f, text) and f.certain


@pytest.mark.parametrize("text", ["The company turns 25 on June 1, plan the gala.", "It turns 3 on May 2nd.",
                                  "Last update: 4/25, see the changelog.", "Turn 90 degrees on March 3rd.",
                                  "Page 12/40 of the manual explains the setup."])
def test_no_birthday_without_a_person_or_a_cue(engine, text: str) -> None:
    assert not engine.analyze(text).has_pii


@pytest.mark.parametrize("piece", ["who ", "is ", "turns ", "Grandma ", "twenty-one ", "on ", "the ", "12/09 ", "/"])
def test_birthday_cues_on_long_runs(piece: str) -> None:
    """A 20,000-character run of one cue piece: the look-behind windows are bounded (80-90 characters a date)."""
    from ml_backend.pii.context import TextContext
    from ml_backend.pii.recognizers.dates import PersonDateRecognizer

    text = piece * (20_000 // len(piece)) + "Leo turns 5 on 12/09/2020"
    found = [text[c.start:c.end] for c in PersonDateRecognizer().find(TextContext(text, None))]
    assert "12/09/2020" in found
