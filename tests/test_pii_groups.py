"""Bands and small groups: a deny list (BandRecognizer) and a cue (GroupCueRecognizer); PII, not certain."""

from __future__ import annotations

import pytest

from ml_backend.pii.recognizers.groups import BandRecognizer, GroupCueRecognizer
from pii_helpers import found


@pytest.mark.parametrize("text,value", [("Rank the albums of The Beatles.", "The Beatles"),
                                         ("What inspired Fleetwood Mac?", "Fleetwood Mac")])
def test_listed_bands(text: str, value: str) -> None:
    assert [text[r.start:r.end] for r in BandRecognizer().analyze(text, ["GROUP"])] == [value]


def test_listed_bands_are_case_sensitive() -> None:
    assert BandRecognizer().analyze("the beatles of my garden", ["GROUP"]) == []


@pytest.mark.parametrize("text,value", [("Describe the band Wet Leg.", "Wet Leg"),
                                         ("Write to the girl group Blackpink.", "Blackpink")])
def test_cued_groups(text: str, value: str) -> None:
    assert found(GroupCueRecognizer(), text) == [value]


# new guideline cases, written before the family-act rule (issue 13 item 3; first kept in test_pii_stage_names)
GUIDELINE_CASES = [
    ("Write a fan letter to the Everly Brothers.", True),
    ("Write a short history of the Pointer Sisters.", True),
    ("Big Brother is watching you: explain the quote.", False),
    ("Summarise the history of Warner Bros. studios.", False),
]


@pytest.mark.parametrize("text,has_pii", GUIDELINE_CASES)
def test_guideline_cases(text: str, has_pii: bool) -> None:
    from pii_helpers import engine_verdict

    assert engine_verdict(text)[0] is has_pii
