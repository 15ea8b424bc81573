"""The speakers of a pasted chat log named by handles: "[10:02] dana.k: can we move standup?", "tom_88: the
meeting is at 5". A handle identifies its user (the guideline: usernames count when they identify); with no
platform named it is PII, not certain, as an @handle is (:mod:`~ml_backend.pii.recognizers.handles`).

A speaker label is a handle-shaped word (a part of one or two letters or digits beside a ``.`` or ``_``:
"dana.k", "mike_r", "tom_88"; not "learning_rate") at the start of a line, after a timestamp in brackets or after
an opening quote, then a colon and a message that starts with a letter. The text must read as a chat: a
timestamp before a label, or two labels. Roles ("User:", "Agent:", "A:") and plain first names ("Mike:": a first
name alone is no PII) are no handles; a configuration ("top_k: 40") has numbers after the colon.

    >>> from ml_backend.pii.context import TextContext
    >>> ctx = TextContext("'[09:14] mike_r: deploy is broken [09:15] jen.w: on it'\\ntop_k: 40", None)
    >>> [(ctx.text[c.start:c.end], c.certain) for c in ChatSpeakerRecognizer().find(ctx)]
    [('mike_r', False), ('jen.w', False)]
"""

from __future__ import annotations

import re

from label_config.taxonomy import PII_LABELS
from ml_backend.pii.context import TextContext
from ml_backend.pii.finding import Candidate
from ml_backend.pii.recognizers.base import GuidelineRecognizer

NAME = PII_LABELS[0]
SCORE = 0.55

_STAMP = r"\[[0-2]?\d:[0-5]\d(?::[0-5]\d)?(?:[ \t]?[AaPp][Mm])?\][ \t]*+"
# a label: letters, then "." or "_" and more parts; at a line start, after an opening quote or a timestamp
_LABEL = re.compile(r"(?:^|(?<=\n)|(?<=['\"“‘«])|(?<=\] )|(?<=\]))(" + _STAMP + r")?"
                    r"([A-Za-z][A-Za-z0-9]{0,19}(?:[._][A-Za-z0-9]{1,20}){1,2}):[ \t]++(?=[A-Za-z])", re.M)
_SHORT_PART = re.compile(r"^(?:[A-Za-z]{1,2}|\d{1,4})$")


def _handle_shaped(label: str) -> bool:
    """A part of one or two letters or of digits: "dana.k", "tom_88" (not "learning_rate", "first.name")."""
    parts = re.split(r"[._]", label)
    return any(_SHORT_PART.match(p) for p in parts[1:]) or any(ch.isdigit() for ch in label)


class ChatSpeakerRecognizer(GuidelineRecognizer):
    """``USERNAME`` speaker labels of a chat log: ``Name``, not certain."""

    ENTITIES = ["USERNAME"]

    def find(self, ctx: TextContext) -> list[Candidate]:
        text = ctx.text
        if ":" not in text:
            return []
        found = [m for m in _LABEL.finditer(text) if _handle_shaped(m.group(2))]
        stamped = any(m.group(1) for m in found)
        if not found or (not stamped and len({m.group(2) for m in found}) < 2 and len(found) < 2):
            return []  # one label and no timestamp: no chat
        return [Candidate(m.start(2), m.end(2), NAME, "USERNAME", SCORE, False) for m in found]
