"""The stereotypes recognizer (ml_backend/toxicity/recognizers/stereotypes.py).

Pins which sentences it picks, that reports and denials of a stereotype are left alone, and that inside the
engine it only raises; its quality on unseen data: ``python -m ml_backend.evaluate_toxicity_rules``.
"""

from __future__ import annotations

import doctest
import time

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ml_backend.toxicity import get_toxicity_engine
from ml_backend.toxicity.recognizers import stereotypes
from ml_backend.toxicity.recognizers.stereotypes import FLOOR, Stereotypes, is_stereotype


def test_doctests() -> None:
    assert doctest.testmod(stereotypes).failed == 0


@pytest.mark.parametrize("sentence", [
    "Girls are too weak for real sports.",
    "All Arabs can't be trusted.",
    "Deaf people shouldn't be allowed to drive.",
    "Those immigrants are a drain on the system.",
    "Roma will never integrate.",
    "Most Chinese only care about money.",
])
def test_picks_a_stereotype(sentence: str) -> None:
    assert is_stereotype(sentence)


@pytest.mark.parametrize("sentence", [
    "It's a myth that women are too emotional to lead.",       # denied (negated hate)
    "Saying Muslims can never be trusted is bigotry.",          # condemned (counter-speech)
    "Women should not be allowed to be paid less.",             # protective
    "Refugees are too scared to go home.",                      # not a stereotype's adjective
    "My neighbours can never be trusted with a secret.",        # no group
    "They say women are too emotional.",                        # the group does not open the sentence
    "",
])
def test_leaves_reports_denials_and_plain_sentences(sentence: str) -> None:
    assert not is_stereotype(sentence)


def test_raises_only_picked_texts() -> None:
    texts = ["Nice day. Women belong in the kitchen.", "Women belong to every profession."]
    toxic, severe = Stereotypes().adjust(texts, np.full(2, 0.2), np.full(2, 0.1), scorer=None)
    assert toxic.tolist() == [FLOOR, 0.2] and severe.tolist() == [FLOOR, 0.1]


def test_in_the_engine_it_only_raises() -> None:
    engine = get_toxicity_engine()
    only, plain = engine.with_recognizers([Stereotypes()]), engine.with_recognizers(())
    texts = ["Women belong in the kitchen.", "Women belong in every boardroom.", "Lovely morning."]
    a, b = only.score_batch(texts), plain.score_batch(texts)
    assert a[0].level == 2 and a[1:] == b[1:]


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("Women Muslims are too weak to can never be trusted all ,.!?'\n ")),
               max_size=10_000) | st.text(max_size=10_000))
def test_any_text_is_read_quickly(text: str) -> None:
    start = time.perf_counter()
    assert is_stereotype(text) in (True, False)
    assert time.perf_counter() - start < 1.0  # linear-time patterns: no blow-up on long or odd input


@pytest.mark.parametrize("text", [
    "women " * 1700, "Muslims are too " * 625, "all most these " * 660, "Jews " * 2000, "z" * 10_000,
])
def test_long_hostile_strings(text: str) -> None:
    start = time.perf_counter()
    is_stereotype(text)
    assert time.perf_counter() - start < 1.0
