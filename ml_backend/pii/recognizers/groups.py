"""Bands and small groups: PII, not certain (the guideline: "The Beatles" can be PII; a large group is not).

Two recognizers: :class:`BandRecognizer`, a Presidio deny-list ``PatternRecognizer`` over ``data/bands.txt``
(case-sensitive, whole words), and :class:`GroupCueRecognizer` for groups named after a cue ("the band Wet Leg")
and family acts ("the Jonas Brothers", "the Pointer Sisters").

    >>> [(r.entity_type, r.start, r.end) for r in BandRecognizer().analyze("I love The Beatles.", ["GROUP"])]
    [('GROUP', 7, 18)]
"""

from __future__ import annotations

import re

from presidio_analyzer import PatternRecognizer

from label_config.taxonomy import PII_LABELS
from ml_backend.pii.context import TextContext
from ml_backend.pii.finding import Candidate
from ml_backend.pii.recognizers.base import GuidelineRecognizer
from ml_backend.pii.wordlists import bands

NAME = PII_LABELS[0]
GROUP_SCORE = 0.5
CUED_SCORE = 0.9

_GROUP_CUE = re.compile(
    r"(?i:\b(?:(?:the|our|my|their|his|her) (?:rock |pop |punk |metal |indie |boy |girl |jazz |folk |new )?"
    r"(?:band|group|duo|trio|quartet|quintet|choir|ensemble)|boy band|girl group)\s+)((?:The\s+)?[A-Z0-9][\w'’&\-]*+(?:\s+[A-Z0-9][\w'’&\-]*+){0,3})"
)

# "the Jonas Brothers", "the Pointer Sisters": a family act; not a company ("Warner Bros", "Lehman Brothers")
_SIBLINGS = re.compile(r"(?<![\w])(?i:the)[ \t]++([A-Z][\w'’\-]++[ \t]++(?:Brothers|Sisters|Bros\.?|Twins))(?![\w])")
_NOT_SIBLINGS = frozenset("Warner Lehman Salomon Mario Super Big Blues".split())


class BandRecognizer(PatternRecognizer):
    """``GROUP``: the bands of ``data/bands.txt`` (longest first), case-sensitive."""

    def __init__(self) -> None:
        names = sorted(bands(), key=len, reverse=True)
        super().__init__(supported_entity="GROUP", name="BandRecognizer", deny_list=names,
                         deny_list_score=GROUP_SCORE, global_regex_flags=re.DOTALL | re.MULTILINE)


class GroupCueRecognizer(GuidelineRecognizer):
    """``GROUP`` after "the band", "the duo", "girl group" ...: ``Name``, not certain."""

    ENTITIES = ["GROUP"]

    def find(self, ctx: TextContext) -> list[Candidate]:
        # round 20: "our band Copper Lanterns", "my trio Silver Oaks"; a cue says it is a group, so it outranks a
        # person's name the small model sees in the same words
        out = [Candidate(m.start(1), m.end(1), NAME, "GROUP", CUED_SCORE, False)
               for m in _GROUP_CUE.finditer(ctx.text)]
        for m in _SIBLINGS.finditer(ctx.text):
            if m.group(1).split()[0] not in _NOT_SIBLINGS:
                out.append(Candidate(m.start(1), m.end(1), NAME, "GROUP", GROUP_SCORE, False))
        return out
