"""The self-exclamation recognizer (ml_backend/toxicity/recognizers/self_exclamation.py).

Pins which sentences it picks and which it leaves alone, and what it does inside the engine; quality on unseen
data: ``python -m ml_backend.evaluate_toxicity_rules`` and the round-5 cases (not asserted here).
"""

from __future__ import annotations

import doctest

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ml_backend.toxicity import get_toxicity_engine
from ml_backend.toxicity.recognizers import self_exclamation
from ml_backend.toxicity.recognizers.self_exclamation import SelfExclamation, is_self_exclamation


def test_doctests() -> None:
    assert doctest.testmod(self_exclamation).failed == 0


@pytest.mark.parametrize("sentence", [
    'Damn, I missed the last train.',
    'Dang it, I dropped my phone again.',
    'Oh darn, we forgot the tickets.',
    'Dammit, my laptop froze.',
])
def test_picks(sentence: str) -> None:
    assert is_self_exclamation(sentence)


@pytest.mark.parametrize("sentence", [
    'Damn you, I hate you.',
    'Damn, this soup is spicy.',
    'Damn, she is annoying.',
    'Shit, I forgot my keys.',
    'I damn well told you so.',
    '',
])
def test_leaves_alone(sentence: str) -> None:
    assert not (is_self_exclamation(sentence))


def test_in_the_engine() -> None:
    engine = get_toxicity_engine()
    only = engine.with_recognizers([SelfExclamation()])
    texts = ['Damn, I forgot my keys again.', 'Damn, you are one ugly loser.']
    got = [s.level for s in only.score_batch(texts)]
    plain = [s.level for s in engine.with_recognizers(()).score_batch(texts)]
    assert plain[0] == 1 and got[0] == 0
    assert got[1] == plain[1] > 0  # aimed at the reader: the head's


#: The characters of hostile random texts: this recognizer's trigger words and punctuation.
ALPHABET = "Damn damn it I my you forgot keys ,.!?'\n "


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(ALPHABET)), max_size=6_000) | st.text(max_size=6_000))
def test_any_text(text: str) -> None:
    is_self_exclamation(text)  # linear-time patterns: long or odd input returns (a blow-up would hang here)
    assert SelfExclamation().adjust([text], [0.5], [0.5], lambda parts: ([0.5] * len(parts),) * 3)[0].shape == (1,)
