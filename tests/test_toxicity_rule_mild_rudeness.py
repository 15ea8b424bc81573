"""The mild-rudeness recognizer (ml_backend/toxicity/recognizers/mild_rudeness.py).

Pins which sentences it picks, that inside the engine it raises a clean text to level 1 (never to 2) and leaves
others alone; quality on unseen data: ``python -m ml_backend.evaluate_toxicity_rules`` (not asserted here).
"""

from __future__ import annotations

import doctest
import time

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ml_backend.toxicity import get_toxicity_engine
from ml_backend.toxicity.recognizers import mild_rudeness
from ml_backend.toxicity.recognizers.mild_rudeness import FLOOR, MildRudeness, is_mild_rudeness


def test_doctests() -> None:
    assert doctest.testmod(mild_rudeness).failed == 0


@pytest.mark.parametrize("sentence", [
    "Who cares.",
    "Go away already.",
    "Get a grip, mate.",
    "You don't know the first thing about engines.",
    "Have you even read the thread?",
    "Spoken like a true keyboard warrior.",
    "Thanks, Captain Obvious.",
    "Okay boomer, whatever.",
])
def test_picks_a_dismissal(sentence: str) -> None:
    assert is_mild_rudeness(sentence)


@pytest.mark.parametrize("sentence", [
    "Nobody asked me to come, but I'm glad I did.",
    "Grow up to be kind.",
    "Sit down at the table, dinner is ready.",
    "I have no idea what you mean, could you explain?",
    "The snowflakes melted.",
    "He told me to get lost.",                        # reported by its target: counter-speech
    "",
])
def test_leaves_plain_sentences(sentence: str) -> None:
    assert not is_mild_rudeness(sentence)


def test_raises_only_clean_texts_and_only_to_level_one() -> None:
    texts = ["Nobody asked.", "Nobody asked.", "What a lovely day."]
    toxic = np.asarray([0.3, 0.9, 0.2])
    severe = np.asarray([0.55, 0.8, 0.1])   # the head's shifted level-2 odds can exceed its P(toxic)
    t, s = MildRudeness().adjust(texts, toxic, severe, scorer=None)
    assert t.tolist() == [FLOOR, 0.9, 0.2] and s.tolist() == [0.3, 0.8, 0.1]


def test_in_the_engine() -> None:
    engine = get_toxicity_engine()
    only, plain = engine.with_recognizers([MildRudeness()]), engine.with_recognizers(())
    texts = ["Get lost.", "Typical snowflake.", "Get lost, you worthless idiot.", "Get lost in a book."]
    a, b = only.score_batch(texts), plain.score_batch(texts)
    assert [s.level for s in a[:2]] == [1, 1] and [s.level for s in b[:2]] == [0, 0]
    assert a[2] == b[2] and a[3] == b[3]


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("get lost nobody asked you clearly have no idea typical ,.!?'\n ")),
               max_size=10_000) | st.text(max_size=10_000))
def test_any_text_is_read_quickly(text: str) -> None:
    start = time.perf_counter()
    assert is_mild_rudeness(text) in (True, False)
    assert time.perf_counter() - start < 1.0  # linear-time patterns: no blow-up on long or odd input


@pytest.mark.parametrize("text", [
    "nobody " * 1400, "get lost " * 1100, "you clearly " * 830, "typical " * 1200 + "snowflake",
    "wow, what a " * 830, "did you even " * 770, "y" * 10_000,
])
def test_long_hostile_strings(text: str) -> None:
    start = time.perf_counter()
    is_mild_rudeness(text)
    assert time.perf_counter() - start < 1.0


@pytest.mark.parametrize("sentence, picked", [
    ("No idea what you're on about, mate.", True),
    ("You honestly have no idea what you are talking about.", True),
    ("I have no idea what you're talking about.", False),        # the speaker's own confusion
    ("You have no idea how happy I am.", False),
    ("He needs to go away for a while.", False),                  # about someone, not said to them
    ("@someone go away", True),
])
def test_who_is_dismissed(sentence: str, picked: bool) -> None:
    assert is_mild_rudeness(sentence) is picked
