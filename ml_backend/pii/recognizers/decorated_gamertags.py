"""Gamertags in their decorated form: ``xX_ShadowWolf_Xx``, ``xXNightRiderXx``, ``Xx_Dark_Slayer99_xX``. The
"xX ... Xx" frame is the gamer's own decoration, never an English word or a product, so the whole token is a
pseudonym that identifies its owner online: PII (``Name``), certain, as a gamertag after a cue
(:mod:`~ml_backend.pii.recognizers.bare_handles`).

The core between the frames: 3 to 30 letters, digits or underscores, at least one letter, and a capital or a digit
among them ("xXboxXx" is no tag: no capital in the core), or (round 11) underscores between it and the frames
("xX_darkwolf_Xx": the underscores are decoration too).

Cheap pre-check (``NEEDS``): "xX" or "Xx" somewhere (case-sensitive).

    >>> from ml_backend.pii.context import TextContext
    >>> ctx = TextContext("From xX_ShadowWolf_Xx and xXNightRiderXx, not Xbox.", None)
    >>> [ctx.text[c.start:c.end] for c in DecoratedGamertagRecognizer().find(ctx)]
    ['xX_ShadowWolf_Xx', 'xXNightRiderXx']
"""

from __future__ import annotations

import re

from label_config.taxonomy import PII_LABELS
from ml_backend.pii.context import TextContext
from ml_backend.pii.finding import Candidate
from ml_backend.pii.recognizers.base import GuidelineRecognizer

NAME = PII_LABELS[0]
SCORE = 0.7

NEEDS = re.compile(r"xX|Xx")
_TAG = re.compile(r"(?<![\w@])(?:xX|Xx)(_*+)(?:(?<=_)|(?=\w*[A-Z0-9]))(\w{3,30}?)\1(?:Xx|xX)(?!\w)")


class DecoratedGamertagRecognizer(GuidelineRecognizer):
    """``USERNAME`` decorated gamertags: ``Name``, certain."""

    ENTITIES = ["USERNAME"]
    NEEDS = NEEDS

    def find(self, ctx: TextContext) -> list[Candidate]:
        out: list[Candidate] = []
        for m in _TAG.finditer(ctx.text):
            core = m.group(2).strip("_")
            # a capital or a digit in the core, or (round 11) underscores around it: "xX_darkwolf_Xx"
            if re.search(r"[A-Za-z]", core) and (m.group(1) or re.search(r"[A-Z0-9]", core)):
                out.append(Candidate(m.start(), m.end(), NAME, "USERNAME", SCORE, True))
        return out
