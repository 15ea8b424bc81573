"""Helpers for the PII recognizer tests: run one recognizer on a text (no spaCy unless a Doc is given)."""

from __future__ import annotations

from functools import cache
from typing import Any

from ml_backend.pii.context import TextContext


def found(recognizer: Any, text: str, doc: Any = None, common: frozenset[str] = frozenset()) -> list[str]:
    """The texts of the spans ``recognizer`` proposes on ``text``."""
    return [text[c.start:c.end] for c in recognizer.find(TextContext(text, doc, common))]


def spans(finding: Any, text: str) -> list[tuple[str, str]]:
    """``(span text, label)`` of a finding."""
    return [(text[s.start:s.end], s.label) for s in finding.spans]


def engine_verdict(text: str) -> tuple[bool, bool, list[str]]:
    """``(has_pii, certain, span texts)`` of the default engine on ``text`` (spaCy runs)."""
    from ml_backend.pii import get_pii_engine

    f = get_pii_engine().analyze(text)
    return f.has_pii, f.certain, [text[s.start:s.end] for s in f.spans]


def assert_verdict(text: str, name: str | None, certain: bool | None) -> None:
    """The default engine flags ``text`` exactly when ``name`` is given; then ``name`` is one of its spans and its
    "certain" answer is ``certain``. The round-6 case lists are ``(text, name or None, certain)`` rows of this."""
    has_pii, is_certain, found_spans = engine_verdict(text)
    assert has_pii is (name is not None), found_spans
    if name is not None:
        assert name in found_spans and is_certain is certain, found_spans


@cache
def english_words() -> frozenset[str]:
    """The English words of the spaCy model's WordNet tables (the engine passes them as ``ctx.common``); the
    ``common`` fixture of ``conftest.py``."""
    from ml_backend.pii.analyzer import DEFAULT_SPACY_MODEL, load_pipeline
    from ml_backend.pii.wordlists import common_words

    return common_words(load_pipeline(DEFAULT_SPACY_MODEL))
