"""company_handles: an @handle that is a company's own account (a business word in it, or an organisation known by
its name alone: ``organisations.txt``) is a company contact, not PII. Round 10 added the organisations
(``tests/test_pii_round10_cases.py``, written first)."""

from __future__ import annotations

import doctest

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ml_backend.pii.company_handles as company_handles
from ml_backend.pii.company_handles import is_company_handle, is_organisation_handle
from pii_helpers import engine_verdict


def test_doctests() -> None:
    assert doctest.testmod(company_handles).failed == 0


@pytest.mark.parametrize("handle", ["Delta", "NASA", "nasa", "WHO", "Starbucks", "SpotifyCares", "AmazonHelp",
                                    "BBCNews", "Uber_Support", "NikeUK", "DeltaAssist", "unicef", "IKEA_US"])
def test_organisations(handle: str) -> None:
    assert is_company_handle(handle)


@pytest.mark.parametrize("handle", ["nikefan", "deltagirl_22", "mayaokafor", "coach_dwayne", "lena.writes.poems",
                                    "jmarsh_writes", "uk", "us_and_them", "the_real_dani"])
def test_people(handle: str) -> None:
    """An organisation's name inside a longer word, or account words alone, make no company."""
    assert not is_company_handle(handle)


@pytest.mark.parametrize(
    "text,pii",
    [("Write a tweet asking @Delta why my bag went to Denver.", False),
     ("Tag @nasa and @maya_okafor in the launch photo.", True),  # the person's handle still counts
     ("Reply to @deltagirl_22 who liked my post.", True)],
)
def test_through_the_engine(text: str, pii: bool) -> None:
    assert engine_verdict(text)[0] is pii


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_text_gives_an_answer(handle: str) -> None:
    assert isinstance(is_organisation_handle(handle), bool)


def test_a_handle_longer_than_any_platform_allows_is_no_organisation() -> None:
    """No platform allows more than 30 characters; past 60 the rule gives up at once (its loop would be quadratic
    in the handle's words: a 200,000-character handle of account words)."""
    assert is_organisation_handle("Nasa" + "Help" * 14) is True
    assert is_organisation_handle("Nasa" + "Help" * 50_000) is False


# round 11 (tests/test_pii_round11_cases.py, written first): one word that is a listed organisation and no given
# name is a company or a product, wherever it stands (ml_backend/pii/not_pii.py)
@pytest.mark.parametrize("value,organisation", [("Gmail", True), ("Gmail's", True), ("Spotify’s", True),
                                                ("Zara", False), ("Zara Ahmed", False), ("Gmailer", False)])
def test_organisation_names(value: str, organisation: bool) -> None:
    from ml_backend.pii.not_pii import is_organisation_name

    assert is_organisation_name(value) is organisation
