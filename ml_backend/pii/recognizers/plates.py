"""Vehicle registration plates after a cue: "my plate is KM19 XZT", "registration AB12 CDE", "licence plate
7ABC123". The guideline lists vehicle plates among identifiers: PII, certain.

The value is 4 to 10 letters and digits with at most three inner spaces or hyphens, holding at least one letter
and one digit ("KM19 XZT", "B-MW 1234", "MH 12 AB 3456"); a cue word must come right before it ("plate",
"registration", "reg", "number plate", "tag", each optionally followed by "is" / ":" / "number"). An Indian plate
(state letters, district digits, series letters, four digits: "TN 09 BX 7788") needs no cue (round 17).

    >>> from ml_backend.pii.context import TextContext
    >>> ctx = TextContext("My car's plate is KM19 XZT, and the reg: B-MW 1234.", None)
    >>> [ctx.text[c.start:c.end] for c in PlateRecognizer().find(ctx)]
    ['KM19 XZT', 'B-MW 1234']
"""

from __future__ import annotations

import re

from label_config.taxonomy import PII_LABELS
from ml_backend.pii.context import TextContext
from ml_backend.pii.finding import Candidate
from ml_backend.pii.prechecks import DIGIT
from ml_backend.pii.recognizers.base import GuidelineRecognizer

IDENTIFIER = PII_LABELS[4]

_PLATE = re.compile(
    r"(?i:\b(?:(?:licen[cs]e|number|registration|vehicle|car)[ \t]+)?(?:plate|registration|reg|rego|tag)s?"
    r"(?:[ \t]+(?:number|no\.?|#))?(?:[ \t]+(?:is|was|reads|:)|[ \t]*:)?[ \t]*+)"
    r"([A-Z0-9]{1,8}(?:[ \-][A-Z0-9]{1,5}){0,3})(?![\w\-])"
)
# round 17: an Indian plate, cue or none: state, district, series, number ("MH 12 AB 3456", "TN09BX7788")
_INDIAN_PLATE = re.compile(r"(?<![\w\-])[A-Z]{2}[ \-]?\d{1,2}[ \-]?[A-Z]{1,3}[ \-]?\d{4}(?![\w\-])")


class PlateRecognizer(GuidelineRecognizer):
    """``VEHICLE_PLATE`` spans after a cue: ``Identifier``, certain."""

    ENTITIES = ["VEHICLE_PLATE"]
    NEEDS = DIGIT  # a plate needs a digit

    def find(self, ctx: TextContext) -> list[Candidate]:
        out = []
        for m in _PLATE.finditer(ctx.text):
            v = m.group(1)
            compact = v.replace(" ", "").replace("-", "")
            if not 4 <= len(compact) <= 10 or not any(c.isdigit() for c in v) or not any(c.isalpha() for c in v):
                continue
            out.append(Candidate(m.start(1), m.end(1), IDENTIFIER, "VEHICLE_PLATE", 0.7, True))
        seen = {c.start for c in out}
        out.extend(Candidate(m.start(), m.end(), IDENTIFIER, "VEHICLE_PLATE", 0.7, True)
                   for m in _INDIAN_PLATE.finditer(ctx.text) if m.start() not in seen)
        return out
