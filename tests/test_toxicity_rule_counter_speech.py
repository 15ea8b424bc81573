"""The counter-speech recognizer (ml_backend/toxicity/recognizers/counter_speech.py).

Pins which sentences it picks and that, inside the engine, it only ever lowers a text that holds one; its quality
on unseen data is printed by ``python -m ml_backend.evaluate_toxicity_rules`` (not asserted here).
"""

from __future__ import annotations

import doctest
import time

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ml_backend.evaluate_toxicity_counter_speech import load_cases
from ml_backend.toxicity import get_toxicity_engine
from ml_backend.toxicity.recognizers import counter_speech
from ml_backend.toxicity.recognizers.counter_speech import CAP, CounterSpeech, is_counter_speech


def test_doctests() -> None:
    assert doctest.testmod(counter_speech).failed == 0


@pytest.mark.parametrize("sentence", [
    "Claiming that women can't lead is sexist nonsense.",
    "The mayor condemned the slogans painted on the mosque.",
    "People saying refugees are rapists should be ashamed; it is a lie.",
    "Stop calling the new neighbours thieves.",                          # condemns by itself
    "Some guy on the train yelled at my brother to go home.",            # abuse reported by its target
    "Why do so many people still think that Irish people are drunks?",   # questions a claim
    "If someone calls your son a slur, what should you do?",             # asks how to answer one
    "Bullying a kid for his religion is cowardly and cruel.",            # an act of abuse condemned
    "Don't listen to anyone who says the Roma are thieves.",
])
def test_picks_a_reported_claim_that_is_condemned(sentence: str) -> None:
    assert is_counter_speech(sentence)


@pytest.mark.parametrize("sentence", [
    "Refugees are rapists.",              # the claim alone
    "That is racist.",                   # a condemnation alone
    "Saying it louder will not help.",   # a report alone
    "",
    "Being gay is wrong.",               # not every gerund reports an act: this is the claim itself
    "I called my brother a coward.",     # the speaker's own insult, not abuse reported by its target
    "This is why people think immigrants are criminals.",   # "why people think" but not a question
    "It's not racist to say they are animals, it's a fact.",   # hedge: the frame is denied
    "People who say refugees are rapists are right.",          # hedge: the report is endorsed
    "Calling them animals is an insult to animals.",           # hedge
])
def test_leaves_a_sentence_without_both_frames(sentence: str) -> None:
    assert not is_counter_speech(sentence)


def _scorer(texts):
    """A stand-in for the engine's scorer: "vermin" is toxic, "damn" is profane (the real one is used below)."""
    toxic = np.asarray([0.9 if "vermin" in t else 0.1 for t in texts])
    return toxic, toxic - 0.05, np.asarray([0.9 if "damn" in t else 0.0 for t in texts])


def test_caps_only_the_sentence_it_picks_and_keeps_profanity_at_level_1() -> None:
    texts = ["Nice day. Calling them vermin is racist.", "Have a nice day.", "Calling them vermin is damn racist."]
    toxic, severe = CounterSpeech().adjust(texts, np.full(3, 0.9), np.full(3, 0.8), _scorer)
    assert toxic[0] == CAP and severe[0] == CAP  # its worst sentence is capped; the other one scores 0.1
    assert toxic[1] == 0.9 and severe[1] == 0.8  # no counter-speech: untouched
    assert toxic[2] == 0.9 and severe[2] == CAP  # alt-profanity-check flags a word: at most level 1


def test_in_the_engine_it_only_lowers() -> None:
    engine = get_toxicity_engine()
    only = engine.with_recognizers([CounterSpeech()])
    plain = engine.with_recognizers(())
    texts = ["Saying that immigrants are vermin is dehumanising and wrong.", "Immigrants are vermin.",
             "What a lovely morning."]
    a, b = only.probabilities(texts), plain.probabilities(texts)
    assert a[0] < b[0] and a[0] <= CAP
    assert a[1:] == b[1:]


def test_the_written_cases_through_the_engine_beat_the_engine_without_recognizers() -> None:
    """The counter-speech set (tests/data/toxicity_counter_speech_cases.json): with its recognizers the engine gets
    more of it right than without them, on the part the rules were written from AND on the fresh part, and the
    hard negatives (toxic despite the frame) stay toxic; exact counts: ``python -m
    ml_backend.evaluate_toxicity_counter_speech``."""
    engine = get_toxicity_engine()
    rows = load_cases()
    for split in ("dev", "fresh"):
        part = [r for r in rows if r["split"] == split]
        texts = [r["text"] for r in part]
        with_rules = [s.level for s in engine.score_batch(texts)]
        without = [s.level for s in engine.with_recognizers(()).score_batch(texts)]
        right = lambda levels: sum(lv in r["ok"] for lv, r in zip(levels, part))  # noqa: E731
        assert right(with_rules) >= right(without) + len(part) // 5, split
        hard = [lv for lv, r in zip(with_rules, part) if r["kind"] in ("hard_negative", "plain_hate")]
        hard_without = [lv for lv, r in zip(without, part) if r["kind"] in ("hard_negative", "plain_hate")]
        assert sum(lv > 0 for lv in hard) == sum(lv > 0 for lv in hard_without), split


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("you'll I kill break your them said racist ,.!?")), max_size=3000)
       | st.text(max_size=3000))
def test_any_text_is_read_quickly(text: str) -> None:
    start = time.perf_counter()
    assert is_counter_speech(text) in (True, False)
    assert time.perf_counter() - start < 0.5  # linear-time patterns: no blow-up on long or odd input
