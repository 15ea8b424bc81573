"""The threats recognizer (ml_backend/toxicity/recognizers/threats.py).

Pins which sentences it picks and that, inside the engine, it only ever raises a text that holds one; its quality
on unseen data is printed by ``python -m ml_backend.evaluate_toxicity_rules`` (not asserted here).
"""

from __future__ import annotations

import doctest
import time

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ml_backend.toxicity import get_toxicity_engine
from ml_backend.toxicity.recognizers import threats
from ml_backend.toxicity.recognizers.threats import FLOOR, Threats, is_threat


def test_doctests() -> None:
    assert doctest.testmod(threats).failed == 0


@pytest.mark.parametrize("sentence", [
    "If you show up again I'm going to break your jaw.",
    "We will burn your shop down.",
    "I'll find you, and I'll kill you.",
    "I know where you live.",
    "Keep talking and you'll regret it.",
])
def test_picks_a_threat(sentence: str) -> None:
    assert is_threat(sentence)


@pytest.mark.parametrize("sentence", [
    "I'll break the news to them gently.",         # harm verb, but not at someone
    "I'm going to kill it at the interview.",      # success
    "I'll beat you at chess tomorrow.",            # a game
    "In the film, the villain says he'll shoot them all.",  # staged
    "I will direct you to someone who can help with the broken lock and the rest of it.",
    "Someone broke my window.",                    # no intent
    "",
])
def test_leaves_what_is_not_a_threat(sentence: str) -> None:
    assert not is_threat(sentence)


def test_raises_only_the_texts_it_picks() -> None:
    texts = ["Hello there. I'm going to smash your face in.", "Have a nice day."]
    toxic, severe = Threats().adjust(texts, np.array([0.2, 0.2]), np.array([0.1, 0.1]), scorer=None)
    assert toxic.tolist() == [FLOOR, 0.2] and severe.tolist() == [FLOOR, 0.1]


def test_in_the_engine_it_makes_a_threat_level_2_and_leaves_the_rest() -> None:
    engine = get_toxicity_engine()
    only = engine.with_recognizers([Threats()])
    plain = engine.with_recognizers(())
    texts = ["I'm coming to your office with a knife tomorrow.", "What a lovely morning."]
    assert [s.level for s in only.score_batch(texts)] == [2, 0]
    assert only.probabilities(texts)[1] == plain.probabilities(texts)[1]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("you'll I kill break your them said racist ,.!?")), max_size=3000)
       | st.text(max_size=3000))
def test_any_text_is_read_quickly(text: str) -> None:
    start = time.perf_counter()
    assert is_threat(text) in (True, False)
    assert time.perf_counter() - start < 0.5  # linear-time patterns: no blow-up on long or odd input
