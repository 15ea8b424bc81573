"""Dates tied to a person (the guideline: birth, admission, death ...); other dates are not PII.

A date is found by spaCy (DATE/TIME entities), Presidio's ``DateRecognizer`` or a numeric pattern; it is PII when
a cue is in the same sentence within 45 characters before (or 25 after): certain with day precision
("8/12/1991", "March 3"), not certain for a year or month alone ("born in 1985"). A day-precise date in the same
record as a person's full name (within 120 characters, no blank line between) is PII, not certain: the
recognizer marks it ``requires="full_name_near"`` and the engine keeps it only then. "On Monday", "in 1999 the
economy" are not PII.

    >>> from ml_backend.pii.context import TextContext
    >>> ctx = TextContext("Please tell me your date of birth. It's 8/12/1991", None)
    >>> [(ctx.text[c.start:c.end], c.certain) for c in PersonDateRecognizer().find(ctx)]
    [('8/12/1991', True)]
"""

from __future__ import annotations

import re

from presidio_analyzer.predefined_recognizers import DateRecognizer

from label_config.taxonomy import PII_LABELS
from ml_backend.pii.context import TextContext
from ml_backend.pii.finding import Candidate
from ml_backend.pii.prechecks import DIGIT_OR_MONTH
from ml_backend.pii.recognizers.base import GuidelineRecognizer

DATE = PII_LABELS[2]

_DATE_CUE = re.compile(
    r"(?i:\b(?:born|birth|birthday|bday|b\.|dob|d\.o\.b\.?|date of birth|birthdate|died|death|dod|d\.|"
    r"passed away|deceased|admitted|admission|admit date|discharged|discharge|hospitali[sz]ed|"
    r"date of service|dos)\b)"
)
_DAY_PRECISION = re.compile(
    r"\d{1,4}[\-/.]\d{1,2}[\-/.]\d{1,4}|"
    r"(?i:\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?\b|"
    r"\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b)"
)
_YEAR = re.compile(r"\b(?:1[5-9]|20)\d\d\b")
_MONTH = re.compile(r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b")
_NUMERIC_DATE = re.compile(r"(?<![\d\-/.])\d{1,4}[\-/.]\d{1,2}[\-/.]\d{1,4}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?(?![\d\-/.])")


class PersonDateRecognizer(GuidelineRecognizer):
    """``DATE_OF_PERSON`` spans, labelled ``Date``."""

    ENTITIES = ["DATE_OF_PERSON"]
    NEEDS = DIGIT_OR_MONTH  # every date kept holds a digit or a month name

    def __init__(self) -> None:
        super().__init__()
        self._dates = DateRecognizer()

    def date_spans(self, ctx: TextContext) -> list[tuple[int, int]]:
        """Every date-like span: spaCy DATE/TIME entities, Presidio DateRecognizer results, numeric dates."""
        spans = {(s, e) for s, e, lab in ctx.ents if lab in ("DATE", "TIME")}
        spans.update((r.start, r.end) for r in self._dates.analyze(ctx.text, ["DATE_TIME"]))
        spans.update((m.start(), m.end()) for m in _NUMERIC_DATE.finditer(ctx.text))
        return sorted(spans)

    def find(self, ctx: TextContext) -> list[Candidate]:
        text = ctx.text
        out = []
        for s, e in self.date_spans(ctx):
            value = text[s:e]
            if not (_DAY_PRECISION.search(value) or _YEAR.search(value) or _MONTH.search(value)):
                continue  # "the weekend", "21", "8+ years"
            day = bool(_DAY_PRECISION.search(value))
            before = text[max(0, s - 45):s]
            after = text[e:e + 25]
            # a cue in the previous sentence counts too ("date of birth. It's 8/12/1991")
            if _DATE_CUE.search(before) or _DATE_CUE.search(after.split("\n")[0].split(". ")[0]):
                out.append(Candidate(s, e, DATE, "DATE_OF_PERSON", 0.8 if day else 0.55, day))
            elif day:
                out.append(Candidate(s, e, DATE, "DATE_OF_PERSON", 0.5, False, requires="full_name_near"))
        return out
