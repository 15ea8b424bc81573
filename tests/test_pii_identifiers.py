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


# round 10 (tests/test_pii_round10_cases.py, written first): a device's or account's id as a UUID or lower-case hex,
# only after a cue that says whose id it is
@pytest.mark.parametrize(
    "text,value",
    [("device id: 3f1c9a2e-7b44-4d0e-a8c1-5e2f9b0d6a17", "3f1c9a2e-7b44-4d0e-a8c1-5e2f9b0d6a17"),
     ("Android ID is 9774d56d682e549c", "9774d56d682e549c"), ("my IDFA = 6D92078A-8246-4BA4-AE5B-76104861E7DC",
                                                              "6D92078A-8246-4BA4-AE5B-76104861E7DC"),
     ("user id 0f8fad5b-d9cb-469f-a165-70867728950e", "0f8fad5b-d9cb-469f-a165-70867728950e"),
     ("serial number: a1b2c3d4e5f6", "a1b2c3d4e5f6")],
)
def test_hex_ids_after_a_device_cue(text: str, value: str) -> None:
    assert value in found(REC, text)


@pytest.mark.parametrize(
    "text",
    ["request id 5f2b7c1e-0d3a-4e8f-9b6a-2c4d8e1f0a3b", "commit 9fceb02d0ae598e95dc970b74767f19372d61af8",
     "a UUID like 123e4567-e89b-12d3-a456-426614174000", "device id: deadbeefcafe",  # no digit: a word
     "device id 3f1c9a2e-7b44-4d0e-a8c1-5e2f9b0d6a17-extra"],  # longer than a UUID: no UUID
)
def test_hex_ids_without_a_device_cue_are_not_identifiers(text: str) -> None:
    assert found(REC, text) == []


def test_a_long_run_of_device_cues_is_linear() -> None:
    """200,000 characters of cues without a value, then one with a value: one scan, one id."""
    text = "device id is " * 15_000 + "device id is 9774d56d682e549c"
    assert found(REC, text) == ["9774d56d682e549c"]


# round 18 (tests/test_pii_round18_cases.py, written first): a prescription's number; a log line's e-mail key
@pytest.mark.parametrize("text,value", [("Rx #5512093 - Metformin", "5512093"), ("Prescription no. 8841207", "8841207"),
                                        ("Is the Radeon RX 6600 good?", None)])
def test_prescription_numbers(text: str, value: str | None) -> None:
    from pii_helpers import engine_verdict

    has, _, spans = engine_verdict(text)
    assert (value in spans) if value else not has


def test_a_logged_email_without_its_key() -> None:
    from pii_helpers import engine_verdict

    assert engine_verdict("level=warn email=t.nakamura@gmail.com id=77")[2] == ["t.nakamura@gmail.com"]


@pytest.mark.parametrize("text,value", [("crashed on device 7c1e9a40-52bd-4f0e-8a3b-1d2e3f4a5b6c today",
                                         "7c1e9a40-52bd-4f0e-8a3b-1d2e3f4a5b6c"),
                                        ("request 7c1e9a40-52bd-4f0e-8a3b-1d2e3f4a5b6c timed out", None)])
def test_a_uuid_right_after_device(text: str, value: str | None) -> None:
    assert found(REC, text) == ([value] if value else [])
