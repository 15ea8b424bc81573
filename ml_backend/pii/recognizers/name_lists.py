"""First names listed together with a named school or organisation in the same sentence: "a message to Olivia,
Mason, and Ava about the carpool for Lincoln Elementary", "Ethan, Zoe and Liam ... at Westbrook Middle School".
The guideline: a first name alone is usually not PII "unless combinable with other information"; children named
with their school are findable, so each listed name is PII, not certain.

A list: two or more capitalised listed given names (no function word; at least two not mostly ordinary words
such as "Mason", "May"), joined by commas and one "and" / "&" before the last. A named school: a capitalised word (no calendar word)
followed by a school word (:data:`SCHOOL_WORDS`: "Elementary", "Middle School", "Academy", "Preschool" ...), later in
the same sentence. Not a story's characters ("named" / "called" before the list), nor a list without a named school
("three dragons who go to school").

Cheap pre-check (``NEEDS``): a school word, then " and " or " & " (both must match).

    >>> from ml_backend.pii.context import TextContext
    >>> ctx = TextContext("Write to Olivia, Mason, and Ava about the carpool for Lincoln Elementary.", None)
    >>> [ctx.text[c.start:c.end] for c in NameListRecognizer().find(ctx)]
    ['Olivia', 'Mason', 'Ava']
"""

from __future__ import annotations

import re

from label_config.taxonomy import PII_LABELS
from ml_backend.pii.context import TextContext
from ml_backend.pii.finding import Candidate
from ml_backend.pii.recognizers.base import GuidelineRecognizer
from ml_backend.pii.recognizers.names import _STOP_WORDS
from ml_backend.pii.wordlists import first_names_folded, ordinary_words

NAME = PII_LABELS[0]
SCORE = 0.5

SCHOOL_WORDS = (r"Elementary|Primary|Middle[ \t]+School|High[ \t]+School|Junior[ \t]+High|School|Academy|"
                r"Preschool|Pre-School|Kindergarten|Nursery|Montessori|Day[ \t]+Care|Daycare|Prep|College")
_GIVEN = r"[A-Z][a-z]++(?:-[A-Z][a-z]++)?"
_LIST = re.compile(r"(?<![\w'’\-])(" + _GIVEN + r")((?:,[ \t]++" + _GIVEN + r")*+),?[ \t]++(?:and|&)[ \t]++("
                   + _GIVEN + r")(?![\w'’\-])")
_SCHOOL = re.compile(r"\b(?:St\.?[ \t]+)?[A-Z][\w'’.\-]*+(?:[ \t]+[A-Z][\w'’.\-]*+)?[ \t]+(?:" + SCHOOL_WORDS
                     + r")\b")
_STORY_BEFORE = re.compile(r"(?i:\b(?:named|called|nicknamed|characters?)[ \t]+)$")
_ABBREVIATION = re.compile(r"\b(?:St|Mt|Dr|Mr|Mrs|Ms)\.\s*$")
_CALENDAR = frozenset("Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split())
NEEDS = (re.compile(r"\b(?:" + SCHOOL_WORDS + r")\b"), re.compile(r"[ \t](?:and|&)[ \t]"))


def _given(word: str) -> bool:
    """Every hyphen part of ``word`` is a listed given name and no function word."""
    return all(p.casefold() in first_names_folded() and p.casefold() not in _STOP_WORDS for p in word.split("-"))


def _plain_given(word: str) -> bool:
    """A listed given name that is not mostly an ordinary word ("Mason" and "May" are)."""
    return _given(word) and all(p.casefold() not in ordinary_words() for p in word.split("-"))


class NameListRecognizer(GuidelineRecognizer):
    """``PERSON`` first names listed with a named school: ``Name``, not certain."""

    ENTITIES = ["PERSON"]
    NEEDS = NEEDS

    def find(self, ctx: TextContext) -> list[Candidate]:
        text = ctx.text
        out: list[Candidate] = []
        for m in _LIST.finditer(text):
            if _STORY_BEFORE.search(text, max(0, m.start() - 20), m.start()):
                continue
            names = [(m.start(1), m.end(1))]
            for extra in re.finditer(_GIVEN, m.group(2)):
                names.append((m.start(2) + extra.start(), m.start(2) + extra.end()))
            names.append((m.start(3), m.end(3)))
            if not all(_given(text[s:e]) for s, e in names) or sum(_plain_given(text[s:e]) for s, e in names) < 2:
                continue
            s1 = ctx.sentence_end(m.end())
            while s1 < len(text) and _ABBREVIATION.search(text, max(0, s1 - 5), s1):
                nxt = ctx.sentence_end(s1)  # "at St. Mary's Academy": no sentence end after "St."
                if nxt <= s1:
                    break
                s1 = nxt
            school = next((s for s in _SCHOOL.finditer(text, m.end(), s1)
                           if s.group().split()[0] not in _CALENDAR and s.group().split()[0] not in ("The", "A")),
                          None)
            if school is None:
                continue
            out.extend(Candidate(s, e, NAME, "PERSON", SCORE, False) for s, e in names)
        return out
