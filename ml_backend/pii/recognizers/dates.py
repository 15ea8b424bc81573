"""Dates tied to a person (the guideline: birth, admission, death ...); other dates are not PII.

A date is found by spaCy (DATE/TIME entities), Presidio's ``DateRecognizer`` or a numeric pattern; it is PII when
a cue is in the same sentence within 45 characters before (or 25 after): certain with day precision
("8/12/1991", "March 3"), not certain for a year or month alone ("born in 1985"). A birthday given as the day a
person turns an age is cued too ("my son turns 5 on March 3rd", "Leo who turns 30 on June 14"; not "the store
turns 10 on ..."), and a day and month without a year right after a birth cue ("her birthday is on 12/09"). A day-precise date in the same
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
_UNITS = "one|two|three|four|five|six|seven|eight|nine"
_AGE = (r"(?:\d{1,3}|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:" + _UNITS + r"))?|" + _UNITS
        + r"|ten|eleven|twelve|(?:thir|four|fif|six|seven|eigh|nine)teen)")
# a birthday as the day a person turns an age: "my son turns 5 on", "Leo who turns 30 on", "Grandma is turning 90 on
# the"; the subject is a person: a pronoun, "who", a kin or friend word, or a capitalised name (not "The store")
_PERSON_SUBJECT = (r"(?:(?i:who|he|she|they|i|you|we)|(?:[A-Z][a-z'’\-]+)|(?i:son|daughter|kid|child|baby|boy|girl|"
                   r"brother|sister|mom|mum|mother|dad|father|wife|husband|partner|boyfriend|girlfriend|fianc[eé]e?|"
                   r"grandma|grandpa|granny|grandmother|grandfather|nan|nana|aunt|auntie|uncle|cousin|niece|nephew|"
                   r"friend|bestie|colleague|coworker|co-worker|boss|neighbou?r|roommate|grandson|granddaughter|"
                   r"twins?|teacher|student))")
_TURNS_BEFORE = re.compile(
    r"(?<![\w'’\-])" + _PERSON_SUBJECT + r"(?:[ \t]+(?:is|will|who|just|finally|soon))*+[ \t]+(?i:turns?|turning)"
    r"[ \t]+(?i:" + _AGE + r")(?:[ \t]+(?i:years?(?:[ \t]+old)?))?[ \t]+(?i:on)[ \t]+(?i:the[ \t]+)?$"
)
_NOT_SUBJECT = frozenset("The This That It Our Their Its An A".split())
# a day and month without a year ("12/09") counts only right after a birth cue ("her birthday is on 12/09")
_DAY_MONTH = re.compile(r"(?<![\d\-/.])(?:[0-2]?\d|3[01])/(?:[0-2]?\d|3[01])(?![\d\-/.])")
_BIRTH_CUE_BEFORE = re.compile(r"(?i:\b(?:born|birthday|bday|b-day|birth date|date of birth|dob)\b[^.\n]{0,18})$")
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
        """Every date-like span: spaCy DATE/TIME entities, Presidio DateRecognizer results, numeric dates, and
        days with a month ("12/09")."""
        spans = {(s, e) for s, e, lab in ctx.ents if lab in ("DATE", "TIME")}
        spans.update((r.start, r.end) for r in self._dates.analyze(ctx.text, ["DATE_TIME"]))
        spans.update((m.start(), m.end()) for m in _NUMERIC_DATE.finditer(ctx.text))
        if "/" in ctx.text:  # a day and month ("12/09"); :meth:`find` keeps it only after a birthday cue
            spans.update((m.start(), m.end()) for m in _DAY_MONTH.finditer(ctx.text))
        return sorted(spans)

    @classmethod
    def _birthday_cue(cls, text: str, start: int) -> bool:
        """A day and month without a year at ``start`` is a birthday: a birth cue or a person's age right before."""
        return bool(_BIRTH_CUE_BEFORE.search(text, max(0, start - 40), start)) or cls._turns_an_age(text, start)

    @staticmethod
    def _turns_an_age(text: str, start: int) -> bool:
        """A person turns an age on the date at ``start`` ("my son turns 5 on March 3rd")."""
        m = _TURNS_BEFORE.search(text, max(0, start - 90), start)
        return m is not None and m.group(0).split()[0] not in _NOT_SUBJECT

    def find(self, ctx: TextContext) -> list[Candidate]:
        text = ctx.text
        out = []
        for s, e in self.date_spans(ctx):
            value = text[s:e]
            # "12/09" right after a birth cue is a birthday; elsewhere ("Last Update : 4/25", "9/11") it is not
            day_month = bool(_DAY_MONTH.fullmatch(value)) and self._birthday_cue(text, s)
            if not (_DAY_PRECISION.search(value) or _YEAR.search(value) or _MONTH.search(value) or day_month):
                continue  # "the weekend", "21", "8+ years"
            day = bool(_DAY_PRECISION.search(value)) or day_month
            before = text[max(0, s - 45):s]
            after = text[e:e + 25]
            # a cue in the previous sentence counts too ("date of birth. It's 8/12/1991")
            if (_DATE_CUE.search(before) or _DATE_CUE.search(after.split("\n")[0].split(". ")[0])
                    or self._turns_an_age(text, s)):
                out.append(Candidate(s, e, DATE, "DATE_OF_PERSON", 0.8 if day else 0.55, day))
            elif day:
                out.append(Candidate(s, e, DATE, "DATE_OF_PERSON", 0.5, False, requires="full_name_near"))
        return out
