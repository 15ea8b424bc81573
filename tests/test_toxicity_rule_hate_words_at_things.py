"""The hate-words-at-things recognizer (ml_backend/toxicity/recognizers/hate_words_at_things.py).

Pins which sentences it rewrites (and how), that it leaves hate and violence at people alone, and that inside
the engine it only lowers, keeping a swear word's level; quality on unseen data: ``python -m
ml_backend.evaluate_toxicity_rules`` (not asserted here).
"""

from __future__ import annotations

import doctest
import time

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ml_backend.toxicity import get_toxicity_engine
from ml_backend.toxicity.recognizers import hate_words_at_things
from ml_backend.toxicity.recognizers.hate_words_at_things import HateWordsAtThings, mild


def test_doctests() -> None:
    assert doctest.testmod(hate_words_at_things).failed == 0


@pytest.mark.parametrize("sentence, rewritten", [
    ("We really hate rainy Tuesdays.", "We really dislike rainy Tuesdays."),
    ("I can't stand queues at the post office.", "I dislike queues at the post office."),
    ("This commute is killing me.", "This commute is bothering me."),
    ("The stairs are murdering my knees.", "The stairs are bothering my knees."),
    ("That spreadsheet will be the death of me.", "That spreadsheet is too much for me."),
    ("He absolutely nailed it.", "He absolutely doing great."),
    ("Our puppy is a cheeky little monster.", "Our puppy is a cheeky little rascal."),
])
def test_rewrites_harmless_uses(sentence: str, rewritten: str) -> None:
    assert mild(sentence) == rewritten


@pytest.mark.parametrize("sentence", [
    "I hate you.",                      # the reader
    "I hate them all.",                 # people
    "I hate Muslims.",                  # a group
    "I hate Kevin from accounting.",    # a name
    "I hate it when women drive.",      # a group in the clause
    "Immigrants are killing our towns.",
    "I'm going to kill my neighbour.",  # an intent (the threats recognizer's)
    "Muslims are killing it.",          # about a group: left to the head
    "",
])
def test_leaves_people_alone(sentence: str) -> None:
    assert mild(sentence) is None


def test_only_picked_texts_change_and_never_rise() -> None:
    def scorer(parts):
        t = np.asarray([0.9 if ("hate" in p or "kill" in p) else 0.2 for p in parts])
        return t, t, np.zeros(len(parts))

    texts = ["I hate Mondays.", "I hate you.", "Fine. This cold is killing me."]
    toxic, severe = HateWordsAtThings().adjust(texts, np.full(3, 0.8), np.full(3, 0.7), scorer)
    assert toxic.tolist() == [0.2, 0.8, 0.2] and severe.tolist() == [0.2, 0.7, 0.2]
    toxic, _ = HateWordsAtThings().adjust(texts, np.full(3, 0.1), np.full(3, 0.1), scorer)
    assert toxic.tolist() == [0.1, 0.1, 0.1]


def test_in_the_engine() -> None:
    engine = get_toxicity_engine()
    only, plain = engine.with_recognizers([HateWordsAtThings()]), engine.with_recognizers(())
    texts = ["These boots are murdering my feet.", "I hate Muslims.", "This fucking bug is killing me."]
    a, b = only.score_batch(texts), plain.score_batch(texts)
    assert b[0].level > 0 and a[0].level == 0
    assert a[1] == b[1] and a[1].level == 2
    assert a[2].level == 1   # the swear word keeps level 1 ("slight"): only "killing" was made mild


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("I we hate really killing me my it little monster You ,.!?'\n ")),
               max_size=10_000) | st.text(max_size=10_000))
def test_any_text_is_read_quickly(text: str) -> None:
    start = time.perf_counter()
    assert mild(text) is None or isinstance(mild(text), str)
    assert time.perf_counter() - start < 1.0  # linear-time patterns: no blow-up on long or odd input


@pytest.mark.parametrize("text", [
    "I really really " * 700, "I hate " * 1400, "is killing me " * 700, "killing it " * 900,
    "little monster " * 650, "We absolutely honestly " * 430 + "hate it", "x" * 10_000,
])
def test_long_hostile_strings(text: str) -> None:
    start = time.perf_counter()
    mild(text)
    assert time.perf_counter() - start < 1.0
