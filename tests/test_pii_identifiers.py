"""IdentifierRecognizer: masked ids, ids after a cue, the last digits of a card or account."""

from __future__ import annotations

import pytest

from ml_backend.pii.recognizers.identifiers import IdentifierRecognizer
from pii_helpers import found

REC = IdentifierRecognizer()


@pytest.mark.parametrize(
    "text,value",
    [("My SSN is ***-**-4821.", "***-**-4821"), ("card XXXX XXXX XXXX 4321 declined", "XXXX XXXX XXXX 4321"),
     ("acct ****7890 overdrawn", "****7890"), ("ssn xxx-xx-1234", "xxx-xx-1234"),
     ("IBAN DE89 XXXX XXXX XXXX 3000", "DE89 XXXX XXXX XXXX 3000"), ("card •••• 1234", "•••• 1234"),
     ("my Visa card ending in 5512", "5512"), ("My employee id is EMP-448291", "EMP-448291"),
     ("Patient MRN 00482913 was admitted", "00482913")],
)
def test_identifiers(text: str, value: str) -> None:
    assert value in found(REC, text)


@pytest.mark.parametrize("text", ["Chapter XX begins", "I scored 10 points", "x = 3 * 4", "Rated XXX", "**bold** 12",
                                  "account opened on 2020-01-02"])
def test_not_identifiers(text: str) -> None:
    assert found(REC, text) == []
