"""The affectionate-insult recognizer (ml_backend/toxicity/recognizers/affectionate_insult.py).

Pins which sentences it picks and which it leaves alone, and what it does inside the engine; quality on unseen
data: ``python -m ml_backend.evaluate_toxicity_rules`` and the round-5 cases (not asserted here).
"""

from __future__ import annotations

import doctest

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ml_backend.toxicity import get_toxicity_engine
from ml_backend.toxicity.recognizers import affectionate_insult
from ml_backend.toxicity.recognizers.affectionate_insult import AffectionateInsult, is_affectionate_insult


def test_doctests() -> None:
    assert doctest.testmod(affectionate_insult).failed == 0


@pytest.mark.parametrize("sentence", [
    'My dad is a goofball and I love him.',
    'You silly goose, I missed you!',
    "He's a dork, but he's our dork.",
    'My brother is a lovable idiot.',
])
def test_picks(sentence: str) -> None:
    assert is_affectionate_insult(sentence)


@pytest.mark.parametrize("sentence", [
    "He's an idiot and I hate him.",
    'You idiot, I love how wrong you are, loser.',
    'I love you.',
    'My brother is an idiot.',
    '',
])
def test_leaves_alone(sentence: str) -> None:
    assert not (is_affectionate_insult(sentence))


def test_in_the_engine() -> None:
    engine = get_toxicity_engine()
    only = engine.with_recognizers([AffectionateInsult()])
    texts = ["He's such an idiot sometimes, but I love him.", "He's an idiot and I hate him."]
    got = [s.level for s in only.score_batch(texts)]
    assert got == [1, 2]


#: The characters of hostile random texts: this recognizer's trigger words and punctuation.
ALPHABET = "He's an idiot but I love him you dork ,.!?'\n "


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(ALPHABET)), max_size=6_000) | st.text(max_size=6_000))
def test_any_text(text: str) -> None:
    is_affectionate_insult(text)  # linear-time patterns: long or odd input returns (a blow-up would hang here)
    assert AffectionateInsult().adjust([text], [0.5], [0.5], lambda parts: ([0.5] * len(parts),) * 3)[0].shape == (1,)
