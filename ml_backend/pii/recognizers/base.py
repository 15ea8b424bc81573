"""The base of every guideline recognizer: a Presidio ``EntityRecognizer`` that proposes :class:`Candidate` spans.

A guideline recognizer implements :meth:`GuidelineRecognizer.find` on a :class:`TextContext` and returns
candidates already labelled with the guideline's five labels. ``analyze`` (Presidio's interface) wraps each
candidate in a ``RecognizerResult`` whose ``recognition_metadata["candidate"]`` holds it, so the recognizer can
sit in a ``RecognizerRegistry`` beside Presidio's own ones and be called the Presidio way::

    >>> from ml_backend.pii.recognizers.handles import HandleRecognizer
    >>> [(r.entity_type, r.start, r.end) for r in HandleRecognizer().analyze("ping @sunny_dev42", [])]
    [('USERNAME', 5, 17)]
"""

from __future__ import annotations

from typing import Any

from presidio_analyzer import EntityRecognizer, RecognizerResult

from ml_backend.pii.context import TextContext, context_of
from ml_backend.pii.finding import Candidate
from ml_backend.pii.prechecks import may_match

CANDIDATE_KEY = "candidate"


class GuidelineRecognizer(EntityRecognizer):
    """Subclass, set ``ENTITIES`` and implement :meth:`find`; set ``NEEDS`` when every result needs something
    cheap to test for (a digit: :mod:`ml_backend.pii.prechecks`)."""

    ENTITIES: list[str] = []
    # a compiled pattern (or a tuple of them) that matches somewhere in every text ``find`` returns a candidate on
    # (None: no pre-check)
    NEEDS: Any = None

    def __init__(self, name: str | None = None) -> None:
        super().__init__(supported_entities=list(self.ENTITIES), name=name, supported_language="en")

    def load(self) -> None:  # nothing to load: word lists are read lazily and cached
        pass

    def find(self, ctx: TextContext) -> list[Candidate]:
        raise NotImplementedError

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[RecognizerResult]:
        if self.NEEDS is not None and not may_match(self.NEEDS, text):
            return []
        ctx = context_of(text, nlp_artifacts)
        return [
            RecognizerResult(c.entity, c.start, c.end, c.score,
                             recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                                                   RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                                                   CANDIDATE_KEY: c})
            for c in self.find(ctx)
        ]
