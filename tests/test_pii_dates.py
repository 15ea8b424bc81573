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
