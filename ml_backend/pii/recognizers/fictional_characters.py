"""Well-known fictional characters named by a full name, as listed (``data/fictional_characters.txt``): "Write a
diary entry as Hermione Granger", "a story where Sherlock Holmes meets Hercule Poirot". The guideline: unsure
whether a full name is real or fictional -> PII, not certain.

The small NER model misses some ("Katniss Everdeen"), and the name recognizers drop others whose family name is an
English word ("Granger"); a listed name is matched case-sensitively, word by word, and not before another
capitalised name word ("Harry Potter Smith" is someone else). A name span spaCy found that equals a listed one is made not certain by
:func:`~ml_backend.pii.recognizers.names.classify_name`.

    >>> from ml_backend.pii.context import TextContext
    >>> ctx = TextContext("Write a diary entry as Hermione Granger. Harry Potter Smith is my neighbour.", None)
    >>> [(ctx.text[c.start:c.end], c.certain) for c in FictionalCharacterRecognizer().find(ctx)]
    [('Hermione Granger', False)]
"""

from __future__ import annotations

import re
from functools import cache

from label_config.taxonomy import PII_LABELS
from ml_backend.pii.context import TextContext
from ml_backend.pii.finding import Candidate
from ml_backend.pii.recognizers.base import GuidelineRecognizer
from ml_backend.pii.wordlists import fictional_characters

NAME = PII_LABELS[0]
SCORE = 0.7


@cache
def _regex() -> re.Pattern[str]:
    names = sorted(fictional_characters(), key=len, reverse=True)
    return re.compile(r"(?<![\w'’\-])(?:" + "|".join(re.escape(n) for n in names)
                      + r")(?![\w\-])(?![ \t]++[A-Z][a-z])")


@cache
def _first_words() -> frozenset[str]:
    return frozenset(n.split()[0].casefold() for n in fictional_characters())


class FictionalCharacterRecognizer(GuidelineRecognizer):
    """``PERSON`` listed fictional characters' full names: ``Name``, not certain."""

    ENTITIES = ["PERSON"]

    def find(self, ctx: TextContext) -> list[Candidate]:
        if _first_words().isdisjoint(ctx.words):
            return []  # the cheap test first: no listed name's first word in the text
        return [Candidate(m.start(), m.end(), NAME, "PERSON", SCORE, False) for m in _regex().finditer(ctx.text)]
