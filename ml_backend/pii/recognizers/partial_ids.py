"""Partial identifiers given in words: "the last four digits of my SSN are 4417", "my card ending in 4821",
"account no. ending 0093", "last four of my social: 1298", digits spelled out ("four four one seven").

The guideline: identifiers (SSN, account, licence, plate, device id ...) are PII even partially masked; a few
digits of a person's card or account, said to be theirs, are such a partial identifier (Identifier, certain).
What the digits belong to must be named: "the last four digits of pi", "the last 4 years", "my flight number
ending in 12" are no identifier, and neither is a shop's order, invoice or ticket number ("order #4417": it
identifies a purchase, not a person, like a receipt without names, which the guideline says is not PII).
:mod:`~ml_backend.pii.recognizers.identifiers` already reads "card ... ending in 1234" within a sentence; this
module adds the other word orders and spellings.

Cheap pre-check: the text's words (:attr:`~ml_backend.pii.context.TextContext.words`) hold "last", "final",
"ending", "ends" or "end", and the text a digit or a digit word, before any pattern runs.

    >>> from ml_backend.pii.context import TextContext
    >>> ctx = TextContext("The last four digits of my SSN are 4417. Account no. ending 0093.", None)
    >>> [ctx.text[c.start:c.end] for c in PartialIdRecognizer().find(ctx)]
    ['4417', '0093']
"""

from __future__ import annotations

import re

from label_config.taxonomy import PII_LABELS
from ml_backend.pii.context import TextContext
from ml_backend.pii.finding import Candidate
from ml_backend.pii.recognizers.base import GuidelineRecognizer

IDENTIFIER = PII_LABELS[4]
SCORE = 0.6

# what the digits belong to: a person's card, account, government or device identifier, phone
_OWNED = (r"ssn|social(?:[ \t]+security)?(?:[ \t]+number)?|social[ \t]+insurance(?:[ \t]+number)?|sin|"
          r"(?:credit[ \t]+|debit[ \t]+|bank[ \t]+|payment[ \t]+|id[ \t]+|health[ \t]+|insurance[ \t]+)?card|"
          r"visa|mastercard|amex|american[ \t]+express|"
          r"(?:bank[ \t]+|checking[ \t]+|chequing[ \t]+|savings[ \t]+|current[ \t]+)?account|acct|iban|"
          r"routing[ \t]+number|"
          r"(?:phone|mobile|cell|cellphone|telephone)(?:[ \t]+number)?|"
          r"(?:driver'?s[ \t]+|driving[ \t]+)?licen[cs]e(?:[ \t]+number)?|passport(?:[ \t]+number)?|"
          r"(?:student|employee|member(?:ship)?|patient|national|tax)[ \t]+(?:id|number)|"
          r"medical[ \t]+record(?:[ \t]+number)?|mrn|nhs[ \t]+number|national[ \t]+insurance(?:[ \t]+number)?|"
          r"policy(?:[ \t]+number)?|vin|imei|serial[ \t]+number|(?:licen[cs]e[ \t]+)?plate")
_NUM_WORD = r"(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)"
# the digits: 2 to 6, possibly spaced or dashed, or 2 to 6 digit words ("four four one seven")
_VALUE = (r"(\d(?:[ \-]?\d){1,5}(?![\d,.]\d)(?!\d)|" + _NUM_WORD + r"(?:[ \t\-]+" + _NUM_WORD + r"){1,5})")
_HOW_MANY = r"(?:(?:2|3|4|5|6|two|three|four|five|six)\b[ \t]*+)?"
_OWNER = r"(?:(?:my|his|her|their|your|our|the)[ \t]+)?"
_IS = r"[ \t]*+(?:(?:are|is|were|was|read|reads|being|show|shows)[ \t]*+)?[:=\-]?[ \t]*+"
# "the last four digits of my SSN are 4417", "last four of my social: 1298"
_LAST_OF = re.compile(
    r"(?i:\b(?:last|final)[ \t]+" + _HOW_MANY + r"(?:(?:digits?|numbers?|characters?)[ \t]+)?(?:of|on|in|from)[ \t]+"
    + _OWNER + r"(?:" + _OWNED + r")(?:['’]s)?(?:[ \t]+(?:number|no\.?|num|#))?" + _IS + r")" + _VALUE,
)
# "my bank account's last four digits: 6652", "SSN last 4: 1298"
_OWNED_LAST = re.compile(
    r"(?i:\b(?:" + _OWNED + r")(?:['’]s)?(?:[ \t]+(?:number|no\.?|num|#))?[ \t]+(?:last|final)[ \t]+" + _HOW_MANY
    + r"(?:digits?|numbers?)?" + _IS + r")" + _VALUE,
)
# "account no. ending 0093", "her Visa ending with 3309", "my passport number ends in 772"
_ENDING = re.compile(
    r"(?i:\b(?:" + _OWNED + r")(?:['’]s)?(?:[ \t]+(?:number|no\.?|num|#))?[ \t]+(?:that[ \t]+|which[ \t]+)?"
    r"(?:ending|ends|end)(?:[ \t]+(?:in|with))?[ \t]*+:?[ \t]*+)" + _VALUE,
)
_PRECHECK = frozenset(("last", "final", "ending", "ends", "end"))
_NUM_WORDS = frozenset("zero oh one two three four five six seven eight nine".split())
_DIGIT = re.compile(r"\d")


class PartialIdRecognizer(GuidelineRecognizer):
    """``PARTIAL_ID``: the last digits of a person's card, account, SSN, phone ...: ``Identifier``, certain."""

    ENTITIES = ["PARTIAL_ID"]

    def find(self, ctx: TextContext) -> list[Candidate]:
        words = ctx.words
        if _PRECHECK.isdisjoint(words) or (_DIGIT.search(ctx.text) is None and _NUM_WORDS.isdisjoint(words)):
            return []
        out: list[Candidate] = []
        seen: set[int] = set()
        for rx in (_LAST_OF, _OWNED_LAST, _ENDING):
            for m in rx.finditer(ctx.text):
                if m.start(1) not in seen:
                    seen.add(m.start(1))
                    out.append(Candidate(m.start(1), m.end(1), IDENTIFIER, "PARTIAL_ID", SCORE, True))
        return out
