"""The slur-mentions recognizer (ml_backend/toxicity/recognizers/slur_mentions.py).

Pins which sentences it picks and which it leaves alone, and what it does inside the engine; quality on unseen
data: ``python -m ml_backend.evaluate_toxicity_rules`` and the round-5 cases (not asserted here).
"""

from __future__ import annotations

import doctest

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ml_backend.toxicity import get_toxicity_engine
from ml_backend.toxicity.recognizers import slur_mentions
from ml_backend.toxicity.recognizers.slur_mentions import SlurMentions, is_slur_mention


def test_doctests() -> None:
    assert doctest.testmod(slur_mentions).failed == 0


@pytest.mark.parametrize("sentence", [
    'Racial slurs have no place in this club.',
    'The study counted how often slurs appear in game chats.',
    'She was banned for using a slur against a teammate.',
    'Homophobic slurs hurt kids more than adults think.',
    'Saying the n-word is never okay.',
])
def test_picks(sentence: str) -> None:
    assert is_slur_mention(sentence)


@pytest.mark.parametrize("sentence", [
    'He called me a slur.',
    'Slurs are just words, get over it.',
    'You slur-spewing idiot.',
    "It's not racist to use slurs about them, it's the truth.",
    'That word means something else.',
    '',
])
def test_leaves_alone(sentence: str) -> None:
    assert not (is_slur_mention(sentence))


def test_in_the_engine() -> None:
    engine = get_toxicity_engine()
    only = engine.with_recognizers([SlurMentions()])
    texts = [
        'Calling someone a slur because of their religion is never acceptable.',
        'Go back to your country, you dirty Muslim.',
    ]
    got = [s.level for s in only.score_batch(texts)]
    assert got == [0, 2]


#: The characters of hostile random texts: this recognizer's trigger words and punctuation.
ALPHABET = "slur slurs racial never acceptable the article quoted you 'x' ,.!?'\n "


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(ALPHABET)), max_size=6_000) | st.text(max_size=6_000))
def test_any_text(text: str) -> None:
    is_slur_mention(text)  # linear-time patterns: long or odd input returns (a blow-up would hang here)
    assert SlurMentions().adjust([text], [0.5], [0.5], lambda parts: ([0.5] * len(parts),) * 3)[0].shape == (1,)
