"""The negated-hate recognizer (ml_backend/toxicity/recognizers/negated_hate.py) and the hedges it shares with
counter-speech (ml_backend/toxicity/recognizers/hedges.py).

Pins which sentences it picks and that, inside the engine, it only lowers a text that holds one; its quality on
unseen data is printed by ``python -m ml_backend.evaluate_toxicity_rules`` (not asserted here).
"""

from __future__ import annotations

import doctest
import time

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ml_backend.toxicity import get_toxicity_engine
from ml_backend.toxicity.recognizers import hedges, negated_hate
from ml_backend.toxicity.recognizers.hedges import is_hedged
from ml_backend.toxicity.recognizers.negated_hate import NegatedHate, is_negated_hate
from ml_backend.toxicity.recognizers.units import CAP


def test_doctests() -> None:
    assert doctest.testmod(negated_hate).failed == 0
    assert doctest.testmod(hedges).failed == 0


@pytest.mark.parametrize("sentence", [
    "It is a myth that single mothers are lazy.",
    "There's no proof that refugees bring disease.",
    "I'd never call a Muslim a terrorist.",
    "I have never thought that Black women are aggressive.",
    "I don't for one moment believe Catholics are stupid.",
    "Nobody deserves to be mocked for their accent.",
    "Deaf people are not broken.",
    "Working mothers aren't bad parents.",
    "Muslims are no more violent than Christians.",
    "Being poor doesn't make you a criminal.",
])
def test_picks_a_denied_claim(sentence: str) -> None:
    assert is_negated_hate(sentence)


@pytest.mark.parametrize("sentence", [
    "Immigrants are evil.",                                     # no denial
    "Refugees are not human.",                                  # a good thing denied: hateful
    "Jews don't belong here.",
    "I don't think they are human.",
    "They are not welcome here.",                               # a pronoun, not a group
    "You are not smart.",                                       # aimed at the reader
    "Women are not bad drivers, but they are terrible at parking.",   # the claim comes back
    "There is no evidence that the Holocaust happened.",        # a denied atrocity
    "I'm not saying they are rats, but they are.",              # hedge
    "Not all of them are thieves, just most.",                  # hedge
    "Blacks are no better than animals.",                       # hedge
    "",
])
def test_leaves_hate_that_only_looks_negated(sentence: str) -> None:
    assert not is_negated_hate(sentence)


@pytest.mark.parametrize("sentence, hedged", [
    ("No offence, but you are a clown.", True),
    ("With all due respect, your people are a plague.", True),
    ("I'm not racist but they should all go back.", True),
    ("Saying so isn't hate, it's the truth.", True),
    ("It's not true that old people are useless.", False),
    ("Calling them rats is racist.", False),
])
def test_hedges(sentence: str, hedged: bool) -> None:
    assert is_hedged(sentence) is hedged


def _scorer(texts):
    """A stand-in for the engine's scorer: "vermin" is toxic, "damn" is profane (the real one is used below)."""
    toxic = np.asarray([0.9 if "vermin" in t else 0.1 for t in texts])
    return toxic, toxic - 0.05, np.asarray([0.9 if "damn" in t else 0.0 for t in texts])


def test_caps_only_texts_with_a_denial() -> None:
    texts = ["Sunny. Immigrants are not vermin.", "Immigrants are vermin.", "Immigrants are not damn vermin."]
    toxic, severe = NegatedHate().adjust(texts, np.full(3, 0.9), np.full(3, 0.8), _scorer)
    assert toxic[0] == CAP and severe[0] == CAP
    assert toxic[1] == 0.9 and severe[1] == 0.8
    assert toxic[2] == 0.9 and severe[2] == CAP   # a flagged word: at most level 1


def test_in_the_engine_it_only_lowers() -> None:
    engine = get_toxicity_engine()
    only = engine.with_recognizers([NegatedHate()])
    plain = engine.with_recognizers(())
    texts = ["It's not true that immigrants are criminals.", "Immigrants are criminals.", "What a lovely morning."]
    a, b = only.probabilities(texts), plain.probabilities(texts)
    assert a[0] < b[0] and a[0] <= CAP
    assert a[1:] == b[1:]
    assert engine.score("Immigrants are not human, they are animals.").level == 2


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("not never are is don't no but just people they I said ,.!?")),
               max_size=3000) | st.text(max_size=3000))
def test_any_text_is_read_quickly(text: str) -> None:
    start = time.perf_counter()
    assert is_negated_hate(text) in (True, False)
    assert is_hedged(text) in (True, False)
    assert time.perf_counter() - start < 0.5  # linear-time patterns: no blow-up on long or odd input
