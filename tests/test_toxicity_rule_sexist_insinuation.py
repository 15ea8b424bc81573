"""The sexist-insinuation recognizer (ml_backend/toxicity/recognizers/sexist_insinuation.py).

Pins which sentences it picks and which it leaves alone, and what it does inside the engine; quality on unseen
data: ``python -m ml_backend.evaluate_toxicity_rules`` and the round-5 cases (not asserted here).
"""

from __future__ import annotations

import doctest

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ml_backend.toxicity import get_toxicity_engine
from ml_backend.toxicity.recognizers import sexist_insinuation
from ml_backend.toxicity.recognizers.sexist_insinuation import SexistInsinuation, is_sexist_insinuation


def test_doctests() -> None:
    assert doctest.testmod(sexist_insinuation).failed == 0


@pytest.mark.parametrize("sentence", [
    'She only made manager because she was sleeping with the owner.',
    'Everyone knows how she got that promotion.',
    'She slept her way into that job.',
    'Her raise came from the casting couch.',
])
def test_picks(sentence: str) -> None:
    assert is_sexist_insinuation(sentence)


@pytest.mark.parametrize("sentence", [
    'She got promoted because she worked hard.',
    'She slept with her husband last night.',
    'She was promoted not because she slept with anyone but because she is good.',
    'He slept with the boss.',
    '',
])
def test_leaves_alone(sentence: str) -> None:
    assert not (is_sexist_insinuation(sentence))


def test_in_the_engine() -> None:
    engine = get_toxicity_engine()
    only = engine.with_recognizers([SexistInsinuation()])
    texts = ['She only got promoted because she slept with the boss.', 'She got promoted after ten years of hard work.']
    got = [s.level for s in only.score_batch(texts)]
    assert got == [2, 0]


#: The characters of hostile random texts: this recognizer's trigger words and punctuation.
ALPHABET = "She her promoted slept with the boss job ,.!?'\n "


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(ALPHABET)), max_size=6_000) | st.text(max_size=6_000))
def test_any_text(text: str) -> None:
    is_sexist_insinuation(text)  # linear-time patterns: long or odd input returns (a blow-up would hang here)
    assert SexistInsinuation().adjust([text], [0.5], [0.5], lambda parts: ([0.5] * len(parts),) * 3)[0].shape == (1,)
