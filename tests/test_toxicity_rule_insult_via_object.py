"""The insult-via-object recognizer (ml_backend/toxicity/recognizers/insult_via_object.py).

Pins which sentences it picks and which it leaves alone, and what it does inside the engine; quality on unseen
data: ``python -m ml_backend.evaluate_toxicity_rules`` and the round-5 cases (not asserted here).
"""

from __future__ import annotations

import doctest

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ml_backend.toxicity import get_toxicity_engine
from ml_backend.toxicity.recognizers import insult_via_object
from ml_backend.toxicity.recognizers.insult_via_object import InsultViaObject, is_insult_via_object


def test_doctests() -> None:
    assert doctest.testmod(insult_via_object).failed == 0


@pytest.mark.parametrize("sentence", [
    'Your music is trash and so are you.',
    'Your essay is as dumb as you are.',
    'This painting is ugly, just like its owner.',
    "Your plan is stupid and you're even worse.",
])
def test_picks(sentence: str) -> None:
    assert is_insult_via_object(sentence)


@pytest.mark.parametrize("sentence", [
    'Your code is great and so are you.',
    'This couch is garbage.',
    'Your dog is ugly, just like you said.',
    'The movie was awful, like you told me.',
    '',
])
def test_leaves_alone(sentence: str) -> None:
    assert not (is_insult_via_object(sentence))


def test_in_the_engine() -> None:
    engine = get_toxicity_engine()
    only = engine.with_recognizers([InsultViaObject()])
    texts = ['Your code is garbage and so are you.', 'Your code is great and so are you.']
    got = [s.level for s in only.score_batch(texts)]
    assert got == [2, 0]


#: The characters of hostile random texts: this recognizer's trigger words and punctuation.
ALPHABET = "Your code is garbage and so are you just like as ,.!?'\n "


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(ALPHABET)), max_size=6_000) | st.text(max_size=6_000))
def test_any_text(text: str) -> None:
    is_insult_via_object(text)  # linear-time patterns: long or odd input returns (a blow-up would hang here)
    assert InsultViaObject().adjust([text], [0.5], [0.5], lambda parts: ([0.5] * len(parts),) * 3)[0].shape == (1,)
