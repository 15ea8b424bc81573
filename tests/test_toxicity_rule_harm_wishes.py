"""The harm-wishes recognizer (ml_backend/toxicity/recognizers/harm_wishes.py).

Pins which sentences it picks and which it leaves alone, and what it does inside the engine; quality on unseen
data: ``python -m ml_backend.evaluate_toxicity_rules`` and the round-5 cases (not asserted here).
"""

from __future__ import annotations

import doctest

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ml_backend.toxicity import get_toxicity_engine
from ml_backend.toxicity.recognizers import harm_wishes
from ml_backend.toxicity.recognizers.harm_wishes import HarmWishes, is_harm_wish


def test_doctests() -> None:
    assert doctest.testmod(harm_wishes).failed == 0


@pytest.mark.parametrize("sentence", [
    'I hope you get run over.',
    'Hope he chokes on it.',
    'May you rot in hell.',
    'Somebody should shoot him.',
    'I wish you would just die.',
])
def test_picks(sentence: str) -> None:
    assert is_harm_wish(sentence)


@pytest.mark.parametrize("sentence", [
    'I hope you get well soon.',
    'Hope you get home safe.',
    "I hope you don't get hurt.",
    'In the film she hopes he dies.',
    "I hope the server doesn't crash.",
    '',
])
def test_leaves_alone(sentence: str) -> None:
    assert not (is_harm_wish(sentence))


def test_in_the_engine() -> None:
    engine = get_toxicity_engine()
    only = engine.with_recognizers([HarmWishes()])
    texts = ['Hope you get hit by a bus, loser.', 'I hope you get well soon.']
    got = [s.level for s in only.score_batch(texts)]
    assert got == [2, 0]


#: The characters of hostile random texts: this recognizer's trigger words and punctuation.
ALPHABET = "I hope you get hit die may someone should push ,.!?'\n "


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(ALPHABET)), max_size=6_000) | st.text(max_size=6_000))
def test_any_text(text: str) -> None:
    is_harm_wish(text)  # linear-time patterns: long or odd input returns (a blow-up would hang here)
    assert HarmWishes().adjust([text], [0.5], [0.5], lambda parts: ([0.5] * len(parts),) * 3)[0].shape == (1,)
