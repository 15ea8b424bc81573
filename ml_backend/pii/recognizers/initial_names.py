"""A given name and a family-name initial after a credit cue, as in agendas and lists: "intro by maria k.",
"opening remarks by Tunde A.", "notes from priya s.". The given name alone is weak; with the initial, in a list of
who does what, it points at one attendee: PII, not certain (no full name).

The cue: "by", "with", "from", "led by", "presented by", "hosted by" (any case) right before. The given name: a listed
given name or a word no dictionary knows ("tunde": ``ctx.common``, as
:func:`~ml_backend.pii.recognizers.person_slots.name_word_kind`), in lower case or Title case, no function word,
title or abbreviation ("mr", "fig") and not mostly an ordinary word ("will", "may"). Then
one letter and a dot, then a space, a comma, a semicolon or the end ("by rose k.," but not "by email", "by the
team lead", "by jan. 5").

Cheap pre-check (``NEEDS``): two letters, a space, one letter and a dot.

    >>> from ml_backend.pii.context import TextContext
    >>> ctx = TextContext("9am intro by maria k., review by the committee, sent by Tunde A.", None, frozenset({"review"}))
    >>> [ctx.text[c.start:c.end] for c in InitialNameRecognizer().find(ctx)]
    ['maria k.', 'Tunde A.']
"""

from __future__ import annotations

import re

from label_config.taxonomy import PII_LABELS
from ml_backend.pii.context import TextContext
from ml_backend.pii.finding import Candidate
from ml_backend.pii.recognizers.base import GuidelineRecognizer
from ml_backend.pii.recognizers.names import _STOP_WORDS
from ml_backend.pii.recognizers.person_slots import name_word_kind
from ml_backend.pii.wordlists import first_names_folded, ordinary_words

NAME = PII_LABELS[0]
SCORE = 0.5

_TITLES = frozenset("mr mrs ms mx dr st mt prof sr jr fr rev gen col sgt lt capt no vol fig ch pp op".split())
NEEDS = re.compile(r"[A-Za-z]{2}[ \t][A-Za-z]\.")
_NAME = re.compile(r"(?i:\b(?:by|with|from))[ \t]++((?:[a-z]{2,}+|[A-Z][a-z]++)[ \t][A-Za-z]\.)(?=[ \t,;)]|$)",
                   re.MULTILINE)


class InitialNameRecognizer(GuidelineRecognizer):
    """``PERSON`` given name + initial after a credit cue: ``Name``, not certain."""

    ENTITIES = ["PERSON"]
    NEEDS = NEEDS

    def find(self, ctx: TextContext) -> list[Candidate]:
        out: list[Candidate] = []
        for m in _NAME.finditer(ctx.text):
            given, initial = m.group(1).split()
            low = given.casefold()
            if given.islower() != initial.islower() and not (given.istitle() and initial.isupper()):
                continue  # "by maria K." mixes cases: not this form
            if low in ordinary_words() or low in _STOP_WORDS or low in _TITLES:
                continue
            if low not in first_names_folded() and name_word_kind(given, ctx.common, lower=given.islower()) is None:
                continue  # neither a listed given name nor a word no dictionary knows ("tunde")
            out.append(Candidate(m.start(1), m.end(1), NAME, "PERSON", SCORE, False))
        return out
