r"""Cheap pre-checks: a recognizer is not run on a text that lacks what every one of its results contains.

Most prompts hold no digit (73% of the short prompts of ``benchmarks/backend.py``), yet every Presidio pattern
recognizer runs all its regexes over them and builds its bookkeeping per call. A recognizer may declare
``NEEDS``: a compiled pattern that matches somewhere in every text on which the recognizer can return a result.
``NEEDS`` may also be a tuple of patterns that must all match, cheapest and most shared first (a digit, then four
digits in a row). The engine (:meth:`~ml_backend.pii.engine.PiiEngine.candidates`) skips the recognizer on a
text where ``NEEDS`` does not match (each distinct pattern is searched at most once per text, :class:`Gates`), and
:class:`~ml_backend.pii.recognizers.base.GuidelineRecognizer.analyze` honours it too, so a recognizer called
directly behaves the same.

A pre-check must never change a finding, so each one is a *necessary* condition, read off the recognizer's own
patterns, with the same regex module and the same meaning of ``\d`` (Presidio's recognizers use the ``regex``
module, the guideline's use ``re``): if a pattern needs ``[0-9]`` or ``\d`` somewhere in every match, every text
it matches holds a ``\d``. ``tests/test_pii_prechecks.py`` checks, for every recognizer that declares one, that it
finds nothing on texts its pre-check rejects (the labelled sets, the real corpora, hypothesis-made texts), and
``benchmarks/pii_findings.py`` compares every finding on about 18,000 texts before and after.

    >>> DIGIT.search("call me tomorrow") is None, DIGIT.search("call 555-0143") is not None
    (True, True)
    >>> gates = Gates("write to me@example.org")
    >>> gates.allows(PRESIDIO_AT), gates.allows(PRESIDIO_DIGIT), gates.allows(None)
    (True, False, True)
    >>> Gates("SSN 078-05-1120").allows(PRESIDIO_NEEDS[UsSsnRecognizer]), Gates("I am 25").allows(_digits(3))
    (True, False)

Pre-checks of Presidio's recognizers (:data:`PRESIDIO_NEEDS`, set by :mod:`~ml_backend.pii.registry`), read off
their patterns: every pattern of the card, bank, licence, ITIN, passport, SSN, NHS, crypto (``bc1`` / ``1`` /
``3``), IBAN and medical licence recognizers needs a digit, and most a run of them: a card starts with four
(``4\d{3}``, ``5[0-5]\d{2}`` ...), a bank account has 8 to 17, a passport 8 or 9, an ITIN starts ``9\d{2}``,
every SSN pattern starts with 3 (``[0-9]{3}`` or ``[0-9]{5}``), an NHS number ends with 4, an IBAN has 2 after
its country code, a DEA number 7; the licence and crypto patterns need one (``[A-Z][0-9]{1,12}``, ``[13]...``).
An e-mail address needs ``@``; an IP address a digit and a dot (v4: ``\d\.``) or a colon (v6 and the mapped
forms). MAC addresses (hex digits only, "ab:cd:ef:..." or "abcd.abcd.abcd") get none: any cheap test would pass
on nearly every text.
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


def _digits(n: int) -> tuple[Any, Any]:
    """A digit somewhere (shared by every digit pre-check, so a text without one is rejected by one search), then
    ``n`` digits in a row."""
    return (PRESIDIO_DIGIT, regex.compile(r"\d{%d}" % n))


PRESIDIO_NEEDS: dict[type, Any] = {
    CreditCardRecognizer: _digits(4),
    UsBankRecognizer: _digits(8),
    UsLicenseRecognizer: PRESIDIO_DIGIT,
    UsItinRecognizer: (PRESIDIO_DIGIT, regex.compile(r"9\d\d")),
    UsPassportRecognizer: _digits(8),
    UsSsnRecognizer: _digits(3),
    NhsRecognizer: _digits(4),
    CryptoRecognizer: PRESIDIO_DIGIT,
    IbanRecognizer: _digits(2),
    MedicalLicenseRecognizer: _digits(7),
    EmailRecognizer: PRESIDIO_AT,
    IpRecognizer: regex.compile(r"\d\.|:"),
}


def needs_of(recognizer: Any) -> Any:
    """The pre-check of ``recognizer`` (its ``NEEDS``: a pattern, a tuple of patterns, or None)."""
    return getattr(recognizer, "NEEDS", None)


def may_match(needs: Any, text: str) -> bool:
    """True when ``needs`` (a pattern, a tuple of patterns, or None) lets ``text`` through.

    >>> may_match(PRESIDIO_NEEDS[UsBankRecognizer], "account 1234"), may_match(None, "")
    (False, True)
    """
    return Gates(text).allows(needs)


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
        """True when ``needs`` is None, or matches somewhere in the text (a tuple: each of its patterns does)."""
        if needs is None:
            return True
        if isinstance(needs, tuple):
            return all(self.allows(n) for n in needs)
        ok = self._seen.get(needs)
        if ok is None:
            ok = self._seen[needs] = needs.search(self.text) is not None
        return ok
