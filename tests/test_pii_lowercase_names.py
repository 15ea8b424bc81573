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
