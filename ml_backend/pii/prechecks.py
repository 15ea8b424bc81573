"""Cheap pre-checks: a recognizer is not run on a text that lacks what every one of its results contains.

Most prompts hold no digit (73% of the short prompts of ``benchmarks/backend.py``), yet every Presidio pattern
recognizer runs all its regexes over them and builds its bookkeeping per call. A recognizer may declare
``NEEDS``: a compiled pattern that matches somewhere in every text on which the recognizer can return a result.
The engine (:meth:`~ml_backend.pii.engine.PiiEngine.candidates`) skips the recognizer on a text where ``NEEDS``
does not match (each distinct pattern is searched once per text, :class:`Gates`), and
:class:`~ml_backend.pii.recognizers.base.GuidelineRecognizer.analyze` honours it too, so a recognizer called
directly behaves the same.

A pre-check must never change a finding, so each one is a *necessary* condition, read off the recognizer's own
patterns, with the same regex module and the same meaning of ``\\d`` (Presidio's recognizers use the ``regex``
module, the guideline's use ``re``): if a pattern needs ``[0-9]`` or ``\\d`` somewhere in every match, every text
it matches holds a ``\\d``. ``tests/test_pii_prechecks.py`` checks, for every recognizer that declares one, that it
finds nothing on texts its pre-check rejects (the labelled sets, the real corpora, hypothesis-made texts), and
``benchmarks/pii_findings.py`` compares every finding on about 18,000 texts before and after.

    >>> DIGIT.search("call me tomorrow") is None, DIGIT.search("call 555-0143") is not None
    (True, True)
    >>> gates = Gates("write to me@example.org")
    >>> gates.allows(PRESIDIO_AT), gates.allows(PRESIDIO_DIGIT), gates.allows(None)
    (True, False, True)

Pre-checks of Presidio's recognizers (:data:`PRESIDIO_NEEDS`, set by :mod:`~ml_backend.pii.registry`): every
pattern of the card, bank, licence, ITIN, passport, SSN, NHS, crypto (``bc1`` / ``1`` / ``3``), IBAN and medical
licence recognizers needs a digit; an e-mail address needs ``@``; an IP address a digit (v4) or a colon (v6).
MAC addresses (hex digits only, "ab:cd:ef:..." or "abcd.abcd.abcd") get none: any cheap test would pass on
nearly every text.
"""

from __future__ import annotations

import re
from typing import Any

import regex
from presidio_analyzer.predefined_recognizers import (
    CreditCardRecognizer,
    CryptoRecognizer,
    EmailRecognizer,
    IbanRecognizer,
    IpRecognizer,
    MedicalLicenseRecognizer,
    NhsRecognizer,
    UsBankRecognizer,
    UsItinRecognizer,
    UsLicenseRecognizer,
    UsPassportRecognizer,
    UsSsnRecognizer,
)

# ``re`` semantics (the guideline's recognizers)
DIGIT = re.compile(r"\d")
# a digit, or a month name's first three letters anywhere (a date by a month name: "March 3", "born in May")
DIGIT_OR_MONTH = re.compile(r"\d|(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)")
# a digit, or "corner" ("the corner of 5th and Main" is the one address form without a digit)
DIGIT_OR_CORNER = re.compile(r"\d|(?i:corner)")

# ``regex`` semantics (Presidio's pattern recognizers compile with the ``regex`` module)
PRESIDIO_DIGIT = regex.compile(r"\d")
PRESIDIO_AT = regex.compile(r"@")
PRESIDIO_DIGIT_OR_COLON = regex.compile(r"[\d:]")

PRESIDIO_NEEDS: dict[type, Any] = {
    CreditCardRecognizer: PRESIDIO_DIGIT,
    UsBankRecognizer: PRESIDIO_DIGIT,
    UsLicenseRecognizer: PRESIDIO_DIGIT,
    UsItinRecognizer: PRESIDIO_DIGIT,
    UsPassportRecognizer: PRESIDIO_DIGIT,
    UsSsnRecognizer: PRESIDIO_DIGIT,
    NhsRecognizer: PRESIDIO_DIGIT,
    CryptoRecognizer: PRESIDIO_DIGIT,
    IbanRecognizer: PRESIDIO_DIGIT,
    MedicalLicenseRecognizer: PRESIDIO_DIGIT,
    EmailRecognizer: PRESIDIO_AT,
    IpRecognizer: PRESIDIO_DIGIT_OR_COLON,
}


def needs_of(recognizer: Any) -> Any:
    """The pre-check pattern of ``recognizer`` (its ``NEEDS``), or None."""
    return getattr(recognizer, "NEEDS", None)


class Gates:
    """The pre-checks of one text, each distinct pattern searched at most once.

    >>> Gates("no digits here").allows(DIGIT)
    False
    """

    __slots__ = ("text", "_seen")

    def __init__(self, text: str) -> None:
        self.text = text
        self._seen: dict[Any, bool] = {}

    def allows(self, needs: Any) -> bool:
        """True when ``needs`` is None or matches somewhere in the text."""
        if needs is None:
            return True
        ok = self._seen.get(needs)
        if ok is None:
            ok = self._seen[needs] = needs.search(self.text) is not None
        return ok
