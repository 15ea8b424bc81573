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


@pytest.mark.parametrize(
    "text,value",
    [("My SSN is 123-45-6789, is that format valid?", "123-45-6789"),  # Presidio drops it as a sample number
     ("ssn: 078-05-1120", "078-05-1120"),  # the Woolworth wallet number, also on Presidio's list
     ("social security number 219-09-9999", "219-09-9999"),
     ("member id 456-78-9012", "456-78-9012")],
)
def test_ssn_shaped_id_after_a_cue_is_not_taken_for_a_date(text: str, value: str) -> None:
    assert value in found(REC, text)


@pytest.mark.parametrize("text", ["account opened on 2020-01-02", "policy dated 12/09/2021", "claim of 3.4.21",
                                  "licence renewed 2021/12/31", "id 1-2-2020"])
def test_dates_after_a_cue_are_still_not_identifiers(text: str) -> None:
    assert found(REC, text) == []
