"""CuedPhoneRecognizer (national formats after a cue) and WindowedPhoneRecognizer (Presidio's, on digit windows)."""

from __future__ import annotations

import pytest
from presidio_analyzer.predefined_recognizers import PhoneRecognizer

from ml_backend.pii.recognizers.phones import CuedPhoneRecognizer, WindowedPhoneRecognizer
from pii_helpers import found


@pytest.mark.parametrize("text,value", [("They're not answering at 78 651 450", "78 651 450"),
                                         ("Fax: 0494 92 82 32", "0494 92 82 32"), ("416 60 039 office", "416 60 039")])
def test_cued_phones(text: str, value: str) -> None:
    assert found(CuedPhoneRecognizer(), text) == [value]


@pytest.mark.parametrize("text", ["call me in 2024", "text me 10 times", "phone 12/05/2024"])
def test_not_phones(text: str) -> None:
    assert found(CuedPhoneRecognizer(), text) == []


@pytest.mark.parametrize("text", ["Call (415) 555-0134 or +44 7700 900123 today.", "no digits here",
                                  "x" * 300 + " 212-555-0188 " + "y" * 300])
def test_windowed_equals_presidio(text: str) -> None:
    key = lambda rs: sorted((r.start, r.end, r.entity_type, round(r.score, 3)) for r in rs)  # noqa: E731
    assert key(WindowedPhoneRecognizer().analyze(text, ["PHONE_NUMBER"])) == key(PhoneRecognizer().analyze(text, ["PHONE_NUMBER"]))


@pytest.mark.parametrize(
    "text,number",
    [("Su teléfono es 612 345 678.", "612 345 678"), ("Mon numéro de portable : 06 12 34 56 78", "06 12 34 56 78"),
     ("Meine Handynummer ist 0151 2345 6789", "0151 2345 6789")],
)
def test_cue_words_in_other_languages(text: str, number: str) -> None:
    from ml_backend.pii.recognizers.phones import CuedPhoneRecognizer

    assert number in found(CuedPhoneRecognizer(), text)


# round 15 (tests/test_pii_round15_cases.py, written first): a group of six digits, and no number cut inside one
@pytest.mark.parametrize(
    "text,number",
    [("Text my landlord at +44 7700 900456 about it", "+44 7700 900456"),
     ("Call my sister on 07700 900321 tonight", "07700 900321"), ("Ring me at +353 87 123456 later", "+353 87 123456")],
)
def test_six_digit_groups_are_whole(text: str, number: str) -> None:
    assert found(CuedPhoneRecognizer(), text) == [number]


def test_a_cued_number_is_never_cut_inside_a_group() -> None:
    text = "call me at 0151 23456789012"  # a group too long for a phone number: nothing, not a prefix of it
    assert all(text[text.index(v) + len(v):][:1] in ("", " ") for v in found(CuedPhoneRecognizer(), text))


@pytest.mark.parametrize("text,number", [("Proszę dzwonić pod numer 602 345 678 po", "602 345 678"),
                                         ("Hubungi saya di nomor 0812 3456 7890 besok", "0812 3456 7890")])
def test_cue_words_in_polish_and_indonesian(text: str, number: str) -> None:
    assert number in found(CuedPhoneRecognizer(), text)
