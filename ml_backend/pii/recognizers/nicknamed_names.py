"""A full name with a nickname in quotes between the given and the family name: "Margaret 'Peggy' Olsen",
'Robert "Bobby" Kline', "Edwin “Buzz” Aldrin". The whole is one person's full name: PII, certain.

spaCy's small model tags such a run ORG or splits it at the quote, and the name-shape test refuses the quoted
word. The given name must be a listed given name, the nickname one or two capitalised words in matching quotes,
and the family name a capitalised word that is a listed family name or no English word (``ctx.common``), so
"Jack 'The Ripper' Street" or "Sarah 'Best Ever' Mom" stay out.

    >>> from ml_backend.pii.context import TextContext
    >>> ctx = TextContext("Write a eulogy for Margaret 'Peggy' Olsen. Play Jack 'Hey' Tune.", None, frozenset({"tune"}))
    >>> [ctx.text[c.start:c.end] for c in NicknamedNameRecognizer().find(ctx)]
    ["Margaret 'Peggy' Olsen"]
"""

from __future__ import annotations

import re

from label_config.taxonomy import PII_LABELS
from ml_backend.pii.context import TextContext
from ml_backend.pii.finding import Candidate
from ml_backend.pii.recognizers.base import GuidelineRecognizer
from ml_backend.pii.wordlists import first_names, surnames_folded

NAME = PII_LABELS[0]
SCORE = 0.8

_CAP = r"[A-ZÀ-ÞĀ-ſ][a-zß-ÿĀ-ſ'’\-]{1,24}"
# given name, a quoted nickname (the same quote on both sides, or a pair of curly ones), family name
_NICKNAMED = re.compile(
    r"(?<![\w'’\-])(" + _CAP + r")[ \t]++"
    r"(?:'(?:" + _CAP + r")(?:[ \t]" + _CAP + r")?'|\"(?:" + _CAP + r")(?:[ \t]" + _CAP + r")?\"|"
    r"[“‘](?:" + _CAP + r")(?:[ \t]" + _CAP + r")?[”’])"
    r"[ \t]++(" + _CAP + r")(?![\w\-])"
)


class NicknamedNameRecognizer(GuidelineRecognizer):
    """``PERSON`` full names with a quoted nickname inside: ``Name``, certain."""

    ENTITIES = ["PERSON"]
    NEEDS = re.compile(r"[ \t]['\"“‘][A-ZÀ-ÞĀ-ſ]")  # a quoted nickname's opening quote

    def find(self, ctx: TextContext) -> list[Candidate]:
        out: list[Candidate] = []
        given_names, family = first_names(), surnames_folded()
        for m in _NICKNAMED.finditer(ctx.text):
            last = m.group(2).rstrip("'’")
            if m.group(1) not in given_names:
                continue
            if last.casefold() not in family and last.casefold() in ctx.common:
                continue  # "Jack 'Hey' Tune": an English word, not a family name
            out.append(Candidate(m.start(), m.start(2) + len(last), NAME, "PERSON", SCORE, True))
        return out
