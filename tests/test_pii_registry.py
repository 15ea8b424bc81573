"""The registry (add/remove recognizers the Presidio way), the NER-only pipeline and the lemma-free context boost."""

from __future__ import annotations

import doctest

import pytest
from presidio_analyzer import Pattern, PatternRecognizer

from ml_backend.pii import PiiEngine, context_words, get_pii_engine, registry
from ml_backend.pii.analyzer import PIPES_USED


def test_default_registry_holds_every_recognizer_once() -> None:
    names = registry.recognizer_names(registry.default_registry())
    assert len(names) == len(set(names))
    assert {"PersonNameRecognizer", "StreetAddressRecognizer", "HandleRecognizer", "EmailRecognizer",
            "PhoneRecognizer"} <= set(names)
    assert "UrlRecognizer" not in names and "SpacyRecognizer" not in names and "DateRecognizer" not in names


def test_remove_and_add_a_recognizer() -> None:
    reg = registry.default_registry()
    reg.remove_recognizer("StreetAddressRecognizer")
    reg.add_recognizer(PatternRecognizer(supported_entity="EMPLOYEE_ID", name="EmployeeIds",
                                         patterns=[Pattern("emp", r"\bEMP-\d{6}\b", 0.9)]))
    registry.ENTITY_LABELS.setdefault("EMPLOYEE_ID", ("Identifier", 0.5, True))
    try:
        engine = PiiEngine(registry=reg)
        text = "Ship it to 24 Clarke Avenue for EMP-448291."
        assert [(text[s.start:s.end], s.label) for s in engine.analyze(text).spans] == [("EMP-448291", "Identifier")]
    finally:
        registry.ENTITY_LABELS.pop("EMPLOYEE_ID", None)


def test_only_ner_runs() -> None:
    nlp = get_pii_engine()._nlp
    assert [p for p in nlp.pipe_names if p not in nlp.disabled] == list(PIPES_USED)


@pytest.mark.parametrize(
    "text,score",
    [("my passport number: 912803456", 0.4),  # a context word before the match lifts a weak pattern
     ("the number 912803456 again", 0.05)],
)
def test_context_boost_without_lemmas(text: str, score: float) -> None:
    import spacy
    from presidio_analyzer import RecognizerResult
    from presidio_analyzer.predefined_recognizers import UsPassportRecognizer

    rec = UsPassportRecognizer()
    start = text.index("912803456")
    r = RecognizerResult("US_PASSPORT", start, start + 9, 0.05, recognition_metadata={"recognizer_identifier": rec.id})
    (out,) = context_words.enhance_scores(text, [r], {rec.id: rec}, spacy.blank("en")(text))
    assert round(out.score, 2) == score


def test_docstrings() -> None:
    for module in (registry, context_words):
        assert doctest.testmod(module).failed == 0
