"""The neutral-nouns recognizer (ml_backend/toxicity/recognizers/neutral_nouns.py).

Pins which sentences it picks and which it leaves alone, and what it does inside the engine; quality on unseen
data: ``python -m ml_backend.evaluate_toxicity_rules`` and the round-5 cases (not asserted here).
"""

from __future__ import annotations

import doctest

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ml_backend.toxicity import get_toxicity_engine
from ml_backend.toxicity.recognizers import neutral_nouns
from ml_backend.toxicity.recognizers.neutral_nouns import NeutralNouns, neutral


def test_doctests() -> None:
    assert doctest.testmod(neutral_nouns).failed == 0


@pytest.mark.parametrize("sentence", [
    'Our grandma cooks the finest goulash on the planet.',
    'My mum bakes the tastiest scones of all time.',
    'Nana makes a wonderful borscht.',
    'My neighbour grills the best kebabs in the whole world.',
])
def test_picks(sentence: str) -> None:
    assert neutral(sentence) is not None


@pytest.mark.parametrize("sentence", [
    'Our race is the greatest on earth.',
    'White people make the best food in the world.',
    'Muslims cook the best rice.',
    'I love you.',
    'The best way to learn is to practise.',
    '',
])
def test_leaves_alone(sentence: str) -> None:
    assert not (neutral(sentence) is not None)


def test_in_the_engine() -> None:
    engine = get_toxicity_engine()
    only = engine.with_recognizers([NeutralNouns()])
    texts = ['My grandmother makes the best dumplings in the world.', 'My grandmother is a stupid old hag.',
             'Our people are the greatest on earth.']
    got = [s.level for s in only.score_batch(texts)]
    plain = [s.level for s in engine.with_recognizers(()).score_batch(texts)]
    assert plain[0] == 2 and got[0] == 0        # round 5's false positive, lowered
    assert got[1:] == plain[1:] and got[1] == 2  # an insult at kin, and a people's praise: the head's


#: The characters of hostile random texts: this recognizer's trigger words and punctuation.
ALPHABET = "My grandma makes the best dumplings in world on earth of all time ,.!?'\n "


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(ALPHABET)), max_size=6_000) | st.text(max_size=6_000))
def test_any_text(text: str) -> None:
    neutral(text)  # linear-time patterns: long or odd input returns (a blow-up would hang here)
    assert NeutralNouns().adjust([text], [0.5], [0.5], lambda parts: ([0.5] * len(parts),) * 3)[0].shape == (1,)
