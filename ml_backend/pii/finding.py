"""What the PII engine returns (:class:`PiiFinding`, :class:`PiiSpan`) and what recognizers propose (:class:`Candidate`).

A recognizer's :class:`Candidate` is a span before overlaps are resolved; ``weak`` and ``requires`` say when it
counts (see :mod:`ml_backend.pii.resolve`).

    >>> PiiSpan(start=11, end=23, label="Name", score=0.85, certain=True, entity="PERSON").label
    'Name'
    >>> Candidate(11, 17, "Name", "PERSON", 0.3, False, weak=True).weak
    True
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PiiSpan:
    """One PII span: ``text[start:end]`` is the span, ``label`` one of ``taxonomy.PII_LABELS``.

    >>> PiiSpan(start=11, end=23, label="Name", score=0.85, certain=True, entity="PERSON")
    PiiSpan(start=11, end=23, label='Name', score=0.85, certain=True, entity='PERSON')
    """

    start: int
    end: int
    label: str
    score: float
    certain: bool
    entity: str


@dataclass(frozen=True)
class PiiFinding:
    """The PII verdict on one text: its spans and the guideline's flags.

    >>> PiiFinding(spans=(), has_pii=False, certain=False, public_only=None, score=0.0).has_pii
    False
    """

    spans: tuple[PiiSpan, ...]
    has_pii: bool
    certain: bool
    public_only: bool | None
    score: float


NO_PII = PiiFinding(spans=(), has_pii=False, certain=False, public_only=None, score=0.0)


@dataclass
class Candidate:
    """A PII span proposed by a recognizer, before overlaps are resolved.

    ``weak``: not PII on its own (a lone first name), kept only when the prompt holds other PII.
    ``public``: a name on the list of well-known public figures.
    ``requires``: a condition on the rest of the prompt: ``"person"`` (kept only when the prompt names a person:
    a "Website:" in a record), ``"full_name_near"`` (a day-precise date kept only within 120 characters of a full
    name, no blank line between).

    >>> c = Candidate(11, 17, "Name", "PERSON", 0.3, False, weak=True)
    >>> (c.start, c.end, c.weak)
    (11, 17, True)
    """

    start: int
    end: int
    label: str
    entity: str
    score: float
    certain: bool
    weak: bool = False
    public: bool = False
    requires: str | None = None
