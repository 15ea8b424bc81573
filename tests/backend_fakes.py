"""Fake engines for the ML backend's unit tests of parsing and mapping (the integration tests use the real ones).

They follow the engines' API: ``model_version``, ``analyze_batch(texts) -> [PiiFinding]``,
``score_batch(texts) -> [ToxicityScore]``, and record every call so tests can count batches.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class FakeSpan:
    start: int
    end: int
    label: str
    score: float
    certain: bool = True
    entity: str = "PERSON"


@dataclass(frozen=True)
class FakeFinding:
    spans: tuple[FakeSpan, ...]
    has_pii: bool
    certain: bool
    public_only: bool | None
    score: float


@dataclass(frozen=True)
class FakeTox:
    probability: float
    level: int


_NAME = re.compile(r"\b(Alice Smith|Bob Jones|Barack Obama)\b")
_EMAIL = re.compile(r"\b[\w.]+@[\w.]+\.\w+\b")


@dataclass
class FakePii:
    """Finds two made-up names, Barack Obama (a public figure) and e-mail addresses."""

    model_version: str = "pii:fake-1"
    calls: list[list[str]] = field(default_factory=list)
    fail_on: str | None = None
    offset_shift: int = 0

    def analyze_batch(self, texts):
        self.calls.append(list(texts))
        if self.fail_on is not None and any(self.fail_on in t for t in texts):
            raise RuntimeError(f"engine broke on {self.fail_on}")  # a message holding text: must not be logged
        out = []
        for text in texts:
            spans = [FakeSpan(m.start() + self.offset_shift, m.end() + self.offset_shift, "Name", 0.85)
                     for m in _NAME.finditer(text)]
            spans += [FakeSpan(m.start(), m.end(), "Contact", 1.0, entity="EMAIL_ADDRESS")
                      for m in _EMAIL.finditer(text)]
            spans.sort(key=lambda s: s.start)
            public = None
            if spans:
                public = all(text[s.start - self.offset_shift:s.end - self.offset_shift] == "Barack Obama"
                             for s in spans)
            out.append(FakeFinding(tuple(spans), bool(spans), bool(spans), public,
                                   max((s.score for s in spans), default=0.1)))
        return out


@dataclass
class FakeToxicity:
    """Level 2 for texts with 'idiot', level 1 for 'damn', else 0."""

    model_version: str = "toxicity:fake-1"
    calls: list[list[str]] = field(default_factory=list)

    def score_batch(self, texts):
        self.calls.append(list(texts))
        return [FakeTox(0.95, 2) if "idiot" in t.lower() else FakeTox(0.6, 1) if "damn" in t.lower()
                else FakeTox(0.05, 0) for t in texts]


def fake_relative(input_level: int, output_level: int) -> int:
    return (output_level > input_level) - (output_level < input_level)


def fake_predictor(max_text_chars: int = 50_000, **pii_kwargs):
    from ml_backend.predict import Predictor

    return Predictor(FakePii(**pii_kwargs), FakeToxicity(), fake_relative, max_text_chars)


@dataclass
class TrapPii(FakePii):
    """FakePii that misbehaves on marker words, for the engine pool's limits (run in real engine processes).

    ``STALL``: a catastrophic regex (``(a+)+$`` on 60 a's and a '!'): hours inside the C regex engine, holding
    the GIL, exactly like the name-rule bug of issue 10. ``CRASH``: the process dies at once.
    """

    def analyze_batch(self, texts):
        import os
        import re

        if any("CRASH" in t for t in texts):
            os._exit(3)
        if any("STALL" in t for t in texts):
            re.match(r"(a+)+$", "a" * 60 + "!")
        return super().analyze_batch(texts)


def fake_engine_factory(settings):
    """``LABELGUIDE_ENGINE_FACTORY=backend_fakes:fake_engine_factory``: engine processes with the fakes above."""
    from ml_backend.predict import Predictor

    return Predictor(TrapPii(), FakeToxicity(), fake_relative, settings.max_text_chars)


def broken_engine_factory(settings):
    """Models that fail to load, as a missing spaCy package does (the message quotes a name: never logged)."""
    raise OSError("[E050] Can't find model 'en_core_web_missing'")
