"""PlateRecognizer: vehicle plates after a cue word (Identifier, certain); words and short codes are not."""

from __future__ import annotations

import pytest

from ml_backend.pii.context import TextContext
from ml_backend.pii.recognizers.plates import PlateRecognizer
from pii_helpers import found

REC = PlateRecognizer()


@pytest.mark.parametrize(
    "text,plate",
    [("My car's plate is KM19 XZT, help me appeal.", "KM19 XZT"), ("licence plate 7ABC123 was cloned", "7ABC123"),
     ("registration: B-MW 1234", "B-MW 1234")],
)
def test_plates(text: str, plate: str) -> None:
    assert found(REC, text) == [plate]
    (c,) = REC.find(TextContext(text, None))
    assert c.label == "Identifier" and c.certain


@pytest.mark.parametrize("text", ["the plate is HOT", "use the H1 tag", "my plate is cool22", "registration opens soon"])
def test_not_plates(text: str) -> None:
    assert found(REC, text) == []


# round 17 (tests/test_pii_round17_cases.py, written first): Indian plates, after a cue or none
@pytest.mark.parametrize("text,plates", [("My car's plate is MH 12 AB 3456 and", ["MH 12 AB 3456"]),
                                         ("The scooter TN 09 BX 7788 was towed", ["TN 09 BX 7788"]),
                                         ("a TN09BX7788 sticker", ["TN09BX7788"]),
                                         ("Is the MH 60 a good helicopter?", []), ("ISO 9001 AB 2015", [])])
def test_indian_plates(text: str, plates: list[str]) -> None:
    assert found(REC, text) == plates
