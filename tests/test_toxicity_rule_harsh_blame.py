"""The harsh-blame recognizer (ml_backend/toxicity/recognizers/harsh_blame.py).

Pins which sentences it picks and which it leaves alone, and what it does inside the engine; quality on unseen
data: ``python -m ml_backend.evaluate_toxicity_rules`` and the round-5 cases (not asserted here).
"""

from __future__ import annotations

import doctest

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ml_backend.toxicity import get_toxicity_engine
from ml_backend.toxicity.recognizers import harsh_blame
from ml_backend.toxicity.recognizers.harsh_blame import HarshBlame, is_harsh_blame


def test_doctests() -> None:
    assert doctest.testmod(harsh_blame).failed == 0


@pytest.mark.parametrize("sentence", [
    'The developers should be ashamed of themselves.',
    'The ref was blind all night.',
    'This government is utterly incompetent.',
    'Shame on the council for closing the library.',
    "The manager has no idea what he's doing.",
])
def test_picks(sentence: str) -> None:
    assert is_harsh_blame(sentence)


@pytest.mark.parametrize("sentence", [
    "I'm ashamed of what I said.",
    'The developers should be proud.',
    'He is blind.',
    'The devs should add a dark mode.',
    'The referee made a fair call.',
    '',
])
def test_leaves_alone(sentence: str) -> None:
    assert not (is_harsh_blame(sentence))


def test_in_the_engine() -> None:
    engine = get_toxicity_engine()
    only = engine.with_recognizers([HarshBlame()])
    texts = ['The devs should be ashamed of this update.', 'The devs should add a dark mode.']
    got = [s.level for s in only.score_batch(texts)]
    assert got == [1, 0]


#: The characters of hostile random texts: this recognizer's trigger words and punctuation.
ALPHABET = "The devs should be ashamed useless referee blind I ,.!?'\n "


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(ALPHABET)), max_size=6_000) | st.text(max_size=6_000))
def test_any_text(text: str) -> None:
    is_harsh_blame(text)  # linear-time patterns: long or odd input returns (a blow-up would hang here)
    assert HarshBlame().adjust([text], [0.5], [0.5], lambda parts: ([0.5] * len(parts),) * 3)[0].shape == (1,)


def test_the_people_blamed_come_before_the_verdict() -> None:
    assert not is_harsh_blame("These caps are useless on this gun, before they can fire.")
    assert is_harsh_blame("Shame on you.") and not is_harsh_blame("I should be ashamed.")
