"""StreetAddressRecognizer: street addresses and units below a street; years, versions and flights are not."""

from __future__ import annotations

import doctest

import pytest

from ml_backend.pii.recognizers import addresses
from pii_helpers import found

REC = addresses.StreetAddressRecognizer()


@pytest.mark.parametrize(
    "text,value",
    [("Meet me at 24 Clarke Avenue, Apt. 3 tonight", "24 Clarke Avenue, Apt. 3"),
     ("Ship it to Hauptstraße 17, please.", "Hauptstraße 17"), ("Send it to PO Box 4471, Anchorage.", "PO Box 4471, Anchorage"),
     ("Address: Via Tasso 129", "Via Tasso 129"), ("Meet me at the corner of Elm Street and 3rd Avenue at noon.",
                                                   "the corner of Elm Street and 3rd Avenue"),
     ("My address is 28245 Puruntie 82 Apt. 595", "28245 Puruntie 82 Apt. 595")],
)
def test_addresses(text: str, value: str) -> None:
    assert any(value in f for f in found(REC, text)), found(REC, text)


@pytest.mark.parametrize(
    "text", ["In 1999 the economy grew.", "Top 10 tips for Python 3", "Flight 370 vanished in 2014.", "Windows 11 is out",
             "During 1980, the company grew.", "a.a.a.a.strasse 5" * 0 + "Chapter 12 begins"],
)
def test_not_addresses(text: str) -> None:
    assert found(REC, text) == []


def test_docstrings() -> None:
    assert doctest.testmod(addresses).failed == 0


# round 16 (tests/test_pii_round16_cases.py, written first): a Japanese address, block numbers first
@pytest.mark.parametrize(
    "text,address",
    [("Send it to 2-5-1 Ebisu, Shibuya-ku, Tokyo.", "2-5-1 Ebisu, Shibuya-ku, Tokyo"),
     ("at 4-12-9 Nishi-Shinjuku, Shinjuku-ku, Tokyo; thanks", "4-12-9 Nishi-Shinjuku, Shinjuku-ku, Tokyo"),
     ("They won 2-1, Chiba-shi fans cheered", None)],  # a score, no block and district
)
def test_japanese_addresses(text: str, address: str | None) -> None:
    from ml_backend.pii.recognizers.addresses import StreetAddressRecognizer

    assert found(StreetAddressRecognizer(), text) == ([address] if address else [])


# round 18 (tests/test_pii_round18_cases.py, written first): addresses in capitals
@pytest.mark.parametrize(
    "text,address",
    [("DELIVER TO 42 QUEEN STREET, LEEDS BEFORE NOON", "42 QUEEN STREET, LEEDS"),
     ("SHIP TO 5 HIGH ROAD, NEW MALDEN TODAY", "5 HIGH ROAD, NEW MALDEN"),
     ("I HAVE 3 DOGS AND 2 CATS ON THE ROAD", None)],  # function words between: no street name
)
def test_addresses_in_capitals(text: str, address: str | None) -> None:
    from ml_backend.pii.recognizers.addresses import StreetAddressRecognizer

    assert found(StreetAddressRecognizer(), text) == ([address] if address else [])


# round 19 (tests/test_pii_round19_cases.py, written first): a lower-case street word after the number
@pytest.mark.parametrize(
    "text,address",
    [("voisins du 14 rue des Acacias, Nantes, à cause", "14 rue des Acacias, Nantes"),
     ("el vecino del 8 calle del Carmen, Sevilla.", "8 calle del Carmen, Sevilla"),
     ("un poème sur la rue et la pluie", None), ("a 3 rue walk", None)],
)
def test_lowercase_street_words(text: str, address: str | None) -> None:
    from ml_backend.pii.recognizers.addresses import StreetAddressRecognizer

    assert found(StreetAddressRecognizer(), text) == ([address] if address else [])
