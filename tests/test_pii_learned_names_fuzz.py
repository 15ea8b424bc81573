"""The learned name detector (``LearnedNameRecognizer``, ``NameModel.spans``) on hostile input, as
test_pii_round78_fuzz.py does for the rule recognizers: text glued from name words, particles, hyphens, possessives
and arbitrary unicode, and 10,000-character strings repeating them, finish and give spans inside the text; the whole
engine with the detector registered does too.

Bounds are loose CPU-second limits (a blow-up fails them, a busy machine does not), as in test_pii_bounds.py.
"""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from label_config.taxonomy import PII_LABELS
from ml_backend.pii.context import TextContext
from ml_backend.pii.name_features import Lexicon
from ml_backend.pii.name_model import load_model
from ml_backend.pii.recognizers.learned_names import LearnedNameRecognizer, lexicon

COMMON = frozenset({"draft", "reference", "assistant", "write", "letter", "to", "my", "the", "team", "ask"})
_PIECES = st.sampled_from(
    ["Kofi ", "Asante", "-", "Boateng", "'s ", "van ", "der ", "de ", "al-", "Al ", "O'", "Connell ", "MARCUS ",
     "ABERNATHY'S ", "derek ", "holloway ", "Chiamaka ", "Obi-Nwankwo ", "Sgt. ", "Dr. ", "Write ", "a letter to ",
     "my assistant ", "team ", ", ", ". ", "\n", "\t", "  ", "\u200b", "\u00a0", "é", "Ω", "東", "🙂", "’", "--", "- ",
     "-\n", "Mc", "Donald ", "'", "x" * 40 + " "])


def _spans_inside(text: str, spans) -> None:
    for start, end, *_ in spans:
        assert 0 <= start < end <= len(text), (start, end, len(text))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(st.lists(_PIECES, min_size=1, max_size=400).map("".join), st.text(max_size=2000)))
def test_model_spans_on_glued_and_arbitrary_text(text: str) -> None:
    spans = load_model().spans(text, lexicon(COMMON))
    _spans_inside(text, spans)
    assert all(0.0 <= p <= 1.0 for _, _, p in spans)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.lists(_PIECES, min_size=1, max_size=400).map("".join))
def test_recognizer_candidates_are_names_inside_the_text(text: str) -> None:
    cands = LearnedNameRecognizer().find(TextContext(text, None, COMMON))
    for c in cands:
        assert 0 <= c.start < c.end <= len(text)
        assert c.label == PII_LABELS[0] and not c.certain  # no spaCy doc here: never certain


@pytest.mark.parametrize("piece", ["Kofi Asante-Boateng ", "Obi-Nwankwo-", "van der van der ", "al-al-al-",
                                   "MARCUS ABERNATHY'S ", "derek holloway ", "Ab-" * 3, "A " * 2, "\u200b-" * 2,
                                   "O'O'O'", "x" * 999 + " "])
def test_ten_thousand_characters_of_one_piece(piece: str) -> None:
    text = (piece * (10_000 // len(piece) + 1))[:10_000]
    t0 = time.process_time()
    spans = load_model().spans(text, lexicon(COMMON))
    cands = LearnedNameRecognizer().find(TextContext(text, None, COMMON))
    assert time.process_time() - t0 < 3.0
    _spans_inside(text, spans)
    assert all(0 <= c.start < c.end <= len(text) for c in cands)


def test_an_empty_lexicon_and_empty_text() -> None:
    empty = Lexicon(frozenset(), frozenset(), frozenset())
    assert load_model().spans("", empty) == []
    assert load_model().spans("Kofi Asante-Boateng", empty) is not None


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.lists(_PIECES, min_size=1, max_size=300).map("".join))
def test_whole_engine_with_the_detector_on_hostile_text(text: str) -> None:
    from ml_backend.pii import get_pii_engine

    finding = get_pii_engine().analyze(text)
    for span in finding.spans:
        assert 0 <= span.start < span.end <= len(text) and span.label in PII_LABELS
