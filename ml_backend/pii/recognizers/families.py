"""A family named by its surname: "the Hendersons next door", "the Nakamuras", "the Okafor family". A small
group: PII, not certain (the guideline: a small group can be PII; in between -> PII, not certain). A double
surname before "family" counts too ("the Garcia-Moreno family", round 13), and so does a capitalised name before
the kind of family it is ("the Rothschild banking family", round 14).

The surname must be on the family-name list (``surnames.txt``) and no English word (``ctx.common``: "the Romans",
"the Greens" are not families), the plural no surname itself ("the Dallas ..."), no capitalised word after it
("the Dallas Cowboys" is a team), and not a listed band ("The Smiths": :mod:`~ml_backend.pii.recognizers.groups`).

    >>> from ml_backend.pii.context import TextContext
    >>> ctx = TextContext("Plan a surprise for the Hendersons next door and the Okafor family.", None)
    >>> [ctx.text[c.start:c.end] for c in FamilyRecognizer().find(ctx)]
    ['Hendersons', 'Okafor family']
"""

from __future__ import annotations

import re

from label_config.taxonomy import PII_LABELS
from ml_backend.pii.context import TextContext
from ml_backend.pii.finding import Candidate
from ml_backend.pii.recognizers.base import GuidelineRecognizer
from ml_backend.pii.wordlists import bands, ordinary_words, surnames_folded

NAME = PII_LABELS[0]
SCORE = 0.5

# "the Hendersons", "the Joneses"; "the Okafor family" / "household" / "twins"
_PLURAL = re.compile(r"(?<![\w])(?i:the)[ \t]++([A-Z][a-z'’\-]{2,24}?)(es|s)(?![\w'’\-])(?![ \t]++[A-Z])")
# round 14: the kind of family between ("the Medici banking family", "the Kennedy political family")
_KIND = (r"banking|political|royal|ruling|noble|merchant|crime|mafia|business|publishing|media|newspaper|shipping|"
         r"brewing|acting|musical|farming|steel|oil|textile|industrial|railway|circus|show-business|wine-making")
_FAMILY = re.compile(r"(?<![\w])(?i:the)[ \t]++([A-Z][a-z'’\-]{1,24}(?:-[A-Z][a-z'’]{1,24})?)[ \t]++"
                     r"(?:(" + _KIND + r")[ \t]++)?(?:family|household|twins|clan|kids|dynasty)\b")


def _double_surname(parts: list[str], family: frozenset[str], common: frozenset[str]) -> bool:
    """Round 13: "the Garcia-Moreno family": one part a listed family name, and no part an English word
    ("the Coca-Cola family" is none)."""
    return any(p in family for p in parts) and not any(p in common and p not in family for p in parts)


def _kind_named(ctx: TextContext, start: int, end: int, family: frozenset[str]) -> bool:
    """Round 14: the capitalised word before the kind of family ("the Rothschild banking family") names one: no
    ordinary word, no nation, people or place spaCy found ("the Saudi royal family"), and a listed family name, no
    English word, or a word spaCy tags PERSON ("Rothschild" is in WordNet)."""
    base = ctx.text[start:end].casefold()
    if base in ordinary_words() or ctx.ent_spans(("NORP", "GPE", "LOC")).overlaps(start, end):
        return False
    return base in family or base not in ctx.common or ctx.ent_spans(("PERSON",)).overlaps(start, end)


class FamilyRecognizer(GuidelineRecognizer):
    """``GROUP`` spans of a family named by its surname: ``Name``, not certain."""

    ENTITIES = ["GROUP"]

    def find(self, ctx: TextContext) -> list[Candidate]:
        text = ctx.text
        family, band_names = surnames_folded(), set(bands())
        out: list[Candidate] = []
        for m in _PLURAL.finditer(text):
            base = m.group(1).casefold()
            whole = m.group(1) + m.group(2)
            if (base in family and base not in ctx.common and whole.casefold() not in family
                    and f"The {whole}" not in band_names):
                out.append(Candidate(m.start(1), m.end(2), NAME, "GROUP", SCORE, False))
        for m in _FAMILY.finditer(text):
            base = m.group(1).casefold()
            # "the Smith twins": a surname that is also a word counts before "family", unless it is mostly a word
            # ("the Rose family" of plants)
            if base in family and (base not in ctx.common or base not in ordinary_words()):
                out.append(Candidate(m.start(1), m.end(), NAME, "GROUP", SCORE, False))
            elif "-" in base and _double_surname(base.split("-"), family, ctx.common):
                out.append(Candidate(m.start(1), m.end(), NAME, "GROUP", SCORE, False))
            elif m.group(2) and _kind_named(ctx, m.start(1), m.end(1), family):
                # round 14: "the Rothschild banking family": the kind of family says it is one, off the list too
                out.append(Candidate(m.start(1), m.end(), NAME, "GROUP", SCORE, False))
        return out
